"""Two-factor sign-in: enrolment, the verify step, backup codes, who must have it."""

from binascii import unhexlify

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal import twofactor
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def code_for(hex_key: str) -> str:
    """The current code, as an authenticator app computes it."""
    return f"{totp(unhexlify(hex_key), step=30, t0=0):06d}"


def sign_in(client, username):
    return client.post(reverse("login"), {"username": username, "password": "demo"})


def enrolled(user) -> str:
    """Enrol `user` like the setup page does; returns the device's hex key."""
    key = twofactor.new_key()
    twofactor.enrol(user, key)
    # enrol() spends the current step; tests sign in with the code of the current step.
    TOTPDevice.objects.filter(user=user).update(last_t=-1)
    return key


def test_an_editor_without_2fa_is_sent_to_enrolment_after_the_password(client, world):
    response = sign_in(client, "director")
    assert (response.status_code, response.url) == (302, "/")
    response = client.get("/")
    assert (response.status_code, response.url) == (302, "/accounts/two-factor/?next=%2F")
    assert client.get("/newsroom/").url == "/accounts/two-factor/?next=%2Fnewsroom%2F"


@pytest.mark.parametrize("who", ["director", "reviewer"])
def test_required_roles_and_staff(world, who):
    assert twofactor.two_factor_required(getattr(world, who)) is True
    assert twofactor.two_factor_required(world.agency_user) is False
    assert twofactor.two_factor_required(world.reporter) is False
    assert twofactor.two_factor_required(UserFactory(is_staff=True, role="")) is True


def test_required_roles_are_a_setting(world, settings):
    settings.OTP_REQUIRED_ROLES = ["reporter"]
    assert twofactor.two_factor_required(world.reporter) is True
    assert twofactor.two_factor_required(world.director) is False


def test_an_optional_user_without_2fa_signs_in_with_the_password_only(client, world):
    sign_in(client, "agency")
    assert client.get("/").status_code == 200


def test_enrolment_shows_a_qr_code_and_a_right_code_turns_it_on(client, world):
    sign_in(client, "director")
    page = client.get(reverse("two_factor_setup"))
    html = page.content.decode()
    assert "<svg" in html and "http://www.w3.org/2000/svg" in html
    key = client.session["otp_setup_key"]
    assert page.context["secret"] in html
    wrong = client.post(reverse("two_factor_setup"), {"code": "000000"})
    assert "Mã không khớp" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=world.director).exists()
    response = client.post(reverse("two_factor_setup"), {"code": code_for(key)})
    assert (response.status_code, response.url) == (302, "/accounts/two-factor/backup-codes/")
    device = TOTPDevice.objects.get(user=world.director)
    assert (device.key, device.confirmed) == (key, True)
    codes = client.get(response.url).context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/").status_code == 200, "enrolment verifies this session"
    download = client.get(reverse("two_factor_backup_codes_download"))
    assert download["Content-Disposition"] == 'attachment; filename="duatin-backup-codes.txt"'
    assert download.content.decode().split("\n")[1:-1] == codes


def test_sign_in_with_a_totp_code(client, world):
    key = enrolled(world.director)
    sign_in(client, "director")
    assert client.get("/newsroom/").url == "/accounts/two-factor/verify/?next=%2Fnewsroom%2F"
    wrong = client.post(reverse("two_factor_verify"), {"code": "123456", "next": "/newsroom/"})
    assert wrong.status_code == 200
    assert wrong.context["form"].errors["code"] == ["Mã không đúng hoặc đã được dùng. Hãy thử lại."]
    device = TOTPDevice.objects.get(user=world.director)
    device.throttling_failure_count = 0  # django-otp slows down guesses; not the point here
    device.throttling_failure_timestamp = None
    device.save()
    response = client.post(
        reverse("two_factor_verify"), {"code": code_for(key), "next": "/newsroom/"}
    )
    assert (response.status_code, response.url) == (302, "/newsroom/")
    assert client.get("/newsroom/").status_code == 200


def test_the_same_totp_code_does_not_work_twice(client, world):
    key = enrolled(world.director)
    code = code_for(key)
    sign_in(client, "director")
    assert client.post(reverse("two_factor_verify"), {"code": code}).status_code == 302
    client.post(reverse("logout"))
    sign_in(client, "director")
    assert client.post(reverse("two_factor_verify"), {"code": code}).status_code == 200


