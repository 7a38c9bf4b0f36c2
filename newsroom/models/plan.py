from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from newsroom.enums import PlanFormat


class PlanItem(models.Model):
    """One planned piece of the yearly coordination plan (seed 002), by quarter.

    Progress comes from the publications linked to it (the link lives here, so the
    shared Publication model stays untouched).
    """

    centre = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("media centre"),
        on_delete=models.PROTECT,
        related_name="plan_items",
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    topic = models.CharField(_("topic"), max_length=255)
    format = models.CharField(
        _("format"), max_length=20, choices=PlanFormat.choices, default=PlanFormat.REPORTAGE
    )
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=5)
    channel = models.ForeignKey(
        "newsroom.Channel",
        verbose_name=_("partner channel"),
        on_delete=models.PROTECT,
        related_name="plan_items",
    )
    responsible = models.CharField(_("responsible"), max_length=150, blank=True)
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible reporter"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    publications = models.ManyToManyField(
        "newsroom.Publication",
        verbose_name=_("publications"),
        related_name="plan_items",
        blank=True,
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        ordering = ["year", "quarter", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4), name="plan_item_quarter_1_4"
            ),
            models.UniqueConstraint(
                fields=["centre", "year", "quarter", "topic"], name="plan_item_unique_topic"
            ),
        ]

    def __str__(self):
        return f"{self.topic} ({self.quarter}/{self.year})"

    @property
    def responsible_name(self) -> str:
        if self.responsible_user_id:
            return self.responsible_user.display_name
        return self.responsible
