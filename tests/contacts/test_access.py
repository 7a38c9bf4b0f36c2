"""Owner / colleague / outsider for every view of the directory.

Entries are shared province-wide among staff (centre, agency, reviewer); a signed-in
user without a role is the outsider. Proposals belong to the proposer's organisation:
a colleague sees them, another centre's staff get 404, only reviewers decide."""

import pytest
from django.urls import reverse

from contacts.enums import ContactRole
from contacts.models import ContactProposal, PressContact
from contacts.services import review
from tests.contacts.factories import PressAgencyFactory, PressContactFactory
from tests.factories import AgencyStaffFactory, UserFactory
from tests.forms import with_token


@pytest.fixture
def outsider(db):
    return UserFactory(username="nobody", role="")


@pytest.fixture
def entry(db):
    return PressContactFactory(press_agency=PressAgencyFactory(name="Báo Kon Tum"))


@pytest.fixture
def proposal(world, entry):
    return review.propose_edit(entry, by=world.agency_user, data={"title": "Trưởng VPĐD"})


def status(client_for, user, method, url, data=None):
    client = client_for(user)
    return getattr(client, method)(url, data or {}).status_code


def test_directory_lists_for_staff_only(world, outsider, client_for, entry):
    url = reverse("contacts:directory")
    for user in (world.agency_user, world.reporter, world.director2, world.reviewer):
        assert status(client_for, user, "get", url) == 200
    assert status(client_for, outsider, "get", url) == 403


def test_directory_shows_internal_fields_and_retired_entries_to_staff(world, client_for, entry):
    retired = PressContactFactory(press_agency=entry.press_agency, is_active=False)
    response = client_for(world.agency_user).get(reverse("contacts:directory"))
    assert list(response.context["page"].object_list) == sorted(
        [entry, retired], key=lambda c: c.full_name
    )
    assert entry.internal_phone in response.content.decode()


@pytest.mark.parametrize("name", ["contact", "edit"])
def test_entry_pages_are_404_for_outsiders(world, outsider, client_for, entry, name):
    url = reverse(f"contacts:{name}", args=[entry.pk])
    assert status(client_for, world.agency_user, "get", url) == 200
    assert status(client_for, world.director2, "get", url) == 200
    assert status(client_for, outsider, "get", url) == 404


def test_proposing_a_new_entry_is_for_staff(world, outsider, client_for):
    url = reverse("contacts:create")
    assert status(client_for, world.agency_user, "get", url) == 200
    assert status(client_for, outsider, "get", url) == 403


def test_retirement_proposal_by_outsider_is_404_and_stores_nothing(
    world, outsider, client_for, entry
):
    url = reverse("contacts:retire", args=[entry.pk])
    assert status(client_for, outsider, "post", url, {"reason": "x"}) == 404
    assert ContactProposal.objects.count() == 0
    data = with_token({"reason": "Nghỉ hưu"})
    assert status(client_for, world.agency_user, "post", url, data) == 302
    assert ContactProposal.objects.get().action == "retire"


def test_retirement_without_reason_stores_nothing(world, client_for, entry):
    url = reverse("contacts:retire", args=[entry.pk])
    assert status(client_for, world.agency_user, "post", url, {"reason": ""}) == 302
    assert ContactProposal.objects.count() == 0


def test_verify_is_404_for_outsiders_and_403_for_staff(world, outsider, client_for, entry):
    url = reverse("contacts:verify", args=[entry.pk])
    assert status(client_for, outsider, "post", url) == 404
    assert status(client_for, world.agency_user, "post", url) == 403
    assert status(client_for, world.reviewer, "post", url) == 302


def test_review_dashboard_is_for_reviewers(world, outsider, client_for):
    url = reverse("contacts:review")
    assert status(client_for, world.reviewer, "get", url) == 200
    for user in (world.agency_user, world.director, outsider):
        assert status(client_for, user, "get", url) == 403


def test_proposal_owner_and_colleague_see_it_other_centre_does_not(
    world, outsider, client_for, proposal
):
    colleague = AgencyStaffFactory(username="colleague", organisation=world.agency)
    url = reverse("contacts:proposal", args=[proposal.pk])
    assert status(client_for, world.agency_user, "get", url) == 200
    assert status(client_for, colleague, "get", url) == 200
    assert status(client_for, world.reviewer, "get", url) == 200
    for user in (world.agency2_user, world.director2, outsider):
        assert status(client_for, user, "get", url) == 404


def test_proposal_list_shows_only_the_organisations_proposals(
    world, outsider, client_for, proposal, entry
):
    review.propose_edit(entry, by=world.director2, data={"title": "Khác"})
    url = reverse("contacts:proposals")
    assert [p.pk for p in client_for(world.agency_user).get(url).context["page"]] == [proposal.pk]
    assert len(client_for(world.reviewer).get(url).context["page"].object_list) == 2
    assert status(client_for, outsider, "get", url) == 403


@pytest.mark.parametrize("name", ["approve", "reject"])
def test_only_reviewers_decide_proposals(world, outsider, client_for, proposal, entry, name):
    url = reverse(f"contacts:{name}", args=[proposal.pk])
    data = {"comment": "Không rõ nguồn"}
    assert status(client_for, world.agency_user, "post", url, data) == 403
    assert status(client_for, world.director2, "post", url, data) == 404
    assert status(client_for, outsider, "post", url, data) == 404
    proposal.refresh_from_db()
    assert proposal.is_pending
    assert status(client_for, world.reviewer, "post", url, data) == 302
    proposal.refresh_from_db()
    assert proposal.status == ("approved" if name == "approve" else "rejected")


def test_decisions_are_post_only(world, client_for, proposal):
    url = reverse("contacts:approve", args=[proposal.pk])
    assert status(client_for, world.reviewer, "get", url) == 405


def test_reject_without_comment_keeps_the_proposal_pending(world, client_for, proposal):
    client = client_for(world.reviewer)
    client.post(reverse("contacts:reject", args=[proposal.pk]), {"comment": ""})
    proposal.refresh_from_db()
    assert proposal.is_pending


@pytest.mark.parametrize("name", ["import", "import_apply"])
def test_import_is_for_staff(world, outsider, client_for, name):
    url = reverse(f"contacts:{name}")
    assert status(client_for, outsider, "post", url) == 403


def test_internal_export_is_refused_to_anonymous_and_outsiders(client, outsider, client_for, entry):
    url = reverse("contacts:public_export", args=["csv"]) + "?fields=internal"
    assert client.get(url).status_code == 403
    assert status(client_for, outsider, "get", url) == 403


def test_unknown_export_format_is_404(client, db):
    assert client.get(reverse("contacts:public_export", args=["pdf"])).status_code == 404


def test_organisation_contacts_need_an_organisation(world, client_for):
    client = client_for(world.agency_user)
    response = client.post(
        reverse("contacts:create"),
        with_token({"role": ContactRole.SPOKESPERSON, "full_name": "Hoàng Văn Đức"}),
    )
    assert list(response.context["form"].errors) == ["organisation"]
    response = client.post(
        reverse("contacts:create"),
        with_token(
            {
                "role": ContactRole.SPOKESPERSON,
                "full_name": "Hoàng Văn Đức",
                "organisation": world.agency.pk,
            }
        ),
    )
    proposal = ContactProposal.objects.get()
    review.approve(proposal, by=world.reviewer)
    assert PressContact.objects.get().organisation == world.agency
