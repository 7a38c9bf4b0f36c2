from django.contrib.auth import get_user_model


def test_login_page_renders_and_signing_in_lands_on_home(page, live_server, login):
    get_user_model().objects.create_user(username="smoke", password="demo")

    response = page.goto(f"{live_server.url}/accounts/login/")
    assert response.status == 200
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("input[name=username]").is_visible()
    assert page.locator("input[name=password]").is_visible()

    login(page, live_server, "smoke")

    assert page.url == f"{live_server.url}/"
