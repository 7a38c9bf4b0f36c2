"""Reporters' absences: recorded, approved, and kept apart from assignments (SQLite leg of
the guarantee; the PostgreSQL constraint is in test_availability_postgres.py)."""

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from events.services.notices import update_notice
from newsroom.enums import AbsenceKind, AbsenceStatus, OverrideKind
from newsroom.models import Absence, Assignment, BusyPeriod
from newsroom.selectors.assignments import reporter_choices
from newsroom.selectors.week import week_grid_for
from newsroom.services.assignments import assign_reporter
from newsroom.services.availability import (
    approve_absence,
    cancel_absence,
    record_absence,
    reject_absence,
)
from portal.models import Notification
from tests.factories import ReporterFactory
from tests.forms import with_token
from tests.newsroom.helpers import NOW, at, notice_at

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def leave(world):
    """The reporter is on leave on 25/11, 00:00–24:00 (recorded by the director)."""
    return record_absence(
        world.reporter,
        by=world.director,
        kind=AbsenceKind.LEAVE,
        starts_at=at(25, 0),
        ends_at=at(26, 0),
        note="Việc gia đình",
    )


def test_an_editor_records_an_absence_approved_at_once(world, leave):
    assert (leave.status, leave.decided_by, leave.centre) == (
        AbsenceStatus.APPROVED,
        world.director,
        world.centre,
    )
    assert BusyPeriod.objects.get(absence=leave).blocking is True


def test_assigning_a_reporter_on_leave_is_refused_and_says_why(world, leave):
    notice = notice_at(world, at(25, 8), at(25, 10), title="Hội nghị")
    with pytest.raises(ValidationError) as refused:
        assign_reporter(notice, world.reporter, by=world.director)
    message = refused.value.messages[0]
    assert world.reporter.display_name in message
    assert "25/11/2026 00:00" in message
    assert Assignment.objects.count() == 0


def test_the_travel_buffer_counts_against_an_absence(world, leave):
    # 26/11 00:30 start: the 60-minute buffer reaches back into the leave.
    notice = notice_at(world, at(26, 0, 30), at(26, 2))
    with pytest.raises(ValidationError):
        assign_reporter(notice, world.reporter, by=world.director)


def test_the_director_overrides_an_absence_with_a_reason(world, leave):
    notice = notice_at(world, at(25, 8), at(25, 10))
    assignment = assign_reporter(
        notice, world.reporter, by=world.director, override_reason="Chỉ phóng viên này biết việc"
    )
    assert (assignment.override_kind, assignment.override_by) == (
        OverrideKind.DIRECTOR,
        world.director,
    )
    assert BusyPeriod.objects.get(assignment=assignment).blocking is False


def test_an_absence_over_an_assignment_is_refused_naming_it(world):
    notice = notice_at(world, at(25, 8), at(25, 10), title="Lễ khánh thành")
    assign_reporter(notice, world.reporter, by=world.director)
    with pytest.raises(ValidationError) as refused:
        record_absence(
            world.reporter,
            by=world.reporter,
            kind=AbsenceKind.SICK,
            starts_at=at(25, 6),
            ends_at=at(25, 12),
        )
    assert "Lễ khánh thành" in refused.value.messages[0]
    assert Absence.objects.count() == 0


def test_a_reporters_own_absence_waits_for_the_director_and_blocks_meanwhile(world):
    absence = record_absence(
        world.reporter,
        by=world.reporter,
        kind=AbsenceKind.TRAINING,
        starts_at=at(25, 7),
        ends_at=at(25, 17),
    )
    assert absence.status == AbsenceStatus.PENDING
    assert list(Notification.objects.values_list("recipient", "kind")) == [
        (world.director.pk, "absence_requested")
    ]
    notice = notice_at(world, at(25, 8), at(25, 10))
    with pytest.raises(ValidationError):
        assign_reporter(notice, world.reporter, by=world.director)
    reject_absence(absence, by=world.director, reason="Đợt tập huấn đã dời")
    absence.refresh_from_db()
    assert (absence.status, absence.decision_note) == (
        AbsenceStatus.REJECTED,
        "Đợt tập huấn đã dời",
    )
    assert (
        Notification.objects.filter(recipient=world.reporter, kind="absence_decided").count() == 1
    )
    assert assign_reporter(notice, world.reporter, by=world.director).status == "active"


