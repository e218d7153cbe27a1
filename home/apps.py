from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Public site")

    def ready(self):
        from outcomes.pages import recommendation_index_finder_register
        from portal.i18n import localized
        from reading.pages import input_index_finder_register

        from . import api  # noqa: F401 (adds the calls to the open-data API)
        from .models import InputIndexPage
        from .models.outcomes import recommendation_index_find

        # The published inputs are read under the site's inputs page: the reading finds it through here.
        input_index_finder_register(lambda: localized(InputIndexPage.objects.live().filter(alias_of=None).first()))
        # A recommendation is read on its process's recommendations page, in the reader's language.
        recommendation_index_finder_register(recommendation_index_find)
