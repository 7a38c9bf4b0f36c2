from django import template

from events.views.leadtime import warning_context

register = template.Library()


@register.inclusion_tag("events/_lead_time.html")
def lead_time_warning(form):
    """The warning as the notice form last judged it (after a POST), with its confirm box
    and its errors; empty before the form has been judged."""
    kind = form["kind"].value() or ""
    return warning_context(kind, form.judgement, form["confirm_late"])
