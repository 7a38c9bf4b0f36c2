"""The lead-time rule of seed 000, at its boundaries."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from events.enums import EmergencyCause, NoticeKind, Verdict
from events.leadtime import judge
from events.services import notices as services
from tests.world import notice_form_data

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
START = datetime(2026, 12, 1, 9, 0, tzinfo=HCM)


def test_planned_notice_exactly_24h_before_is_on_time():
    result = judge(NoticeKind.PLANNED, START, START - timedelta(hours=24))
    assert (result.verdict, result.lead_minutes, result.late_by_minutes) == (
        Verdict.ON_TIME,
        1440,
        None,
    )


def test_planned_notice_23h59_before_is_late_by_one_minute():
    result = judge(NoticeKind.PLANNED, START, START - timedelta(hours=23, minutes=59))
    assert (result.verdict, result.late_by_minutes) == (Verdict.LATE, 1)


def test_planned_notice_5h_before_is_late_by_19h():
    result = judge(NoticeKind.PLANNED, START, START - timedelta(hours=5))
    assert (result.verdict, result.late_by_minutes) == (Verdict.LATE, 19 * 60)


def test_urgent_notice_exactly_60_minutes_before_is_on_time():
    assert judge(NoticeKind.URGENT, START, START - timedelta(minutes=60)).verdict == Verdict.ON_TIME


def test_urgent_notice_59_minutes_before_is_late_by_one_minute():
    result = judge(NoticeKind.URGENT, START, START - timedelta(minutes=59))
    assert (result.verdict, result.late_by_minutes) == (Verdict.LATE, 1)


def test_emergency_is_exempt_even_after_the_start():
    assert judge(NoticeKind.EMERGENCY, START, START + timedelta(hours=1)).verdict == Verdict.EXEMPT
    assert judge(NoticeKind.EMERGENCY, START, START - timedelta(days=3)).verdict == Verdict.EXEMPT


def test_notice_received_after_the_start_is_after_the_fact():
    result = judge(NoticeKind.PLANNED, START, START + timedelta(minutes=30))
    assert (result.verdict, result.lead_minutes) == (Verdict.AFTER_THE_FACT, -30)


def test_notice_received_at_the_very_start_is_late_not_after_the_fact():
    assert judge(NoticeKind.URGENT, START, START).verdict == Verdict.LATE


def test_thresholds_come_from_settings(settings):
    settings.LEAD_TIME_PLANNED_MINUTES = 48 * 60
    assert judge(NoticeKind.PLANNED, START, START - timedelta(hours=30)).verdict == Verdict.LATE


@pytest.mark.django_db
def test_reschedule_is_judged_again_from_the_time_of_the_change(world):
    now = datetime(2026, 11, 20, 8, 0, tzinfo=HCM)
    with time_machine.travel(now, tick=False):
        notice = services.submit_notice(
            agency=world.agency,
            by=world.agency_user,
            data=notice_form_data(world, now + timedelta(days=3)),
        )
    assert notice.verdict == Verdict.ON_TIME
    change_time = now + timedelta(days=2, hours=20)  # 4 h before the old start
    with time_machine.travel(change_time, tick=False):
        notice = services.update_notice(
            notice,
            by=world.agency_user,
            data={
                "starts_at": change_time + timedelta(hours=6),
                "ends_at": change_time + timedelta(hours=8),
            },
        )
    notice.refresh_from_db()
    assert (notice.verdict, notice.lead_minutes, notice.late_by_minutes) == (
        Verdict.LATE,
        360,
        18 * 60,
    )
    assert notice.judged_at == change_time
    assert notice.received_at == now


@pytest.mark.django_db
def test_edit_without_new_start_keeps_the_verdict(world):
    now = datetime(2026, 11, 20, 8, 0, tzinfo=HCM)
    with time_machine.travel(now, tick=False):
        notice = services.submit_notice(
            agency=world.agency,
            by=world.agency_user,
            data=notice_form_data(world, now + timedelta(days=2)),
        )
    with time_machine.travel(now + timedelta(days=1, hours=23), tick=False):
        services.update_notice(notice, by=world.agency_user, data={"title": "Hội nghị (sửa)"})
    notice.refresh_from_db()
    assert (notice.title, notice.verdict) == ("Hội nghị (sửa)", Verdict.ON_TIME)


@pytest.mark.django_db
def test_reclassify_to_urgent_rejudges_from_the_original_receipt(world):
    now = datetime(2026, 11, 20, 8, 0, tzinfo=HCM)
    with time_machine.travel(now, tick=False):
        notice = services.submit_notice(
            agency=world.agency,
            by=world.agency_user,
            data=notice_form_data(world, now + timedelta(hours=3)),
            late_confirmed=True,
        )
    assert notice.verdict == Verdict.LATE
    with time_machine.travel(now + timedelta(hours=1), tick=False):
        notice = services.reclassify_notice(
            notice,
            by=world.director,
            kind=NoticeKind.URGENT,
            emergency_cause="",
            reason="Đoàn công tác tỉnh báo đột xuất",
        )
    assert (notice.kind, notice.verdict, notice.lead_minutes) == (
        NoticeKind.URGENT,
        Verdict.ON_TIME,
        180,
    )
    latest = notice.history.latest()
    assert latest.history_change_reason.endswith("Đoàn công tác tỉnh báo đột xuất")
    assert latest.history_user == world.director


@pytest.mark.django_db
def test_reclassify_to_emergency_makes_it_exempt(world):
    notice = services.submit_notice(
        agency=world.agency,
        by=world.agency_user,
        late_confirmed=True,
        data=notice_form_data(world, timezone.now() + timedelta(minutes=30)),
    )
    notice = services.reclassify_notice(
        notice,
        by=world.director,
        kind=NoticeKind.EMERGENCY,
        emergency_cause=EmergencyCause.FIRE,
        reason="Cháy rừng",
    )
    assert (notice.verdict, notice.emergency_cause) == (Verdict.EXEMPT, EmergencyCause.FIRE)
