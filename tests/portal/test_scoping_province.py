"""A provincial reviewer reads their own province only (a national deployment has 34).

Two provinces, each with its Department's reviewer, a centre, agencies, notices, stories,
publications, a press-monitoring item, a letter, a weekly report, a leaders' calendar, a
campaign and a proposal. Reviewer A sees province A's rows on every list, export and
compliance page, and gets 404 on every page of province B's objects; the pages' query
counts do not grow with the rows. The organisation tree keeps each node's province
(the root of its tree) through creation, moves and mergers.
"""

import importlib
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
import time_machine
from django.apps import apps as django_apps
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campaigns.selectors.campaigns import campaigns_for, pool
from contacts.enums import AccessKind, ProposalAction
from contacts.models import AccessRecord, ContactProposal, Organisation
from contacts.selectors.review import proposals_for
from contacts.services.merges import apply_merge
from events.enums import CalendarVersionState
from events.models import CalendarVersion
from events.selectors.leaders import calendar_versions_for
from events.selectors.notices import notices_for
from events.selectors.stories import stories_for
from newsroom.enums import Assessment
from newsroom.models import AgencyLetter, Channel, MonitoringItem, Publication, WeeklyReport
from newsroom.selectors.compliance import compliance_scope
from newsroom.selectors.letters import letters_for
from newsroom.selectors.monitoring import monitoring_items_for
from newsroom.selectors.publications import publications_for
from newsroom.selectors.reports import reports_for
from portal.enums import Role
from portal.scoping import NATIONWIDE, Scope, scope_for
from portal.selectors import province_reviewers
from privacy.selectors.access import access_log_for
from tests.campaigns.helpers import NOW, sent
from tests.factories import (
    AgencyFactory,
    AgencyStaffFactory,
    CentreFactory,
    ChannelFactory,
    DepartmentFactory,
    EditorFactory,
    NoticeFactory,
    ProvinceFactory,
    ReviewerFactory,
    StoryFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def build_province(name: str, tag: str) -> SimpleNamespace:
    """A province with its Department (the reviewer's), one centre and two agencies."""
    province = ProvinceFactory(name=name)
    department = DepartmentFactory(name=f"Sở VH-TT-DL {tag}", parent=province)
    centre = CentreFactory(name=f"Trung tâm khu vực {tag}", parent=department)
    agency = AgencyFactory(name=f"Phòng Văn hóa {tag}", centre=centre)
    return SimpleNamespace(
        tag=tag,
        province=province,
        department=department,
        centre=centre,
        agency=agency,
        agency2=AgencyFactory(name=f"UBND xã {tag}", centre=centre),
        agency_user=AgencyStaffFactory(username=f"agency_{tag}", organisation=agency),
        director=EditorFactory(username=f"director_{tag}", organisation=centre),
        reviewer=ReviewerFactory(username=f"reviewer_{tag}", organisation=department),
        notices=[],
        stories=[],
    )


def fill(p: SimpleNamespace, n: int = 1) -> SimpleNamespace:
    """`n` notices, stories and publications, and one of everything else."""
    # Channels belong to a centre: each province's centre publishes on its own.
    channel = Channel.objects.filter(centre=p.centre).first() or ChannelFactory(centre=p.centre)
    for i in range(n):
        notice = NoticeFactory(agency=p.agency, title=f"Hội nghị {p.tag} {len(p.notices)}")
        p.notices.append(notice)
        p.stories.append(StoryFactory(agency=p.agency, title=f"Tin {p.tag} {len(p.stories)}"))
        p.publication = Publication.objects.create(
            centre=p.centre,
            notice=notice,
            channel=channel,
            published_at=timezone.now() - timedelta(hours=i + 1),
            recorded_by=p.director,
        )
    if hasattr(p, "campaign"):
        return p
    p.notice, p.story = p.notices[0], p.stories[0]
    p.item = MonitoringItem.objects.create(
        centre=p.centre,
        outlet="Báo điện tử",
        published_on=date(2026, 11, 20),
        title=f"Phản ánh {p.tag}",
        assessment=Assessment.NEGATIVE,
        responsible_agency=p.agency,
        created_by=p.director,
    )
    p.letter = AgencyLetter.objects.create(
        centre=p.centre,
        agency=p.agency,
        month=date(2026, 10, 1),
        number=12,
        sent_at=timezone.now(),
        docx=b"PK",
    )
    p.report = WeeklyReport.objects.create(
        centre=p.centre, week_start=date(2026, 11, 16), week_end=date(2026, 11, 22), number=1
    )
    p.calendar = CalendarVersion.objects.create(
        issuer=p.agency,
        week_start=date(2026, 11, 23),
        number=1,
        state=CalendarVersionState.APPLIED,
        received_at=timezone.now(),
        file_name="lich.xlsx",
        created_by=p.agency_user,
    )
    p.proposal = ContactProposal.objects.create(
        action=ProposalAction.NEW,
        data={"full_name": f"Người phát ngôn {p.tag}"},
        proposed_by=p.agency_user,
        proposer_organisation=p.agency,
    )
    p.access = AccessRecord.objects.create(user=p.agency_user, what=AccessKind.DIRECTORY)
    p.campaign = sent(p, to_centres=True, to_agencies=True)
    return p


@pytest.fixture
def bare():
    """The two provinces with nothing recorded yet."""
    return SimpleNamespace(
        a=build_province("Tỉnh Quảng Ngãi", "QN"), b=build_province("Tỉnh Gia Lai", "GL")
    )


@pytest.fixture
def two():
    return SimpleNamespace(
        a=fill(build_province("Tỉnh Quảng Ngãi", "QN")),
        b=fill(build_province("Tỉnh Gia Lai", "GL")),
    )


# --- The tree knows each organisation's province ------------------------------------------


def test_every_organisation_knows_its_province_the_root_of_its_tree(two):
    a, b = two.a, two.b
    assert a.province.province_id == a.province.pk  # a root is its own province
    for org in (a.department, a.centre, a.agency, a.agency2, a.notice.locality):
        org.refresh_from_db()
        assert org.province_id == a.province.pk
    b.agency.refresh_from_db()
    assert b.agency.province_id == b.province.pk


def test_moving_a_branch_to_another_province_moves_everything_under_it(bare):
    a, b = bare.a, bare.b
    commune = AgencyFactory(name="Xã dưới phòng", centre=a.centre, parent=a.agency)
    office = AgencyFactory(name="Văn phòng dưới xã", centre=a.centre, parent=commune)
    a.agency.parent = b.province
    a.agency.save()
    for org in (a.agency, commune, office):
        org.refresh_from_db()
        assert org.province_id == b.province.pk
    a.department.refresh_from_db()
    assert a.department.province_id == a.province.pk  # the rest of A stays


def test_a_province_becoming_a_branch_takes_its_new_root_everywhere_below(bare):
    a, b = bare.a, bare.b
    b.province.parent = a.province
    b.province.save(update_fields=["parent"])
    for org in (b.province, b.department, b.centre, b.agency):
        org.refresh_from_db()
        assert org.province_id == a.province.pk


def test_merging_two_provinces_puts_every_organisation_of_both_in_the_successor(two):
    """The 2025 reform merged provinces: the predecessor's whole tree joins the successor."""
    a, b = two.a, two.b
    apply_merge([b.province], a.province, decision="202/2025/QH15", decided_on=NOW, by=a.reviewer)
    for org in (b.department, b.centre, b.agency, b.agency2):
        org.refresh_from_db()
        assert org.province_id == a.province.pk
    notice = NoticeFactory(agency=b.agency)
    assert notices_for(a.reviewer).filter(pk=notice.pk).exists()
    assert set(province_reviewers(a.province.pk)) == {a.reviewer, b.reviewer}


def test_merging_a_centre_into_another_provinces_centre_moves_its_agencies_there(bare):
    a, b = bare.a, bare.b
    commune = AgencyFactory(name="Xã con", centre=b.centre, parent=b.centre)
    apply_merge([b.centre], a.centre, decision="Quyết định 1", decided_on=NOW, by=a.reviewer)
    commune.refresh_from_db()
    assert (commune.parent_id, commune.province_id) == (a.centre.pk, a.province.pk)
    b.agency.refresh_from_db()
    assert b.agency.centre_id == a.centre.pk
    assert b.agency.province_id == b.province.pk  # its place in the tree did not change


def test_the_migration_backfills_every_province_from_the_tree(bare):
    a, b = bare.a, bare.b
    Organisation.objects.update(province=None)
    migration = importlib.import_module("contacts.migrations.0011_organisation_province")
    migration.backfill_provinces(django_apps, None)
    provinces = dict(Organisation.objects.values_list("pk", "province_id"))
    assert provinces[a.province.pk] == a.province.pk
    assert provinces[a.agency.pk] == a.province.pk
    assert provinces[a.centre.pk] == a.province.pk  # under the Department, two levels down
    assert provinces[b.centre.pk] == b.province.pk
    assert None not in provinces.values()


# --- The scope ----------------------------------------------------------------------------


def test_the_scope_takes_the_province_from_the_loaded_organisation(two, django_assert_num_queries):
    from portal.models import User

    reviewer = User.objects.select_related("organisation").get(pk=two.a.reviewer.pk)
    with django_assert_num_queries(0):
        scope = scope_for(reviewer)
    assert scope.province_id == two.a.province.pk


def test_a_reviewer_without_an_organisation_sees_nothing_a_province_reviewer_would(two):
    """The documented rule: no organisation, no province, no rows (an administrator links
    the account first); rows of no province (the shared directory) need a province too."""
    loose = UserFactory(username="loose_reviewer", role=Role.REVIEWER)
    scope = scope_for(loose)
    assert scope.is_reviewer and scope.province_id is None
    assert notices_for(loose).count() == 0
    assert stories_for(loose).count() == 0
    assert campaigns_for(loose).count() == 0
    assert compliance_scope(loose).centre_ids == []
    bare = Scope(user_id=1, role=Role.REVIEWER)
    assert bare.filter(Organisation.objects.all(), across=NATIONWIDE).count() == 0


def test_across_names_a_column_not_a_flag():
    scope = Scope(user_id=1, role=Role.REVIEWER, organisation_id=2, province_id=3)
    with pytest.raises(TypeError):
        scope.filter(Organisation.objects.all(), across=True)


def test_the_reviewers_selectors_keep_their_province(two):
    a, b = two.a, two.b
    user = a.reviewer
    pairs = [
        (notices_for(user), a.notices, b.notices),
        (stories_for(user), a.stories, b.stories),
        (publications_for(user), [a.publication], [b.publication]),
        (monitoring_items_for(user), [a.item], [b.item]),
        (letters_for(user), [a.letter], [b.letter]),
        (reports_for(user), [a.report], [b.report]),
        (calendar_versions_for(user), [a.calendar], [b.calendar]),
        (proposals_for(user), [a.proposal], [b.proposal]),
        (campaigns_for(user), [a.campaign], [b.campaign]),
        (access_log_for(user), [a.access], [b.access]),
    ]
    for seen, own, other in pairs:
        seen = set(seen)
        assert set(own) <= seen
        assert not seen & set(other)
    assert compliance_scope(user).centre_ids == [a.centre.pk]
    assert compliance_scope(user, b.centre.pk).centre_ids == [a.centre.pk]


def test_a_campaign_goes_to_its_own_province_only(two):
    a, b = two.a, two.b
    audience = set(pool(a.department.pk, relay=False))
    assert {a.centre, a.agency} <= audience
    assert not audience & {b.province, b.department, b.centre, b.agency}
    assert set(a.campaign.recipients.values_list("organisation__province", flat=True)) == {
        a.province.pk
    }


def test_a_proposal_is_announced_to_its_provinces_reviewers_only(two):
    from contacts.services.review import propose_new
    from portal.models import Notification

    propose_new(by=two.b.agency_user, data={"role": "spokesperson", "full_name": "Lê Văn Tư"})
    told = set(
        Notification.objects.filter(kind="contact_proposal_new").values_list("recipient", flat=True)
    )
    assert two.b.reviewer.pk in told
    assert two.a.reviewer.pk not in told


# --- The pages ----------------------------------------------------------------------------


def lists(p):
    return [
        (reverse("events:list"), p.notice.title),
        (reverse("stories:list"), p.story.title),
        (reverse("newsroom:publication_list"), p.notice.title),
        (reverse("newsroom:monitoring_list"), p.item.title),
        (reverse("newsroom:letter_list"), p.agency.name),
        (reverse("newsroom:report_list"), p.centre.name),
        (reverse("newsroom:compliance"), p.agency.name),
        (reverse("events:leaders_list"), p.agency.name),
        (reverse("campaigns:list"), p.department.name),
        (reverse("contacts:proposals"), p.agency_user.full_name),
    ]


def test_reviewer_a_sees_province_a_on_every_list_and_nothing_of_b(two, client_for):
    client = client_for(two.a.reviewer)
    for (url, own), (_, other) in zip(lists(two.a), lists(two.b), strict=True):
        page = client.get(url)
        assert page.status_code == 200, url
        text = page.content.decode()
        assert own in text, url
        assert other not in text, url


def test_the_compliance_export_holds_province_a_only(two, client_for):
    from io import BytesIO

    from openpyxl import load_workbook

    response = client_for(two.a.reviewer).get(reverse("newsroom:compliance_export"))
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    cells = {
        str(cell.value)
        for sheet in load_workbook(BytesIO(body)).worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    }
    assert two.a.agency.name in cells
    assert two.b.agency.name not in cells


def test_asking_for_province_bs_centre_on_the_compliance_page_is_refused(two, client_for):
    client = client_for(two.a.reviewer)
    page = client.get(reverse("newsroom:compliance"), {"centre": two.b.centre.pk})
    assert page.status_code == 400
    assert two.b.agency.name not in page.content.decode()


def details(p):
    return [
        reverse("events:detail", args=[p.notice.pk]),
        reverse("stories:detail", args=[p.story.pk]),
        reverse("newsroom:monitoring_detail", args=[p.item.pk]),
        reverse("newsroom:letter_word", args=[p.letter.pk]),
        reverse("newsroom:letter_pdf", args=[p.letter.pk]),
        reverse("newsroom:report_detail", args=[p.report.pk]),
        reverse("newsroom:report_excel", args=[p.report.pk]),
        reverse("events:leaders_week", args=[p.calendar.pk]),
        reverse("campaigns:detail", args=[p.campaign.pk]),
        reverse("campaigns:summary_excel", args=[p.campaign.pk]),
        reverse("campaigns:summary_word", args=[p.campaign.pk]),
        reverse("contacts:proposal", args=[p.proposal.pk]),
    ]


def test_every_page_of_province_bs_objects_is_404_for_reviewer_a(two, client_for):
    client = client_for(two.a.reviewer)
    for url in details(two.b):
        assert client.get(url).status_code == 404, url


def test_reviewer_a_opens_province_as_own_objects(two, client_for):
    client = client_for(two.a.reviewer)
    for url in (
        reverse("events:detail", args=[two.a.notice.pk]),
        reverse("stories:detail", args=[two.a.story.pk]),
        reverse("newsroom:monitoring_detail", args=[two.a.item.pk]),
        reverse("events:leaders_week", args=[two.a.calendar.pk]),
        reverse("campaigns:detail", args=[two.a.campaign.pk]),
        reverse("contacts:proposal", args=[two.a.proposal.pk]),
    ):
        assert client.get(url).status_code == 200, url


def test_the_provinces_pages_are_still_closed_to_the_anonymous(two, client):
    for url in details(two.a):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "login" in response["Location"], url


def test_reviewer_as_lists_cost_the_same_queries_with_more_rows(two, client_for):
    client = client_for(two.a.reviewer)
    urls = [url for url, _ in lists(two.a)]

    def counts():
        found = []
        for url in urls:
            client.get(url)  # warm the session and caches
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            found.append(len(queries))
        return found

    before = counts()
    fill(two.a, 3)
    fill(two.b, 3)
    assert counts() == before
