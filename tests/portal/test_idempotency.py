"""A double-click or a browser retry creates once; a repeated decision is a no-op.

Every create form renders a one-time token (read here from the page, as a browser does);
sending it twice creates one record and the second answer goes where the first went, with
"Đã gửi rồi". A refused form keeps its token; a form without a valid one is refused.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import URLResolver, get_resolver, resolve, reverse

from contacts.enums import PressKind, PressLevel
from contacts.models import ContactProposal, PressAgency
from events.enums import NoticeKind, StoryStatus
from events.models import Notice, PressInvitation, Story
from events.models.series import NoticeSeries
from newsroom.enums import Assessment, ResponseStatus
from newsroom.models import (
    Absence,
    AgencyLetter,
    Assignment,
    Channel,
    MonitoringItem,
    PlanItem,
    Publication,
    Resource,
)
from newsroom.models.reports import WeeklyReport
from newsroom.services.assignments import assign_reporter, mark_covered
from portal.idempotency import FIELD, issue_token
from portal.models import SubmissionToken
from portal.tasks import prune_submission_tokens
from privacy.models import Breach
from tests.contacts.factories import PressAgencyFactory, PressContactFactory
from tests.factories import NoticeFactory, StoryFactory, UserFactory
from tests.newsroom.helpers import at, notice_at

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=HCM)
ALREADY_SENT = "Đã gửi rồi: đây là kết quả của lần gửi đầu tiên."
STALE = "Biểu mẫu đã cũ, vui lòng tải lại trang (hoặc kiểm tra rồi gửi lại)."
TOKEN_IN_PAGE = re.compile(r'name="submission_token" value="([^"]+)"')


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@dataclass
class Case:
    user: object
    page: str  # where the form is shown
    action: str  # where it is posted
    data: dict
    count: object  # () -> how many records of the kind exist
    invalid: dict | None = None  # data the form refuses


def _notice(world):
    start = NOW + timedelta(days=2)
    data = {
        "title": "Hội nghị tổng kết năm",
        "kind": NoticeKind.PLANNED,
        "starts_at": start.strftime("%d/%m/%Y %H:%M"),
        "ends_at": (start + timedelta(hours=2)).strftime("%d/%m/%Y %H:%M"),
        "locality": world.locality.pk,
        "address": "Hội trường UBND xã",
        "contact_name": "Chị Hoa",
        "contact_phone": "0912 345 678",
    }
    url = reverse("events:create")
    return Case(world.agency_user, url, url, data, Notice.objects.count, {**data, "title": ""})


def _series(world):
    start = NOW + timedelta(days=2)
    data = {
        "title": "Giao ban tuần",
        "kind": NoticeKind.PLANNED,
        "starts_at": start.strftime("%d/%m/%Y %H:%M"),
        "ends_at": (start + timedelta(hours=1)).strftime("%d/%m/%Y %H:%M"),
        "locality": world.locality.pk,
        "address": "Phòng họp UBND",
        "contact_name": "Chị Mai",
        "contact_phone": "0912 000 000",
        "frequency": "weekly",
        "weekdays": [str(start.weekday())],
        "count": "4",
    }
    url = reverse("events:series_create")
    refused = {**data, "title": ""}
    return Case(world.agency_user, url, url, data, NoticeSeries.objects.count, refused)


def _story(world):
    data = {
        "title": "Xã Tân Lập ra quân làm đường",
        "lead": "Hơn 200 đoàn viên tham gia.",
        "body": "Buổi ra quân diễn ra sôi nổi.",
        "byline": "Nguyễn Thị Hoa",
        "action": "submit",
    }
    url = reverse("stories:create")
    return Case(world.agency_user, url, url, data, Story.objects.count, {**data, "title": ""})


def _invite(world):
    notice = NoticeFactory(agency=world.agency, locality=world.locality)
    agency = PressAgencyFactory(name="Báo Kon Tum", level=PressLevel.PROVINCIAL)
    contact = PressContactFactory(press_agency=agency, email="ung@example.vn")
    url = reverse("events:invite", args=[notice.pk])
    return Case(
        world.agency_user, url, url, {"contacts": [contact.pk]}, PressInvitation.objects.count, {}
    )


def _assign(world):
    notice = notice_at(world, at(28, 8), at(28, 10))
    return Case(
        world.director,
        reverse("newsroom:notice", args=[notice.pk]),
        reverse("newsroom:assign", args=[notice.pk]),
        {"reporter": world.reporter.pk, "role": "writer"},
        Assignment.objects.count,
        {"reporter": world.reporter.pk, "role": "pilot"},
    )


def _publish(world):
    notice = notice_at(world, at(25, 8), at(25, 10))
    mark_covered(assign_reporter(notice, world.reporter, by=world.director), by=world.reporter)
    channel = Channel.objects.get(kind="radio")
    data = {"channel": channel.pk, "published_at": "25/11/2026 19:00", "air_slot": "Thời sự 19:00"}
    return Case(
        world.director,
        reverse("newsroom:notice", args=[notice.pk]),
        reverse("newsroom:publish", args=[notice.pk]),
        data,
        Publication.objects.count,
        {**data, "air_slot": ""},
    )


def _story_publication(world):
    story = StoryFactory(agency=world.agency, status=StoryStatus.APPROVED)
    url = reverse("newsroom:story_publication_new", args=[story.pk])
    channel = Channel.objects.get(kind="radio")
    data = {"channel": channel.pk, "published_at": "2026-11-25T17:00", "air_slot": "Thời sự"}
    return Case(world.director, url, url, data, Publication.objects.count)


def _plan(world):
    data = {
        "year": 2026,
        "quarter": 4,
        "topic": "Chuyển đổi số ở cơ sở",
        "format": "reportage",
        "duration_minutes": 5,
        "channel": Channel.objects.get(kind="radio").pk,
        "responsible": "Đài PT-TH tỉnh",
    }
    url = reverse("newsroom:plan")
    return Case(world.director, url, url, data, PlanItem.objects.count, {**data, "quarter": 5})


def _monitoring(world):
    data = {
        "outlet": "Báo Kon Tum",
        "url": "https://baokontum.vn/bai-1",
        "published_on": "2026-11-25",
        "title": "Phản ánh chợ xã xuống cấp",
        "summary": "Bài viết phản ánh chợ xã.",
        "assessment": Assessment.INACCURATE,
        "responsible_agency": world.agency.pk,
        "response_due": "2026-11-28",
    }
    url = reverse("newsroom:monitoring_create")
    return Case(world.reporter, url, url, data, MonitoringItem.objects.count, {**data, "title": ""})


def _contact(world):
    agency = PressAgencyFactory(name="Báo Kon Tum")
    data = {
        "role": "reporter",
        "press_agency": agency.pk,
        "full_name": "Đinh Công Ưng",
        "area": "Huyện Kon Rẫy",
        "phone": "0900 000 555",
    }
    url = reverse("contacts:create")
    return Case(
        world.reporter, url, url, data, ContactProposal.objects.count, {**data, "press_agency": ""}
    )


def _retirement(world):
    contact = PressContactFactory(press_agency=PressAgencyFactory(name="Báo Kon Tum"))
    return Case(
        world.reporter,
        reverse("contacts:contact", args=[contact.pk]),
        reverse("contacts:retire", args=[contact.pk]),
        {"reason": "Đã nghỉ hưu"},
        ContactProposal.objects.count,
    )


def _press_agency(world):
    data = {
        "name": "Báo Người Lao Động",
        "level": PressLevel.CENTRAL,
        "kind": PressKind.NEWSPAPER,
        "is_active": "on",
    }
    return Case(
        world.reviewer,
        reverse("contacts:agency_create"),
        reverse("contacts:agency_create"),
        data,
        PressAgency.objects.count,
        {**data, "name": ""},
    )


def _report(world):
    return Case(
        world.director,
        reverse("newsroom:report_list"),
        reverse("newsroom:report_generate"),
        {},
        WeeklyReport.objects.count,
    )


def _letters(world):
    query = "?year=2026&month=10"
    return Case(
        world.director,
        reverse("newsroom:letter_preview") + query,
        reverse("newsroom:letter_send"),
        {"year": 2026, "month": 10, "confirm": "on"},
        lambda: AgencyLetter.objects.values("month").distinct().count(),  # months sent
        {"year": 2026, "month": 10},
    )


def _campaign(world):
    from campaigns.models import Campaign
    from tests.campaigns.test_campaigns import create_data

    data = create_data(world)
    url = reverse("campaigns:create")
    return Case(
        world.reviewer, url, url, data, Campaign.objects.count, {**data, "ends_on": "2026-11-01"}
    )


def _campaign_material(world):
    from campaigns.models import Material
    from tests.campaigns.helpers import draft

    campaign = draft(world, to_centres=True)
    url = reverse("campaigns:material_add", args=[campaign.pk])
    data = {"kind": "link", "title": "Trailer", "url": "https://example.vn/trailer"}
    return Case(world.reviewer, url, url, data, Material.objects.count, {**data, "url": ""})


def _campaign_send(world):
    from campaigns.enums import CampaignStatus
    from campaigns.models import Campaign
    from tests.campaigns.helpers import draft

    campaign = draft(world, to_centres=True)
    url = reverse("campaigns:send", args=[campaign.pk])
    return Case(
        world.reviewer,
        url,
        url,
        {"confirm": "on"},
        Campaign.objects.filter(status=CampaignStatus.SENT).count,
        {},
    )


def _absence(world):
    data = {"kind": "leave", "starts_at": "2026-11-25T08:00", "ends_at": "2026-11-25T17:00"}
    url = reverse("newsroom:availability")
    refused = {**data, "ends_at": "2026-11-25T07:00"}
    return Case(world.reporter, url, url, data, Absence.objects.count, refused)


def _resource(world):
    data = {"kind": "camera", "name": "Sony A7"}
    url = reverse("newsroom:resources")
    return Case(world.director, url, url, data, Resource.objects.count, {**data, "name": ""})


def _intake_mail(world):
    """A mail from an unknown sender waiting in the centre's inbox, confirmed by staff."""
    from intake.models import Mailbox
    from intake.services.intake import process_mail
    from intake.services.mailboxes import claim
    from tests.intake.conftest import build_mail

    box = Mailbox.objects.create(centre=world.centre)
    raw = build_mail(sender="ai@ngoai.test", subject="Giấy mời", body="Kính mời dự họp.")
    mail = claim(box, uidvalidity=1, uid=1, header=b"", raw=raw, received_at=NOW, size=1)
    process_mail(mail.pk)
    data = {**_notice(world).data, "agency": world.agency2.pk}
    url = reverse("intake:detail", args=[mail.pk])
    return Case(
        world.director,
        url,
        url,
        data,
        Notice.objects.count,
        {**data, "title": ""},
    )


