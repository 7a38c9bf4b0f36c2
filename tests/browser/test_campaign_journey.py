"""The provincial reviewer creates a campaign with a banner and sends it to the centres;
a director acknowledges it and reports a broadcast by linking a publication the centre
already logged; the reviewer sees the centre as reported."""

from datetime import timedelta
from io import BytesIO

from django.utils import timezone
from PIL import Image

from campaigns.enums import RecipientStatus
from campaigns.models import Campaign, Recipient, TaskReport
from newsroom.models import Publication
from tests.factories import NoticeFactory
from tests.world import build_world


def test_reviewer_sends_a_campaign_and_sees_the_director_report_it(
    page, phone_page, live_server, login, tmp_path
):
    world = build_world()
    notice = NoticeFactory(agency=world.agency, title="Phát động Giải Búa liềm vàng")
    fm = world.channels["radio"]
    publication = Publication.objects.create(
        notice=notice,
        channel=fm,
        published_at=timezone.now() - timedelta(hours=1),
        link="https://konray.example.vn/fm-bua-liem-vang",
        recorded_by=world.director,
    )
    banner = tmp_path / "banner.png"
    buffer = BytesIO()
    Image.new("RGB", (60, 20), "red").save(buffer, "PNG")
    banner.write_bytes(buffer.getvalue())
    today = timezone.localdate()

    login(page, live_server, "reviewer")
    page.goto(f"{live_server.url}/campaigns/")
    with page.expect_navigation():
        page.get_by_role("link", name="Chiến dịch mới").click()
    page.fill("#id_title", "Giải báo chí về xây dựng Đảng (Búa liềm vàng)")
    page.fill("#id_starts_on", today.isoformat())
    page.fill("#id_ends_on", (today + timedelta(days=14)).isoformat())
    page.fill("#id_doc-0-number", "130/KH-TU")
    page.fill("#id_doc-0-issued_on", "2024-03-12")
    page.fill("#id_doc-0-issuer", "Ban Thường vụ Tỉnh ủy")
    page.select_option("#id_task-0-audience", "centre")
    page.fill("#id_task-0-description", "Phát trên hệ thống truyền thanh ít nhất 3 lần")
    page.check("#id_to_centres")
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu bản nháp").click()
    campaign = Campaign.objects.get()

    with page.expect_navigation():
        page.get_by_role("link", name="Thêm tài liệu").click()
    page.select_option("#id_kind", "file")
    page.fill("#id_title", "Banner tuyên truyền")
    page.set_input_files("#id_file", str(banner))
    with page.expect_navigation():
        page.get_by_role("button", name="Thêm", exact=True).click()
    assert "Banner tuyên truyền" in page.locator("[data-testid=materials]").inner_text()

    with page.expect_navigation():
        page.get_by_role("link", name="Xem danh sách nơi nhận và gửi").click()
    assert page.locator("[data-testid=recipient-count]").inner_text() == (
        "Sẽ gửi đến 2 cơ quan, đơn vị:"
    )
    page.check("#id_confirm")
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi", exact=True).click()
    assert Recipient.objects.filter(campaign=campaign).count() == 2

    login(phone_page, live_server, "director")
    phone_page.goto(f"{live_server.url}/")
    with phone_page.expect_navigation():
        phone_page.locator("[data-testid=campaigns-panel] a", has_text="Búa liềm vàng").click()
    with phone_page.expect_navigation():
        phone_page.get_by_role("button", name="Xác nhận đã nhận").click()
    with phone_page.expect_navigation():
        phone_page.locator("[data-testid=my-part] a", has_text="Báo cáo").click()
    phone_page.select_option("#id_publication", str(publication.pk))
    phone_page.fill("#id_times", "3")
    with phone_page.expect_navigation():
        phone_page.get_by_role("button", name="Gửi báo cáo").click()
    assert "Phát động Giải Búa liềm vàng" in (
        phone_page.locator("[data-testid=task-reported]").inner_text()
    )

    page.goto(f"{live_server.url}/campaigns/{campaign.pk}/?kind=centre")
    row = page.locator("[data-testid=tracking-row]", has_text=world.centre.name)
    assert "Đã báo cáo" in row.locator("[data-testid=tracking-status]").inner_text()
    assert "Đài truyền thanh Trung tâm (FM)" in row.inner_text()
    report = TaskReport.objects.get()
    assert (report.publication, report.times, report.recipient.status) == (
        publication,
        3,
        RecipientStatus.REPORTED,
    )
