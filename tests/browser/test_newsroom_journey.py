"""The director accepts a notice and assigns a reporter, warned off a busy one; on a phone
the reporter sees the assignment, confirms it and marks it covered."""

from datetime import timedelta

from django.utils import timezone

from events.enums import NoticeStatus
from newsroom.enums import AssignmentStatus
from newsroom.models import Assignment
from newsroom.services.assignments import assign_reporter
from tests.factories import NoticeFactory, ReporterFactory
from tests.world import build_world


def test_director_assigns_and_reporter_confirms_and_covers_on_a_phone(
    page, phone_page, live_server, login
):
    world = build_world()
    busy = ReporterFactory(
        username="reporter2", full_name="Phạm Thu Trang", organisation=world.centre
    )
    world.reporter.full_name = "Lê Minh Tuấn"
    world.reporter.save()
    start = (timezone.localtime() + timedelta(days=2)).replace(
        hour=8, minute=0, second=0, microsecond=0
    )
    common = {
        "agency": world.agency,
        "locality": world.locality,
        "created_by": world.agency_user,
        "ends_at": start + timedelta(hours=2),
    }
    other = NoticeFactory(title="Lễ ra quân nông thôn mới", starts_at=start, **common)
    assign_reporter(other, busy, by=world.director)
    notice = NoticeFactory(title="Hội nghị tổng kết văn hóa", starts_at=start, **common)

    login(page, live_server, "director")
    page.goto(f"{live_server.url}/newsroom/")
    page.click(f"text={notice.title}")
    conflict = page.locator("[data-testid=reporter-choices] tr", has_text="Phạm Thu Trang")
    assert "Lễ ra quân nông thôn mới" in conflict.inner_text()

    # Trying the busy reporter is refused with the clash named, nothing stored.
    page.select_option("#id_reporter", str(busy.pk))
    with page.expect_navigation():
        page.click("#assign-form button")
    assert "Lễ ra quân nông thôn mới" in page.locator("[data-testid=assign-error]").inner_text()
    assert Assignment.objects.filter(notice=notice).count() == 0

    page.select_option("#id_reporter", str(world.reporter.pk))
    page.fill("#id_note", "Mang theo máy ảnh")
    with page.expect_navigation():
        page.click("#assign-form button")
    assert "Lê Minh Tuấn" in page.locator("[data-testid=assignments]").inner_text()
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.ASSIGNED

    login(phone_page, live_server, "reporter")
    phone_page.goto(f"{live_server.url}/newsroom/assignments/")
    card = phone_page.locator("[data-testid=assignment]", has_text=notice.title)
    assert card.locator("a[href='tel:0912000000']").is_visible()
    assert "Mang theo máy ảnh" in card.inner_text()
    with phone_page.expect_navigation():
        card.get_by_role("button", name="Xác nhận").click()
    card = phone_page.locator("[data-testid=assignment]", has_text=notice.title)
    assert card.locator("[data-testid=assignment-status]").inner_text() == "Đã xác nhận"
    card.locator("summary", has_text="Báo đã đưa tin").click()
    card.locator("textarea[name=note]").fill("Đã gửi tin và 12 ảnh")
    with phone_page.expect_navigation():
        card.get_by_role("button", name="Đã đưa tin").click()
    card = phone_page.locator("[data-testid=assignment]", has_text=notice.title)
    assert card.locator("[data-testid=assignment-status]").inner_text() == "Đã đưa tin"
    assignment = Assignment.objects.get(notice=notice)
    notice.refresh_from_db()
    assert (assignment.status, assignment.reporter_note, notice.status) == (
        AssignmentStatus.COVERED,
        "Đã gửi tin và 12 ảnh",
        NoticeStatus.COVERED,
    )
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # no sideways scrolling on the phone
