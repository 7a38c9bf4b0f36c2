"""Where one page's time goes, on a database `scripts/benchmark.py --keepdb` filled.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/duatin_bench \
        .venv/bin/python scripts/profile_page.py director /newsroom/ [--explain] [--profile]

Requests the page through the test client as the benchmark's user of that role (on the
benchmark's scratch database `test_<name>`), then prints each query with its time, the
slowest first; `--explain` adds PostgreSQL's EXPLAIN (ANALYZE, BUFFERS) of the slowest
ones, `--profile` the functions that took the most time (cProfile). A developer's tool:
nothing runs it in production or in the suite.
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
parser.add_argument("role", help="director, reviewer, agency, reporter or '' (anonymous)")
parser.add_argument("path")
parser.add_argument("--explain", type=int, default=0, help="EXPLAIN the N slowest queries")
parser.add_argument("--profile", action="store_true")
parser.add_argument("--repeat", type=int, default=5)
args = parser.parse_args()

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.update(
    {
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-only-" + "x" * 40,
        "SECURE_SSL_REDIRECT": "0",
        "CELERY_TASK_ALWAYS_EAGER": "1",
        "REPORT_PDF_ENABLED": "0",
        "STATIC_ROOT": os.environ.get("STATIC_ROOT", str(ROOT / "var" / "profile-static")),
    }
)
import django  # noqa: E402

django.setup()
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

if not Path(settings.STATIC_ROOT, "staticfiles.json").exists():
    from django.core.management import call_command

    call_command("collectstatic", "--noinput", verbosity=0)

settings.ALLOWED_HOSTS = ["*"]
connection.close()
settings.DATABASES["default"]["NAME"] = connection.settings_dict["NAME"] = (
    "test_" + connection.settings_dict["NAME"]
)

from portal.models import User  # noqa: E402
from tests.world import pass_second_factor  # noqa: E402

client = Client()
if args.role:
    user = User.objects.get(username=f"bench_{args.role}")
    client.force_login(user)
    pass_second_factor(client, user)
response = client.get(args.path)
print("status", response.status_code, "bytes", len(response.content))
times = []
for _ in range(args.repeat):
    start = time.perf_counter()
    client.get(args.path)
    times.append((time.perf_counter() - start) * 1000)
print("ms", sorted(times))
with CaptureQueriesContext(connection) as queries:
    start = time.perf_counter()
    client.get(args.path)
    total = (time.perf_counter() - start) * 1000
sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
print(f"{len(queries)} queries, {sql_ms:.1f} ms of {total:.1f} ms")
ranked = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))
for q in ranked[:15]:
    print(f"{float(q['time']) * 1000:7.1f} ms  {q['sql'][:400]}")
for q in ranked[: args.explain]:
    if connection.vendor == "postgresql" and q["sql"].lstrip().upper().startswith("SELECT"):
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + q["sql"])
            print("\n" + q["sql"][:600])
            print("\n".join(row[0] for row in cursor.fetchall()))
if args.profile:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(3):
        client.get(args.path)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(120)
    pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    if os.environ.get("CALLERS"):
        pstats.Stats(profiler).print_callers(os.environ["CALLERS"])
