"""Each centre keeps its own channels (issue 17).

The global channels become per-centre lists: every centre gets a copy of every existing
channel (same name, kind, position and state), the original row going to the first
centre that used it. Publications and plan items are re-pointed to their centre's copy,
so old publications keep a channel of the same name. Channels of a database without any
centre are unused (a publication needs a centre) and are removed. History rows are left
as they are: they record what was."""

import django.db.models.deletion
import django.db.models.functions.text
from django.db import migrations, models


def checked_now(run):
    """On PostgreSQL, check the deferred foreign keys at the end of the data step, so the
    tables can be altered in the same transaction ("pending trigger events")."""

    def step(apps, schema_editor):
        run(apps, schema_editor)
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    return step


def give_each_centre_its_channels(apps, schema_editor):
    Channel = apps.get_model("newsroom", "Channel")
    Publication = apps.get_model("newsroom", "Publication")
    PlanItem = apps.get_model("newsroom", "PlanItem")
    Organisation = apps.get_model("contacts", "Organisation")
    centres = set(Organisation.objects.filter(is_newsroom=True).values_list("pk", flat=True))
    centres |= set(Publication.objects.values_list("centre_id", flat=True).distinct())
    centres |= set(PlanItem.objects.values_list("centre_id", flat=True).distinct())
    global_channels = list(Channel.objects.filter(centre__isnull=True).order_by("pk"))
    if not centres:
        Channel.objects.filter(centre__isnull=True).delete()
        return
    names = {centre: set() for centre in centres}

    def free_name(centre, name, pk):
        # Two global names differing only in case would clash within one centre.
        if name.casefold() in names[centre]:
            name = f"{name} ({pk})"
        names[centre].add(name.casefold())
        return name

    for channel in global_channels:
        users = set(
            Publication.objects.filter(channel=channel).values_list("centre_id", flat=True)
        ) | set(PlanItem.objects.filter(channel=channel).values_list("centre_id", flat=True))
        owner = min(users) if users else min(centres)
        channel.centre_id = owner
        channel.name = free_name(owner, channel.name, channel.pk)
        channel.save(update_fields=["centre", "name"])
        for centre in sorted(centres - {owner}):
            copy = Channel.objects.create(
                centre_id=centre,
                name=free_name(centre, channel.name, channel.pk),
                kind=channel.kind,
                is_active=channel.is_active,
                position=channel.position,
            )
            Publication.objects.filter(channel=channel, centre_id=centre).update(channel=copy)
            PlanItem.objects.filter(channel=channel, centre_id=centre).update(channel=copy)


def back_to_global_channels(apps, schema_editor):
    """Undo: one channel per name again (the oldest), the copies merged into it."""
    Channel = apps.get_model("newsroom", "Channel")
    Publication = apps.get_model("newsroom", "Publication")
    PlanItem = apps.get_model("newsroom", "PlanItem")
    kept = {}
    for channel in Channel.objects.order_by("pk"):
        first = kept.setdefault(channel.name, channel)
        if first.pk != channel.pk:
            Publication.objects.filter(channel=channel).update(channel=first)
            PlanItem.objects.filter(channel=channel).update(channel=first)
            channel.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0010_merge_search_index"),
        ("newsroom", "0019_merge_publication_centre"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="channel",
            options={
                "ordering": ["position", "name", "pk"],
                "verbose_name": "channel",
                "verbose_name_plural": "channels",
            },
        ),
        migrations.AddField(
            model_name="channel",
            name="centre",
            field=models.ForeignKey(
                null=True,
                limit_choices_to={"is_newsroom": True},
                on_delete=django.db.models.deletion.CASCADE,
                related_name="channels",
                to="contacts.organisation",
                verbose_name="media centre",
            ),
        ),
        migrations.AlterField(
            model_name="channel",
            name="name",
            field=models.CharField(max_length=150, verbose_name="name"),
        ),
        migrations.RunPython(
            checked_now(give_each_centre_its_channels), checked_now(back_to_global_channels)
        ),
        migrations.AlterField(
            model_name="channel",
            name="centre",
            field=models.ForeignKey(
                limit_choices_to={"is_newsroom": True},
                on_delete=django.db.models.deletion.CASCADE,
                related_name="channels",
                to="contacts.organisation",
                verbose_name="media centre",
            ),
        ),
        migrations.AddConstraint(
            model_name="channel",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("name"),
                models.F("centre"),
                name="channel_name_once_per_centre",
            ),
        ),
    ]
