"""How much each busy page costs at a realistic size, as a ratio to a trivial page.

    .venv/bin/python scripts/benchmark.py                 # SQLite scratch database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python scripts/benchmark.py

A scratch test database is created and dropped (never the real one) and filled with a
province larger than any district has: 3 000 press entries, 600 notices, 300
publications, 200 contributor stories. Each page is requested through the whole
middleware stack with Django's test client; the script prints the median time, the
ratio to the sign-in page (a small template, no queries of note) and the query count.
Ratios, not milliseconds, are what to compare between runs: machines here are shared.
"""

import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "1")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "25"))


def fill():
    from contacts.enums import PressLevel
    from events.enums import NoticeKind, Verdict
    from newsroom.models import Channel, Publication
    from tests.contacts.factories import PressAgencyFactory, PressContactFactory
    from tests.factories import NoticeFactory, StoryFactory
    from tests.world import build_world

    world = build_world()
    levels = list(PressLevel.values)
    agencies = [
        PressAgencyFactory(name=f"Báo Đắk Hà số {n}", level=levels[n % len(levels)])
        for n in range(60)
    ]
    for n in range(3000):
        PressContactFactory(
            press_agency=agencies[n % 60],
            full_name=f"Nguyễn Thị Ưng {n}",
            area="Huyện Đắk Hà" if n % 3 else "Huyện Kon Rẫy",
        )
    now = timezone.now()
    verdicts = [Verdict.ON_TIME, Verdict.ON_TIME, Verdict.LATE, Verdict.AFTER_THE_FACT]
    notices = [
        NoticeFactory(
            agency=world.agency if n % 2 else world.agency2,
            locality=world.locality,
            created_by=world.agency_user,
            kind=NoticeKind.URGENT if n % 5 == 0 else NoticeKind.PLANNED,
            verdict=verdicts[n % 4],
            starts_at=now - timedelta(days=300) + timedelta(hours=12 * n),
            ends_at=now - timedelta(days=300) + timedelta(hours=12 * n + 2),
        )
        for n in range(600)
    ]
    channels = list(Channel.objects.all())
    for n in range(300):
        Publication.objects.create(
            notice=notices[n],
            channel=channels[n % len(channels)],
            published_at=notices[n].ends_at,
            air_slot="Thời sự 19:00",
            duration_minutes=3,
            recorded_by=world.director,
        )
    for n in range(200):
        StoryFactory(agency=world.agency if n % 2 else world.agency2)
    return world


def measure(client, url) -> tuple[float, int]:
    for _ in range(3):  # warm caches and the template loader
        assert client.get(url).status_code == 200, url
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        client.get(url)
        times.append(time.perf_counter() - start)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return statistics.median(times) * 1000, len(queries)


def main():
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=False)
    try:
        started = time.perf_counter()
        world = fill()
        print(f"filled in {time.perf_counter() - started:.0f} s on {connection.vendor}")
        anonymous = Client()
        baseline, _ = measure(anonymous, "/accounts/login/")
        pages = [
            ("public press list (3 000 entries)", None, "/contacts/"),
            ("public search 'dak ha' (no diacritics)", None, "/contacts/?q=dak+ha"),
            ("triage (600 notices)", world.director, "/newsroom/"),
            (
                "compliance, whole year",
                world.director,
                f"/newsroom/compliance/?period=year&year={timezone.localdate().year}",
            ),
            ("publications (300)", world.director, "/newsroom/publications/"),
            ("editor story queue (200)", world.director, "/stories/"),
            ("agency notice list", world.agency_user, "/events/"),
            ("director home", world.director, "/"),
        ]
        print(f"{'page':45} {'median ms':>10} {'× sign-in':>10} {'queries':>8}")
        print(f"{'sign-in page (baseline)':45} {baseline:10.1f} {1:10.1f} {'':>8}")
        for label, user, url in pages:
            client = Client()
            if user is not None:
                client.force_login(user)
            ms, queries = measure(client, url)
            print(f"{label:45} {ms:10.1f} {ms / baseline:10.1f} {queries:8d}")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
