"""A late notice sent without ticking the confirmation comes back with its file kept:
the page lists it as already attached, next to the warning the box to tick sits, and
the resend (no file chosen again) attaches it. The same for a story without a title."""

from datetime import timedelta

from django.utils import timezone

from events.models import NoticeAttachment, StoryAttachment
from portal.models import PendingUpload
from tests.events.story_files import PDF_BYTES
from tests.world import build_world

PDF = {"name": "giay-moi.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}


def test_a_refused_late_notice_keeps_the_invitation_for_the_confirmed_resend(
    page, live_server, login
):
    world = build_world()
    login(page, live_server, "agency")
    page.goto(f"{live_server.url}/events/new/")
    starts_at = timezone.localtime() + timedelta(hours=5)
    page.fill("[name=title]", "Khai mạc Ngày hội văn hóa")
    page.select_option("[name=kind]", "planned")
    page.fill("[name=starts_at]", starts_at.strftime("%Y-%m-%dT%H:%M"))
    page.fill("[name=ends_at]", (starts_at + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"))
    page.select_option("[name=locality]", str(world.locality.pk))
    page.fill("[name=address]", "Sân vận động xã")
    page.fill("[name=contact_name]", "Nguyễn Thị Hoa")
    page.fill("[name=contact_phone]", "0912 345 678")
    page.set_input_files("[name=invitation_files]", files=[PDF])
    with page.expect_navigation():
        page.click("#notice-form button[type=submit]")  # the box is not ticked

    kept = page.locator("[data-kept-for=invitation_files]")
    assert "giay-moi.pdf" in kept.inner_text()
    assert "đã đính kèm" in kept.inner_text()
    assert PendingUpload.objects.count() == 1
    # The box to tick is inside the live warning, with the error that asks for it.
    confirm = page.locator("#lead-time #confirm-late-wrapper")
    assert confirm.locator("[name=confirm_late]").is_visible()
    assert "trễ" in confirm.locator(".invalid-feedback").inner_text()
    page.check("[name=confirm_late]")
    with page.expect_navigation():
        page.click("#notice-form button[type=submit]")

    attachment = NoticeAttachment.objects.get()
    assert page.url == f"{live_server.url}/events/{attachment.notice_id}/"
    assert (attachment.original_name, attachment.kind) == ("giay-moi.pdf", "invitation")
    assert PendingUpload.objects.count() == 0


def test_a_story_refused_for_its_title_keeps_its_document(page, live_server, login):
    build_world()
    login(page, live_server, "agency")
    page.goto(f"{live_server.url}/stories/new/")
    page.fill("[name=body]", "Buổi ra quân diễn ra sôi nổi.")
    page.set_input_files("[name=attachments]", files=[{**PDF, "name": "bai-viet.pdf"}])
    with page.expect_navigation():
        page.click("[data-testid=send-story]")
    assert "bai-viet.pdf" in page.locator("[data-kept-for=attachments]").inner_text()
    page.fill("[name=title]", "Xã Tân Lập ra quân làm đường")
    page.fill("[name=byline]", "Nguyễn Thị Hoa")
    with page.expect_navigation():
        page.click("[data-testid=send-story]")
    assert "/stories/new/" not in page.url
    assert StoryAttachment.objects.get().original_name == "bai-viet.pdf"
    assert PendingUpload.objects.count() == 0
