"""Who may do what to a notice (django-rules). Seeing is decided by the selectors."""

import rules

from events.enums import NoticeStatus


@rules.predicate
def is_notice_agency_staff(user, notice):
    return bool(user.is_agency_staff and notice.agency_id == user.organisation_id)


@rules.predicate
def is_notice_centre_editor(user, notice):
    return bool(user.is_editor and notice.centre_id == user.organisation_id)


@rules.predicate
def is_notice_open(user, notice):
    return notice.is_open


@rules.predicate
def is_not_cancelled(user, notice):
    return notice.status != NoticeStatus.CANCELLED


@rules.predicate
def is_centre_staff(user):
    return bool(user.is_centre_staff and user.organisation_id)


@rules.predicate
def is_agency_staff(user):
    return bool(user.is_agency_staff and user.organisation_id)


rules.add_perm("events.add_notice", is_agency_staff | is_centre_staff)
rules.add_perm("events.log_phone_notice", is_centre_staff)
rules.add_perm("events.change_notice", is_notice_agency_staff & is_notice_open)
rules.add_perm("events.cancel_notice", is_notice_agency_staff & is_notice_open)
rules.add_perm("events.reclassify_notice", is_notice_centre_editor & is_not_cancelled)


@rules.predicate
def is_notice_centre_staff(user, notice):
    return bool(user.is_centre_staff and notice.centre_id == user.organisation_id)


rules.add_perm(
    "events.invite_press", (is_notice_agency_staff | is_notice_centre_staff) & is_not_cancelled
)
