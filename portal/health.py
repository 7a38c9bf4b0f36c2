"""Health probes for /health/: database, broker and worker. Each is bounded in time."""

import os
from urllib.parse import urlparse

from django.conf import settings
from django.db import connection
from django.utils import timezone

from portal.models import Heartbeat

PROBE_TIMEOUT_SECONDS = 1.0

# Checks of outside services a higher app depends on (intake: the centres' mailboxes),
# registered from its AppConfig.ready. Each returns a dict with "ok", or None when there
# is nothing to report (no mailbox configured). They are shown, but do not make the
# portal unhealthy: a centre's wrong password must not take the web server out of service.
EXTRA_CHECKS: dict = {}


def register_check(name: str, check) -> None:
    EXTRA_CHECKS[name] = check


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return {"ok": True}
    except Exception as exc:  # noqa: BLE001 - any failure means unhealthy
        return {"ok": False, "error": type(exc).__name__}


def check_broker(url: str | None = None) -> dict:
    url = url or settings.CELERY_BROKER_URL
    if url.startswith("filesystem"):
        folder = settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_in"]
        ok = os.path.isdir(folder) and os.access(folder, os.W_OK)
        return (
            {"ok": ok, "transport": "filesystem"}
            if ok
            else {"ok": False, "transport": "filesystem", "error": "queue folder missing"}
        )
    parsed = urlparse(url)
    if parsed.scheme in ("redis", "rediss"):
        return _ping_redis(url)
    return {"ok": False, "error": f"unsupported transport {parsed.scheme}"}


def _ping_redis(url: str) -> dict:
    import redis

    client = redis.Redis.from_url(
        url, socket_connect_timeout=PROBE_TIMEOUT_SECONDS, socket_timeout=PROBE_TIMEOUT_SECONDS
    )
    try:
        client.ping()
        return {"ok": True, "transport": "redis"}
    except (TimeoutError, redis.RedisError, OSError) as exc:
        return {"ok": False, "transport": "redis", "error": type(exc).__name__}
    finally:
        client.close()


def check_worker() -> dict:
    beat = Heartbeat.objects.filter(name="worker").values_list("beat_at", flat=True).first()
    if beat is None:
        return {"ok": False, "error": "no heartbeat yet"}
    age = timezone.now() - beat
    return {
        "ok": age <= settings.HEARTBEAT_STALE_AFTER,
        "last_heartbeat": beat.isoformat(),
        "age_seconds": int(age.total_seconds()),
    }


def report() -> dict:
    database = check_database()
    checks = {
        "database": database,
        "broker": check_broker(),
        "worker": check_worker() if database["ok"] else {"ok": False, "error": "no database"},
    }
    healthy = all(c["ok"] for c in checks.values())
    if database["ok"]:
        for name, check in EXTRA_CHECKS.items():
            result = check()
            if result is not None:
                checks[name] = result
    return {"healthy": healthy, **checks}
