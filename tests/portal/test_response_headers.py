"""Every download of internal data says `Cache-Control: private, no-store` (no browser or
proxy keeps a copy), and a view answers 405 to a method it does not take."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from events.enums import StoryStatus
from events.models import Notice, NoticeAttachment, StoryAttachment
from newsroom.services.reports import generate_draft
from tests.contacts.factories import PressAgencyFactory, PressContactFactory
from tests.factories import NoticeFactory, StoryFactory

pytestmark = pytest.mark.django_db
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _pdf():
    return SimpleUploadedFile("giay-moi.pdf", PDF_BYTES)


def notice_attachment(world):
    notice = NoticeFactory(agency=world.agency, locality=world.locality)
    attachment = NoticeAttachment.objects.create(
        notice=notice,
        file=_pdf(),
        original_name="Giấy mời.pdf",
        content_type="application/pdf",
        size=len(PDF_BYTES),
    )
    return world.agency_user, reverse("events:attachment", args=[notice.pk, attachment.pk])


def story_attachment(world):
    story = StoryFactory(agency=world.agency, created_by=world.agency_user)
    attachment = StoryAttachment.objects.create(
        story=story,
        file=_pdf(),
        original_name="Bài.pdf",
        content_type="application/pdf",
        size=len(PDF_BYTES),
    )
    return world.director, reverse("stories:attachment", args=[story.pk, attachment.pk])


def weekly_report(kind):
    def make(world):
        report = generate_draft(world.centre, date(2026, 11, 19))
        return world.director, reverse(f"newsroom:report_{kind}", args=[report.pk])

    return make


def compliance_export(world):
    return world.director, reverse(
        "newsroom:compliance_export"
    ) + "?period=month&number=11&year=2026"


def contacts_export(fmt):
    def make(world):
        PressContactFactory(press_agency=PressAgencyFactory(name="Báo Kon Tum"))
        url = reverse("contacts:public_export", args=[fmt]) + "?fields=internal"
        return world.reviewer, url

    return make


DOWNLOADS = {
    "notice_attachment": notice_attachment,
    "story_attachment": story_attachment,
    "weekly_report_excel": weekly_report("excel"),
    "weekly_report_word": weekly_report("word"),
    "compliance_export": compliance_export,
    "internal_contacts_csv": contacts_export("csv"),
    "internal_contacts_xlsx": contacts_export("xlsx"),
    "internal_contacts_vcard": contacts_export("vcf"),
}


@pytest.mark.parametrize("kind", DOWNLOADS, ids=list(DOWNLOADS))
def test_every_internal_download_is_private_and_never_stored(world, client_for, kind):
    user, url = DOWNLOADS[kind](world)
    response = client_for(user).get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def notice_form(world):
    return {"title": "Hội nghị", "kind": "planned", "locality": world.locality.pk}


@pytest.mark.parametrize(
    ("who", "method", "url_of", "allowed"),
    [
        ("agency_user", "post", lambda n: reverse("events:list"), "GET, HEAD"),
        ("agency_user", "put", lambda n: reverse("events:create"), "GET, HEAD, POST"),
        ("agency_user", "delete", lambda n: reverse("events:detail", args=[n.pk]), "GET, HEAD"),
        ("agency_user", "put", lambda n: reverse("events:edit", args=[n.pk]), "GET, HEAD, POST"),
        ("agency_user", "get", lambda n: reverse("events:cancel", args=[n.pk]), "POST"),
        ("director", "post", lambda n: reverse("newsroom:notice", args=[n.pk]), "GET, HEAD"),
        ("director", "post", lambda n: reverse("newsroom:compliance"), "GET, HEAD"),
        ("reviewer", "patch", lambda n: reverse("contacts:agency_create"), "GET, HEAD, POST"),
        (
            "reviewer",
            "post",
            lambda n: reverse("contacts:public_export", args=["csv"]),
            "GET, HEAD",
        ),
        ("agency_user", "post", lambda n: reverse("home"), "GET, HEAD"),
        ("agency_user", "put", lambda n: reverse("stories:create"), "GET, HEAD, POST"),
    ],
)
def test_a_method_the_view_does_not_take_is_a_405_and_changes_nothing(
    world, client_for, who, method, url_of, allowed
):
    notice = NoticeFactory(agency=world.agency, locality=world.locality, title="Lễ khai mạc")
    client = client_for(getattr(world, who))
    url = url_of(notice)
    if method in ("put", "patch", "delete"):
        response = getattr(client, method)(url, "title=X", content_type="text/plain")
    else:
        response = getattr(client, method)(url, notice_form(world) if method == "post" else None)
    assert response.status_code == 405
    assert response["Allow"] == allowed
    assert list(Notice.objects.values_list("title", "status")) == [("Lễ khai mạc", notice.status)]


def test_a_story_page_still_takes_what_its_form_sends(world, client_for):
    story = StoryFactory(
        agency=world.agency, created_by=world.agency_user, status=StoryStatus.DRAFT
    )
    client = client_for(world.agency_user)
    assert client.get(reverse("stories:edit", args=[story.pk])).status_code == 200
    assert client.head(reverse("stories:detail", args=[story.pk])).status_code == 200
