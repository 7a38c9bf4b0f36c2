"""The weekly report: figures for a known week, both files, idempotence, who may read it."""

import html
import re
from datetime import date, datetime, time, timedelta
from io import BytesIO
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import docx
import openpyxl
import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django_celery_beat.models import PeriodicTask
from docx.oxml.ns import qn

from events.enums import NoticeStatus, StoryAction, Verdict
from events.models import StoryDecision
from newsroom.enums import Assessment, ResponseStatus
from newsroom.models import (
    Channel,
    MonitoringItem,
    PlanItem,
    Publication,
    ReportSettings,
    WeeklyReport,
)
from newsroom.reports.layout import document_for
from newsroom.services.reports import (
    ReportRefused,
    generate_draft,
    make_correction,
    regenerate,
    send_report,
    set_commentary,
    sweep,
    week_for,
)
from tests.factories import NoticeFactory, StoryFactory
from tests.forms import with_token

pytestmark = pytest.mark.django_db
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 26, 14, 0, tzinfo=HCM)  # a Thursday
WEEK_START = date(2026, 11, 19)
IN_WEEK = datetime(2026, 11, 20, 9, 0, tzinfo=HCM)


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def notice(world, agency, **kw):
    return NoticeFactory(
        agency=agency,
        created_by=world.agency_user,
        received_at=IN_WEEK,
        starts_at=IN_WEEK + timedelta(days=2),
        **kw,
    )


def item(world, **kw):
    data = {
        "centre": world.centre,
        "outlet": "Báo Kon Tum",
        "published_on": date(2026, 11, 21),
        "title": "Đường liên xã xuống cấp",
        "assessment": Assessment.NEGATIVE,
        "created_by": world.director,
    }
    data.update(kw)
    return MonitoringItem.objects.create(**data)


SENT, RETURNED, PUBLISHED = StoryAction.SUBMITTED, StoryAction.RETURNED, StoryAction.PUBLISHED


def story(world, agency, actions, at=IN_WEEK):
    made = StoryFactory(agency=agency, submitted_at=at)
    for action in actions:
        StoryDecision.objects.create(story=made, action=action, by=world.director, at=at)
    return made


@pytest.fixture
def known_week(world):
    notice(world, world.agency, verdict=Verdict.ON_TIME)
    notice(world, world.agency, verdict=Verdict.ON_TIME)
    notice(world, world.agency, verdict=Verdict.LATE)
    notice(world, world.agency2, verdict=Verdict.LATE, status=NoticeStatus.DECLINED)
    covered = NoticeFactory(
        agency=world.agency,
        created_by=world.agency_user,
        received_at=IN_WEEK - timedelta(days=10),
        starts_at=IN_WEEK,
        status=NoticeStatus.COVERED,
    )
    NoticeFactory(agency=world.agency_other, received_at=IN_WEEK)  # the other centre
    radio, website = Channel.objects.order_by("position", "pk")[:2]
    on_radio = Publication.objects.create(
        notice=covered,
        channel=radio,
        published_at=IN_WEEK + timedelta(hours=5),
        recorded_by=world.director,
    )
    # Stories: two sent this week, one returned and then aired twice; one sent and aired
    # last week; one of the other centre.
    aired = story(world, world.agency2, (SENT, RETURNED, SENT, PUBLISHED))
    story(world, world.agency, (SENT,))
    old_story = story(world, world.agency, (SENT, PUBLISHED), at=IN_WEEK - timedelta(days=9))
    for channel, when in ((radio, IN_WEEK), (website, IN_WEEK + timedelta(days=1))):
        Publication.objects.create(
            story=aired, channel=channel, published_at=when, recorded_by=world.director
        )
    Publication.objects.create(
        story=old_story,
        channel=website,
        published_at=IN_WEEK - timedelta(days=8),
        recorded_by=world.director,
    )
    story(world, world.agency_other, (SENT,))
    # Plan for the 4th quarter: one item of two has a linked publication.
    done, _waiting = (
        PlanItem.objects.create(
            centre=world.centre, year=2026, quarter=4, topic=topic, channel=radio
        )
        for topic in ("Nông thôn mới", "Chuyển đổi số")
    )
    done.publications.add(on_radio)
    PlanItem.objects.create(centre=world.centre2, year=2026, quarter=4, topic="Khác", channel=radio)
    item(
        world,
        responsible_agency=world.agency,
        response_due=date(2026, 11, 24),
        response_status=ResponseStatus.PENDING,
    )
    item(world, title="Lễ hội cồng chiêng", assessment=Assessment.POSITIVE)
    item(world, title="Tin cũ", published_on=date(2026, 11, 10))
    ReportSettings.objects.create(
        centre=world.centre,
        recipients="vanphong@konray.gov.vn\nlanhdao@konray.gov.vn",
        governing_body="UBND huyện Kon Rẫy",
        signer_name="Nguyễn Văn Bình",
    )


