"""Requests from people about their data: verified by a code to the e-mail on file, a
case with a working-days deadline, answered through the outbox."""

import json
from datetime import date, datetime
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.apps import apps
from django.core import mail
from django.db import models
from django.urls import reverse
from django.utils import timezone
from docx import Document

from contacts.models import PressContact
from events.models import PressInvitation
from events.services.invitations import invite_press
from portal.models import Notification, OutboxMessage
from privacy.enums import RequestKind, RequestStatus
from privacy.models import DataRequest
from privacy.services import requests as services
from privacy.services.workdays import add_working_days
from tests.factories import NoticeFactory, UserFactory
from tests.privacy.conftest import code_in_outbox

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
WEDNESDAY_BEFORE_30_APRIL = datetime(2026, 4, 29, 10, 0, tzinfo=TZ)


def verify(client, url, code):
    return client.post(url, {"code": code})


@pytest.fixture
def open_case(client, send_request, django_capture_on_commit_callbacks):
    def make(kind, email="huong@example.vn", **extra):
        url = send_request(kind, email, **extra)
        with django_capture_on_commit_callbacks(execute=True):
            response = verify(client, url, code_in_outbox())
        assert response.status_code == 200
        return DataRequest.objects.get(status=RequestStatus.OPEN)

    return make


def test_an_unknown_person_and_a_known_one_see_the_same_page_and_only_the_known_gets_a_code(
    client, huong, send_request
):
    unknown = send_request(RequestKind.SEE, "nobody@example.vn")
    known = send_request(RequestKind.SEE, "huong@example.vn")

    assert [m.to for m in mail.outbox] == [["huong@example.vn"]]
    pages = [client.get(url) for url in (unknown, known)]
    assert [p.status_code for p in pages] == [200, 200]
    texts = [p.content.decode().split('data-testid="code-sent"')[1].split("</p>")[0] for p in pages]
    assert texts[0] == texts[1]


def test_a_wrong_code_and_an_unknown_e_mail_get_the_same_refusal_and_reveal_nothing(
    client, huong, send_request
):
    unknown = send_request(RequestKind.SEE, "nobody@example.vn")
    wrong_person = send_request(RequestKind.SEE, "huong@example.vn", name="Kẻ Khác")
    answers = [verify(client, url, "000000") for url in (unknown, wrong_person)]

    errors = [a.context["form"].errors["code"] for a in answers]
    assert (
        errors[0]
        == errors[1]
        == [
            "Mã không đúng hoặc đã hết hạn. Hãy xem lại email hoặc tin nhắn chúng tôi đã gửi, "
            "hoặc làm lại từ đầu."
        ]
    )
    assert "0900 000 777" not in answers[1].content.decode()
    assert DataRequest.objects.filter(status=RequestStatus.OPEN).count() == 0


def test_the_code_stops_working_after_the_tries_allowed(client, huong, settings, send_request):
    url = send_request(RequestKind.SEE, "huong@example.vn")
    code = code_in_outbox()
    for _ in range(settings.DATA_REQUEST_CODE_TRIES):
        verify(client, url, "000000")
    response = verify(client, url, code)
    assert "code" in response.context["form"].errors
    assert DataRequest.objects.get().status == RequestStatus.UNVERIFIED


def test_sending_the_same_request_twice_makes_one(client, huong, send_request):
    # frozen: the page's link is signed with the time, and a second may pass in between
    with time_machine.travel(timezone.now(), tick=False):
        first = send_request(RequestKind.SEE, "huong@example.vn")
        second = send_request(RequestKind.SEE, "huong@example.vn")
    assert first == second
    assert DataRequest.objects.count() == 1
    assert len(mail.outbox) == 1


def test_the_deadline_counts_working_days_across_the_april_holidays(
    client, huong, world, open_case
):
    with time_machine.travel(WEDNESDAY_BEFORE_30_APRIL, tick=False):
        case = open_case(RequestKind.SEE)
    # Thu 30/4 and Fri 1/5 are public holidays, then the weekend: Mon 4/5 and Tue 5/5.
    assert case.due_on == date(2026, 5, 5)
    assert list(
        Notification.objects.filter(kind="data_request_new").values_list(
            "recipient__username", flat=True
        )
    ) == ["reviewer"]


def test_working_days_skip_weekends_and_recorded_holidays(db):
    assert add_working_days(date(2026, 12, 4), 2) == date(2026, 12, 8)  # Friday → Tuesday
    assert add_working_days(date(2026, 2, 13), 2) == date(2026, 2, 24)  # over Tết


