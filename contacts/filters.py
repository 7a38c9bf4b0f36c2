"""The directory's filters (django-filter), applied to a queryset a selector has scoped.

A bad value is shown as an error on the form and its filter is skipped; the others apply."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from contacts.enums import PressKind, PressLevel
from contacts.models.press import stale_cutoff
from contacts.selectors.search import search_contacts


class PressSearchFilter(django_filters.FilterSet):
    """Search and level: what the press-invitation page offers."""

    q = django_filters.CharFilter(label=_("Search"), max_length=100, method="search")
    level = django_filters.ChoiceFilter(
        label=_("Level"),
        field_name="press_agency__level",
        choices=PressLevel.choices,
        empty_label=_("All levels"),
    )

    def search(self, queryset, name, value):
        """Accent- and case-free, every word somewhere in the entry."""
        return search_contacts(queryset, value)


class PublicContactFilter(PressSearchFilter):
    """The public list and its exports."""

    kind = django_filters.ChoiceFilter(
        label=_("Kind"),
        field_name="press_agency__kind",
        choices=PressKind.choices,
        empty_label=_("All kinds"),
    )
    area = django_filters.CharFilter(label=_("Area"), max_length=200)


class DirectoryFilter(PublicContactFilter):
    """The staff directory: the public filters and the entry's status."""

    STATUS_CHOICES = [("active", _("Active")), ("stale", _("Stale")), ("retired", _("Retired"))]

    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=STATUS_CHOICES, empty_label=_("All"), method="by_status"
    )

    def by_status(self, queryset, name, value):
        if value == "active":
            return queryset.filter(is_active=True)
        if value == "retired":
            return queryset.filter(is_active=False)
        return queryset.filter(is_active=True, verified_on__lte=stale_cutoff())


class PressAgencyFilter(django_filters.FilterSet):
    """The reviewers' list of press agencies."""

    q = django_filters.CharFilter(label=_("Search"), max_length=100, method="search")

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(short_name__icontains=value))
