"""How drafters name what a recommendation cites: an input by its permanent reference and a passage by
the number its public anchor shows (`#passage-<number>`), never by picking from a list of every input.
Only what is published can be cited; the admin's forms use these fields for every link to an input or a
passage (`register_form_field_override`)."""

from wagtail.admin.forms.models import register_form_field_override

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from review.models import Passage
from review.publication import published_submissions
from submissions.models import Submission


class PublishedInputField(forms.ModelChoiceField):
    """A published input, typed as its reference."""

    widget = forms.TextInput
    default_error_messages = {
        "invalid_choice": _("No published input has this reference. Copy it from the input's public page.")
    }

    def __init__(self, **kwargs):
        kwargs.update(queryset=published_submissions(), to_field_name="reference")
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, Submission):
            return value.reference
        if isinstance(value, int):  # the stored id, when the form shows a saved citation
            return Submission.objects.filter(pk=value).values_list("reference", flat=True).first() or ""
        return super().prepare_value(value)


class PublishedPassageField(forms.ModelChoiceField):
    """A passage of a published input, typed as its number; never one out of date."""

    widget = forms.TextInput
    default_error_messages = {
        "invalid_choice": _(
            "No published passage has this number. It is the number after #passage- in the passage's address."
        )
    }

    def __init__(self, **kwargs):
        kwargs.update(
            queryset=Passage.objects.filter(
                submission__in=published_submissions(), is_outdated=False, redaction__isnull=True
            ),
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return value.pk if isinstance(value, Passage) else super().prepare_value(value)


register_form_field_override(models.ForeignKey, to=Submission, override={"form_class": PublishedInputField})
register_form_field_override(models.ForeignKey, to=Passage, override={"form_class": PublishedPassageField})
