"""The screen walk on a phone: every screen a role of the demo province reaches by its
links (tests/portal/test_screen_walk.py) is opened in Chromium at 390×844, and none
scrolls sideways (the document is no wider than the screen)."""

import pytest
from django.core.management import call_command
from django.test import Client

from tests.portal.test_screen_walk import walk
from tests.world import pass_second_factor

WIDTH = 390


@pytest.mark.parametrize("username", ["agency", "reporter", "director", "reviewer"])
def test_no_screen_a_role_reaches_scrolls_sideways_on_a_phone(phone_page, live_server, username):
    call_command("seed_demo", force_users=True, verbosity=0)
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=username)
    client = Client()
    client.force_login(user)
    pass_second_factor(client, user)
    screens = [
        url
        for url, response in walk(client)
        if response.status_code == 200 and "html" in response.get("Content-Type", "")
    ]
    assert len(screens) > 12

    # The browser carries the walk's signed-in session (second factor passed).
    phone_page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    too_wide = {}
    for url in screens:
        phone_page.goto(f"{live_server.url}{url}")
        assert "/accounts/login/" not in phone_page.url, url
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        if width > WIDTH:
            too_wide[url] = width
    assert too_wide == {}
