"""Requests no form of ours produces are refused early, with a Vietnamese page, and change
nothing: an oversize body by its Content-Length (413, the body is never read), a control
character in the path or a query parameter (400, never a 500 from PostgreSQL). Error pages
are Vietnamese, in the portal's look, with a way home; the 500 page needs no database."""

import re

import pytest
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.template.loader import render_to_string
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import include, path, reverse

from contacts.models import Organisation
from events.models import Notice, NoticeAttachment, Story
from portal.models import OutboxMessage

pytestmark = pytest.mark.django_db


@login_not_required
def boom(request):
    raise RuntimeError("a bug")


urlpatterns = [path("boom/", boom), path("", include("portal.urls"))]

TOO_LARGE = "Dữ liệu tải lên quá lớn"
BAD_REQUEST = "Yêu cầu không hợp lệ"
HOME_LINK = "Về trang chủ"


def stored_counts():
    return (
        Notice.objects.count(),
        NoticeAttachment.objects.count(),
        Story.objects.count(),
        OutboxMessage.objects.count(),
        Organisation.objects.count(),
    )


def media_files(settings):
    root = settings.MEDIA_ROOT
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def signed_in(world, who):
    client = Client(raise_request_exception=False)
    if who:
        client.force_login(getattr(world, who))
    return client


@pytest.mark.parametrize(
    ("who", "url_name"),
    [
        (None, "login"),  # anonymous: refused before the CSRF check reads the body
        ("agency_user", "events:create"),
        ("agency_user", "stories:create"),
        ("director", "contacts:agency_create"),
    ],
)
def test_a_body_over_the_limit_is_refused_by_its_length_and_nothing_is_stored(
    world, settings, who, url_name
):
    settings.REQUEST_MAX_BODY_BYTES = 1024 * 1024
    before = stored_counts()
    response = signed_in(world, who).post(
        reverse(url_name),
        {"title": "Hội nghị", "name": "Cơ quan mới"},
        CONTENT_LENGTH=str(300 * 1024 * 1024),
    )
    assert response.status_code == 413
    text = response.content.decode()
    assert TOO_LARGE in text
    assert "tối đa 1 MB" in text
    assert HOME_LINK in text
    assert response["Connection"] == "close"
    assert stored_counts() == before
    assert media_files(settings) == []


def test_a_body_within_the_limit_passes(world, settings):
    settings.REQUEST_MAX_BODY_BYTES = 1024 * 1024
    response = signed_in(world, None).post(reverse("login"), {"username": "x", "password": "y"})
    assert response.status_code == 200  # the sign-in form again, with its error


def test_the_default_limit_fits_the_largest_legal_upload(settings):
    notice = settings.NOTICE_ATTACHMENT_MAX_BYTES * settings.NOTICE_ATTACHMENT_MAX_COUNT
    story = (
        settings.STORY_PHOTO_MAX_BYTES * settings.STORY_PHOTO_MAX_COUNT
        + settings.STORY_ATTACHMENT_MAX_BYTES * settings.STORY_ATTACHMENT_MAX_COUNT
    )
    assert settings.REQUEST_MAX_BODY_BYTES == max(notice, story) + 1024 * 1024


NUL_REQUESTS = [
    ("get", "/contacts/agencies/?q=%00", "reviewer"),
    ("get", "/contacts/?q=%C4%90%E1%BA%AFk%00", None),
    ("get", "/contacts/directory/?q%00=1", "director"),
    ("get", "/newsroom/calendar/%00.ics", None),
    ("get", "/events/%00/", "agency_user"),
    ("get", "/contacts/?q=a%1Bb", None),
    ("post", "/contacts/agencies/new/?next=%00", "reviewer"),
    ("post", "/events/new/?x=%00", "agency_user"),
]


def _nul_request(world, method, url, who):
    before = stored_counts()
    client = signed_in(world, who)
    if method == "post":
        response = client.post(url, {"name": "Cơ quan mới", "title": "Hội nghị"})
    else:
        response = client.get(url)
    assert response.status_code == 400
    text = response.content.decode()
    assert BAD_REQUEST in text
    assert "ký tự mà cổng không chấp nhận" in text
    assert HOME_LINK in text
    assert stored_counts() == before


@pytest.mark.parametrize(("method", "url", "who"), NUL_REQUESTS)
def test_control_characters_in_path_or_query_are_a_400_not_a_500(world, method, url, who):
    _nul_request(world, method, url, who)


@pytest.mark.postgres
@pytest.mark.parametrize(("method", "url", "who"), NUL_REQUESTS)
def test_control_characters_are_a_400_on_postgresql_too(world, method, url, who):
    _nul_request(world, method, url, who)


def test_a_multiline_search_is_not_refused(world):
    response = signed_in(world, None).get("/contacts/?q=B%C3%A1o%0D%0Atr%E1%BA%BB")
    assert response.status_code == 200


# ---- error pages ------------------------------------------------------------------------


@pytest.mark.urls(__name__)
@pytest.mark.parametrize(
    ("who", "url", "status", "heading"),
    [
        ("agency_user", "/no-such-page/", 404, "Không tìm thấy trang"),
        ("reporter", "/newsroom/compliance/", 403, "Không có quyền truy cập"),
        (None, "/boom/", 500, "Đã xảy ra lỗi"),
        (None, "/contacts/?q=%00", 400, BAD_REQUEST),
    ],
)
def test_error_pages_are_vietnamese_with_a_way_home_when_debug_is_off(
    world, settings, who, url, status, heading
):
    settings.DEBUG = False
    response = signed_in(world, who).get(url)
    assert response.status_code == status
    text = " ".join(response.content.decode().split())
    [title] = re.findall(r"<h1 class=\"h4\">(.*?)</h1>", text)
    assert title.strip() == heading
    assert f"Lỗi {status}" in text
    assert f'href="/">{HOME_LINK}</a>' in text


def test_the_500_page_needs_no_database_and_no_request():
    with CaptureQueriesContext(connection) as queries:
        html = render_to_string("500.html")
    assert len(queries) == 0
    assert "Cổng không thể hoàn tất yêu cầu này." in html


def test_a_csrf_failure_is_a_vietnamese_page(world):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "agency", "password": "demo"})
    assert response.status_code == 403
    assert "Biểu mẫu đã hết hạn" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_a_429_in_vietnamese(world, settings):
    settings.AXES_FAILURE_LIMIT = 2
    client = Client()
    for _ in range(2):
        response = client.post(reverse("login"), {"username": "agency", "password": "sai"})
    assert response.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    assert "_auth_user_id" not in client.session
