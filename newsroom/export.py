"""Compliance as an Excel workbook, through the portal's one spreadsheet writer."""

from django.utils.translation import gettext as _
from openpyxl.styles import Font

from portal.spreadsheets import SafeWorkbook


def compliance_workbook(title: str, rows, total, activity=()) -> bytes:
    """Sheet 1: the ranking with its total row. Sheet 2: contributor stories per agency."""
    book = SafeWorkbook()
    sheet = book.sheet(_("Compliance"))
    book.append(sheet, [title])
    sheet["A1"].font = Font(bold=True, size=13)
    headers = [
        _("Rank"),
        _("Agency"),
        _("Centre"),
        _("Notices"),
        _("On time"),
        _("Late"),
        _("After the fact"),
        _("Exempt"),
        _("On-time rate (%)"),
        _("Urgent share (%)"),
        _("Median lead time (minutes)"),
        _("Note"),
    ]
    book.append(sheet, headers)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in [*rows, total]:
        book.append(
            sheet,
            [
                row.rank or "",
                row.name or _("Total"),
                row.centre_name,
                row.total,
                row.on_time,
                row.late,
                row.after_fact,
                row.exempt,
                row.on_time_rate,
                row.urgent_share,
                row.median_lead_minutes,
                _("no notice this period") if row.key and row.silent else "",
            ],
        )
    sheet.column_dimensions["B"].width = 40
    sheet.column_dimensions["C"].width = 36
    stories = book.sheet(_("Contributor stories"))
    book.append(stories, [title])
    stories["A1"].font = Font(bold=True, size=13)
    book.append(
        stories, [_("Agency"), _("Stories sent"), _("Returned for changes"), _("Published")]
    )
    for cell in stories[2]:
        cell.font = Font(bold=True)
    for row in activity:
        book.append(stories, [row["agency"], row["sent"], row["returned"], row["published"]])
    stories.column_dimensions["A"].width = 40
    return book.to_bytes()
