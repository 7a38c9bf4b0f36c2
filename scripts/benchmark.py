"""The province benchmark: what each key page and job costs at a province's size.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/duatin_bench \
        .venv/bin/python scripts/benchmark.py --scale 1 --json var/bench.json

A scratch database (`test_<name>`: never the real one) is created, migrated and filled
with a province's year times `--scale` through the project's models with `bulk_create`:
10 centres × 40 agencies, 60,000 notices, 37,000 assignments, 20,000 stories, 30,000
publications, 30,000 press entries, 200,000 outbox rows and notifications, plus a second
province's centre that no page of the first may show. Then gunicorn (2 sync workers,
DEBUG off) serves it and `wrk` (or, without wrk, a bounded Python client) requests each
page with a signed-in session per role, each page right after the trivial view (the
sign-in page), for `--rounds` rounds. It prints p50 / p95 / ratio to the trivial view /
query count per page, then the jobs (weekly report, generate_all, compliance year,
reminder sweep of a 500 backlog, outbox drain to a local SMTP sink against a no-op task),
and writes the same as JSON. Ratios, not milliseconds, compare between runs: the
machines are shared. `--app-dir DIR` measures another checkout's code (a before/after
comparison in one session) with this script's data and load.

It is a benchmark, not a test: nothing here asserts a time.
"""

import argparse
import json
import multiprocessing
import os
import shutil
import socket
import socketserver
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import timedelta
from pathlib import Path

parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
parser.add_argument("--scale", type=float, default=1.0, help="the province times S")
parser.add_argument("--rounds", type=int, default=3)
parser.add_argument("--seconds", type=int, default=2, help="per page per round (wrk)")
parser.add_argument("--json", type=Path, help="also write the results here")
parser.add_argument("--app-dir", type=Path, help="the checkout whose code is measured")
parser.add_argument("--port", type=int, default=8765)
parser.add_argument(
    "--jobs-only", action="store_true", help="skip the pages (no gunicorn): the jobs alone"
)
parser.add_argument(
    "--drain-runs", type=int, default=1, help="run the outbox drain job this many times"
)
parser.add_argument(
    "--keepdb",
    action="store_true",
    help="keep the scratch database afterwards and reuse a filled one (for profiling)",
)
parser.add_argument(
    "--only", help="measure only the pages whose label contains one of these (comma-separated)"
)
parser.add_argument("--no-jobs", action="store_true", help="pages only")
parser.add_argument(
    "--no-worker", action="store_true", help="skip the drain through a real worker and broker"
)
args = parser.parse_args()

if args.json:  # where it was asked for, not under the measured checkout
    args.json = args.json.resolve()
ROOT = (args.app_dir or Path(__file__).resolve().parent.parent).resolve()
sys.path.insert(0, str(ROOT))
os.chdir(ROOT)
STATIC_ROOT = tempfile.mkdtemp(prefix="bench-static-")
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "CELERY_TASK_ALWAYS_EAGER": "1",
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-only-" + "x" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "0",
        "STATIC_ROOT": STATIC_ROOT,
        "MEDIA_ROOT": tempfile.mkdtemp(prefix="bench-media-"),
        "REPORT_PDF_ENABLED": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

S = args.scale
N = {
    "provinces": max(1, round(S)),  # 10 centres each: a national deployment at 10×
    "centres": max(2, round(10 * S)),
    "agencies_per_centre": 40,
    "notices": round(60_000 * S),
    "assignments": round(37_000 * S),
    "stories": round(20_000 * S),
    "publications": round(30_000 * S),
    "press_entries": round(30_000 * S),
    "outbox": round(200_000 * S),
    "notifications": round(200_000 * S),
}
BATCH = 2000


def bulk(model, rows):
    model.objects.bulk_create(rows, batch_size=BATCH)


# --- Filling ------------------------------------------------------------------------------


