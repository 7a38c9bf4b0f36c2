"""Signing in, lockout after repeated failures, the home page for every role."""

import pytest
from django.conf import settings
from django.urls import reverse

from portal.models import Notification

pytestmark = pytest.mark.django_db


def test_home_needs_a_login(client):
    response = client.get("/")
    assert (response.status_code, response.url) == (302, "/accounts/login/?next=/")


def test_sign_in_with_the_right_password_goes_home(client, world):
    response = client.post(reverse("login"), {"username": "agency", "password": "demo"})
    assert (response.status_code, response.url) == (302, "/")


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(client, world, settings):
    settings.AXES_FAILURE_LIMIT = 5
    for _ in range(5):
        response = client.post(reverse("login"), {"username": "agency", "password": "sai"})
    assert response.status_code == 429
    response = client.post(reverse("login"), {"username": "agency", "password": "demo"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("username", ["agency", "reporter", "director", "director2", "reviewer"])
def test_home_renders_for_every_role(client_for, world, username):
    response = client_for(getattr(world, {"agency": "agency_user"}.get(username, username))).get(
        "/"
    )
    assert response.status_code == 200
    assert response.context["panels"], "every role sees at least one panel"


def test_unread_notifications_are_counted_and_marked_read(client_for, world):
    Notification.objects.create(recipient=world.agency_user, kind="x", title="Một")
    Notification.objects.create(recipient=world.agency_user, kind="x", title="Hai")
    Notification.objects.create(recipient=world.agency2_user, kind="x", title="Không phải của tôi")
    client = client_for(world.agency_user)
    response = client.get(reverse("notifications"))
    assert [n.title for n in response.context["page"]] == ["Hai", "Một"]
    assert response.context["unread_notifications"] == 2
    client.post(reverse("notifications_mark_read"))
    assert client.get(reverse("notifications")).context["unread_notifications"] == 0
    assert world.agency2_user.notifications.filter(read_at__isnull=True).count() == 1


@pytest.mark.parametrize("rows", [1, 5])
def test_notification_list_queries_do_not_grow(client_for, world, django_assert_num_queries, rows):
    for i in range(rows):
        Notification.objects.create(recipient=world.agency_user, kind="x", title=f"#{i}")
    client = client_for(world.agency_user)
    with django_assert_num_queries(6):
        response = client.get(reverse("notifications"))
    assert len(response.context["page"]) == rows


def test_pages_are_vietnamese_by_default_and_english_on_request(client):
    assert client.get(reverse("login")).headers["Content-Language"] == "vi"
    assert (
        client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en").headers["Content-Language"] == "vi"
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("login"))
    assert response.headers["Content-Language"] == "en"
