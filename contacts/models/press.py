"""The press directory: press agencies and the entries the provincial department publishes."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from contacts.enums import ContactRole, LegalBasis, PressKind, PressLevel
from contacts.text import fold


class PressAgency(models.Model):
    """A newspaper, radio–TV station, magazine or online paper (central, sector, provincial)."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=PressLevel.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=PressKind.choices)
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("press agency")
        verbose_name_plural = _("press agencies")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # The agency's name is part of every entry's folded search text.
        refresh_search_text(self.contacts.all())


class PressContact(models.Model):
    """One entry of the directory: a representative office, a resident reporter, or an
    organisation's communications officer or spokesperson.

    Rows here are always approved: changes wait in ContactProposal until a provincial
    reviewer approves them. Each phone and e-mail is either public or internal.
    """

    role = models.CharField(_("role"), max_length=20, choices=ContactRole.choices)
    press_agency = models.ForeignKey(
        PressAgency,
        verbose_name=_("press agency"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
    )
    organisation = models.ForeignKey(
        "contacts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="press_contacts",
    )
    full_name = models.CharField(_("name"), max_length=200)
    title = models.CharField(_("job title"), max_length=200, blank=True)
    office_address = models.CharField(_("office address"), max_length=255, blank=True)
    area = models.CharField(_("area or beat"), max_length=200, blank=True)
    phone = models.CharField(_("phone (public)"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail (public)"), blank=True)
    # The legal basis for publishing each personal field; "none" keeps it private.
    # Every change is also a ConsentRecord row (who, when, how).
    phone_basis = models.CharField(
        _("basis for publishing the phone"),
        max_length=20,
        choices=LegalBasis.choices,
        default=LegalBasis.NONE,
    )
    email_basis = models.CharField(
        _("basis for publishing the e-mail"),
        max_length=20,
        choices=LegalBasis.choices,
        default=LegalBasis.NONE,
    )
    internal_phone = models.CharField(_("phone (internal)"), max_length=60, blank=True)
    internal_email = models.EmailField(_("e-mail (internal)"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    verified_on = models.DateField(_("verified on"))
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Folded copy of the searchable text (contacts.text.fold); SQLite searches this,
    # PostgreSQL searches the columns themselves through unaccent.
    search_text = models.TextField(editable=False, blank=True, default="")
    # The press agency's or organisation's name, copied: the directory is sorted by it,
    # and sorting 30,000 entries by a name two joins away cannot use an index.
    owner_name = models.CharField(max_length=255, editable=False, blank=True, default="")
    history = HistoricalRecords(excluded_fields=["search_text", "owner_name"])

    class Meta:
        verbose_name = _("press contact")
        verbose_name_plural = _("press contacts")
        ordering = ["full_name"]
        indexes = [
            models.Index(fields=["is_active", "press_agency"]),
            models.Index(fields=["owner_name", "role", "full_name"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        role__in=ContactRole.press_roles(),
                        press_agency__isnull=False,
                        organisation__isnull=True,
                    )
                    | models.Q(
                        role__in=ContactRole.organisation_roles(),
                        organisation__isnull=False,
                        press_agency__isnull=True,
                    )
                ),
                name="press_contact_belongs_to_agency_or_organisation",
            )
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.search_text = self.build_search_text()
        self.owner_name = self.build_owner_name()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            derived = [f for f in ("search_text", "owner_name") if f not in update_fields]
            kwargs["update_fields"] = [*update_fields, *derived]
        super().save(*args, **kwargs)

    def build_owner_name(self) -> str:
        owner = self.press_agency if self.press_agency_id else self.organisation
        return owner.name if owner is not None else ""

    def build_search_text(self) -> str:
        parts = [self.full_name, self.title, self.area, self.office_address]
        if self.press_agency_id:
            parts += [self.press_agency.name, self.press_agency.short_name]
        if self.organisation_id:
            parts += [self.organisation.name, self.organisation.short_name]
        return fold(" ".join(p for p in parts if p))

    @property
    def owner(self):
        """The press agency or organisation the entry belongs to."""
        return self.press_agency or self.organisation

    def basis_of(self, field: str) -> str:
        return getattr(self, f"{field}_basis")

    def is_published(self, field: str) -> bool:
        return self.basis_of(field) in LegalBasis.publishing()

    @property
    def invitation_email(self) -> str:
        return self.email or self.internal_email

    @property
    def stale_since(self):
        return self.verified_on + timedelta(days=settings.CONTACT_STALE_AFTER_DAYS)

    @property
    def is_stale(self) -> bool:
        return timezone.localdate() >= self.stale_since


# The personal fields of an entry that are published only with a basis.
CONSENT_FIELDS = ("phone", "email")


def stale_cutoff():
    """Entries verified on or before this date are stale."""
    return timezone.localdate() - timedelta(days=settings.CONTACT_STALE_AFTER_DAYS)


def refresh_search_text(contacts, batch_size: int = 500) -> int:
    """Rebuild the folded search text and the owner's name of `contacts` (after a rename
    of their agency or organisation) in a constant number of queries per batch: one read
    with the names joined, one UPDATE per batch. No history rows: neither is in the
    history."""
    changed = []
    for contact in contacts.select_related("press_agency", "organisation").order_by("pk"):
        text, owner = contact.build_search_text(), contact.build_owner_name()
        if (text, owner) != (contact.search_text, contact.owner_name):
            contact.search_text, contact.owner_name = text, owner
            changed.append(contact)
    PressContact.objects.bulk_update(changed, ["search_text", "owner_name"], batch_size=batch_size)
    return len(changed)
