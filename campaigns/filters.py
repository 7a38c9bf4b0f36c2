"""The tracking table's filters (django-filter), fed the campaign's recipients."""

import django_filters
from django.utils.translation import gettext_lazy as _

from campaigns.enums import OVERDUE, RecipientKind, RecipientStatus
from campaigns.selectors.tracking import overdue_q


class TrackingFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Organisation"), field_name="organisation__name", lookup_expr="icontains"
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[*RecipientStatus.choices, (OVERDUE, _("Overdue"))],
        empty_label=_("All statuses"),
        method="by_status",
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), choices=RecipientKind.choices, empty_label=_("All kinds")
    )

    def by_status(self, queryset, name, value):
        if value == OVERDUE:
            return queryset.filter(overdue_q())
        return queryset.filter(status=value)
