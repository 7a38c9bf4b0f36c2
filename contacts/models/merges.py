from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OrganisationMerge(models.Model):
    """A dated decision merging organisations: "A and B become C" (C made first, then A
    and B merged into it) or "A is absorbed by B". Applied by `contacts.services.merges`;
    `counts` keeps what moved, per kind of record."""

    successor = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("successor"),
        on_delete=models.PROTECT,
        related_name="merges_received",
    )
    decision = models.CharField(
        _("decision"), max_length=200, help_text=_("e.g. Nghị quyết số 1664/NQ-UBTVQH15")
    )
    decided_on = models.DateField(_("date of the decision"))
    applied_at = models.DateTimeField(_("applied at"), default=timezone.now)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("applied by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    counts = models.JSONField(_("records moved"), default=dict, blank=True)

    class Meta:
        verbose_name = _("organisation merger")
        verbose_name_plural = _("organisation mergers")
        ordering = ["-decided_on", "-pk"]

    def __str__(self):
        return f"{self.decision} → {self.successor}"


class FormerName(models.Model):
    """A name an organisation's predecessor had before a merger: searching it finds the
    successor, and the predecessor itself is kept (inactive) as "name (cũ)"."""

    organisation = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="former_names",
    )
    name = models.CharField(_("former name"), max_length=255)
    predecessor = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("predecessor"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    merge = models.ForeignKey(
        OrganisationMerge,
        verbose_name=_("merger"),
        on_delete=models.CASCADE,
        related_name="former_names",
    )

    class Meta:
        verbose_name = _("former name")
        verbose_name_plural = _("former names")
        ordering = ["name"]

    def __str__(self):
        return self.name