def _breach(world):
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True, role="")
    data = {
        "title": "Lộ tệp danh bạ nội bộ",
        "description": "Gửi nhầm tệp ra ngoài.",
        "discovered_at": NOW.strftime("%Y-%m-%dT%H:%M"),
        "data_kinds": "Họ tên, số điện thoại",
        "affected_count": "1",
    }
    url = reverse("privacy:breach_create")
    return Case(admin, url, url, data, Breach.objects.count, {**data, "title": ""})


def _channel(world):
    url = reverse("newsroom:channels")
    data = {"name": "Zalo OA", "kind": "social", "position": ""}
    count = Channel.objects.filter(centre=world.centre).count
    return Case(world.director, url, url, data, count, {**data, "name": "fanpage"})


CASES = {
    "notice": _notice,
    "intake mail": _intake_mail,
    "recurring notice": _series,
    "story": _story,
    "press invitation": _invite,
    "assignment": _assign,
    "notice publication": _publish,
    "story publication": _story_publication,
    "plan item": _plan,
    "monitoring item": _monitoring,
    "contact proposal": _contact,
    "retirement proposal": _retirement,
    "press agency": _press_agency,
    "weekly report": _report,
    "agency letters": _letters,
    "campaign": _campaign,
    "campaign material": _campaign_material,
    "campaign send": _campaign_send,
    "absence": _absence,
    "resource": _resource,
    "publication channel": _channel,
    "breach": _breach,
}


