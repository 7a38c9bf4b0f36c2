"""Who may do what in the newsroom (django-rules). Seeing is decided by the selectors."""

import rules

from events.enums import NoticeStatus
from events.permissions import is_notice_centre_editor
from newsroom.enums import ResponseStatus
from portal.predicates import (
    is_agency_staff,
    is_agency_staff_of,
    is_centre_staff,
    is_centre_staff_of,
    is_director,
    is_editor,
    is_editor_of,
    is_reviewer,
)


@rules.predicate
def notice_takes_reporters(user, notice):
    return notice.status not in (NoticeStatus.CANCELLED, NoticeStatus.DECLINED)


@rules.predicate
def notice_is_received(user, notice):
    return notice.status in (NoticeStatus.RECEIVED, NoticeStatus.DECLINED)


@rules.predicate
def notice_is_covered(user, notice):
    return notice.status in (NoticeStatus.COVERED, NoticeStatus.PUBLISHED)


@rules.predicate
def is_assignment_director(user, assignment):
    return is_editor_of(user, assignment.notice.centre_id)


@rules.predicate
def is_own_assignment(user, assignment):
    return assignment.reporter_id == user.pk


rules.add_perm("newsroom.triage", is_director)
rules.add_perm("newsroom.assign", is_notice_centre_editor & notice_takes_reporters)
rules.add_perm("newsroom.decline", is_notice_centre_editor & notice_is_received)
rules.add_perm("newsroom.publish", is_notice_centre_editor & notice_is_covered)
rules.add_perm("newsroom.manage_assignment", is_assignment_director)
rules.add_perm("newsroom.act_on_assignment", is_own_assignment)
rules.add_perm("newsroom.view_my_assignments", is_centre_staff)
rules.add_perm("newsroom.view_compliance", is_director | is_agency_staff | is_reviewer)
rules.add_perm("newsroom.view_publications", is_centre_staff | is_reviewer)
rules.add_perm("newsroom.plan", is_director)
rules.add_perm("newsroom.view_week", is_centre_staff | is_agency_staff)
# The navbar's two menus: a centre's own newsroom, and the reviewer's view across centres.
rules.add_perm("newsroom.view_newsroom", is_centre_staff)
rules.add_perm("newsroom.view_centres", is_reviewer)


# --- Press monitoring ---------------------------------------------------------------------


@rules.predicate
def answers_for_item(user, item):
    return is_agency_staff_of(user, item.responsible_agency_id) or is_editor_of(
        user, item.centre_id
    )


@rules.predicate
def logs_for_item_centre(user, item):
    return is_centre_staff_of(user, item.centre_id)


@rules.predicate
def response_awaited(user, item):
    return item.response_status == ResponseStatus.PENDING


rules.add_perm("newsroom.view_monitoring", is_centre_staff | is_agency_staff | is_reviewer)
rules.add_perm("newsroom.add_monitoringitem", is_centre_staff)
rules.add_perm("newsroom.respond_monitoringitem", answers_for_item & response_awaited)
rules.add_perm("newsroom.change_monitoringitem", logs_for_item_centre)


# --- Weekly reports -----------------------------------------------------------------------


@rules.predicate
def is_report_centre_editor(user, report):
    return is_editor_of(user, report.centre_id)


rules.add_perm("newsroom.view_weeklyreport", is_editor | is_reviewer)
rules.add_perm("newsroom.generate_weeklyreport", is_editor)
rules.add_perm("newsroom.regenerate_weeklyreport", is_report_centre_editor)
# Monthly letters to agencies: the director sends them; the agency reads its own.
rules.add_perm("newsroom.view_agencyletter", is_editor | is_reviewer | is_agency_staff)
rules.add_perm("newsroom.send_agencyletters", is_editor)


@rules.predicate
def is_absence_editor(user, absence):
    return is_editor_of(user, absence.centre_id)


@rules.predicate
def is_own_absence(user, absence):
    return absence.reporter_id == user.pk


rules.add_perm("newsroom.view_availability", is_centre_staff)
rules.add_perm("newsroom.decide_absence", is_absence_editor)
rules.add_perm("newsroom.cancel_absence", is_absence_editor | is_own_absence)
rules.add_perm("newsroom.edit_travel_times", is_director)
rules.add_perm("newsroom.view_resources", is_centre_staff)
rules.add_perm("newsroom.manage_resources", is_director)
# The centre's publication channels: the director keeps the list.
rules.add_perm("newsroom.manage_channels", is_director)
