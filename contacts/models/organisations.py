from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class OrgLevel(models.Model):
    """A level of the administrative tree. Names are data: the 2025 reform removed districts."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    rank = models.PositiveSmallIntegerField(
        _("rank"), help_text=_("1 for the top level (province), larger numbers further down.")
    )
    is_locality = models.BooleanField(
        _("is a locality"),
        default=False,
        help_text=_("Communes and wards: event locations are chosen among these."),
    )

    class Meta:
        verbose_name = _("organisation level")
        verbose_name_plural = _("organisation levels")
        ordering = ["rank", "name"]

    def __str__(self):
        return self.name


class Organisation(models.Model):
    """A node of the tree: the province, a district, a commune, a department, a centre."""

    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    level = models.ForeignKey(
        OrgLevel, verbose_name=_("level"), on_delete=models.PROTECT, related_name="organisations"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    is_newsroom = models.BooleanField(
        _("is a media centre"),
        default=False,
        help_text=_("A centre receives notices and stories and assigns reporters."),
    )
    centre = models.ForeignKey(
        "self",
        verbose_name=_("media centre"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies",
        limit_choices_to={"is_newsroom": True},
        help_text=_("The centre this agency notifies of its events."),
    )
    issues_leaders_calendar = models.BooleanField(
        _("issues the leaders' weekly calendar"),
        default=False,
        help_text=_(
            "The office (of any level) that sends its centre the leaders' weekly work "
            "calendar; its staff import it, the centre picks items to cover."
        ),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["level__rank", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(is_newsroom=True, centre__isnull=False),
                name="newsroom_has_no_centre",
            )
        ]

    def __str__(self):
        return self.short_name or self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # A spokesperson's entry is found by the organisation's name (folded search text).
        from contacts.models.press import refresh_search_text

        refresh_search_text(self.press_contacts.all())

    @property
    def centre_id_for_scope(self) -> int | None:
        """The centre whose staff may see this organisation's records."""
        return self.pk if self.is_newsroom else self.centre_id
