"""Reminders go only to those behind (time frozen); the closing summary lists each unit."""

from datetime import timedelta
from io import BytesIO

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from docx import Document as WordDocument
from openpyxl import load_workbook

from campaigns.enums import CampaignStatus, TaskAudience
from campaigns.models import Recipient
from campaigns.services.tracking import acknowledge, report_task
from campaigns.tasks import send_reminders
from tests.campaigns.helpers import NOW, communes, sent


@pytest.fixture
def province(world):
    return communes(world)


def report_all(campaign, organisation, user, summary="Đã phát trên FM huyện"):
    row = Recipient.objects.get(campaign=campaign, organisation=organisation)
    for task in campaign.tasks.filter(audience__in=[TaskAudience.ALL, row.kind]):
        report_task(
            row,
            task,
            by=user,
            data={"summary": summary, "done_on": NOW.date(), "channel": "radio", "times": 2},
        )
    return row


def told(outbox):
    return sorted((m.to[0], m.subject.split(":")[0]) for m in outbox)


def test_reminders_go_only_to_those_behind_and_only_once(
    province, settings, django_capture_on_commit_callbacks
):
    world = province
    settings.CAMPAIGN_ACK_REMIND_AFTER_DAYS = 3
    with time_machine.travel(NOW, tick=False):
        campaign = sent(world, to_centres=True, to_named=[world.agency])
        acknowledge(
            Recipient.objects.get(campaign=campaign, organisation=world.centre), by=world.director
        )
    mail.outbox.clear()
    with time_machine.travel(NOW + timedelta(days=2, hours=23), tick=False):
        assert send_reminders() == 0
    with (
        time_machine.travel(NOW + timedelta(days=3, hours=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert send_reminders() == 2
        assert send_reminders() == 0  # each reminder once
    assert told(mail.outbox) == sorted(
        [
            (world.director2.email, "Nhắc việc"),
            (world.agency_user.email, "Nhắc việc"),
        ]
    )
    mail.outbox.clear()
    report_all(campaign, world.centre, world.director)
    # The end date (6/12) has passed: those who have not reported everything are told.
    with (
        time_machine.travel(NOW + timedelta(days=14), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert send_reminders() == 2
        assert send_reminders() == 0
    assert told(mail.outbox) == sorted(
        [
            (world.director2.email, "Quá hạn"),
            (world.agency_user.email, "Quá hạn"),
        ]
    )


def test_a_closed_campaign_reminds_nobody(province, client_for):
    world = province
    with time_machine.travel(NOW, tick=False):
        campaign = sent(world, to_centres=True)
        response = client_for(world.reviewer).post(reverse("campaigns:close", args=[campaign.pk]))
        assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.CLOSED
    mail.outbox.clear()
    with time_machine.travel(NOW + timedelta(days=30), tick=False):
        assert send_reminders() == 0


def test_the_summary_excel_and_word_list_what_each_unit_did(province, client_for):
    world = province
    with time_machine.travel(NOW, tick=False):
        campaign = sent(world)
        report_all(campaign, world.centre, world.director, summary="Phát 2 lần trên FM Kon Rẫy")
        client = client_for(world.reviewer)
        excel = client.get(reverse("campaigns:summary_excel", args=[campaign.pk]))
        word = client.get(reverse("campaigns:summary_word", args=[campaign.pk]))
    assert excel["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(BytesIO(excel.content))
    assert book.sheetnames == ["Tổng kết", "I. Chiến dịch", "II. Kết quả theo đơn vị"]
    rows = list(book["II. Kết quả theo đơn vị"].iter_rows(values_only=True))
    header = rows.index(
        (
            "Đơn vị",
            "Trạng thái",
            "Nhiệm vụ",
            "Nội dung đã thực hiện",
            "Thời gian",
            "Kênh",
            "Số lần",
            "Liên kết",
        )
    )
    body = rows[header + 1 :]
    # Each unit's row per task it was given: 2 centres × 2, 2 communes × 2, 1 agency × 1.
    assert len(body) == 9
    centre_rows = [r for r in body if r[0] == world.centre.name]
    assert [(r[1], r[3], r[6]) for r in centre_rows] == [
        ("Đã báo cáo", "Phát 2 lần trên FM Kon Rẫy", 2),
        ("Đã báo cáo", "Phát 2 lần trên FM Kon Rẫy", 2),
    ]
    assert {r[0] for r in body} == {
        world.centre.name,
        world.centre2.name,
        world.locality.name,
        world.locality2.name,
        world.agency.name,
    }
    assert [r[3] for r in body if r[0] == world.agency.name] == ["Chưa báo cáo"]
    text = "\n".join(p.text for p in WordDocument(BytesIO(word.content)).paragraphs)
    cells = [
        cell.text
        for table in WordDocument(BytesIO(word.content)).tables
        for row in table.rows
        for cell in row.cells
    ]
    assert "BÁO CÁO" in text
    assert cells[:4] == [
        # the governing body above the Department (the province), then the Department
        f"{world.reviewer.organisation.parent.name.upper()}\n"
        f"{world.reviewer.organisation.name.upper()}\n",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n",
        "Số:      /BC",
        "Kon Tum, ngày 23 tháng 11 năm 2026",
    ]
    assert "Phát 2 lần trên FM Kon Rẫy" in cells
    assert world.locality2.name in cells
    assert "Thực hiện văn bản số 130/KH-TU ngày 12/03/2024 của Ban Thường vụ Tỉnh ủy." in text
