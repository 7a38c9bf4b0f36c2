"""The closing summary of a campaign: one description in the official layout of the
weekly report (Decree 30/2020, `newsroom.reports.layout`), written as Excel and Word by
the same writers, listing what each unit did."""

from django.conf import settings
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from campaigns.models import Campaign
from campaigns.selectors.tracking import relays_of, status_counts, tasks_of, tracking_rows
from newsroom.reports.excel import document_workbook
from newsroom.reports.layout import Document, Section, heading_for
from newsroom.reports.word import document_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _d(day) -> str:
    return day.strftime("%d/%m/%Y") if day else "—"


def result_rows(campaign: Campaign) -> list[list]:
    """One row per unit and task it was given: what it did, or that it has not reported."""
    tasks = list(tasks_of(campaign))
    rows = []
    for recipient in tracking_rows(campaign):
        reports = {r.task_id: r for r in recipient.reports.all()}
        status = _("Overdue") if recipient.is_overdue else recipient.get_status_display()
        for task in (t for t in tasks if t.concerns(recipient.kind)):
            report = reports.get(task.pk)
            rows.append(
                [
                    recipient.organisation.name,
                    status,
                    task.description,
                    report.summary if report else _("Not reported"),
                    _d(report.done_on) if report else "—",
                    report.get_channel_display() if report else "—",
                    report.times if report else 0,
                    report.link if report else "",
                ]
            )
    return rows


def document_for(campaign: Campaign) -> Document:
    with translation.override(settings.LANGUAGE_CODE):
        return _document(campaign)


def _document(campaign: Campaign) -> Document:
    counts = status_counts(campaign)
    issuer = campaign.issuer
    overview = [
        _("Campaign: %(title)s, from %(start)s to %(end)s.")
        % {"title": campaign.title, "start": _d(campaign.starts_on), "end": _d(campaign.ends_on)}
    ]
    overview += [
        _("Implementing %(number)s dated %(date)s of %(issuer)s.")
        % {"number": doc.number, "date": _d(doc.issued_on), "issuer": doc.issuer}
        for doc in campaign.documents.all()
    ]
    overview.append(
        _(
            "Sent to %(total)s units: %(ack)s acknowledged, %(reported)s reported on every "
            "task, %(overdue)s overdue."
        )
        % {
            "total": counts["total"],
            "ack": counts["acknowledged"] + counts["reported"],
            "reported": counts["reported"],
            "overdue": counts["overdue"],
        }
    )
    sections = [
        Section(_("I. The campaign"), overview, sheet=_("I. Campaign")),
        Section(
            _("II. What each unit did"),
            [],
            [
                _("Unit"),
                _("Status"),
                _("Task"),
                _("What was done"),
                _("When"),
                _("Channel"),
                _("Times"),
                _("Link"),
            ],
            result_rows(campaign),
            [36, 14, 36, 40, 12, 16, 8, 30],
            sheet=_("II. Results by unit"),
        ),
    ]
    relays = list(relays_of(campaign))
    if relays:
        sections.append(
            Section(
                _("III. Relays by the centres"),
                [],
                [_("Centre"), _("Recipients"), _("Acknowledged"), _("Reported")],
                [
                    [r.issuer.name, r.recipient_count, r.acknowledged_count, r.reported_count]
                    for r in relays
                ],
                [40, 14, 14, 14],
                sheet=_("III. Relays"),
            )
        )
    head = {
        "governing_body": issuer.parent.name if issuer.parent_id else "",
        "place": settings.CAMPAIGN_SUMMARY_PLACE,
        "signer_title": _("Head of the issuing body"),
        "signer_name": "",
    }
    return Document(
        **heading_for(head, issuer, timezone.localdate()),
        number="Số:      /BC",
        title="BÁO CÁO",
        subtitle=_("Results of the campaign “%(title)s”") % {"title": campaign.title},
        sections=sections,
        addressees=[_("As above;"), _("Archive: VT.")],
    )


def stem(campaign: Campaign) -> str:
    return f"tong-ket-chien-dich-{campaign.pk}-{slugify(campaign.title)[:40]}"


def excel_bytes(campaign: Campaign) -> bytes:
    return document_workbook(document_for(campaign), cover="Tổng kết")


def word_bytes(campaign: Campaign) -> bytes:
    return document_bytes(document_for(campaign))
