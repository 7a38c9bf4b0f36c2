"""The story workflow: legal steps, refused steps, the untouched submitted text, the
notifications of each decision, publications and contributor activity."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from events.enums import StoryAction, StoryStatus
from events.models import Story
from events.selectors.stories import bounded_diff, contributor_activity, story_diff, word_diff
from events.services import stories as services
from events.services.stories import StoryTransitionError
from newsroom.models import Channel, Publication
from newsroom.services.story_publications import record_story_publication
from portal.models import Notification
from tests.factories import NoticeFactory, StoryFactory

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 23, 8, 0, tzinfo=HCM)


@pytest.fixture(autouse=True)
def frozen_clock_in_english():
    with time_machine.travel(NOW, tick=False), translation.override("en"):
        yield


@pytest.fixture
def radio():
    return Channel.objects.get(kind="radio")


def draft(world, **kwargs):
    return services.create_story(
        agency=world.agency,
        by=world.agency_user,
        data={
            "title": "Ra quân làm đường",
            "lead": "Hơn 200 đoàn viên tham gia.",
            "body": "Buổi ra quân diễn ra sôi nổi.",
            "byline": "Nguyễn Thị Hoa",
        },
        **kwargs,
    )


def publish_data(channel):
    return {"channel": channel, "published_at": NOW, "air_slot": "Thời sự 17h"}


def test_full_journey_sent_returned_resubmitted_approved_published(
    world, radio, django_capture_on_commit_callbacks
):
    editor, agency_user = world.director, world.agency_user
    story = draft(world)
    assert story.status == StoryStatus.DRAFT
    with django_capture_on_commit_callbacks(execute=True):
        story = services.submit_story(story, by=agency_user)
        story = services.claim_story(story, by=editor)
        story = services.return_story(story, by=editor, comment="Thêm số liệu cụ thể.")
        story = services.update_story(
            story,
            by=agency_user,
            data={"body": "Buổi ra quân diễn ra sôi nổi, làm mới 2 km đường."},
            submit=True,
        )
        story = services.claim_story(story, by=editor)
        story = services.approve_story(story, by=editor)
        record_story_publication(story, by=editor, data=publish_data(radio))

    story.refresh_from_db()
    assert story.status == StoryStatus.PUBLISHED
    assert [d.action for d in story.decisions.order_by("pk")] == [
        StoryAction.SUBMITTED,
        StoryAction.CLAIMED,
        StoryAction.RETURNED,
        StoryAction.SUBMITTED,
        StoryAction.CLAIMED,
        StoryAction.APPROVED,
        StoryAction.PUBLISHED,
    ]
    assert [p.channel for p in story.publications.all()] == [radio]
    # The agency hears of every decision by e-mail, in Vietnamese.
    # Each subject names the story.
    title = story.title
    assert [m.subject for m in mail.outbox] == [
        f"Tin cộng tác viên đang được Trung tâm biên tập: {title}",
        f"Tin cộng tác viên được trả lại để chỉnh sửa: {title}",
        f"Tin cộng tác viên đang được Trung tâm biên tập: {title}",
        f"Tin cộng tác viên đã được duyệt: {title}",
        f"Tin cộng tác viên đã được đăng phát trên {radio.name}: {title}",
    ]
    assert {m.to[0] for m in mail.outbox} == {agency_user.email}


def test_return_mail_carries_the_editors_comment(world, django_capture_on_commit_callbacks):
    story = StoryFactory(
        agency=world.agency, created_by=world.agency_user, status=StoryStatus.IN_REVIEW
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.return_story(story, by=world.director, comment="Bổ sung ảnh toàn cảnh.")
    [message] = mail.outbox
    assert message.subject == f"Tin cộng tác viên được trả lại để chỉnh sửa: {story.title}"
    assert message.body == (
        f"Kính gửi {world.agency_user.display_name},\n\n"
        "Trung tâm trả lại tin và đề nghị chỉnh sửa: Bổ sung ảnh toàn cảnh.\n\n"
        f"Tin: {story.title}\n"
        f"Cơ quan, đơn vị: {world.agency.name}\n"
        f"Tác giả: {story.byline}\n\n"
        f"http://localhost:8000/stories/{story.pk}/\n"
    )
    assert Notification.objects.get(recipient=world.agency_user).url == f"/stories/{story.pk}/"


def test_editors_are_told_in_app_when_a_story_arrives(world):
    story = services.submit_story(draft(world), by=world.agency_user)
    note = Notification.objects.get(recipient=world.director)
    assert (note.kind, note.title) == (
        "story_submitted",
        f"Tin cộng tác viên mới từ {world.agency.name}: {story.title}",
    )
    assert not Notification.objects.filter(recipient=world.director2).exists()


@pytest.mark.parametrize(
    ("status", "step", "message"),
    [
        (StoryStatus.DRAFT, "approve", "A story that is “Draft” cannot be approved."),
        (StoryStatus.SUBMITTED, "approve", "A story that is “Submitted” cannot be approved."),
        (StoryStatus.DRAFT, "return", "A story that is “Draft” cannot be returned."),
        (StoryStatus.DRAFT, "claim", "A story that is “Draft” cannot be taken for review."),
        (StoryStatus.APPROVED, "reject", "A story that is “Approved” cannot be rejected."),
        (StoryStatus.REJECTED, "claim", "A story that is “Rejected” cannot be taken for review."),
        (StoryStatus.PUBLISHED, "submit", "A story that is “Published” cannot be sent."),
        (StoryStatus.IN_REVIEW, "submit", "A story that is “In review” cannot be sent."),
    ],
)
def test_illegal_transitions_are_refused_and_change_nothing(world, status, step, message):
    story = StoryFactory(agency=world.agency, status=status)
    calls = {
        "approve": lambda: services.approve_story(story, by=world.director),
        "return": lambda: services.return_story(story, by=world.director, comment="x"),
        "claim": lambda: services.claim_story(story, by=world.director),
        "reject": lambda: services.reject_story(story, by=world.director, reason="x"),
        "submit": lambda: services.submit_story(story, by=world.agency_user),
    }
    with pytest.raises(StoryTransitionError) as caught:
        calls[step]()
    assert caught.value.messages == [message]
    story.refresh_from_db()
    assert story.status == status
    assert not story.decisions.exists()


@pytest.mark.parametrize("status", [StoryStatus.REJECTED, StoryStatus.IN_REVIEW, StoryStatus.DRAFT])
def test_publishing_a_story_that_is_not_approved_is_refused(world, radio, status):
    story = StoryFactory(agency=world.agency, status=status)
    with pytest.raises(StoryTransitionError) as caught:
        record_story_publication(story, by=world.director, data=publish_data(radio))
    assert "cannot be published" in caught.value.messages[0]
    assert not Publication.objects.exists()


def test_a_second_channel_keeps_the_story_published(world, radio):
    story = StoryFactory(agency=world.agency, status=StoryStatus.APPROVED)
    website = Channel.objects.get(kind="website")
    record_story_publication(story, by=world.director, data=publish_data(radio))
    record_story_publication(
        story, by=world.director, data={"channel": website, "published_at": NOW, "link": ""}
    )
    story.refresh_from_db()
    assert story.status == StoryStatus.PUBLISHED
    assert sorted(p.channel.kind for p in story.publications.all()) == ["radio", "website"]


def test_a_publication_belongs_to_exactly_one_notice_or_story(world, radio):
    story = StoryFactory(agency=world.agency)
    notice = NoticeFactory(agency=world.agency)
    fields = {"channel": radio, "published_at": NOW, "recorded_by": world.director}
    for bad in ({}, {"story": story, "notice": notice}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Publication.objects.create(**fields, **bad)


def test_repeated_decisions_are_no_ops(world):
    story = StoryFactory(agency=world.agency)
    services.claim_story(story, by=world.director)
    services.claim_story(story, by=world.director)
    services.return_story(story, by=world.director, comment="Sửa tít")
    services.return_story(story, by=world.director, comment="Sửa tít")
    assert story.decisions.count() == 2


def test_edits_never_overwrite_the_submitted_text(world):
    story = StoryFactory(agency=world.agency, title="Tít gốc", body="Nội dung gốc của xã.")
    story = services.claim_story(story, by=world.director)
    services.save_edited_copy(
        story,
        by=world.director,
        data={"edited_title": "Tít đã biên tập", "edited_body": "Nội dung đã sửa của xã."},
    )
    story.refresh_from_db()
    assert (story.title, story.body) == ("Tít gốc", "Nội dung gốc của xã.")
    assert (story.edited_title, story.final_title) == ("Tít đã biên tập", "Tít đã biên tập")
    diff = {field["label"]: field for field in story_diff(story)}
    assert diff["body"]["parts"] == [
        ("same", "Nội dung "),
        ("del", "gốc "),
        ("ins", "đã sửa "),
        ("same", "của xã."),
    ]
    assert diff["body"]["by_words"] is True
    assert diff["lead"]["changed"] is False


def test_agency_cannot_change_a_story_under_review(world):
    story = StoryFactory(agency=world.agency, status=StoryStatus.IN_REVIEW)
    with pytest.raises(ValidationError):
        services.update_story(story, by=world.agency_user, data={"title": "Khác"})
    assert Story.objects.get(pk=story.pk).title == story.title


def test_word_diff_keeps_markup_as_text_for_the_template_to_escape():
    assert word_diff("<b>a", "<b>b") == [("del", "<b>a"), ("ins", "<b>b")]


def test_word_diff_compares_words_and_shows_the_edited_spacing():
    assert word_diff("một  hai ba", "một hai\nbốn ba") == [
        ("same", "một hai\n"),
        ("ins", "bốn "),
        ("same", "ba"),
    ]
    assert word_diff("một", "một hai") == [("same", "một "), ("ins", "hai")]
    assert word_diff("", "") == []


def test_a_few_edits_in_a_50000_character_body_are_shown_word_by_word():
    words = [f"từ{n % 997}" for n in range(7000)]
    old = " ".join(words)[:50000]
    edited = old.replace("từ5 ", "chữ5 ", 3)
    parts, by_words = bounded_diff(old, edited)
    assert by_words is True
    assert [text for op, text in parts if op == "del"] == ["từ5 "] * 3
    assert [text for op, text in parts if op == "ins"] == ["chữ5 "] * 3
    assert "".join(text for op, text in parts if op != "del") == edited


def test_a_rewritten_50000_character_body_is_compared_line_by_line():
    old = "\n".join(f"Dòng {n} của bản gốc, " + "a b c " * 20 for n in range(400))[:50000]
    new = "\n".join(f"Dòng {n} của bản sửa, " + "a c b " * 20 for n in range(400))[:50000]
    parts, by_words = bounded_diff(old, new)
    assert by_words is False
    assert "".join(text for op, text in parts if op != "ins") == old
    assert "".join(text for op, text in parts if op != "del") == new


def test_history_records_who_did_what_with_the_reason(world):
    story = StoryFactory(agency=world.agency)
    services.reject_story(story, by=world.director, reason="Trùng với tin đã đăng")
    latest = story.history.latest()
    assert (latest.status, latest.history_user, latest.history_change_reason) == (
        StoryStatus.REJECTED,
        world.director,
        "Rejected: Trùng với tin đã đăng",
    )
    decision = story.decisions.get()
    assert (decision.action, decision.by, decision.reason, decision.at) == (
        StoryAction.REJECTED,
        world.director,
        "Trùng với tin đã đăng",
        NOW,
    )


def test_contributor_activity_counts_sent_returned_and_published_per_agency(world, radio):
    first = draft(world)
    services.submit_story(first, by=world.agency_user)
    services.claim_story(first, by=world.director)
    services.return_story(first, by=world.director, comment="Sửa")
    services.submit_story(first, by=world.agency_user)
    services.claim_story(first, by=world.director)
    services.approve_story(first, by=world.director)
    record_story_publication(first, by=world.director, data=publish_data(radio))
    second = services.create_story(
        agency=world.agency2,
        by=world.agency2_user,
        data={"title": "Tin xã", "body": "Nội dung", "byline": "Lê Văn A"},
        submit=True,
    )
    assert second.status == StoryStatus.SUBMITTED
    draft(world)  # a draft is not "sent"
    other = StoryFactory(agency=world.agency_other)
    services.claim_story(other, by=world.director2)

    start, end = datetime(2026, 11, 1, tzinfo=HCM), datetime(2026, 12, 1, tzinfo=HCM)
    assert contributor_activity([world.centre.pk], start, end) == [
        {
            "agency_id": world.agency.pk,
            "agency": world.agency.name,
            "sent": 1,
            "returned": 1,
            "published": 1,
        },
        {
            "agency_id": world.agency2.pk,
            "agency": world.agency2.name,
            "sent": 1,
            "returned": 0,
            "published": 0,
        },
    ]
    assert contributor_activity([world.centre.pk], end, datetime(2027, 1, 1, tzinfo=HCM)) == []
