"""The notices panel of the home page: this year's figures, counted as the compliance page
counts them (from its monthly rollup), for exactly what the user may see."""

from datetime import datetime

import pytest
import time_machine
from django.urls import reverse

from events.enums import NoticeStatus, Verdict
from tests.factories import AgencyFactory, CentreFactory, NoticeFactory, ProvinceFactory
from tests.newsroom.helpers import HCM, NOW

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def notice(world, agency, month, verdict=Verdict.ON_TIME, status=NoticeStatus.ASSIGNED, year=2026):
    start = datetime(year, month, 10, 8, tzinfo=HCM)
    made = NoticeFactory(
        agency=agency,
        locality=world.locality,
        created_by=world.agency_user,
        starts_at=start,
        ends_at=start.replace(hour=10),
        received_at=datetime(year, month, 1, 8, tzinfo=HCM),
        status=status,
    )
    made.verdict = verdict
    made.save()
    return made


def figures(client):
    page = client.get(reverse("home"))
    panel = next(ctx for tpl, ctx in page.context["panels"] if tpl == "events/_home_panel.html")
    return panel["totals"]


@pytest.fixture
def year(world):
    notice(world, world.agency, 3)
    notice(world, world.agency, 12, status=NoticeStatus.RECEIVED)  # ahead, not triaged yet
    notice(world, world.agency, 4, Verdict.LATE)
    notice(world, world.agency2, 5, Verdict.AFTER_THE_FACT)
    notice(world, world.agency2, 6, status=NoticeStatus.CANCELLED)  # not counted
    notice(world, world.agency, 6, year=2025)  # last year
    notice(world, world.agency_other, 7)
    elsewhere = CentreFactory(parent=ProvinceFactory(name="Tỉnh Gia Lai"))
    notice(world, AgencyFactory(centre=elsewhere), 8)  # another province


def test_a_director_sees_the_centres_year_without_cancelled_or_last_years_notices(
    client_for, world, year
):
    assert figures(client_for(world.director)) == {
        "total": 4,
        "on_time": 2,
        "late": 2,  # late and after the fact
        "waiting": 1,
    }


def test_agency_staff_see_their_agencys_year_only(client_for, world, year):
    assert figures(client_for(world.agency_user)) == {
        "total": 3,
        "on_time": 2,
        "late": 1,
        "waiting": 1,
    }
    assert figures(client_for(world.agency2_user))["total"] == 1


def test_the_reviewer_sees_every_centre_of_their_province_and_no_other(client_for, world, year):
    assert figures(client_for(world.reviewer)) == {
        "total": 5,
        "on_time": 3,
        "late": 2,
        "waiting": 1,
    }


def test_an_empty_year_is_zeros_not_blanks(client_for, world):
    assert figures(client_for(world.director)) == {
        "total": 0,
        "on_time": 0,
        "late": 0,
        "waiting": 0,
    }


@pytest.mark.parametrize("notices", [1, 12])
def test_the_reviewers_home_costs_the_same_queries_whatever_the_year_holds(
    client_for, world, django_assert_num_queries, notices
):
    for n in range(notices):
        notice(world, [world.agency, world.agency_other][n % 2], 1 + n % 11)
    client = client_for(world.reviewer)
    client.get(reverse("home"))
    # session, user, device, the reviewer's organisation, unread count; the year's rollup,
    # the waiting count, the upcoming five; the directory's panel (proposals, entries)
    with django_assert_num_queries(10):
        assert figures(client)["total"] == notices
