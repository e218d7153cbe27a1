"""Balance targets of a call's inputs by topic area, stakeholder group and regional group, and their alerts."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from reference.models import RegionalGroup, StakeholderGroup, TopicArea


class BalanceTarget(models.Model):
    """The fewest confirmed inputs a call should receive in one cell of topic area × stakeholder group ×
    regional group; an empty dimension means "any" (the cell is then a total)."""

    call = models.ForeignKey(
        "home.CallPage", on_delete=models.CASCADE, related_name="balance_targets", verbose_name=_("call")
    )
    topic_area = models.ForeignKey(
        TopicArea, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("topic area")
    )
    stakeholder_group = models.ForeignKey(
        StakeholderGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("stakeholder group"),
    )
    regional_group = models.ForeignKey(
        RegionalGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("regional group"),
    )
    minimum = models.PositiveIntegerField(
        _("minimum"), validators=[MinValueValidator(1)], help_text=_("The fewest confirmed inputs wanted; 1 or more.")
    )

    class Meta:
        verbose_name = _("balance target")
        verbose_name_plural = _("balance targets")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "topic_area", "stakeholder_group", "regional_group"],
                name="balance_target_unique_cell",
                nulls_distinct=False,
                violation_error_message=_(
                    "This call already has a target for this topic area, stakeholder group and regional group."
                ),
            ),
            models.CheckConstraint(condition=models.Q(minimum__gte=1), name="balance_target_minimum_positive"),
        ]

    def __str__(self):
        return f"{self.call}: {self.cell_label()} ≥ {self.minimum}"

    def cell_label(self) -> str:
        any_ = gettext("any")
        return " × ".join(
            str(value or any_)
            for value in (
                self.topic_area.code if self.topic_area else None,
                self.stakeholder_group,
                self.regional_group,
            )
        )

    def clean(self):
        if self.topic_area_id and self.call_id and self.topic_area.process_id != self.call.process_id:
            raise ValidationError({"topic_area": _("This topic area belongs to another process than the call's.")})


BALANCE_ALERT_DAYS = 7  # before the deadline, for a call whose settings nobody changed


class BalanceSettings(models.Model):
    """How many days before a call's deadline its secretariat hears of the cells under target."""

    call = models.OneToOneField(
        "home.CallPage", on_delete=models.CASCADE, related_name="balance_settings", verbose_name=_("call")
    )
    alert_days = models.PositiveSmallIntegerField(
        _("alert days before the deadline"),
        default=BALANCE_ALERT_DAYS,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("The secretariat is mailed this many days before the call closes about every cell under target."),
    )

    class Meta:
        verbose_name = _("balance alert setting")
        verbose_name_plural = _("balance alert settings")

    def __str__(self):
        return f"{self.call}: {self.alert_days}"


class BalanceAlert(models.Model):
    """A cell under target the secretariat was told of: each target is alerted once."""

    target = models.OneToOneField(BalanceTarget, on_delete=models.CASCADE, related_name="alert")
    count = models.PositiveIntegerField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("balance alert")

    def __str__(self):
        return f"{self.target}: {self.count}"
