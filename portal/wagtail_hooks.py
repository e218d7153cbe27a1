"""Admin screen of the sign-in throttle: administrators see who is paused, and delete a row to unlock it."""

from axes.models import AccessAttempt
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import DeleteView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from django.contrib.auth.models import Permission
from django.utils.translation import gettext_lazy as _


class SignInLockoutPolicy(ModelPermissionPolicy):
    """Superusers list failed sign-ins and delete them; nobody else, and nobody adds or edits one."""

    def user_has_permission(self, user, action):
        return action in ("view", "delete") and user.is_active and user.is_superuser

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(AccessAttempt, SignInLockoutPolicy(AccessAttempt))


class SignInLockoutDeleteView(DeleteView):
    def get_page_subtitle(self):
        return f"{self.object.username} · {self.object.ip_address}"  # axes' own name for a row is only its time


class SignInLockoutViewSet(ModelViewSet):
    model = AccessAttempt
    icon = "lock"
    menu_label = _("Sign-in lockouts")
    add_to_settings_menu = True
    name = "signin_lockouts"
    exclude_form_fields = []  # no add or edit view is reachable (SignInLockoutPolicy)
    copy_view_enabled = False
    delete_view_class = SignInLockoutDeleteView
    ordering = ["-attempt_time"]
    list_display = [
        "username",  # the title column, which carries the row's delete button
        Column("ip_address", label=_("Address")),
        Column("failures_since_start", label=_("Failures")),
        Column("attempt_time", label=_("Last attempt")),
    ]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(page_title=_("Sign-in lockouts"), **kwargs)

    def get_permissions_to_register(self):
        """None to give to groups: the screen is for superusers only."""
        return Permission.objects.none()


@hooks.register("register_admin_viewset")
def register_signin_lockout_viewset():
    return SignInLockoutViewSet()
