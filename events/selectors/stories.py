"""Every read of a story goes through here, scoped to what the user may see.

Agency staff see their agency's stories, drafts included. Centre staff see their centre's
stories once sent (a draft is the agency's own business). The provincial reviewer reads
every sent story.
"""

import difflib
import re

from django.db.models import Count, F, Q, QuerySet

from events.enums import StoryAction, StoryStatus
from events.models import Notice, Story, StoryAttachment, StoryDecision, StoryPhoto
from portal.models import User
from portal.scoping import get_for, scope_for

# Order of the editor's queue: what needs a hand first.
QUEUE_ORDER = [
    StoryStatus.SUBMITTED,
    StoryStatus.IN_REVIEW,
    StoryStatus.APPROVED,
    StoryStatus.RETURNED,
    StoryStatus.PUBLISHED,
    StoryStatus.REJECTED,
]


def stories_for(user: User) -> QuerySet[Story]:
    scope = scope_for(user)
    stories = scope.filter(Story.objects.all(), agency="agency_id", centre="centre_id", across=True)
    if scope.is_agency_staff:
        return stories
    return stories.exclude(status=StoryStatus.DRAFT)  # a draft is the agency's own business


def get_story_for(user: User, pk: int, *, perm: str | None = None, done=None) -> Story:
    """404 for anyone who may not see the story; 403 when they may see but not do `perm`."""
    stories = stories_for(user).select_related("agency", "centre", "notice", "claimed_by")
    return get_for(user, stories, pk, perm, done=done)


def get_photo_for(user: User, story_pk: int, pk: int) -> StoryPhoto:
    photos = StoryPhoto.objects.filter(story__in=stories_for(user))
    return get_for(user, photos, pk, story_id=story_pk)


def get_story_attachment_for(user: User, story_pk: int, pk: int) -> StoryAttachment:
    attachments = StoryAttachment.objects.filter(story__in=stories_for(user))
    return get_for(user, attachments, pk, story_id=story_pk)


def story_list_for(user: User) -> QuerySet[Story]:
    """The story list, last changed first; events.filters.StoryFilter narrows it."""
    return (
        stories_for(user)
        .select_related("agency", "claimed_by")
        .annotate(photo_count=Count("photos", distinct=True))
        .order_by("-updated_at", "-pk")
    )


def status_counts_for(user: User) -> dict[str, int]:
    rows = stories_for(user).values("status").annotate(n=Count("pk"))
    return {row["status"]: row["n"] for row in rows}


def notices_for_story_form(agency_id: int) -> QuerySet[Notice]:
    """The agency's own notices, newest first, for the optional link."""
    return Notice.objects.filter(agency_id=agency_id).order_by("-starts_at")


def story_decisions(story: Story) -> list[StoryDecision]:
    return list(story.decisions.select_related("by").order_by("-at", "-pk"))


def story_publications(story: Story):
    """Where the story went out (rows recorded by the newsroom), through the relation."""
    return list(story.publications.select_related("channel").order_by("-published_at"))


# --- Differences between the submitted text and the editor's copy -------------------------

_TOKENS = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """[(op, text)] with op in "same" / "del" / "ins"; the template escapes the text."""
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    parts: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(("same", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            parts.append(("del", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            parts.append(("ins", "".join(b[j1:j2])))
    return parts


def story_diff(story: Story) -> list[dict] | None:
    """Per field: label and word diff, or None when the editor has not touched the text."""
    if not story.has_edits:
        return None
    fields = [("title", "edited_title"), ("lead", "edited_lead"), ("body", "edited_body")]
    result = []
    for submitted, edited in fields:
        old, new = getattr(story, submitted), getattr(story, edited)
        result.append(
            {
                "label": Story._meta.get_field(submitted).verbose_name,
                "changed": old != new,
                "parts": word_diff(old, new),
            }
        )
    return result


# --- Contributor activity (for the compliance page) -----------------------------------------


def contributor_activity(centre_ids, start, end, agency_ids=None) -> list[dict]:
    """Per agency of the given centres (or only `agency_ids`): stories sent, returned and
    published in [start, end). One query.

    Counted from the workflow decisions of the period (the window is in WHERE, so the
    index on the decisions' time bounds the rows read), so a story sent twice (after a
    return) counts once in `sent`, each return counts in `returned`, and `published`
    counts stories with at least one publication recorded in the period.
    """
    decisions = StoryDecision.objects.filter(
        at__gte=start,
        at__lt=end,
        action__in=[StoryAction.SUBMITTED, StoryAction.RETURNED, StoryAction.PUBLISHED],
        story__centre_id__in=list(centre_ids),
    )
    if agency_ids is not None:
        decisions = decisions.filter(story__agency_id__in=list(agency_ids))
    rows = (
        decisions.values(agency_id=F("story__agency_id"), agency_name=F("story__agency__name"))
        .annotate(
            sent=Count("story_id", filter=Q(action=StoryAction.SUBMITTED), distinct=True),
            returned=Count("pk", filter=Q(action=StoryAction.RETURNED)),
            published=Count("story_id", filter=Q(action=StoryAction.PUBLISHED), distinct=True),
        )
        .order_by("agency_name")
    )
    return [
        {
            "agency_id": row["agency_id"],
            "agency": row["agency_name"],
            "sent": row["sent"],
            "returned": row["returned"],
            "published": row["published"],
        }
        for row in rows
        if row["sent"] or row["returned"] or row["published"]
    ]
