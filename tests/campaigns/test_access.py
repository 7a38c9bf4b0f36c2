"""Who sees what: the issuer all, a recipient only its own part, an outsider nothing
(404 on every campaign URL); read-only users get 403. Query counts stay constant."""

import pytest
import time_machine
from django.urls import resolve, reverse

from campaigns.enums import MaterialKind, TaskAudience
from campaigns.models import Campaign, Recipient
from campaigns.services.campaigns import add_material, relay_campaign
from campaigns.services.tracking import report_task
from tests.campaigns.helpers import NOW, communes, png_upload, sent
from tests.factories import AgencyStaffFactory, LocalityFactory, ReporterFactory


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def setup(world):
    """Sent to both centres and one agency; the first centre reported with evidence and
    prepared a relay; the campaign has a banner file."""
    world = communes(world)
    campaign = sent(world, to_centres=True, to_named=[world.agency])
    upload = png_upload("banner.png")
    from portal.files import PNG

    upload.verified_type = PNG
    material = add_material(
        campaign, by=world.reviewer, kind=MaterialKind.FILE, title="Banner", upload=upload
    )
    row = Recipient.objects.get(campaign=campaign, organisation=world.centre)
    task = campaign.tasks.get(audience=TaskAudience.CENTRE)
    evidence = png_upload("minh-chung.png")
    evidence.verified_type = PNG
    report = report_task(
        row,
        task,
        by=world.director,
        data={"summary": "Đã phát", "done_on": NOW.date(), "channel": "radio", "times": 3},
        evidence=evidence,
    )
    relay = relay_campaign(row, by=world.director)
    world.campaign, world.material, world.task, world.report, world.relay = (
        campaign,
        material,
        task,
        report,
        relay,
    )
    return world


def urls(w):
    c = w.campaign.pk
    return [
        ("get", reverse("campaigns:detail", args=[c])),
        ("get", reverse("campaigns:edit", args=[c])),
        ("get", reverse("campaigns:material_add", args=[c])),
        ("get", reverse("campaigns:material_download", args=[c, w.material.pk])),
        ("post", reverse("campaigns:material_remove", args=[c, w.material.pk])),
        ("get", reverse("campaigns:send", args=[c])),
        ("post", reverse("campaigns:close", args=[c])),
        ("post", reverse("campaigns:acknowledge", args=[c])),
        ("get", reverse("campaigns:report", args=[c, w.task.pk])),
        ("post", reverse("campaigns:relay", args=[c])),
        ("get", reverse("campaigns:summary_excel", args=[c])),
        ("get", reverse("campaigns:summary_word", args=[c])),
        ("get", reverse("campaigns:evidence", args=[w.report.pk])),
        ("get", reverse("campaigns:detail", args=[w.relay.pk])),
    ]


URL_COUNT = 14


@pytest.mark.parametrize("index", range(URL_COUNT))
def test_an_unrelated_commune_gets_404_on_every_campaign_url(setup, client_for, index):
    method, url = urls(setup)[index]
    client = client_for(setup.commune2_user)
    assert getattr(client, method)(url).status_code == 404


def test_every_campaign_url_is_in_the_outsider_test(setup):
    """The list and the create form show nothing of anyone's campaign; every other URL
    is tried by the outsider above."""
    from campaigns.urls import urlpatterns

    tried = {resolve(url).url_name for _method, url in urls(setup)}
    assert len(urls(setup)) == URL_COUNT
    assert tried == {p.name for p in urlpatterns} - {"list", "create"}


def test_the_issuer_sees_everything(setup, client_for):
    client = client_for(setup.reviewer)
    page = client.get(reverse("campaigns:detail", args=[setup.campaign.pk]))
    assert {r.organisation for r in page.context["page"]} == {
        setup.centre,
        setup.centre2,
        setup.agency,
    }
    assert client.get(reverse("campaigns:evidence", args=[setup.report.pk])).status_code == 200
    excel = reverse("campaigns:summary_excel", args=[setup.campaign.pk])
    assert client.get(excel).status_code == 200
    download = reverse("campaigns:material_download", args=[setup.campaign.pk, setup.material.pk])
    assert client.get(download)["Content-Type"] == "image/png"
    # The province sees the centre's relay too (the whole tree).
    assert client.get(reverse("campaigns:detail", args=[setup.relay.pk])).status_code == 200


