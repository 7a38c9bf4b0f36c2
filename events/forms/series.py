from datetime import datetime

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contacts.selectors import agencies_of_centre
from events.forms.notices import NoticeForm
from events.recurrence import build_rule, is_weekly, weekdays_of
from events.services.series import check_rule
from portal.forms import DateTimeLocalInput

WEEKDAY_CHOICES = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]
NTH_CHOICES = [
    (1, _("first")),
    (2, _("second")),
    (3, _("third")),
    (4, _("fourth")),
    (-1, _("last")),
]


class SeriesForm(NoticeForm):
    """A notice that repeats: the notice's fields for the first occurrence, and how it
    repeats. Attachments belong to single notices, so the series has none."""

    invitation_files = None
    press_release_files = None
    speech_files = None
    change_reason = None

    frequency = forms.ChoiceField(
        label=_("Repeats"),
        choices=[("weekly", _("Every week")), ("monthly", _("Every month"))],
        initial="weekly",
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("On these days (weekly)"),
        choices=WEEKDAY_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: the day of the first occurrence."),
    )
    monthly_by = forms.ChoiceField(
        label=_("Monthly on"),
        choices=[("day", _("the same day of the month")), ("weekday", _("a weekday of the month"))],
        initial="day",
        required=False,
    )
    nth = forms.TypedChoiceField(
        label=_("Which week of the month"), choices=NTH_CHOICES, coerce=int, required=False
    )
    until = forms.DateField(
        label=_("Until (date)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    count = forms.IntegerField(label=_("Or this many times"), min_value=1, required=False)
    exception_dates = forms.CharField(
        label=_("Skip these dates"),
        required=False,
        help_text=_("dd/mm/yyyy, separated by commas."),
    )

    def clean_exception_dates(self):
        found = []
        for part in self.cleaned_data["exception_dates"].replace(";", ",").split(","):
            part = part.strip()
            if not part:
                continue
            for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
                try:
                    found.append(datetime.strptime(part, fmt).date())  # noqa: DTZ007 (a date)
                    break
                except ValueError:
                    continue
            else:
                raise ValidationError(
                    _("“%(value)s” is not a date; write dd/mm/yyyy."), params={"value": part}
                )
        return found

    def clean(self):
        data = super().clean()
        if self.errors or not data.get("starts_at"):
            return data
        until, count = data.get("until"), data.get("count")
        if until and count:
            self.add_error("count", _("Give an end date or a number of times, not both."))
            return data
        if until and until < data["starts_at"].date():
            self.add_error("until", _("The end date is before the first occurrence."))
            return data
        first = data["starts_at"]
        local_first = timezone.localtime(first)
        if data["frequency"] == "weekly":
            rule = build_rule(
                frequency="weekly",
                weekdays=data.get("weekdays") or [local_first.weekday()],
                until=until,
                count=count,
            )
        elif data.get("monthly_by") == "weekday":
            rule = build_rule(
                frequency="monthly",
                nth=data.get("nth") or 1,
                nth_weekday=local_first.weekday(),
                until=until,
                count=count,
            )
        else:
            rule = build_rule(
                frequency="monthly", month_day=local_first.day, until=until, count=count
            )
        try:
            check_rule(rule, first)
        except ValidationError as exc:
            self.add_error(None, exc)
        data["rule"] = rule
        return data


class OccurrenceEditForm(forms.Form):
    """Change one occurrence of a series, or it and the following ones."""

    which = forms.ChoiceField(
        label=_("Apply to"),
        choices=[("this", _("This occurrence only")), ("following", _("This and following"))],
        initial="this",
        widget=forms.RadioSelect,
    )
    title = forms.CharField(label=_("Title"), max_length=255)
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DateTimeLocalInput())
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=DateTimeLocalInput())
    address = forms.CharField(label=_("Address"), max_length=255)
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed once reporters are assigned: they will be told what changed and why."),
    )

    def __init__(self, data=None, *, notice, centre_id=None):
        initial = {
            "title": notice.title,
            "starts_at": timezone.localtime(notice.starts_at),
            "ends_at": timezone.localtime(notice.ends_at),
            "address": notice.address,
        }
        super().__init__(data, initial=initial)
        self.notice = notice
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = settings.DATETIME_INPUT_FORMATS

    def clean(self):
        data = super().clean()
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The end must be after the start."))
        return data

    def changes(self) -> dict:
        data = self.cleaned_data
        return {
            name: data[name]
            for name in ("title", "starts_at", "ends_at", "address")
            if data[name] != getattr(self.notice, name)
        }


class CentreSeriesForm(SeriesForm):
    """Centre staff record a recurring notice for one of their agencies."""

    agency = forms.ModelChoiceField(label=_("Agency"), queryset=None)

    field_order = ["agency"]

    def __init__(self, *args, centre_id: int, **kwargs):
        super().__init__(*args, centre_id=centre_id, **kwargs)
        self.fields["agency"].queryset = agencies_of_centre(centre_id)


REASON_HELP = _("The reporters on the occurrences that change are told, with this reason.")


class SeriesChangeForm(forms.Form):
    """“This and following” from the series page: other days (weekly) or another time,
    from one of the occurrences still to come."""

    from_date = forms.TypedChoiceField(label=_("From the occurrence of"), coerce=str)
    weekdays = forms.TypedMultipleChoiceField(
        label=_("On these days"),
        choices=WEEKDAY_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    start_time = forms.TimeField(
        label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_time = forms.TimeField(
        label=_("Ends at"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    reason = forms.CharField(
        label=_("Reason for the change"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=REASON_HELP,
    )

    def __init__(self, data=None, *, series, upcoming):
        first = timezone.localtime(series.first_starts_at)
        end = first + timezone.timedelta(minutes=series.duration_minutes)
        self.weekly = is_weekly(series.rule)
        initial = {"start_time": first.time(), "end_time": end.time()}
        if self.weekly:
            initial["weekdays"] = weekdays_of(series.rule, first.replace(tzinfo=None))
        super().__init__(data, initial=initial, prefix="change")
        self.fields["from_date"].choices = [
            (o.date.isoformat(), f"{o.date:%d/%m/%Y}") for o in upcoming
        ]
        if not self.weekly:
            del self.fields["weekdays"]

    def clean_from_date(self):
        return datetime.strptime(self.cleaned_data["from_date"], "%Y-%m-%d").date()  # noqa: DTZ007

    def clean(self):
        data = super().clean()
        if self.weekly and "weekdays" in data and not data["weekdays"]:
            self.add_error("weekdays", _("Tick at least one day."))
        start, end = data.get("start_time"), data.get("end_time")
        if start and end and end <= start:
            self.add_error("end_time", _("The end must be after the start."))
        return data


class SeriesStopForm(forms.Form):
    """Stop the series from a date: that day's and the later occurrences are cancelled."""

    from_date = forms.DateField(
        label=_("No more occurrences from"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=REASON_HELP,
    )

    def __init__(self, data=None, **kwargs):
        super().__init__(data, prefix="stop", **kwargs)
