"""One description of an official document, in the Vietnamese layout of Decree 30/2020:
letterhead and national motto, number, place and date, title (a report) or "V/v …" and
"Kính gửi" (a letter), numbered sections, "Nơi nhận" and the signature block. Described
here: the weekly report (rendered as HTML, Excel and Word) and the centre's week, "LỊCH
CÔNG TÁC TUẦN" (Word); the monthly letter to an agency in `newsroom/reports/letters.py`
and the campaign summary in `campaigns/summary.py` use the same Document. All take the
letterhead from the centre's report settings through `heading_for`."""

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from newsroom.enums import Assessment
from newsroom.models import WeeklyReport


@dataclass
class Section:
    heading: str
    lines: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)
    widths: list[int] = field(default_factory=list)  # Excel column widths, characters
    sheet: str = ""  # the Excel sheet's name (at most 31 characters)
    # The HTML preview links each count to the list it counts: line index → fragments
    # (text, url or ""), and (row, column) → url. Word and Excel use only the text.
    links: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    cell_links: dict[tuple[int, int], str] = field(default_factory=dict)

    def add(self, template: str, **values: tuple[str, str]) -> None:
        """Append `template % values`, each value (text, url) a linked fragment."""
        marked = template % {key: f"\x00{key}\x00" for key in values}
        fragments = []
        for position, piece in enumerate(marked.split("\x00")):
            if position % 2:
                fragments.append(values[piece])
            elif piece:
                fragments.append((piece, ""))
        self.links[len(self.lines)] = fragments
        self.lines.append("".join(text for text, _url in fragments))

    def html_lines(self) -> list[list[tuple[str, str]]]:
        return [self.links.get(i, [(line, "")]) for i, line in enumerate(self.lines)]

    def html_rows(self) -> list[list[tuple[object, str]]]:
        return [
            [(value, self.cell_links.get((r, c), "")) for c, value in enumerate(row)]
            for r, row in enumerate(self.rows)
        ]

    word_widths: list[float] = field(default_factory=list)  # Word column widths, cm
    group_first: bool = False  # merge equal first cells of consecutive rows (the day)


def _sheet_names() -> list[str]:
    """Short names for the sections' Excel sheets, in section order."""
    return [
        _("I. Notices"),
        _("II. Lead time"),
        _("III. Contributor stories"),
        _("IV. Publications"),
        _("V. Press monitoring"),
        _("VI. Quarterly plan"),
        _("VII. Assessment"),
    ]


def vn_number(value) -> str:
    """Vietnamese number format: 1.234 and 75,0 (dot for thousands, comma for decimals)."""
    if value is None or isinstance(value, str):
        return "—" if value is None else value
    if isinstance(value, float):
        whole, _dot, decimals = f"{value:,.1f}".partition(".")
        return whole.replace(",", ".") + "," + decimals
    return f"{value:,}".replace(",", ".")


@dataclass
class Document:
    governing_body: str
    organisation: str
    motto_1: str
    motto_2: str
    number: str
    place_date: str
    title: str
    subtitle: str
    sections: list[Section]
    addressees: list[str]
    signer_prefix: str
    signer_title: str
    signer_name: str
    replaces: str = ""
    about: str = ""  # a letter's "V/v …" line under its number
    salutation: str = ""  # a letter's "Kính gửi: …" line
    landscape: bool = False


MOTTO_1 = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO_2 = "Độc lập - Tự do - Hạnh phúc"


def heading_for(head: dict, organisation, issued) -> dict:
    """The fields every official document shares: the governing body and the
    organisation (an Organisation or its name), the national title and motto, the place
    and date, the signer."""
    return {
        "governing_body": head["governing_body"].upper(),
        "organisation": getattr(organisation, "name", organisation).upper(),
        "motto_1": MOTTO_1,
        "motto_2": MOTTO_2,
        "place_date": f"{head['place']}, {vn_date(issued)}",
        "signer_prefix": head.get("signer_prefix", ""),
        "signer_title": head["signer_title"],
        "signer_name": head["signer_name"],
    }


