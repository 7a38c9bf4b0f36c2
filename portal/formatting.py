from django.utils.translation import gettext as _


def format_minutes(minutes: int | None) -> str:
    """A duration a person reads at a glance: '1 ngày 2 giờ 5 phút'."""
    minutes = abs(minutes or 0)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(_("%(n)d d") % {"n": days})
    if hours:
        parts.append(_("%(n)d h") % {"n": hours})
    if mins or not parts:
        parts.append(_("%(n)d min") % {"n": mins})
    return " ".join(parts)