# These views answer a refused form with a message on the page that shows the form anew,
# with a new token, so there is no token to keep.
REDIRECTED_WHEN_REFUSED = ("story publication", "weekly report", "retirement proposal")


def tokens_in(page: str, action: str) -> list[str]:
    """The tokens of the form posting to `action` (a form without an action posts to its
    own page, which has only one)."""
    if f'action="{action}"' in page:
        page = page[page.index(f'action="{action}"') :]
        page = page[: page.index("</form>")]
    return TOKEN_IN_PAGE.findall(page)


def token_from(client, url, action) -> str:
    tokens = tokens_in(client.get(url).content.decode(), action)
    assert len(tokens) == 1
    return tokens[0]


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


@pytest.mark.parametrize("kind", CASES)
def test_sending_a_create_form_twice_creates_once_and_shows_the_first(kind, world, client_for):
    case = CASES[kind](world)
    client = client_for(case.user)
    token = token_from(client, case.page, case.action)
    before = case.count()
    first = client.post(case.action, {**case.data, FIELD: token})
    assert first.status_code == 302
    assert case.count() == before + 1
    client.get(first.url)  # the first answer's page, which shows its own message
    second = client.post(case.action, {**case.data, FIELD: token}, follow=True)
    assert second.redirect_chain[0] == (first.url, 302)
    assert messages_of(second) == [ALREADY_SENT]
    assert case.count() == before + 1
    assert SubmissionToken.objects.get(token=token).redirect_url == first.url


