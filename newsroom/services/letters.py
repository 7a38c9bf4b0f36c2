"""The monthly letter to each agency's head about its lead-time record (seed 000): the
director picks a month on the compliance page, reads every agency's figures (silent
agencies too) and sends one letter per agency, once. The figures are the compliance
page's (`compliance_rows`), so the letter and the page never disagree."""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contacts.models import Organisation
from events.selectors.stories import contributor_activity
from newsroom.models import AgencyLetter
from newsroom.selectors.compliance import compliance_rows, period_bounds
from newsroom.services.reports import letterhead, settings_for
from portal.enums import Role
from portal.models import User
from portal.outbox import Attachment, notify_address

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = "application/pdf"


class LettersRefused(Exception):
    """The letters cannot be sent; the message says why, in the user's language."""


@dataclass
class AgencyMonth:
    """One agency's month as the preview shows it and the letter freezes it."""

    agency_id: int
    agency: str
    figures: dict
    recipients: list[str] = field(default_factory=list)
    letter: AgencyLetter | None = None  # already sent for this month

    @property
    def silent(self) -> bool:
        return self.figures["total"] == 0


def first_of(year: int, month: int) -> date:
    return date(year, month, 1)


def _recipients(agency_ids: list[int]) -> dict[int, list[str]]:
    """The agency's own address (its head's office) or, when it has none, its staff's.
    Two queries."""
    found = {
        pk: [email]
        for pk, email in Organisation.objects.filter(pk__in=agency_ids)
        .exclude(email="")
        .values_list("pk", "email")
    }
    staff = (
        User.objects.filter(
            organisation_id__in=[pk for pk in agency_ids if pk not in found],
            role=Role.AGENCY_STAFF,
            is_active=True,
        )
        .exclude(email="")
        .order_by("email")
        .values_list("organisation_id", "email")
    )
    for pk, email in staff:
        if email not in found.setdefault(pk, []):
            found[pk].append(email)
    return found


def month_overview(centre, year: int, month: int) -> list[AgencyMonth]:
    """Every active agency of the centre for the month, best first and silent ones last,
    with its figures, its recipients and the letter already sent, if any. Six queries."""
    start, end = period_bounds("month", year, month)
    rows = compliance_rows([centre.pk], start, end)
    stories = {a["agency_id"]: a["sent"] for a in contributor_activity([centre.pk], start, end)}
    addresses = _recipients([row.key for row in rows])
    sent = {
        letter.agency_id: letter
        for letter in AgencyLetter.objects.filter(centre=centre, month=first_of(year, month)).defer(
            "docx", "pdf", "data"
        )
    }
    return [
        AgencyMonth(
            agency_id=row.key,
            agency=row.name,
            figures={
                "total": row.total,
                "on_time": row.on_time,
                "late": row.late,
                "after_fact": row.after_fact,
                "exempt": row.exempt,
                "rate": row.on_time_rate,
                "median_lead_minutes": row.median_lead_minutes,
                "rank": row.rank,
                "ranked_of": len(rows),
                "stories": stories.get(row.key, 0),
            },
            recipients=addresses.get(row.key, []),
            letter=sent.get(row.key),
        )
        for row in rows
    ]


def stem(letter: AgencyLetter) -> str:
    return f"cong-van-tuan-thu-{letter.month:%Y%m}-{letter.agency_id}"


def files_for(letter: AgencyLetter) -> list[Attachment]:
    files = [Attachment(f"{stem(letter)}.docx", bytes(letter.docx), DOCX)]
    if letter.pdf is not None:
        files.append(Attachment(f"{stem(letter)}.pdf", bytes(letter.pdf), PDF))
    return files


def _pdf(docx: bytes) -> bytes:
    from newsroom.reports.pdf import PdfFailed, docx_to_pdf

    if not settings.REPORT_PDF_ENABLED:
        raise LettersRefused(_("PDF output is turned off (REPORT_PDF_ENABLED)."))
    try:
        return docx_to_pdf(docx)
    except PdfFailed as failure:
        raise LettersRefused(str(failure)) from failure


def _next_number(centre, year: int) -> int:
    return AgencyLetter.objects.filter(centre=centre, month__year=year).count() + 1


@transaction.atomic
def send_letters(centre, year: int, month: int, *, by, with_pdf: bool = False) -> list:
    """One letter per agency of the centre that has none for this month yet, each e-mailed
    through the outbox to its recipients. Returns the letters made now: an empty list when
    the month was already sent (nothing is made or sent again). A PDF that cannot be made
    refuses the whole sending, nothing changed."""
    from newsroom.reports.letters import letter_docx

    Organisation.objects.select_for_update().get(pk=centre.pk)  # one sender per centre
    conf = settings_for(centre)
    head = {**letterhead(conf), "letter_number_suffix": conf.letter_number_suffix}
    number = _next_number(centre, year)
    made = []
    now = timezone.now()
    for entry in month_overview(centre, year, month):
        if entry.letter is not None:
            continue
        letter = AgencyLetter(
            centre=centre,
            agency_id=entry.agency_id,
            month=first_of(year, month),
            number=number,
            data={
                "agency": entry.agency,
                "centre": centre.name,
                "figures": entry.figures,
                "letterhead": head,
            },
            sent_at=now,
            sent_by=by,
            sent_to=entry.recipients,
        )
        letter.docx = letter_docx(letter)
        letter.pdf = _pdf(letter.docx) if with_pdf else None
        letter.save()
        number += 1
        made.append(letter)
        context = {"letter": letter, "month": f"{letter.month:%m/%Y}", "centre": centre.name}
        for address in entry.recipients:
            notify_address(address, "agency_letter", context, attachments=files_for(letter))
    return made
