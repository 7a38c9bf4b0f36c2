"""Proposals and their review by the provincial department."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from contacts.enums import ContactRole, ProposalAction, ProposalStatus
from contacts.models import ContactProposal, PressContact
from contacts.selectors.review import proposal_diff
from contacts.services import review
from portal.models import Notification
from tests.contacts.factories import PressAgencyFactory, PressContactFactory
from tests.forms import with_token

LONG_AGO = timezone.now() - timedelta(days=200)


@pytest.fixture
def agency(db):
    return PressAgencyFactory(name="Báo Kon Tum")


@pytest.fixture
def old_entry(agency):
    with time_machine.travel(LONG_AGO, tick=False):
        return PressContactFactory(
            press_agency=agency, full_name="Nguyễn Văn Thường", phone="0900 000 001"
        )


def new_data(agency, **extra):
    return {
        "role": ContactRole.REPORTER,
        "press_agency": agency,
        "full_name": "Phạm Thị Thu Hương",
        "area": "Huyện Đắk Hà",
        "phone": "0900 000 123",
        **extra,
    }


def test_a_centre_proposal_waits_and_tells_reviewers_in_app(world, agency):
    proposal = review.propose_new(by=world.reporter, data=new_data(agency))
    assert proposal.status == ProposalStatus.PENDING
    assert proposal.proposer_organisation == world.centre
    assert PressContact.objects.count() == 0
    assert list(Notification.objects.values_list("recipient__username", flat=True)) == ["reviewer"]


def test_only_reviewers_approve(world, agency):
    proposal = review.propose_new(by=world.agency_user, data=new_data(agency))
    for user in (world.agency_user, world.agency2_user, world.reporter, world.director):
        with pytest.raises(PermissionDenied):
            review.approve(proposal, by=user)
    assert PressContact.objects.count() == 0


def test_approving_a_new_entry_publishes_it_verified_today_and_tells_the_proposer(
    world, agency, django_capture_on_commit_callbacks
):
    proposal = review.propose_new(by=world.agency_user, data=new_data(agency))
    with django_capture_on_commit_callbacks(execute=True):
        review.approve(proposal, by=world.reviewer, comment="Đã xác minh qua điện thoại")
    contact = PressContact.objects.get()
    assert (contact.full_name, contact.phone, contact.verified_on, contact.verified_by) == (
        "Phạm Thị Thu Hương",
        "0900 000 123",
        timezone.localdate(),
        world.reviewer,
    )
    assert contact.search_text == "pham thi thu huong huyen dak ha bao kon tum"
    proposal.refresh_from_db()
    assert (proposal.status, proposal.contact, proposal.decided_by) == (
        ProposalStatus.APPROVED,
        contact,
        world.reviewer,
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["agency@example.vn"]
    assert mail.outbox[0].subject == (
        f"Đề xuất #{proposal.pk} về danh bạ báo chí đã được duyệt: {contact.full_name}"
    )
    assert "Đã xác minh qua điện thoại" in mail.outbox[0].body


def test_an_approved_edit_updates_the_entry_and_its_verified_on_date(world, old_entry):
    proposal = review.propose_edit(
        old_entry,
        by=world.director,
        data={**review.serialise(_values(old_entry)), "phone": "0900 000 999"},
    )
    assert proposal.data == {"phone": "0900 000 999"}
    review.approve(proposal, by=world.reviewer)
    old_entry.refresh_from_db()
    assert (old_entry.phone, old_entry.verified_on) == ("0900 000 999", timezone.localdate())
    assert not old_entry.is_stale
    reasons = list(old_entry.history.values_list("history_change_reason", flat=True))
    assert reasons[0] == f"Đã duyệt đề xuất #{proposal.pk}: Sửa đổi"


def test_a_rejected_proposal_changes_nothing_and_the_proposer_is_told_why(
    world, old_entry, django_capture_on_commit_callbacks
):
    before = PressContact.objects.values().get(pk=old_entry.pk)
    proposal = review.propose_edit(old_entry, by=world.agency_user, data={"full_name": "Tên Sai"})
    with django_capture_on_commit_callbacks(execute=True):
        review.reject(proposal, by=world.reviewer, comment="Không đúng người.")
    assert PressContact.objects.values().get(pk=old_entry.pk) == before
    assert old_entry.history.count() == 1
    proposal.refresh_from_db()
    assert (proposal.status, proposal.comment) == (ProposalStatus.REJECTED, "Không đúng người.")
    assert [m.subject for m in mail.outbox] == [
        f"Đề xuất #{proposal.pk} về danh bạ báo chí bị từ chối: {old_entry.full_name}"
    ]
    assert mail.outbox[0].body == (
        "Kính gửi Nguyễn Văn 0,\n\n".replace("Nguyễn Văn 0", world.agency_user.display_name)
        + f"Đề xuất #{proposal.pk} (Sửa đổi) của đồng chí đã bị Sở từ chối; danh bạ không "
        "thay đổi.\n\nÝ kiến của người duyệt: Không đúng người.\n\n"
        f"http://localhost:8000/contacts/proposals/{proposal.pk}/\n"
    )


def test_a_rejection_needs_a_comment(world, old_entry):
    proposal = review.propose_retirement(old_entry, by=world.agency_user, reason="Nghỉ hưu")
    with pytest.raises(ValidationError):
        review.reject(proposal, by=world.reviewer, comment="  ")
    assert ContactProposal.objects.get().status == ProposalStatus.PENDING


def test_an_approved_retirement_removes_the_entry_from_the_public_list(world, old_entry, client):
    proposal = review.propose_retirement(old_entry, by=world.agency_user, reason="Chuyển công tác")
    review.approve(proposal, by=world.reviewer)
    old_entry.refresh_from_db()
    assert not old_entry.is_active
    assert list(client.get(reverse("contacts:public_list")).context["page"].object_list) == []


def test_approving_twice_is_a_no_op_and_approving_a_rejected_one_is_refused(world, agency):
    proposal = review.propose_new(by=world.agency_user, data=new_data(agency))
    review.approve(proposal, by=world.reviewer)
    review.approve(proposal, by=world.reviewer)
    assert PressContact.objects.count() == 1
    other = review.propose_new(by=world.agency_user, data=new_data(agency, full_name="Khác"))
    review.reject(other, by=world.reviewer, comment="Trùng")
    with pytest.raises(ValidationError):
        review.approve(other, by=world.reviewer)
    assert PressContact.objects.count() == 1


def test_an_edit_that_changes_nothing_is_refused(world, old_entry):
    with pytest.raises(ValidationError):
        review.propose_edit(
            old_entry, by=world.agency_user, data=review.serialise(_values(old_entry))
        )


def test_a_reviewer_change_goes_live_at_once(world, agency):
    proposal = review.propose_new(by=world.reviewer, data=new_data(agency))
    assert proposal.status == ProposalStatus.APPROVED
    assert PressContact.objects.get().verified_by == world.reviewer


def test_diff_shows_current_and_proposed_values_side_by_side(world, old_entry):
    proposal = review.propose_edit(
        old_entry, by=world.agency_user, data={"phone": "0900 000 777", "area": "Huyện Đắk Hà"}
    )
    changed = [(r["current"], r["proposed"]) for r in proposal_diff(proposal) if r["changed"]]
    assert changed == [("Huyện Kon Rẫy", "Huyện Đắk Hà"), ("0900 000 001", "0900 000 777")]
    retire = review.propose_retirement(old_entry, by=world.agency_user, reason="x")
    changed = [(r["current"], r["proposed"]) for r in proposal_diff(retire) if r["changed"]]
    assert changed == [("Đang hoạt động", "Đã thôi")]


def test_reverify_is_one_click_for_reviewers_only(world, old_entry, client_for):
    url = reverse("contacts:verify", args=[old_entry.pk])
    assert client_for(world.director).post(url).status_code == 403
    old_entry.refresh_from_db()
    assert old_entry.is_stale
    response = client_for(world.reviewer).post(url)
    assert response.status_code == 302
    old_entry.refresh_from_db()
    assert (old_entry.verified_on, old_entry.is_stale) == (timezone.localdate(), False)
    assert old_entry.history.first().history_change_reason == "Xác minh lại, không thay đổi"
    client_for(world.reviewer).post(url)  # again the same day: nothing new in history
    assert old_entry.history.count() == 2


def test_reverify_by_get_is_not_allowed(world, old_entry, client_for):
    url = reverse("contacts:verify", args=[old_entry.pk])
    assert client_for(world.reviewer).get(url).status_code == 405


def test_stale_after_setting_is_respected(world, agency, settings):
    settings.CONTACT_STALE_AFTER_DAYS = 30
    with time_machine.travel(timezone.now() - timedelta(days=31), tick=False):
        contact = PressContactFactory(press_agency=agency)
    assert contact.is_stale


def test_proposal_form_flow_through_the_views(world, agency, client_for):
    client = client_for(world.reporter)
    response = client.post(
        reverse("contacts:create"),
        with_token(
            {
                "role": "reporter",
                "press_agency": agency.pk,
                "full_name": "  Đinh   Công Ưng ",
                "area": "Huyện Kon Rẫy",
                "phone": "0900 000 555",
                "email": "ung@example.vn",
            }
        ),
    )
    proposal = ContactProposal.objects.get()
    assert response.url == reverse("contacts:proposal", args=[proposal.pk])
    assert (proposal.action, proposal.data["full_name"]) == (ProposalAction.NEW, "Đinh Công Ưng")
    response = client_for(world.reviewer).post(reverse("contacts:approve", args=[proposal.pk]))
    assert response.url == reverse("contacts:review")
    assert PressContact.objects.get().full_name == "Đinh Công Ưng"


def test_a_reporter_without_agency_is_refused_with_a_message(world, client_for):
    response = client_for(world.reporter).post(
        reverse("contacts:create"), with_token({"role": "reporter", "full_name": "Ai Đó"})
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"press_agency": ["Chọn cơ quan báo chí."]}
    assert ContactProposal.objects.count() == 0


def _values(contact):
    from contacts.selectors.review import current_values

    values = current_values(contact)
    values.pop("is_active")
    return values


# ---- reviewer dashboard -------------------------------------------------------------


def _make_pending(world, count):
    agency = PressAgencyFactory(name="Báo Kon Tum")
    for number in range(count):
        with time_machine.travel(LONG_AGO, tick=False):
            entry = PressContactFactory(press_agency=agency)
        review.propose_edit(entry, by=world.agency_user, data={"title": f"Trưởng ban {number}"})


@pytest.mark.parametrize("count", [1, 6])
def test_review_queue_query_count_is_constant(world, client_for, django_assert_num_queries, count):
    _make_pending(world, count)
    client = client_for(world.reviewer)
    # session, user, navbar organisation, unread notifications, page count, page, stale,
    # counts, by level
    with django_assert_num_queries(10):
        response = client.get(reverse("contacts:review"))
    assert response.context["page"].paginator.count == count
    assert len(response.context["stale"]) == count
    assert response.context["counts"] == {"active": count, "stale": count, "retired": 0}


def test_dashboard_counts_active_entries_by_press_level(world, client_for):
    PressContactFactory(press_agency=PressAgencyFactory(name="VTV", level="central"))
    PressContactFactory(press_agency=PressAgencyFactory(name="Báo KT", level="provincial"))
    PressContactFactory(press_agency=PressAgencyFactory(name="Báo KT", level="provincial"))
    PressContactFactory(role=ContactRole.SPOKESPERSON, press_agency=None, organisation=world.agency)
    PressContactFactory(press_agency=PressAgencyFactory(name="VTV"), is_active=False)
    response = client_for(world.reviewer).get(reverse("contacts:review"))
    assert [(r["level"], r["count"]) for r in response.context["by_level"]] == [
        ("central", 1),
        ("sector", 0),
        ("provincial", 2),
        ("other", 0),
        ("", 1),
    ]


def test_history_names_the_press_agency_and_role_not_their_ids(world, old_entry):
    from contacts.selectors.directory import contact_history

    other = PressAgencyFactory(name="Đài PT-TH Kon Tum")
    proposal = review.propose_edit(
        old_entry,
        by=world.director,
        data={
            **review.serialise(_values(old_entry)),
            "press_agency": other.pk,
            "role": ContactRole.OFFICE,
        },
    )
    review.approve(proposal, by=world.reviewer)
    changes = {c["field"]: (c["old"], c["new"]) for c in contact_history(old_entry)[0]["changes"]}
    label = lambda name: PressContact._meta.get_field(name).verbose_name  # noqa: E731
    assert changes[label("press_agency")] == ("Báo Kon Tum", "Đài PT-TH Kon Tum")
    assert changes[label("role")] == (
        str(ContactRole(old_entry.role).label),
        str(ContactRole.OFFICE.label),
    )
