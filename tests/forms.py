"""Posting a create form as a browser does: with the one-time token the page rendered."""

from portal.idempotency import FIELD, issue_token


def with_token(data: dict | None = None, **extra) -> dict:
    """`data` plus a fresh submission token, as if the form page had just been shown."""
    return {**(data or {}), **extra, FIELD: issue_token()}
