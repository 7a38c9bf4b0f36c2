"""Import of the directory from CSV or Excel: a dry run first, then all rows or none.

Every row gets a result (new, changed, unchanged or error with the reason). Applying
turns new and changed rows into proposals for the reviewer — or live changes when the
importer is a reviewer — in one transaction, and refuses if any row has an error.
"""

from dataclasses import asdict, dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from contacts.enums import ProposalSource
from contacts.exchange import role_from_text
from contacts.forms.entries import ContactForm
from contacts.models import Organisation, PressAgency, PressContact
from contacts.selectors.review import ENTRY_FIELDS, current_values
from contacts.services import review
from contacts.text import fold
from portal.models import User
from portal.outbox import notify
from portal.selectors import reviewers

NEW, CHANGED, UNCHANGED, ERROR = "new", "changed", "unchanged", "error"


@dataclass
class RowResult:
    line: int
    status: str
    name: str
    message: str = ""
    contact_id: int | None = None
    data: dict = field(default_factory=dict)


def _by_folded_name(objects) -> dict:
    index = {}
    for obj in objects:
        for name in (obj.name, obj.short_name):
            if name:
                index.setdefault(fold(name), obj.pk)
    return index


def dry_run(rows: list[dict]) -> list[RowResult]:
    """Check every row without changing anything."""
    agencies = _by_folded_name(PressAgency.objects.only("pk", "name", "short_name"))
    organisations = _by_folded_name(Organisation.objects.only("pk", "name", "short_name"))
    ids = [int(r["id"]) for r in rows if str(r.get("id", "")).isdigit()]
    existing = {c.pk: c for c in PressContact.objects.filter(pk__in=ids)}
    people = _people_in_directory()
    seen_ids = set()
    new_in_file: dict = {}  # person key → line of its first new row
    results = []
    for row in rows:
        result = _check_row(row, agencies, organisations, existing, seen_ids)
        if result.status == NEW:
            result = _unless_duplicate(result, people, new_in_file)
        results.append(result)
    return results


def _person_key(full_name: str, press_agency_id, organisation_id) -> tuple:
    """The same person of the same owner, whatever the spelling of diacritics or case."""
    return (fold(full_name), press_agency_id or None, organisation_id or None)


def _people_in_directory() -> dict:
    """Person key → id of the entry already in the directory (one query)."""
    rows = PressContact.objects.values_list("pk", "full_name", "press_agency_id", "organisation_id")
    return {_person_key(name, agency, org): pk for pk, name, agency, org in rows}


def _unless_duplicate(result: RowResult, people: dict, new_in_file: dict) -> RowResult:
    """A new row for someone the directory already has, or that repeats an earlier row of
    the file, is an error: importing it would make a second entry for one person."""
    data = result.data
    key = _person_key(data["full_name"], data.get("press_agency"), data.get("organisation"))
    if key in people:
        message = _(
            "%(name)s is already in the directory (entry %(id)s): put %(id)s in the id "
            "column to update that entry."
        ) % {"name": result.name, "id": people[key]}
        return RowResult(result.line, ERROR, result.name, message)
    if key in new_in_file:
        message = _("Repeats line %(line)s of the file.") % {"line": new_in_file[key]}
        return RowResult(result.line, ERROR, result.name, message)
    new_in_file[key] = result.line
    return result


def _check_row(row, agencies, organisations, existing, seen_ids) -> RowResult:
    line, name = row["_line"], row.get("full_name", "")
    error = lambda message: RowResult(line, ERROR, name, message)  # noqa: E731
    contact = None
    raw_id = row.get("id", "").strip()
    if raw_id:
        if not raw_id.isdigit() or int(raw_id) not in existing:
            return error(_("There is no entry with id %(id)s.") % {"id": raw_id})
        if int(raw_id) in seen_ids:
            return error(_("Entry %(id)s appears twice in the file.") % {"id": raw_id})
        seen_ids.add(int(raw_id))
        contact = existing[int(raw_id)]
    data = current_values(contact) if contact else {}
    data = {k: ("" if v is None else v) for k, v in data.items() if k in ENTRY_FIELDS}
    for column in ENTRY_FIELDS:
        if column in row:
            data[column] = row[column]
    role = role_from_text(str(data.get("role", "")))
    if role is None:
        return error(_("Unknown role “%(role)s”.") % {"role": data.get("role", "")})
    data["role"] = role
    for column, index, label in (
        ("press_agency", agencies, _("press agency")),
        ("organisation", organisations, _("organisation")),
    ):
        if column in row:
            text = row[column]
            if text and fold(text) not in index:
                return error(_("Unknown %(what)s “%(name)s”.") % {"what": label, "name": text})
            data[column] = index.get(fold(text), "") if text else ""
    form = ContactForm(data=data)
    if not form.is_valid():
        problems = [
            f"{form.fields[f].label if f in form.fields else ''}: {' '.join(errs)}".lstrip(": ")
            for f, errs in form.errors.items()
        ]
        return error("; ".join(problems))
    values = review.serialise(form.cleaned_data)
    if contact is None:
        return RowResult(line, NEW, values["full_name"], data=values)
    changes = review.changed_values(contact, values)
    if not changes:
        return RowResult(line, UNCHANGED, values["full_name"], contact_id=contact.pk)
    labels = ", ".join(str(PressContact._meta.get_field(f).verbose_name) for f in changes)
    return RowResult(
        line, CHANGED, values["full_name"], message=labels, contact_id=contact.pk, data=changes
    )


def to_session(results: list[RowResult]) -> list[dict]:
    return [asdict(r) for r in results]


def from_session(stored: list[dict]) -> list[RowResult]:
    return [RowResult(**r) for r in stored]


@transaction.atomic
def apply(results: list[RowResult], *, by: User) -> int:
    """All or nothing. Returns how many proposals (or live changes) were made."""
    if not by.has_perm("contacts.propose_change"):
        raise PermissionDenied
    if any(r.status == ERROR for r in results):
        raise ValidationError(_("The file has errors: nothing was imported."))
    made = 0
    for result in results:
        if result.status == NEW:
            review.propose_new(by=by, data=result.data, source=ProposalSource.IMPORT, quiet=True)
        elif result.status == CHANGED:
            contact = PressContact.objects.get(pk=result.contact_id)
            try:
                review.propose_edit(
                    contact, by=by, data=result.data, source=ProposalSource.IMPORT, quiet=True
                )
            except ValidationError:
                continue  # changed meanwhile to the very same values
        else:
            continue
        made += 1
    if made and not by.is_reviewer:
        for reviewer in reviewers():
            notify(
                reviewer,
                "contact_import_pending",
                {"count": made, "by": by},
                url="/contacts/review/",
                email=False,
            )
    return made
