"""The drafters' warning on a recommendation's form: citations whose words the public can no longer read."""

from wagtail.admin.panels import Panel


class CitationChecksPanel(Panel):
    """Lists the citations of the saved recommendation whose input was unpublished or whose passage was
    redacted or edited away since it was cited: the public sees none of their words."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "outcomes/panels/citation_checks.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            from .citations import citations_flagged  # the models import this module: read them at use
            from .models import Citation

            pk = getattr(self.instance, "pk", None)
            self.flagged = citations_flagged(Citation.objects.filter(recommendation_id=pk)) if pk else []

        def is_shown(self):
            return bool(self.flagged)

        def get_context_data(self, parent_context=None):
            return {**super().get_context_data(parent_context), "flagged": self.flagged}
