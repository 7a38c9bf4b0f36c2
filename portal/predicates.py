"""The base predicates every app's rules are built from (django-rules).

One definition each, read from the user's `Scope` only, so checking them never costs a
query (the navbar asks several on every page). Each app's `permissions.py` imports
these and adds only what is its own (a story's status, a notice's state).

`is_centre_staff` means one thing everywhere: a reporter or an editor whose
organisation is a centre.
"""

import rules

from portal.scoping import scope_for


@rules.predicate
def has_organisation(user) -> bool:
    return scope_for(user).has_organisation


@rules.predicate
def is_agency_staff(user) -> bool:
    return scope_for(user).is_agency_staff


@rules.predicate
def is_centre_staff(user) -> bool:
    return scope_for(user).is_centre_staff


@rules.predicate
def is_reporter(user) -> bool:
    return scope_for(user).is_reporter


@rules.predicate
def is_editor(user) -> bool:
    return scope_for(user).is_editor


is_director = is_editor  # the director is the centre's chief editor: same rights


@rules.predicate
def is_reviewer(user) -> bool:
    return scope_for(user).is_reviewer


# Object-level helpers: the app's predicate passes the column that ties its object to an
# agency or a centre.


def is_agency_staff_of(user, agency_id) -> bool:
    scope = scope_for(user)
    return scope.is_agency_staff and agency_id == scope.organisation_id


def is_centre_staff_of(user, centre_id) -> bool:
    scope = scope_for(user)
    return scope.is_centre_staff and centre_id == scope.centre_id


def is_editor_of(user, centre_id) -> bool:
    scope = scope_for(user)
    return scope.is_editor and centre_id == scope.centre_id
