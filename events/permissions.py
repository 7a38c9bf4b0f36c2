"""Who may do what to a notice or a story (django-rules). Seeing is decided by the
selectors."""

import rules

from events.enums import CalendarVersionState, NoticeStatus, StoryStatus
from portal.predicates import (
    is_agency_staff,
    is_agency_staff_of,
    is_centre_staff,
    is_centre_staff_of,
    is_editor,
    is_editor_of,
    is_reviewer,
)


@rules.predicate
def is_notice_agency_staff(user, notice):
    return is_agency_staff_of(user, notice.agency_id)


@rules.predicate
def is_notice_centre_editor(user, notice):
    return is_editor_of(user, notice.centre_id)


@rules.predicate
def is_notice_centre_staff(user, notice):
    return is_centre_staff_of(user, notice.centre_id)


@rules.predicate
def is_notice_open(user, notice):
    return notice.is_open


@rules.predicate
def is_not_cancelled(user, notice):
    return notice.status != NoticeStatus.CANCELLED


# Whoever has notices to read: the navbar's "Notices" and "Stories".
reads_notices = is_agency_staff | is_centre_staff | is_reviewer

rules.add_perm("events.view_notices", reads_notices)
rules.add_perm("events.add_notice", is_agency_staff | is_centre_staff)
rules.add_perm("events.log_phone_notice", is_centre_staff)
rules.add_perm("events.change_notice", is_notice_agency_staff & is_notice_open)
rules.add_perm("events.cancel_notice", is_notice_agency_staff & is_notice_open)
rules.add_perm("events.reclassify_notice", is_notice_centre_editor & is_not_cancelled)
rules.add_perm(
    "events.invite_press", (is_notice_agency_staff | is_notice_centre_staff) & is_not_cancelled
)


# --- Stories ----------------------------------------------------------------------------


@rules.predicate
def is_story_agency_staff(user, story):
    return is_agency_staff_of(user, story.agency_id)


@rules.predicate
def is_story_centre_editor(user, story):
    return is_editor_of(user, story.centre_id)


@rules.predicate
def is_editable_by_agency(user, story):
    return story.status in (StoryStatus.DRAFT, StoryStatus.RETURNED)


@rules.predicate
def is_under_review(user, story):
    return story.status in (StoryStatus.SUBMITTED, StoryStatus.IN_REVIEW)


@rules.predicate
def is_publishable(user, story):
    return story.status in (StoryStatus.APPROVED, StoryStatus.PUBLISHED)


# Recurring notices (issue 13): the agency makes and changes its own series; the
# centre's editors (the director) may record one for an agency and change it too.
rules.add_perm("events.add_series", is_agency_staff | is_editor)
# a series has agency_id and centre_id like a notice
rules.add_perm("events.change_series", is_notice_agency_staff | is_notice_centre_editor)
rules.add_perm("events.view_stories", reads_notices)
rules.add_perm("events.add_story", is_agency_staff)
rules.add_perm("events.change_story", is_story_agency_staff & is_editable_by_agency)
rules.add_perm("events.review_story", is_story_centre_editor & is_under_review)
rules.add_perm("events.publish_story", is_story_centre_editor & is_publishable)


# --- The leaders' weekly calendar ---------------------------------------------------------


@rules.predicate
def issues_leaders_calendar(user):
    """Staff of the office that issues the leaders' weekly calendar (a flag, not a level)."""
    return bool(is_agency_staff(user) and user.organisation.issues_leaders_calendar)


@rules.predicate
def is_calendar_centre_editor(user, version):
    return is_editor_of(user, version.issuer.centre_id)


@rules.predicate
def is_current_calendar(user, version):
    return version.state == CalendarVersionState.APPLIED


rules.add_perm(
    "events.view_leaders_calendar", is_centre_staff | issues_leaders_calendar | is_reviewer
)
rules.add_perm("events.import_leaders_calendar", issues_leaders_calendar)
rules.add_perm("events.cover_calendar", is_calendar_centre_editor & is_current_calendar)
