"""On a phone the director's channel list is a column of cards, and retiring a channel
shows its confirmation."""

from tests.world import build_world

WIDTH = 390


def test_the_director_retires_a_channel_from_its_card_on_a_phone(phone_page, live_server, login):
    world = build_world()
    login(phone_page, live_server, "director")
    phone_page.goto(f"{live_server.url}/newsroom/channels/")
    assert phone_page.locator("table.table-cards thead").is_hidden()
    card = phone_page.locator("[data-testid=channel]", has_text="Fanpage")
    box = card.bounding_box()
    assert box["x"] + box["width"] <= WIDTH
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    card.get_by_role("button", name="Ngừng dùng").click()
    assert phone_page.get_by_text("Đã ngừng dùng “Fanpage”").is_visible()
    world.channels["social"].refresh_from_db()
    assert world.channels["social"].is_active is False
