"""Every read of a story goes through here, scoped to what the user may see.

Agency staff see their agency's stories, drafts included. Centre staff see their centre's
stories once sent (a draft is the agency's own business). The provincial reviewer reads
every sent story of their province.
"""

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
    stories = scope.filter(
        Story.objects.all(), agency="agency_id", centre="centre_id", across="centre"
    )
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
    return stories_for(user).select_related("agency", "claimed_by").order_by("-updated_at", "-pk")


def with_photo_counts(stories) -> list[Story]:
    """The shown page's stories with `photo_count` set: one grouped query over these
    stories' photos only (counting in the list query grouped every story in scope)."""
    stories = list(stories)
    counts = dict(
        StoryPhoto.objects.filter(story_id__in=[story.pk for story in stories])
        .values("story_id")
        .annotate(n=Count("pk"))
        .values_list("story_id", "n")
        .order_by()
    )
    for story in stories:
        story.photo_count = counts.get(story.pk, 0)
    return stories


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

_WORDS = re.compile(r"\S+")
_LINES = re.compile(r"[^\n]*\n|[^\n]+")
# The diff is Myers' O((N+M)·D) algorithm, stopped once it has done this much work: a
# long text with many scattered changes is then shown line by line instead (difflib
# word by word took 31 s on 10,000 characters and killed the worker).
DIFF_BUDGET = 3_000_000
MAX_EDITS = 800  # the search itself costs about MAX_EDITS² steps


class _Tokens:
    """A text cut into units (a word and the spaces after it, or a line): compared by
    their stripped text, shown exactly as written."""

    def __init__(self, text: str, pattern: re.Pattern):
        self.text = text
        starts = [m.start() for m in pattern.finditer(text)]
        self.lead = text[: starts[0]] if starts else text
        bounds = zip(starts, [*starts[1:], len(text)][: len(starts)], strict=True)
        self.units = [text[start:end] for start, end in bounds]
        self.keys = [unit.strip() for unit in self.units]

    def join(self, i: int, j: int) -> str:
        return "".join(self.units[i:j])


def _myers(a: list, b: list, max_d: int) -> list[tuple[str, int, int]] | None:
    """The shortest edit script from a to b as ("same"|"del"|"ins", i, j) steps, or None
    when it needs more than max_d insertions and deletions (E. Myers, 1986)."""
    n, m = len(a), len(b)
    if abs(n - m) > max_d:  # at least that many insertions or deletions
        return None
    v = {1: 0}
    trace = []
    for d in range(max_d + 1):
        trace.append(dict(v))
        for k in range(-d, d + 1, 2):
            x = v[k + 1] if k == -d or (k != d and v[k - 1] < v[k + 1]) else v[k - 1] + 1
            y = x - k
            while x < n and y < m and a[x] == b[y]:
                x, y = x + 1, y + 1
            v[k] = x
            if x >= n and y >= m:
                return _backtrack(trace, n, m)
    return None


def _backtrack(trace, x: int, y: int) -> list[tuple[str, int, int]]:
    steps = []
    for d in range(len(trace) - 1, -1, -1):
        v, k = trace[d], x - y
        prev_k = k + 1 if k == -d or (k != d and v[k - 1] < v[k + 1]) else k - 1
        prev_x = v[prev_k]
        prev_y = prev_x - prev_k
        while x > prev_x and y > prev_y:
            x, y = x - 1, y - 1
            steps.append(("same", x, y))
        if d:
            steps.append(("ins", x, prev_y) if x == prev_x else ("del", prev_x, y))
        x, y = prev_x, prev_y
    steps.reverse()
    return steps


def _common_ends(a: list[str], b: list[str]) -> tuple[int, int]:
    """How many units the two lists share at the start, and then at the end."""
    limit = min(len(a), len(b))
    head = 0
    while head < limit and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < limit - head and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    return head, tail


def _diff(old: _Tokens, new: _Tokens) -> list[tuple[str, str]] | None:
    """[(op, text)] comparing units by their words alone (a change of spacing is no
    change), or None beyond the work budget. The common start and end are cut off
    first, so a small edit in a long text costs little."""
    a, b = old.keys, new.keys
    head, tail = _common_ends(a, b)
    middle_a, middle_b = a[head : len(a) - tail], b[head : len(b) - tail]
    size = len(middle_a) + len(middle_b)
    steps = _myers(middle_a, middle_b, min(size, MAX_EDITS, DIFF_BUDGET // max(size, 1)))
    if steps is None:
        return None
    parts = [("same", new.lead), ("same", new.join(0, head))]
    for op, i, j in steps:
        unit = old.units[head + i] if op == "del" else new.units[head + j]
        parts.append((op, unit))
    parts.append(("same", new.join(len(b) - tail, len(b))))
    merged: list[tuple[str, str]] = []
    for op, text in parts:
        if not text:
            continue
        if merged and merged[-1][0] == op:
            merged[-1] = (op, merged[-1][1] + text)
            continue
        changes = {merged[-1][0], op} == {"del", "ins"} if merged else False
        if merged and not changes and not merged[-1][1][-1:].isspace() and not text[:1].isspace():
            # the last word of a text has no space after it: keep the words apart
            merged[-1] = (merged[-1][0], merged[-1][1] + " ")
        merged.append((op, text))
    return merged


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """[(op, text)] with op in "same" / "del" / "ins"; the template escapes the text.
    Word by word; see `bounded_diff` for texts too long for that."""
    return bounded_diff(old, new)[0]


def bounded_diff(old: str, new: str) -> tuple[list[tuple[str, str]], bool]:
    """The word diff, or for texts whose changes span too many words a line diff (and,
    past that too, the old text removed and the new one added): (parts, by_words)."""
    old, new = old or "", new or ""
    parts = _diff(_Tokens(old, _WORDS), _Tokens(new, _WORDS))
    if parts is not None:
        return parts, True
    parts = _diff(_Tokens(old, _LINES), _Tokens(new, _LINES))
    if parts is None:
        parts = [(op, text) for op, text in (("del", old), ("ins", new)) if text]
    return parts, False


def story_diff(story: Story) -> list[dict] | None:
    """Per field: label and word diff, or None when the editor has not touched the text."""
    if not story.has_edits:
        return None
    fields = [("title", "edited_title"), ("lead", "edited_lead"), ("body", "edited_body")]
    result = []
    for submitted, edited in fields:
        old, new = getattr(story, submitted), getattr(story, edited)
        parts, by_words = bounded_diff(old, new)
        result.append(
            {
                "label": Story._meta.get_field(submitted).verbose_name,
                "changed": old != new,
                "parts": parts,
                "by_words": by_words,
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
