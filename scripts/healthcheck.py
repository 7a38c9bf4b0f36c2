"""Container health checks for docker-compose (standard library only).

    python scripts/healthcheck.py web        # the web process answers /health/ and reaches the DB
    python scripts/healthcheck.py heartbeat  # beat → worker → database loop is alive

`web` does not require a live worker: the worker starts only once web is healthy
(migrations done), so requiring it would deadlock the stack. /health/ itself still
reports the worker; `heartbeat` checks it for the beat container.
"""

import json
import os
import sys
import urllib.error
import urllib.request
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def check_web() -> bool:
    port = os.environ.get("PORT") or "8000"
    host = (os.environ.get("ALLOWED_HOSTS") or "localhost").split(",")[0].strip().lstrip(".")
    if host in ("", "*"):
        host = "localhost"
    request = urllib.request.Request(f"http://127.0.0.1:{port}/health/", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - fixed URL
            body = response.read()
    except urllib.error.HTTPError as exc:  # 503 still carries the JSON report
        body = exc.read()
    except OSError as exc:
        print(f"web: {exc}")
        return False
    try:
        report = json.loads(body)
    except ValueError:
        print(f"web: not JSON: {body[:200]!r}")
        return False
    print(json.dumps(report))
    return bool(report.get("database", {}).get("ok"))


def check_heartbeat() -> bool:
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from portal.health import check_worker

    result = check_worker()
    print(json.dumps(result))
    return bool(result["ok"])


CHECKS = {"web": check_web, "heartbeat": check_heartbeat}

if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in CHECKS:
        sys.exit(f"usage: {sys.argv[0]} {{{'|'.join(CHECKS)}}}")
    sys.exit(0 if CHECKS[sys.argv[1]]() else 1)
