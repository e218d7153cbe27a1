from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadingConfig(AppConfig):
    name = "reading"
    verbose_name = _("Public reading")

    def ready(self):
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model
        from wagtail.models import Page, PageViewRestriction, Site
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from django.db.models.signals import post_delete, post_save

        from review.signals import publication_changed
        from submissions.submitter_status import public_url_provider_register

        from . import api_outcomes  # noqa: F401  (adds the outcomes to the open-data API)
        from .pages import published_input_url
        from .public_cache import input_changed_by_signal, outcomes_changed_by_signal, site_changed_by_signal
        from .receivers import publication_changed_received

        # The site's scope: a page published, unpublished (from the admin or by the schedule), moved or
        # deleted, a page's privacy or a site's address changed (cached copies are found before routing), a
        # document or image the pages show edited.
        page_published.connect(site_changed_by_signal, dispatch_uid="public-cache-published")
        page_unpublished.connect(site_changed_by_signal, dispatch_uid="public-cache-unpublished")
        post_page_move.connect(site_changed_by_signal, dispatch_uid="public-cache-moved")
        post_delete.connect(site_changed_by_signal, sender=Page, dispatch_uid="public-cache-page-deleted")
        for model in (PageViewRestriction, Site, get_document_model(), get_image_model()):
            post_save.connect(site_changed_by_signal, sender=model, dispatch_uid=f"public-cache-{model}")
            post_delete.connect(site_changed_by_signal, sender=model, dispatch_uid=f"public-cache-d-{model}")
        # Every change of publication the review reports: the input's own scope here, the inputs as a whole
        # (and the public index) in reading.receivers.
        publication_changed.connect(input_changed_by_signal, dispatch_uid="public-cache-input")
        publication_changed.connect(publication_changed_received, dispatch_uid="public-cache-publication")
        # The submitter's private page and mails link to the public page of their published input.
        public_url_provider_register(published_input_url)
        # The outcomes' scope: any change of them (a recommendation published or withdrawn, progress, a
        # meeting, a snapshot …); drafts save rows too, which only retires the cache early.
        for model in outcomes_public_models():
            post_save.connect(outcomes_changed_by_signal, sender=model, dispatch_uid=f"public-cache-{model}")
            post_delete.connect(outcomes_changed_by_signal, sender=model, dispatch_uid=f"public-cache-d-{model}")


def outcomes_public_models():
    from outcomes import models

    return [
        models.Recommendation,
        models.Alternative,
        models.Citation,
        models.Task,
        models.Progress,
        models.Milestone,
        models.ResponsibleBody,
        models.Snapshot,
        models.Meeting,
        models.AgendaItem,
        models.Agreement,
        models.MeetingDocument,
        models.Member,
    ]
