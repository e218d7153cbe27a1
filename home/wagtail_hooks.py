"""Admin hooks of the public site: edits of reference data change what the public reads."""

from wagtail import hooks

from reading.public_cache import SITE, public_content_changed


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
@hooks.register("after_delete_snippet")
def public_content_changed_by_snippet(request, instances_or_instance):
    """Reference data (topic areas, groups, countries) is shown on public pages: their copies are stale."""
    public_content_changed(SITE)
