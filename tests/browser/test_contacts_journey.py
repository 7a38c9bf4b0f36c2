"""A centre reporter proposes a new resident reporter; the provincial reviewer approves
it; it appears on the public list and is found by searching without diacritics; its
phone is shown once the reporter consents through the link in the notice sent to them."""

import re

from contacts.models import ContactProposal, PressContact
from portal.models import OutboxMessage
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
    page.fill("[name=email]", "ung@example.vn")
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
    assert "Y Đắk Hơ Ưng" in text and "0900 000 321" not in text  # no consent yet
    assert "0900 999 321" not in page.content()

    # The reporter opens the link in the notice, consents to the phone only.
    notice = OutboxMessage.objects.get(kind="contact_consent_notice", to_email="ung@example.vn")
    link = re.search(r"/contacts/consent/\S+/", notice.body_text).group(0)
    page.goto(f"{live_server.url}{link}")
    page.check("[name=phone]")
    with page.expect_navigation():
        page.click("#consent-form button[type=submit]")
    page.goto(f"{live_server.url}/contacts/?q=dak+ha+ung")
    text = page.locator("[data-testid=contact]").first.inner_text()
    assert "0900 000 321" in text and "ung@example.vn" not in text
