"""Without signal, on a phone (390×844): the reporter's assignments stay readable, what they
do is queued on the phone, and when the connection returns each action is applied once.

Chromium's offline emulation does not cut a service worker's own requests (Playwright
issue #2311), so "offline" here is the emulation for the page plus aborting every request
the service worker makes (PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS, set in conftest).
"""

import os
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from newsroom.enums import AssignmentStatus
from newsroom.models import Assignment
from newsroom.services.assignments import assign_reporter
from portal.models import ActionKey, Notification
from tests.factories import NoticeFactory
from tests.world import build_world

SCREENSHOTS = os.environ.get("SCREENSHOT_DIR", "")


def _job(world, title, days):
    notice = NoticeFactory(
        title=title,
        agency=world.agency,
        locality=world.locality,
        created_by=world.agency_user,
        starts_at=timezone.now() + timedelta(days=days),
    )
    return assign_reporter(notice, world.reporter, by=world.director)


def _abort_worker_requests(route):
    if route.request.service_worker is not None:
        route.abort("internetdisconnected")
    else:
        route.continue_()


def go_offline(context):
    context.set_offline(True)
    context.route("**/*", _abort_worker_requests)


def go_online(context):
    context.unroute("**/*", _abort_worker_requests)
    context.set_offline(False)


def _worker_controls(page):
    """Wait (up to 30 s) until the service worker is active, then reload until it controls
    the page (a page loaded while the worker installed is taken on its next load)."""
    active = page.evaluate(
        """async () => {
            const late = new Promise((resolve) => setTimeout(() => resolve(false), 30000));
            return Promise.race([navigator.serviceWorker.ready.then(() => true), late]);
        }"""
    )
    for _attempt in range(3):
        if not active or page.evaluate("() => navigator.serviceWorker.controller !== null"):
            break
        page.reload()
    return active and page.evaluate("() => navigator.serviceWorker.controller !== null")


def _page_is_kept(page, path):
    return page.evaluate(
        """async (path) => {
            for (let i = 0; i < 100; i++) {
                const cache = await caches.open("duatin-pages");
                if (await cache.match(path)) return true;
                await new Promise((resolve) => setTimeout(resolve, 100));
            }
            return false;
        }""",
        path,
    )


def _snap(page, name):
    if SCREENSHOTS:
        page.evaluate("() => window.scrollTo(0, 0)")
        page.screenshot(path=os.path.join(SCREENSHOTS, name), full_page=False)


def test_reporter_accepts_and_files_without_signal_and_each_action_lands_once(
    phone_page, live_server, login
):
    world = build_world()
    fair = _job(world, "Khai mạc hội chợ nông sản", 2)
    meeting = _job(world, "Hội nghị tổng kết năm", 3)
    page, context = phone_page, phone_page.context
    login(page, live_server, "reporter")
    mine = f"{live_server.url}/newsroom/assignments/"
    page.goto(mine)
    assert _worker_controls(page)
    page.reload()  # through the worker, which keeps this copy
    assert _page_is_kept(page, "/newsroom/assignments/")

    go_offline(context)
    page.reload()
    banner = page.get_by_test_id("offline-banner")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Bạn đang ngoại tuyến — hiển thị bản đã lưu lúc")
    cards = page.get_by_test_id("assignment")
    expect(cards).to_have_count(2)

    fair_card = cards.filter(has_text="Khai mạc hội chợ nông sản")
    fair_card.locator("form[data-offline-action=confirm] button").click()
    meeting_card = cards.filter(has_text="Hội nghị tổng kết năm")
    meeting_card.locator("details").nth(1).locator("summary").click()
    covered = meeting_card.get_by_test_id("covered-form")
    covered.locator("textarea[name=note]").fill("Đã ghi hình, tin phát tối nay")
    covered.locator("input[name=link]").fill("https://kontum.gov.vn/tin/123")
    covered.locator("button.btn-success").click()

    pending = page.get_by_test_id("offline-pending")
    expect(pending).to_contain_text("Đang chờ gửi (2)")
    expect(pending).to_contain_text("Nhận việc: Khai mạc hội chợ nông sản")
    expect(pending).to_contain_text("Đã đưa tin: Hội nghị tổng kết năm")
    _snap(page, "offline-pending.png")
    queued = page.evaluate("DuaTinQueue.all()")
    assert len(queued) == 2
    assert Assignment.objects.get(pk=fair.pk).status == AssignmentStatus.ACTIVE
    assert Assignment.objects.get(pk=meeting.pk).status == AssignmentStatus.ACTIVE

    go_online(context)
    expect(banner).to_be_hidden()  # the page reloaded the cards from the server
    expect(pending).to_be_hidden()
    results = page.get_by_test_id("offline-results")
    expect(results).to_contain_text("Nhận việc: Khai mạc hội chợ nông sản · Đã xác nhận. Cảm ơn.")
    expect(results).to_contain_text("Hội nghị tổng kết năm — Đã ghi hình")
    expect(fair_card.get_by_test_id("assignment-status")).to_have_text("Đã xác nhận")
    _snap(page, "offline-sent.png")
    fair.refresh_from_db()
    meeting.refresh_from_db()
    assert fair.status == AssignmentStatus.CONFIRMED
    assert meeting.status == AssignmentStatus.COVERED
    assert meeting.reporter_note == "Đã ghi hình, tin phát tối nay"
    assert meeting.material_link == "https://kontum.gov.vn/tin/123"
    told = Notification.objects.filter(recipient=world.director, kind="assignment_accepted")
    assert told.count() == 1
    assert ActionKey.objects.filter(user=world.reporter).count() == 2
    histories = (fair.history.count(), meeting.history.count())

    # The phone sends the same queue again (an answer lost on the way): nothing twice.
    again = page.evaluate(
        """async (items) => {
            const answers = [];
            for (const item of items) answers.push(await DuaTinQueue.send(item, null));
            return answers;
        }""",
        queued,
    )
    assert [(a["status"], a["answer"]["ok"]) for a in again] == [(200, True), (200, True)]
    assert (fair.history.count(), meeting.history.count()) == histories
    assert told.count() == 1
    assert ActionKey.objects.filter(user=world.reporter).count() == 2
