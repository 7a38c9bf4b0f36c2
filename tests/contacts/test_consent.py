"""Consent per personal field (Law 91/2025/QH15): private by default, published only with
a basis, one notice with a signed link, withdrawal applies at once."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from contacts.enums import ConsentSource, ContactRole, LegalBasis
from contacts.models import ConsentRecord, PressContact
from contacts.services import consent, review
from portal.models import OutboxMessage
from tests.contacts.factories import PressAgencyFactory, PressContactFactory

LIST = reverse("contacts:public_list")


@pytest.fixture
def agency(db):
    return PressAgencyFactory(name="Báo Kon Tum")


def create_entry(world, agency, callbacks, **extra):
    data = {
        "role": ContactRole.REPORTER,
        "press_agency": agency,
        "full_name": "Phạm Thị Thu Hương",
        "phone": "0900 000 123",
        "email": "huong@example.vn",
        **extra,
    }
    proposal = review.propose_new(by=world.agency_user, data=data)
    with callbacks(execute=True):
        review.approve(proposal, by=world.reviewer)
    return PressContact.objects.get(full_name=data["full_name"])


def consent_link() -> str:
    """The path of the link in the one consent notice sent."""
    (message,) = [m for m in mail.outbox if "/contacts/consent/" in m.body]
    return re.search(r"/contacts/consent/\S+/", message.body).group(0)


def export_text(client, fmt="csv"):
    return b"".join(client.get(reverse("contacts:public_export", args=[fmt]))).decode("utf-8-sig")


def test_a_new_entry_is_private_and_its_person_gets_one_notice(
    world, agency, client, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    contact = create_entry(world, agency, django_capture_on_commit_callbacks)

    assert (contact.phone_basis, contact.email_basis) == (LegalBasis.NONE, LegalBasis.NONE)
    notices = OutboxMessage.objects.filter(kind="contact_consent_notice")
    assert list(notices.values_list("to_email", flat=True)) == ["huong@example.vn"]
    assert [m.to for m in mail.outbox if "/contacts/consent/" in m.body] == [["huong@example.vn"]]
    assert [m.subject for m in mail.outbox if "/contacts/consent/" in m.body][0] == (
        "Dữ liệu của bạn trong danh bạ báo chí của tỉnh: đề nghị xác nhận"
    )
    body = notices.get().body_text
    assert "Phạm Thị Thu Hương" in body and "/contacts/consent/" in body
    html = client.get(LIST).content.decode()
    assert "Phạm Thị Thu Hương" in html
    assert "0900 000 123" not in html and "huong@example.vn" not in html
    assert "0900 000 123" not in export_text(client)


def test_consenting_to_the_phone_but_not_the_email_publishes_only_the_phone(
    world, agency, client, django_capture_on_commit_callbacks
):
    contact = create_entry(world, agency, django_capture_on_commit_callbacks)
    link = consent_link()

    response = client.post(link, {"phone": "on"})

    assert response.status_code == 302
    contact.refresh_from_db()
    assert (contact.phone_basis, contact.email_basis) == (LegalBasis.CONSENT, LegalBasis.NONE)
    record = ConsentRecord.objects.get(contact=contact)
    assert (record.field, record.basis, record.source, record.recorded_by) == (
        "phone",
        LegalBasis.CONSENT,
        ConsentSource.PERSON,
        None,
    )
    html = client.get(LIST).content.decode()
    assert "0900 000 123" in html and "huong@example.vn" not in html
    for fmt in ("csv", "vcf"):
        text = export_text(client, fmt)
        assert "0900 000 123" in text and "huong@example.vn" not in text


def test_withdrawing_hides_the_field_from_list_and_export_at_once(
    world, agency, client, django_capture_on_commit_callbacks
):
    contact = create_entry(world, agency, django_capture_on_commit_callbacks)
    link = consent_link()
    client.post(link, {"phone": "on", "email": "on"})
    assert "huong@example.vn" in export_text(client)

    page = client.get(link)
    assert page.context["form"]["phone"].initial is True
    client.post(link, {"email": "on"})  # phone unticked

    html = client.get(LIST).content.decode()
    assert "0900 000 123" not in html and "huong@example.vn" in html
    assert "0900 000 123" not in export_text(client, "csv")
    assert "0900 000 123" not in export_text(client, "vcf")
    assert list(
        ConsentRecord.objects.filter(contact=contact, field="phone")
        .order_by("pk")
        .values_list("basis", flat=True)
    ) == [LegalBasis.CONSENT, LegalBasis.NONE]


def test_boxes_are_never_ticked_for_the_person(
    world, agency, client, django_capture_on_commit_callbacks
):
    create_entry(world, agency, django_capture_on_commit_callbacks)
    page = client.get(consent_link())
    assert page.status_code == 200
    assert [page.context["form"][f].initial for f in ("phone", "email")] == [False, False]
    assert "checked" not in page.content.decode().split('id="consent-form"')[1]


def test_a_link_for_another_entry_a_tampered_one_and_an_expired_one_change_nothing(
    world, agency, client, django_capture_on_commit_callbacks
):
    contact = create_entry(world, agency, django_capture_on_commit_callbacks)
    other = PressContactFactory(phone_basis=LegalBasis.NONE, email_basis=LegalBasis.NONE)
    token = consent.consent_token(contact)

    reused = client.post(reverse("contacts:consent", args=[other.pk, token]), {"phone": "on"})
    tampered = client.post(
        reverse("contacts:consent", args=[contact.pk, token[:-2] + "xx"]), {"phone": "on"}
    )
    with time_machine.travel(timezone.now() + timedelta(days=31), tick=False):
        expired = client.post(
            reverse("contacts:consent", args=[contact.pk, token]), {"phone": "on"}
        )

    assert [r.status_code for r in (reused, tampered, expired)] == [400, 400, 400]
    assert "không hợp lệ" in reused.content.decode()
    assert "không hợp lệ" in tampered.content.decode()
    assert "hết hạn" in expired.content.decode()
    assert ConsentRecord.objects.count() == 0
    other.refresh_from_db()
    contact.refresh_from_db()
    assert (other.phone_basis, contact.phone_basis) == (LegalBasis.NONE, LegalBasis.NONE)


def test_a_token_signed_for_another_purpose_is_refused(
    world, agency, client, django_capture_on_commit_callbacks
):
    contact = create_entry(world, agency, django_capture_on_commit_callbacks)
    forged = signing.dumps({"c": contact.pk}, salt="something.else")
    response = client.get(reverse("contacts:consent", args=[contact.pk, forged]))
    assert response.status_code == 400


def test_a_spokesperson_work_contacts_are_published_as_official_duty(
    world, client, django_capture_on_commit_callbacks
):
    contact = create_entry(
        world,
        None,
        django_capture_on_commit_callbacks,
        role=ContactRole.SPOKESPERSON,
        press_agency=None,
        organisation=world.agency,
        full_name="Lê Văn Phát Ngôn",
        phone="0900 000 456",
        email="phatngon@example.vn",
    )
    assert (contact.phone_basis, contact.email_basis) == (
        LegalBasis.OFFICIAL_DUTY,
        LegalBasis.OFFICIAL_DUTY,
    )
    assert set(ConsentRecord.objects.values_list("recorded_by", "source")) == {
        (world.reviewer.pk, ConsentSource.REVIEWER)
    }
    assert "0900 000 456" in client.get(LIST).content.decode()
    page = client.get(consent_link())
    assert list(page.context["form"].fields) == []  # official duty is not withdrawn here


def test_changing_a_published_phone_hides_the_new_one_until_consent_and_tells_once(
    world, agency, client, django_capture_on_commit_callbacks
):
    contact = PressContactFactory(press_agency=agency, phone="0900 000 001", email="a@example.vn")
    mail.outbox.clear()
    proposal = review.propose_edit(
        contact, by=world.agency_user, data={"phone": "0900 000 002"}, reason="Số mới"
    )
    with django_capture_on_commit_callbacks(execute=True):
        review.approve(proposal, by=world.reviewer)
    contact.refresh_from_db()
    assert (contact.phone_basis, contact.email_basis) == (LegalBasis.NONE, LegalBasis.CONSENT)
    assert [m.to for m in mail.outbox if "/contacts/consent/" in m.body] == [["a@example.vn"]]
    html = client.get(LIST).content.decode()
    assert "0900 000 002" not in html and "a@example.vn" in html


def test_an_edit_of_a_non_personal_field_sends_no_notice(
    world, agency, django_capture_on_commit_callbacks
):
    contact = PressContactFactory(press_agency=agency)
    proposal = review.propose_edit(contact, by=world.agency_user, data={"area": "Xã Mới"})
    with django_capture_on_commit_callbacks(execute=True):
        review.approve(proposal, by=world.reviewer)
    assert OutboxMessage.objects.filter(kind="contact_consent_notice").count() == 0
