"""Admin screens of the review side: who reviews which call, and each reviewer's alert choice."""

from wagtail import hooks
from wagtail.admin.views.account import BaseSettingsPanel, notifications_tab
from wagtail.admin.viewsets.model import ModelViewSet

from django.utils.translation import gettext_lazy as _

from .forms import ReviewerPreferenceForm
from .models import CallReviewer, ReviewerPreference


class CallReviewerViewSet(ModelViewSet):
    model = CallReviewer
    icon = "user"
    menu_label = _("Call reviewers")
    add_to_settings_menu = True
    name = "call_reviewers"
    form_fields = ["call", "user"]
    list_display = ["user", "call"]
    list_filter = ["call"]
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_call_reviewer_viewset():
    return CallReviewerViewSet()


class NewInputAlertsPanel(BaseSettingsPanel):
    """In the reviewer's own account settings: alerts at once, in a daily digest, or none."""

    name = "new_input_alerts"
    title = _("New inputs")
    tab = notifications_tab
    order = 200
    form_class = ReviewerPreferenceForm

    def is_active(self):
        return CallReviewer.objects.filter(user=self.user).exists() or self.user.is_superuser

    def get_form(self):
        preference, _created = ReviewerPreference.objects.get_or_create(user=self.user)
        data = (self.request.POST, self.request.FILES) if self.request.method == "POST" else ()
        return self.form_class(*data, instance=preference, prefix=self.name)


@hooks.register("register_account_settings_panel")
def register_new_input_alerts_panel(request, user, profile):
    return NewInputAlertsPanel(request, user, profile)
