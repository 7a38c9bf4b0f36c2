"""Widgets whose HTML is written in Python where Django's go through templates."""

from django import forms
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe


def _attrs(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html: `name="value"`, a bare name for True, nothing
    for False."""
    return mark_safe(  # noqa: S308 - each part escaped by format_html
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )


class QuickSelect(forms.Select):
    """A <select> with the same HTML as Django's, its options written in Python: Django
    renders each option through two template includes, so a filter's list of 40 agencies
    cost more than the rest of the triage page's filter form."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, group_choices, _index in widget["optgroups"]:
            options = "".join(
                format_html(
                    '<option value="{}"{}>{}</option>',
                    str(o["value"]),
                    _attrs(o["attrs"]),
                    o["label"],
                )
                for o in group_choices
            )
            groups.append(
                format_html('<optgroup label="{}">{}</optgroup>', group_name, mark_safe(options))  # noqa: S308
                if group_name
                else options
            )
        return format_html(
            '<select name="{}"{}>{}</select>',
            conditional_escape(widget["name"]),
            _attrs(widget["attrs"]),
            mark_safe("".join(groups)),  # noqa: S308 - each part escaped above
        )
