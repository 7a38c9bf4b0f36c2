"""What the access log costs a page it records: the same pages with and without it.

    .venv/bin/python scripts/benchmark_access_log.py                 # SQLite scratch database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/duatin_bench \
        .venv/bin/python scripts/benchmark_access_log.py

A scratch test database is created and dropped (never the real one) and filled with
3 000 press entries. The internal directory page, an entry's page and an internal CSV
export are requested through the whole middleware stack with Django's test client, in one
process. Each round makes BENCH_PER_ROUND requests with the log on and as many with it
off, in a random order (the switch is `contacts.services.access.logging_disabled`, per
request), so a machine that slows down for a while slows both alike. A round's ratio is
the median time with the log over the median without; the script prints, per page, the
median of the rounds' ratios as an overhead in per cent with a 95 % bootstrap interval
(the rounds resampled BENCH_BOOTSTRAP times), the medians in ms and the queries on→off.
The cost of one log write alone follows, as a share of each page.

BENCH_ROUNDS (default 30), BENCH_PER_ROUND (5), BENCH_SEED (1) change the run;
BENCH_PAGES=directory,entry measures only those (directory, entry, export).
"""

import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "1")
os.environ.setdefault("DEBUG", "0")  # as in production, whatever a local .env says
os.environ.setdefault("SECRET_KEY", "benchmark-only-not-secret")

import functools  # noqa: E402

import django  # noqa: E402

print = functools.partial(print, flush=True)  # noqa: A001 - progress in a redirected log

django.setup()

from django.conf import settings  # noqa: E402

# No collected static files in a checkout: plain storage, as the tests use.
settings.STORAGES = {
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "30"))
PER_ROUND = int(os.environ.get("BENCH_PER_ROUND", "5"))
BOOTSTRAP = int(os.environ.get("BENCH_BOOTSTRAP", "2000"))
RANDOM = random.Random(int(os.environ.get("BENCH_SEED", "1")))  # noqa: S311 - not crypto


def fill():
    from tests.contacts.factories import PressAgencyFactory, PressContactFactory
    from tests.world import build_world

    world = build_world()
    agencies = [PressAgencyFactory(name=f"Báo Đắk Hà số {n}") for n in range(60)]
    contacts = [
        PressContactFactory(press_agency=agencies[n % 60], full_name=f"Nguyễn Thị Ưng {n}")
        for n in range(3000)
    ]
    return world, contacts[1500]


def timed(client, url, logged: bool) -> float:
    from contacts.services.access import logging_disabled

    with logging_disabled(not logged):
        start = time.perf_counter()
        response = client.get(url, secure=True)
        if getattr(response, "streaming", False):
            b"".join(response.streaming_content)
        elapsed = time.perf_counter() - start
    assert response.status_code == 200, (url, response.status_code)
    return elapsed


def queries(client, url, logged: bool) -> int:
    from contacts.services.access import logging_disabled

    with logging_disabled(not logged), CaptureQueriesContext(connection) as captured:
        client.get(url, secure=True)
    return len(captured)


def percentile(values, share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def bootstrap_interval(ratios: list[float]) -> tuple[float, float]:
    medians = [statistics.median(RANDOM.choices(ratios, k=len(ratios))) for _ in range(BOOTSTRAP)]
    return percentile(medians, 0.025), percentile(medians, 0.975)


def measure(client, url):
    ratios, on_all, off_all = [], [], []
    for _ in range(ROUNDS):
        order = [True] * PER_ROUND + [False] * PER_ROUND
        RANDOM.shuffle(order)
        on, off = [], []
        for logged in order:
            (on if logged else off).append(timed(client, url, logged))
        ratios.append(statistics.median(on) / statistics.median(off))
        on_all += on
        off_all += off
    return ratios, statistics.median(on_all) * 1000, statistics.median(off_all) * 1000


def main():
    from contacts.enums import AccessKind
    from contacts.models import AccessRecord
    from contacts.services.access import AccessRecord as Row
    from contacts.services.access import write

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        world, contact = fill()
        client = Client()
        client.force_login(world.reporter)
        pages = [
            ("internal directory page", "/contacts/directory/"),
            ("entry details", f"/contacts/entries/{contact.pk}/"),
            ("internal CSV export (3 000)", "/contacts/export/csv/?fields=internal"),
        ]
        chosen = os.environ.get("BENCH_PAGES", "directory,entry,export").split(",")
        pages = [
            page
            for page, key in zip(pages, ("directory", "entry", "export"), strict=True)
            if key in chosen
        ]
        print(
            f"{connection.vendor}, {ROUNDS} rounds × {PER_ROUND}+{PER_ROUND} requests in "
            "random order; overhead = median of the rounds' ratios, 95 % bootstrap interval"
        )
        print(
            f"{'page':30} {'off ms':>7} {'on ms':>7} {'overhead':>9} {'95 % interval':>17} "
            f"{'queries':>8}"
        )
        offs = []
        for label, url in pages:
            for _ in range(5):  # warm up both paths
                timed(client, url, True)
                timed(client, url, False)
            ratios, m_on, m_off = measure(client, url)
            low, high = bootstrap_interval(ratios)
            middle = statistics.median(ratios)
            offs.append((label, m_off))
            q_off, q_on = queries(client, url, False), queries(client, url, True)
            print(
                f"{label:30} {m_off:7.1f} {m_on:7.1f} {(middle - 1) * 100:+8.1f}% "
                f"[{(low - 1) * 100:+6.1f}%, {(high - 1) * 100:+6.1f}%] {q_off:>4}→{q_on:<4}"
            )
        # The write itself, alone: less exposed to a busy machine than two page medians.
        writes = []
        for _ in range(ROUNDS * 10):
            row = Row(user_id=world.reporter.pk, what=AccessKind.ENTRY, entry_id=contact.pk)
            start = time.perf_counter()
            write([row])
            writes.append(time.perf_counter() - start)
        one = statistics.median(writes) * 1000
        print(f"one log write alone: {one:.2f} ms median ({len(writes)} writes)")
        for label, median_off in offs:
            print(f"  = {one / median_off * 100:.1f}% of '{label}' without the log")
        print(f"access-log rows written: {AccessRecord.objects.count()}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
