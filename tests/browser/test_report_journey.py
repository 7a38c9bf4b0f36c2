"""Thursday: the director opens the draft, reads it, adds two paragraphs of assessment,
confirms sending to the named recipients, and finds it in the archive sent and signed."""

from datetime import date

from django.core import mail

from newsroom.models import ReportSettings, WeeklyReport
from newsroom.services.reports import generate_draft
from tests.newsroom.test_report_signing import PASSWORD, make_p12
from tests.world import build_world


def test_director_reviews_comments_and_sends_the_signed_report(
    page, live_server, login, settings, tmp_path, monkeypatch
):
    settings.REPORT_PDF_ENABLED = True
    monkeypatch.setenv("DUATIN_TEST_P12", PASSWORD)
    world = build_world()
    ReportSettings.objects.create(
        centre=world.centre,
        recipients="vanphong@konray.gov.vn",
        signer_name="Nguyễn Văn Bình",
        signing_certificate_path=str(make_p12(tmp_path / "konray.p12")),
        signing_password_env="DUATIN_TEST_P12",
        allow_unsigned=False,
    )
    report = generate_draft(world.centre, date(2026, 11, 19))

    login(page, live_server, "director")
    page.goto(f"{live_server.url}/newsroom/reports/{report.pk}/")
    assert "Dự thảo" in page.locator("[data-testid=report-state]").inner_text()
    page.fill(
        "#id_commentary",
        "Các cơ quan cần gửi thông báo sớm hơn.\nĐề nghị các xã chấn chỉnh việc báo tin trễ.",
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Lưu đánh giá").click()
    assert "VII. Đánh giá và đề xuất" in page.locator("article").inner_text()

    with page.expect_navigation():
        page.get_by_role("link", name="Gửi…").click()
    assert page.locator("[data-testid=recipients]").inner_text() == "vanphong@konray.gov.vn"
    page.check("#id_confirm")
    # LibreOffice converts the Word file while the request runs: allow it a minute.
    with page.expect_navigation(timeout=60_000):
        page.get_by_role("button", name="Gửi ngay").click(timeout=60_000)
    signature = page.locator("[data-testid=signature]").inner_text()
    assert signature.startswith("Đã ký bởi Nguyễn Văn Bình lúc ")
    assert signature.endswith("chữ ký hợp lệ.")

    page.goto(f"{live_server.url}/newsroom/reports/")
    row = page.locator("tr", has_text="19/11/2026")
    assert row.locator("[data-testid=signed]").inner_text() == "đã ký số"
    sent = WeeklyReport.objects.get()
    assert sent.is_sent and sent.commentary.startswith("Các cơ quan")
    assert [m.to for m in mail.outbox if m.subject.startswith("Báo cáo tuần")] == [
        ["vanphong@konray.gov.vn"]
    ]
