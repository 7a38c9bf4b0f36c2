"""Forgotten password: the link from the e-mail sets a new one; then change it again."""

import re

from django.core import mail

from tests.factories import AgencyFactory, AgencyStaffFactory, CentreFactory


def submit(page):
    with page.expect_navigation():
        page.click("main form button[type=submit]")


def test_agency_resets_a_forgotten_password_then_changes_it(page, live_server, settings, login):
    settings.SITE_URL = live_server.url
    AgencyStaffFactory(
        username="agency",
        email="agency@example.vn",
        organisation=AgencyFactory(centre=CentreFactory()),
    )
    page.goto(f"{live_server.url}/accounts/login/")
    with page.expect_navigation():
        page.get_by_role("link", name="Quên mật khẩu?").click()
    page.fill("input[name=email]", "agency@example.vn")
    submit(page)
    assert page.get_by_test_id("reset-sent").is_visible()

    assert [m.to for m in mail.outbox] == [["agency@example.vn"]]
    (link,) = re.findall(r"http://\S+/accounts/password/reset/\S+/", mail.outbox[0].body)
    page.goto(link)
    page.fill("input[name=new_password1]", "Mat-khau-moi-2026")
    page.fill("input[name=new_password2]", "Mat-khau-moi-2026")
    submit(page)
    assert page.url == f"{live_server.url}/accounts/password/reset/done/"

    page.goto(link)
    assert page.get_by_test_id("reset-invalid").is_visible(), "the link works only once"

    login(page, live_server, "agency", "Mat-khau-moi-2026")
    page.locator("nav .dropdown-toggle").last.click()
    with page.expect_navigation():
        page.get_by_role("link", name="Đổi mật khẩu").click()
    page.fill("input[name=old_password]", "Mat-khau-moi-2026")
    page.fill("input[name=new_password1]", "Mot-mat-khau-khac-9")
    page.fill("input[name=new_password2]", "Mot-mat-khau-khac-9")
    submit(page)
    assert page.url == f"{live_server.url}/accounts/password/change/done/"
