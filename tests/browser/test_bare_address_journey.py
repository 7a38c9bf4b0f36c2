"""A link typed as people type it ("baochi.vn/abc") is not blocked by the browser: the
reporter's filed-material link on a phone and the director's monitoring item both send,
and the server stores the address with https:// in front."""

from datetime import timedelta

from django.utils import timezone

from newsroom.models import Assignment, MonitoringItem
from newsroom.services.assignments import assign_reporter
from tests.factories import NoticeFactory
from tests.world import build_world


def test_reporter_files_a_bare_link_on_a_phone(phone_page, live_server, login):
    world = build_world()
    start = timezone.localtime() + timedelta(days=1)
    notice = NoticeFactory(
        title="Hội nghị tổng kết văn hóa",
        agency=world.agency,
        locality=world.locality,
        created_by=world.agency_user,
        starts_at=start,
        ends_at=start + timedelta(hours=2),
    )
    assign_reporter(notice, world.reporter, by=world.director)
    login(phone_page, live_server, "reporter")
    phone_page.goto(f"{live_server.url}/newsroom/assignments/")
    card = phone_page.locator("[data-testid=assignment]", has_text=notice.title)
    card.locator("summary", has_text="Báo đã đưa tin").click()
    link = card.locator("input[name=link]")
    assert (link.get_attribute("type"), link.get_attribute("inputmode")) == ("text", "url")
    link.fill("baochi.vn/abc")
    with phone_page.expect_navigation():
        card.get_by_role("button", name="Đã đưa tin").click()
    assert Assignment.objects.get(notice=notice).material_link == "https://baochi.vn/abc"


def test_director_records_a_monitoring_item_with_a_bare_link(page, live_server, login):
    build_world()
    login(page, live_server, "director")
    page.goto(f"{live_server.url}/newsroom/monitoring/new/")
    page.fill("[name=outlet]", "Báo Điện tử")
    page.fill("[name=url]", "baochi.vn/abc")
    page.fill("[name=title]", "Phản ánh về đường giao thông")
    page.fill("[name=published_on]", timezone.localdate().isoformat())
    page.select_option("[name=assessment]", "neutral")
    with page.expect_navigation():
        page.click("main form button.btn-primary")
    assert MonitoringItem.objects.get().url == "https://baochi.vn/abc"
