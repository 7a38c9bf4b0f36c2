"""What the access log costs a page it records: the same pages with and without it.

    .venv/bin/python scripts/benchmark_access_log.py                 # SQLite scratch database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench \
        .venv/bin/python scripts/benchmark_access_log.py

A scratch test database is created and dropped (never the real one) and filled with
3 000 press entries. The internal directory page, an entry's page and an internal CSV
export are requested through the whole middleware stack with Django's test client,
alternating rounds with the log on and off (so a machine that slows down mid-run slows
both alike, and each goes first every other round); the script prints the medians, the
overhead in per cent and the queries, then the cost of one log write alone as a share of
each page (page medians on a shared machine move by several per cent between runs).
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "1")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "40"))


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


def timed(client, url) -> float:
    start = time.perf_counter()
    response = client.get(url)
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)
    assert response.status_code == 200, (url, response.status_code)
    return time.perf_counter() - start


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def main():
    from contacts.models import AccessRecord

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
        medians = []
        print(f"{connection.vendor}, {ROUNDS} rounds each, median ms")
        print(f"{'page':32} {'log off':>9} {'log on':>9} {'overhead':>9} {'queries':>9}")
        for label, url in pages:
            on, off = [], []
            for _ in range(3):
                timed(client, url)
            for number in range(ROUNDS):
                # Alternate which goes first, so neither always runs on a warmer cache.
                for enabled in (False, True) if number % 2 else (True, False):
                    with override_settings(ACCESS_LOG_ENABLED=enabled):
                        (on if enabled else off).append(timed(client, url))
            with override_settings(ACCESS_LOG_ENABLED=False):
                q_off = queries(client, url)
            with override_settings(ACCESS_LOG_ENABLED=True):
                q_on = queries(client, url)
            m_off, m_on = statistics.median(off) * 1000, statistics.median(on) * 1000
            medians.append((label, m_off))
            print(
                f"{label:32} {m_off:9.1f} {m_on:9.1f} {(m_on / m_off - 1) * 100:8.1f}% "
                f"{q_off:>4}→{q_on:<4}"
            )
        # The write itself, alone: less exposed to a busy machine than two page medians.
        from contacts.enums import AccessKind
        from contacts.services.access import record_read

        writes = []
        for _ in range(ROUNDS * 5):
            start = time.perf_counter()
            record_read(world.reporter, AccessKind.ENTRY, entry_id=contact.pk)
            writes.append(time.perf_counter() - start)
        one = statistics.median(writes) * 1000
        print(f"one log write alone: {one:.2f} ms median ({len(writes)} writes)")
        for label, median_off in medians:
            print(f"  = {one / median_off * 100:.1f}% of '{label}' without the log")
        print(f"access-log rows written: {AccessRecord.objects.count()}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