def vn_date(day) -> str:
    """ "ngày 05 tháng 3 năm 2026": Decree 30/2020 writes a 0 before days under 10 and
    before months 1 and 2 only."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def _d(iso: str) -> str:
    return date.fromisoformat(iso).strftime("%d/%m/%Y")


def _silent_name(row) -> str:
    """A silent agency's name, with the contributor stories it sent instead, if any (the
    only count of its events the portal knows besides notices)."""
    if not row.get("stories"):
        return row["agency"]
    return _("%(agency)s (%(n)s contributor stories)") % {
        "agency": row["agency"],
        "n": row["stories"],
    }


def _compliance_lines(rows) -> list[str]:
    silent = [_silent_name(r) for r in rows if r.get("silent", r["total"] == 0)]
    lines = [] if len(silent) < len(rows) else [_("No notices this week.")]
    if silent:
        lines.append(
            _("Agencies that sent no notice this period (%(n)s): %(names)s.")
            % {"n": len(silent), "names": ", ".join(silent)}
        )
    return lines


def document_for(report: WeeklyReport) -> Document:
    """A sent report uses the letterhead frozen into it; a draft, the centre's settings."""
    from newsroom.services.reports import letterhead, settings_for

    head = report.data.get("letterhead") or letterhead(settings_for(report.centre))
    with translation.override(settings.LANGUAGE_CODE):
        return _document(report, head)


def _list_url(name: str, **params) -> str:
    return f"{reverse(name)}?{urlencode(params)}"


