"""Merging organisations (the 2025 reform): a dry run with counts, then one transaction
that moves users, notices, stories and contacts to the successor; former names stay
searchable, the predecessor stays as "name (cũ)"."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contacts.models import FormerName, Organisation, OrganisationMerge
from contacts.services import merges
from contacts.services.merges import apply_merge, plan_merge
from events.models import Notice, Story
from tests.contacts.factories import PressContactFactory
from tests.factories import AgencyFactory, NoticeFactory, StoryFactory

pytestmark = pytest.mark.django_db
DECISION = "Nghị quyết số 1664/NQ-UBTVQH15"


@pytest.fixture
def communes(world):
    """Two communes of centre 1 with a user, notices, a story and a contact each."""
    dak_ha = AgencyFactory(name="UBND xã Đắk Hà", centre=world.centre)
    ngoc_reo = AgencyFactory(name="UBND xã Ngọc Réo", centre=world.centre)
    merged = AgencyFactory(name="UBND xã Đắk Hà mới", centre=world.centre)
    world.agency_user.organisation = dak_ha
    world.agency_user.save()
    for agency in (dak_ha, dak_ha, ngoc_reo):
        NoticeFactory(agency=agency, locality=world.locality, created_by=world.agency_user)
    StoryFactory(agency=ngoc_reo, created_by=world.agency_user)
    PressContactFactory(organisation=dak_ha, press_agency=None, role="spokesperson")
    return dak_ha, ngoc_reo, merged


def test_the_dry_run_counts_what_would_move_and_changes_nothing(world, communes):
    dak_ha, ngoc_reo, merged = communes
    plan = plan_merge([dak_ha, ngoc_reo], merged)
    assert plan.problems == []
    assert {label: plan.counts[label] for label in plan.counts} == {
        "portal.User": 1,
        "events.Notice": 3,
        "events.Story": 1,
        "contacts.PressContact": 1,
    }
    assert Notice.objects.filter(agency=merged).count() == 0
    assert Organisation.objects.get(pk=dak_ha.pk).name == "UBND xã Đắk Hà"


def test_applying_moves_everything_and_keeps_the_old_names(world, communes):
    dak_ha, ngoc_reo, merged = communes
    merge, plan = apply_merge(
        [dak_ha, ngoc_reo],
        merged,
        decision=DECISION,
        decided_on=date(2025, 6, 16),
        by=world.reviewer,
    )
    assert Notice.objects.filter(agency=merged).count() == 3
    assert Story.objects.get().agency == merged
    world.agency_user.refresh_from_db()
    assert world.agency_user.organisation == merged
    dak_ha.refresh_from_db()
    assert (dak_ha.name, dak_ha.is_active) == ("UBND xã Đắk Hà (cũ)", False)
    assert sorted(
        FormerName.objects.filter(organisation=merged).values_list("name", flat=True)
    ) == [
        "UBND xã Ngọc Réo",
        "UBND xã Đắk Hà",
    ]
    assert (merge.decision, merge.decided_on, merge.counts) == (
        DECISION,
        date(2025, 6, 16),
        plan.counts,
    )
    assert DECISION in dak_ha.history.first().history_change_reason


def test_a_merger_that_cannot_be_done_changes_nothing(world, communes):
    dak_ha, _ngoc_reo, _merged = communes
    with pytest.raises(ValidationError):
        apply_merge(
            [dak_ha],
            world.centre,
            decision=DECISION,
            decided_on=date(2025, 7, 1),
            by=world.reviewer,
        )
    assert OrganisationMerge.objects.count() == 0
    assert Notice.objects.filter(agency=dak_ha).count() == 2


def admin_client(client_for):
    admin_user = get_user_model().objects.create_superuser("quantri", "q@example.vn", "x")
    return client_for(admin_user), admin_user


def test_the_administrator_merges_from_the_back_office_after_a_dry_run(client_for, world, communes):
    dak_ha, ngoc_reo, merged = communes
    client, _admin = admin_client(client_for)
    url = reverse("admin:contacts_organisation_merge")
    data = {
        "ids": f"{dak_ha.pk},{ngoc_reo.pk}",
        "successor": merged.pk,
        "decision": DECISION,
        "decided_on": "2025-06-16",
    }
    response = client.post(url, {**data, "dry_run": "1"})
    assert response.status_code == 200
    assert response.context["plan"].total == 6
    assert Notice.objects.filter(agency=merged).count() == 0
    response = client.post(url, {**data, "apply": "1"})
    assert response.status_code == 302
    assert Notice.objects.filter(agency=merged).count() == 3
    # The former name finds the successor (and the predecessor, now "(cũ)").
    found = client.get(reverse("admin:contacts_organisation_changelist"), {"q": "Ngọc Réo"})
    names = {org.name for org in found.context["cl"].result_list}
    assert names == {"UBND xã Đắk Hà mới", "UBND xã Ngọc Réo (cũ)"}


def test_only_administrators_reach_the_merge_page(client_for, world, communes):
    response = client_for(world.director).get(reverse("admin:contacts_organisation_merge"))
    assert response.status_code == 302  # to the admin's sign-in: not staff


def test_every_moved_record_gets_a_history_row_naming_the_decision_and_the_administrator(
    world, communes
):
    dak_ha, ngoc_reo, merged = communes
    apply_merge(
        [dak_ha, ngoc_reo],
        merged,
        decision=DECISION,
        decided_on=date(2025, 6, 16),
        by=world.reviewer,
    )
    for notice in Notice.objects.filter(agency=merged):
        latest = notice.history.first()
        assert (latest.history_type, latest.agency_id, latest.history_user) == (
            "~",
            merged.pk,
            world.reviewer,
        )
        assert DECISION in latest.history_change_reason
        assert latest.prev_record.agency_id in (dak_ha.pk, ngoc_reo.pk)
    story = Story.objects.get()
    assert story.history.first().history_user == world.reviewer
    assert DECISION in story.history.first().history_change_reason
    # A notice keeps the agency it had before the merger, for reports of earlier periods.
    assert sorted(Notice.objects.values_list("original_agency_id", flat=True)) == sorted(
        [dak_ha.pk, dak_ha.pk, ngoc_reo.pk]
    )


def test_the_queries_per_batch_do_not_grow_with_the_records_moved(world, monkeypatch):
    """A batch is one read, one UPDATE and one INSERT of history rows: moving 3 or 9
    notices in batches of 3 costs 3 queries per batch, whatever the rows."""
    monkeypatch.setattr(merges, "BATCH_SIZE", 3)
    counts = []
    for size in (3, 9):
        old = AgencyFactory(centre=world.centre)
        new = AgencyFactory(centre=world.centre)
        for _ in range(size):
            NoticeFactory(agency=old, locality=world.locality, created_by=world.agency_user)
        with CaptureQueriesContext(connection) as captured:
            merges._move(Notice, ["agency"], [old.pk], new, by=world.reviewer, reason=DECISION)
        counts.append(len(captured) - 1)  # the first query lists the records' ids
        assert Notice.objects.filter(agency=new).count() == size
        assert Notice.history.filter(agency_id=new.pk, history_type="~").count() == size
    assert counts == [3, 9]  # one batch, three batches: 3 queries each
