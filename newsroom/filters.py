"""The newsroom lists' filters (django-filter), fed the user's scoped queryset.

A bad value is shown as an error on the form and its filter is skipped; the others apply."""

from datetime import date, datetime, time

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from contacts.selectors import agencies_of_centre
from events.enums import NoticeKind, NoticeStatus, Verdict
from newsroom.enums import Assessment, ResponseStatus
from newsroom.models import Channel
from newsroom.selectors.channels import filter_channels_for
from portal.scoping import scope_for
from portal.widgets import QuickSelect

MONTH_INPUT = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")
DATE_INPUT = {"type": "date"}


class TriageForm(forms.Form):
    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return data


def _centre_agencies(request):
    return agencies_of_centre(scope_for(request.user).centre_id)


# Two groups of statuses the weekly report counts, besides each status on its own.
COVERED_OR_PUBLISHED = "covered_or_published"
NOT_CANCELLED = "not_cancelled"
STATUS_CHOICES = [
    *NoticeStatus.choices,
    (COVERED_OR_PUBLISHED, _("Covered or published")),
    (NOT_CANCELLED, _("All but cancelled")),
]


class TriageFilter(django_filters.FilterSet):
    """The director's queue. Needs `request=` (the agency list is the user's centre's).
    The weekly report's figures link here (received in the week, covered, late…)."""

    q = django_filters.CharFilter(label=_("Search"), max_length=100, method="search")
    status = django_filters.ChoiceFilter(
        widget=QuickSelect,
        label=_("Status"),
        choices=STATUS_CHOICES,
        empty_label=_("All statuses"),
        method="by_status",
    )
    verdict = django_filters.ChoiceFilter(
        widget=QuickSelect,
        label=_("Lead time"),
        choices=Verdict.choices,
        empty_label=_("All verdicts"),
    )
    kind = django_filters.ChoiceFilter(
        widget=QuickSelect,
        label=_("Kind"),
        choices=NoticeKind.choices,
        empty_label=pgettext_lazy("notice kind", "All kinds"),
    )
    agency = django_filters.ModelChoiceFilter(
        widget=QuickSelect,
        label=_("Agency"),
        queryset=_centre_agencies,
        empty_label=_("All agencies"),
    )
    date_from = django_filters.DateFilter(
        label=_("From"),
        field_name="starts_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs=DATE_INPUT),
    )
    date_to = django_filters.DateFilter(
        label=_("To"),
        field_name="starts_at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs=DATE_INPUT),
    )
    received_from = django_filters.DateFilter(
        label=_("Received from"),
        field_name="received_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs=DATE_INPUT),
    )
    received_to = django_filters.DateFilter(
        label=_("Received to"),
        field_name="received_at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs=DATE_INPUT),
    )

    class Meta:
        form = TriageForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = f"{css} form-select-sm form-control-sm"

    def by_status(self, queryset, name, value):
        if value == COVERED_OR_PUBLISHED:
            return queryset.filter(status__in=[NoticeStatus.COVERED, NoticeStatus.PUBLISHED])
        if value == NOT_CANCELLED:
            return queryset.exclude(status=NoticeStatus.CANCELLED)
        return queryset.filter(status=value)

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value)
            | Q(address__icontains=value)
            | Q(agency__name__icontains=value)
            | Q(contact_name__icontains=value)
        )


class ChannelFilterField(django_filters.fields.ModelChoiceField):
    """A reviewer sees every centre's channels: each is named with its centre."""

    across_centres = False

    def label_from_instance(self, channel):
        name = str(channel)
        if not channel.is_active:
            name = _("%(name)s (retired)") % {"name": name}
        return f"{channel.centre.name} · {name}" if self.across_centres else name


class ChannelFilter(django_filters.ModelChoiceFilter):
    field_class = ChannelFilterField


class PublicationFilter(django_filters.FilterSet):
    # The user's centre's channels, retired ones too: old publications keep theirs.
    channel = ChannelFilter(
        label=_("Channel"), queryset=Channel.objects.none(), empty_label=_("All channels")
    )
    month = django_filters.DateFilter(
        label=_("Month"),
        method="in_month",
        input_formats=["%Y-%m"],
        widget=MONTH_INPUT,
        error_messages={"invalid": _("Choose a month as year and month, e.g. 2026-11.")},
    )
    source = django_filters.ChoiceFilter(
        label=_("Source"),
        choices=[("notice", _("Notices")), ("story", _("Stories"))],
        empty_label=_("Notices and stories"),
        method="by_source",
    )

    date_from = django_filters.DateFilter(
        label=_("From"),
        field_name="published_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs=DATE_INPUT),
    )
    date_to = django_filters.DateFilter(
        label=_("To"),
        field_name="published_at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs=DATE_INPUT),
    )

    def in_month(self, queryset, name, value):
        """Published in that calendar month, local time."""
        tz = timezone.get_current_timezone()
        start = datetime.combine(value.replace(day=1), time.min, tzinfo=tz)
        following = date(value.year + value.month // 12, value.month % 12 + 1, 1)
        end = datetime.combine(following, time.min, tzinfo=tz)
        return queryset.filter(published_at__gte=start, published_at__lt=end)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.form.fields["channel"]
        field.queryset = filter_channels_for(user)
        field.across_centres = scope_for(user).is_reviewer

    def by_source(self, queryset, name, value):
        return queryset.filter(**{f"{value}__isnull": False})


class MonitoringFilter(django_filters.FilterSet):
    overdue = django_filters.BooleanFilter(
        label=_("Overdue responses"), widget=forms.CheckboxInput, method="only_overdue"
    )
    # The weekly report's links: items published between two days, by assessment.
    date_from = django_filters.DateFilter(
        label=_("From"), field_name="published_on", lookup_expr="gte"
    )
    date_to = django_filters.DateFilter(label=_("To"), field_name="published_on", lookup_expr="lte")
    assessment = django_filters.ChoiceFilter(
        label=_("Assessment"), choices=Assessment.choices, empty_label=_("All")
    )
    response_status = django_filters.ChoiceFilter(
        label=_("Response"), choices=ResponseStatus.choices, empty_label=_("All")
    )
    response_needed = django_filters.BooleanFilter(
        label=_("Response needed"), widget=forms.CheckboxInput, method="only_needed"
    )

    def only_needed(self, queryset, name, value):
        return queryset.exclude(response_status=ResponseStatus.NOT_NEEDED) if value else queryset

    def only_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(
            response_status=ResponseStatus.PENDING, response_due__lt=timezone.localdate()
        )
