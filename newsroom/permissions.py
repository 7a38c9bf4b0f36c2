"""Who may do what in the newsroom (django-rules). Seeing is decided by the selectors."""

import rules

from events.enums import NoticeStatus


@rules.predicate
def is_director(user):
    return bool(user.is_editor and user.organisation_id)


@rules.predicate
def is_notice_centre_director(user, notice):
    return bool(user.is_editor and notice.centre_id == user.organisation_id)


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
    return bool(user.is_editor and assignment.notice.centre_id == user.organisation_id)


@rules.predicate
def is_own_assignment(user, assignment):
    return assignment.reporter_id == user.pk


@rules.predicate
def has_assignments_page(user):
    return bool(user.is_centre_staff and user.organisation_id)


@rules.predicate
def reads_compliance(user):
    return bool(
        (user.is_editor and user.organisation_id)
        or (user.is_agency_staff and user.organisation_id)
        or user.is_reviewer
    )


rules.add_perm("newsroom.triage", is_director)
rules.add_perm("newsroom.assign", is_notice_centre_director & notice_takes_reporters)
rules.add_perm("newsroom.decline", is_notice_centre_director & notice_is_received)
rules.add_perm("newsroom.publish", is_notice_centre_director & notice_is_covered)
rules.add_perm("newsroom.manage_assignment", is_assignment_director)
rules.add_perm("newsroom.act_on_assignment", is_own_assignment)
rules.add_perm("newsroom.view_my_assignments", has_assignments_page)
rules.add_perm("newsroom.view_compliance", reads_compliance)
rules.add_perm("newsroom.plan", is_director)
