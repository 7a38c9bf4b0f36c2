import rules

from newsroom.enums import ResponseStatus


@rules.predicate
def is_centre_staff(user):
    return bool(user.is_centre_staff and user.organisation_id and user.organisation.is_newsroom)


@rules.predicate
def answers_for_item(user, item):
    if user.is_agency_staff:
        return item.responsible_agency_id == user.organisation_id
    return bool(user.is_editor and item.centre_id == user.organisation_id)


@rules.predicate
def logs_for_item_centre(user, item):
    return bool(user.is_centre_staff and item.centre_id == user.organisation_id)


@rules.predicate
def response_awaited(user, item):
    return item.response_status == ResponseStatus.PENDING


rules.add_perm("newsroom.add_monitoringitem", is_centre_staff)
rules.add_perm("newsroom.respond_monitoringitem", answers_for_item & response_awaited)
rules.add_perm("newsroom.change_monitoringitem", logs_for_item_centre)
