"""Doing a thing twice does it once: create forms carry a one-time token, decisions no-op.

**Create forms.** A form with `SubmissionTokenMixin` renders a hidden `submission_token`:
a random value signed with the time the page was shown. The view is wrapped in
`@submit_once`, which claims the token (`claim()`: one row in `SubmissionToken`, unique
on the token) in the same transaction as everything the view writes. When the view ends
in a redirect the row keeps that address and commits with the new record; when the form
was refused (any other answer) the transaction, claim included, is rolled back, so the
corrected form can be sent again with the same token. A second submission with a claimed
token (a double-click, a browser retrying after a timeout) writes nothing and is sent
where the first one went, with "Already sent". On PostgreSQL two parallel submissions
meet at the unique index: the second insert waits for the first transaction and then
fails, so exactly one wins. A form without a valid token (a page rendered before this
existed, or left open longer than `SUBMISSION_TOKEN_MAX_AGE_HOURS`) is refused with a
message and a fresh token, keeping what was typed.

**Decisions.** Approving an approved story, declining a declined notice, confirming a
confirmed assignment… is a no-op that shows the decision already made. Because a
permission usually depends on the current state (only a story under review may be
approved), the getter checks "already in the target state" before the permission:
`get_for(..., perm=..., done=Done(test, message, url))` raises `AlreadyDone`, and
`AlreadyDoneMiddleware` answers it with the message and a redirect instead of a 403. The
services are idempotent too (they lock the row and return when it is already there), so
two requests racing past the getter still decide once.

**Replayed actions.** A phone that queued actions offline sends each with a key it made
(a UUID) and may send it again (the connection dropped before the answer came, or the
page and the service worker both replayed the queue). `apply_once(user, key, apply)`
claims the key (`ActionKey`, unique per user) in the same transaction as what `apply()`
writes and keeps the answer; the same key from the same user gets that answer again and
nothing is applied twice. Another user's key is simply a different key.
"""

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import wraps

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.models import ActionKey, SubmissionToken

FIELD = "submission_token"
_SALT = "portal.submission-token"
_REDIRECTS = (301, 302, 303, 307, 308)


class AlreadyDone(Exception):  # noqa: N818 (a signal to the middleware, not an error)
    """What the user asked for is already done: show `message` on the page at `url`."""

    def __init__(self, url: str, message: str):
        super().__init__(message)
        self.url = url
        self.message = message


@dataclass(frozen=True)
class Done:
    """How to tell that a decision is already made: `test(user, obj)` is true when the
    object is in the state the decision leads to; the user is then sent to `url(obj)`
    with `message`. Only what the object's page already shows is revealed."""

    test: Callable
    message: str
    url: Callable

    def check(self, user, obj) -> None:
        if self.test(user, obj):
            raise AlreadyDone(self.url(obj), str(self.message))


# --- Tokens -------------------------------------------------------------------------------


def max_age() -> timedelta:
    return timedelta(hours=settings.SUBMISSION_TOKEN_MAX_AGE_HOURS)


def issue_token() -> str:
    """A fresh token for a form being shown: random, signed with the time."""
    return signing.TimestampSigner(salt=_SALT).sign(secrets.token_urlsafe(18))


def token_is_valid(token: str) -> bool:
    if not token or len(token) > 100:
        return False
    try:
        signing.TimestampSigner(salt=_SALT).unsign(token, max_age=max_age())
    except signing.BadSignature:  # also SignatureExpired
        return False
    return True


class SubmissionTokenMixin:
    """For a create form: adds the hidden token and refuses a form sent without a valid one.

    A model form editing an existing row gets no token (editing is not creating)."""

    stale_message = gettext_lazy(
        "This form is out of date, please reload the page (or check it and send it again)."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk is not None:
            return
        self.fields[FIELD] = forms.CharField(
            widget=forms.HiddenInput, required=False, initial=issue_token
        )

    def clean_submission_token(self):
        token = self.cleaned_data.get(FIELD, "")
        if not token_is_valid(token):
            # Shown above the form; the form is shown again with a fresh token.
            self.add_error(None, self.stale_message)
            self.data = self.data.copy()
            self.data[self.add_prefix(FIELD)] = issue_token()
        return token

    def clean(self):
        data = super().clean()
        data.pop(FIELD, None)  # the token is the view's business, not the service's
        return data


class SubmitForm(SubmissionTokenMixin, forms.Form):
    """A button that creates something and has no fields but the token (a report)."""


# --- Claims -------------------------------------------------------------------------------


class AlreadySubmitted(Exception):  # noqa: N818
    """The token was claimed by an earlier submission."""


def claim(token: str, user) -> SubmissionToken:
    """Claim `token` for `user` inside the caller's transaction, or raise
    `AlreadySubmitted` with the first claim. The unique index decides between parallel
    requests: the loser's insert waits for the winner's transaction, then fails."""
    now = timezone.now()
    try:
        with transaction.atomic():
            return SubmissionToken.objects.create(
                token=token, user=user, created_at=now, expires_at=now + max_age()
            )
    except IntegrityError:
        raise AlreadySubmitted from None


def first_claim(token: str) -> SubmissionToken | None:
    return SubmissionToken.objects.filter(token=token).first()


def submit_once(view):
    """Wrap a view that creates something from a `SubmissionTokenMixin` form."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        token = request.POST.get(FIELD, "") if request.method == "POST" else ""
        if not token_is_valid(token):
            return view(request, *args, **kwargs)  # the form refuses it with a message
        try:
            with transaction.atomic():
                ticket = claim(token, request.user)
                response = view(request, *args, **kwargs)
                if response.status_code in _REDIRECTS:
                    ticket.redirect_url = response["Location"][:500]
                    ticket.save(update_fields=["redirect_url"])
                else:
                    transaction.set_rollback(True)  # refused: the token stays usable
                return response
        except AlreadySubmitted:
            pass
        first = first_claim(token)
        if first is None or first.user_id != request.user.pk or not first.redirect_url:
            messages.error(request, str(SubmissionTokenMixin.stale_message))
            return redirect(request.get_full_path())
        raise AlreadyDone(
            first.redirect_url, _("Already sent: this is what the first submission created.")
        )

    wrapped.submits_once = True  # found by the test that covers every such view
    return wrapped


# --- Replayed actions ---------------------------------------------------------------------

ACTION_KEY_DAYS = 30  # a phone offline longer than this sends its queue as new actions


def apply_once(user, key, apply: Callable[[], tuple[int, dict]]) -> tuple[int, dict]:
    """Run `apply()` (→ HTTP status, JSON-able answer) once per `(user, key)`; a repeat
    returns the first answer without running it. A refusal is an answer too (kept, so a
    retry is told the same). An exception rolls the claim back with everything else."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = ActionKey.objects.create(user=user, key=key)
        except IntegrityError:
            record = ActionKey.objects.get(user=user, key=key)
            return record.status_code, record.result
        record.status_code, record.result = apply()
        record.save(update_fields=["status_code", "result"])
        return record.status_code, record.result


def prune_expired(now=None) -> int:
    """Delete claims whose token can no longer be sent, and action keys older than
    `ACTION_KEY_DAYS`; returns how many."""
    now = now or timezone.now()
    deleted, _by_model = SubmissionToken.objects.filter(expires_at__lt=now).delete()
    keys, _by_model = ActionKey.objects.filter(
        created_at__lt=now - timedelta(days=ACTION_KEY_DAYS)
    ).delete()
    return deleted + keys
