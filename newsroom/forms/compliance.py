from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from contacts.models import Organisation
from contacts.selectors import centres
from newsroom.enums import Period


class PeriodForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"), choices=Period.choices, initial=Period.MONTH)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    number = forms.IntegerField(
        label=_("Month or quarter"), min_value=1, max_value=12, required=False
    )
    centre = forms.ModelChoiceField(
        label=_("Centre"), queryset=None, required=False, empty_label=_("All centres")
    )

    def __init__(self, data=None, *, show_centre=False, province_id=None):
        now = timezone.localtime()
        initial = {"period": Period.MONTH, "year": now.year, "number": now.month}
        super().__init__({**initial, **(data.dict() if data else {})})
        self.fields["centre"].queryset = (
            centres(province_id) if province_id else Organisation.objects.none()
        )
        if not show_centre:
            del self.fields["centre"]

    def clean(self):
        data = super().clean()
        period, number = data.get("period"), data.get("number")
        if period == Period.MONTH and not number:
            self.add_error("number", _("Choose a month from 1 to 12."))
        if period == Period.QUARTER and not (number and 1 <= number <= 4):
            self.add_error("number", _("Choose a quarter from 1 to 4."))
        if period == Period.YEAR:
            data["number"] = 1
        return data
