"""A centre reporter proposes a new resident reporter; the provincial reviewer approves
it; it appears on the public list and is found by searching without diacritics."""

from contacts.models import ContactProposal, PressContact
from tests.contacts.factories import PressAgencyFactory
from tests.world import build_world


def test_proposed_reporter_is_approved_and_found_without_diacritics(page, live_server, login):
    build_world()
    agency = PressAgencyFactory(name="Báo Kon Tum")

    login(page, live_server, "reporter")
    page.goto(f"{live_server.url}/contacts/entries/new/")
    page.select_option("[name=role]", "reporter")
    page.select_option("[name=press_agency]", str(agency.pk))
    page.fill("[name=full_name]", "Y Đắk Hơ Ưng")
    page.fill("[name=area]", "Huyện Đắk Hà")
    page.fill("[name=phone]", "0900 000 321")
    page.fill("[name=internal_phone]", "0900 999 321")
    with page.expect_navigation():
        page.click("#contact-form button[type=submit]")
    proposal = ContactProposal.objects.get()
    assert page.url == f"{live_server.url}/contacts/proposals/{proposal.pk}/"
    assert PressContact.objects.count() == 0

    # A new browser session for the reviewer.
    page.context.clear_cookies()
    login(page, live_server, "reviewer")
    page.goto(f"{live_server.url}/contacts/review/")
    page.locator("[data-testid=pending-proposal] a").first.click()
    page.wait_for_url(f"**/contacts/proposals/{proposal.pk}/")
    assert "0900 999 321" in page.content()  # the reviewer sees the internal phone
    with page.expect_navigation():
        page.get_by_role("button", name="Duyệt và công bố").click()
    assert page.locator("[data-testid=pending-count]").inner_text() == "0"

    # Anyone, signed out, finds the entry typing without accents.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/contacts/")
    page.fill("[name=q]", "dak ha ung")
    with page.expect_navigation():
        page.get_by_role("search").get_by_role("button").click()
    entries = page.locator("[data-testid=contact]")
    assert entries.count() == 1
    text = entries.first.inner_text()
    assert "Y Đắk Hơ Ưng" in text and "0900 000 321" in text
    assert "0900 999 321" not in page.content()
