"""An agency officer notifies the centre of an event 5 hours ahead: the server's warning
(htmx, events.leadtime) follows what she types and picks, asks her to confirm next to the
warning, and the notice page shows the 'late' badge. On a phone an early notice is on time.

Nothing here depends on how fast the machine is: the stored lateness is checked against
the stored start and receipt time, not against a range of minutes."""

import math
from datetime import timedelta

from django.utils import timezone

from events.models import Notice
from tests.world import build_world

MINUTE = timedelta(minutes=1)


def test_agency_sends_a_late_planned_notice_after_the_live_warning(page, live_server, login):
    world = build_world()
    login(page, live_server, "agency")
    page.goto(f"{live_server.url}/events/new/")

    opened_at = timezone.now()
    starts_at = timezone.localtime() + timedelta(hours=5)
    page.fill("[name=title]", "Khai mạc Ngày hội văn hóa các dân tộc")
    page.select_option("[name=kind]", "planned")
    page.fill("[name=starts_at]", starts_at.strftime("%Y-%m-%dT%H:%M"))
    page.fill("[name=ends_at]", (starts_at + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"))
    warning = page.locator("#lead-warning[data-verdict=late]")
    warning.wait_for(state="visible")
    assert "alert-warning" in warning.get_attribute("class")
    assert warning.inner_text().startswith("Trễ 19 giờ")  # "… 1 phút" once a minute turns
    assert page.locator("#lead-time #confirm-late-wrapper [name=confirm_late]").is_visible()

    # An emergency is exempt: the box goes; back to planned, it is late again.
    page.select_option("[name=kind]", "emergency")
    page.locator("#lead-warning[data-verdict=exempt]").wait_for(state="visible")
    assert page.locator("[name=confirm_late]").count() == 0
    page.select_option("[name=kind]", "planned")
    page.locator("#lead-warning[data-verdict=late]").wait_for(state="visible")

    page.select_option("[name=locality]", str(world.locality.pk))
    page.fill("[name=address]", "Sân vận động xã Đăk Ruồng")
    page.fill("[name=contact_name]", "Nguyễn Thị Hoa")
    page.fill("[name=contact_phone]", "0912 345 678")
    page.check("[name=confirm_late]")
    with page.expect_navigation():
        page.click("#notice-form button[type=submit]")
    sent_at = timezone.now()

    notice = Notice.objects.get()
    assert page.url == f"{live_server.url}/events/{notice.pk}/"
    badge = page.locator("[data-testid=verdict-badge]")
    assert "badge-verdict-late" in badge.get_attribute("class")
    assert notice.verdict == "late"
    assert notice.late_confirmed is True
    assert timezone.localtime(notice.starts_at) == starts_at.replace(second=0, microsecond=0)
    assert opened_at <= notice.received_at == notice.judged_at <= sent_at
    # Late by what the rule asks (1 day) minus the real lead, rounded up to a minute.
    lead = notice.starts_at - notice.received_at
    assert notice.late_by_minutes == math.ceil((timedelta(days=1) - lead) / MINUTE)


def test_the_warning_is_on_time_for_an_early_notice_on_a_phone(phone_page, live_server, login):
    build_world()
    login(phone_page, live_server, "agency")
    phone_page.goto(f"{live_server.url}/events/new/")
    assert phone_page.locator("#lead-warning").count() == 0  # nothing typed, nothing judged
    starts_at = timezone.localtime() + timedelta(days=3)
    phone_page.fill("[name=starts_at]", starts_at.strftime("%Y-%m-%dT%H:%M"))
    warning = phone_page.locator("#lead-warning[data-verdict=on_time]")
    warning.wait_for(state="visible")
    assert "alert-success" in warning.get_attribute("class")
    assert warning.inner_text().startswith("Đúng hạn: còn 2 ngày 23 giờ")
    assert phone_page.locator("[name=confirm_late]").count() == 0
