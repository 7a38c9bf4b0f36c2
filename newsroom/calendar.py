"""A reporter's assignments as an iCalendar feed (RFC 5545) with the VTIMEZONE of
Asia/Ho_Chi_Minh, so calendar apps show the local time whatever their own zone."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from icalendar import Alarm, Calendar, Event

from newsroom.enums import AssignmentStatus
from newsroom.services.reminders import assignment_reminder_times

STATUS = {
    AssignmentStatus.ACTIVE: "TENTATIVE",
    AssignmentStatus.CONFIRMED: "CONFIRMED",
    AssignmentStatus.COVERED: "CONFIRMED",
    AssignmentStatus.CANCELLED: "CANCELLED",
    AssignmentStatus.DECLINED: "CANCELLED",
}


def assignment_uid(assignment, host: str) -> str:
    """Stable for the life of the assignment: calendar apps update, never duplicate."""
    return f"assignment-{assignment.pk}@{host.split(':')[0] or 'duatin'}"


def assignments_calendar(owner, assignments, host: str) -> bytes:
    zone = ZoneInfo(settings.TIME_ZONE)
    with override(settings.LANGUAGE_CODE):
        cal = Calendar()
        cal.add("prodid", "-//Đưa Tin//Newsroom//VI")
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("method", "PUBLISH")
        cal.add("x-wr-calname", _("Assignments of %(name)s") % {"name": owner.display_name})
        cal.add("x-wr-timezone", settings.TIME_ZONE)
        for assignment in assignments:
            cal.add_component(_event(assignment, zone, host))
        cal.add_missing_timezones()
        return cal.to_ical()


def _event(assignment, zone, host) -> Event:
    notice = assignment.notice
    event = Event()
    event.add("uid", assignment_uid(assignment, host))
    event.add("dtstamp", timezone.now())
    # Calendar apps replace their copy only when SEQUENCE grows: derive it from the last
    # change of the assignment or its notice (seconds since assigning), so it never shrinks.
    modified = max(assignment.updated_at, notice.updated_at)
    event.add("last-modified", modified)
    event.add("sequence", max(0, int((modified - assignment.created_at).total_seconds())))
    event.add("dtstart", notice.starts_at.astimezone(zone))
    event.add("dtend", notice.ends_at.astimezone(zone))
    event.add("summary", f"{notice.title} ({assignment.get_role_display()})")
    place = notice.address + (f", {notice.locality}" if notice.locality_id else "")
    event.add("location", place)
    lines = [
        f"{_('Agency')}: {notice.agency}",
        f"{_('Contact')}: {notice.contact_name}, {notice.contact_phone}",
    ]
    if notice.needs:
        lines.append(f"{_('Needs')}: {', '.join(str(n) for n in notice.needs)}")
    if assignment.note:
        lines.append(f"{_('Note')}: {assignment.note}")
    bookings = getattr(assignment, "active_bookings", [])
    if bookings:
        names = ", ".join(f"{b.resource.get_kind_display()} {b.resource.name}" for b in bookings)
        lines.append(f"{_('Booked for you')}: {names}")
    event.add("description", "\n".join(lines))
    event.add("status", STATUS[assignment.status])
    if assignment.is_open:
        for due in assignment_reminder_times(notice.starts_at, assignment.created_at).values():
            event.add_component(_alarm(notice.title, due))
    return event


def _alarm(title: str, due) -> Alarm:
    """A display alarm at the time the portal's own reminder falls due."""
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", title)
    alarm.add("trigger", due.astimezone(ZoneInfo("UTC")))
    return alarm
