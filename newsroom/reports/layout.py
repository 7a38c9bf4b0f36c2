"""One description of a weekly report, rendered three ways (HTML, Excel, Word), in the
Vietnamese official-document layout: letterhead and national motto, number, place and
date, title, numbered sections, "Nơi nhận" and the signature block."""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from newsroom.enums import Assessment
from newsroom.models import WeeklyReport


@dataclass
class Section:
    heading: str
    lines: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    rows: list[list] = field(default_factory=list)


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
    signer_title: str
    signer_name: str


def _d(iso: str) -> str:
    return date.fromisoformat(iso).strftime("%d/%m/%Y")


def document_for(report: WeeklyReport) -> Document:
    from newsroom.services.reports import settings_for

    with translation.override(settings.LANGUAGE_CODE):
        return _document(report, settings_for(report.centre))


def _document(report, conf) -> Document:
    data = report.data
    n = data["notices"]
    sections = [
        Section(
            _("I. Event notices"),
            [
                _("Received: %(n)s") % {"n": n["received"]},
                _("Covered: %(n)s") % {"n": n["covered"]},
                _("Declined: %(n)s") % {"n": n["declined"]},
                _("Cancelled by the sender: %(n)s") % {"n": n["cancelled"]},
            ],
        ),
        Section(
            _("II. Lead-time compliance by agency"),
            [] if data["compliance"] else [_("No notices this week.")],
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
            ],
        ),
    ]
    stories = data.get("stories")  # None in reports archived before stories were counted
    sections.append(
        Section(
            _("III. Contributor stories"),
            [
                _("Received: %(n)s") % {"n": stories["received"]},
                _("Returned for changes: %(n)s") % {"n": stories.get("returned", 0)},
                _("Published: %(n)s") % {"n": stories["published"]},
            ]
            if stories
            else [_("Not recorded in the portal yet.")],
        )
    )
    pubs = data["publications"]
    sections.append(
        Section(
            _("IV. Publications by channel"),
            [] if pubs else [_("No publications this week.")],
            [_("Channel"), _("Items")],
            [[p["channel"], p["count"]] for p in pubs],
        )
    )
    mon = data["monitoring"]
    sections.append(
        Section(
            _("V. Press and social-media monitoring"),
            [
                _("Items about the locality: %(n)s") % {"n": mon["total"]},
                ", ".join(
                    f"{Assessment(value).label}: {count}"
                    for value, count in mon["by_assessment"].items()
                ),
                _("Responses needed: %(needed)s; responded: %(done)s; overdue: %(late)s")
                % {
                    "needed": mon["responses_needed"],
                    "done": mon["responded"],
                    "late": mon["overdue"],
                },
            ],
            [
                _("Published"),
                _("Outlet"),
                _("Title"),
                _("Assessment"),
                _("Responsible agency"),
                _("Response"),
            ],
            [
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
        )
    )
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
    issued = timezone.localtime(report.generated_at)
    return Document(
        governing_body=conf.governing_body.upper(),
        organisation=report.centre.name.upper(),
        motto_1="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        motto_2="Độc lập - Tự do - Hạnh phúc",
        number=f"Số: {report.number}/{conf.number_suffix}",
        place_date=f"{conf.place}, ngày {issued:%d} tháng {issued:%m} năm {issued:%Y}",
        title="BÁO CÁO",
        subtitle=_("Press coverage and media work, week from %(start)s to %(end)s")
        % {"start": _d(data["period"]["start"]), "end": _d(data["period"]["end"])},
        sections=sections,
        addressees=conf.addressee_list or [_("As above;"), _("Archive: VT.")],
        signer_title=conf.signer_title,
        signer_name=conf.signer_name,
    )