def test_report_for_a_known_week_has_the_right_numbers(world, known_week):
    data = generate_draft(world.centre, WEEK_START).data
    assert data["period"] == {"start": "2026-11-19", "end": "2026-11-25"}
    assert data["notices"] == {"received": 4, "covered": 1, "declined": 1, "cancelled": 0}
    # As the compliance page counts (notices whose event falls in the week), worst first.
    assert [
        (r["agency"], r["total"], r["on_time"], r["late"], r["rate"])
        for r in data["compliance"]
        if not r["silent"]
    ] == [
        ("UBND xã Tân Lập", 1, 0, 1, 0.0),
        ("Phòng Văn hóa và Thông tin", 4, 3, 1, 75.0),
    ]
    # A silent agency (no notice this week) is in the figures too.
    silent = {r["agency"]: r["total"] for r in data["compliance"] if r["silent"]}
    assert silent["Xã Đăk Ruồng"] == 0
    assert data["stories"] == {"received": 2, "returned": 1, "published": 1}
    radio, website = Channel.objects.order_by("position", "pk")[:2]
    assert data["publications"] == [
        {"channel": radio.name, "channel_id": radio.pk, "count": 2},  # a notice and a story
        {"channel": website.name, "channel_id": website.pk, "count": 1},
    ]
    assert data["plan"] == {"quarter": "4/2026", "total": 2, "done": 1}
    monitoring = data["monitoring"]
    assert (
        monitoring["total"],
        monitoring["responses_needed"],
        monitoring["responded"],
        monitoring["overdue"],
    ) == (2, 1, 0, 1)
    assert monitoring["by_assessment"] == {
        "positive": 1,
        "neutral": 0,
        "negative": 1,
        "inaccurate": 0,
    }


