import re
from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

ISO_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})$")


class WeekForm(forms.Form):
    """`?week=2026-W50`: an ISO week; cleaned to its Monday."""

    week = forms.CharField(label=_("Week"), required=False, max_length=10)

    def clean_week(self) -> date | None:
        value = self.cleaned_data["week"].strip().upper()
        if not value:
            return None
        match = ISO_WEEK.match(value)
        try:
            if not match:
                raise ValueError(value)
            return date.fromisocalendar(int(match[1]), int(match[2]), 1)
        except ValueError:
            raise forms.ValidationError(
                _(
                    "“%(value)s” is not a week. Write it as year-Wnumber, "
                    "for example 2026-W50; showing the current week."
                ),
                params={"value": value},
            ) from None
