"""The user's Scope, the one getter and the base predicates."""

import re

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse

from events.models import Notice
from events.selectors.notices import notices_for
from portal.context_processors import ScopedPermWrapper
from portal.models import User
from portal.predicates import is_agency_staff_of, is_centre_staff_of, is_editor_of
from portal.scoping import get_for, scope_for
from tests.factories import AgencyFactory, EditorFactory, NoticeFactory, UserFactory


def fresh(user):
    """The user as the next request loads it: nothing cached."""
    return User.objects.get(pk=user.pk)


def test_agency_staff_scope_points_at_the_agency_and_its_centre(world):
    scope = scope_for(fresh(world.agency_user))
    assert (scope.organisation_id, scope.centre_id) == (world.agency.pk, world.centre.pk)
    assert (scope.is_agency_staff, scope.is_centre_staff, scope.is_reviewer) == (
        True,
        False,
        False,
    )


def test_centre_staff_scope_is_its_own_centre(world):
    director, reporter = scope_for(fresh(world.director)), scope_for(fresh(world.reporter))
    assert (director.centre_id, director.is_editor, director.is_centre_staff) == (
        world.centre.pk,
        True,
        True,
    )
    assert (reporter.centre_id, reporter.is_reporter, reporter.is_editor) == (
        world.centre.pk,
        True,
        False,
    )


def test_an_editor_of_an_organisation_that_is_no_centre_is_not_centre_staff(world):
    """One meaning of is_centre_staff: a reporter or editor of a newsroom."""
    editor = EditorFactory(organisation=AgencyFactory(centre=world.centre))
    scope = scope_for(fresh(editor))
    assert (scope.is_centre_staff, scope.is_editor) == (False, False)
    assert list(notices_for(editor)) == []


def test_reviewer_and_superuser_scopes(world):
    reviewer = scope_for(fresh(world.reviewer))
    admin = scope_for(UserFactory(username="admin", is_superuser=True, role=""))
    assert (reviewer.is_reviewer, reviewer.is_centre_staff) == (True, False)
    assert (admin.is_reviewer, admin.is_agency_staff, admin.has_organisation) == (
        False,
        False,
        False,
    )


def test_scope_costs_one_query_once_and_none_when_the_organisation_is_loaded(
    world, django_assert_num_queries
):
    user = fresh(world.agency_user)
    with django_assert_num_queries(1):
        scope_for(user)
    with django_assert_num_queries(0):
        scope_for(user)
        user.has_perm("events.view_notices")
        user.has_perm("newsroom.view_compliance")
    loaded = User.objects.select_related("organisation").get(pk=user.pk)
    with django_assert_num_queries(0):
        scope_for(loaded)


def test_scope_follows_a_change_of_role_on_the_same_object(world):
    user = fresh(world.agency_user)
    assert scope_for(user).is_agency_staff
    user.role = "reviewer"
    assert scope_for(user).is_reviewer


def test_object_helpers_compare_with_the_scope(world):
    assert is_agency_staff_of(world.agency_user, world.agency.pk)
    assert not is_agency_staff_of(world.agency_user, world.agency2.pk)
    assert is_centre_staff_of(world.reporter, world.centre.pk)
    assert not is_editor_of(world.reporter, world.centre.pk)
    assert is_editor_of(world.director, world.centre.pk)
    assert not is_editor_of(world.director2, world.centre.pk)


# --- get_for: 404 to outsiders, 403 to read-only users ----------------------------------


def test_get_for_returns_what_the_user_may_see(world):
    notice = NoticeFactory(agency=world.agency)
    got = get_for(
        world.agency_user, notices_for(world.agency_user), notice.pk, "events.change_notice"
    )
    assert got == notice


def test_get_for_answers_an_outsider_as_if_the_object_did_not_exist(world):
    notice = NoticeFactory(agency=world.agency)
    with pytest.raises(Http404):
        get_for(world.director2, notices_for(world.director2), notice.pk)
    with pytest.raises(Http404):
        get_for(world.agency_user, notices_for(world.agency_user), 999999)


def test_get_for_refuses_a_write_to_a_reader(world):
    """The provincial reviewer reads every notice but may not change one."""
    notice = NoticeFactory(agency=world.agency)
    assert get_for(world.reviewer, notices_for(world.reviewer), notice.pk) == notice
    with pytest.raises(PermissionDenied):
        get_for(world.reviewer, notices_for(world.reviewer), notice.pk, "events.change_notice")


def test_get_for_narrows_with_extra_lookups(world):
    notice = NoticeFactory(agency=world.agency)
    other = NoticeFactory(agency=world.agency)
    queryset = Notice.objects.all()
    with pytest.raises(Http404):
        get_for(world.agency_user, queryset, notice.pk, agency_id=world.agency2.pk)
    assert get_for(world.agency_user, queryset, other.pk, agency_id=world.agency.pk) == other


# --- The navbar is built from permissions -----------------------------------------------

