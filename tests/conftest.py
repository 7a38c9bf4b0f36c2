"""Fixtures shared by every test.

Services rule: a test that needs PostgreSQL, Redis, Chromium or Dovecot says so, either
with a marker (``@pytest.mark.postgres``, ``@pytest.mark.redis``, ``@pytest.mark.browser``,
``@pytest.mark.imap``) or by asking for ``require_postgres`` / ``require_redis`` /
``require_chromium`` / ``require_dovecot``. When the
service is missing the test is *skipped* with the reason on a developer's machine and
*fails* when ``CI=true``, so CI can never turn green by quietly skipping.

    make test                                   # SQLite + filesystem broker: service tests skip
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test \\
    CELERY_BROKER_URL=redis://127.0.0.1:6379/0 CI=true make test   # what CI runs
"""

import os
from functools import cache
from pathlib import Path

import pytest
from django.core.cache import caches

pytest_plugins = ["tests.world"]

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"
DEFAULT_CHROMIUM = "/usr/bin/chromium"


def in_ci() -> bool:
    return os.environ.get("CI") == "true"


def service_missing(reason: str) -> None:
    """Skip the current test locally; fail it under CI=true."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: every service must be available)", pytrace=False)
    pytest.skip(reason)


def redis_test_url() -> str:
    """The broker when it is Redis (as in CI), else REDIS_URL or a local default."""
    broker = os.environ.get("CELERY_BROKER_URL", "")
    if broker.startswith(("redis://", "rediss://")):
        return broker
    return os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL


@cache
def redis_problem(url: str) -> str | None:
    """None when Redis answers PING at url, else why not (checked once per session)."""
    import redis

    client = redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)
    try:
        client.ping()
    except (redis.RedisError, OSError) as exc:
        return f"{type(exc).__name__}: {exc}"
    finally:
        client.close()
    return None


def chromium_path() -> str:
    return os.environ.get("CHROMIUM_PATH") or DEFAULT_CHROMIUM


def require_chromium_now() -> str:
    """Return Chromium's path, or skip/fail. Usable from session-scoped fixtures."""
    path = chromium_path()
    if not (Path(path).is_file() and os.access(path, os.X_OK)):
        service_missing(
            f"needs Chromium at {path} (apt-get install chromium, or set CHROMIUM_PATH)"
        )
    return path


@pytest.fixture
def require_postgres():
    from django.db import connection

    if connection.vendor != "postgresql":
        service_missing(
            f"needs PostgreSQL, database is {connection.vendor} "
            "(set DATABASE_URL=postgres://postgres@127.0.0.1:5432/test)"
        )


@pytest.fixture
def require_redis() -> str:
    url = redis_test_url()
    problem = redis_problem(url)
    if problem:
        service_missing(f"needs Redis at {url} ({problem})")
    return url


@pytest.fixture
def require_chromium() -> str:
    return require_chromium_now()


DEFAULT_DOVECOT = "/usr/sbin/dovecot"


@pytest.fixture
def require_dovecot() -> str:
    """Dovecot's binary (Debian's dovecot-imapd); tests/intake/conftest.py starts it."""
    path = os.environ.get("DOVECOT_PATH") or DEFAULT_DOVECOT
    if not (Path(path).is_file() and os.access(path, os.X_OK)):
        service_missing(f"needs Dovecot at {path} (apt-get install dovecot-imapd)")
    return path


@pytest.fixture
def redis_url(require_redis) -> str:
    """A Redis URL that answered PING (skips/fails like require_redis otherwise)."""
    return require_redis


SERVICE_MARKERS = {
    "postgres": "require_postgres",
    "redis": "require_redis",
    "browser": "require_chromium",
    "imap": "require_dovecot",
}


@pytest.fixture(autouse=True)
def _services_for_markers(request):
    """Apply require_<service> to every test carrying the matching marker."""
    for marker, fixture in SERVICE_MARKERS.items():
        if request.node.get_closest_marker(marker):
            request.getfixturevalue(fixture)


@pytest.fixture(autouse=True)
def _broker_not_cooling_down():
    """A broker failure in one test does not pause publishing in the next."""
    from portal.outbox import reset_broker_state

    reset_broker_state()


@pytest.fixture(autouse=True)
def _isolated_media_and_cache(settings, tmp_path):
    """Uploaded files go to a per-test folder; no cached value leaks between tests."""
    settings.MEDIA_ROOT = tmp_path / "media"
    for backend in caches.all():
        backend.clear()
    yield
    for backend in caches.all():
        backend.clear()


def _rollup_follows_direct_saves(sender, instance, **kwargs):
    from events.services.compliance_months import refresh_notice

    refresh_notice(instance)


@pytest.fixture(autouse=True)
def _compliance_rollup_follows_test_data(request):
    """The lifecycle services keep the compliance rollup (`ComplianceMonth`); test set-ups
    that create or change notices directly (factories, `notice.save()`) get it kept too,
    as if through the lifecycle. Tests of the rollup itself opt out with the marker
    `rollup_by_services_only`, so that what they prove is the services' doing. (A
    `queryset.update()` or `bulk_create` of notices still needs `rebuild()`.)"""
    if request.node.get_closest_marker("rollup_by_services_only"):
        yield
        return
    from django.db.models.signals import post_save

    from events.models import Notice

    post_save.connect(_rollup_follows_direct_saves, sender=Notice, dispatch_uid="test-rollup")
    yield
    post_save.disconnect(sender=Notice, dispatch_uid="test-rollup")