def test_without_approval_setting_a_reporters_absence_is_approved(world, settings):
    settings.ABSENCE_NEEDS_APPROVAL = False
    absence = record_absence(
        world.reporter,
        by=world.reporter,
        kind=AbsenceKind.SHIFT,
        starts_at=at(25, 17),
        ends_at=at(25, 23),
    )
    assert absence.status == AbsenceStatus.APPROVED


def test_decisions_are_idempotent_and_cancelling_frees_the_time(world, leave):
    assert approve_absence(leave, by=world.director).status == AbsenceStatus.APPROVED
    cancel_absence(leave, by=world.reporter)
    assert cancel_absence(leave, by=world.reporter).status == AbsenceStatus.CANCELLED
    assert BusyPeriod.objects.get(absence=leave).blocking is False
    notice = notice_at(world, at(25, 8), at(25, 10))
    assert assign_reporter(notice, world.reporter, by=world.director).status == "active"
    with pytest.raises(ValidationError):
        reject_absence(leave, by=world.director, reason="")


def test_an_absence_ending_before_it_starts_is_refused(world):
    with pytest.raises(ValidationError):
        record_absence(
            world.reporter,
            by=world.reporter,
            kind=AbsenceKind.LEAVE,
            starts_at=at(25, 10),
            ends_at=at(25, 9),
        )


def test_nobody_records_an_absence_for_a_reporter_of_another_centre(world):
    with pytest.raises(ValidationError):
        record_absence(
            world.reporter,
            by=world.director2,
            kind=AbsenceKind.LEAVE,
            starts_at=at(25, 8),
            ends_at=at(25, 9),
        )


def test_an_agency_moving_the_event_onto_an_absence_flags_it_and_tells_the_director(world):
    notice = notice_at(world, at(25, 8), at(25, 10), title="Hội nghị")
    assignment = assign_reporter(notice, world.reporter, by=world.director)
    record_absence(
        world.reporter,
        by=world.director,
        kind=AbsenceKind.BUSINESS_TRIP,
        starts_at=at(26, 0),
        ends_at=at(27, 0),
    )
    Notification.objects.all().delete()
    update_notice(
        notice,
        by=world.agency_user,
        data={"starts_at": at(26, 9), "ends_at": at(26, 10)},
        reason="Đổi ngày",
    )
    assignment.refresh_from_db()
    assert assignment.override_kind == OverrideKind.MOVED_BY_AGENCY
    assert assignment.needs_resolution
    assert (
        Notification.objects.filter(recipient=world.director, kind="assignment_clash").count() == 1
    )


def test_free_reporters_come_before_those_away(world, leave):
    free = ReporterFactory(organisation=world.centre, full_name="Zô Văn Rảnh")
    notice = notice_at(world, at(25, 8), at(25, 10))
    rows = reporter_choices(notice)
    assert [(row["reporter"], len(row["away"])) for row in rows] == [
        (free, 0),
        (world.reporter, 1),
    ]


def test_the_week_shows_absences_to_the_centre_not_to_agencies(world, leave):
    monday = at(23, 0).date()
    lane = next(
        lane
        for lane in week_grid_for(world.director, monday).lanes
        if lane.reporter == world.reporter
    )
    assert [len(away) for _, away in lane.cells] == [0, 0, 1, 0, 0, 0, 0]
    own = week_grid_for(world.reporter, monday).lanes[0]
    assert [len(away) for _, away in own.cells] == [0, 0, 1, 0, 0, 0, 0]
    assign_reporter(notice_at(world, at(24, 8), at(24, 9)), world.reporter, by=world.director)
    agency_lanes = week_grid_for(world.agency_user, monday).lanes
    assert [sum(len(away) for _, away in lane.cells) for lane in agency_lanes] == [0]


# --- Pages ---------------------------------------------------------------------------------


def absence_data(**extra):
    return with_token(
        {
            "kind": "leave",
            "starts_at": "2026-11-25T08:00",
            "ends_at": "2026-11-25T17:00",
            "note": "Nghỉ phép",
        },
        **extra,
    )


def test_a_reporter_records_an_absence_on_the_page(world, client_for):
    client = client_for(world.reporter)
    response = client.post(reverse("newsroom:availability"), absence_data())
    assert response.status_code == 302
    absence = Absence.objects.get()
    assert (absence.reporter, absence.status, absence.starts_at) == (
        world.reporter,
        AbsenceStatus.PENDING,
        at(25, 8),
    )


