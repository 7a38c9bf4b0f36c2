"""The director opens the centre's week, sees a notice nobody covers yet, assigns it from
its triage page and finds it in the reporter's lane; on a phone the week is a list by day."""

from datetime import timedelta

from django.utils import timezone

from events.enums import NoticeStatus
from tests.factories import NoticeFactory
from tests.world import build_world


def test_director_assigns_an_unassigned_notice_from_the_week(page, live_server, login):
    world = build_world()
    world.reporter.full_name = "Lê Minh Tuấn"
    world.reporter.save()
    start = (timezone.localtime() + timedelta(days=2)).replace(
        hour=8, minute=0, second=0, microsecond=0
    )
    same_week = start.isocalendar()[:2] == timezone.localtime().isocalendar()[:2]
    notice = NoticeFactory(
        title="Hội nghị tổng kết văn hóa",
        agency=world.agency,
        locality=world.locality,
        created_by=world.agency_user,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
    )

    login(page, live_server, "director")
    page.goto(f"{live_server.url}/")
    page.get_by_role("button", name="Tòa soạn").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Lịch tuần").click()
    if not same_week:  # late in the week: the notice is in the next one
        with page.expect_navigation():
            page.get_by_test_id("week-next").click()
    week_url = page.url
    top = page.locator("[data-testid=week-grid] [data-testid=week-unassigned-lane]")
    assert notice.title in top.inner_text()
    with page.expect_navigation():
        top.get_by_role("link", name=notice.title).click()
    assert page.url.endswith(f"/newsroom/notices/{notice.pk}/")

    page.select_option("#id_reporter", str(world.reporter.pk))
    with page.expect_navigation():
        page.click("#assign-form button")
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.ASSIGNED

    page.goto(week_url)
    lane = page.locator(f"[data-testid=week-lane][data-reporter='{world.reporter.pk}']")
    assert "Lê Minh Tuấn" in lane.inner_text()
    assert notice.title in lane.inner_text()
    assert notice.title not in top.inner_text()


def test_on_a_phone_the_week_is_a_list_by_day(phone_page, live_server, login):
    world = build_world()
    start = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
    NoticeFactory(
        title="Lễ phát động phong trào",
        agency=world.agency,
        locality=world.locality,
        created_by=world.agency_user,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
    )
    login(phone_page, live_server, "director")
    phone_page.goto(f"{live_server.url}/newsroom/week/")
    assert not phone_page.locator("[data-testid=week-grid]").is_visible()
    days = phone_page.locator("[data-testid=week-days] section")
    assert days.count() == 7
    today = days.filter(has_text="Lễ phát động phong trào")
    assert today.count() == 1 and today.is_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
