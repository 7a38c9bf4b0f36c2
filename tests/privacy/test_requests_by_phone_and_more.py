"""The rest of a person's requests: the code by SMS to the phone on file, the user
account and notices' contact persons in "see", and a correction applied from its case."""

import json

import pytest
from django.core import mail
from django.urls import reverse

from contacts.models import PressContact
from portal import sms
from portal.enums import OutboxChannel
from privacy.enums import RequestKind, RequestStatus
from privacy.models import DataRequest
from privacy.services import requests as services
from tests.factories import NoticeFactory, UserFactory
from tests.privacy.conftest import code_in_outbox, code_in_sms


def test_a_person_who_chooses_sms_gets_the_code_on_the_phone_on_file(
    client, huong, send_request, django_capture_on_commit_callbacks
):
    url = send_request(RequestKind.SEE, "", phone="+84 900 000 777", channel=OutboxChannel.SMS)
    assert mail.outbox == []
    assert [m.to for m in sms.outbox] == ["+84 900 000 777"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"code": code_in_sms()})
    assert response.status_code == 200
    case = DataRequest.objects.get()
    assert (case.status, case.channel) == (RequestStatus.OPEN, OutboxChannel.SMS)


def test_without_an_e_mail_the_code_goes_by_sms(client, huong, send_request):
    send_request(RequestKind.SEE, "", phone="0900 999 777")  # her internal phone
    assert [m.to for m in sms.outbox] == ["0900 999 777"]
    assert DataRequest.objects.get().channel == OutboxChannel.SMS


def test_an_unknown_phone_and_a_known_one_see_the_same_page_and_only_the_known_gets_a_code(
    client, huong, send_request
):
    unknown = send_request(RequestKind.SEE, "", phone="0911 111 111")
    known = send_request(RequestKind.SEE, "", phone="0900 000 777")
    assert [m.to for m in sms.outbox] == ["0900 000 777"]
    texts = [
        client.get(url).content.decode().split('data-testid="code-sent"')[1].split("</p>")[0]
        for url in (unknown, known)
    ]
    assert texts[0] == texts[1]
    refused = client.post(unknown, {"code": "123456"})
    assert "Mã không đúng hoặc đã hết hạn" in refused.content.decode()


def test_a_request_needs_an_e_mail_or_a_phone(client, huong):
    response = client.post(
        reverse("privacy:request_new"),
        {"kind": RequestKind.SEE, "full_name": "Phạm Thị Hương", "channel": OutboxChannel.SMS},
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "phone": ["Nhập số điện thoại, có cả mã vùng hoặc mã mạng."]
    }
    assert DataRequest.objects.count() == 0


@pytest.fixture
def verified(client, send_request, django_capture_on_commit_callbacks):
    def make(kind, email="huong@example.vn", **extra):
        url = send_request(kind, email, **extra)
        code = code_in_sms() if extra.get("phone") and not email else code_in_outbox()
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url, {"code": code})
        mail.outbox.clear()
        sms.outbox.clear()
        return DataRequest.objects.get(status=RequestStatus.OPEN)

    return make


def test_see_includes_the_user_account_and_notices_naming_the_person_but_no_namesake(
    huong, world, verified, django_capture_on_commit_callbacks
):
    UserFactory(
        username="huongpt",
        full_name="Phạm Thị Hương",
        email="huong@example.vn",
        phone="0900 000 777",
        organisation=world.agency,
        role="agency",
    )
    UserFactory(username="huong2", full_name="Phạm Thị Hương", email="khac@example.vn")
    NoticeFactory(agency=world.agency, contact_name="Phạm Thị Hương", contact_phone="0900.000.777")
    NoticeFactory(agency=world.agency, contact_name="Phạm Thị Hương", contact_phone="0900 000 111")
    case = verified(RequestKind.SEE)
    with django_capture_on_commit_callbacks(execute=True):
        services.answer(case, by=world.reviewer, text="Dữ liệu của bạn gửi kèm.")
    (message,) = mail.outbox
    data = json.loads(message.attachments[0][1])
    assert [(a["username"], a["email"], a["phone"], a["role"]) for a in data["accounts"]] == [
        ("huongpt", "huong@example.vn", "0900 000 777", "Cán bộ cơ quan, đơn vị")
    ]
    assert data["accounts"][0]["organisation"] == str(world.agency)
    assert [n["contact_phone"] for n in data["notices"]] == ["0900.000.777"]


def test_an_answer_to_a_request_verified_by_sms_goes_by_sms(
    huong, world, verified, django_capture_on_commit_callbacks
):
    case = verified(RequestKind.RESTRICT, email="", phone="0900 000 777")
    with django_capture_on_commit_callbacks(execute=True):
        services.answer(case, by=world.reviewer, text="Đã ngừng công khai.")
    assert mail.outbox == []
    (message,) = sms.outbox
    assert message.to == "0900 000 777" and "Đã ngừng công khai." in message.body


