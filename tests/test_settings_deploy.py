"""Production settings: `check --deploy` is clean, and bad configuration fails loudly.

The checks run manage.py in a subprocess: that process has no pytest in sys.modules and
no TESTING, so it loads the settings exactly as production does.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from portal.env import env_bool

BASE_DIR = Path(__file__).resolve().parent.parent


def production_env() -> dict[str, str]:
    # Drop what this pytest process set or inherited for tests only.
    test_only = ("TESTING", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    env = {k: v for k, v in os.environ.items() if k not in test_only}
    env.update(
        {
            # .env (DEBUG=1) is only read with setdefault: an explicit 0 wins.
            "DEBUG": "0",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "duatin.example.gov.vn",
        }
    )
    return env


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_no_warnings_in_production():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "System check identified no issues (0 silenced).\n"


def test_production_without_secret_key_fails_loudly():
    env = production_env()
    del env["SECRET_KEY"]

    result = manage("check", env=env)

    assert result.returncode != 0
    assert "ImproperlyConfigured: Environment variable SECRET_KEY is required." in result.stderr


def test_env_bool_rejects_maybe(monkeypatch):
    monkeypatch.setenv("DUATIN_TEST_FLAG", "maybe")

    with pytest.raises(ImproperlyConfigured, match="DUATIN_TEST_FLAG='maybe' is not a boolean"):
        env_bool("DUATIN_TEST_FLAG")
