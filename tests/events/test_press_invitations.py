"""Inviting the press to an event: one e-mail per contact, an .ics that parses, never twice."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from icalendar import Calendar

from contacts.enums import PressLevel
from events.enums import NoticeStatus
from events.models import PressInvitation
from events.services.invitations import invite_press
from tests.contacts.factories import PressAgencyFactory, PressContactFactory
from tests.factories import NoticeFactory
from tests.forms import with_token

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def notice(world):
    return NoticeFactory(
        agency=world.agency,
        title="Lễ khánh thành cầu Đăk Ruồng",
        starts_at=datetime(2030, 5, 19, 8, 0, tzinfo=VN),
        ends_at=datetime(2030, 5, 19, 10, 30, tzinfo=VN),
        address="Thôn 1",
        locality=world.locality,
    )


@pytest.fixture
def press(db):
    provincial = PressAgencyFactory(name="Báo Kon Tum", level=PressLevel.PROVINCIAL)
    central = PressAgencyFactory(name="Báo Nhân Dân", level=PressLevel.CENTRAL)
    return {
        "ung": PressContactFactory(
            press_agency=provincial,
            full_name="Đinh Công Ưng",
            email="ung@example.vn",
            internal_email="",
        ),
        "on": PressContactFactory(
            press_agency=provincial,
            full_name="Vũ Thị Ơn",
            email="",
            internal_email="on.noibo@example.vn",
        ),
        "no_mail": PressContactFactory(
            press_agency=provincial, full_name="Không Thư", email="", internal_email=""
        ),
        "thuong": PressContactFactory(
            press_agency=central, full_name="Nguyễn Văn Thường", email="thuong@example.vn"
        ),
    }


def test_exactly_one_email_per_invited_contact_with_an_ics_that_parses(
    world, notice, press, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        created = invite_press(
            notice, [press["ung"], press["on"], press["no_mail"]], by=world.agency_user
        )
    assert [i.contact for i in created] == [press["ung"], press["on"]]
    assert sorted(m.to[0] for m in mail.outbox) == ["on.noibo@example.vn", "ung@example.vn"]
    message = next(m for m in mail.outbox if m.to == ["ung@example.vn"])
    assert message.subject == "Mời đưa tin: Lễ khánh thành cầu Đăk Ruồng (19/05/2030 08:00)"
    assert "Kính gửi Đinh Công Ưng," in message.body
    assert "19/05/2030 08:00 – 19/05/2030 10:30" in message.body
    [(filename, content, mimetype)] = message.attachments
    assert (filename, mimetype) == (f"su-kien-{notice.pk}.ics", "text/calendar; method=PUBLISH")
    calendar = Calendar.from_ical(content)
    [event] = calendar.walk("VEVENT")
    assert str(event["summary"]) == "Lễ khánh thành cầu Đăk Ruồng"
    assert event.decoded("dtstart") == datetime(2030, 5, 19, 8, 0, tzinfo=VN)
    assert event["dtstart"].params["TZID"] == "Asia/Ho_Chi_Minh"
    assert event.decoded("dtend") == datetime(2030, 5, 19, 10, 30, tzinfo=VN)
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Ho_Chi_Minh"]
    assert str(event["location"]) == "Thôn 1, Xã Đăk Ruồng"


def test_nobody_is_invited_twice_for_the_same_notice(
    world, notice, press, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invite_press(notice, [press["ung"]], by=world.agency_user)
        again = invite_press(
            notice, [press["ung"], press["ung"], press["thuong"]], by=world.reporter
        )
    assert [i.contact for i in again] == [press["thuong"]]
    assert sorted(m.to[0] for m in mail.outbox) == ["thuong@example.vn", "ung@example.vn"]
    assert PressInvitation.objects.filter(notice=notice).count() == 2


def test_all_provincial_press_invites_every_provincial_contact_with_an_email(
    world, notice, press, client_for, django_capture_on_commit_callbacks
):
    client = client_for(world.agency_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:invite", args=[notice.pk]), with_token({"all_provincial": "on"})
        )
    assert response.status_code == 302
    invited = PressInvitation.objects.filter(notice=notice).order_by("contact__full_name")
    assert [(i.contact.full_name, i.email, i.invited_by) for i in invited] == [
        ("Vũ Thị Ơn", "on.noibo@example.vn", world.agency_user),
        ("Đinh Công Ưng", "ung@example.vn", world.agency_user),
    ]
    assert len(mail.outbox) == 2


def test_choosing_nobody_sends_nothing(world, notice, press, client_for):
    client = client_for(world.agency_user)
    response = client.post(reverse("events:invite", args=[notice.pk]), with_token({}))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == ["Chọn ít nhất một liên hệ báo chí."]
    assert PressInvitation.objects.count() == 0
    assert mail.outbox == []


def test_invite_page_for_owner_and_centre_staff_not_for_others(world, notice, press, client_for):
    url = reverse("events:invite", args=[notice.pk])
    assert client_for(world.agency_user).get(url).status_code == 200
    assert client_for(world.reporter).get(url).status_code == 200
    assert client_for(world.director).get(url).status_code == 200
    assert client_for(world.agency2_user).get(url).status_code == 404  # colleague agency
    assert client_for(world.director2).get(url).status_code == 404  # other centre
    assert client_for(world.reviewer).get(url).status_code == 403  # may read, not invite
    post = client_for(world.director2).post(url, {"contacts": [press["ung"].pk]})
    assert post.status_code == 404
    assert PressInvitation.objects.count() == 0


def test_no_invitations_for_a_cancelled_event(world, notice, press, client_for):
    notice.status = NoticeStatus.CANCELLED
    notice.save()
    response = client_for(world.agency_user).post(
        reverse("events:invite", args=[notice.pk]), with_token({"contacts": [press["ung"].pk]})
    )
    assert response.status_code == 403
    assert PressInvitation.objects.count() == 0


@pytest.mark.parametrize("count", [1, 6])
def test_invite_page_query_count_is_constant(
    world, notice, client_for, django_assert_num_queries, count
):
    agency = PressAgencyFactory(name="Báo Kon Tum")
    contacts = [PressContactFactory(press_agency=agency) for _ in range(count)]
    invite_press(notice, contacts[:1], by=world.agency_user)
    client = client_for(world.agency_user)
    # session, user, notice, navbar organisation, unread, invited, candidates, documents
    with django_assert_num_queries(8):
        response = client.get(reverse("events:invite", args=[notice.pk]))
    assert len(response.context["candidates"]) == count


def test_the_notice_page_lists_who_was_invited_when_and_by_whom(world, notice, press, client_for):
    client = client_for(world.agency_user)
    empty = client.get(reverse("events:detail", args=[notice.pk])).content.decode()
    assert "Chưa mời cơ quan báo chí nào." in empty
    invite_press(notice, [press["ung"]], by=world.agency_user)
    for user in (world.agency_user, world.director):
        page = client_for(user).get(reverse("events:detail", args=[notice.pk])).content.decode()
        assert "Đinh Công Ưng · Báo Kon Tum" in page
        invited_at = PressInvitation.objects.get().invited_at.astimezone(VN)
        assert f"ung@example.vn · {invited_at:%d/%m/%Y %H:%M}" in page
        assert world.agency_user.display_name in page
    assert (
        client_for(world.agency2_user).get(reverse("events:detail", args=[notice.pk])).status_code
        == 404
    )


@pytest.mark.parametrize("count", [1, 6])
def test_notice_page_query_count_does_not_grow_with_invitations(
    world, notice, client_for, django_assert_num_queries, count
):
    agency = PressAgencyFactory(name="Báo Kon Tum", level=PressLevel.PROVINCIAL)
    contacts = [
        PressContactFactory(press_agency=agency, email=f"pv{n}@example.vn") for n in range(count)
    ]
    invite_press(notice, contacts, by=world.agency_user)
    client = client_for(world.agency_user)
    client.get(reverse("events:detail", args=[notice.pk]))  # warm the session
    # session, user, navbar organisation, unread count, notice, attachments, invitations,
    # history, changes
    with django_assert_num_queries(9):
        response = client.get(reverse("events:detail", args=[notice.pk]))
    assert len(response.context["invited"]) == count


def test_a_cut_candidate_list_says_so_and_points_to_the_search(
    world, notice, client_for, monkeypatch
):
    monkeypatch.setattr("events.views.invitations.CANDIDATES_SHOWN", 2)
    agency = PressAgencyFactory(name="Báo Kon Tum", level=PressLevel.PROVINCIAL)
    for n in range(3):
        PressContactFactory(press_agency=agency, email=f"pv{n}@example.vn")
    client = client_for(world.agency_user)
    page = client.get(reverse("events:invite", args=[notice.pk]))
    assert len(page.context["candidates"]) == 2
    assert "Chỉ hiển thị 2 người đầu tiên" in page.content.decode()
    narrowed = client.get(reverse("events:invite", args=[notice.pk]), {"q": "pv0"})
    assert 'data-testid="more-candidates"' not in narrowed.content.decode()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _press_release(notice):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from events.models import NoticeAttachment

    return NoticeAttachment.objects.create(
        notice=notice,
        kind="press_release",
        file=SimpleUploadedFile("thong-cao.pdf", PDF),
        original_name="Thông cáo báo chí.pdf",
        content_type="application/pdf",
        size=len(PDF),
    )


def test_an_invitation_carries_the_chosen_documents_and_a_personal_message(
    world, notice, press, client_for, django_capture_on_commit_callbacks
):
    document = _press_release(notice)
    client = client_for(world.agency_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("events:invite", args=[notice.pk]),
            with_token(
                {
                    "contacts": [press["ung"].pk],
                    "documents": [document.pk],
                    "message": "Rất mong anh sắp xếp đến dự.",
                }
            ),
        )
    assert response.status_code == 302
    [message] = mail.outbox
    assert [(name, mimetype) for name, _content, mimetype in message.attachments] == [
        (f"su-kien-{notice.pk}.ics", "text/calendar; method=PUBLISH"),
        ("Thông cáo báo chí.pdf", "application/pdf"),
    ]
    assert message.attachments[1][1] == PDF
    assert "Rất mong anh sắp xếp đến dự." in message.body


def test_another_notices_document_cannot_be_attached(world, notice, press, client_for):
    other = NoticeFactory(
        agency=world.agency, locality=world.locality, created_by=world.agency_user
    )
    foreign = _press_release(other)
    response = client_for(world.agency_user).post(
        reverse("events:invite", args=[notice.pk]),
        with_token({"contacts": [press["ung"].pk], "documents": [foreign.pk]}),
    )
    assert response.status_code == 200
    assert "documents" in response.context["form"].errors
    assert PressInvitation.objects.count() == 0