CORRECT = {"correct_title": "Trưởng văn phòng", "correct_email": "huong.moi@example.vn"}


def test_a_correction_is_shown_beside_the_current_values_and_applied_in_one_step(
    client_for, huong, world, verified, django_capture_on_commit_callbacks
):
    case = verified(RequestKind.CORRECT, **CORRECT)
    assert case.corrections == {"title": "Trưởng văn phòng", "email": "huong.moi@example.vn"}
    reviewer = client_for(world.reviewer)
    page = reviewer.get(reverse("privacy:case", args=[case.pk]))
    table = page.content.decode().split(f'data-testid="correction-{huong.pk}"')[1]
    assert "huong@example.vn" in table.split("</table>")[0]
    with django_capture_on_commit_callbacks(execute=True):
        response = reviewer.post(
            reverse("privacy:case_correct", args=[case.pk]),
            {
                "entry": huong.pk,
                "value_title": "Trưởng văn phòng",
                "value_email": "huong.moi@example.vn",
            },
        )
    assert response.status_code == 302
    huong.refresh_from_db()
    assert (huong.title, huong.email) == ("Trưởng văn phòng", "huong.moi@example.vn")
    assert huong.history.first().history_change_reason.startswith("Đã duyệt đề xuất")
    case.refresh_from_db()
    assert case.status == RequestStatus.ANSWERED
    assert [a["what"] for a in case.actions] == [
        f"Mục #{huong.pk}, chức danh: “Phóng viên thường trú” → “Trưởng văn phòng”",
        f"Mục #{huong.pk}, email (công khai): “huong@example.vn” → “huong.moi@example.vn”",
    ]
    answers = [m for m in mail.outbox if m.to == ["huong@example.vn"]]
    assert len(answers) == 1 and "Dữ liệu của bạn đã được sửa như bạn yêu cầu." in answers[0].body


def test_an_invalid_correction_is_refused_in_vietnamese_and_keeps_what_was_typed(
    client_for, huong, world, verified
):
    case = verified(RequestKind.CORRECT, **CORRECT)
    reviewer = client_for(world.reviewer)
    response = reviewer.post(
        reverse("privacy:case_correct", args=[case.pk]),
        {"entry": huong.pk, "value_title": "Trưởng văn phòng", "value_email": "không-phải-email"},
    )
    assert response.status_code == 200
    form = response.context["correction"]
    assert form.errors == {"value_email": ["Nhập địa chỉ email."]}
    assert form["value_email"].value() == "không-phải-email"
    huong.refresh_from_db()
    assert huong.email == "huong@example.vn"
    case.refresh_from_db()
    assert (case.status, case.actions) == (RequestStatus.OPEN, [])


@pytest.mark.parametrize("who", ["agency_user", "reporter", "director"])
def test_only_reviewers_apply_a_correction(client, client_for, huong, world, who, verified):
    case = verified(RequestKind.CORRECT, **CORRECT)
    client.logout()
    outsider = client_for(getattr(world, who))
    url = reverse("privacy:case_correct", args=[case.pk])
    response = outsider.post(url, {"entry": huong.pk, "value_title": "X", "value_email": ""})
    assert response.status_code == 404
    assert PressContact.objects.get(pk=huong.pk).title == huong.title


def test_anonymous_is_sent_to_sign_in_for_a_correction(client, huong, verified):
    case = verified(RequestKind.CORRECT, **CORRECT)
    response = client.post(reverse("privacy:case_correct", args=[case.pk]), {"entry": huong.pk})
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_an_account_that_sent_notices_is_closed_but_keeps_the_name_its_records_need(
    huong, world, verified, django_capture_on_commit_callbacks
):
    account = UserFactory(
        username="huongpt",
        full_name="Phạm Thị Hương",
        email="huong@example.vn",
        phone="0900 000 779",
        organisation=world.agency,
        role="agency",
    )
    NoticeFactory(agency=world.agency, created_by=account)
    case = verified(RequestKind.DELETE)
    with django_capture_on_commit_callbacks(execute=True):
        services.answer(case, by=world.reviewer, text="Đã xử lý.", erase=True)
    account.refresh_from_db()
    assert (account.is_active, account.email, account.phone, account.full_name) == (
        False,
        "",
        "",
        "Phạm Thị Hương",
    )
    case.refresh_from_db()
    (closed,) = [a for a in case.actions if a["what"].startswith(f"Tài khoản #{account.pk}")]
    assert closed["what"] == f"Tài khoản #{account.pk} đã bị khóa, email và số điện thoại đã bị xóa"
    assert closed["kept"].startswith("Họ tên, cơ quan và vai trò, vì tài khoản đã thực hiện")
