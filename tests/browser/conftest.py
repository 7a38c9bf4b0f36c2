"""Playwright fixtures for browser journeys against `live_server`.

Every test in tests/browser is marked `browser`: it skips locally without Chromium and
fails under CI=true. Chromium is Debian's (`apt-get install chromium`, or CHROMIUM_PATH);
Playwright never downloads a browser. Users must exist in the test database, which
`live_server` makes transactional; create them in the test (tests/factories.py).

    def test_reporter_sees_assignments(page, live_server, login):
        ReporterFactory(username="reporter")
        login(page, live_server, "reporter")
        page.goto(f"{live_server.url}/newsroom/assignments/")
"""

import os
import secrets
from pathlib import Path

import pytest

from tests.conftest import require_chromium_now

# Lets a test see (and abort) the service worker's own requests: Chromium's offline
# emulation does not reach them (test_offline_journey.py). Read when the driver starts.
os.environ.setdefault("PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS", "1")
HERE = Path(__file__).resolve().parent
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEFAULT_TIMEOUT_MS = 10_000
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    # Checked here too: a session fixture is set up before the per-test marker check.
    executable = require_chromium_now()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=LAUNCH_ARGS
        )
        yield browser
        browser.close()


def _new_page(browser, options):
    context = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", **options)
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    return context, context.new_page()


@pytest.fixture
def page(browser):
    """A desktop page (1280×900) in a fresh browser context: no cookies from other tests."""
    context, page = _new_page(browser, DESKTOP)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    """A phone-sized page (390×844, touch) in a fresh browser context."""
    context, page = _new_page(browser, PHONE)
    yield page
    context.close()


DEMO_PASSWORD = "demo"


def one_backup_code(username: str) -> str | None:
    """For a user whose role requires 2FA: a fresh backup code (enrolling them first with
    a backup-code device if they have none), so journeys pass the verify step like a
    person with their printed codes. None for users who sign in with a password only."""
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_static.models import StaticDevice

    from portal.twofactor import BACKUP_DEVICE_NAME, two_factor_required

    user = get_user_model().objects.get(username=username)
    if not two_factor_required(user):
        return None
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
    )
    code = f"{secrets.randbelow(10**8):08d}"
    device.token_set.create(token=code)
    return code


def sign_in(page, live_server, username: str, password: str = DEMO_PASSWORD):
    """Sign in through /accounts/login/ like a person would (with a backup code at the
    2FA step when the role requires it); fail if it does not work."""
    code = one_backup_code(username)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("form button[type=submit]")
    if code is not None:
        assert "/accounts/two-factor/verify/" in page.url, page.url
        page.fill("input[name=code]", code)
        with page.expect_navigation():
            page.click("main form button[type=submit]")
    assert "/accounts/login/" not in page.url, f"signing in as {username!r} failed"
    assert "/accounts/two-factor/" not in page.url, f"2FA step for {username!r} failed"
    return page


@pytest.fixture
def login():
    """login(page, live_server, username, password="demo") signs in through the form."""
    return sign_in
