"""Machinery for the reliability drills: a real Celery worker in a subprocess, pointed at
the pytest database and a real Redis, and this process's Celery app re-pointed at will."""

import os
import signal
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.db import connection

from portal.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]
REDIS_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5, "max_retries": 1}
DEAD_BROKER = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def _live_members(group: int) -> list[int]:
    """Processes of a process group that are not yet dead (zombies have closed their
    files already). Linux /proc."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # gone meanwhile
        state, pgrp = fields[0], int(fields[2])
        if pgrp == group and state not in ("Z", "X"):
            members.append(int(stat.parent.name))
    return members


def wait_for(predicate, timeout: float, interval: float = 0.2, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


@contextmanager
def broker(url: str):
    """Publish from this process to `url` for real (no eager execution).

    Celery reads CELERY_BROKER_URL from the environment before its configuration, so the
    variable is lifted meanwhile; otherwise `url` would be ignored under CI."""
    saved_env = os.environ.pop("CELERY_BROKER_URL", None)
    saved = (
        celery_app.conf.broker_url,
        celery_app.conf.task_always_eager,
        celery_app.conf.broker_transport_options,
    )
    celery_app.conf.broker_url = url
    celery_app.conf.task_always_eager = False
    celery_app.conf.broker_transport_options = REDIS_OPTIONS
    _reset_pools()
    try:
        yield
    finally:
        (
            celery_app.conf.broker_url,
            celery_app.conf.task_always_eager,
            celery_app.conf.broker_transport_options,
        ) = saved
        if saved_env is not None:
            os.environ["CELERY_BROKER_URL"] = saved_env
        _reset_pools()


def _reset_pools():
    # Drop (not close) the cached pools: kombu keeps producer pools per URL globally.
    from portal.outbox import reset_broker_state

    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    reset_broker_state()


def database_url() -> str:
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    """`python -m celery -A portal worker --pool=prefork -c 2` in its own process group."""

    def __init__(self, log_dir: Path, redis_url: str, smtp_port: int, **env):
        self.log_path = log_dir / f"worker-{uuid.uuid4().hex[:6]}.log"
        self.env = {
            **{
                k: v
                for k, v in os.environ.items()
                if k not in ("CELERY_TASK_ALWAYS_EAGER", "TESTING", "PYTEST_CURRENT_TEST")
            },
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": redis_url,
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp_port),
            "EMAIL_TIMEOUT": "5",
            "DEBUG": "0",
            "SECRET_KEY": "drill-only-secret-key-not-for-production-0123456789",
            "LOG_LEVEL": "WARNING",
            **{k: str(v) for k, v in env.items()},
        }
        self.proc = None

    def start(self, timeout: float = 30) -> "Worker":
        self.log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "portal",
                "worker",
                "--pool=prefork",
                "-c",
                "2",
                "-l",
                "info",
                "-n",
                f"drill-{uuid.uuid4().hex[:6]}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(
            lambda: "ready." in self.log_path.read_text() or self.proc.poll() is not None,
            timeout,
            what="the worker to be ready",
        )
        assert self.proc.poll() is None, self.log_path.read_text()[-3000:]
        return self

    def kill(self) -> None:
        """SIGKILL the whole worker: the main process and its prefork children. Returns
        once every process of the group is gone, so their sockets are closed (the main
        process can be reaped while a child is still being torn down)."""
        if self.proc and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)
            wait_for(lambda: not _live_members(self.proc.pid), 10, what="the worker's children")

    def stop(self) -> None:
        self.kill()
        if getattr(self, "log", None):
            self.log.close()


@pytest.fixture
def workers(tmp_path, redis_url):
    """Start workers with workers.start(smtp_port, **env); all are killed at teardown."""
    started = []

    class Starter:
        def start(self, smtp_port, **env):
            worker = Worker(tmp_path, redis_url, smtp_port, **env)
            started.append(worker)
            return worker.start()

    try:
        yield Starter()
    finally:
        for worker in started:
            worker.stop()


@pytest.fixture
def clean_redis(redis_url):
    import redis

    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    client.close()
    return redis_url