@pytest.mark.parametrize("kind", [k for k in CASES if k not in REDIRECTED_WHEN_REFUSED])
def test_a_refused_form_keeps_its_token_for_the_corrected_resubmit(kind, world, client_for):
    case = CASES[kind](world)
    client = client_for(case.user)
    token = token_from(client, case.page, case.action)
    before = case.count()
    refused = client.post(case.action, {**case.invalid, FIELD: token})
    assert refused.status_code in (200, 302, 400)
    assert case.count() == before
    assert SubmissionToken.objects.count() == 0
    if refused.status_code != 302:  # the form is shown again, with the same token
        assert tokens_in(refused.content.decode(), case.action) == [token]
    corrected = client.post(case.action, {**case.data, FIELD: token})
    assert corrected.status_code == 302
    assert case.count() == before + 1


@pytest.mark.parametrize("token", ["", "not-a-token", "x" * 200])
@pytest.mark.parametrize("kind", ["notice", "story", "contact proposal", "weekly report"])
def test_a_form_without_a_valid_token_is_refused_with_a_message(kind, token, world, client_for):
    case = CASES[kind](world)
    client = client_for(case.user)
    before = case.count()
    data = {**case.data, FIELD: token} if token else case.data
    response = client.post(case.action, data, follow=True)
    assert case.count() == before
    page = response.content.decode()
    assert STALE in page
    if kind != "weekly report":  # the form comes back with a fresh token: sending it works
        fresh = TOKEN_IN_PAGE.findall(page)
        assert len(fresh) == 1 and fresh[0] != token
        assert client.post(case.action, {**case.data, FIELD: fresh[0]}).status_code == 302
        assert case.count() == before + 1


def test_a_token_older_than_its_age_is_refused_and_its_claim_is_pruned(world, client_for):
    case = _notice(world)
    client = client_for(case.user)
    token = token_from(client, case.page, case.action)
    assert client.post(case.action, {**case.data, FIELD: token}).status_code == 302
    later = NOW + timedelta(hours=48, minutes=1)
    with time_machine.travel(later, tick=False):
        assert prune_submission_tokens() == 1
        client = client_for(case.user)  # signed in again: the idle session has ended
        response = client.post(case.action, {**case.data, FIELD: token})
        assert STALE in response.content.decode()
    assert Notice.objects.count() == 1
    assert SubmissionToken.objects.count() == 0


def test_someone_elses_token_creates_nothing(world, client_for):
    case = _notice(world)
    token = token_from(client_for(world.agency_user), case.page, case.action)
    assert (
        client_for(world.agency_user).post(case.action, {**case.data, FIELD: token}).status_code
        == 302
    )
    response = client_for(world.agency2_user).post(case.action, {**case.data, FIELD: token})
    assert response.url == case.action
    assert Notice.objects.count() == 1


def submit_once_views() -> set[str]:
    """The names of every URL whose view is wrapped in `@submit_once`."""
    names = set()

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern.url_patterns, inner)
            elif getattr(pattern.callback, "submits_once", False):
                names.add(f"{namespace}{pattern.name}")

    walk(get_resolver().url_patterns)
    return names


def test_every_view_that_submits_once_is_in_the_double_submit_test(world):
    covered = {resolve(make(world).action).view_name for make in CASES.values()}
    assert submit_once_views() == covered


def test_edit_forms_carry_no_token(world, client_for):
    notice = NoticeFactory(agency=world.agency, locality=world.locality)
    page = client_for(world.agency_user).get(reverse("events:edit", args=[notice.pk]))
    assert TOKEN_IN_PAGE.findall(page.content.decode()) == []
    assert issue_token() != issue_token()


# --- Decisions ----------------------------------------------------------------------------


@dataclass
class Decision:
    user: object
    action: str
    data: dict
    lands_on: str
    message: str
    state: object  # () -> what the decision wrote, unchanged by the repeat