def test_both_files_open_and_carry_the_vietnamese_title(world, known_week):
    report = generate_draft(world.centre, WEEK_START)
    from newsroom.reports.excel import report_workbook
    from newsroom.reports.word import report_document

    sheet = openpyxl.load_workbook(BytesIO(report_workbook(report))).active
    cells = [c.value for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "BÁO CÁO" in cells
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells
    assert "Số: 1/BC-TTVH" in cells
    assert "Kon Rẫy, ngày 26 tháng 11 năm 2026" in cells
    assert "Nơi nhận:" in cells

    word = docx.Document(BytesIO(report_document(report)))
    texts = [p.text for p in word.paragraphs]
    for table in word.tables:
        texts += [p.text for row in table.rows for c in row.cells for p in c.paragraphs]
    assert "BÁO CÁO" in texts
    assert "Độc lập - Tự do - Hạnh phúc" in texts
    assert "UBND HUYỆN KON RẪY" in texts
    assert "Nơi nhận:" in texts
    assert "Nguyễn Văn Bình" in texts


def send(report, user=None):
    return send_report(report, by=user)


def test_generating_twice_keeps_one_draft_and_sends_nothing(
    world, known_week, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = generate_draft(world.centre, WEEK_START)
        second = generate_draft(world.centre, WEEK_START)
    assert WeeklyReport.objects.count() == 1
    assert (first.pk, second.is_sent) == (second.pk, False)
    assert mail.outbox == []


def test_sending_freezes_the_report_and_mails_each_recipient_once(
    world, known_week, django_capture_on_commit_callbacks
):
    report = generate_draft(world.centre, WEEK_START)
    with django_capture_on_commit_callbacks(execute=True):
        sent, did = send(report, world.director)
        again, did_again = send(report, world.director)
    assert (did, did_again) == (True, False)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "lanhdao@konray.gov.vn",
        "vanphong@konray.gov.vn",
    ]
    message = mail.outbox[0]
    assert message.subject == "Báo cáo tuần số 1 (19/11/2026 – 25/11/2026)"
    assert [a[0] for a in message.attachments] == [
        "bao-cao-tuan-20261119.xlsx",
        "bao-cao-tuan-20261119.docx",
    ]
    assert message.attachments[1][1] == bytes(sent.docx)
    assert sent.sent_to == {"to": ["vanphong@konray.gov.vn", "lanhdao@konray.gov.vn"], "cc": []}
    assert again.sent_by == world.director


def test_a_sent_report_never_changes_after_the_data_does(world, known_week):
    report, _did = send(generate_draft(world.centre, WEEK_START))
    files, figures = (bytes(report.xlsx), bytes(report.docx)), report.data
    notice(world, world.agency, verdict=Verdict.LATE)  # new data for the week
    ReportSettings.objects.filter(centre=world.centre).update(signer_name="Người khác")
    with pytest.raises(ReportRefused, match="đã gửi lúc 26/11/2026 14:00"):
        generate_draft(world.centre, WEEK_START)
    with pytest.raises(ReportRefused):
        regenerate(report)
    with pytest.raises(ReportRefused):
        set_commentary(report, "Sửa sau khi gửi")
    report.refresh_from_db()
    assert (bytes(report.xlsx), bytes(report.docx), report.data) == (*files, figures)
    from newsroom.reports.layout import document_for

    assert document_for(report).signer_name == "Nguyễn Văn Bình"  # the letterhead as sent


def test_a_correction_is_a_new_version_that_says_what_it_replaces(world, known_week):
    report, _did = send(generate_draft(world.centre, WEEK_START))
    notice(world, world.agency, verdict=Verdict.LATE)
    correction = make_correction(report, "Bổ sung một thông báo trễ hạn")
    assert (correction.version, correction.replaces, correction.is_sent) == (2, report, False)
    assert correction.data["notices"]["received"] == report.data["notices"]["received"] + 1
    from newsroom.reports.layout import document_for

    assert document_for(correction).replaces == (
        "Báo cáo này thay thế báo cáo số 1/BC-TTVH gửi ngày 26/11/2026: "
        "Bổ sung một thông báo trễ hạn"
    )
    with pytest.raises(ReportRefused):
        make_correction(report, "Lần nữa")


def test_a_report_without_recipients_is_not_sent(world):
    report = generate_draft(world.centre, WEEK_START)
    with pytest.raises(ReportRefused, match="Chưa có người nhận"):
        send(report)
    report.refresh_from_db()
    assert (report.sent_at, report.docx) == (None, None)


@pytest.mark.parametrize(
    ("today", "starts_on", "week"),
    [
        (date(2026, 11, 26), 3, (date(2026, 11, 19), date(2026, 11, 25))),  # Thu → Thu–Wed
        (date(2026, 11, 27), 3, (date(2026, 11, 19), date(2026, 11, 25))),  # Friday: same
        (date(2026, 11, 26), 0, (date(2026, 11, 16), date(2026, 11, 22))),  # Mon–Sun week
    ],
)
def test_the_reporting_week_is_the_last_complete_one(today, starts_on, week):
    assert week_for(today, starts_on) == week


# --- The schedule ------------------------------------------------------------------------


def schedule(centre, **kw):
    conf, _created = ReportSettings.objects.get_or_create(centre=centre)
    for key, value in kw.items():
        setattr(conf, key, value)
    conf.save()
    return conf


def at(hour, minute=0, day=NOW.day):
    return datetime(2026, 11, day, hour, minute, tzinfo=HCM)


def test_thursday_run_drafts_the_configured_week_sends_only_automatic_centres(
    world, known_week, django_capture_on_commit_callbacks
):
    schedule(world.centre, send_time=time(14, 0), auto_send=True)
    schedule(
        world.centre2,
        send_time=time(13, 0),
        week_starts_on=0,
        recipients="vp2@example.org",
        auto_send=False,
    )
    with django_capture_on_commit_callbacks(execute=True):
        before = sweep(at(12, 59))
        one = sweep(at(13, 0))
        two = sweep(at(14, 0))
        again = sweep(at(14, 1))
        reminder = sweep(at(14, 30))
        reminder_again = sweep(at(14, 31))
    assert before == {world.centre.pk: "", world.centre2.pk: ""}
    assert one == {world.centre.pk: "", world.centre2.pk: "draft"}
    assert two == {world.centre.pk: "sent", world.centre2.pk: ""}
    assert again == {world.centre.pk: "", world.centre2.pk: ""}
    assert reminder == {world.centre.pk: "", world.centre2.pk: "reminded"}
    assert reminder_again == {world.centre.pk: "", world.centre2.pk: ""}
    first = WeeklyReport.objects.get(centre=world.centre)
    other = WeeklyReport.objects.get(centre=world.centre2)
    assert (first.week_start, first.is_sent) == (WEEK_START, True)
    assert (other.week_start, other.week_end, other.is_sent) == (
        date(2026, 11, 16),
        date(2026, 11, 22),
        False,
    )
    to_director2 = [m.subject for m in mail.outbox if m.to == [world.director2.email]]
    assert to_director2 == [
        "Báo cáo tuần số 1 (16/11/2026 – 22/11/2026) đã sẵn sàng để xem xét",
        "Nhắc việc: báo cáo tuần số 1 chưa được gửi",
    ]
    assert "vp2@example.org" not in [m.to[0] for m in mail.outbox]


def test_no_run_on_another_weekday(world, known_week):
    schedule(world.centre, send_weekday=4)
    assert sweep(at(14, 0))[world.centre.pk] == ""
    assert not WeeklyReport.objects.filter(centre=world.centre).exists()


def test_the_beat_sweeper_is_in_the_schedule_and_the_global_crontab_is_gone():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["weekly-report-sweep"]
    assert entry == {"task": "newsroom.sweep_weekly_reports", "schedule": 60.0}
    assert not PeriodicTask.objects.filter(task="newsroom.generate_weekly_reports").exists()


# --- Access --------------------------------------------------------------------------------


def report_urls(report):
    return [
        ("get", reverse("newsroom:report_detail", args=[report.pk])),
        ("get", reverse("newsroom:report_excel", args=[report.pk])),
        ("get", reverse("newsroom:report_word", args=[report.pk])),
        ("post", reverse("newsroom:report_regenerate", args=[report.pk])),
        ("post", reverse("newsroom:report_commentary", args=[report.pk])),
        ("get", reverse("newsroom:report_send", args=[report.pk])),
        ("post", reverse("newsroom:report_correct", args=[report.pk])),
    ]


def test_director_reads_downloads_and_regenerates_own_centre_report(world, client_for):
    report = generate_draft(world.centre, WEEK_START)
    client = client_for(world.director)
    statuses = [getattr(client, m)(url).status_code for m, url in report_urls(report)]
    assert statuses == [200, 200, 200, 302, 302, 200, 400]  # a correction needs a note
    download = client.get(report_urls(report)[1][1])
    assert download["Content-Type"].endswith("sheet")
    assert download["Cache-Control"] == "private, no-store"


def test_director2_gets_404_for_the_other_centres_report(world, client_for):
    report = generate_draft(world.centre, WEEK_START)
    client = client_for(world.director2)
    statuses = [getattr(client, m)(url).status_code for m, url in report_urls(report)]
    assert statuses == [404] * 7
    assert list(client.get(reverse("newsroom:report_list")).context["page"]) == []


def test_reviewer_reads_every_centre_but_cannot_regenerate(world, client_for):
    report = generate_draft(world.centre, WEEK_START)
    client = client_for(world.reviewer)
    statuses = [getattr(client, m)(url).status_code for m, url in report_urls(report)]
    assert statuses == [200, 200, 200, 403, 403, 403, 403]


def test_reporters_and_agencies_cannot_open_the_archive(world, client_for):
    for user in (world.reporter, world.agency_user):
        assert client_for(user).get(reverse("newsroom:report_list")).status_code == 403


def test_director_generates_this_weeks_report_on_demand(world, client_for):
    response = client_for(world.director).post(reverse("newsroom:report_generate"), with_token())
    report = WeeklyReport.objects.get()
    assert response.url == reverse("newsroom:report_detail", args=[report.pk])
    assert (report.centre, report.week_start, report.is_sent) == (world.centre, WEEK_START, False)
    assert mail.outbox == []  # a draft is never e-mailed


# --- The director's journey through the views ------------------------------------------


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_director_previews_comments_confirms_and_sends(
    world, known_week, client_for, django_capture_on_commit_callbacks
):
    client = client_for(world.director)
    report = generate_draft(world.centre, WEEK_START)
    detail = reverse("newsroom:report_detail", args=[report.pk])
    page = client.get(detail)
    assert "Dự thảo: chưa gửi." in page.content.decode()
    text = "Các cơ quan cần gửi thông báo sớm hơn.\nĐề nghị UBND xã Tân Lập chấn chỉnh."
    client.post(reverse("newsroom:report_commentary", args=[report.pk]), {"commentary": text})
    page = client.get(detail)
    assert page.context["doc"].sections[-1].lines == [
        "Các cơ quan cần gửi thông báo sớm hơn.",
        "Đề nghị UBND xã Tân Lập chấn chỉnh.",
    ]
    assert page.context["doc"].sections[-1].heading == "VII. Đánh giá và đề xuất"
    send_url = reverse("newsroom:report_send", args=[report.pk])
    confirm = client.get(send_url)
    assert confirm.context["recipients"] == {
        "to": ["vanphong@konray.gov.vn", "lanhdao@konray.gov.vn"],
        "cc": [],
    }
    unconfirmed = client.post(send_url, {})
    assert unconfirmed.context["form"].errors == {"confirm": ["Hãy đánh dấu ô để xác nhận gửi."]}
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(send_url, {"confirm": "on"}, follow=True)
    assert messages_of(sent) == ["Đã gửi báo cáo; báo cáo đã được khóa."]
    assert len(mail.outbox) == 2
    with django_capture_on_commit_callbacks(execute=True):
        twice = client.post(send_url, {"confirm": "on"}, follow=True)
    assert messages_of(twice) == ["Báo cáo này đã được gửi; không gửi lại."]
    assert len(mail.outbox) == 2
    report.refresh_from_db()
    assert (report.sent_by, report.commentary) == (world.director, text)


def test_regenerating_or_annotating_a_sent_report_is_refused_with_a_message(
    world, known_week, client_for
):
    report, _did = send(generate_draft(world.centre, WEEK_START))
    frozen = (bytes(report.docx), report.data, report.commentary)
    client = client_for(world.director)
    for name, data in (("report_regenerate", {}), ("report_commentary", {"commentary": "x"})):
        response = client.post(reverse(f"newsroom:{name}", args=[report.pk]), data, follow=True)
        assert messages_of(response) == [
            "Báo cáo này đã gửi lúc 26/11/2026 14:00 nên không thể thay đổi; "
            "hãy lập bản đính chính."
        ]
    response = client.post(reverse("newsroom:report_generate"), with_token(), follow=True)
    assert messages_of(response)[0].startswith("Báo cáo này đã gửi lúc")
    report.refresh_from_db()
    assert (bytes(report.docx), report.data, report.commentary) == frozen
    assert WeeklyReport.objects.count() == 1


def test_correction_from_the_page_needs_a_note_and_makes_version_2(world, known_week, client_for):
    report, _did = send(generate_draft(world.centre, WEEK_START))
    client = client_for(world.director)
    url = reverse("newsroom:report_correct", args=[report.pk])
    empty = client.post(url, {"note": ""})
    assert empty.status_code == 400
    assert empty.context["correction_form"].errors == {"note": ["Hãy nêu nội dung đính chính."]}
    assert WeeklyReport.objects.count() == 1
    response = client.post(url, {"note": "Bổ sung số liệu"})
    correction = WeeklyReport.objects.get(version=2)
    assert response.url == reverse("newsroom:report_detail", args=[correction.pk])
    assert (correction.replaces, correction.number) == (report, 2)


def test_send_page_without_recipients_says_where_to_add_them(world, client_for):
    report = generate_draft(world.centre, WEEK_START)
    client = client_for(world.director)
    response = client.post(
        reverse("newsroom:report_send", args=[report.pk]), {"confirm": "on"}, follow=True
    )
    assert messages_of(response) == [
        "Chưa có người nhận: hãy thêm nơi nhận trong mục Cài đặt báo cáo tuần trước khi gửi."
    ]
    report.refresh_from_db()
    assert report.sent_at is None


# --- The director's settings -------------------------------------------------------------


def settings_post(**kw):
    data = {
        "week_starts_on": "3",
        "send_weekday": "3",
        "send_time": "13:30",
        "recipients": "vp@konray.gov.vn",
        "copies": "",
        "governing_body": "UBND huyện Kon Rẫy",
        "place": "Kon Rẫy",
        "number_suffix": "BC-TTVH",
        "letter_number_suffix": "TTVH",
        "addressees": "",
        "signer_prefix": "KT. GIÁM ĐỐC",
        "signer_title": "PHÓ GIÁM ĐỐC",
        "signer_name": "Lê Văn C",
    }
    data.update(kw)
    return data


def test_director_edits_own_centres_schedule_without_moving_the_other(world, client_for):
    other = ReportSettings.objects.create(centre=world.centre2, send_time=time(9, 0))
    url = reverse("newsroom:report_settings")
    response = client_for(world.director).post(url, settings_post(auto_send="on"))
    assert response.url == url
    mine = ReportSettings.objects.get(centre=world.centre)
    assert (mine.send_time, mine.auto_send, mine.signer_prefix) == (
        time(13, 30),
        True,
        "KT. GIÁM ĐỐC",
    )
    other.refresh_from_db()
    assert (other.send_time, other.auto_send) == (time(9, 0), False)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("send_time", "25:00", "Hãy nhập giờ trong ngày, ví dụ 14:00."),
        ("send_time", "15:30", "Báo cáo phải gửi trước 15:00: hãy chọn giờ sớm hơn."),
        ("recipients", "khong-phai-email", "“khong-phai-email” không phải là địa chỉ thư điện tử."),
        ("send_weekday", "9", None),
    ],
)
def test_impossible_settings_are_refused_and_nothing_changes(
    world, client_for, field, value, message
):
    response = client_for(world.director).post(
        reverse("newsroom:report_settings"), settings_post(**{field: value})
    )
    assert response.status_code == 400
    errors = response.context["form"].errors[field]
    if message:
        assert errors == [message]
    assert not ReportSettings.objects.filter(centre=world.centre).exclude(send_time=time(14, 0))


