"""The breach register: the 72-hour clock, its fields, the people affected, reminders at
48 h and 70 h (time frozen), reviewers and administrators only."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from portal.models import Notification
from privacy.models import Breach
from privacy.services.breaches import send_reminders
from tests.contacts.factories import PressContactFactory
from tests.forms import with_token

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
FOUND = datetime(2026, 12, 1, 9, 0, tzinfo=TZ)


def form_data(**extra):
    return {
        "title": "Lộ tệp xuất danh bạ nội bộ",
        "description": "Tệp CSV có số nội bộ bị gửi nhầm ra ngoài.",
        "discovered_at": "2026-12-01T09:00",
        "data_kinds": "Họ tên, số điện thoại nội bộ",
        "affected_count": "2",
        **extra,
    }


def test_recording_a_breach_shows_its_72_hour_clock_and_the_people_affected(
    client_for, world, administrator
):
    contact = PressContactFactory(full_name="Trần Văn Lộ")
    client = client_for(administrator)
    new = reverse("privacy:breach_create")
    with time_machine.travel(FOUND + timedelta(hours=5), tick=False):
        response = client.post(new, with_token(form_data(affected_contacts=[contact.pk])))
        breach = Breach.objects.get()
        assert response.status_code == 302
        assert breach.recorded_by == administrator
        assert breach.deadline == FOUND + timedelta(hours=72)
        page = client.get(reverse("privacy:breach", args=[breach.pk]))
        html = page.content.decode()
        assert "04/12/2026 09:00" in html and "còn 67 giờ" in html
        assert "Trần Văn Lộ" in html.split('data-testid="affected"')[1]


def test_a_breach_recorded_twice_by_a_double_submit_is_one(client_for, administrator, world):
    client = client_for(administrator)
    new = reverse("privacy:breach_create")
    data = with_token(form_data())
    client.post(new, data)
    client.post(new, data)
    assert Breach.objects.count() == 1


def test_a_breach_occurring_after_its_discovery_is_refused(client_for, administrator, world):
    client = client_for(administrator)
    new = reverse("privacy:breach_create")
    response = client.post(new, with_token(form_data(occurred_at="2026-12-02T09:00")))
    assert response.status_code == 200
    assert response.context["form"].errors["occurred_at"] == [
        "Sự cố không thể xảy ra sau khi được phát hiện."
    ]
    assert Breach.objects.count() == 0


def make_breach(user):
    return Breach.objects.create(
        title="Lộ dữ liệu",
        description="…",
        discovered_at=FOUND,
        data_kinds="Họ tên",
        recorded_by=user,
    )


def test_reminders_go_at_48_and_70_hours_once_each(world, administrator):
    make_breach(administrator)
    sent = []
    for hours in (47, 48, 49, 70, 71):
        with time_machine.travel(FOUND + timedelta(hours=hours), tick=False):
            sent.append(send_reminders())
    assert sent == [0, 1, 0, 1, 0]
    reminders = Notification.objects.filter(kind="breach_due").order_by("pk")
    assert sorted(reminders.values_list("recipient__username", flat=True)) == [
        "admin",
        "admin",
        "reviewer",
        "reviewer",
    ]
    assert "48 giờ" in reminders.first().body


def test_no_reminder_once_the_authority_was_told(world, administrator):
    breach = make_breach(administrator)
    breach.notified_authority_at = FOUND + timedelta(hours=10)
    breach.save()
    with time_machine.travel(FOUND + timedelta(hours=71), tick=False):
        assert send_reminders() == 0


def test_a_sweep_late_past_both_marks_sends_only_the_70_hour_one(world, administrator):
    make_breach(administrator)
    with time_machine.travel(FOUND + timedelta(hours=71), tick=False):
        assert send_reminders() == 1
        assert send_reminders() == 0
    assert Notification.objects.filter(kind="breach_due").count() == 2  # admin, reviewer


@pytest.mark.parametrize("who", ["agency_user", "reporter", "director"])
def test_only_reviewers_and_administrators_see_the_register(client_for, world, administrator, who):
    breach = make_breach(administrator)
    client = client_for(getattr(world, who))
    assert client.get(reverse("privacy:breaches")).status_code == 403
    assert client.get(reverse("privacy:breach_create")).status_code == 403
    assert client.get(reverse("privacy:breach", args=[breach.pk])).status_code == 404


def test_a_reviewer_sees_the_register(client_for, world, administrator):
    make_breach(administrator)
    response = client_for(world.reviewer).get(reverse("privacy:breaches"))
    assert [b.title for b in response.context["page"].object_list] == ["Lộ dữ liệu"]


@pytest.mark.parametrize("count", [1, 3])
def test_breach_list_query_count_is_constant(
    client_for, world, administrator, django_assert_num_queries, count
):
    for _ in range(count):
        make_breach(administrator)
    client = client_for(administrator)
    with django_assert_num_queries(6):
        response = client.get(reverse("privacy:breaches"))
    assert len(response.context["page"].object_list) == count
