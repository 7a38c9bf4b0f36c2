"""Idle sessions end; every page carries a Content-Security-Policy without inline script."""

import re
from datetime import timedelta
from pathlib import Path

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIRS = [
    ROOT / "templates",
    *(ROOT / app / "templates" for app in ("portal", "contacts", "events", "newsroom")),
]


def test_a_session_ends_after_the_idle_time_and_activity_keeps_it(client, world, settings):
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    idle = timedelta(seconds=settings.SESSION_COOKIE_AGE)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.post(reverse("login"), {"username": "agency", "password": "demo"})
    with time_machine.travel(start + idle - timedelta(minutes=10), tick=False):
        assert client.get("/").status_code == 200  # activity renews the session
    with time_machine.travel(start + 2 * idle - timedelta(minutes=20), tick=False):
        assert client.get("/").status_code == 200
    with time_machine.travel(start + 3 * idle, tick=False):
        response = client.get("/")
    assert (response.status_code, response.url) == (302, "/accounts/login/?next=/")


def test_an_idle_session_is_not_renewed_by_nothing(client, world, settings):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        client.post(reverse("login"), {"username": "agency", "password": "demo"})
    with time_machine.travel(
        start + timedelta(seconds=settings.SESSION_COOKIE_AGE + 60), tick=False
    ):
        assert client.get("/").status_code == 302


@pytest.mark.parametrize("path", ["/accounts/login/", "/", "/contacts/"])
def test_pages_send_a_content_security_policy(client_for, world, path):
    response = client_for(world.director).get(path)
    policy = dict(
        part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";")
    )
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
JS_URL = re.compile(r"""href\s*=\s*["']javascript:""", re.IGNORECASE)


def test_page_templates_have_no_inline_script_or_event_handlers():
    """CSP blocks inline script; e-mail templates (notifications/) are not pages."""
    offenders = []
    for folder in TEMPLATE_DIRS:
        for path in folder.rglob("*.html"):
            if "notifications" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            for pattern in (INLINE_SCRIPT, INLINE_HANDLER, JS_URL):
                offenders += [
                    f"{path.relative_to(ROOT)}: {m.group(0)}" for m in pattern.finditer(text)
                ]
    assert offenders == []