def test_another_recipient_sees_only_its_own_part(setup, client_for):
    client = client_for(setup.director2)
    page = client.get(reverse("campaigns:detail", args=[setup.campaign.pk]))
    assert page.context["row"].organisation == setup.centre2
    assert "page" not in page.context and page.context["may_track"] is False
    assert "Đã phát" not in page.content.decode()  # the other centre's report
    assert client.get(reverse("campaigns:evidence", args=[setup.report.pk])).status_code == 404
    for name in ("summary_excel", "summary_word", "edit"):
        assert client.get(reverse(f"campaigns:{name}", args=[setup.campaign.pk])).status_code == 403
    # Sending a sent campaign says so (what the page shows anyway), before any permission.
    send = client.get(reverse("campaigns:send", args=[setup.campaign.pk]))
    assert send.url == reverse("campaigns:detail", args=[setup.campaign.pk])
    assert client.post(reverse("campaigns:close", args=[setup.campaign.pk])).status_code == 403
    # The first centre's relay draft is not the second centre's business.
    assert client.get(reverse("campaigns:detail", args=[setup.relay.pk])).status_code == 404
    # A recipient downloads the campaign's materials.
    download = reverse("campaigns:material_download", args=[setup.campaign.pk, setup.material.pk])
    assert client.get(download).status_code == 200


def test_a_reporter_of_a_recipient_centre_reads_but_cannot_act(setup, client_for):
    client = client_for(ReporterFactory(organisation=setup.centre2))
    c = setup.campaign.pk
    assert client.get(reverse("campaigns:detail", args=[c])).status_code == 200
    assert client.post(reverse("campaigns:acknowledge", args=[c])).status_code == 403
    assert client.get(reverse("campaigns:report", args=[c, setup.task.pk])).status_code == 403
    assert client.post(reverse("campaigns:relay", args=[c])).status_code == 403
    row = Recipient.objects.get(campaign=setup.campaign, organisation=setup.centre2)
    # Only those who act for the centre count as opening it; a reporter reading does not.
    assert (row.acknowledged_at, row.status) == (None, "sent")


def test_an_agency_cannot_relay_and_a_centre_task_is_not_an_agencys(setup, client_for):
    client = client_for(setup.agency_user)
    c = setup.campaign.pk
    assert client.post(reverse("campaigns:relay", args=[c])).status_code == 403
    assert client.get(reverse("campaigns:report", args=[c, setup.task.pk])).status_code == 404
    assert Campaign.objects.filter(parent=setup.campaign).count() == 1


@pytest.mark.parametrize("count", [5, 50])
def test_tracking_page_query_count_is_constant(world, client_for, count, django_assert_num_queries):
    extra = [LocalityFactory(centre=world.centre) for _n in range(count)]
    for commune in extra[:3]:
        AgencyStaffFactory(organisation=commune)
    campaign = sent(world, to_named=extra)
    for row in Recipient.objects.filter(campaign=campaign)[:3]:
        for task in campaign.tasks.filter(audience__in=[TaskAudience.ALL, row.kind]):
            report_task(
                row,
                task,
                by=world.reviewer,
                data={"summary": "Đã phát", "done_on": NOW.date(), "channel": "radio"},
            )
    client = client_for(world.reviewer)
    url = reverse("campaigns:detail", args=[campaign.pk])
    with django_assert_num_queries(17):
        response = client.get(url)
    assert len(response.context["page"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_campaign_list_query_count_is_constant(world, client_for, count, django_assert_num_queries):
    for _n in range(count):
        sent(world, to_centres=True)
    client = client_for(world.director)
    with django_assert_num_queries(9):
        response = client.get(reverse("campaigns:list"))
    assert len(response.context["page"]) == count


def test_the_list_shows_a_centre_what_it_received_and_an_outsider_nothing(world, client_for):
    campaign = sent(world, to_centres=True)
    other = ReporterFactory(organisation=world.centre2)
    assert client_for(other).get(reverse("campaigns:list")).context["page"].paginator.count == 1
    outsider = AgencyStaffFactory(organisation=world.agency_other)
    page = client_for(outsider).get(reverse("campaigns:list"))
    assert page.context["page"].paginator.count == 0
    assert campaign.recipients.count() == 2