def _story_decision(world, status, name, data, message, field="status"):
    story = StoryFactory(agency=world.agency, status=status)
    if status == StoryStatus.IN_REVIEW:
        story.claimed_by = world.director
        story.save()

    def state():
        story.refresh_from_db()
        return story.status, story.decisions.count()

    return Decision(
        world.director,
        reverse(f"stories:{name}", args=[story.pk]),
        data,
        reverse("stories:detail", args=[story.pk]),
        message,
        state,
    )


def _assignment_state(assignment):
    def state():
        assignment.refresh_from_db()
        return assignment.status, assignment.history.count()

    return state


def _approve(world):
    return _story_decision(
        world, StoryStatus.IN_REVIEW, "approve", {}, "Tin này đã được duyệt rồi."
    )


def _return(world):
    return _story_decision(
        world,
        StoryStatus.IN_REVIEW,
        "return",
        {"comment": "Bổ sung ảnh"},
        "Tin này đã được trả lại rồi.",
    )


def _reject(world):
    return _story_decision(
        world,
        StoryStatus.IN_REVIEW,
        "reject",
        {"reason": "Trùng tin"},
        "Tin này đã bị từ chối rồi.",
    )


def _claim(world):
    return _story_decision(
        world, StoryStatus.SUBMITTED, "claim", {}, "Bạn đang biên tập tin này rồi."
    )


def _submit(world):
    story = StoryFactory(agency=world.agency, status=StoryStatus.DRAFT)

    def state():
        story.refresh_from_db()
        return story.status, story.decisions.count()

    return Decision(
        world.agency_user,
        reverse("stories:submit", args=[story.pk]),
        {},
        reverse("stories:detail", args=[story.pk]),
        "Tin này đã được gửi rồi.",
        state,
    )


def _decline(world):
    notice = notice_at(world, at(28, 8), at(28, 10))

    def state():
        notice.refresh_from_db()
        return notice.status, notice.decision.reason

    return Decision(
        world.director,
        reverse("newsroom:decline", args=[notice.pk]),
        {"reason": "send_story"},
        reverse("newsroom:notice", args=[notice.pk]),
        "Thông báo này đã bị từ chối rồi.",
        state,
    )


def _cancel(world):
    notice = NoticeFactory(
        agency=world.agency,
        locality=world.locality,
        starts_at=NOW + timedelta(days=3),
        ends_at=NOW + timedelta(days=3, hours=2),
    )

    def state():
        notice.refresh_from_db()
        return notice.status, notice.cancel_reason

    return Decision(
        world.agency_user,
        reverse("events:cancel", args=[notice.pk]),
        {"reason": "Hoãn do mưa"},
        reverse("events:detail", args=[notice.pk]),
        "Thông báo này đã được hủy rồi.",
        state,
    )


def _reporter_action(world, action, message):
    notice = notice_at(world, at(28, 8), at(28, 10))
    assignment = assign_reporter(notice, world.reporter, by=world.director)
    return Decision(
        world.reporter,
        reverse(f"newsroom:{action}", args=[assignment.pk]),
        {"note": ""},
        reverse("newsroom:my_assignments"),
        message,
        _assignment_state(assignment),
    )


def _confirm(world):
    return _reporter_action(world, "confirm", "Đồng chí đã xác nhận phân công này rồi.")


def _covered(world):
    return _reporter_action(world, "covered", "Phân công này đã được đánh dấu là đã đưa tin rồi.")


def _unassign(world):
    notice = notice_at(world, at(28, 8), at(28, 10))
    assignment = assign_reporter(notice, world.reporter, by=world.director)
    return Decision(
        world.director,
        reverse("newsroom:unassign", args=[assignment.pk]),
        {},
        reverse("newsroom:notice", args=[notice.pk]),
        "Phóng viên này đã được rút khỏi sự kiện rồi.",
        _assignment_state(assignment),
    )


def _proposal(world, name, data, message, client_for):
    case = _contact(world)
    client_for(case.user).post(case.action, {**case.data, FIELD: issue_token()})
    proposal = ContactProposal.objects.get()

    def state():
        proposal.refresh_from_db()
        return proposal.status, proposal.decided_at

    return Decision(
        world.reviewer,
        reverse(f"contacts:{name}", args=[proposal.pk]),
        data,
        reverse("contacts:proposal", args=[proposal.pk]),
        message,
        state,
    )


