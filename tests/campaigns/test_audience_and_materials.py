"""Recipients chosen by level, by centre and by name; a draft's materials come and go."""

import pytest
import time_machine
from django.urls import reverse

from campaigns.enums import MaterialKind, TaskAudience
from campaigns.models import Material
from campaigns.selectors.campaigns import audience_of
from campaigns.services.campaigns import add_material
from newsroom.models import Publication
from tests.campaigns.helpers import NOW, draft, sent
from tests.factories import LocalityLevelFactory, NoticeFactory


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def names(campaign):
    return sorted(org.name for org in audience_of(campaign))


def test_every_organisation_of_a_level(world):
    campaign = draft(world)
    campaign.to_levels.set([LocalityLevelFactory()])
    assert names(campaign) == sorted([world.locality.name, world.locality2.name])


def test_every_organisation_of_a_centre_and_the_centre_itself(world):
    campaign = draft(world)
    campaign.to_centre_areas.set([world.centre2])
    assert names(campaign) == sorted(
        [world.centre2.name, world.agency_other.name, world.locality2.name]
    )


def test_all_departments_and_agencies_leave_out_centres_communes_and_the_issuer(world):
    campaign = draft(world, to_agencies=True)
    assert names(campaign) == sorted(
        [world.agency.name, world.agency2.name, world.agency_other.name]
    )
    assert world.reviewer.organisation.name not in names(campaign)


def test_the_tree_above_the_issuer_does_not_receive_its_campaign(world):
    from tests.factories import AgencyFactory

    province = AgencyFactory(name="Tỉnh Kon Tum", centre=None)
    department = world.reviewer.organisation
    department.parent = province
    department.save()
    assert province.name not in names(draft(world, to_agencies=True))


def test_an_inactive_organisation_receives_nothing(world):
    world.agency2.is_active = False
    world.agency2.save()
    assert names(draft(world, to_named=[world.agency, world.agency2])) == [world.agency.name]


def test_a_draft_material_is_removed_and_a_link_has_no_download(world, client_for):
    campaign = draft(world, to_centres=True)
    material = add_material(
        campaign, by=world.reviewer, kind=MaterialKind.LINK, title="Trailer", url="https://x.vn/t"
    )
    client = client_for(world.reviewer)
    download = reverse("campaigns:material_download", args=[campaign.pk, material.pk])
    assert client.get(download).status_code == 403
    remove = reverse("campaigns:material_remove", args=[campaign.pk, material.pk])
    assert client.post(remove).url == reverse("campaigns:detail", args=[campaign.pk])
    assert Material.objects.count() == 0


def test_the_report_form_offers_the_centres_publications_since_the_start(world, client_for):
    campaign = sent(world, to_centres=True)
    channel = world.channels["website"]
    notice = NoticeFactory(agency=world.agency, title="Lễ phát động Giải")
    Publication.objects.create(
        notice=notice, channel=channel, published_at=NOW, recorded_by=world.director
    )
    task = campaign.tasks.get(audience=TaskAudience.ALL)
    page = client_for(world.director).get(reverse("campaigns:report", args=[campaign.pk, task.pk]))
    choices = [label for _value, label in page.context["form"].fields["publication"].choices]
    assert choices[1:] == ["Trang thông tin điện tử Trung tâm · 23/11/2026 · Lễ phát động Giải"]
    other = client_for(world.director2).get(
        reverse("campaigns:report", args=[campaign.pk, task.pk])
    )
    assert "publication" not in other.context["form"].fields  # nothing logged there
