"""The notice and story lists' filters (django-filter), fed the user's scoped queryset.

A bad value is shown as an error on the form and its filter is skipped; the others apply."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from contacts.selectors import active_localities, active_organisations
from events.enums import NoticeStatus, StoryAction, StoryStatus
from events.models import StoryDecision

REPORTED_ACTIONS = [
    (StoryAction.SUBMITTED.value, _("Sent")),
    (StoryAction.PUBLISHED.value, _("Published")),
]


class NoticeFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=NoticeStatus.choices, empty_label=_("All statuses")
    )
    month = django_filters.DateFilter(
        label=_("Month"),
        method="in_month",
        input_formats=["%Y-%m", "%m/%Y"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        error_messages={"invalid": _("Choose a month as year and month, e.g. 2026-11.")},
    )

    def in_month(self, queryset, name, value):
        """The notices starting in that calendar month, local time."""
        return queryset.filter(starts_at__year=value.year, starts_at__month=value.month)


class StoryFilter(django_filters.FilterSet):
    """Status (the tabs), or — the weekly report's links — stories sent or published
    between two days (local time), counted as the report counts them: from the workflow
    decisions, each story once."""

    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=StoryStatus.choices, empty_label=_("All")
    )
    action = django_filters.ChoiceFilter(
        label=_("Decision"), choices=REPORTED_ACTIONS, method="by_decision"
    )
    action_from = django_filters.DateFilter(label=_("From"), method="by_decision")
    action_to = django_filters.DateFilter(label=_("To"), method="by_decision")

    def by_decision(self, queryset, name, value):
        data = self.form.cleaned_data
        if name != "action" or not (data.get("action_from") and data.get("action_to")):
            return queryset  # applied once, when the three are there
        decided = StoryDecision.objects.filter(
            action=value,
            at__date__gte=data["action_from"],
            at__date__lte=data["action_to"],
        )
        return queryset.filter(pk__in=decided.values("story_id"))


def _active_organisations(request):
    return active_organisations()


def _active_localities(request):
    return active_localities()


class PublicEventFilter(django_filters.FilterSet):
    """The public feed's filters: the organisation holding the event, the commune."""

    organisation = django_filters.ModelChoiceFilter(
        label=_("Organisation"),
        field_name="agency",
        queryset=_active_organisations,
        empty_label=_("All organisations"),
    )
    locality = django_filters.ModelChoiceFilter(
        label=_("Commune / ward"),
        field_name="locality",
        queryset=_active_localities,
        empty_label=_("All communes"),
    )