def test_reviewers_are_reminded_once_the_day_before_the_deadline(client, huong, world, open_case):
    with time_machine.travel(WEDNESDAY_BEFORE_30_APRIL, tick=False):
        open_case(RequestKind.SEE)
        assert services.remind_due() == 0
    with time_machine.travel(datetime(2026, 5, 4, 8, 0, tzinfo=TZ), tick=False):
        assert services.remind_due() == 1
        assert services.remind_due() == 0
    assert Notification.objects.filter(kind="data_request_due").count() == 1


def test_a_request_to_see_sends_everything_held_about_that_person_and_nothing_about_a_namesake(
    client, client_for, huong, world, django_capture_on_commit_callbacks, open_case
):
    case = open_case(RequestKind.SEE)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.answer(case, by=world.reviewer, text="Dữ liệu của bạn gửi kèm.")

    (message,) = mail.outbox
    assert message.to == ["huong@example.vn"]
    names = [a[0] for a in message.attachments]
    assert names == ["du-lieu-ca-nhan.json", "du-lieu-ca-nhan.docx"]
    data = json.loads(message.attachments[0][1])
    assert [e["phone"] for e in data["entries"]] == ["0900 000 777"]
    assert data["entries"][0]["internal_email"] == "huong.noibo@example.vn"
    assert [r["request"] for r in data["requests"]] == ["Xem dữ liệu của tôi"]
    text = json.dumps(data, ensure_ascii=False)
    assert "0900 000 778" not in text and "huong.khac@example.vn" not in text
    word = Document(BytesIO(message.attachments[1][1]))
    cells = {c.text for t in word.tables for row in t.rows for c in row.cells}
    assert "0900 000 777" in cells and "0900 000 778" not in cells


def every_text_value():
    """Every text, JSON and binary value of every table, through the ORM."""
    kinds = (models.CharField, models.TextField, models.JSONField, models.BinaryField)
    for model in apps.get_models():
        fields = [f.attname for f in model._meta.concrete_fields if isinstance(f, kinds)]
        if not fields:
            continue
        for row in model._default_manager.values_list(*fields):
            for value in row:
                if isinstance(value, bytes | memoryview):
                    value = bytes(value).decode("utf-8", "replace")
                elif not isinstance(value, str):
                    value = json.dumps(value, ensure_ascii=False)
                yield model._meta.label, value


def test_a_request_to_delete_anonymises_the_person_everywhere(
    client, huong, world, django_capture_on_commit_callbacks, open_case
):
    notice = NoticeFactory(agency=world.agency)
    with django_capture_on_commit_callbacks(execute=True):
        invite_press(notice, [huong], by=world.director)
    # Her user account (same e-mail) and a notice naming her as contact (same phone,
    # written another way); a namesake's notice (another phone) is not hers.
    account = UserFactory(
        username="huongpt",
        full_name="Phạm Thị Hương",
        email="HUONG@example.vn",
        phone="0900 000 779",
        organisation=world.agency,
        role="agency",
    )
    hers = NoticeFactory(
        agency=world.agency, contact_name="Phạm Thị Hương", contact_phone="+84 900 000 777"
    )
    namesakes = NoticeFactory(
        agency=world.agency, contact_name="Phạm Thị Hương", contact_phone="0900 000 111"
    )
    huong.title = "Phóng viên Phạm Thị Hương"
    huong._change_reason = "Sửa chức danh"
    huong.save()
    case = open_case(RequestKind.DELETE, details="Tôi là Phạm Thị Hương, xóa giúp tôi")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.answer(case, by=world.reviewer, text="Đã xóa dữ liệu của bạn.", erase=True)

    secrets = ("0900 000 777", "0900 999 777", "huong.noibo@example.vn", "0900 000 779", "huongpt")
    found = [
        (table, value[:80])
        for table, value in every_text_value()
        if any(s in value for s in secrets)
    ]
    assert found == []
    with_name = {table for table, value in every_text_value() if "Phạm Thị Hương" in value}
    # Only the namesakes (another person, another e-mail or phone) still have the name.
    assert with_name == {
        "contacts.PressContact",
        "contacts.HistoricalPressContact",
        "events.Notice",
        "events.HistoricalNotice",
    }
    namesakes.refresh_from_db()
    assert namesakes.contact_name == "Phạm Thị Hương"
    hers.refresh_from_db()
    assert (hers.contact_name, hers.contact_phone, hers.title) == (
        f"Người đã ẩn danh #R{case.pk}",
        "",
        NoticeFactory._meta.model.objects.get(pk=hers.pk).title,
    )
    account.refresh_from_db()
    assert (account.is_active, account.has_usable_password(), account.email, account.phone) == (
        False,
        False,
        "",
        "",
    )
    assert (account.username, account.full_name) == (f"an-danh-{account.pk}", "")
    assert PressContact.objects.filter(full_name="Phạm Thị Hương").get().email == (
        "huong.khac@example.vn"
    )
    huong.refresh_from_db()
    assert (huong.is_active, huong.full_name) == (False, f"Người đã ẩn danh #{huong.pk}")
    assert PressInvitation.objects.get().email == f"an-danh-{huong.pk}@invalid.invalid"
    case.refresh_from_db()
    assert case.status == RequestStatus.ANSWERED
    assert [a["what"] for a in case.actions][0].startswith(f"Mục #{huong.pk} đã được ẩn danh")
    (answer,) = mail.outbox
    assert answer.to == ["huong@example.vn"] and "Đã xóa dữ liệu của bạn." in answer.body
    assert OutboxMessage.objects.filter(kind="data_request_answer").count() == 1