def _document(report, head: dict) -> Document:
    data = report.data
    n = data["notices"]
    week = {"start": data["period"]["start"], "end": data["period"]["end"]}
    received = {"received_from": week["start"], "received_to": week["end"]}
    held = {"date_from": week["start"], "date_to": week["end"]}

    def triage(**params):
        return _list_url("newsroom:triage", **params)

    notices = Section(_("I. Event notices"))
    notices.add(_("Received: %(n)s"), n=(vn_number(n["received"]), triage(**received)))
    covered = triage(**held, status="covered_or_published")
    notices.add(_("Covered: %(n)s"), n=(vn_number(n["covered"]), covered))
    declined = triage(**received, status="declined")
    notices.add(_("Declined: %(n)s"), n=(vn_number(n["declined"]), declined))
    cancelled = triage(**received, status="cancelled")
    notices.add(_("Cancelled by the sender: %(n)s"), n=(vn_number(n["cancelled"]), cancelled))
    compliance = Section(
        _("II. Lead-time compliance by agency"),
        _compliance_lines(data["compliance"]),
        [
            _("Agency"),
            _("Notices"),
            _("On time"),
            _("Late"),
            _("After the fact"),
            _("Exempt"),
            _("Compliance (%)"),
        ],
        [
            [
                r["agency"],
                r["total"],
                r["on_time"],
                r["late"],
                r["after_fact"],
                r["exempt"],
                "—" if r["rate"] is None else r["rate"],
            ]
            for r in data["compliance"]
            if not r.get("silent")  # listed by name in a line above the table
        ],
        [40, 10, 10, 10, 14, 10, 16],
    )
    judged = [r for r in data["compliance"] if not r.get("silent")]
    for row, r in enumerate(judged):
        if "agency_id" not in r:  # reports frozen before the links existed
            continue
        base = {"agency": r["agency_id"], **held, "status": "not_cancelled"}
        compliance.cell_links[(row, 1)] = triage(**base)
        for column, verdict in enumerate(("on_time", "late", "after_fact", "exempt"), 2):
            compliance.cell_links[(row, column)] = triage(**base, verdict=verdict)
    sections = [notices, compliance]
    stories = data.get("stories")  # None in reports archived before stories were counted
    story_section = Section(_("III. Contributor stories"))
    if stories:

        def story_list(action):
            return _list_url(
                "stories:list", action=action, action_from=week["start"], action_to=week["end"]
            )

        story_section.add(
            _("Received: %(n)s"), n=(str(stories["received"]), story_list("submitted"))
        )
        story_section.lines.append(
            _("Returned for changes: %(n)s") % {"n": stories.get("returned", 0)}
        )
        story_section.add(
            _("Published: %(n)s"), n=(str(stories["published"]), story_list("published"))
        )
    else:
        story_section.lines.append(_("Not recorded in the portal yet."))
    sections.append(story_section)
    pubs = data["publications"]
    publications = Section(
        _("IV. Publications by channel"),
        [] if pubs else [_("No publications this week.")],
        [_("Channel"), _("Items")],
        [[p["channel"], p["count"]] for p in pubs],
    )
    for row, p in enumerate(pubs):
        if "channel_id" in p:
            publications.cell_links[(row, 1)] = _list_url(
                "newsroom:publication_list", channel=p["channel_id"], **held
            )
    sections.append(publications)
    mon = data["monitoring"]
    on_days = {"date_from": week["start"], "date_to": week["end"]}

    def monitoring(**params):
        return _list_url("newsroom:monitoring_list", **on_days, **params)

    press = Section(
        _("V. Press and social-media monitoring"),
        columns=[
            _("Published"),
            _("Outlet"),
            _("Title"),
            _("Assessment"),
            _("Responsible agency"),
            _("Response"),
        ],
        rows=[
            [
                i["published_on"],
                i["outlet"],
                i["title"],
                i["assessment"],
                i["agency"],
                i["response"],
            ]
            for i in mon["items"]
        ],
        widths=[12, 20, 50, 14, 30, 16],
    )
    press.add(_("Items about the locality: %(n)s"), n=(str(mon["total"]), monitoring()))
    by_assessment = list(mon["by_assessment"].items())
    template = ", ".join(
        f"{str(Assessment(value).label).replace('%', '%%')}: %({value})s"
        for value, _count in by_assessment
    )
    press.add(
        template,
        **{value: (str(count), monitoring(assessment=value)) for value, count in by_assessment},
    )
    press.add(
        _("Responses needed: %(needed)s; responded: %(done)s; overdue: %(late)s"),
        needed=(str(mon["responses_needed"]), monitoring(response_needed="on")),
        done=(str(mon["responded"]), monitoring(response_status="responded")),
        late=(str(mon["overdue"]), monitoring(overdue="on")),
    )
    sections.append(press)
    plan = data.get("plan")
    sections.append(
        Section(
            _("VI. Progress of the quarterly plan"),
            [
                _("Quarter %(q)s: %(done)s of %(total)s items done")
                % {"q": plan["quarter"], "done": plan["done"], "total": plan["total"]}
            ]
            if plan
            else [_("Not recorded in the portal yet.")],
        )
    )
    if report.commentary:
        sections.append(Section(_("VII. Assessment and proposals"), report.commentary.splitlines()))
    for section, name in zip(sections, _sheet_names(), strict=False):
        section.sheet = name
    issued = timezone.localtime(report.sent_at or report.generated_at)
    replaces = ""
    if report.replaces_id:
        old = report.replaces
        replaces = _("This report replaces report no. %(number)s sent on %(date)s: %(note)s") % {
            "number": f"{old.number}/{head['number_suffix']}",
            "date": timezone.localtime(old.sent_at).strftime("%d/%m/%Y"),
            "note": report.correction_note,
        }
    return Document(
        **heading_for(head, report.centre, issued),
        number=f"Số: {report.number}/{head['number_suffix']}",
        title="BÁO CÁO",
        subtitle=_("Press coverage and media work, week from %(start)s to %(end)s")
        % {"start": _d(data["period"]["start"]), "end": _d(data["period"]["end"])},
        sections=sections,
        addressees=head["addressees"] or [_("As above;"), _("Archive: VT.")],
        replaces=replaces,
    )


