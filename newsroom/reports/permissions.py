import rules

from portal.predicates import is_editor, is_editor_of, is_reviewer


@rules.predicate
def is_report_centre_editor(user, report):
    return is_editor_of(user, report.centre_id)


rules.add_perm("newsroom.view_weeklyreport", is_editor | is_reviewer)
rules.add_perm("newsroom.generate_weeklyreport", is_editor)
rules.add_perm("newsroom.regenerate_weeklyreport", is_report_centre_editor)