def test_a_serving_spokesperson_keeps_what_decree_09_requires(
    client, world, django_capture_on_commit_callbacks, open_case
):
    from contacts.enums import ContactRole, LegalBasis
    from tests.contacts.factories import PressContactFactory

    spokesperson = PressContactFactory(
        role=ContactRole.SPOKESPERSON,
        press_agency=None,
        organisation=world.agency,
        full_name="Lê Văn Phát",
        phone="0900 000 555",
        email="phat@example.vn",
        internal_phone="0900 999 555",
        phone_basis=LegalBasis.OFFICIAL_DUTY,
        email_basis=LegalBasis.OFFICIAL_DUTY,
    )
    case = open_case(RequestKind.DELETE, email="phat@example.vn", name="Lê Văn Phát")
    with django_capture_on_commit_callbacks(execute=True):
        services.answer(case, by=world.reviewer, text="Đã xử lý một phần.", erase=True)
    spokesperson.refresh_from_db()
    assert (spokesperson.full_name, spokesperson.phone, spokesperson.internal_phone) == (
        "Lê Văn Phát",
        "0900 000 555",
        "",
    )
    case.refresh_from_db()
    assert "Nghị định 09/2017" in case.actions[0]["kept"]


@pytest.mark.parametrize("who", ["agency_user", "reporter", "director"])
def test_only_reviewers_and_administrators_see_cases(
    client, client_for, huong, world, who, open_case
):
    case = open_case(RequestKind.SEE)
    client.logout()
    outsider = client_for(getattr(world, who))
    assert outsider.get(reverse("privacy:cases")).status_code == 403
    assert outsider.get(reverse("privacy:case", args=[case.pk])).status_code == 404
    assert outsider.get(reverse("privacy:case_export", args=[case.pk, "json"])).status_code == 404


def test_reviewers_and_administrators_open_the_case_and_its_export(
    client, client_for, huong, world, administrator, open_case
):
    case = open_case(RequestKind.SEE)
    for user in (world.reviewer, administrator):
        client.logout()
        signed_in = client_for(user)
        page = signed_in.get(reverse("privacy:case", args=[case.pk]))
        assert page.status_code == 200
        assert [e["phone"] for e in page.context["held"]["entries"]] == ["0900 000 777"]
        export = signed_in.get(reverse("privacy:case_export", args=[case.pk, "json"]))
        assert json.loads(b"".join(export))["email"] == "huong@example.vn"


@pytest.mark.parametrize("count", [1, 3])
def test_case_list_query_count_is_constant(client_for, world, django_assert_num_queries, count):
    for n in range(count):
        DataRequest.objects.create(
            kind=RequestKind.SEE,
            full_name=f"Người {n}",
            email=f"n{n}@example.vn",
            status=RequestStatus.OPEN,
            due_on=date(2026, 12, 8),
        )
    signed_in = client_for(world.reviewer)
    with django_assert_num_queries(7):
        response = signed_in.get(reverse("privacy:cases"))
    assert len(response.context["page"].object_list) == count


def test_an_unverified_request_cannot_be_answered(world, huong, client, send_request):
    send_request(RequestKind.SEE, "huong@example.vn")
    case = DataRequest.objects.get()
    with pytest.raises(Exception, match="chưa được"):
        services.answer(case, by=world.reviewer, text="x")


def test_a_request_to_restrict_stops_publishing_the_consented_fields(
    client, huong, world, open_case, django_capture_on_commit_callbacks
):
    case = open_case(RequestKind.RESTRICT)
    with django_capture_on_commit_callbacks(execute=True):
        services.answer(case, by=world.reviewer, text="Đã ngừng công khai.")
    huong.refresh_from_db()
    assert (huong.phone_basis, huong.email_basis) == ("none", "none")
    assert "0900 000 777" not in client.get(reverse("contacts:public_list")).content.decode()
    case.refresh_from_db()
    assert case.actions == [
        {"what": f"Mục #{huong.pk}: không còn công khai: điện thoại (công khai), email (công khai)"}
    ]
