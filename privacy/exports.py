"""What the portal holds about a person, as files: JSON (complete, machine-readable) and
a Word document a person can read."""

import json
from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from docx import Document

from portal.outbox import Attachment


def as_json(data: dict) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")


def _table(word, rows: list[tuple[str, str]]):
    table = word.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = str(label), str(value if value not in (None, "") else "—")


def as_docx(data: dict) -> bytes:
    word = Document()
    word.add_heading(_("Personal data held by the portal"), level=1)
    when = timezone.localtime().strftime("%d/%m/%Y %H:%M")
    if data["email"]:
        intro = _("For the e-mail %(email)s, as of %(when)s.") % {
            "email": data["email"],
            "when": when,
        }
    else:
        intro = _("For the phone number %(phone)s, as of %(when)s.") % {
            "phone": data["phone"],
            "when": when,
        }
    word.add_paragraph(intro)
    word.add_heading(_("Directory entries"), level=2)
    if not data["entries"]:
        word.add_paragraph(_("None."))
    for entry in data["entries"]:
        _table(
            word,
            [(key, value) for key, value in entry.items() if key != "history"],
        )
        word.add_paragraph(
            _("%(count)s recorded versions of this entry (listed in the JSON file).")
            % {"count": len(entry["history"])}
        )
    word.add_heading(_("User accounts"), level=2)
    if not data["accounts"]:
        word.add_paragraph(_("None."))
    for account in data["accounts"]:
        _table(word, [(key, value) for key, value in account.items() if key != "sign_ins"])
        word.add_paragraph(
            _("%(count)s recorded sign-ins (listed in the JSON file).")
            % {"count": len(account["sign_ins"])}
        )
    for key, title in (
        ("notices", _("Event notices naming you as the contact person")),
        ("consent", _("Bases for publishing")),
        ("proposals", _("Proposed changes")),
        ("invitations", _("Invitations sent")),
        ("messages", _("E-mails and text messages sent")),
        ("requests", _("Requests about your data")),
    ):
        word.add_heading(title, level=2)
        if not data[key]:
            word.add_paragraph(_("None."))
        for row in data[key]:
            _table(
                word,
                [
                    (k, json.dumps(v, ensure_ascii=False) if isinstance(v, dict) else v)
                    for k, v in row.items()
                ],
            )
            word.add_paragraph("")
    buffer = BytesIO()
    word.save(buffer)
    return buffer.getvalue()


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def attachments(data: dict) -> list[Attachment]:
    return [
        Attachment("du-lieu-ca-nhan.json", as_json(data), "application/json"),
        Attachment("du-lieu-ca-nhan.docx", as_docx(data), DOCX),
    ]
