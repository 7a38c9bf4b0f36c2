"""Campaigns (issue 14, seed 004): create, send to three kinds of recipients, relay,
acknowledge and report, and what the issuer's tracking page shows."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from campaigns.enums import CampaignStatus, RecipientKind, RecipientStatus, TaskAudience
from campaigns.models import Campaign, Recipient, TaskReport
from campaigns.services.campaigns import send_campaign
from campaigns.services.tracking import acknowledge, report_task
from tests.campaigns.helpers import NOW, communes, draft, own_client, sent
from tests.forms import with_token


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def province(world):
    return communes(world)


def create_data(world, **overrides):
    data = {
        "title": "Giải báo chí về xây dựng Đảng (Búa liềm vàng)",
        "description": "Tuyên truyền, hưởng ứng Giải.",
        "starts_on": "2026-11-23",
        "ends_on": "2026-12-06",
        "to_centres": "on",
        "to_communes": "on",
        "to_named": [world.agency.pk],
        "doc-TOTAL_FORMS": "2",
        "doc-INITIAL_FORMS": "0",
        "doc-0-number": "130/KH-TU",
        "doc-0-issued_on": "2024-03-12",
        "doc-0-issuer": "Ban Thường vụ Tỉnh ủy",
        "task-TOTAL_FORMS": "3",
        "task-INITIAL_FORMS": "0",
        "task-0-audience": TaskAudience.ALL,
        "task-0-description": "Chia sẻ banner trên trang thông tin điện tử",
        "task-1-audience": TaskAudience.CENTRE,
        "task-1-description": "Phát trên hệ thống truyền thanh",
        "task-1-times": "3",
        "task-2-audience": TaskAudience.COMMUNE,
        "task-2-description": "Phát trên loa truyền thanh xã",
    }
    data.update(overrides)
    return with_token(data)


def send_data():
    return with_token({"confirm": "on"})


def test_reviewer_creates_previews_and_sends_to_three_kinds_each_person_told_once(
    province, client_for, django_capture_on_commit_callbacks
):
    world = province
    client = client_for(world.reviewer)
    response = client.post(reverse("campaigns:create"), create_data(world))
    campaign = Campaign.objects.get()
    assert response.url == reverse("campaigns:detail", args=[campaign.pk])
    assert (campaign.issuer, campaign.status) == (world.reviewer.organisation, CampaignStatus.DRAFT)
    assert [(d.number, d.issuer) for d in campaign.documents.all()] == [
        ("130/KH-TU", "Ban Thường vụ Tỉnh ủy")
    ]
    assert [t.audience for t in campaign.tasks.all()] == ["all", "centre", "commune"]

    preview = client.get(reverse("campaigns:send", args=[campaign.pk]))
    names = [org.name for org in preview.context["audience"]]
    assert sorted(names) == sorted(
        [
            world.centre.name,
            world.centre2.name,
            world.locality.name,
            world.locality2.name,
            world.agency.name,
        ]
    )
    assert "Sẽ gửi đến 5 cơ quan, đơn vị:" in preview.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("campaigns:send", args=[campaign.pk]), send_data())
    assert response.url == reverse("campaigns:detail", args=[campaign.pk])
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.SENT
    kinds = dict(campaign.recipients.values_list("organisation__name", "kind"))
    assert kinds == {
        world.centre.name: RecipientKind.CENTRE,
        world.centre2.name: RecipientKind.CENTRE,
        world.locality.name: RecipientKind.COMMUNE,
        world.locality2.name: RecipientKind.COMMUNE,
        world.agency.name: RecipientKind.AGENCY,
    }
    told = sorted(address for message in mail.outbox for address in message.to)
    assert told == sorted(
        [
            world.director.email,
            world.director2.email,
            world.commune_user.email,
            world.commune2_user.email,
            world.agency_user.email,
        ]
    )
    director_mail = next(m for m in mail.outbox if m.to == [world.director.email])
    assert director_mail.subject == (
        "Chiến dịch mới cần thực hiện: Giải báo chí về xây dựng Đảng (Búa liềm vàng)"
    )
    assert "Phát trên hệ thống truyền thanh" in director_mail.body
    assert "Phát trên loa truyền thanh xã" not in director_mail.body  # a commune's task
    commune_mail = next(m for m in mail.outbox if m.to == [world.commune_user.email])
    assert "Phát trên loa truyền thanh xã" in commune_mail.body
    assert "Phát trên hệ thống truyền thanh\n" not in commune_mail.body


def test_sending_twice_sends_once(province, client_for, django_capture_on_commit_callbacks):
    world = province
    campaign = draft(world, to_centres=True)
    client = client_for(world.reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("campaigns:send", args=[campaign.pk]), send_data())
        again = client.post(reverse("campaigns:send", args=[campaign.pk]), send_data(), follow=True)
    assert [str(m) for m in again.context["messages"]] == [
        "Đã gửi chiến dịch đến 2 cơ quan, đơn vị.",
        "Chiến dịch đã được gửi rồi.",
    ]
    assert Recipient.objects.count() == 2
    assert len(mail.outbox) == 2
    assert send_campaign(campaign, by=world.reviewer) == 0


def test_a_centre_relays_to_its_communes_and_the_province_sees_the_tree(
    province, client_for, django_capture_on_commit_callbacks
):
    world = province
    parent = sent(world, to_centres=True)
    client = client_for(world.director)
    response = client.post(reverse("campaigns:relay", args=[parent.pk]))
    child = Campaign.objects.get(parent=parent)
    assert response.url == reverse("campaigns:edit", args=[child.pk])
    assert (child.issuer, child.title, child.status) == (
        world.centre,
        parent.title,
        CampaignStatus.DRAFT,
    )
    assert list(child.documents.values_list("number", flat=True)) == ["130/KH-TU"]
    # The relay's choices are the centre's own organisations only.
    page = client.get(reverse("campaigns:edit", args=[child.pk]))
    assert set(page.context["form"].fields["to_named"].queryset) == {
        world.agency,
        world.agency2,
        world.locality,
    }
    edit = {
        "title": child.title,
        "starts_on": "2026-11-23",
        "ends_on": "2026-12-06",
        "to_communes": "on",
        "doc-TOTAL_FORMS": "0",
        "doc-INITIAL_FORMS": "0",
        "task-TOTAL_FORMS": "1",
        "task-INITIAL_FORMS": "0",
        "task-0-audience": TaskAudience.COMMUNE,
        "task-0-description": "Phát trên loa truyền thanh xã 3 lần mỗi tuần",
    }
    assert client.post(reverse("campaigns:edit", args=[child.pk]), edit).status_code == 302
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("campaigns:send", args=[child.pk]), send_data())
    assert [m.to for m in mail.outbox] == [[world.commune_user.email]]
    assert list(child.recipients.values_list("organisation", flat=True)) == [world.locality.pk]
    # Relaying again opens the same draft; the other centre may relay its own.
    assert client.post(reverse("campaigns:relay", args=[parent.pk])).url == reverse(
        "campaigns:edit", args=[child.pk]
    )
    tree = client_for(world.reviewer).get(reverse("campaigns:detail", args=[parent.pk]))
    assert [r.issuer for r in tree.context["relays"]] == [world.centre]
    assert [(r.recipient_count, r.reported_count) for r in tree.context["relays"]] == [(1, 0)]
    commune_page = client_for(world.commune_user).get(reverse("campaigns:detail", args=[child.pk]))
    assert commune_page.context["row"].organisation == world.locality


def test_acknowledging_and_reporting_change_the_tracking_page(province):
    world = province
    campaign = sent(world)
    reviewer = own_client(world.reviewer)
    url = reverse("campaigns:detail", args=[campaign.pk])

    def statuses():
        page = reviewer.get(url)
        return {r.organisation.name: r.status for r in page.context["page"]}

    assert set(statuses().values()) == {RecipientStatus.SENT}
    director = own_client(world.director)
    director.get(url)
    assert statuses()[world.centre.name] == RecipientStatus.OPENED
    director.post(reverse("campaigns:acknowledge", args=[campaign.pk]))
    assert statuses()[world.centre.name] == RecipientStatus.ACKNOWLEDGED
    tasks = list(campaign.tasks.all())
    for task in tasks[:2]:  # the centre's two tasks: for everyone, and for centres
        response = director.post(
            reverse("campaigns:report", args=[campaign.pk, task.pk]),
            {
                "summary": "Đã phát trên FM huyện",
                "done_on": "2026-11-23",
                "channel": "radio",
                "times": "3",
                "link": "https://konray.example.vn/bai-1",
            },
        )
        assert response.status_code == 302
    page = reviewer.get(url)
    rows = {r.organisation.name: r for r in page.context["page"]}
    assert rows[world.centre.name].status == RecipientStatus.REPORTED
    assert [r.summary for r in rows[world.centre.name].reports.all()] == [
        "Đã phát trên FM huyện",
        "Đã phát trên FM huyện",
    ]
    completion = [
        (c["task"].audience, c["done"], c["concerned"]) for c in page.context["completion"]
    ]
    assert completion == [("all", 1, 5), ("centre", 1, 2), ("commune", 0, 2)]
    assert page.context["counts"]["reported"] == 1
    filtered = reviewer.get(url, {"status": RecipientStatus.REPORTED})
    assert [r.organisation for r in filtered.context["page"]] == [world.centre]
    by_kind = reviewer.get(url, {"kind": RecipientKind.COMMUNE})
    assert {r.organisation for r in by_kind.context["page"]} == {world.locality, world.locality2}


def test_past_the_end_date_unreported_units_show_as_overdue(province, client_for):
    world = province
    campaign = sent(world, to_centres=True)
    row = Recipient.objects.get(campaign=campaign, organisation=world.centre)
    for task in campaign.tasks.filter(audience__in=["all", "centre"]):
        report_task(
            row,
            task,
            by=world.director,
            data={"summary": "Đã phát", "done_on": NOW.date(), "channel": "radio", "times": 1},
        )
    with time_machine.travel(NOW + timedelta(days=20), tick=False):
        client = client_for(world.reviewer)
        page = client.get(reverse("campaigns:detail", args=[campaign.pk]), {"status": "overdue"})
        assert [r.organisation for r in page.context["page"]] == [world.centre2]
        home = client_for(world.director2).get(reverse("home"))
        assert "Chiến dịch cần thực hiện" in home.content.decode()


def test_a_centre_links_a_logged_publication_and_it_fills_the_report(province, client_for):
    from newsroom.models import Publication
    from tests.factories import NoticeFactory

    world = province
    campaign = sent(world, to_centres=True)
    notice = NoticeFactory(agency=world.agency, title="Phát động Giải Búa liềm vàng")
    channel = world.channels["radio"]
    publication = Publication.objects.create(
        notice=notice,
        channel=channel,
        published_at=NOW,
        link="https://konray.example.vn/fm",
        recorded_by=world.director,
    )
    task = campaign.tasks.get(audience=TaskAudience.CENTRE)
    client = client_for(world.director)
    response = client.post(
        reverse("campaigns:report", args=[campaign.pk, task.pk]),
        {"publication": publication.pk, "times": "2"},
    )
    assert response.status_code == 302
    report = TaskReport.objects.get()
    assert (report.publication, report.summary, report.channel, report.link, report.done_on) == (
        publication,
        "Phát động Giải Búa liềm vàng",
        "radio",
        "https://konray.example.vn/fm",
        NOW.date(),
    )


def test_the_home_panel_lists_what_is_due_for_recipients_only(province, client_for):
    world = province
    campaign = sent(world, to_centres=True)
    home = client_for(world.director).get(reverse("home")).content.decode()
    assert "Chiến dịch cần thực hiện" in home and campaign.title in home
    assert "Chiến dịch cần thực hiện" not in (
        client_for(world.agency_user).get(reverse("home")).content.decode()
    )
    row = Recipient.objects.get(campaign=campaign, organisation=world.centre)
    acknowledge(row, by=world.director)
    for task in campaign.tasks.filter(audience__in=["all", "centre"]):
        report_task(
            row,
            task,
            by=world.director,
            data={"summary": "Đã làm", "done_on": NOW.date(), "channel": "website", "times": 1},
        )
    home = client_for(world.director).get(reverse("home")).content.decode()
    assert "Chiến dịch cần thực hiện" not in home