def _approve_proposal(world, client_for):
    return _proposal(world, "approve", {}, "Đề xuất này đã được duyệt rồi.", client_for)


def _reject_proposal(world, client_for):
    return _proposal(
        world, "reject", {"comment": "Trùng"}, "Đề xuất này đã bị từ chối rồi.", client_for
    )


def _respond(world):
    item = MonitoringItem.objects.create(
        centre=world.centre,
        outlet="Báo Kon Tum",
        url="https://baokontum.vn/a",
        published_on=NOW.date(),
        title="Phản ánh",
        assessment=Assessment.INACCURATE,
        responsible_agency=world.agency,
        response_due=NOW.date() + timedelta(days=2),
        created_by=world.reporter,
        response_status=ResponseStatus.PENDING,
    )

    def state():
        item.refresh_from_db()
        return item.response_status, item.response_text

    return Decision(
        world.agency_user,
        reverse("newsroom:monitoring_respond", args=[item.pk]),
        {"text": "Đã đính chính"},
        reverse("newsroom:monitoring_detail", args=[item.pk]),
        "Phản hồi đã được ghi nhận rồi.",
        state,
    )


def _acknowledge_campaign(world):
    from campaigns.models import Recipient
    from tests.campaigns.helpers import sent

    campaign = sent(world, to_centres=True)
    row = Recipient.objects.filter(campaign=campaign, organisation=world.centre)
    return Decision(
        world.director,
        reverse("campaigns:acknowledge", args=[campaign.pk]),
        {},
        reverse("campaigns:detail", args=[campaign.pk]),
        "Đã xác nhận nhận chiến dịch rồi.",
        lambda: list(row.values_list("acknowledged_at", "acknowledged_by", "status")),
    )


DECISIONS = {
    "approve a story": _approve,
    "return a story": _return,
    "reject a story": _reject,
    "claim a story": _claim,
    "submit a story": _submit,
    "decline a notice": _decline,
    "cancel a notice": _cancel,
    "confirm an assignment": _confirm,
    "mark an assignment covered": _covered,
    "unassign a reporter": _unassign,
    "approve a proposal": _approve_proposal,
    "reject a proposal": _reject_proposal,
    "respond to a press item": _respond,
    "acknowledge a campaign": _acknowledge_campaign,
}


@pytest.mark.parametrize("kind", DECISIONS)
def test_a_second_identical_decision_is_a_no_op_that_shows_it(kind, world, client_for):
    make = DECISIONS[kind]
    decision = make(world, client_for) if "proposal" in kind else make(world)
    client = client_for(decision.user)
    first = client.post(decision.action, decision.data)
    assert first.status_code == 302
    client.get(first.url)  # read the first decision's message
    made = decision.state()
    second = client.post(decision.action, decision.data, follow=True)
    assert second.redirect_chain[0] == (decision.lands_on, 302)
    assert messages_of(second) == [decision.message]
    assert decision.state() == made


def test_keeping_a_double_booking_twice_keeps_it_once(world, client_for):
    from newsroom.enums import OverrideKind

    first = notice_at(world, at(28, 8), at(28, 10))
    second = notice_at(world, at(28, 14), at(28, 16))
    assign_reporter(first, world.reporter, by=world.director)
    moved = assign_reporter(second, world.reporter, by=world.director)
    Assignment.objects.filter(pk=moved.pk).update(override_kind=OverrideKind.MOVED_BY_AGENCY)
    client = client_for(world.director)
    url = reverse("newsroom:keep_double_booking", args=[moved.pk])
    response = client.post(url, {"reason": "Cùng địa điểm", "back": "home"})
    assert response.url == reverse("home")
    client.get(response.url)
    again = client.post(url, {"reason": "Lần hai", "back": "home"}, follow=True)
    assert again.redirect_chain[0] == (reverse("home"), 302)
    assert messages_of(again) == ["Cả hai phân công đã được giữ rồi."]
    moved.refresh_from_db()
    assert (moved.override_kind, moved.override_reason) == (OverrideKind.DIRECTOR, "Cùng địa điểm")


def test_a_decision_not_made_yet_still_needs_the_permission(world, client_for):
    story = StoryFactory(agency=world.agency, status=StoryStatus.SUBMITTED)
    response = client_for(world.agency_user).post(reverse("stories:approve", args=[story.pk]))
    assert response.status_code == 403
    story.refresh_from_db()
    assert story.status == StoryStatus.SUBMITTED
