"""Inviting the press to an event (seed 001): pick contacts, e-mail each an invitation
with an .ics file, record who was invited and when. Nobody is invited twice."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vCalAddress, vText

from events.enums import NoticeStatus
from events.models import Notice, PressInvitation
from portal.outbox import Attachment, notify_address

TZ = "Asia/Ho_Chi_Minh"


# ---- calendar file -------------------------------------------------------------------


def notice_ics(notice: Notice) -> bytes:
    """One VEVENT in Vietnam's time zone, with its VTIMEZONE."""
    zone = ZoneInfo(TZ)
    calendar = Calendar()
    calendar.add("prodid", "-//Dua Tin//Press invitation//VI")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = Event()
    event.add("uid", f"notice-{notice.pk}@{settings.SITE_URL.split('//')[-1]}")
    event.add("dtstamp", datetime.now(tz=zone))
    event.add("dtstart", timezone.localtime(notice.starts_at, zone))
    event.add("dtend", timezone.localtime(notice.ends_at, zone))
    event.add("summary", notice.title)
    location = notice.address + (f", {notice.locality}" if notice.locality_id else "")
    event.add("location", vText(location))
    description = "\n".join(
        x
        for x in (notice.description, f"{notice.agency}", notice.contact_name, notice.contact_phone)
        if x
    )
    event.add("description", description)
    if notice.agency.email:
        event.add("organizer", vCalAddress(f"mailto:{notice.agency.email}"))
    calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()


@transaction.atomic
def invite_press(
    notice: Notice, contacts, *, by, message: str = "", documents=()
) -> list[PressInvitation]:
    """Invite every contact with an e-mail not yet invited to this notice; return the new
    invitations (an empty list when all were invited already). `message` is the
    director's own words at the top; `documents` (the notice's attachments: its
    invitation, press release…) go with the .ics."""
    notice = (
        Notice.objects.select_for_update(of=("self",))
        .select_related("agency", "locality")
        .get(pk=notice.pk)
    )
    if notice.status == NoticeStatus.CANCELLED:
        raise ValidationError(_("This event was cancelled."))
    already = set(notice.press_invitations.values_list("contact_id", flat=True))
    ics = Attachment(
        f"su-kien-{notice.pk}.ics", notice_ics(notice), "text/calendar; method=PUBLISH"
    )
    files = [ics] + [
        Attachment(document.original_name, _read(document), document.content_type)
        for document in documents
        if document.notice_id == notice.pk
    ]
    created = []
    for contact in contacts:
        email = contact.invitation_email
        if not email or contact.pk in already:
            continue
        already.add(contact.pk)
        invitation = PressInvitation.objects.create(
            notice=notice, contact=contact, email=email, invited_by=by
        )
        notify_address(
            email,
            "press_invitation",
            {"notice": notice, "contact": contact, "invited_by": by, "message": message},
            attachments=files,
        )
        created.append(invitation)
    return created


def _read(document) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()
