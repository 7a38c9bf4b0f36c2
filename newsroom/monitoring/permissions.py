import rules

from newsroom.enums import ResponseStatus
from portal.predicates import (
    is_agency_staff,
    is_agency_staff_of,
    is_centre_staff,
    is_centre_staff_of,
    is_editor_of,
    is_reviewer,
)


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
