"""An agency officer notifies the centre of an event 5 hours ahead: the form warns while
she types, asks her to confirm, and the notice page shows the 'late' badge."""

from datetime import timedelta

from django.utils import timezone

from events.models import Notice
from tests.world import build_world


def test_agency_sends_a_late_planned_notice_after_the_live_warning(page, live_server, login):
    world = build_world()
    login(page, live_server, "agency")
    page.goto(f"{live_server.url}/events/new/")

    starts_at = timezone.localtime() + timedelta(hours=5)
    page.fill("[name=title]", "Khai mạc Ngày hội văn hóa các dân tộc")
    page.select_option("[name=kind]", "planned")
    page.fill("[name=starts_at]", starts_at.strftime("%Y-%m-%dT%H:%M"))
    page.fill("[name=ends_at]", (starts_at + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"))
    warning = page.locator("#lead-warning")
    warning.wait_for(state="visible")
    assert "alert-warning" in warning.get_attribute("class")
    assert page.locator("#confirm-late-wrapper").is_visible()

    page.select_option("[name=locality]", str(world.locality.pk))
    page.fill("[name=address]", "Sân vận động xã Đăk Ruồng")
    page.fill("[name=contact_name]", "Nguyễn Thị Hoa")
    page.fill("[name=contact_phone]", "0912 345 678")
    page.check("[name=confirm_late]")
    with page.expect_navigation():
        page.click("#notice-form button[type=submit]")

    notice = Notice.objects.get()
    assert page.url == f"{live_server.url}/events/{notice.pk}/"
    badge = page.locator("[data-testid=verdict-badge]")
    assert "badge-verdict-late" in badge.get_attribute("class")
    assert notice.verdict == "late"
    assert notice.late_by_minutes in (19 * 60, 19 * 60 + 1)  # the minute may turn while typing


def test_the_warning_clears_when_the_notice_is_early_enough(page, live_server, login):
    build_world()
    login(page, live_server, "agency")
    page.goto(f"{live_server.url}/events/new/")
    starts_at = timezone.localtime() + timedelta(days=3)
    page.fill("[name=starts_at]", starts_at.strftime("%Y-%m-%dT%H:%M"))
    warning = page.locator("#lead-warning")
    warning.wait_for(state="visible")
    assert "alert-success" in warning.get_attribute("class")
    assert not page.locator("#confirm-late-wrapper").is_visible()
