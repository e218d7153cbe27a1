from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReadingConfig(AppConfig):
    name = "reading"
    verbose_name = _("Public reading")

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from django.db.models.signals import post_delete, post_save

        from review.signals import publication_changed
        from submissions.submitter_status import public_url_provider_register

        from . import api_outcomes  # noqa: F401  (adds the outcomes to the open-data API)
        from .pages import published_input_url
        from .public_cache import public_content_changed_by_signal
        from .receivers import publication_changed_received

        # A page published or unpublished (from the admin or by the schedule) changes what the public reads,
        # and so does every change of publication the review reports.
        page_published.connect(public_content_changed_by_signal, dispatch_uid="public-cache-published")
        page_unpublished.connect(public_content_changed_by_signal, dispatch_uid="public-cache-unpublished")
        publication_changed.connect(publication_changed_received, dispatch_uid="public-cache-publication")
        # The submitter's private page and mails link to the public page of their published input.
        public_url_provider_register(published_input_url)
        # So does any change of the outcomes (a recommendation published or withdrawn, progress, a meeting,
        # a snapshot …); drafts save rows too, which only retires the cache early.
        for model in outcomes_public_models():
            post_save.connect(public_content_changed_by_signal, sender=model, dispatch_uid=f"public-cache-{model}")
            post_delete.connect(public_content_changed_by_signal, sender=model, dispatch_uid=f"public-cache-d-{model}")


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
