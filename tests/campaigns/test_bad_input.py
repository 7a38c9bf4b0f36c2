"""Bad input: a clear Vietnamese message, nothing changed, never a 500."""

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns.enums import CampaignStatus, TaskAudience
from campaigns.models import Campaign, Material, Recipient, TaskReport
from tests.campaigns.helpers import NOW, communes, draft, png_upload, sent
from tests.campaigns.test_campaigns import create_data
from tests.forms import with_token


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def province(world):
    return communes(world)


def errors_of(response, form="form"):
    return response.context[form].errors


def test_a_campaign_that_ends_before_it_starts_is_refused(province, client_for):
    response = client_for(province.reviewer).post(
        reverse("campaigns:create"), create_data(province, ends_on="2026-11-01")
    )
    assert response.status_code == 200
    assert errors_of(response)["ends_on"] == ["Chiến dịch không thể kết thúc trước ngày bắt đầu."]
    assert Campaign.objects.count() == 0


def test_a_task_without_a_description_is_refused(province, client_for):
    data = create_data(province, **{"task-2-description": ""})
    response = client_for(province.reviewer).post(reverse("campaigns:create"), data)
    assert response.status_code == 200
    assert response.context["tasks"].errors[2] == {
        "description": ["Hãy mô tả nhiệm vụ: cần làm gì."]
    }
    assert Campaign.objects.count() == 0


def test_a_document_without_its_number_is_refused(province, client_for):
    data = create_data(province, **{"doc-0-number": ""})
    response = client_for(province.reviewer).post(reverse("campaigns:create"), data)
    assert response.context["documents"].errors[0] == {
        "number": ["Hãy ghi số, ngày ban hành và cơ quan ban hành."]
    }
    assert Campaign.objects.count() == 0


def test_a_campaign_with_no_recipients_or_no_task_cannot_be_sent(province, client_for):
    campaign = draft(province, tasks=[])
    client = client_for(province.reviewer)
    preview = client.get(reverse("campaigns:send", args=[campaign.pk]))
    assert [str(p) for p in preview.context["problems"]] == [
        "Chưa chọn nơi nhận: hãy chọn các cơ quan, đơn vị nhận chiến dịch.",
        "Chiến dịch chưa có nhiệm vụ: hãy ghi rõ nơi nhận cần làm gì.",
    ]
    response = client.post(
        reverse("campaigns:send", args=[campaign.pk]), with_token({"confirm": "on"})
    )
    assert response.status_code == 400
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.DRAFT
    assert Recipient.objects.count() == 0


def test_sending_without_confirming_sends_nothing(province, client_for):
    campaign = draft(province, to_centres=True)
    response = client_for(province.reviewer).post(
        reverse("campaigns:send", args=[campaign.pk]), with_token({})
    )
    assert response.status_code == 400
    assert errors_of(response)["confirm"] == ["Hãy đánh dấu ô để xác nhận danh sách nơi nhận."]
    assert Recipient.objects.count() == 0


def test_a_material_that_is_not_what_it_claims_is_refused(province, client_for):
    campaign = draft(province, to_centres=True)
    fake = SimpleUploadedFile("banner.png", b"MZ\x90\x00 not an image", content_type="image/png")
    response = client_for(province.reviewer).post(
        reverse("campaigns:material_add", args=[campaign.pk]),
        with_token({"kind": "file", "title": "Banner", "file": fake}),
    )
    assert response.status_code == 200
    assert errors_of(response)["file"] == [
        "Tệp “banner.png” không thuộc định dạng được chấp nhận (JPEG, PNG, WebP, PDF, DOCX). "
        "Hệ thống kiểm tra nội dung tệp, không dựa vào tên tệp."
    ]
    assert Material.objects.count() == 0


def report_url(campaign, audience=TaskAudience.CENTRE):
    task = campaign.tasks.get(audience=audience)
    return reverse("campaigns:report", args=[campaign.pk, task.pk])


def test_an_evidence_file_that_is_not_what_it_claims_is_refused(province, client_for):
    campaign = sent(province, to_centres=True)
    fake = SimpleUploadedFile("anh.jpg", b"%PDF-1.4 but named jpg", content_type="image/jpeg")
    response = client_for(province.director).post(
        report_url(campaign),
        {
            "summary": "Đã phát",
            "done_on": "2026-11-23",
            "channel": "radio",
            "times": "2",
            "evidence": fake,
        },
    )
    assert response.status_code == 400
    assert errors_of(response)["evidence"] == [
        "Tệp “anh.jpg” thực chất là tệp PDF nhưng có phần mở rộng khác. "
        "Vui lòng đổi tên tệp rồi gửi lại."
    ]
    assert TaskReport.objects.count() == 0


def test_a_report_without_what_or_with_zero_times_is_refused(province, client_for):
    campaign = sent(province, to_centres=True)
    response = client_for(province.director).post(
        report_url(campaign), {"done_on": "2026-11-23", "channel": "radio", "times": "0"}
    )
    assert response.status_code == 400
    assert errors_of(response)["summary"] == ["Hãy ghi nội dung đã thực hiện."]
    assert "times" in errors_of(response)
    assert TaskReport.objects.count() == 0


def test_a_report_for_a_campaign_not_received_is_404(province, client_for):
    campaign = sent(province, to_centres=True)
    response = client_for(province.commune2_user).post(
        report_url(campaign, TaskAudience.ALL),
        {"summary": "Đã phát", "done_on": "2026-11-23", "channel": "loudspeaker", "times": "1"},
    )
    assert response.status_code == 404
    assert TaskReport.objects.count() == 0


def test_reporting_twice_replaces_the_report_and_keeps_the_first_in_history(province, client_for):
    campaign = sent(province, to_centres=True)
    client = client_for(province.director)
    url = report_url(campaign)
    first = {"summary": "Đã phát 1 lần", "done_on": "2026-11-23", "channel": "radio", "times": "1"}
    assert client.post(url, {**first, "evidence": png_upload()}).status_code == 302
    second = {**first, "summary": "Đã phát 3 lần", "times": "3"}
    assert client.post(url, second).status_code == 302
    report = TaskReport.objects.get()
    assert (report.summary, report.times) == ("Đã phát 3 lần", 3)
    assert report.evidence_name == "anh.png"  # kept when the second report sends no file
    assert [h.summary for h in report.history.order_by("history_id")] == [
        "Đã phát 1 lần",
        "Đã phát 3 lần",
    ]
    page = client.get(url)
    assert [c["old"] for h in page.context["history"] for c in h["changes"]][:2] == [
        "Đã phát 1 lần",
        "1",
    ]


def test_a_report_dated_in_the_future_is_refused(province, client_for):
    campaign = sent(province, to_centres=True)
    response = client_for(province.director).post(
        report_url(campaign),
        {"summary": "Sẽ phát", "done_on": "2026-12-01", "channel": "radio", "times": "1"},
    )
    assert errors_of(response)["done_on"] == ["Hãy báo cáo việc đã làm, không phải việc dự kiến."]
    assert TaskReport.objects.count() == 0


def test_a_sent_campaign_cannot_be_edited(province, client_for):
    campaign = sent(province, to_centres=True)
    response = client_for(province.reviewer).get(reverse("campaigns:edit", args=[campaign.pk]))
    assert response.status_code == 403
