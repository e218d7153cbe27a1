"""The list's bulk action buttons, only those the user may take (Wagtail's `bulk_action_choices` lists them all)."""

from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.widgets.button import ListingButton

from django import template
from django.urls import reverse

from review import permissions

register = template.Library()


@register.inclusion_tag("wagtailadmin/shared/buttons.html", takes_context=True)
def review_bulk_action_choices(context, app_label, model_name):
    actions = list(bulk_action_registry.get_bulk_actions_for_model(app_label, model_name))
    names = {getattr(action, "action_name", None) for action in actions} - {None}
    offered = permissions.actions_in_bulk_for(context["request"].user, names)
    actions = [action for action in actions if getattr(action, "action_name", None) in offered]
    return {
        "buttons": [
            ListingButton(
                action.display_name,
                reverse("wagtail_bulk_action", args=[app_label, model_name, action.action_type]),
                attrs={"aria-label": action.aria_label, "data-bulk-action-button": ""},
                priority=action.action_priority,
                classname=" ".join(action.classes | {"bulk-action-btn"}),
            )
            for action in sorted(actions, key=lambda action: action.action_priority)
        ]
    }
