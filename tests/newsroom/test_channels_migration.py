"""The migration that gives each centre its own channels copies the global ones to every
centre and re-points each publication and plan item to its centre's copy."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import NoticeFactory, StoryFactory

BEFORE = [("newsroom", "0019_merge_publication_centre")]
AFTER = [("newsroom", "0020_channels_per_centre")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_global_channels_become_each_centres_and_publications_keep_their_name(world):
    notice = NoticeFactory(agency=world.agency)
    story = StoryFactory(agency=world.agency_other)
    try:
        old = migrate(BEFORE)
        Channel = old.get_model("newsroom", "Channel")
        Publication = old.get_model("newsroom", "Publication")
        PlanItem = old.get_model("newsroom", "PlanItem")
        paper = Channel.objects.create(
            name="Báo Kon Tum", kind="newspaper", is_active=False, position=7
        )
        fields = {
            "channel": paper,
            "published_at": datetime(2025, 3, 20, 12, tzinfo=UTC),
            "recorded_by_id": world.director.pk,
        }
        of_centre = Publication.objects.create(
            notice_id=notice.pk, centre_id=world.centre.pk, **fields
        )
        of_centre2 = Publication.objects.create(
            story_id=story.pk, centre_id=world.centre2.pk, **fields
        )
        planned = PlanItem.objects.create(
            centre_id=world.centre2.pk, year=2025, quarter=1, topic="Xuân 2025", channel=paper
        )
        new = migrate(AFTER)
        Channel = new.get_model("newsroom", "Channel")
        Publication = new.get_model("newsroom", "Publication")
        PlanItem = new.get_model("newsroom", "PlanItem")
        papers = {
            c.centre_id: (c.pk, c.kind, c.is_active, c.position)
            for c in Channel.objects.filter(name="Báo Kon Tum")
        }
        assert set(papers) == {world.centre.pk, world.centre2.pk}
        assert {v[1:] for v in papers.values()} == {("newspaper", False, 7)}
        assert papers[world.centre.pk][0] == paper.pk  # the original goes to its first user
        channel_of = dict(Publication.objects.values_list("pk", "channel_id"))
        assert channel_of == {
            of_centre.pk: papers[world.centre.pk][0],
            of_centre2.pk: papers[world.centre2.pk][0],
        }
        assert PlanItem.objects.get(pk=planned.pk).channel_id == papers[world.centre2.pk][0]
        # The world's own channels were centre 1's; centre 2 got copies of them too.
        assert Channel.objects.filter(centre_id=world.centre2.pk).count() == 5
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
