"""`seed_demo` gives `make run` a calendar-issuing office and this week's calendar."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse

from events.enums import CalendarVersionState, ReceivedVia
from events.models import CalendarItem, CalendarVersion, Notice
from portal.models import User

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 12, 7, 6, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))  # Monday, early


def test_seed_demo_imports_this_weeks_leaders_calendar_once(settings, client_for):
    settings.DEBUG = True
    with time_machine.travel(NOW, tick=False):
        call_command("seed_demo", verbosity=0)
        call_command("seed_demo", verbosity=0)
        [version] = CalendarVersion.objects.all()
        assert (version.state, str(version.week_start)) == (
            CalendarVersionState.APPLIED,
            "2026-12-07",
        )
        assert version.issuer.issues_leaders_calendar
        items = CalendarItem.objects.filter(version=version).order_by("starts_at")
        assert items.count() == 7  # one cell of Tuesday holds two items
        first = items.first()
        assert (first.content, first.starts_at.astimezone(NOW.tzinfo).strftime("%d/%m %H:%M")) == (
            "Họp giao ban Thường trực HĐND – UBND xã",
            "07/12 07:30",
        )
        covered = Notice.objects.get(received_via=ReceivedVia.LEADERS_CALENDAR)
        assert covered.title == first.content

        clerk = User.objects.get(username="vanphong")
        page = client_for(clerk).get(reverse("events:leaders_list")).content.decode()
        assert 'data-testid="nav-leaders-calendar"' in page
        week = client_for(User.objects.get(username="director")).get(reverse("newsroom:week"))
        titles = [i.title for day in week.context["grid"].items_by_day for i in day]
        assert "Hội nghị trực tuyến về chuyển đổi số" in titles
