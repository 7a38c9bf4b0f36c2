"""The monthly letter (công văn) to an agency's head about its lead-time record: the same
official Document as the weekly report (`layout.py`), with "V/v …" under the number and
"Kính gửi: …" instead of a title, rendered by the same Word writer (`word.document_bytes`)."""

from datetime import date

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from newsroom.reports.layout import Document, Section, heading_for, vn_number
from portal.formatting import format_minutes


def _results(figures: dict, centre: str) -> list[str]:
    if figures["total"] == 0:
        lines = [_("In the month your agency sent the centre no notice of an event.")]
        if figures.get("stories"):
            lines.append(
                _("It sent %(n)s contributor stories about events it covered itself.")
                % {"n": vn_number(figures["stories"])}
            )
        return lines
    rate = figures["rate"]
    lines = [
        _("Notices of events sent: %(n)s.") % {"n": vn_number(figures["total"])},
        _(
            "On time: %(on_time)s; late: %(late)s; after the event had begun: %(after)s; "
            "exempt (emergency): %(exempt)s."
        )
        % {
            "on_time": vn_number(figures["on_time"]),
            "late": vn_number(figures["late"]),
            "after": vn_number(figures["after_fact"]),
            "exempt": vn_number(figures["exempt"]),
        },
        _("On-time rate: %(rate)s%%.") % {"rate": "—" if rate is None else vn_number(float(rate))},
    ]
    if figures.get("median_lead_minutes") is not None:
        lines.append(
            _("Median notice given before the event: %(lead)s.")
            % {"lead": format_minutes(figures["median_lead_minutes"])}
        )
    lines.append(
        _("Rank among the %(of)s agencies of %(centre)s: %(rank)s.")
        % {"of": figures["ranked_of"], "centre": centre, "rank": figures["rank"]}
    )
    if figures.get("stories"):
        lines.append(_("Contributor stories sent: %(n)s.") % {"n": vn_number(figures["stories"])})
    return lines


def _request(figures: dict) -> str:
    if figures["total"] == 0:
        return _(
            "Please tell the centre of your agency's events in time, so that it can send "
            "reporters to cover them."
        )
    if figures["late"] or figures["after_fact"]:
        return _(
            "Please have your communications officer send every notice within the time "
            "limits above."
        )
    return _("The centre thanks your agency for its cooperation.")


def letter_document(letter) -> Document:
    with translation.override(settings.LANGUAGE_CODE):
        return _document(letter)


def _document(letter) -> Document:
    data = letter.data
    head = data["letterhead"]
    figures = data["figures"]
    month = date.fromisoformat(str(letter.month)).strftime("%m/%Y")
    intro = _(
        "Under the rule on notices of events (a planned event: at least %(planned)s before "
        "it starts; an urgent one: at least %(urgent)s before; natural disasters, fires and "
        "other emergencies are exempt), %(centre)s informs you of your agency's record for "
        "%(month)s:"
    ) % {
        "planned": format_minutes(settings.LEAD_TIME_PLANNED_MINUTES),
        "urgent": format_minutes(settings.LEAD_TIME_URGENT_MINUTES),
        "centre": data["centre"],
        "month": month,
    }
    return Document(
        **heading_for(head, data["centre"], timezone.localtime(letter.sent_at)),
        number=f"Số: {letter.number}/{head['letter_number_suffix']}",
        about=_("Re: notices of events sent in %(month)s") % {"month": month},
        title="",
        subtitle="",
        salutation=_("To: the head of %(agency)s.") % {"agency": data["agency"]},
        sections=[
            Section("", [intro]),
            Section(_("1. Record of the month"), _results(figures, data["centre"])),
            Section(_("2. Request"), [_request(figures)]),
        ],
        addressees=[_("As above;"), _("Archive: VT.")],
    )


def letter_docx(letter) -> bytes:
    from newsroom.reports.word import document_bytes

    return document_bytes(letter_document(letter))
