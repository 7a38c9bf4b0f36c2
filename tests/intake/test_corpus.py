"""The corpus (tests/intake/corpus.py) read through the whole intake: precision per field.

Start date-time must be right for at least 90 % of the mails; title and place are
reported (and guarded at a lower floor so a regression shows)."""

import re
from datetime import UTC, datetime

import pytest

from events.leaders_import import fold
from tests.intake.conftest import build_mail, docx_of, ingest, pdf_of
from tests.intake.corpus import CASES

RECEIVED = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)  # 09:00 in Asia/Ho_Chi_Minh
START_FLOOR = 0.9
TEXT_FLOOR = 0.8


def normal(text) -> str:
    return " ".join(re.sub(r"[^\w/]+", " ", fold(str(text or ""))).split())


def raw_of(case) -> bytes:
    attachments = []
    if case.attachment == "pdf":
        attachments = [("giay-moi.pdf", pdf_of(case.letter), "application", "pdf")]
    elif case.attachment == "docx":
        mime = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")
        attachments = [("giay-moi.docx", docx_of(case.letter), *mime)]
    return build_mail(
        sender="Văn phòng <staff@agency.test>",
        subject=case.subject,
        body=case.body,
        html=case.letter if case.html else None,
        attachments=attachments,
    )


@pytest.mark.django_db
def test_corpus_precision_per_field(world, mailbox_for, capsys):
    world.agency_user.email = "staff@agency.test"
    world.agency_user.save()
    box = mailbox_for(world.centre)
    assert len(CASES) >= 30
    scores = {"title": [], "starts_at": [], "address": []}
    misses = []
    for uid, case in enumerate(CASES, 1):
        mail = ingest(box, raw_of(case), RECEIVED, uid)
        got = {name: mail.field(name).get("value") for name in scores}
        start = got["starts_at"] and datetime.fromisoformat(got["starts_at"])
        checks = {
            "title": normal(got["title"]) == normal(case.title),
            "starts_at": bool(start)
            and (start.year, start.month, start.day, start.hour, start.minute) == case.start,
            "address": normal(got["address"]) == normal(case.place),
        }
        for name, ok in checks.items():
            scores[name].append(ok)
            if not ok:
                misses.append(f"{case.name} / {name}: {got[name]!r}")
    precision = {name: sum(oks) / len(oks) for name, oks in scores.items()}
    with capsys.disabled():
        print(f"\nintake corpus, {len(CASES)} mails, precision per field:")
        for name, value in precision.items():
            print(f"  {name:10} {value:6.1%}")
        for miss in misses:
            print(f"  miss: {miss}")
    assert precision["starts_at"] >= START_FLOOR, misses
    assert precision["title"] >= TEXT_FLOOR, misses
    assert precision["address"] >= TEXT_FLOOR, misses
