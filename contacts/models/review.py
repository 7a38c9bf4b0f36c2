"""Proposed changes to the press directory, waiting for a provincial reviewer."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contacts.enums import ProposalAction, ProposalSource, ProposalStatus


class ContactProposal(models.Model):
    """A new entry, an edit or a retirement proposed by centre or agency staff.

    `data` holds the proposed values (field name → value, foreign keys as ids); nothing
    touches the live entry until a reviewer approves.
    """

    action = models.CharField(_("proposal"), max_length=10, choices=ProposalAction.choices)
    contact = models.ForeignKey(
        "contacts.PressContact",
        verbose_name=_("entry"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="proposals",
    )
    data = models.JSONField(_("proposed values"), default=dict, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ProposalStatus.choices,
        default=ProposalStatus.PENDING,
    )
    source = models.CharField(
        _("source"), max_length=10, choices=ProposalSource.choices, default=ProposalSource.FORM
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # Scoping: the proposer's colleagues see it too.
    proposer_organisation = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("proposer's organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    comment = models.TextField(_("reviewer's comment"), blank=True)

    class Meta:
        verbose_name = _("contact proposal")
        verbose_name_plural = _("contact proposals")
        ordering = ["-proposed_at"]
        indexes = [models.Index(fields=["status", "proposed_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action="new") | models.Q(contact__isnull=False),
                name="proposal_edit_or_retire_names_entry",
            )
        ]

    def __str__(self):
        return f"{self.get_action_display()} #{self.pk}"

    @property
    def entry_name(self) -> str:
        """Whom the proposal is about: the entry's name, or the proposed one for a new entry."""
        if self.contact_id:
            return self.contact.full_name
        return str((self.data or {}).get("full_name") or "")

    @property
    def is_pending(self) -> bool:
        return self.status == ProposalStatus.PENDING
