"""The director's week shows the cars and cameras booked on their own or under maintenance
in a lane of their own on a laptop, and in each day's card on a phone, without making
either page scroll sideways."""

import os
from datetime import timedelta
from pathlib import Path

from django.utils import timezone

from newsroom.enums import ResourceKind
from newsroom.services.assignments import assign_reporter
from newsroom.services.resources import add_resource, book_alone, book_for_assignment
from tests.factories import NoticeFactory
from tests.world import build_world


def _shot(page, tmp_path, name):
    """Screenshots for a person to look at (WEEK_SHOTS=dir keeps them; never committed)."""
    folder = Path(os.environ.get("WEEK_SHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / name), full_page=True)


def _week_with_resources():
    world = build_world()
    today = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    notice = NoticeFactory(
        title="Hội nghị tổng kết công tác văn hóa",
        agency=world.agency,
        locality=world.locality,
        created_by=world.agency_user,
        starts_at=today + timedelta(hours=8),
        ends_at=today + timedelta(hours=10),
    )
    job = assign_reporter(notice, world.reporter, by=world.director)
    car = add_resource(world.centre, kind=ResourceKind.CAR, name="Xe 82A-001")
    flycam = add_resource(world.centre, kind=ResourceKind.FLYCAM, name="Flycam DJI Mavic 3")
    book_for_assignment(car, job, by=world.director)
    book_alone(
        car,
        by=world.director,
        starts_at=today + timedelta(hours=13),
        ends_at=today + timedelta(hours=17),
        purpose="Đưa đoàn kiểm tra của tỉnh đi khảo sát các xã vùng sâu",
    )
    book_alone(
        flycam,
        by=world.director,
        starts_at=today + timedelta(hours=18),
        ends_at=today + timedelta(hours=23),
        purpose="Thay cánh quạt và cập nhật phần mềm",
        blocked=True,
    )
    return world


def test_the_resources_lane_on_a_laptop(browser, live_server, login, tmp_path):
    _week_with_resources()
    context = browser.new_context(
        viewport={"width": 1366, "height": 768}, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh"
    )
    page = context.new_page()
    try:
        login(page, live_server, "director")
        page.goto(f"{live_server.url}/newsroom/week/")
        lane = page.locator("[data-testid=week-grid] [data-testid=week-resources-lane]")
        assert lane.is_visible()
        text = lane.inner_text()
        assert "Xe 82A-001" in text and "Đưa đoàn kiểm tra" in text
        assert "Flycam DJI Mavic 3" in text and "Bảo dưỡng" in text
        blocked = lane.locator("[data-testid=week-booking][data-kind=blocked]")
        assert blocked.count() == 1
        assert page.evaluate("document.documentElement.scrollWidth") <= 1366
        _shot(page, tmp_path, "week-1366.png")
    finally:
        context.close()


def test_the_resources_on_a_phone(phone_page, live_server, login, tmp_path):
    _week_with_resources()
    login(phone_page, live_server, "director")
    phone_page.goto(f"{live_server.url}/newsroom/week/")
    today = phone_page.locator("[data-testid=week-days] section").filter(has_text="Xe 82A-001")
    assert today.count() == 1
    cards = today.locator("[data-testid=week-booking]")
    assert cards.count() == 2 and cards.first.is_visible()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    today.scroll_into_view_if_needed()
    _shot(phone_page, tmp_path, "week-390.png")
