"""On a phone (390×844) no key page scrolls sideways: the document is no wider than the
screen, for every role's lists (as cards), forms and detail pages."""

import pytest

from newsroom.services.assignments import assign_reporter
from tests.contacts.factories import PressAgencyFactory, PressContactFactory
from tests.factories import NoticeFactory, StoryFactory
from tests.world import build_world

WIDTH = 390


def _data(world):
    long_title = "Hội nghị tổng kết công tác văn hóa, thể thao và du lịch năm 2026 của xã"
    notice = NoticeFactory(
        title=long_title,
        agency=world.agency,
        locality=world.locality,
        created_by=world.agency_user,
    )
    assign_reporter(notice, world.reporter, by=world.director)
    NoticeFactory(agency=world.agency2, locality=world.locality, created_by=world.agency2_user)
    story = StoryFactory(agency=world.agency, created_by=world.agency_user)
    PressContactFactory(
        press_agency=PressAgencyFactory(name="Báo và Phát thanh, Truyền hình Quảng Ngãi"),
        full_name="Đinh Công Ưng",
        office_address="Số 5, đường Trần Hưng Đạo, phường Kon Tum",
    )
    return notice, story


def pages_for(role, notice, story):
    common = ["/", "/accounts/profile/", "/notifications/"]
    return {
        "agency": [
            *common,
            "/events/",
            "/events/new/",
            f"/events/{notice.pk}/",
            "/stories/",
            "/stories/new/",
            f"/stories/{story.pk}/",
            "/contacts/directory/",
        ],
        "reporter": [
            *common,
            "/newsroom/assignments/",
            "/events/",
            f"/events/{notice.pk}/",
            "/contacts/directory/",
        ],
        "director": [
            *common,
            "/newsroom/",
            f"/newsroom/notices/{notice.pk}/",
            "/events/",
            "/stories/",
            f"/stories/{story.pk}/",
            "/newsroom/publications/",
            "/newsroom/compliance/",
            "/newsroom/week/",
            "/newsroom/monitoring/",
            "/newsroom/channels/",
            "/contacts/directory/",
        ],
        "reviewer": [*common, "/newsroom/compliance/", "/contacts/review/", "/contacts/"],
    }[role]


@pytest.mark.parametrize("role", ["agency", "reporter", "director", "reviewer"])
def test_no_key_page_scrolls_sideways_on_a_phone(phone_page, live_server, login, role):
    world = build_world()
    notice, story = _data(world)
    login(phone_page, live_server, role)
    too_wide = {}
    for path in pages_for(role, notice, story):
        response = phone_page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            too_wide[path] = width
    assert too_wide == {}


def test_triage_on_a_phone_shows_cards_with_assign_first(phone_page, live_server, login):
    world = build_world()
    notice, _story = _data(world)
    login(phone_page, live_server, "director")
    phone_page.goto(f"{live_server.url}/newsroom/")
    row = phone_page.locator("table.table-cards tbody tr", has_text=notice.title)
    assert phone_page.locator("table.table-cards thead").is_hidden()
    status = row.locator("td[data-label]").last
    assert status.is_visible()
    box = status.bounding_box()
    assert box["x"] + box["width"] <= WIDTH  # the status is on screen, not off to the right
    phone_page.goto(f"{live_server.url}/newsroom/notices/{notice.pk}/")
    assign = phone_page.locator("[data-testid=assign-column]").bounding_box()
    facts = phone_page.locator("dl").first.bounding_box()
    assert assign["y"] < facts["y"]
    assert phone_page.locator("[data-testid=decline] form").is_hidden()


@pytest.mark.parametrize("role", ["director", "reviewer"])
def test_the_many_menus_of_a_director_or_reviewer_fit_a_laptop_screen(
    browser, live_server, login, role
):
    """At 1366×768 the navbar of the roles with the most menus wraps instead of making
    the page scroll sideways (it did once campaigns and personal data joined it)."""
    build_world()
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
    page = context.new_page()
    try:
        login(page, live_server, role)
        page.goto(f"{live_server.url}/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    finally:
        context.close()
