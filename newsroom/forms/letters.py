from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.idempotency import SubmissionTokenMixin


def _last_month():
    today = timezone.localdate().replace(day=1)
    return (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)


class MonthForm(forms.Form):
    """Which month's letters: last month unless asked."""

    month = forms.IntegerField(
        label=_("Month"),
        min_value=1,
        max_value=12,
        error_messages={
            "required": _("Choose a month from 1 to 12."),
            "invalid": _("Choose a month from 1 to 12."),
            "min_value": _("Choose a month from 1 to 12."),
            "max_value": _("Choose a month from 1 to 12."),
        },
    )
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2100,
        error_messages={
            "required": _("Enter a year such as 2026."),
            "invalid": _("Enter a year such as 2026."),
            "min_value": _("Enter a year such as 2026."),
            "max_value": _("Enter a year such as 2026."),
        },
    )

    def clean(self):
        data = super().clean()
        year, month = data.get("year"), data.get("month")
        if year and month:
            today = timezone.localdate()
            if (year, month) >= (today.year, today.month):
                raise forms.ValidationError(_("The month is not over yet: choose a past month."))
        return data

    @classmethod
    def from_query(cls, query):
        year, month = _last_month()
        return cls({"year": year, "month": month, **query.dict()})


class SendLettersForm(SubmissionTokenMixin, MonthForm):
    with_pdf = forms.BooleanField(label=_("Attach a PDF too"), required=False)
    confirm = forms.BooleanField(
        label=_("I have read the figures and send one letter to each agency listed above."),
        error_messages={"required": _("Tick the box to confirm sending.")},
    )
