from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.formatting import format_minutes

register = template.Library()


@register.filter
def minutes(value):
    """{{ notice.late_by_minutes|minutes }} → '2 giờ 5 phút'; nothing for no value, so
    `|minutes|default:"—"` shows a dash (an agency with no notice has no median, not 0)."""
    if value is None:
        return ""
    return format_minutes(value)


@register.filter
def minutes_until(value):
    """Minutes from now until a datetime (negative when past)."""
    if value is None:
        return None
    return int((value - timezone.now()).total_seconds() // 60)


@register.simple_tag(takes_context=True)
def query_without_page(context, name="page"):
    """The current query string minus the page number `name`, for pagination links that
    keep the filters (and, on a page with two lists, the other list's page)."""
    params = context["request"].GET.copy()
    params.pop(name, None)
    return params.urlencode()


@register.simple_tag
def outbox_failed_count():
    """E-mails that gave up after every attempt (admin home)."""
    from portal.outbox import failed_count

    return failed_count()


@register.inclusion_tag("includes/_kept_uploads.html")
def kept_uploads(form, field: str):
    """Under a file input: the files a refused form kept (portal/pending.py)."""
    from portal.pending import REMOVE_FIELD

    kept = form.kept_uploads(field) if hasattr(form, "kept_uploads") else []
    return {"kept": kept, "remove_name": form.add_prefix(REMOVE_FIELD), "field": field}


@register.filter
def starts_in(value):
    """{{ notice.starts_at|starts_in }} → 'còn 1 ngày 2 giờ' or 'đã bắt đầu', with no
    stray space around it (an included template brought its line breaks along)."""
    remaining = minutes_until(value)
    if remaining is None:
        return ""
    if remaining < 0:
        return _("already started")
    return _("in %(time)s") % {"time": format_minutes(remaining)}
