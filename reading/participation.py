"""What a call has received so far, per stakeholder group and per regional group, for the public: counts
only, so that under-represented groups can be invited.

Counted: confirmed inputs, published or not (never unconfirmed, expired or withdrawn ones). No two
dimensions are crossed, and a count below `SMALL` (but above nought) reads "fewer than 3", so that no number
points at one organisation (for example the single government of a region).
"""

from django.db.models import Count, Max

from portal.i18n import localized_all
from reference.models import RegionalGroup, StakeholderGroup
from submissions.models import Submission, SubmissionStatus

SMALL = 3


def confirmed_inputs(call):
    return Submission.objects.filter(call=call, status=SubmissionStatus.RECEIVED).order_by()


def shown(count: int) -> dict:
    return {"count": count, "is_small": 0 < count < SMALL}


def participation_counts(call) -> dict:
    """The call's confirmed inputs by stakeholder group and by regional group (None: no country)."""
    confirmed = confirmed_inputs(call)
    by_group = dict(confirmed.values_list("stakeholder_group__code").annotate(count=Count("pk")))
    by_region = dict(confirmed.values_list("country__regional_group__code").annotate(count=Count("pk")))
    groups = localized_all(StakeholderGroup.objects.filter(locale=call.locale))
    return {
        "total": sum(by_group.values()),
        "small": SMALL,
        "by_stakeholder_group": [(group, shown(by_group.get(group.code, 0))) for group in groups],
        "by_regional_group": [(region, shown(by_region.get(region.code, 0))) for region in RegionalGroup.objects.all()]
        + [(None, shown(by_region.get(None, 0)))],
    }


def participation_version(call) -> str:
    """Changes whenever a count may: an input confirmed, edited or withdrawn (the cached page's key)."""
    state = confirmed_inputs(call).aggregate(
        count=Count("pk"), changed=Max("updated_at"), confirmed=Max("confirmed_at")
    )
    return f"{state['count']}|{state['changed']}|{state['confirmed']}"
