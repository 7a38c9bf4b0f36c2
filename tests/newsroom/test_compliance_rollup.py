"""The per-agency, per-month compliance rollup (`ComplianceMonth`): the figures of whole
months read from it are the figures counted from the notices, and the lifecycle keeps it."""

import random
import threading
from datetime import date, datetime, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection

from contacts.services.merges import apply_merge
from events.enums import NoticeKind, NoticeStatus, Verdict
from events.models import ComplianceMonth, Notice
from events.receivers import rollup_after_migrate
from events.services import compliance_months
from events.services import notices as lifecycle
from newsroom.selectors import compliance
from newsroom.selectors.compliance import period_bounds
from tests.factories import AgencyFactory, NoticeFactory
from tests.newsroom.helpers import HCM
from tests.world import notice_form_data

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 11, 20, 8, 0, tzinfo=HCM)


def from_notices(monkeypatch, function, *args, **kwargs):
    """What `function` answers when counted from the notices (the rollup not read)."""
    with monkeypatch.context() as patch:
        patch.setattr(compliance, "month_rows", lambda *a, **k: None)
        return function(*args, **kwargs)


def figures(rows):
    return [
        (r.key, r.name, r.total, r.on_time, r.late, r.after_fact, r.exempt, r.urgent,
         r.median_lead_minutes, r.rank)
        for r in rows
    ]  # fmt: skip


def scattered_year(world, seed=7):
    """A year of notices in two centres: every verdict and kind, some cancelled, odd and
    even counts per month, and an agency merged away on 1 July."""
    rng = random.Random(seed)
    merged_away = AgencyFactory(name="UBND xã Đắk Hà", centre=world.centre)
    successor = AgencyFactory(name="UBND xã Hà Mòn", centre=world.centre)
    agencies = [world.agency, world.agency2, world.agency_other, merged_away, successor]
    for n in range(160):
        agency = rng.choice(agencies)
        start = datetime(
            2026, rng.randint(1, 12), rng.randint(1, 28), rng.randint(6, 20), tzinfo=HCM
        )
        NoticeFactory(
            agency=agency,
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            received_at=start - timedelta(minutes=rng.randint(-120, 5000)),
            verdict=rng.choice(list(Verdict.values)),
            kind=rng.choice([NoticeKind.PLANNED, NoticeKind.URGENT, NoticeKind.EMERGENCY]),
            lead_minutes=rng.randint(-120, 5000),
            status=NoticeStatus.CANCELLED if n % 9 == 0 else NoticeStatus.RECEIVED,
        )  # fmt: skip
    apply_merge(
        [merged_away], successor, decision="NQ 1/2026", decided_on=date(2026, 7, 1),
        by=world.reviewer,
    )  # fmt: skip
    return merged_away, successor


PERIODS = [("year", 1), ("quarter", 2), ("quarter", 3), ("month", 6), ("month", 7), ("month", 12)]


@pytest.mark.parametrize(("period", "number"), PERIODS)
def test_whole_months_read_from_the_rollup_give_the_figures_counted_from_the_notices(
    world, monkeypatch, period, number
):
    scattered_year(world)
    start, end = period_bounds(period, 2026, number)
    both = [world.centre.pk, world.centre2.pk]
    for centres, agencies in (([world.centre.pk], None), (both, None), (both, [world.agency.pk])):
        assert compliance.month_rows(centres, start, end, agencies) is not None
        rolled = compliance.compliance_rows(centres, start, end, agencies)
        counted = from_notices(
            monkeypatch, compliance.compliance_rows, centres, start, end, agencies
        )
        assert figures(rolled) == figures(counted)
        assert figures([compliance.totals(centres, start, end, agencies)]) == figures(
            [from_notices(monkeypatch, compliance.totals, centres, start, end, agencies)]
        )
        assert compliance.monthly_trend(centres, start, end, agencies) == from_notices(
            monkeypatch, compliance.monthly_trend, centres, start, end, agencies
        )
    assert figures(compliance.centre_totals(both, start, end)) == figures(
        from_notices(monkeypatch, compliance.centre_totals, both, start, end)
    )


def test_a_window_that_is_not_whole_months_is_counted_from_the_notices(world):
    start = datetime(2026, 11, 16, tzinfo=HCM)  # the weekly report's week
    assert compliance.month_rows([world.centre.pk], start, start + timedelta(days=7)) is None


def test_june_before_a_july_merger_is_counted_under_the_old_agency(world):
    merged_away, successor = scattered_year(world)
    june = {
        r.key
        for r in compliance.compliance_rows([world.centre.pk], *period_bounds("month", 2026, 6))
        if r.total
    }
    july = {
        r.key
        for r in compliance.compliance_rows([world.centre.pk], *period_bounds("month", 2026, 7))
        if r.total
    }
    assert merged_away.pk in june
    assert merged_away.pk not in july  # fmt: skip


