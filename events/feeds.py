"""The public events feed as iCalendar (RFC 5545) and Atom: title, time, place and the
organisation only: contact details and the centre's notes never appear."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import override
from icalendar import Calendar, Event

from events.enums import NoticeStatus


def place_of(notice) -> str:
    return notice.address + (f", {notice.locality}" if notice.locality_id else "")


def is_cancelled(notice) -> bool:
    return notice.status == NoticeStatus.CANCELLED


def event_uid(notice, host: str) -> str:
    return f"public-notice-{notice.pk}@{host.split(':')[0] or 'duatin'}"


def public_calendar(notices, host: str) -> bytes:
    zone = ZoneInfo(settings.TIME_ZONE)
    with override(settings.LANGUAGE_CODE):
        cal = Calendar()
        cal.add("prodid", "-//Đưa Tin//Public events//VI")
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("method", "PUBLISH")
        cal.add("x-wr-calname", _("Public events"))
        cal.add("x-wr-timezone", settings.TIME_ZONE)
        for notice in notices:
            event = Event()
            event.add("uid", event_uid(notice, host))
            event.add("dtstamp", timezone.now())
            event.add("last-modified", notice.updated_at)
            # Grows with every change, so calendar apps replace a moved event.
            seconds = (notice.updated_at - notice.created_at).total_seconds()
            event.add("sequence", max(0, int(seconds)))
            event.add("status", "CANCELLED" if is_cancelled(notice) else "CONFIRMED")
            event.add("dtstart", notice.starts_at.astimezone(zone))
            event.add("dtend", notice.ends_at.astimezone(zone))
            event.add("summary", notice.title)
            event.add("location", place_of(notice))
            event.add("description", f"{_('Organisation')}: {notice.agency}")
            cal.add_component(event)
        cal.add_missing_timezones()
        return cal.to_ical()


def public_atom(notices, link: str, feed_url: str) -> str:
    zone = ZoneInfo(settings.TIME_ZONE)
    feed = Atom1Feed(
        title=_("Public events"),
        link=link,
        description=_(
            "Events the media centres will cover, from the organisations of the province."
        ),
        feed_url=feed_url,
        language=settings.LANGUAGE_CODE,
    )
    for notice in notices:
        starts = notice.starts_at.astimezone(zone)
        feed.add_item(
            title=(_("Cancelled: %(title)s") % {"title": notice.title})
            if is_cancelled(notice)
            else notice.title,
            link=f"{link}#event-{notice.pk}",
            unique_id=f"{reverse('events:public_events')}#event-{notice.pk}",
            description=_("%(when)s at %(place)s (%(organisation)s)")
            % {
                "when": starts.strftime("%H:%M %d/%m/%Y"),
                "place": place_of(notice),
                "organisation": notice.agency,
            },
            pubdate=notice.created_at,
            updateddate=notice.updated_at,
        )
    return feed.writeString("utf-8")
