"""A user without an organisation (the demo `admin`, an account not yet linked) walks
every page of the site: never a server error."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from portal.enums import Role
from tests.factories import UserFactory
from tests.test_architecture import all_patterns, sample_url

NOT_LINKED = "Tài khoản của bạn chưa gắn với đơn vị nào"


@pytest.fixture(params=["superuser", *Role.values])
def unlinked(request, world):
    if request.param == "superuser":
        return UserFactory(username="admin", is_superuser=True, is_staff=True, role="")
    return UserFactory(username=f"unlinked_{request.param}", role=request.param)


def test_no_page_answers_a_user_without_organisation_with_a_server_error(unlinked, client):
    client.force_login(unlinked)
    client.raise_request_exception = False  # collect every failure, not only the first
    failures = []
    for name, pattern in all_patterns():
        if name in ("health", "logout"):
            continue  # 503 by design while no worker beats; signing out ends the walk
        url = sample_url(name, pattern)
        for method in (client.get, client.post):
            status = method(url).status_code
            if status >= 500:
                failures.append((method.__name__, url, status))
    assert failures == []


@pytest.mark.parametrize(
    "url_name",
    [
        "events:create",
        "stories:create",
        "newsroom:plan",
        "newsroom:monitoring_create",
        "newsroom:report_generate",
    ],
)
def test_superuser_without_organisation_is_told_in_vietnamese(world, client_for, url_name):
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True, role="")
    client = client_for(admin)
    response = client.post(reverse(url_name))
    assert response.status_code == 302
    assert response.url == reverse("home")
    texts = [str(m) for m in get_messages(response.wsgi_request)]
    assert len(texts) == 1
    assert texts[0].startswith(NOT_LINKED)
