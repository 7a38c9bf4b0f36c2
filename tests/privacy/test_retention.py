"""Retention of personal data: retired entries anonymised, old proposals deleted, old
e-mail bodies blanked, old access-log rows deleted; a dry run lists it first."""

from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from contacts.enums import AccessKind, ProposalAction, ProposalStatus
from contacts.models import AccessRecord, ContactProposal, PressContact
from portal import retention as portal_retention
from portal.enums import OutboxState
from portal.models import OutboxMessage
from privacy.services import retention
from tests.contacts.factories import PressContactFactory

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 12, 1, 3, 0, tzinfo=TZ)


@pytest.fixture
def old_rows(world):
    with time_machine.travel(NOW - timedelta(days=800), tick=False):
        gone = PressContactFactory(full_name="Võ Văn Cũ", phone="0900 000 801")
        gone.is_active = False
        gone.save()
        ContactProposal.objects.create(
            action=ProposalAction.EDIT,
            contact=gone,
            data={"phone": "0900 000 801"},
            status=ProposalStatus.APPROVED,
            proposed_by=world.agency_user,
            decided_by=world.reviewer,
            decided_at=NOW - timedelta(days=800),
        )
        ContactProposal.objects.create(
            action=ProposalAction.EDIT,
            contact=gone,
            data={"area": "Xã Mới"},
            proposed_by=world.agency_user,
        )  # pending: kept however old
        AccessRecord.objects.create(user=world.reporter, what=AccessKind.DIRECTORY)
    with time_machine.travel(NOW - timedelta(days=10), tick=False):
        recent = PressContactFactory(full_name="Lê Thị Mới")
        recent.is_active = False
        recent.save()
        AccessRecord.objects.create(user=world.reporter, what=AccessKind.ENTRY)
    with time_machine.travel(NOW - timedelta(days=40), tick=False):
        old_mail = OutboxMessage.objects.create(
            kind="x",
            to_email="a@example.vn",
            subject="S",
            body_text="Chào Võ Văn Cũ",
            body_html="<p>Chào</p>",
            state=OutboxState.SENT,
        )
    return {"gone": gone, "recent": recent, "old_mail": old_mail}


def test_the_dry_run_lists_what_would_go_and_changes_nothing(old_rows):
    out = StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("privacy_retention", "--dry-run", stdout=out)
    lines = out.getvalue().splitlines()
    gone, mail = old_rows["gone"], old_rows["old_mail"]
    assert lines == [
        "retired_entries: 1",
        f"  mục #{gone.pk}, đã thôi, thay đổi lần cuối {(NOW - timedelta(days=800)):%d/%m/%Y}",
        "proposals: 1",
        f"  đề xuất #{ContactProposal.objects.exclude(status='pending').get().pk}, quyết định "
        f"{(NOW - timedelta(days=800)):%d/%m/%Y}",
        "outbox_bodies: 1",
        f"  thư #{mail.pk} ngày {(NOW - timedelta(days=40)):%d/%m/%Y}",
        "access_log: 1",
        f"  1 dòng nhật ký truy cập trước {(NOW - timedelta(days=365)):%d/%m/%Y}",
    ]
    assert PressContact.objects.filter(full_name="Võ Văn Cũ").exists()
    assert ContactProposal.objects.count() == 2 and AccessRecord.objects.count() == 2


def test_the_nightly_task_purges_past_retention_and_nothing_else(old_rows):
    with time_machine.travel(NOW, tick=False):
        counts = portal_retention.prune()
        again = retention.purge()
    assert {k: v for k, v in counts.items() if k.startswith("privacy_")} == {
        "privacy_retired_entries": 1,
        "privacy_proposals": 1,
        "privacy_outbox_bodies": 1,
        "privacy_access_log": 1,
    }
    assert again == {"retired_entries": 0, "proposals": 0, "outbox_bodies": 0, "access_log": 0}
    gone = PressContact.objects.get(pk=old_rows["gone"].pk)
    assert (gone.full_name, gone.phone) == (f"Người đã ẩn danh #{gone.pk}", "")
    assert not gone.history.filter(full_name="Võ Văn Cũ").exists()
    assert PressContact.objects.get(pk=old_rows["recent"].pk).full_name == "Lê Thị Mới"
    assert list(ContactProposal.objects.values_list("status", flat=True)) == ["pending"]
    mail = OutboxMessage.objects.get()
    assert (mail.subject, mail.body_text, mail.body_html) == ("S", "", "")
    assert list(AccessRecord.objects.values_list("what", flat=True)) == [AccessKind.ENTRY]
