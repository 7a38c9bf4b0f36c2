"""Sign-in lockout behind the proxy: per username + address, and per address."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from portal.lockout import client_ip

pytestmark = pytest.mark.django_db

PROXY = "10.0.0.2"  # the reverse proxy: every request arrives from it


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_IP_FAILURE_LIMIT = 20


def attempt(client, username, password, address, forged=""):
    header = f"{forged}, {address}" if forged else address
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=header,
    )


def test_five_failures_lock_that_username_from_that_address_only(client, world, behind_proxy):
    for _ in range(4):
        assert attempt(client, "director", "sai", "203.0.113.5").status_code == 200
    assert attempt(client, "director", "sai", "203.0.113.5").status_code == 429
    locked = attempt(client, "director", "demo", "203.0.113.5")
    assert locked.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    # The director, from the office, is not locked out by the attacker.
    elsewhere = attempt(client, "director", "demo", "198.51.100.7")
    assert (elsewhere.status_code, elsewhere.url) == (302, "/")


def test_one_address_cannot_spray_passwords_over_many_usernames(client, world, behind_proxy):
    for n in range(19):
        assert attempt(client, f"guess{n}", "sai", "203.0.113.9").status_code == 200
    assert attempt(client, "guess19", "sai", "203.0.113.9").status_code == 429
    # Every username is now refused from that address, even with the right password…
    assert attempt(client, "agency", "demo", "203.0.113.9").status_code == 429
    # …while the same user elsewhere signs in.
    assert attempt(client, "agency", "demo", "198.51.100.7").status_code == 302


def test_a_forged_header_in_front_of_the_proxy_does_not_reset_the_count(
    client, world, behind_proxy
):
    for n in range(5):
        response = attempt(client, "director", "sai", "203.0.113.5", forged=f"192.0.2.{n}")
    assert response.status_code == 429
    assert (
        attempt(client, "director", "demo", "203.0.113.5", forged="192.0.2.99").status_code == 429
    )


def test_without_a_proxy_the_header_is_ignored(client, world, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    settings.AXES_FAILURE_LIMIT = 5
    for n in range(5):
        response = client.post(
            reverse("login"),
            {"username": "director", "password": "sai"},
            REMOTE_ADDR="203.0.113.5",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}",
        )
    assert response.status_code == 429


@pytest.mark.parametrize(
    ("count", "header", "expected"),
    [
        (0, "192.0.2.1", "10.0.0.2"),
        (1, "", "10.0.0.2"),
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "192.0.2.1, 203.0.113.5", "203.0.113.5"),
        (2, "192.0.2.1, 203.0.113.5, 10.0.0.9", "203.0.113.5"),
        (2, "203.0.113.5", "10.0.0.2"),
        (1, "not-an-ip", "10.0.0.2"),
        (1, "2001:db8::1", "2001:db8::1"),
    ],
)
def test_client_ip_reads_the_trusted_hop(settings, count, header, expected):
    settings.TRUSTED_PROXY_COUNT = count
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=header)
    assert client_ip(request) == expected