# Attributes and text may wrap (djLint formats the templates).
NAV_LINK = re.compile(
    r'<a\s+class="(?:nav-link|dropdown-item)[^"]*"\s+href="([^"#]+)">\s*([^<]+?)\s*</a>'
)
PROFILE = ("/accounts/profile/", "Cài đặt nhận thông báo")
ACCOUNT = [
    ("/accounts/password/change/", "Đổi mật khẩu"),
    ("/accounts/two-factor/", "Đăng nhập hai bước"),
]
# Each role's menu, as it was when the templates asked for role names.
# Requests about personal data, breaches, the access log: reviewers and administrators.
PRIVACY = [
    ("/privacy/cases/", "Dữ liệu cá nhân"),
    ("/privacy/breaches/", "Sự cố dữ liệu"),
    ("/privacy/access-log/", "Nhật ký truy cập"),
]
MENUS = {
    "agency_user": [
        ("/events/", "Thông báo sự kiện"),
        ("/stories/", "Tin cộng tác viên"),
        ("/contacts/directory/", "Danh bạ báo chí"),
        ("/newsroom/week/", "Lịch tuần"),
        ("/newsroom/compliance/", "Chấp hành thời hạn"),
        ("/newsroom/monitoring/", "Theo dõi báo chí"),
        ("/campaigns/", "Chiến dịch"),
        PROFILE,
        *ACCOUNT,
    ],
    "reporter": [
        ("/events/", "Thông báo sự kiện"),
        ("/stories/", "Tin cộng tác viên"),
        ("/contacts/directory/", "Danh bạ báo chí"),
        ("/newsroom/assignments/", "Lịch tác nghiệp của tôi"),
        ("/newsroom/week/", "Lịch tuần"),
        ("/newsroom/availability/", "Lịch vắng mặt"),
        ("/newsroom/resources/", "Xe và thiết bị"),
        ("/newsroom/monitoring/", "Theo dõi báo chí"),
        ("/campaigns/", "Chiến dịch"),
        ("/intake/", "Hộp thư đến"),
        PROFILE,
        *ACCOUNT,
    ],
    "director": [
        ("/events/", "Thông báo sự kiện"),
        ("/stories/", "Tin cộng tác viên"),
        ("/contacts/directory/", "Danh bạ báo chí"),
        ("/newsroom/", "Tiếp nhận, phân công"),
        ("/newsroom/assignments/", "Lịch tác nghiệp của tôi"),
        ("/newsroom/week/", "Lịch tuần"),
        ("/newsroom/availability/", "Lịch vắng mặt"),
        ("/newsroom/resources/", "Xe và thiết bị"),
        ("/newsroom/channels/", "Kênh đăng, phát"),
        ("/newsroom/travel/", "Thời gian di chuyển"),
        ("/newsroom/compliance/", "Chấp hành thời hạn"),
        ("/newsroom/plan/", "Kế hoạch phóng sự"),
        ("/newsroom/publications/", "Đăng, phát"),
        ("/newsroom/reports/", "Báo cáo tuần"),
        ("/newsroom/monitoring/", "Theo dõi báo chí"),
        ("/campaigns/", "Chiến dịch"),
        ("/intake/", "Hộp thư đến"),
        PROFILE,
        *ACCOUNT,
    ],
    "reviewer": [
        ("/events/", "Thông báo sự kiện"),
        ("/stories/", "Tin cộng tác viên"),
        ("/contacts/directory/", "Danh bạ báo chí"),
        ("/contacts/review/", "Duyệt danh bạ"),
        ("/newsroom/compliance/", "Chấp hành thời hạn"),
        ("/newsroom/reports/", "Báo cáo tuần"),
        ("/newsroom/publications/", "Đăng, phát"),
        ("/newsroom/monitoring/", "Theo dõi báo chí"),
        ("/campaigns/", "Chiến dịch"),
        *PRIVACY,
        PROFILE,
        *ACCOUNT,
    ],
    # A superuser without organisation: only what they can use, not every menu.
    "admin": [
        ("/contacts/", "Danh bạ báo chí"),
        *PRIVACY,
        PROFILE,
        *ACCOUNT,
        ("/admin/", "Quản trị"),
    ],
}


def nav_links(html: str) -> list[tuple[str, str]]:
    return NAV_LINK.findall(html[html.index("<nav") : html.index("</nav>")])


@pytest.mark.parametrize("who", MENUS)
def test_each_role_sees_its_menu(world, client_for, who):
    if who == "admin":
        user = UserFactory(username="admin", is_superuser=True, is_staff=True, role="")
    else:
        user = getattr(world, who)
    client = client_for(user)
    assert nav_links(client.get(reverse("home")).content.decode()) == MENUS[who]


def test_template_perms_cost_no_query_even_when_refused(world, django_assert_num_queries):
    """`perms` asks the rules alone for their permissions: a refusal does not fall through
    to Django's model permissions (two queries for the user's and groups' rows)."""
    user = User.objects.select_related("organisation").get(pk=world.agency_user.pk)
    perms = ScopedPermWrapper(user)
    with django_assert_num_queries(0):
        assert perms["events"]["view_notices"] is True
        assert perms["newsroom"]["triage"] is False
        assert "contacts.review_contacts" not in perms


def test_template_perms_show_a_superuser_only_what_their_scope_allows(world):
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True, role="")
    perms = ScopedPermWrapper(admin)
    assert (perms["newsroom"]["triage"], perms["events"]["view_notices"]) == (False, False)
    assert perms["auth"]["change_user"] is True  # Django's own permissions: as before
