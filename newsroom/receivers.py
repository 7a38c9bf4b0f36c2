"""Newsroom reacts to notice changes made in `events` (which never imports newsroom)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from events.models import Notice
from newsroom.services.assignments import follow_notice


@receiver(post_save, sender=Notice, dispatch_uid="newsroom_follow_notice")
def notice_saved(sender, instance, created, raw=False, **kwargs):
    if created or raw:
        return
    follow_notice(instance)
