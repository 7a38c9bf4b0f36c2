import rules


@rules.predicate
def is_centre_editor(user):
    return bool(user.is_editor and user.organisation_id and user.organisation.is_newsroom)


@rules.predicate
def is_reviewer(user):
    return bool(user.is_reviewer)


@rules.predicate
def is_report_centre_editor(user, report):
    return bool(user.is_editor and report.centre_id == user.organisation_id)


rules.add_perm("newsroom.view_weeklyreport", is_centre_editor | is_reviewer)
rules.add_perm("newsroom.generate_weeklyreport", is_centre_editor)
rules.add_perm("newsroom.regenerate_weeklyreport", is_report_centre_editor)
