"""Recurring notices: weekly and monthly series, exceptions, the horizon, edits."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError

from events.enums import NoticeStatus, Verdict
from events.models import Notice, NoticeSeries
from events.recurrence import build_rule
from events.services.notices import cancel_notice
from events.services.series import (
    create_series,
    edit_following,
    edit_occurrence,
    extend_all_series,
    next_occurrence,
)
from events.tasks import extend_series as extend_series_task
from newsroom.services.assignments import assign_reporter

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 23, 8, 0, tzinfo=HCM)  # Monday


def local(*args):
    return datetime(*args, tzinfo=HCM)


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def data(world, starts_at, **extra):
    return {
        "title": "Giao ban tuần",
        "kind": "planned",
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=1, minutes=30),
        "locality": world.locality,
        "address": "Phòng họp UBND",
        "contact_name": "Chị Mai",
        "contact_phone": "0912000000",
        **extra,
    }


def starts_of(series):
    return [timezone_local(o.notice.starts_at) for o in series.occurrences.select_related("notice")]


def timezone_local(moment):
    return moment.astimezone(HCM).strftime("%a %d/%m %H:%M")


def weekly(world, *, weekdays=(0, 3), **rule):
    rule.setdefault("until", date(2027, 3, 1))
    exceptions = rule.pop("exceptions", ())
    return create_series(
        agency=world.agency,
        by=world.agency_user,
        data=data(world, local(2026, 11, 26, 7, 30)),
        rule=build_rule(frequency="weekly", weekdays=weekdays, **rule),
        exceptions=exceptions,
    )


def test_rules_are_rrules_written_by_dateutil():
    assert build_rule(frequency="weekly", weekdays=(3, 0), count=10) == (
        "FREQ=WEEKLY;COUNT=10;BYDAY=MO,TH"
    )
    assert build_rule(frequency="monthly", nth=1, nth_weekday=0, until=date(2027, 6, 30)) == (
        "FREQ=MONTHLY;UNTIL=20270630T235959;BYDAY=+1MO"
    )
    assert build_rule(frequency="monthly", month_day=15, count=3) == (
        "FREQ=MONTHLY;COUNT=3;BYMONTHDAY=15"
    )


def test_a_weekly_series_makes_real_notices_for_eight_weeks_each_judged_from_receipt(world):
    series = weekly(world)
    notices = list(Notice.objects.filter(occurrence__series=series).order_by("starts_at"))
    # Thursday 26/11 first; Mondays and Thursdays through the 8-week horizon (18/01).
    assert [timezone_local(n.starts_at) for n in notices[:3]] == [
        "Thu 26/11 07:30",
        "Mon 30/11 07:30",
        "Thu 03/12 07:30",
    ]
    assert timezone_local(notices[-1].starts_at) == "Mon 18/01 07:30"
    assert len(notices) == 16
    assert {(n.received_at, n.judged_at, n.verdict) for n in notices} == {
        (NOW, NOW, Verdict.ON_TIME)
    }
    assert {(n.status, n.agency_id, n.centre_id, n.locality_id) for n in notices} == {
        (NoticeStatus.RECEIVED, world.agency.pk, world.centre.pk, world.locality.pk)
    }
    assert notices[0].ends_at - notices[0].starts_at == timedelta(hours=1, minutes=30)


def test_each_occurrence_has_its_own_verdict(world):
    # Received Monday 08:00 for a Tuesday 07:00 briefing: the first is late, the rest not.
    series = create_series(
        agency=world.agency,
        by=world.agency_user,
        data=data(world, local(2026, 11, 24, 7, 0)),
        rule=build_rule(frequency="weekly", weekdays=(1,), count=3),
    )
    assert [o.notice.verdict for o in series.occurrences.select_related("notice")] == [
        Verdict.LATE,
        Verdict.ON_TIME,
        Verdict.ON_TIME,
    ]


def test_exceptions_are_skipped(world):
    series = weekly(world, weekdays=(3,), count=4, until=None, exceptions=[date(2026, 12, 3)])
    assert starts_of(series) == ["Thu 26/11 07:30", "Thu 10/12 07:30", "Thu 17/12 07:30"]


def test_a_monthly_series_on_the_first_monday(world):
    series = create_series(
        agency=world.agency,
        by=world.agency_user,
        data=data(world, local(2026, 12, 7, 14, 0), title="Họp thường kỳ"),
        rule=build_rule(frequency="monthly", nth=1, nth_weekday=0, until=date(2027, 6, 30)),
    )
    # The horizon (8 weeks from 23/11) reaches 18/01: first Mondays of Dec and Jan.
    assert starts_of(series) == ["Mon 07/12 14:00", "Mon 04/01 14:00"]


def test_a_monthly_series_on_a_day_of_the_month(world):
    series = create_series(
        agency=world.agency,
        by=world.agency_user,
        data=data(world, local(2026, 11, 25, 9, 0)),
        rule=build_rule(frequency="monthly", month_day=25, count=6),
    )
    assert starts_of(series) == ["Wed 25/11 09:00", "Fri 25/12 09:00"]


def test_the_beat_task_extends_the_horizon_once(world):
    series = weekly(world, weekdays=(3,))
    assert len(starts_of(series)) == 8  # 26/11 … 14/01
    with time_machine.travel(NOW + timedelta(weeks=2), tick=False):
        assert extend_series_task.delay().get() == 2
        assert extend_all_series() == 0  # the task already made them
    assert starts_of(series)[-2:] == ["Thu 21/01 07:30", "Thu 28/01 07:30"]
    assert len(starts_of(series)) == 10
    # The new ones are judged from the series' receipt, not from the task's run.
    last = series.occurrences.order_by("date").last().notice
    assert (last.received_at, last.verdict) == (NOW, Verdict.ON_TIME)


def test_more_than_200_occurrences_are_refused_and_nothing_is_saved(world):
    with pytest.raises(ValidationError) as error:
        create_series(
            agency=world.agency,
            by=world.agency_user,
            data=data(world, local(2026, 11, 26, 7, 30)),
            rule=build_rule(frequency="weekly", weekdays=(0, 1, 2, 3, 4), until=date(2028, 1, 1)),
        )
    assert error.value.messages == [
        "Cách lặp này cho hơn 200 lần. Hãy chọn ngày kết thúc sớm hơn hoặc ít lần hơn."
    ]
    assert (NoticeSeries.objects.count(), Notice.objects.count()) == (0, 0)


def test_an_endless_rule_or_an_end_before_the_start_is_refused(world):
    with pytest.raises(ValidationError):
        create_series(
            agency=world.agency,
            by=world.agency_user,
            data=data(world, local(2026, 11, 26, 7, 30)),
            rule="FREQ=WEEKLY;BYDAY=TH",
        )
    bad = data(world, local(2026, 11, 26, 7, 30))
    bad["ends_at"] = bad["starts_at"] - timedelta(hours=1)
    with pytest.raises(ValidationError):
        create_series(
            agency=world.agency, by=world.agency_user, data=bad, rule="FREQ=DAILY;COUNT=2"
        )
    assert (NoticeSeries.objects.count(), Notice.objects.count()) == (0, 0)


def test_cancelling_one_occurrence_leaves_the_others(world):
    series = weekly(world, weekdays=(3,), count=3, until=None)
    first, second, third = [o.notice for o in series.occurrences.select_related("notice")]
    cancel_notice(second, by=world.agency_user, reason="Trùng lịch tiếp dân")
    statuses = [o.notice.status for o in series.occurrences.select_related("notice")]
    assert statuses == [NoticeStatus.RECEIVED, NoticeStatus.CANCELLED, NoticeStatus.RECEIVED]
    extend_all_series()  # the cancelled date is not made again
    assert series.occurrences.count() == 3
    assert next_occurrence(series).notice == first


def test_editing_this_occurrence_changes_only_it(world):
    series = weekly(world, weekdays=(3,), count=3, until=None)
    first, second, third = [o.notice for o in series.occurrences.select_related("notice")]
    edit_occurrence(
        second,
        by=world.agency_user,
        data={"starts_at": local(2026, 12, 3, 9, 0), "ends_at": local(2026, 12, 3, 10, 0)},
    )
    assert starts_of(series) == ["Thu 26/11 07:30", "Thu 03/12 09:00", "Thu 10/12 07:30"]
    assert series.occurrences.get(notice=second).detached is True


def test_this_and_following_moves_later_occurrences_and_tells_the_reporter(
    world, django_capture_on_commit_callbacks
):
    series = weekly(world, weekdays=(3,), count=12, until=None)
    notices = [o.notice for o in series.occurrences.select_related("notice").order_by("date")]
    assign_reporter(notices[2], world.reporter, by=world.director)
    edit_occurrence(
        notices[3], by=world.agency_user, data={"address": "Nhà văn hóa thôn 3"}
    )  # edited on its own: left alone
    mail.outbox.clear()

    with time_machine.travel(NOW + timedelta(hours=1), tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            edit_following(
                notices[1],
                by=world.agency_user,
                data={
                    "starts_at": local(2026, 12, 3, 14, 0),
                    "ends_at": local(2026, 12, 3, 15, 0),
                    "address": "Hội trường mới",
                },
                reason="Lãnh đạo đổi giờ họp",
            )

    rows = [
        (timezone_local(o.notice.starts_at), o.notice.address)
        for o in series.occurrences.select_related("notice").order_by("date")
    ]
    assert rows[:5] == [
        ("Thu 26/11 07:30", "Phòng họp UBND"),
        ("Thu 03/12 14:00", "Hội trường mới"),
        ("Thu 10/12 14:00", "Hội trường mới"),
        ("Thu 17/12 07:30", "Nhà văn hóa thôn 3"),
        ("Thu 24/12 14:00", "Hội trường mới"),
    ]
    reporter_mail = [m.subject for m in mail.outbox if m.to == [world.reporter.email]]
    assert reporter_mail and all("Giao ban tuần" in s for s in reporter_mail)
    # Occurrences made later follow the series' new time.
    with time_machine.travel(NOW + timedelta(weeks=4), tick=False):
        extend_all_series()
    assert rows[-1][0].endswith("14:00")
    newest = series.occurrences.select_related("notice").order_by("date").last().notice
    assert (timezone_local(newest.starts_at)[-5:], newest.address) == ("14:00", "Hội trường mới")


def test_this_and_following_cannot_move_to_another_day(world):
    series = weekly(world, weekdays=(3,), count=3, until=None)
    second = series.occurrences.order_by("date")[1].notice
    with pytest.raises(ValidationError):
        edit_following(
            second,
            by=world.agency_user,
            data={"starts_at": local(2026, 12, 4, 7, 30), "ends_at": local(2026, 12, 4, 9, 0)},
        )
    assert starts_of(series)[1] == "Thu 03/12 07:30"


def test_an_occurrence_moved_on_the_ordinary_edit_page_is_left_alone_by_the_series(world):
    from events.services.notices import update_notice

    series = weekly(world, weekdays=(3,), count=3, until=None)
    first, second, third = [o.notice for o in series.occurrences.select_related("notice")]
    update_notice(
        third,
        by=world.agency_user,
        data={"starts_at": local(2026, 12, 10, 10, 0), "ends_at": local(2026, 12, 10, 11, 0)},
    )
    edit_following(
        second,
        by=world.agency_user,
        data={"starts_at": local(2026, 12, 3, 14, 0), "ends_at": local(2026, 12, 3, 15, 0)},
    )
    assert starts_of(series) == ["Thu 26/11 07:30", "Thu 03/12 14:00", "Thu 10/12 10:00"]
    assert [o.detached for o in series.occurrences.all()] == [False, False, True]


# --- Changing the series itself from its page: days, time, stop ----------------------------


def rows_of(series):
    return [
        (timezone_local(o.notice.starts_at), o.notice.status)
        for o in series.occurrences.select_related("notice").order_by("date")
    ]


def test_changing_the_weekdays_from_an_occurrence_moves_cancels_and_tells(
    world, django_capture_on_commit_callbacks
):
    from events.services.series import change_following

    series = weekly(world, weekdays=(3,), count=4, until=None)  # Thursdays 26/11 … 17/12
    notices = [o.notice for o in series.occurrences.select_related("notice").order_by("date")]
    assign_reporter(notices[2], world.reporter, by=world.director)  # Thu 10/12
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        done = change_following(
            series,
            by=world.agency_user,
            from_date=date(2026, 12, 3),
            weekdays=[1],  # Tuesdays from the week of 03/12
            start_time=datetime(2026, 1, 1, 14, 0).time(),
            end_time=datetime(2026, 1, 1, 15, 0).time(),
            reason="Đổi lịch giao ban",
        )

    received, cancelled = NoticeStatus.RECEIVED, NoticeStatus.CANCELLED
    assert rows_of(series) == [
        ("Thu 26/11 07:30", received),  # before the change: as it was
        ("Thu 03/12 07:30", cancelled),
        ("Tue 08/12 14:00", received),
        ("Thu 10/12 07:30", cancelled),
        ("Tue 15/12 14:00", received),
        ("Thu 17/12 07:30", cancelled),
    ]
    assert {n.pk for n in done["cancelled"]} == {notices[1].pk, notices[2].pk, notices[3].pk}
    assert Notice.objects.get(pk=notices[2].pk).cancel_reason == "Đổi lịch giao ban"
    assert [m for m in mail.outbox if m.to == [world.reporter.email]]  # the reporter is told
    # The 4 times became "until 17/12": no Tuesday after it is made later.
    with time_machine.travel(NOW + timedelta(weeks=6), tick=False):
        extend_all_series()
    assert series.occurrences.count() == 6
    new = series.occurrences.get(date=date(2026, 12, 8)).notice
    assert new.judged_at == NOW  # judged from the change


def test_changing_the_time_moves_the_following_occurrences_through_the_lifecycle(world):
    from events.models import NoticeChange
    from events.services.series import change_following

    series = weekly(world, weekdays=(3,), count=3, until=None)
    notices = [o.notice for o in series.occurrences.select_related("notice").order_by("date")]
    assign_reporter(notices[1], world.reporter, by=world.director)
    change_following(
        series,
        by=world.agency_user,
        from_date=date(2026, 12, 3),
        start_time=datetime(2026, 1, 1, 9, 0).time(),
        reason="Lãnh đạo bận buổi sáng sớm",
    )
    assert [row[0] for row in rows_of(series)] == [
        "Thu 26/11 07:30",
        "Thu 03/12 09:00",
        "Thu 10/12 09:00",
    ]
    moved = NoticeChange.objects.get(notice=notices[1], kind="rescheduled")
    assert moved.reason == "Lãnh đạo bận buổi sáng sớm"
    assert Notice.objects.get(pk=notices[1].pk).ends_at == local(2026, 12, 3, 10, 30)


def test_stopping_the_series_cancels_the_following_and_makes_no_more(world):
    from events.services.series import stop_following

    series = weekly(world, weekdays=(3,))  # until March: the 8 weeks of the horizon made
    assert series.occurrences.count() == 8
    notices = [o.notice for o in series.occurrences.select_related("notice").order_by("date")]
    assign_reporter(notices[3], world.reporter, by=world.director)
    cancelled = stop_following(
        series, by=world.agency_user, from_date=date(2026, 12, 10), reason="Dừng giao ban"
    )
    assert len(cancelled) == 6
    statuses = [row[1] for row in rows_of(series)]
    assert statuses == [NoticeStatus.RECEIVED] * 2 + [NoticeStatus.CANCELLED] * 6
    with time_machine.travel(NOW + timedelta(weeks=10), tick=False):
        assert extend_all_series() == 0
    series.refresh_from_db()
    assert "UNTIL=20261209T235959" in series.rule
    assert series.occurrences.count() == 8


def test_stopping_from_the_first_date_ends_the_whole_series(world):
    from events.services.series import stop_following

    series = weekly(world, weekdays=(3,), count=3, until=None)
    stop_following(series, by=world.agency_user, from_date=date(2026, 11, 26), reason="Hủy")
    series.refresh_from_db()
    assert series.ended_at is not None
    assert {row[1] for row in rows_of(series)} == {NoticeStatus.CANCELLED}


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"reason": " "}, "Hãy nêu lý do"),
        ({"from_date": date(2026, 12, 4)}, "lần còn sắp tới"),  # not an occurrence
        ({"weekdays": []}, "ít nhất một ngày"),
        ({"end_time": datetime(2026, 1, 1, 6, 0).time()}, "sau thời gian bắt đầu"),
    ],
)
def test_bad_changes_of_a_series_are_refused_and_nothing_changes(world, kwargs, message):
    from django.utils import translation

    from events.services.series import change_following

    series = weekly(world, weekdays=(3,), count=3, until=None)
    before = (series.rule, rows_of(series))
    arguments = {"from_date": date(2026, 12, 3), "reason": "Đổi", **kwargs}
    with translation.override("vi"), pytest.raises(ValidationError, match=message):
        change_following(series, by=world.agency_user, **arguments)
    series.refresh_from_db()
    assert (series.rule, rows_of(series)) == before


def test_a_monthly_series_changes_its_time_but_not_to_weekdays(world):
    from events.services.series import change_following

    series = create_series(
        agency=world.agency,
        by=world.agency_user,
        data=data(world, local(2026, 12, 7, 14, 0), title="Họp thường kỳ"),
        rule=build_rule(frequency="monthly", nth=1, nth_weekday=0, until=date(2027, 6, 30)),
    )
    with pytest.raises(ValidationError):
        change_following(
            series, by=world.agency_user, from_date=date(2026, 12, 7), weekdays=[1], reason="x"
        )
    change_following(
        series,
        by=world.agency_user,
        from_date=date(2027, 1, 4),
        start_time=datetime(2026, 1, 1, 8, 0).time(),
        reason="Đổi giờ họp",
    )
    assert starts_of(series) == ["Mon 07/12 14:00", "Mon 04/01 08:00"]
    with time_machine.travel(NOW + timedelta(weeks=6), tick=False):
        extend_all_series()
    assert starts_of(series)[2:] == ["Mon 01/02 08:00", "Mon 01/03 08:00"]  # the new time