def test_leave_ending_before_it_starts_is_refused_on_the_page(world, client_for):
    client = client_for(world.reporter)
    response = client.post(
        reverse("newsroom:availability"), absence_data(ends_at="2026-11-25T07:00")
    )
    assert response.status_code == 400
    assert "Thời gian vắng mặt phải kết thúc sau khi bắt đầu." in response.content.decode()
    assert Absence.objects.count() == 0


def test_an_editor_records_for_a_reporter_of_the_centre_only(world, client_for):
    other_centre = ReporterFactory(organisation=world.centre2)
    client = client_for(world.director)
    refused = client.post(reverse("newsroom:availability"), absence_data(reporter=other_centre.pk))
    assert refused.status_code == 400
    client.post(reverse("newsroom:availability"), absence_data(reporter=world.reporter.pk))
    assert list(Absence.objects.values_list("reporter", "status")) == [
        (world.reporter.pk, AbsenceStatus.APPROVED)
    ]


def pending(world):
    return record_absence(
        world.reporter,
        by=world.reporter,
        kind=AbsenceKind.LEAVE,
        starts_at=at(25, 8),
        ends_at=at(25, 17),
    )


def test_approving_owner_colleague_outsider(world, client_for):
    absence = pending(world)
    url = reverse("newsroom:absence_approve", args=[absence.pk])
    assert client_for(world.director2).post(url).status_code == 404  # outsider
    assert client_for(ReporterFactory(organisation=world.centre)).post(url).status_code == 404
    assert client_for(world.reporter).post(url).status_code == 403  # own, may not approve
    assert client_for(world.director).post(url).status_code == 302
    absence.refresh_from_db()
    assert absence.status == AbsenceStatus.APPROVED


def test_rejecting_needs_a_reason_and_outsiders_get_404(world, client_for):
    absence = pending(world)
    url = reverse("newsroom:absence_reject", args=[absence.pk])
    assert client_for(world.director2).post(url, {"reason": "Không"}).status_code == 404
    client = client_for(world.director)
    client.post(url, {"reason": ""})
    absence.refresh_from_db()
    assert absence.status == AbsenceStatus.PENDING
    client.post(url, {"reason": "Thiếu người"})
    absence.refresh_from_db()
    assert (absence.status, absence.decision_note) == (AbsenceStatus.REJECTED, "Thiếu người")


def test_cancelling_own_absence_colleague_and_outsider_get_404(world, client_for):
    absence = pending(world)
    url = reverse("newsroom:absence_cancel", args=[absence.pk])
    assert client_for(world.director2).post(url).status_code == 404
    assert client_for(ReporterFactory(organisation=world.centre)).post(url).status_code == 404
    assert client_for(world.agency_user).post(url).status_code == 404
    assert client_for(world.reporter).post(url).status_code == 302
    absence.refresh_from_db()
    assert absence.status == AbsenceStatus.CANCELLED


def test_the_page_is_for_centre_staff_only(world, client_for):
    assert client_for(world.agency_user).get(reverse("newsroom:availability")).status_code == 403


def test_the_page_lists_only_the_centres_absences(world, client_for, leave):
    other = ReporterFactory(organisation=world.centre2)
    record_absence(
        other, by=world.director2, kind=AbsenceKind.SICK, starts_at=at(25, 8), ends_at=at(25, 9)
    )
    page = client_for(world.director).get(reverse("newsroom:availability")).content.decode()
    assert page.count('data-testid="absence"') == 1
    assert other.display_name not in page


@pytest.mark.parametrize("rows", [1, 10])
def test_availability_page_queries_do_not_grow(world, client_for, rows, django_assert_num_queries):
    for i in range(rows):
        reporter = ReporterFactory(organisation=world.centre)
        record_absence(
            reporter,
            by=world.director,
            kind=AbsenceKind.LEAVE,
            starts_at=at(25, 8),
            ends_at=at(25, 9 + i % 5),
        )
    client = client_for(world.director)
    with django_assert_num_queries(8):
        response = client.get(reverse("newsroom:availability"))
    assert response.content.decode().count('data-testid="absence"') == rows
