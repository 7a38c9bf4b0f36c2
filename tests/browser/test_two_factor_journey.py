"""A director enrols in two-factor sign-in, then signs in with a code and a backup code."""

import base64

from django_otp.oath import totp

from tests.factories import CentreFactory, EditorFactory


def app_code(secret_base32: str, ahead: int = 0) -> str:
    """What an authenticator app shows (`ahead` steps later)."""
    return f"{totp(base64.b32decode(secret_base32), drift=ahead):06d}"


def submit(page):
    with page.expect_navigation():
        page.click("main form button[type=submit]")


def sign_out(page):
    page.locator("nav .dropdown-toggle").last.click()  # the user menu
    with page.expect_navigation():
        page.get_by_role("button", name="Đăng xuất").click()


def password_step(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "demo")
    submit(page)


def test_director_enrols_and_signs_in_with_a_code_then_a_backup_code(page, live_server):
    EditorFactory(username="director", organisation=CentreFactory())
    violations = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )

    password_step(page, live_server, "director")
    assert page.url == f"{live_server.url}/accounts/two-factor/?next=%2F"
    assert page.get_by_test_id("qr-code").locator("svg").is_visible()
    secret = page.get_by_test_id("totp-secret").inner_text()
    page.fill("input[name=code]", app_code(secret))
    submit(page)

    assert page.url == f"{live_server.url}/accounts/two-factor/backup-codes/"
    codes = page.get_by_test_id("backup-codes").locator("li").all_inner_texts()
    assert len(codes) == 10
    page.get_by_role("link", name="Tiếp tục").click()
    page.wait_for_url(f"{live_server.url}/")

    sign_out(page)
    assert "Bạn đã đăng xuất" in page.locator("main").inner_text()

    # With the app: the code of the next step (this step's code was spent on enrolment).
    password_step(page, live_server, "director")
    assert "/accounts/two-factor/verify/" in page.url
    page.fill("input[name=code]", app_code(secret, ahead=1))
    submit(page)
    assert page.url == f"{live_server.url}/"

    sign_out(page)

    # Without the phone: a printed backup code, once.
    password_step(page, live_server, "director")
    page.fill("input[name=code]", codes[0])
    submit(page)
    assert page.url == f"{live_server.url}/"
    assert violations == []