def test_only_directors_open_the_settings(world, client_for):
    url = reverse("newsroom:report_settings")
    assert client_for(world.director).get(url).status_code == 200
    assert client_for(world.reviewer).get(url).status_code == 403
    assert client_for(world.agency_user).get(url).status_code == 403


@pytest.mark.parametrize("weeks", [1, 5])
def test_report_archive_query_count_is_constant(
    world, client_for, weeks, django_assert_num_queries
):
    for n in range(weeks):
        generate_draft(world.centre, WEEK_START - timedelta(days=7 * n))
    client = client_for(world.director)
    with django_assert_num_queries(7):
        response = client.get(reverse("newsroom:report_list"))
    assert len(response.context["page"]) == weeks


# --- The Word file in the layout of Decree 30/2020 ---------------------------------------


def word_of(report):
    from newsroom.reports.word import report_document

    return docx.Document(BytesIO(report_document(report)))


def texts_of(cell):
    return [p.text for p in cell.paragraphs if p.text]


def test_word_file_follows_decree_30(world, known_week):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    ReportSettings.objects.filter(centre=world.centre).update(
        signer_prefix="KT. GIÁM ĐỐC", signer_title="PHÓ GIÁM ĐỐC"
    )
    report = generate_draft(world.centre, WEEK_START)
    report = set_commentary(report, "Đề nghị các xã gửi thông báo sớm hơn.")
    word = word_of(report)
    page = word.sections[0]
    mm = [page.page_width, page.page_height]  # stored in twips: compare in whole mm
    mm += [page.top_margin, page.bottom_margin, page.left_margin, page.right_margin]
    assert [round(length.mm) for length in mm] == [210, 297, 20, 20, 30, 15]  # A4
    runs = [r for p in word.paragraphs for r in p.runs] + [
        r
        for t in word.tables
        for row in t.rows
        for c in row.cells
        for p in c.paragraphs
        for r in p.runs
    ]
    assert {r.font.name for r in runs} == {"Times New Roman"}
    assert word.styles["Normal"].font.name == "Times New Roman"

    head = word.tables[0]
    organisation, national, number, place = (c for row in head.rows for c in row.cells)
    assert texts_of(organisation) == ["UBND HUYỆN KON RẪY", world.centre.name.upper()]
    assert organisation.paragraphs[1].runs[0].bold
    assert texts_of(national) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    assert all(p.runs[0].bold for p in national.paragraphs if p.text)
    # each block has its short rule: an empty paragraph with a top border
    for cell in (organisation, national):
        assert cell.paragraphs[2].text == ""
        assert cell.paragraphs[2]._p.pPr.find(qn("w:pBdr")) is not None
    assert texts_of(number) == ["Số: 1/BC-TTVH"]
    assert texts_of(place) == ["Kon Rẫy, ngày 26 tháng 11 năm 2026"]
    assert place.paragraphs[0].runs[0].italic

    body = [p for p in word.paragraphs if p.text]
    title = body[0]
    assert (title.text, title.runs[0].bold, title.alignment) == (
        "BÁO CÁO",
        True,
        WD_ALIGN_PARAGRAPH.CENTER,
    )
    assert body[1].text == (
        "Kết quả thông tin, tuyên truyền và theo dõi báo chí tuần từ ngày 19/11/2026 "
        "đến ngày 25/11/2026"
    )
    headings = [p.text for p in body if p.runs[0].bold][2:]
    assert headings == [
        "I. Thông báo sự kiện",
        "II. Tình hình chấp hành thời hạn báo tin của các cơ quan, đơn vị",
        "III. Tin cộng tác viên",
        "IV. Tin, bài đăng, phát theo kênh",
        "V. Theo dõi thông tin báo chí, mạng xã hội",
        "VI. Tiến độ thực hiện kế hoạch quý",
        "VII. Đánh giá và đề xuất",
    ]
    assert "Đề nghị các xã gửi thông báo sớm hơn." in [p.text for p in body]
    # Vietnamese decimal comma in the compliance table
    compliance = word.tables[1]
    assert [c.text for c in compliance.rows[2].cells] == [
        "Phòng Văn hóa và Thông tin",
        "4",
        "3",
        "1",
        "0",
        "0",
        "75,0",
    ]
    recipients, signer = word.tables[-1].rows[0].cells
    assert texts_of(recipients) == ["Nơi nhận:", "- Như trên;", "- Lưu: VT."]
    assert recipients.paragraphs[0].runs[0].bold and recipients.paragraphs[0].runs[0].italic
    assert texts_of(signer) == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn Bình"]


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2026, 1, 5), "ngày 05 tháng 01 năm 2026"),
        (date(2026, 2, 28), "ngày 28 tháng 02 năm 2026"),
        (date(2026, 3, 9), "ngày 09 tháng 3 năm 2026"),
        (date(2026, 12, 31), "ngày 31 tháng 12 năm 2026"),
    ],
)
def test_dates_are_written_as_decree_30_says(day, text):
    from newsroom.reports.layout import vn_date

    assert vn_date(day) == text


