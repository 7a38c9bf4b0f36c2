"""Time the contact import's refusal of hostile files (a measurement, not a test).

    .venv/bin/python scripts/benchmark_import.py

Each file goes through `ImportForm` — what `POST /contacts/import/` runs before any row
reaches the database — and the median of 5 runs is printed with the peak memory that
Python allocated (tracemalloc, one extra run).
"""

import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402

from contacts.forms.imports import ImportForm  # noqa: E402
from tests.contacts.crafted import HEADER, ONE_ENTRY, cell, row, sheet, xlsx  # noqa: E402


def files():
    declared = sheet(HEADER + ONE_ENTRY, dimension="A1:XFD1048576")
    yield "xlsx declaring A1:XFD1048576 (read, 1 row)", "bom.xlsx", xlsx(declared)
    last = sheet(HEADER + ONE_ENTRY + row(1048576, cell("XFD1048576", "x")), "A1:XFD1048576")
    yield "xlsx with a cell at XFD1048576 (refused)", "bom.xlsx", xlsx(last)
    yield (
        "xlsx declaring A1:XFD20000 (read, 1 row)",
        "bom.xlsx",
        xlsx(sheet(HEADER + ONE_ENTRY, dimension="A1:XFD20000")),
    )
    csv = b"role,full_name\n" + b"r,x\n" * 300_000
    yield "CSV of 300,000 rows (refused at the row cap)", "lon.csv", csv


def run(name, content):
    form = ImportForm(files={"file": SimpleUploadedFile(name, content)})
    form.is_valid()
    return form


for label, name, content in files():
    run(name, content)  # warm up
    times = []
    for _ in range(5):
        start = time.perf_counter()
        form = run(name, content)
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    run(name, content)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    outcome = "; ".join(form.errors.get("file", [])) or f"{len(form.rows)} row(s) read"
    print(
        f"{label}: {len(content) / 1024:.1f} KB, median {statistics.median(times) * 1000:.1f} ms,"
    )
    print(f"    peak {peak / 1024 / 1024:.1f} MB — {outcome}")
