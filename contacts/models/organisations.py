from django.db import models
from django.db.models import OuterRef, Subquery
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
    # The root of the organisation's tree (its province; a root is its own): kept by
    # `save` and by `refresh_provinces`, so "in the reviewer's province" is one column.
    province = models.ForeignKey(
        "self",
        verbose_name=_("province"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
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
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "parent" in update_fields:
            kwargs["update_fields"] = {*update_fields, "province"}
        moved = update_fields is None or "parent" in update_fields
        before = self.province_id
        if moved:
            self.province_id = self._province_from_parent()
        super().save(*args, **kwargs)
        if moved and self.province_id is None:  # a new root: its own province
            self.province_id = self.pk
            Organisation.objects.filter(pk=self.pk).update(province_id=self.pk)
        if moved and before is not None and before != self.province_id:
            refresh_provinces([self])
        # A spokesperson's entry is found by the organisation's name (folded search text).
        from contacts.models.press import refresh_search_text

        refresh_search_text(self.press_contacts.all())

    def _province_from_parent(self) -> int | None:
        """The parent's province (one query unless the parent is loaded); for a root,
        itself (None until it has a primary key)."""
        if self.parent_id is None or self.parent_id == self.pk:
            return self.pk
        parent = Organisation.parent.field.get_cached_value(self, None)
        if parent is not None and parent.pk == self.parent_id and parent.province_id:
            return parent.province_id
        return (
            Organisation.objects.filter(pk=self.parent_id)
            .values_list("province_id", flat=True)
            .first()
        )

    @property
    def centre_id_for_scope(self) -> int | None:
        """The centre whose staff may see this organisation's records."""
        return self.pk if self.is_newsroom else self.centre_id


def refresh_provinces(roots) -> int:
    """Set the province of the `roots` and of everything under them from the tree, after
    a change `save` did not see (parents moved by `update`, a merger). Two queries per
    level of the tree, which is shallow; returns how many rows were written."""
    changed = 0
    for root in roots:
        province_id = root._province_from_parent()
        changed += (
            Organisation.objects.filter(pk=root.pk)
            .exclude(province_id=province_id)
            .update(province_id=province_id)
        )
    ids, seen = {root.pk for root in roots}, set()
    parents_province = Subquery(
        Organisation.objects.filter(pk=OuterRef("parent_id")).values("province_id")[:1]
    )
    while ids:
        seen |= ids
        children = Organisation.objects.filter(parent_id__in=ids).exclude(pk__in=list(seen))
        ids = set(children.values_list("pk", flat=True))
        if ids:
            changed += Organisation.objects.filter(pk__in=ids).update(province_id=parents_province)
    return changed