def fill():
    """The province through the models (factories' `build`, then `bulk_create`)."""
    from contacts.enums import PressLevel
    from contacts.models import Organisation, PressAgency, PressContact
    from events.enums import NoticeKind, NoticeStatus, StoryStatus, Verdict
    from events.models import Notice, Story
    from newsroom.models import Assignment, Channel, Publication
    from portal.models import Notification, OutboxMessage
    from tests.factories import (
        AgencyStaffFactory,
        CentreFactory,
        EditorFactory,
        LocalityFactory,
        OrgLevelFactory,
        ReporterFactory,
        ReviewerFactory,
    )

    now = timezone.now()
    # a year of notices whose last week is still ahead (the queue, the week, the feed)
    year_start = now - timedelta(days=358)
    level = OrgLevelFactory()
    try:  # the reviewer's province (the factories' default) and, beyond 1×, others
        from tests.factories import ProvinceFactory
    except ImportError:  # an older checkout (`--app-dir`): one tree, no provinces
        provinces = [None]
        other = None
    else:
        provinces = [ProvinceFactory()]
        provinces += [ProvinceFactory(name=f"Tỉnh số {p}") for p in range(1, N["provinces"])]
        other = ProvinceFactory(name="Tỉnh khác")
    under = [{"parent": province} if province else {} for province in provinces]
    centres = [
        CentreFactory(name=f"Trung tâm huyện {c}", level=level, **under[c % len(provinces)])
        for c in range(N["centres"])
    ]
    other_province = CentreFactory(
        name="Trung tâm tỉnh khác", level=level, **({"parent": other} if other else {})
    )
    in_tree = hasattr(Organisation, "province_id")
    bulk(
        Organisation,
        [
            Organisation(
                name=f"Cơ quan {c}-{a}",
                level=level,
                centre=centre,
                # bulk_create skips save(), which keeps an organisation's province
                **({"province_id": centre.province_id} if in_tree else {}),
            )
            for c, centre in enumerate([*centres, other_province])
            for a in range(N["agencies_per_centre"])
        ],
    )
    agencies = list(Organisation.objects.filter(is_newsroom=False, centre__isnull=False))
    localities = [LocalityFactory(centre=centre) for centre in centres]
    director = EditorFactory(username="bench_director", organisation=centres[0])
    # four per centre: a centre's year (a notice every ~90 minutes at 1×) with one
    # reporter would overlap its two-hour windows, which the database refuses
    reporters = [
        ReporterFactory(username=f"bench_reporter_{c}_{r}", organisation=centre)
        for c, centre in enumerate(centres)
        for r in range(4)
    ]
    reviewer = ReviewerFactory(username="bench_reviewer")
    agency_user = AgencyStaffFactory(username="bench_agency", organisation=agencies[0])
    by_centre = {}
    for agency in agencies:
        by_centre.setdefault(agency.centre_id, []).append(agency)
    verdicts = [Verdict.ON_TIME] * 3 + [Verdict.LATE, Verdict.AFTER_THE_FACT]
    # As a centre's year looks: events still ahead wait or are assigned; past ones were
    # covered, published or declined, and one in 200 was forgotten (still "received").
    ahead = [NoticeStatus.RECEIVED, NoticeStatus.ASSIGNED]
    past = [NoticeStatus.COVERED, NoticeStatus.DECLINED] + [NoticeStatus.PUBLISHED] * 3

    def status_of(n, starts):
        if starts >= now:
            return ahead[n % len(ahead)]
        return NoticeStatus.RECEIVED if n % 200 == 0 else past[n % len(past)]

    notices = []
    for n in range(N["notices"]):
        centre = centres[n % len(centres)]
        # every agency of the centre in turn (n % 40 alone would pick only 4 of them)
        agency = by_centre[centre.pk][(n // len(centres)) % N["agencies_per_centre"]]
        starts = year_start + timedelta(minutes=(n * 525_600) // max(N["notices"], 1))
        notices.append(
            Notice(
                agency=agency,
                centre=centre,
                title=f"Hội nghị số {n}",
                kind=NoticeKind.URGENT if n % 7 == 0 else NoticeKind.PLANNED,
                starts_at=starts,
                ends_at=starts + timedelta(hours=2),
                locality=localities[n % len(centres)],
                address="Hội trường UBND",
                contact_name="Trần Thị Mai",
                contact_phone="0912000000",
                status=status_of(n, starts),
                received_at=starts - timedelta(hours=30 + n % 50),
                judged_at=starts - timedelta(hours=30),
                verdict=verdicts[n % len(verdicts)],
                lead_minutes=(30 + n % 50) * 60,
                public=n % 3 == 0,
                created_by=agency_user,
            )
        )
    bulk(Notice, notices)
    # the most recent notices a reporter was sent to (those ahead included)
    notices = list(
        Notice.objects.filter(
            status__in=[NoticeStatus.ASSIGNED, NoticeStatus.COVERED, NoticeStatus.PUBLISHED]
        )
        .order_by("-pk")
        .only("pk", "centre_id", "starts_at", "ends_at")[: N["assignments"]]
    )[::-1]
    team = {}
    for reporter in reporters:
        team.setdefault(reporter.organisation_id, []).append(reporter)
    taken = {}  # notices assigned so far per centre: the next goes to the next reporter
    assignments = []
    for notice in notices:
        turn = taken[notice.centre_id] = taken.get(notice.centre_id, -1) + 1
        crew = team[notice.centre_id]
        assignments.append(
            Assignment(
                notice=notice,
                reporter=crew[turn % len(crew)],
                assigned_by=director,
                window_start=notice.starts_at,
                window_end=notice.ends_at,
            )
        )
    bulk(Assignment, assignments)
    story_statuses = [StoryStatus.SUBMITTED, StoryStatus.IN_REVIEW, StoryStatus.PUBLISHED]
    bulk(
        Story,
        [
            Story(
                agency=by_centre[centres[n % len(centres)].pk][
                    (n // len(centres)) % N["agencies_per_centre"]
                ],
                centre=centres[n % len(centres)],
                title=f"Xã ra quân làm đường số {n}",
                lead="Sáng nay, hơn 200 đoàn viên tham gia ra quân.",
                body="Buổi ra quân diễn ra sôi nổi.\n\nCác đoàn viên đã làm mới 2 km đường.",
                byline="Nguyễn Thị Hoa",
                status=story_statuses[n % 3],
                submitted_at=year_start + timedelta(minutes=n * 20),
                created_by=agency_user,
            )
            for n in range(N["stories"])
        ],
    )
    stories = list(Story.objects.order_by("pk").only("pk", "centre_id", "submitted_at"))
    # Each centre's own channels (a publication goes on one of its centre's).
    # (an older checkout, measured with `--app-dir`, has one global set of channels)
    per_centre = any(f.name == "centre" for f in Channel._meta.fields)
    channels_by_centre = {}
    for centre in {source.centre_id for source in [*notices, *stories]}:
        owner = {"centre_id": centre} if per_centre else {}
        channels_by_centre[centre] = [
            Channel.objects.get_or_create(**owner, name=name, defaults={"kind": kind})[0]
            for name, kind in (
                ("Đài truyền thanh Trung tâm (FM)", "radio"),
                ("Trang thông tin điện tử Trung tâm", "website"),
                ("Fanpage", "social"),
            )
        ]
    has_centre = any(f.name == "centre" for f in Publication._meta.fields)
    publications = []
    covered = [notice for notice in notices if notice.ends_at < now]  # aired after the event
    for n in range(N["publications"]):
        source = covered[n % len(covered)] if n % 3 else stories[n % len(stories)]
        extra = {"centre_id": source.centre_id} if has_centre else {}
        kind = {"notice": source} if n % 3 else {"story": source}
        when = getattr(source, "ends_at", None) or source.submitted_at + timedelta(hours=5)
        publications.append(
            Publication(
                channel=channels_by_centre[source.centre_id][n % 3],
                published_at=when,
                air_slot="Thời sự 19:00",
                duration_minutes=3,
                recorded_by=director,
                **kind,
                **extra,
            )
        )
    bulk(Publication, publications)
    levels = list(PressLevel.values)
    bulk(
        PressAgency,
        [
            PressAgency(name=f"Báo Đắk Hà số {n}", level=levels[n % len(levels)], kind="print")
            for n in range(60)
        ],
    )
    press = list(PressAgency.objects.all())
    entries = []
    for n in range(N["press_entries"]):
        entry = PressContact(
            role="reporter",
            press_agency=press[n % 60],
            full_name=f"Nguyễn Thị Ưng {n}",
            area="Huyện Đắk Hà" if n % 3 else "Huyện Kon Rẫy",
            phone="0900 000 000",
            verified_on=now.date(),
        )
        entry.search_text = entry.build_search_text()
        if hasattr(entry, "build_owner_name"):  # (an older checkout has no such column)
            entry.owner_name = entry.build_owner_name()
        entries.append(entry)
    bulk(PressContact, entries)
    users = [director, reviewer, agency_user, *reporters]
    bulk(
        OutboxMessage,
        [
            OutboxMessage(
                kind="bench",
                to_email="a@example.org",
                subject="Thư",
                body_text="Nội dung",
                state="sent",
                sent_at=now,
            )
            for _ in range(N["outbox"])
        ],
    )
    bulk(
        Notification,
        [
            Notification(recipient=users[n % len(users)], kind="bench", title="Tin", url="/")
            for n in range(N["notifications"])
        ],
    )
    return {
        "director": director,
        "reviewer": reviewer,
        "agency": agency_user,
        "reporter": reporters[0],
        "centres": centres,
        "other_province": other_province,
    }


def refill():
    """The world of a database `--keepdb` filled before, or None if it is empty."""
    from django.contrib.auth import get_user_model

    from contacts.models import Organisation

    users = {u.username: u for u in get_user_model().objects.filter(username__startswith="bench_")}
    if "bench_director" not in users:
        return None
    centres = list(Organisation.objects.filter(name__startswith="Trung tâm huyện ").order_by("pk"))
    return {
        "director": users["bench_director"],
        "reviewer": users["bench_reviewer"],
        "agency": users["bench_agency"],
        "reporter": users["bench_reporter_0_0"],
        "centres": centres,
        "other_province": Organisation.objects.get(name="Trung tâm tỉnh khác"),
    }


# --- Sessions and pages ---------------------------------------------------------------------


def session_cookie(user) -> str:
    from tests.world import pass_second_factor

    client = Client()
    client.force_login(user)
    pass_second_factor(client, user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def pages(world) -> list[tuple[str, str, str]]:
    year = timezone.localdate().year
    story = world["_story"]
    return [
        ("home, director", "director", "/"),
        ("home, reviewer", "reviewer", "/"),
        ("triage, director", "director", "/newsroom/"),
        ("week grid, director", "director", "/newsroom/week/"),
        ("compliance year, director", "director", f"/newsroom/compliance/?period=year&year={year}"),
        ("compliance year, reviewer", "reviewer", f"/newsroom/compliance/?period=year&year={year}"),
        ("compliance export, reviewer", "reviewer", "/newsroom/compliance/export.xlsx"),
        ("publications, director", "director", "/newsroom/publications/"),
        ("publications, reviewer", "reviewer", "/newsroom/publications/"),
        ("stories, reviewer", "reviewer", "/stories/"),
        ("story detail, director", "director", f"/stories/{story}/"),
        ("agency notices", "agency", "/events/"),
        ("public contact list", "", "/contacts/"),
        ("public search 'dak ha'", "", "/contacts/?q=dak+ha"),
        ("export xlsx (anonymous)", "", "/contacts/export/xlsx/"),
        ("export csv (anonymous)", "", "/contacts/export/csv/"),
        ("export vcf (anonymous)", "", "/contacts/export/vcf/"),
        ("ICS feed", "", "/events/public.ics"),
    ]


def queries_of(path: str, cookie: str) -> tuple[int, int]:
    client = Client()
    if cookie:
        client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    client.get(path)  # warm
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    return response.status_code, len(queries)


WRK_SCRIPT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout + summary.errors.status
  io.write(string.format("RESULT %d %d %d %d\\n", latency:percentile(50),
    latency:percentile(95), summary.requests, errors))
end
"""


def load(path: str, cookie: str) -> dict:
    """p50 / p95 in ms of one page for `--seconds` (wrk, one connection), or a bounded
    Python client (at most 200 requests) where wrk is missing."""
    url = f"http://127.0.0.1:{args.port}{path}"
    headers = [f"Cookie: {settings.SESSION_COOKIE_NAME}={cookie}"] if cookie else []
    if shutil.which("wrk"):
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(WRK_SCRIPT)
        command = ["wrk", "-t1", "-c1", f"-d{args.seconds}s", "-s", script.name, url]
        for header in headers:
            command += ["-H", header]
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        os.unlink(script.name)
        p50, p95, count, errors = map(int, out.split("RESULT")[1].split())
        return {"p50": p50 / 1000, "p95": p95 / 1000, "requests": count, "errors": errors}
    times, errors, deadline = [], 0, time.monotonic() + args.seconds
    while time.monotonic() < deadline and len(times) < 200:
        request = urllib.request.Request(url, headers=dict(h.split(": ", 1) for h in headers))
        start = time.perf_counter()
        try:
            urllib.request.urlopen(request, timeout=60).read()  # noqa: S310 - our own server
        except OSError:
            errors += 1
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "p50": statistics.median(times),
        "p95": times[int(0.95 * (len(times) - 1))],
        "requests": len(times),
        "errors": errors,
    }


def app_env() -> dict:
    """The environment of a process (gunicorn, the worker) on the scratch database."""
    url = settings.DATABASES["default"]
    env = dict(os.environ)
    if url["ENGINE"].endswith("postgresql"):
        env["DATABASE_URL"] = (
            f"postgres://{url['USER']}@{url['HOST']}:{url['PORT']}/{url['NAME']}"
            if not url.get("PASSWORD")
            else f"postgres://{url['USER']}:{url['PASSWORD']}@{url['HOST']}:{url['PORT']}/{url['NAME']}"
        )
    else:
        env["DATABASE_URL"] = f"sqlite:///{url['NAME']}"
    return env


def start_server():
    env = app_env()
    gunicorn = Path(sys.executable).parent / "gunicorn"
    server = subprocess.Popen(  # noqa: S603 - our own command line
        [
            str(gunicorn),
            "portal.wsgi",
            "-w",
            "2",
            "-b",
            f"127.0.0.1:{args.port}",
            "--timeout",
            "120",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{args.port}/accounts/login/", timeout=5)  # noqa: S310
            return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("gunicorn did not start")


# --- Jobs -----------------------------------------------------------------------------------


class SmtpSink(socketserver.ThreadingTCPServer):
    """A local SMTP server that accepts and forgets every message."""

    allow_reuse_address = True
    daemon_threads = True


class SmtpHandler(socketserver.StreamRequestHandler):
    def handle(self):
        self.wfile.write(b"220 sink\r\n")
        in_data = False
        for line in self.rfile:
            if in_data:
                if line in (b".\r\n", b".\n"):
                    in_data = False
                    self.wfile.write(b"250 OK\r\n")
                continue
            verb = line[:4].upper()
            if verb == b"DATA":
                in_data = True
                self.wfile.write(b"354 go\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            elif verb == b"EHLO":
                self.wfile.write(b"250 sink\r\n")
            else:
                self.wfile.write(b"250 OK\r\n")


def noop_task(message_id: int) -> int:
    """The no-op task the outbox drain is compared with."""
    return message_id


def timed(function, *a, **kw) -> tuple[float, object]:
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        result = function(*a, **kw)
        elapsed = (time.perf_counter() - start) * 1000
    return elapsed, len(queries), result


def jobs(world) -> list[dict]:
    from celery import shared_task

    from newsroom.enums import ReminderKind
    from newsroom.models import Reminder
    from newsroom.selectors.compliance import compliance_rows, period_bounds
    from newsroom.services import reminders, reports
    from portal import outbox
    from portal.models import OutboxMessage
    from portal.tasks import send_outbox_messages

    results = []
    centre = world["centres"][0]
    today = timezone.localdate()
    start, _end = reports.week_for(today)
    ms, q, _ = timed(reports.generate_draft, centre, start)
    results.append({"job": "weekly report, one centre", "ms": ms, "queries": q})
    ms, q, _ = timed(reports.sweep)
    results.append({"job": "generate_all (every schedule, in-process)", "ms": ms, "queries": q})
    year_start, year_end = period_bounds("year", today.year)
    ids = [c.pk for c in world["centres"]]
    ms, q, _ = timed(compliance_rows, ids, year_start, year_end)
    results.append({"job": "compliance year, province", "ms": ms, "queries": q})
    now = timezone.now()
    Reminder.objects.bulk_create(
        Reminder(
            recipient=world["reporter"],
            kind=ReminderKind.COMPLIANCE_MONTHLY,
            due_at=now - timedelta(minutes=1),
            dedupe_key=f"bench:{n}",
            context={"month": "10/2026", "agency__name": "Xã", "total": 0, "rate": "—"},
        )
        for n in range(500)
    )
    # the sweep alone: the e-mails it queues wait (as with the broker down), not drained here
    outbox._broker_down_until = time.monotonic() + 3600
    ms, q, sent = timed(reminders.send_due, now)
    outbox._broker_down_until = 0.0
    results.append({"job": f"reminder sweep, 500 backlog ({sent} sent)", "ms": ms, "queries": q})
    # The sink runs in its own process: in a thread of this one it would take the GIL
    # from the drain it is meant to receive, and its cost would count as the drain's.
    sink = SmtpSink(("127.0.0.1", 0), SmtpHandler)
    sink_process = multiprocessing.get_context("fork").Process(
        target=sink.serve_forever, daemon=True
    )
    sink_process.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", sink.server_address[1]
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    noop = shared_task(name="bench.noop")(noop_task)
    for _run in range(args.drain_runs):
        # queued while the broker "cools down", so that nothing is sent before the drain
        outbox._broker_down_until = time.monotonic() + 3600
        drain = [
            outbox.queue_email("a@example.org", "bench", "Thư", "Nội dung", "", None).pk
            for _ in range(300)
        ]
        outbox._broker_down_until = 0.0
        OutboxMessage.objects.filter(pk__in=drain).update(
            next_attempt_at=now - timedelta(minutes=1)
        )
        ms, q, _ = timed(send_outbox_messages.apply, args=[drain])
        sent = OutboxMessage.objects.filter(pk__in=drain, state="sent").count()
        noop_ms, _nq, _ = timed(lambda drain=drain: [noop.apply(args=[pk]) for pk in drain])
        results.append(
            {
                "job": f"outbox drain, 300 to a local SMTP sink ({sent} sent)",
                "ms": ms,
                "queries": q,
                "per_second": 300 / (ms / 1000),
                "noop_per_second": 300 / (noop_ms / 1000),
            }
        )
    if not args.no_worker:
        results += worker_jobs(sink.server_address[1])
    sink_process.terminate()
    sink_process.join()
    sink.server_close()
    return results


def wait_until(predicate, timeout=120.0, every=0.005) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise SystemExit("the benchmark's worker did not finish in time")
        time.sleep(every)


def worker_jobs(sink_port: int) -> list[dict]:
    """The outbox drain against a no-op task on one real worker and the project's broker
    (Redis with CELERY_BROKER_URL, else the filesystem transport), as production runs
    them: 300 no-op tasks published one by one; 300 e-mails handed over in one publish,
    as a request does, and timed until the last one is marked sent."""
    from portal import outbox
    from portal.celery import app
    from portal.models import OutboxMessage

    env = app_env()
    env.update(
        {
            "CELERY_TASK_ALWAYS_EAGER": "0",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(sink_port),
            "EMAIL_USE_TLS": "0",
            "BENCH_APP_DIR": str(ROOT),
        }
    )
    app.conf.task_always_eager = False
    app.control.purge()  # nothing left over from another run reaches this worker
    worker = subprocess.Popen(  # noqa: S603 - our own command line
        [sys.executable, str(Path(__file__).with_name("bench_worker.py"))],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    mark = Path(tempfile.mkdtemp(prefix="bench-mark-")) / "done"
    results = []
    try:
        app.send_task("bench.mark", args=[str(mark)])  # the worker is up and consuming
        wait_until(mark.exists, timeout=120, every=0.1)
        for _run in range(args.drain_runs):
            mark.unlink()
            started = time.perf_counter()
            with app.producer_or_acquire() as producer:
                for n in range(300):
                    app.send_task("bench.noop", args=[n], producer=producer)
                app.send_task("bench.mark", args=[str(mark)], producer=producer)
            wait_until(mark.exists)
            noop_seconds = time.perf_counter() - started
            outbox._broker_down_until = time.monotonic() + 3600  # queued, not yet handed over
            drain = [
                outbox.queue_email("a@example.org", "bench", "Thư", "Nội dung", "", None).pk
                for _ in range(300)
            ]
            outbox._broker_down_until = 0.0
            started = time.perf_counter()
            outbox.publish(drain)
            rows = OutboxMessage.objects.filter(pk__in=drain, state="sent")
            wait_until(lambda rows=rows: rows.count() == 300)
            drain_seconds = time.perf_counter() - started
            results.append(
                {
                    "job": "outbox drain, 300 through a worker and the broker",
                    "ms": drain_seconds * 1000,
                    "queries": None,  # in the worker's process, not counted here
                    "per_second": 300 / drain_seconds,
                    "noop_per_second": 300 / noop_seconds,
                }
            )
    finally:
        worker.terminate()
        worker.wait(timeout=60)
        app.conf.task_always_eager = True
    return results


def print_jobs(results) -> None:
    for job in results:
        extra = (
            f"  {job['per_second']:.0f}/s vs no-op {job['noop_per_second']:.0f}/s"
            f" ({job['per_second'] / job['noop_per_second']:.0%})"
            if "per_second" in job
            else ""
        )
        queries = "—" if job["queries"] is None else job["queries"]
        print(f"{job['job']:45} {job['ms']:9.0f} ms {queries:>6} q{extra}")


# --- Main -----------------------------------------------------------------------------------


def rebuild_rollup():
    """bulk_create skips the notice lifecycle that keeps the compliance rollup: rebuild it
    as `manage.py rebuild_compliance_months` would (an older checkout has no rollup)."""
    try:
        from events.services import compliance_months
    except ImportError:
        return None
    started = time.perf_counter()
    rows = compliance_months.rebuild()
    seconds = round(time.perf_counter() - started, 1)
    print(f"compliance rollup rebuilt: {rows} rows in {seconds} s", flush=True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE events_compliancemonth")
    return seconds


def main():
    from django.test.utils import setup_test_environment

    from events.models import Story

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    if connection.vendor == "sqlite":  # a file, so that gunicorn's workers see it too
        connection.settings_dict["TEST"]["NAME"] = str(Path(STATIC_ROOT).parent / "bench.sqlite3")
    old_name = connection.creation.create_test_db(verbosity=0, keepdb=args.keepdb)
    server = None
    report = {"scale": S, "sizes": N, "database": connection.vendor, "app": str(ROOT)}
    try:
        started = time.perf_counter()
        world = refill() if args.keepdb else None
        world = world or fill()
        world["_story"] = Story.objects.filter(centre=world["centres"][0]).values_list(
            "pk", flat=True
        )[0]
        Story.objects.filter(pk=world["_story"]).update(
            status="in_review", edited_title="Tít đã biên tập", edited_body="Nội dung sửa " * 800
        )
        if connection.vendor == "postgresql":
            # The planner's statistics, as autovacuum would gather them after a bulk load
            # (it may be off on a test server; without them every estimate is a guess).
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE")
        report["fill_seconds"] = round(time.perf_counter() - started, 1)
        print(f"filled {N} in {report['fill_seconds']} s on {connection.vendor}", flush=True)
        report["rollup_seconds"] = rebuild_rollup()
        if args.jobs_only:
            report["jobs"] = jobs(world)
            print_jobs(report["jobs"])
            if args.json:
                args.json.write_text(json.dumps(report, indent=2, default=str))
            return
        call_command("collectstatic", "--noinput", verbosity=0)
        cookies = {role: session_cookie(world[role]) for role in ("director", "reviewer", "agency")}
        cookies[""] = ""
        server = start_server()
        rows = []
        for label, role, path in pages(world):
            if args.only and not any(part in label for part in args.only.split(",")):
                continue
            status, queries = queries_of(path, cookies[role])
            rows.append({"page": label, "path": path, "status": status, "queries": queries})
        for round_number in range(args.rounds):
            for row in rows:
                trivial = load("/accounts/login/", "")
                page = load(
                    row["path"], cookies[dict((p[0], p[1]) for p in pages(world))[row["page"]]]
                )
                row.setdefault("rounds", []).append(
                    {"trivial": trivial, "page": page, "ratio_p95": page["p95"] / trivial["p95"]}
                )
            print(f"round {round_number + 1} done", flush=True)
        print()
        print(f"{'page':34} {'p50 ms':>8} {'p95 ms':>8} {'p95/triv':>9} {'spread':>13} {'q':>4}")
        for row in rows:
            p50 = statistics.median(r["page"]["p50"] for r in row["rounds"])
            p95 = statistics.median(r["page"]["p95"] for r in row["rounds"])
            ratios = [r["ratio_p95"] for r in row["rounds"]]
            row.update(p50=p50, p95=p95, ratio=statistics.median(ratios))
            spread = f"{min(ratios):.1f}–{max(ratios):.1f}"
            note = "" if row["status"] == 200 else f" (HTTP {row['status']})"
            print(
                f"{row['page']:34} {p50:8.1f} {p95:8.1f} {row['ratio']:9.1f} {spread:>13}"
                f" {row['queries']:4d}{note}"
            )
        trivial_p95 = statistics.median(r["trivial"]["p95"] for row in rows for r in row["rounds"])
        print(f"{'trivial view (sign-in page)':34} {'':8} {trivial_p95:8.1f} {1:9.1f}")
        report["pages"], report["trivial_p95"] = rows, trivial_p95
        server.terminate()
        server.wait()
        server = None
        print()
        report["jobs"] = [] if args.no_jobs else jobs(world)
        print_jobs(report["jobs"])
        if args.json:
            args.json.write_text(json.dumps(report, indent=2, default=str))
    finally:
        if server is not None:
            server.terminate()
        if not args.keepdb:
            connection.creation.destroy_test_db(old_name, verbosity=0)
        shutil.rmtree(STATIC_ROOT, ignore_errors=True)


if __name__ == "__main__":
    socket.setdefaulttimeout(120)
    main()
