import re

import pytest
from django.core import mail
from django.urls import reverse

from contacts.enums import ContactRole
from tests.contacts.factories import PressAgencyFactory, PressContactFactory
from tests.factories import UserFactory


@pytest.fixture
def administrator(db):
    return UserFactory(username="admin", is_superuser=True, is_staff=True, role="")


@pytest.fixture
def huong(db):
    """A reporter in the directory, and a namesake at another paper with another e-mail."""
    PressContactFactory(
        press_agency=PressAgencyFactory(name="Báo Gia Lai"),
        full_name="Phạm Thị Hương",
        phone="0900 000 778",
        email="huong.khac@example.vn",
        internal_email="",
    )
    return PressContactFactory(
        role=ContactRole.REPORTER,
        press_agency=PressAgencyFactory(name="Báo Kon Tum"),
        full_name="Phạm Thị Hương",
        phone="0900 000 777",
        email="huong@example.vn",
        internal_phone="0900 999 777",
        internal_email="huong.noibo@example.vn",
    )


def code_in_sms() -> str:
    from portal import sms

    (message,) = sms.outbox
    return re.search(r"\b(\d{6})\b", message.body).group(1)


@pytest.fixture(autouse=True)
def empty_sms_outbox():
    from portal import sms

    sms.outbox.clear()
    yield
    sms.outbox.clear()


def code_in_outbox() -> str:
    (message,) = [m for m in mail.outbox if "Mã" in m.subject or "code" in m.subject.lower()]
    return re.search(r"\b(\d{6})\b", message.body).group(1)


@pytest.fixture
def send_request(client, django_capture_on_commit_callbacks):
    """send_request(kind, email, name=…, details=…) → the verify page's URL (the code
    e-mail, if any, is delivered)."""

    def send(kind, email, name="Phạm Thị Hương", details="", **more):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("privacy:request_new"),
                {"kind": kind, "full_name": name, "email": email, "details": details, **more},
            )
        assert response.status_code == 302, response.content.decode()[:3000]
        return response.url

    return send
