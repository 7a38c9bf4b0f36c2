"""Password reset by e-mail (through the outbox) and password change."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from portal.models import OutboxMessage

pytestmark = pytest.mark.django_db

RESET_LINK = re.compile(r"http://testserver(/accounts/password/reset/[^/\s]+/[^/\s]+/)")


def without_csrf(html: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", html)


def ask_for_reset(client, email, capture):
    with capture(execute=True):
        return client.post(reverse("password_reset"), {"email": email}, follow=True)


def test_known_and_unknown_addresses_get_the_same_answer(
    client, world, django_capture_on_commit_callbacks
):
    known = ask_for_reset(client, "agency@example.vn", django_capture_on_commit_callbacks)
    unknown = ask_for_reset(client, "nobody@example.vn", django_capture_on_commit_callbacks)
    assert (
        known.redirect_chain == unknown.redirect_chain == [("/accounts/password/reset/sent/", 302)]
    )
    assert without_csrf(known.content) == without_csrf(unknown.content)
    assert "Nếu có tài khoản dùng địa chỉ này" in known.content.decode()
    assert list(OutboxMessage.objects.values_list("kind", "to_email")) == [
        ("password_reset", "agency@example.vn")
    ]


@pytest.fixture
def reset_link(client, world, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "http://testserver"
    ask_for_reset(client, "agency@example.vn", django_capture_on_commit_callbacks)
    message = OutboxMessage.objects.get()
    assert message.state == "sent"
    assert [m.to for m in mail.outbox] == [["agency@example.vn"]]
    assert mail.outbox[0].subject == "Đặt lại mật khẩu Đưa Tin"
    assert "Liên kết chỉ dùng được một lần và trong 60 phút." in mail.outbox[0].body
    (path,) = RESET_LINK.findall(mail.outbox[0].body)
    return path


NEW_PASSWORD = "Mat-khau-moi-2026"  # noqa: S105 - a test password


def choose_password(client, path, password=NEW_PASSWORD):
    form = client.get(path, follow=True)
    if not form.context["validlink"]:
        return form
    return client.post(
        form.redirect_chain[-1][0],
        {"new_password1": password, "new_password2": password},
        follow=True,
    )


def test_the_e_mailed_link_sets_a_new_password_once(client, world, reset_link):
    done = choose_password(client, reset_link)
    assert done.redirect_chain[-1] == ("/accounts/password/reset/done/", 302)
    world.agency_user.refresh_from_db()
    assert world.agency_user.check_password("Mat-khau-moi-2026")
    again = choose_password(client, reset_link, "Mot-mat-khau-khac-9")
    assert again.context["validlink"] is False
    assert "Liên kết này không còn hiệu lực" in again.content.decode()
    world.agency_user.refresh_from_db()
    assert world.agency_user.check_password("Mat-khau-moi-2026")


def test_the_link_expires(client, world, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "http://testserver"
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        ask_for_reset(client, "agency@example.vn", django_capture_on_commit_callbacks)
    (path,) = RESET_LINK.findall(mail.outbox[0].body)
    timeout = timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT)
    with time_machine.travel(start + timeout - timedelta(minutes=1), tick=False):
        assert client.get(path, follow=True).context["validlink"] is True
    with time_machine.travel(start + timeout + timedelta(minutes=1), tick=False):
        response = choose_password(client, path)
    assert response.context["validlink"] is False
    world.agency_user.refresh_from_db()
    assert world.agency_user.check_password("demo")


def test_changing_the_password_signs_out_every_other_session(client, world, django_user_model):
    from django.test import Client

    other = Client()
    other.force_login(world.agency_user)
    assert other.get("/").status_code == 200
    client.force_login(world.agency_user)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "demo",
            "new_password1": "Mat-khau-moi-2026",
            "new_password2": "Mat-khau-moi-2026",
        },
        follow=True,
    )
    assert response.redirect_chain == [("/accounts/password/change/done/", 302)]
    assert client.get("/").status_code == 200, "this session stays signed in"
    stale = other.get("/")
    assert (stale.status_code, stale.url) == (302, "/accounts/login/?next=/")


def test_a_wrong_old_password_changes_nothing(client_for, world):
    response = client_for(world.agency_user).post(
        reverse("password_change"),
        {
            "old_password": "sai",
            "new_password1": "Mat-khau-moi-2026",
            "new_password2": "Mat-khau-moi-2026",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["old_password"]
    world.agency_user.refresh_from_db()
    assert world.agency_user.check_password("demo")


def test_sign_in_page_links_to_password_reset_and_sign_out_says_goodbye(client, world):
    assert reverse("password_reset") in client.get(reverse("login")).content.decode()
    client.force_login(world.agency_user)
    response = client.post(reverse("logout"), follow=True)
    assert response.redirect_chain == [("/accounts/login/", 302)]
    assert [str(m) for m in response.context["messages"]] == ["Bạn đã đăng xuất. Hẹn gặp lại."]
