"""The migration that gives publications their centre fills it in for existing rows."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import NoticeFactory, StoryFactory

BEFORE = [("newsroom", "0013_report_pdf_and_signature")]
AFTER = [("newsroom", "0015_publication_centre_required")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_existing_publications_get_the_centre_of_their_notice_or_story(world):
    notice = NoticeFactory(agency=world.agency)
    story = StoryFactory(agency=world.agency_other)
    try:
        old = migrate(BEFORE)
        Publication = old.get_model("newsroom", "Publication")
        Channel = old.get_model("newsroom", "Channel")
        channel = Channel.objects.create(name="Đài FM thử", kind="radio")
        fields = {
            "channel": channel,
            "published_at": datetime(2026, 11, 20, 12, tzinfo=UTC),
            "recorded_by_id": world.director.pk,
        }
        of_notice = Publication.objects.create(notice_id=notice.pk, **fields)
        of_story = Publication.objects.create(story_id=story.pk, **fields)
        new = migrate(AFTER)
        Publication = new.get_model("newsroom", "Publication")
        centres = dict(Publication.objects.values_list("pk", "centre_id"))
        assert centres == {of_notice.pk: world.centre.pk, of_story.pk: world.centre2.pk}
    finally:
        migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
