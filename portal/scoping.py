"""Who the signed-in user is, for deciding what they may see: built once, read everywhere.

Every `*_for(user)` selector asks the user's `Scope` which rows to keep, naming the
column that ties a row to an agency, a centre or a person; the scope alone knows which
of those columns applies to the user.

A provincial reviewer reads across the centres *of their province*: the province of the
reviewer's organisation (the Department, under the province), the root of its tree. A
reviewer whose account is linked to no organisation has no province and sees nothing a
province's reviewer would (the safe answer for a national deployment: an administrator
links the account first). `get_for` is the one getter: 404 for what the
user may not see (the same answer as "does not exist"), 403 for what they may see but
not do.
"""

from dataclasses import dataclass
from functools import reduce, wraps
from operator import or_

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from portal.enums import Role

Columns = str | tuple[str, ...] | None


class _Nationwide:
    """`across=NATIONWIDE`: rows that belong to no province (the shared press directory,
    requests from the public about it): every reviewer with a province reads them."""

    def __repr__(self):
        return "NATIONWIDE"


NATIONWIDE = _Nationwide()


@dataclass(frozen=True)
class Scope:
    user_id: int | None = None
    role: str = ""
    organisation_id: int | None = None
    organisation_is_newsroom: bool = False
    # The centre of the user's organisation, or the organisation itself when it is one.
    centre_id: int | None = None
    # The root of the organisation's tree: where a reviewer reads across centres.
    province_id: int | None = None

    @property
    def has_organisation(self) -> bool:
        return self.organisation_id is not None

    @property
    def is_agency_staff(self) -> bool:
        return self.role == Role.AGENCY_STAFF and self.has_organisation

    @property
    def is_centre_staff(self) -> bool:
        """A reporter or an editor whose organisation is a centre (a newsroom)."""
        return self.role in (Role.REPORTER, Role.EDITOR) and self.organisation_is_newsroom

    @property
    def is_reporter(self) -> bool:
        return self.role == Role.REPORTER and self.is_centre_staff

    @property
    def is_editor(self) -> bool:
        """An editor or the director of a centre."""
        return self.role == Role.EDITOR and self.is_centre_staff

    @property
    def is_reviewer(self) -> bool:
        """The provincial reviewer: reads across the centres of their province (none
        without an organisation, see the module's note)."""
        return self.role == Role.REVIEWER

    def filter(
        self,
        queryset: QuerySet,
        *,
        agency: Columns = None,
        centre: Columns = None,
        editor: Columns = None,
        reporter: Columns = None,
        organisation: Columns = None,
        own: Columns = None,
        across: Columns | _Nationwide = None,
        staff: bool = False,
    ) -> QuerySet:
        """The rows of `queryset` this user may see. Each keyword names the column (or
        columns, any of which may match) that ties a row to the user:

        - agency: agency staff see rows whose column is their agency;
        - centre: centre staff (reporters and editors) see rows of their centre;
        - editor: only editors see rows of their centre (reporters see none by centre);
        - reporter: reporters see rows whose column is their own user id;
        - organisation: agency and centre staff see rows of their own organisation;
        - own: any signed-in user sees rows whose column is their user id;
        - across: the provincial reviewer sees rows whose column (a path to an
          organisation: "centre", "campaign__issuer") is an organisation of their
          province; `NATIONWIDE` for rows of no province;
        - staff: agency and centre staff see every row too (the press directory).

        A user none of them applies to sees nothing.
        """
        if across and self.is_reviewer:
            if self.province_id is None:
                return queryset.none()
            if across is NATIONWIDE:
                return queryset
            return queryset.filter(
                reduce(or_, _in_province(queryset.model, across, self.province_id))
            )
        if staff and (self.is_agency_staff or self.is_centre_staff):
            return queryset
        conditions = []
        if self.is_agency_staff:
            conditions += _match(agency, self.organisation_id)
        if self.is_centre_staff:
            conditions += _match(centre, self.centre_id)
        if self.is_editor:
            conditions += _match(editor, self.centre_id)
        if self.is_reporter:
            conditions += _match(reporter, self.user_id)
        if self.is_agency_staff or self.is_centre_staff:
            conditions += _match(organisation, self.organisation_id)
        if self.user_id is not None:
            conditions += _match(own, self.user_id)
        if not conditions:
            return queryset.none()
        return queryset.filter(reduce(or_, conditions))


def _match(columns: Columns, value) -> list[Q]:
    if not columns:
        return []
    if isinstance(columns, str):
        columns = (columns,)
    return [Q(**{column: value}) for column in columns]


def _in_province(model, columns: Columns, province_id: int) -> list[Q]:
    if isinstance(columns, bool):
        raise TypeError("across names the column(s) leading to an organisation, or NATIONWIDE")
    if isinstance(columns, str):
        columns = (columns,)
    return [_column_in_province(model, column, province_id) for column in columns]


def _column_in_province(model, column: str, province_id: int) -> Q:
    if column != "centre":
        return Q(**{f"{column}__province_id": province_id})
    # A row's `centre` is always a centre (a newsroom): matching it against the province's
    # few centres lets the database walk the row's centre index instead of joining every
    # organisation of the province, so a reviewer's lists cost their province, not the
    # nation (a story count on a national table, 100 centres: 43 ms → 4 ms).
    organisations = model._meta.get_field("centre").related_model._base_manager
    centres = organisations.filter(province_id=province_id, is_newsroom=True).values("pk")
    return Q(centre__in=centres)


NOBODY = Scope()


def scope_for(user) -> Scope:
    """The user's scope, memoised on the user object (so once per request).

    Reads the user's organisation through the foreign key, which the navbar loads anyway:
    at most one query, and none when the organisation is already loaded."""
    if user is None or not user.is_authenticated:
        return NOBODY
    cached = getattr(user, "_scope", None)
    if (
        cached is not None
        and cached.user_id == user.pk
        and cached.role == user.role
        and cached.organisation_id == user.organisation_id
    ):
        return cached
    organisation = user.organisation if user.organisation_id else None
    scope = Scope(
        user_id=user.pk,
        role=user.role,
        organisation_id=user.organisation_id,
        organisation_is_newsroom=bool(organisation and organisation.is_newsroom),
        centre_id=organisation.centre_id_for_scope if organisation else None,
        province_id=organisation.province_id if organisation else None,
    )
    user._scope = scope
    return scope


def get_for(user, queryset: QuerySet, pk, perm: str | None = None, *, done=None, **lookups):
    """The object `pk` of the user's scoped `queryset`: 404 when it is not in it (the
    same answer as "does not exist"), 403 when it is but `perm` is not granted on it.
    `done` (a `portal.idempotency.Done`) is asked before `perm`: when the decision is
    already made, the request is a no-op shown as such, not a 403.
    `lookups` narrow further (a photo of *this* story)."""
    try:
        obj = queryset.get(pk=pk, **lookups)
    except queryset.model.DoesNotExist:
        raise Http404(f"No {queryset.model._meta.object_name} matches the given query.") from None
    if done is not None:
        done.check(user, obj)
    if perm and not user.has_perm(perm, obj):
        raise PermissionDenied
    return obj


def organisation_required(view):
    """For pages that act on behalf of the user's organisation: a user without one (an
    administrator, say) is sent home with a message instead of a broken page."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not scope_for(request.user).has_organisation:
            messages.error(
                request,
                _(
                    "Your account is not linked to an organisation yet. Ask an "
                    "administrator to link it before using this page."
                ),
            )
            return redirect("home")
        return view(request, *args, **kwargs)

    return wrapped
