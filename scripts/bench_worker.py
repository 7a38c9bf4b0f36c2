"""The Celery worker `scripts/benchmark.py` starts to time the outbox drain and a no-op
task through a real broker: the project's app and tasks, plus two of the benchmark's own.

Not for production: started by the benchmark with its scratch database in DATABASE_URL.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, os.environ.get("BENCH_APP_DIR", str(Path(__file__).resolve().parent.parent)))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

import django  # noqa: E402

django.setup()

from portal.celery import app  # noqa: E402


@app.task(name="bench.noop", ignore_result=True)
def noop(message_id: int) -> int:
    """What the drain is compared with: a task that does nothing."""
    return message_id


@app.task(name="bench.mark", ignore_result=True)
def mark(path: str) -> None:
    """Sent after the no-ops: the worker reaching it means every no-op before it ran."""
    Path(path).write_text("done")


if __name__ == "__main__":
    app.worker_main(
        [
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ]
    )