def _weekdays() -> list[str]:
    return [
        pgettext("calendar day", "Monday"),
        pgettext("calendar day", "Tuesday"),
        pgettext("calendar day", "Wednesday"),
        pgettext("calendar day", "Thursday"),
        pgettext("calendar day", "Friday"),
        pgettext("calendar day", "Saturday"),
        pgettext("calendar day", "Sunday"),
    ]


def _hour(moment) -> str:
    """ "07h30", as calendars write it."""
    moment = timezone.localtime(moment)
    return f"{moment:%H}h{moment:%M}"


def _hours(start, end) -> str:
    return f"{_hour(start)} - {_hour(end)}"


def _day_label(day, names) -> str:
    return f"{names[day.weekday()]}\n{day:%d/%m/%Y}"


def week_rows(grid) -> list[list[str]]:
    """One row per notice of the week (its reporters together), in time order within
    its day; a day with nothing keeps one empty row so the table shows all seven."""
    names = _weekdays()
    rows = []
    for day in grid.days:
        label = _day_label(day.date, names)
        by_notice: dict[int, list] = {}
        for assignment in day.assignments:
            by_notice.setdefault(assignment.notice_id, [assignment.notice, []])[1].append(
                assignment.reporter.display_name
            )
        for notice in day.unassigned:
            by_notice.setdefault(notice.pk, [notice, []])
        entries = sorted(by_notice.values(), key=lambda entry: (entry[0].starts_at, entry[0].pk))
        for notice, reporters in entries:
            rows.append(
                [
                    label,
                    _hours(notice.starts_at, notice.ends_at),
                    notice.title,
                    ", ".join(reporters) or _("Not yet assigned"),
                    notice.address,
                    notice.agency.name,
                ]
            )
        if not entries:
            rows.append([label, "", "", "", "", ""])
    return rows


def week_item_rows(grid) -> list[list[str]]:
    """The other rows of the week (the leaders' calendar items), in day order."""
    names = _weekdays()
    rows = []
    for day in grid.days:
        label = _day_label(day.date, names)
        for item in day.items:
            when = _hour(item.starts_at) if item.starts_at else ""
            rows.append([label, when, item.title, item.detail])
    return rows


def week_document(grid, centre, *, issued=None) -> Document:
    """The centre's week ("LỊCH CÔNG TÁC TUẦN") as an official document: the letterhead of
    the centre's report settings, the week in the subject line, a table of days × items."""
    from newsroom.services.reports import letterhead, settings_for

    head = letterhead(settings_for(centre))
    issued = timezone.localtime(issued or timezone.now())
    with translation.override(settings.LANGUAGE_CODE):
        table = Section(
            "",
            columns=[
                _("Day"),
                _("Time"),
                _("Content"),
                _("Reporters"),
                _("Place"),
                _("Sending agency"),
            ],
            rows=week_rows(grid),
            word_widths=[3.0, 3.2, 8.0, 4.2, 3.8, 3.0],
            group_first=True,
        )
        sections = [table]
        items = week_item_rows(grid)
        if items:
            sections.append(
                Section(
                    _("The leaders' calendar this week"),
                    columns=[_("Day"), _("Time"), _("Content"), _("Leaders and place")],
                    rows=items,
                    word_widths=[3.0, 2.2, 12.0, 8.0],
                    group_first=True,
                )
            )
        return Document(
            **heading_for(head, centre, issued),
            number="",
            title="LỊCH CÔNG TÁC TUẦN",
            subtitle=_("Week %(number)s, from %(start)s to %(end)s")
            % {
                "number": grid.week_number,
                "start": grid.monday.strftime("%d/%m/%Y"),
                "end": grid.sunday.strftime("%d/%m/%Y"),
            },
            sections=sections,
            addressees=[
                _("The centre's management;"),
                _("Reporters and editors;"),
                _("Archive: VT."),
            ],
            landscape=True,
        )