@pytest.mark.parametrize(
    ("value", "text"), [(75.0, "75,0"), (1234, "1.234"), (1234.56, "1.234,6"), (None, "—")]
)
def test_numbers_are_written_the_vietnamese_way(value, text):
    from newsroom.reports.layout import vn_number

    assert vn_number(value) == text


def test_excel_has_one_sheet_per_section(world, known_week):
    from newsroom.reports.excel import report_workbook

    report = set_commentary(generate_draft(world.centre, WEEK_START), "Nhận xét")
    book = openpyxl.load_workbook(BytesIO(report_workbook(report)))
    assert book.sheetnames == [
        "Báo cáo",
        "I. Thông báo sự kiện",
        "II. Thời hạn báo tin",
        "III. Tin cộng tác viên",
        "IV. Tin bài đã đăng, phát",
        "V. Theo dõi báo chí",
        "VI. Kế hoạch quý",
        "VII. Đánh giá, đề xuất",
    ]
    sheet = book["II. Thời hạn báo tin"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[1][0].startswith("Cơ quan, đơn vị không gửi thông báo nào trong kỳ")
    header = [r[0] for r in rows].index("Cơ quan, đơn vị")
    assert rows[header][:2] == ["Cơ quan, đơn vị", "Thông báo sự kiện"]
    assert rows[header + 2] == ["Phòng Văn hóa và Thông tin", 4, 3, 1, 0, 0, 75]
    assert sheet.cell(header + 3, 7).number_format == "0.0"


def test_a_silent_agency_is_named_in_the_report(world, known_week):
    from newsroom.reports.layout import document_for

    report = generate_draft(world.centre, WEEK_START)
    section = document_for(report).sections[1]
    assert section.lines[0].startswith("Cơ quan, đơn vị không gửi thông báo nào trong kỳ (")
    assert "Xã Đăk Ruồng" in section.lines[0]
    assert [row[0] for row in section.rows] == ["UBND xã Tân Lập", "Phòng Văn hóa và Thông tin"]


# --- The draft's figures link to the lists they count -----------------------------------

FIGURE_LINK = re.compile(r'<a href="([^"]+)" data-testid="figure-link">([^<]+)</a>')


def test_each_figure_of_the_draft_links_to_a_list_of_exactly_that_many(
    world, known_week, client_for
):
    NoticeFactory(  # cancelled by its agency: counted as cancelled, not in compliance
        agency=world.agency,
        created_by=world.agency_user,
        received_at=IN_WEEK,
        starts_at=IN_WEEK + timedelta(days=1),
        verdict=Verdict.LATE,
        status=NoticeStatus.CANCELLED,
    )
    report = generate_draft(world.centre, WEEK_START)
    client = client_for(world.director)
    page = client.get(reverse("newsroom:report_detail", args=[report.pk])).content.decode()
    links = [(html.unescape(href), text) for href, text in FIGURE_LINK.findall(page)]
    counted = {}
    for href, text in links:
        listed = client.get(href)
        assert listed.status_code == 200, href
        assert listed.context["page"].paginator.count == int(text), href
        counted[urlsplit(href).path] = counted.get(urlsplit(href).path, 0) + 1
    # I: received, covered, declined, cancelled; II: 2 agencies × notices and 4 verdicts;
    # III: sent, published; IV: 2 channels; V: items, 4 assessments, needed, responded,
    # overdue. (Returns are counted per decision, a list shows stories: not linked.)
    assert counted == {
        reverse("newsroom:triage"): 4 + 2 * 5,
        reverse("stories:list"): 2,
        reverse("newsroom:publication_list"): 2,
        reverse("newsroom:monitoring_list"): 1 + 4 + 3,
    }
    received = next(href for href, _text in links if "received_from" in href)
    assert client.get(received).context["page"].paginator.count == 5


def test_a_sent_report_and_a_reader_who_cannot_edit_see_no_links(world, known_week, client_for):
    report = generate_draft(world.centre, WEEK_START)
    url = reverse("newsroom:report_detail", args=[report.pk])
    assert FIGURE_LINK.findall(client_for(world.reviewer).get(url).content.decode()) == []
    send(report)
    assert FIGURE_LINK.findall(client_for(world.director).get(url).content.decode()) == []


def test_a_silent_agency_that_wrote_stories_is_named_with_them(world, known_week):
    story(world, world.locality, (SENT,))
    (line,) = document_for(generate_draft(world.centre, WEEK_START)).sections[1].lines
    prefix, _sep, names = line.partition(": ")
    assert prefix.startswith("Cơ quan, đơn vị không gửi thông báo nào trong kỳ")
    # (the story's author came with an agency of its own, silent too)
    assert names.split(", ")[0] == "Xã Đăk Ruồng (1 tin cộng tác viên)"


def test_the_beat_sweep_hands_each_due_centre_to_its_own_task(
    world, known_week, django_capture_on_commit_callbacks
):
    from newsroom import tasks
    from newsroom.services.reports import due_schedule_ids

    schedule(world.centre, send_time=time(14, 0), auto_send=False)
    schedule(world.centre2, send_time=time(13, 0), auto_send=False)
    assert due_schedule_ids(at(12, 59)) == []
    assert due_schedule_ids(at(13, 30)) == [world.centre2.report_settings.pk]
    with (
        time_machine.travel(at(14, 0), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert tasks.sweep_weekly_reports() == 2
        assert tasks.sweep_weekly_reports() == 2  # handed out again: each task's claim holds
    drafts = WeeklyReport.objects.values_list("centre_id", "sent_at").order_by("centre_id")
    assert list(drafts) == sorted([(world.centre.pk, None), (world.centre2.pk, None)])
