from django.db.models import Count, QuerySet

from newsroom.models import PlanItem, Publication
from portal.models import User
from portal.scoping import get_for, scope_for


def plan_items_for(user: User) -> QuerySet[PlanItem]:
    """The centre's plan, for its editors."""
    return scope_for(user).filter(PlanItem.objects.all(), editor="centre_id")


def plan_of_year(user: User, year: int) -> QuerySet[PlanItem]:
    return (
        plan_items_for(user)
        .filter(year=year)
        .select_related("channel", "responsible_user")
        .prefetch_related("publications__channel")
        .annotate(done=Count("publications", distinct=True))
        .order_by("quarter", "pk")
    )


def quarter_progress(items) -> list[dict]:
    """Planned vs done (an item with at least one linked publication) per quarter."""
    quarters = {q: {"quarter": q, "planned": 0, "done": 0, "items": []} for q in range(1, 5)}
    for item in items:
        quarter = quarters[item.quarter]
        quarter["planned"] += 1
        quarter["done"] += 1 if item.done else 0
        quarter["items"].append(item)
    return list(quarters.values())


def get_plan_item_for(user: User, pk: int) -> PlanItem:
    return get_for(user, plan_items_for(user), pk)


def linkable_publications(user: User, item: PlanItem) -> QuerySet[Publication]:
    """The centre's publications (of notices and of stories) on the item's channel in the
    item's year."""
    centre = scope_for(user).centre_id
    return (
        Publication.objects.filter(
            centre_id=centre,
            channel_id=item.channel_id,
            published_at__year=item.year,
        )
        .select_related("notice", "story", "channel")
        .order_by("-published_at")
    )


def linked_publication(item: PlanItem, pk: int) -> Publication | None:
    return item.publications.filter(pk=pk).first()
