"""Readable change histories from django-simple-history records, for any model's page."""

from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# simple_history ships no Vietnamese: our own words for a row written without a reason.
HISTORY_TYPES = {
    "+": gettext_lazy("Created"),
    "~": gettext_lazy("Changed"),
    "-": gettext_lazy("Deleted"),
}


def readable_history(records, model, *, hidden=frozenset(), limit: int = 50) -> list[dict]:
    """Who changed what and when, newest first, with old → new values as a reader knows
    them (names of linked records, labels of choices, local dates), not database ids.

    `records` are history rows newest first; pass one more than `limit` so the oldest
    shown entry still has something to be compared with.
    """
    records = list(records)
    changed = []  # (record, [(field, old, new)])
    for newer, older in zip(records, [*records[1:], None], strict=False):
        fields = []
        if older is not None:
            for change in newer.diff_against(older).changes:
                if change.field not in hidden:
                    fields.append((model._meta.get_field(change.field), change.old, change.new))
        changed.append((newer, fields))
    names = _linked_names(fields for _record, fields in changed[:limit])
    return [
        {
            "when": record.history_date,
            "who": record.history_user.display_name if record.history_user else "",
            "reason": record.history_change_reason or HISTORY_TYPES.get(record.history_type, ""),
            "changes": [
                {
                    "field": field.verbose_name,
                    "old": _shown(field, old, names),
                    "new": _shown(field, new, names),
                }
                for field, old, new in fields
            ],
        }
        for record, fields in changed[:limit]
    ]


def _linked_names(changes_per_record) -> dict:
    """{(model, pk): str(row)} for every linked record named in the changes, one query
    per linked model."""
    wanted: dict = {}
    for fields in changes_per_record:
        for field, old, new in fields:
            if field.is_relation:
                wanted.setdefault(field.related_model, set()).update(
                    value for value in (old, new) if value is not None
                )
    return {
        (model, row.pk): str(row)
        for model, pks in wanted.items()
        for row in model._default_manager.filter(pk__in=pks)
    }


def _shown(field, value, names) -> str:
    if value in (None, ""):
        return ""
    if field.is_relation:
        return names.get((field.related_model, value), str(value))
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value)
