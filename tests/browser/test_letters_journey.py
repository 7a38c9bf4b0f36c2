"""Early in the month: the director opens the compliance page, prepares last month's
letters, reads each agency's figures and recipients, confirms, and finds the letters in
the archive; the agency downloads its own."""

from datetime import datetime, time, timedelta

from django.core import mail
from django.utils import timezone

from events.enums import Verdict
from newsroom.models import AgencyLetter, ReportSettings
from tests.factories import NoticeFactory
from tests.world import build_world


def test_director_prepares_confirms_and_sends_last_months_letters(page, live_server, login):
    world = build_world()
    ReportSettings.objects.create(centre=world.centre, signer_name="Nguyễn Văn Bình")
    world.agency.email = "vanthu@pvh.konray.gov.vn"
    world.agency.save()
    last_month = timezone.localdate().replace(day=1) - timedelta(days=1)
    held = timezone.make_aware(datetime.combine(last_month.replace(day=10), time(8)))
    for verdict in (Verdict.ON_TIME, Verdict.LATE):
        notice = NoticeFactory(
            agency=world.agency, created_by=world.agency_user, starts_at=held, received_at=held
        )
        notice.verdict = verdict
        notice.save()

    login(page, live_server, "director")
    page.goto(f"{live_server.url}/newsroom/compliance/")
    with page.expect_navigation():
        page.get_by_role("link", name="Công văn hằng tháng gửi cơ quan, đơn vị").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Chuẩn bị công văn").click()
    preview = page.locator("[data-testid=letter-preview]")
    first = preview.locator("tbody tr").first
    assert first.locator("td").nth(1).inner_text() == "Phòng Văn hóa và Thông tin"
    assert first.locator("td").nth(2).inner_text() == "2"
    assert "không có thông báo trong kỳ" in preview.inner_text()  # the silent ones
    recipients = page.locator("[data-testid=letter-recipients] li").all_inner_texts()
    assert recipients[0] == "Phòng Văn hóa và Thông tin: vanthu@pvh.konray.gov.vn"

    assert page.locator("#id_confirm").get_attribute("required") is not None  # ticked first
    assert AgencyLetter.objects.count() == 0
    page.check("#id_confirm")
    with page.expect_navigation():
        page.get_by_role("button", name="Gửi công văn").click()
    month = f"{last_month:%m/%Y}"
    count = AgencyLetter.objects.count()
    assert f"Đã gửi và lưu trữ {count} công văn tháng {month}." in page.content()
    assert page.locator("[data-testid=letters-done]").is_visible()
    assert [m.to for m in mail.outbox if m.subject.startswith("Công văn số 1:")] == [
        ["vanthu@pvh.konray.gov.vn"]
    ]

    page.goto(f"{live_server.url}/newsroom/compliance/letters/")
    rows = page.locator("[data-testid=letters] tbody tr")
    assert rows.count() == count
    assert rows.first.locator("td").nth(2).inner_text() == "Phòng Văn hóa và Thông tin"
