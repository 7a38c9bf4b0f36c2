"""A refused form never loses its files: they are kept as pending uploads.

A form with files (`KeepsUploadsMixin`) that comes back with an error — a late notice
not confirmed, a story without a title — keeps every file that passed its checks as a
`PendingUpload` tied to the form's token (the create form's `submission_token`, or an
`upload_token` of its own on an edit form) and to the user. The page lists them under
their input as "already attached", each with a box to remove it; the next submission of
the same form adds them to that input's new files, and they go through the same checks
again. An accepted form's pending files are deleted; the rest are purged by beat after
PENDING_UPLOAD_MAX_AGE (`portal.prune_pending_uploads`).

What a form keeps or removes is written after the view, by `PendingUploadsMiddleware`:
a refused create form's transaction is rolled back (`portal/idempotency.py`), and the
kept files must outlive that rollback. A redirect means the form was accepted (its
pending files are gone with it); a page shown again (200) means refused (kept).
"""

import contextvars
import logging
import secrets
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.files import File
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from portal.idempotency import FIELD as TOKEN_FIELD
from portal.idempotency import issue_token, token_is_valid
from portal.models import PendingUpload

log = logging.getLogger(__name__)

REMOVE_FIELD = "remove_upload"
UPLOAD_TOKEN_FIELD = "upload_token"  # noqa: S105 (a field name, not a secret)

_after_view: contextvars.ContextVar[list | None] = contextvars.ContextVar(
    "pending_uploads_after_view", default=None
)


@dataclass(frozen=True)
class Kept:
    """A file the page lists as already attached."""

    key: str
    field: str
    name: str
    size: int


class PendingUploadsMiddleware:
    """Runs what forms asked to keep or drop once the view (and its transaction) is over."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        callbacks: list = []
        reset = _after_view.set(callbacks)
        try:
            response = self.get_response(request)
        finally:
            _after_view.reset(reset)
        for callback in callbacks:
            callback(response.status_code)
        return response


def _kept_file(row: PendingUpload) -> File:
    """The stored file, named as the person named it (the checks read the name)."""
    return File(row.file.open("rb"), name=row.original_name)


def _delete(rows) -> int:
    count = 0
    for row in rows:
        row.file.delete(save=False)
        row.delete()
        count += 1
    return count


class KeepsUploadsMixin:
    """For a form with file fields listed in `kept_fields`; the view passes `user=`."""

    kept_fields: tuple[str, ...] = ()

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.upload_owner = user
        self._rows: list[PendingUpload] = []
        self._removed: list[PendingUpload] = []
        self._fresh: dict[str, list] = {}
        self._new: list[tuple[Kept, object]] | None = None
        if TOKEN_FIELD not in self.fields:  # an edit form: a token only for its files
            self.fields[UPLOAD_TOKEN_FIELD] = forms.CharField(
                widget=forms.HiddenInput, required=False, initial=issue_token
            )

    # --- which token -----------------------------------------------------------------

    def _upload_token(self) -> str:
        name = TOKEN_FIELD if TOKEN_FIELD in self.fields else UPLOAD_TOKEN_FIELD
        token = self.data.get(self.add_prefix(name), "") if self.is_bound else ""
        return token if token_is_valid(token) else ""

    # --- cleaning ----------------------------------------------------------------------

    def full_clean(self):
        token = self._upload_token()
        owner = self.upload_owner
        if self.is_bound and token and owner is not None and owner.is_authenticated:
            self._attach_kept(token, owner)
            callbacks = _after_view.get()
            if callbacks is not None:
                callbacks.append(lambda status: self._after_view(status, token, owner))
        super().full_clean()

    def _attach_kept(self, token, owner) -> None:
        removed = set(self.data.getlist(self.add_prefix(REMOVE_FIELD)))
        rows = list(PendingUpload.objects.filter(token=token, user=owner))
        self._removed = [row for row in rows if row.key in removed]
        self._rows = [
            row for row in rows if row.key not in removed and row.field in self.kept_fields
        ]
        files = self.files.copy() if self.files else MultiValueDict()
        for field in self.kept_fields:
            name = self.add_prefix(field)
            self._fresh[field] = [f for f in files.getlist(name) if f]
            kept = [_kept_file(row) for row in self._rows if row.field == field]
            if kept:
                files.setlist(name, self._fresh[field] + kept)
        self.files = files

    def clean(self):
        data = super().clean()
        data.pop(UPLOAD_TOKEN_FIELD, None)  # the form's business, not the service's
        return data

    # --- what the page shows --------------------------------------------------------

    def _new_kept(self) -> list[tuple[Kept, object]]:
        """New files of fields that passed their checks, each with the key it will get."""
        if self._new is None:
            self._new = [
                (Kept(secrets.token_hex(16), field, upload.name or "file", upload.size), upload)
                for field in self.kept_fields
                if field not in self.errors
                for upload in self._fresh.get(field, [])
            ]
        return self._new

    def kept_uploads(self, field: str) -> list[Kept]:
        """The files the person need not choose again, shown under the `field` input."""
        if not self.is_bound or not self.errors:
            return []
        old = [Kept(row.key, row.field, row.original_name, row.size) for row in self._rows]
        new = [kept for kept, _upload in self._new_kept()]
        return [kept for kept in old + new if kept.field == field]

    # --- after the view --------------------------------------------------------------

    def _after_view(self, status: int, token: str, owner) -> None:
        for row in self._rows:
            row.file.close()
        if 300 <= status < 400:  # accepted: the files are the record's now
            _delete(PendingUpload.objects.filter(token=token, user=owner))
            return
        if status != 200:
            return
        _delete(self._removed)
        if not self.errors:
            return
        for kept, upload in self._new_kept():
            row = PendingUpload(
                key=kept.key,
                token=token,
                user=owner,
                field=kept.field,
                original_name=kept.name[:255],
                size=kept.size,
            )
            upload.seek(0)
            row.file.save(kept.name, upload, save=False)
            row.save()


def prune(now=None) -> int:
    """Delete pending files older than PENDING_UPLOAD_MAX_AGE; returns how many."""
    cutoff = (now or timezone.now()) - settings.PENDING_UPLOAD_MAX_AGE
    return _delete(PendingUpload.objects.filter(created_at__lt=cutoff))
