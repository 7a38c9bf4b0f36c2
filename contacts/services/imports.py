"""Import of the directory from CSV or Excel: a dry run first, then all rows or none.

Every row gets a result (new, changed, unchanged or error with the reason), kept in an
`ImportDryRun` row of its owner until it expires. Applying claims that row once — a
second apply (a double-click, a retried request) is told it was already applied — and
turns new and changed rows into proposals for the reviewer, or live changes when the
importer is a reviewer, in one transaction; it refuses if any row has an error.
"""

from dataclasses import asdict, dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from contacts.enums import ProposalSource
from contacts.exchange import role_from_text
from contacts.forms.entries import ContactForm
from contacts.models import ImportDryRun, Organisation, PressAgency, PressContact
from contacts.selectors.review import ENTRY_FIELDS, current_values
from contacts.services import review
from contacts.text import fold
from portal.models import User
from portal.outbox import notify
from portal.scoping import scope_for
from portal.selectors import province_reviewers

NEW, CHANGED, UNCHANGED, ERROR = "new", "changed", "unchanged", "error"
MAX_ID_DIGITS = 18  # fits a 64-bit key; a longer "id" is no entry's


class AlreadyApplied(ValidationError):
    """The dry run was applied before (by this request's twin): nothing more was done."""

    def __init__(self, dry_run: ImportDryRun):
        self.dry_run = dry_run
        when = formats.date_format(timezone.localtime(dry_run.applied_at), "d/m/Y H:i:s")
        super().__init__(
            _(
                "This file was already imported at %(when)s (%(count)s changes): nothing more "
                "was done."
            )
            % {"when": when, "count": dry_run.applied_count or 0}
        )


@dataclass
class RowResult:
    line: int
    status: str
    name: str
    message: str = ""
    contact_id: int | None = None
    data: dict = field(default_factory=dict)


def _sentence(text: str) -> str:
    text = str(text).strip()
    return text if text.endswith((".", "?", "!", "…")) else f"{text}."


def form_problems(form) -> str:
    """A row's errors as sentences: "Họ và tên: Trường này là bắt buộc. Thư điện tử: …"
    (joining Django's messages, which end in a full stop, with "; " read ".;")."""
    problems = []
    for name, errors in form.errors.items():
        text = " ".join(_sentence(error) for error in errors)
        label = form.fields[name].label if name in form.fields else ""
        problems.append(f"{label}: {text}" if label else text)
    return " ".join(problems)


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
    ids = [i for i in (entry_id(r.get("id", "")) for r in rows) if i is not None]
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


def entry_id(text) -> int | None:
    """The id column as a number: ASCII digits only (`"²".isdigit()` is true, and int()
    refuses it), and no longer than a database key."""
    text = str(text or "").strip()
    if text and len(text) <= MAX_ID_DIGITS and text.isascii() and text.isdigit():
        return int(text)
    return None


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
        pk = entry_id(raw_id)
        if pk is None or pk not in existing:
            return error(_("There is no entry with id %(id)s.") % {"id": raw_id})
        if pk in seen_ids:
            return error(_("Entry %(id)s appears twice in the file.") % {"id": raw_id})
        seen_ids.add(pk)
        contact = existing[pk]
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
        return error(form_problems(form))
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


def check_file(rows: list[dict], *, owner: User) -> tuple[list[RowResult], ImportDryRun | None]:
    """The dry run of `rows`, and the row it is kept in for its owner until
    CONTACT_IMPORT_DRY_RUN_TTL has passed — only when there is something to apply and no
    row has an error (nothing else can be applied, so nothing else is stored)."""
    results = dry_run(rows)
    counts = counts_of(results)
    if counts.get(ERROR) or not (counts.get(NEW) or counts.get(CHANGED)):
        return results, None
    now = timezone.now()
    kept = ImportDryRun.objects.create(
        owner=owner,
        created_at=now,
        expires_at=now + settings.CONTACT_IMPORT_DRY_RUN_TTL,
        rows=[asdict(r) for r in results],
    )
    return results, kept


def results_of(dry_run: ImportDryRun) -> list[RowResult]:
    return [RowResult(**r) for r in dry_run.rows]


def counts_of(results: list[RowResult]) -> dict:
    counts = {}
    for result in results:
        counts[result.status] = counts.get(result.status, 0) + 1
    return counts


@transaction.atomic
def apply(dry_run: ImportDryRun, *, by: User) -> int:
    """All or nothing, once. Returns how many proposals (or live changes) were made.

    The claim is a conditional UPDATE: of two applies at the same moment the database
    lets one set `applied_at` and the other finds it set (AlreadyApplied). A failure
    later in the transaction rolls the claim back with everything else."""
    if not by.has_perm("contacts.propose_change") or dry_run.owner_id != by.pk:
        raise PermissionDenied
    results = results_of(dry_run)
    if any(r.status == ERROR for r in results):
        raise ValidationError(_("The file has errors: nothing was imported."))
    now = timezone.now()
    claimed = ImportDryRun.objects.filter(
        pk=dry_run.pk, applied_at__isnull=True, expires_at__gt=now
    ).update(applied_at=now)
    if not claimed:
        dry_run.refresh_from_db()
        if dry_run.applied_at is not None:
            raise AlreadyApplied(dry_run)
        raise ValidationError(_("This dry run has expired: check the file again, then import it."))
    made = _apply_rows(results, by=by)
    ImportDryRun.objects.filter(pk=dry_run.pk).update(applied_count=made)
    dry_run.applied_at, dry_run.applied_count = now, made
    return made


def _apply_rows(results: list[RowResult], *, by: User) -> int:
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
        for reviewer in province_reviewers(scope_for(by).province_id):
            notify(
                reviewer,
                "contact_import_pending",
                {"count": made, "by": by},
                url="/contacts/review/",
                email=False,
            )
    return made


def prune_dry_runs(now: datetime | None = None) -> int:
    """Delete dry runs that expired more than CONTACT_IMPORT_DRY_RUN_RETENTION ago (they
    hold personal data of the file). Returns how many were deleted."""
    cutoff = (now or timezone.now()) - settings.CONTACT_IMPORT_DRY_RUN_RETENTION
    deleted, _per_model = ImportDryRun.objects.filter(expires_at__lt=cutoff).delete()
    return deleted
