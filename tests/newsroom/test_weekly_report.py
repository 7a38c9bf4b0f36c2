"""The weekly report: figures for a known week, both files, idempotence, who may read it."""

from datetime import date, datetime, timedelta
from io import BytesIO
from zoneinfo import ZoneInfo

import docx
import openpyxl
import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

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
from newsroom.services.reports import generate_report
from tests.factories import NoticeFactory, StoryFactory

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
    data = generate_report(world.centre, WEEK_START, send=False).data
    assert data["period"] == {"start": "2026-11-19", "end": "2026-11-25"}
    assert data["notices"] == {"received": 4, "covered": 1, "declined": 1, "cancelled": 0}
    # As the compliance page counts (notices whose event falls in the week), worst first.
    assert [
        (r["agency"], r["total"], r["on_time"], r["late"], r["rate"]) for r in data["compliance"]
    ] == [
        ("UBND xã Tân Lập", 1, 0, 1, 0.0),
        ("Phòng Văn hóa và Thông tin", 4, 3, 1, 75.0),
    ]
    assert data["stories"] == {"received": 2, "returned": 1, "published": 1}
    radio, website = Channel.objects.order_by("position", "pk")[:2]
    assert data["publications"] == [
        {"channel": radio.name, "count": 2},  # the covered notice and a story
        {"channel": website.name, "count": 1},
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
    report = generate_report(world.centre, WEEK_START, send=False)
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


def test_generating_twice_keeps_one_report_and_sends_once_unless_resent(
    world, known_week, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = generate_report(world.centre, WEEK_START)
        second = generate_report(world.centre, WEEK_START)
    assert WeeklyReport.objects.count() == 1
    assert first.pk == second.pk
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
    with django_capture_on_commit_callbacks(execute=True):
        generate_report(world.centre, WEEK_START, resend=True)
    assert len(mail.outbox) == 4


def test_thursday_schedule_lives_in_the_database_scheduler():
    task = PeriodicTask.objects.get(task="newsroom.generate_weekly_reports")
    crontab = task.crontab
    assert (crontab.minute, crontab.hour, crontab.day_of_week, str(crontab.timezone)) == (
        "0",
        "14",
        "4",
        "Asia/Ho_Chi_Minh",
    )


# --- Access --------------------------------------------------------------------------------


def report_urls(report):
    return [
        ("get", reverse("newsroom:report_detail", args=[report.pk])),
        ("get", reverse("newsroom:report_excel", args=[report.pk])),
        ("get", reverse("newsroom:report_word", args=[report.pk])),
        ("post", reverse("newsroom:report_regenerate", args=[report.pk])),
    ]


def test_director_reads_downloads_and_regenerates_own_centre_report(world, client_for):
    report = generate_report(world.centre, WEEK_START, send=False)
    client = client_for(world.director)
    statuses = [getattr(client, m)(url).status_code for m, url in report_urls(report)]
    assert statuses == [200, 200, 200, 302]
    assert client.get(report_urls(report)[1][1])["Content-Type"].endswith("sheet")


def test_director2_gets_404_for_the_other_centres_report(world, client_for):
    report = generate_report(world.centre, WEEK_START, send=False)
    client = client_for(world.director2)
    statuses = [getattr(client, m)(url).status_code for m, url in report_urls(report)]
    assert statuses == [404, 404, 404, 404]
    assert list(client.get(reverse("newsroom:report_list")).context["page"]) == []


def test_reviewer_reads_every_centre_but_cannot_regenerate(world, client_for):
    report = generate_report(world.centre, WEEK_START, send=False)
    client = client_for(world.reviewer)
    statuses = [getattr(client, m)(url).status_code for m, url in report_urls(report)]
    assert statuses == [200, 200, 200, 403]


def test_reporters_and_agencies_cannot_open_the_archive(world, client_for):
    for user in (world.reporter, world.agency_user):
        assert client_for(user).get(reverse("newsroom:report_list")).status_code == 403


def test_director_generates_this_weeks_report_on_demand(world, client_for):
    response = client_for(world.director).post(reverse("newsroom:report_generate"))
    report = WeeklyReport.objects.get()
    assert response.url == reverse("newsroom:report_detail", args=[report.pk])
    assert (report.centre, report.week_start) == (world.centre, WEEK_START)


@pytest.mark.parametrize("weeks", [1, 5])
def test_report_archive_query_count_is_constant(
    world, client_for, weeks, django_assert_num_queries
):
    for n in range(weeks):
        generate_report(world.centre, WEEK_START - timedelta(days=7 * n), send=False)
    client = client_for(world.director)
    with django_assert_num_queries(7):
        response = client.get(reverse("newsroom:report_list"))
    assert len(response.context["page"]) == weeks
