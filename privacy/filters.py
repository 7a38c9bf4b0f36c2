"""Filters of the access log (django-filter), applied to the scoped queryset."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from contacts.enums import AccessKind


class AccessLogFilter(django_filters.FilterSet):
    user = django_filters.CharFilter(
        label=_("User"), field_name="user__username", lookup_expr="icontains", max_length=150
    )
    what = django_filters.ChoiceFilter(
        label=_("What"), choices=AccessKind.choices, empty_label=_("Everything")
    )
    entry = django_filters.NumberFilter(label=_("Entry number"), field_name="entry_id")
    since = django_filters.DateFilter(
        label=_("From"),
        field_name="at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = django_filters.DateFilter(
        label=_("To"),
        field_name="at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