def month_figures(world, month):
    return list(
        ComplianceMonth.objects.filter(centre=world.centre, month=date(2026, month, 1))
        .order_by("unit_id")
        .values_list("unit_id", "total", "on_time", "late", "urgent")
    )


@pytest.mark.rollup_by_services_only
def test_the_lifecycle_keeps_the_rollup(world):
    with time_machine.travel(NOW, tick=False):
        notice = lifecycle.submit_notice(
            agency=world.agency,
            by=world.agency_user,
            data=notice_form_data(world, datetime(2026, 11, 25, 8, tzinfo=HCM)),
        )
        assert month_figures(world, 11) == [(world.agency.pk, 1, 1, 0, 0)]
        # moved into December (judged again: still on time)
        lifecycle.update_notice(
            notice,
            by=world.agency_user,
            data={"starts_at": datetime(2026, 12, 2, 8, tzinfo=HCM),
                  "ends_at": datetime(2026, 12, 2, 10, tzinfo=HCM)},
        )  # fmt: skip
        assert month_figures(world, 11) == []
        assert month_figures(world, 12) == [(world.agency.pk, 1, 1, 0, 0)]
        lifecycle.reclassify_notice(
            Notice.objects.get(pk=notice.pk), by=world.director, kind=NoticeKind.URGENT,
            emergency_cause="", reason="Lịch thay đổi",
        )  # fmt: skip
        assert month_figures(world, 12)[0][4] == 1  # urgent
        lifecycle.cancel_notice(
            Notice.objects.get(pk=notice.pk), by=world.agency_user, reason="Hoãn"
        )
        assert month_figures(world, 12) == []  # fmt: skip


@pytest.mark.rollup_by_services_only
def test_a_merger_counts_the_moved_notices_again(world):
    merged_away = AgencyFactory(name="UBND xã Đắk Hà", centre=world.centre)
    with time_machine.travel(NOW, tick=False):
        for day in (3, 10):
            lifecycle.submit_notice(
                agency=merged_away,
                by=world.agency_user,
                data=notice_form_data(world, datetime(2026, 12, day, 8, tzinfo=HCM)),
            )
    apply_merge(
        [merged_away], world.agency, decision="NQ 2/2026", decided_on=date(2026, 12, 5),
        by=world.reviewer,
    )  # fmt: skip
    # the 3rd is before the merger's date: still the old agency's; the 10th is the successor's
    december = ComplianceMonth.objects.filter(month=date(2026, 12, 1))
    assert sorted(december.values_list("agency_id", "unit_id", "total")) == sorted(
        [(world.agency.pk, merged_away.pk, 1), (world.agency.pk, world.agency.pk, 1)]
    )


@pytest.mark.rollup_by_services_only
def test_the_rollup_is_rebuilt_by_a_command_and_after_migrate(world):
    for month in (3, 4):
        start = datetime(2026, month, 10, 8, tzinfo=HCM)
        NoticeFactory(agency=world.agency, starts_at=start, ends_at=start + timedelta(hours=1))
    assert not ComplianceMonth.objects.exists()  # written directly: nothing kept it
    rollup_after_migrate(sender=None)
    assert ComplianceMonth.objects.count() == 2
    ComplianceMonth.objects.update(total=99)
    out = StringIO()
    call_command("rebuild_compliance_months", stdout=out)
    assert "2" in out.getvalue()
    assert set(ComplianceMonth.objects.values_list("total", flat=True)) == {1}


@pytest.mark.rollup_by_services_only
@pytest.mark.parametrize("notices", [1, 12])
def test_a_refresh_costs_the_same_queries_whatever_the_months_size(
    world, django_assert_num_queries, notices
):
    for n in range(notices):
        start = datetime(2026, 5, 1 + n, 8, tzinfo=HCM)
        NoticeFactory(agency=world.agency, starts_at=start, ends_at=start + timedelta(hours=1))
    # savepoint, the centre's lock, delete, the notices (with their original agency), insert,
    # release
    with django_assert_num_queries(6):
        compliance_months.refresh_months({(world.centre.pk, date(2026, 5, 1))})
    assert ComplianceMonth.objects.get().total == notices


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.rollup_by_services_only
def test_two_notices_of_one_centre_received_at_once_are_both_counted(require_postgres, world):
    """Each writer locks the centre's row before it recounts the month; the later one reads
    after the earlier one committed, so neither recount loses the other's notice."""
    barrier = threading.Barrier(8, timeout=120)  # a failsafe against a hang, not a margin
    errors = []

    def receive(n):
        try:
            barrier.wait()
            lifecycle.submit_notice(
                agency=world.agency,
                by=world.agency_user,
                data=notice_form_data(world, datetime(2026, 11, 25, 8 + n, tzinfo=HCM)),
            )
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=receive, args=(n,)) for n in range(8)]
    # one frozen clock for every thread (time_machine's travel is process-wide: entered
    # and left by eight threads at once, its stack could restore the wrong time)
    with time_machine.travel(NOW, tick=False):
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    assert month_figures(world, 11) == [(world.agency.pk, 8, 8, 0, 0)]
