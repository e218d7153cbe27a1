from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The WGIGF demo content (`manage.py seed_demo`): the top layer, which nothing a deployment needs imports."""

    name = "demo"
    verbose_name = _("Demo content")
