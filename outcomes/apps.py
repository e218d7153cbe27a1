from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "outcomes"
    verbose_name = _("Outcomes")

    def ready(self):
        from wagtail.signals import published

        from .models import Recommendation
        from .receivers import recommendation_published

        published.connect(recommendation_published, sender=Recommendation, dispatch_uid="outcomes-citation-notices")
