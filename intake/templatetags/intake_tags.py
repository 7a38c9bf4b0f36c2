"""What was read from a mail, shown to staff: each field with its label, its value, the
sentence it came from (highlighted in the original) and its confidence."""

from datetime import datetime

from django import template
from django.utils import formats, timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

register = template.Library()

FIELD_LABELS = {
    "title": _("Event"),
    "starts_at": _("Starts"),
    "ends_at": _("Ends"),
    "address": _("Place"),
    "locality": _("Commune / ward"),
    "organisation": _("Inviting organisation"),
    "contact_name": _("Contact person"),
    "contact_phone": _("Contact phone"),
    "kind": _("Kind"),
}


def _shown(name: str, item: dict) -> str:
    value = item.get("value")
    if name in ("starts_at", "ends_at") and value:
        moment = timezone.localtime(datetime.fromisoformat(value))
        return formats.date_format(moment, "SHORT_DATETIME_FORMAT")
    if name == "locality":
        return item.get("source", "")
    if name == "kind":
        from events.enums import NoticeKind

        return str(NoticeKind(value).label) if value in NoticeKind.values else value
    return "" if value is None else str(value)


@register.simple_tag
def proposal_rows(mail) -> list[dict]:
    rows = []
    for name, label in FIELD_LABELS.items():
        item = mail.proposal.get(name)
        if not item:
            continue
        rows.append(
            {
                "label": label,
                "value": _shown(name, item),
                "source": "" if name == "locality" else item.get("source", ""),
                "percent": round(100 * float(item.get("confidence", 0))),
            }
        )
    return rows


@register.simple_tag
def highlighted_body(mail) -> str:
    """The mail's text, escaped, with every source sentence found in it marked."""
    text = escape(mail.body_text)
    sources = {
        item.get("source", "")
        for name, item in mail.proposal.items()
        if name != "locality" and isinstance(item, dict)
    }
    for source in sorted((s for s in sources if len(s) >= 8), key=len, reverse=True):
        escaped = escape(source)
        if escaped in text and f"<mark>{escaped}" not in text:
            text = text.replace(escaped, f"<mark>{escaped}</mark>", 1)
    return mark_safe(text)  # noqa: S308 - escaped above, only <mark> added
