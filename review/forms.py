from django import forms

from .models import ReviewerPreference


class ReviewerPreferenceForm(forms.ModelForm):
    class Meta:
        model = ReviewerPreference
        fields = ["alert"]
        widgets = {"alert": forms.RadioSelect}