def test_sign_in_with_a_backup_code_uses_it_up(client, world):
    enrolled(world.director)
    backup = twofactor.backup_codes(world.director)[0]
    sign_in(client, "director")
    response = client.post(reverse("two_factor_verify"), {"code": backup})
    assert (response.status_code, response.url) == (302, "/")
    assert backup not in twofactor.backup_codes(world.director)
    assert StaticToken.objects.filter(device__user=world.director).count() == 9
    client.post(reverse("logout"))
    sign_in(client, "director")
    again = client.post(reverse("two_factor_verify"), {"code": backup})
    assert again.status_code == 200
    assert client.get("/").url.startswith("/accounts/two-factor/verify/")


def test_an_off_site_next_is_ignored(client, world):
    key = enrolled(world.director)
    sign_in(client, "director")
    response = client.post(
        reverse("two_factor_verify"), {"code": code_for(key), "next": "https://evil.example/"}
    )
    assert response.url == "/"


def test_an_agency_user_who_enrolled_must_verify_too(client, world):
    enrolled(world.agency_user)
    sign_in(client, "agency")
    assert client.get("/").url == "/accounts/two-factor/verify/?next=%2F"


def test_new_backup_codes_replace_the_old_ones(client_for, world):
    enrolled(world.director)
    old = set(twofactor.backup_codes(world.director))
    client = client_for(world.director)
    client.post(reverse("two_factor_backup_codes"))
    new = set(twofactor.backup_codes(world.director))
    assert len(new) == 10 and not (old & new)


def test_the_admin_site_requires_a_verified_second_factor(client, world):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True, role="")
    client.force_login(admin)
    assert client.get("/admin/").url == "/accounts/two-factor/?next=%2Fadmin%2F"
    # Even past the portal's middleware, Django's admin itself refuses an unverified user.
    from django.contrib import admin as django_admin
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = admin
    admin.is_verified = lambda: False
    assert django_admin.site.has_permission(request) is False
    admin.is_verified = lambda: True
    assert django_admin.site.has_permission(request) is True


def test_a_verified_administrator_reaches_the_admin(client_for, world):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True, role="")
    assert client_for(admin).get("/admin/").status_code == 200


def test_the_recovery_command_removes_every_device(client, world, capsys):
    enrolled(world.director)
    call_command("reset_two_factor", "director")
    assert "2 two-factor device(s) of director removed." in capsys.readouterr().out
    assert not twofactor.has_two_factor(world.director)
    sign_in(client, "director")
    assert client.get("/").url == "/accounts/two-factor/?next=%2F"


def test_the_recovery_command_names_an_unknown_user(world):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No user named 'nobody'"):
        call_command("reset_two_factor", "nobody")


@pytest.mark.parametrize("code", ["", "12345", "１２３４５６", "x" * 40, "\x00"])
def test_bad_codes_are_refused_with_a_message(client, world, code):
    enrolled(world.director)
    sign_in(client, "director")
    response = client.post(reverse("two_factor_verify"), {"code": code})
    assert response.status_code == 200
    assert response.context["form"].errors["code"]
    assert client.get("/").status_code == 302


def test_outsiders_reach_no_2fa_page(client):
    for name in ("two_factor_setup", "two_factor_verify", "two_factor_backup_codes"):
        response = client.get(reverse(name))
        assert (response.status_code, response.url) == (
            302,
            f"/accounts/login/?next={reverse(name)}",
        )


def test_demo_users_who_need_2fa_are_enrolled_with_the_documented_secret(db):
    from contacts.demo import DEMO_TOTP_SECRET, seed_organisations, seed_users

    seed_organisations()
    users = seed_users()
    seed_users()  # idempotent: the devices stay as they are
    enrolled_users = sorted(u for u, user in users.items() if twofactor.has_two_factor(user))
    assert enrolled_users == ["admin", "director", "director2", "reviewer"]
    device = TOTPDevice.objects.get(user=users["director"])
    assert twofactor.base32_secret(device.key) == DEMO_TOTP_SECRET
    assert TOTPDevice.objects.count() == 4


def test_a_session_from_before_enrolment_cannot_replace_or_read_the_devices(client, world):
    sign_in(client, "agency")  # no device yet: the session is password-only
    enrolled(world.agency_user)  # enrolled elsewhere, e.g. on the office computer
    for name in ("two_factor_setup", "two_factor_backup_codes", "two_factor_backup_codes_download"):
        response = client.get(reverse(name))
        assert (response.status_code, response.url) == (302, "/accounts/two-factor/verify/")
    before = set(twofactor.backup_codes(world.agency_user))
    client.post(reverse("two_factor_setup"), {"code": "123456"})
    client.post(reverse("two_factor_backup_codes"))
    assert set(twofactor.backup_codes(world.agency_user)) == before
    assert TOTPDevice.objects.filter(user=world.agency_user).count() == 1
