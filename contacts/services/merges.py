"""Merging organisations after a dated decision (Vietnam's 2025 reform merged communes,
dissolved districts, joined each province's newspaper and radio-TV into one agency).

`plan_merge` is the dry run: what would move, counted per kind of record, and what
stands in the way. `apply_merge` does it in one transaction: every reference of the
portal's own records to a predecessor (users, notices, stories, contacts, compliance
history, child organisations, an agency's centre…) is pointed at the successor, and the
organisations now under the successor take its province; each
predecessor stays, inactive, renamed "name (cũ)", and its name is kept as a former name
of the successor, so searching it still finds the successor. History rows keep what
they recorded; reports already produced keep the units they named.

Every moved record of a model with history gets a history row of its own ("~", the
administrator as its user, the decision as its reason), written in batches of
`BATCH_SIZE`: per batch one read, one bulk UPDATE and one bulk INSERT of history rows,
whatever the batch holds. A model can keep the unit a record had before the merger:
`merge_keeps_original = {"agency": "original_agency"}` (the first merger fills it, later
ones leave it) — the compliance report uses it for periods before the decision's date.
"""

from dataclasses import dataclass, field

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from contacts.models import FormerName, Organisation, OrganisationMerge, refresh_provinces
from contacts.signals import organisations_merged

OWN_APPS = ("portal", "contacts", "events", "newsroom")
FORMER_SUFFIX = " (cũ)"  # part of the name, in the data's language
_NOT_MOVED = (FormerName, OrganisationMerge)
# Derived from the tree, not a reference of its own: recomputed after the move.
_DERIVED = {(Organisation, "province")}
BATCH_SIZE = 500
REASON_MAX = 100  # simple-history's history_change_reason


@dataclass
class MergePlan:
    sources: list
    successor: Organisation
    counts: dict[str, int] = field(default_factory=dict)  # model label → rows
    problems: list[str] = field(default_factory=list)

    def rows(self) -> list[tuple[str, int]]:
        """(the kind of record, in words; how many) for the page, most first."""
        named = [
            (str(apps.get_model(label)._meta.verbose_name_plural), count)
            for label, count in self.counts.items()
            if count
        ]
        return sorted(named, key=lambda row: (-row[1], row[0]))

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def references():
    """(model, field name) for every foreign key of our own records to an organisation;
    history copies (simple_history's Historical… models) are left as they were."""
    for model in apps.get_models(include_auto_created=True):
        if model._meta.app_label not in OWN_APPS or model in _NOT_MOVED:
            continue
        if getattr(model, "rebuilt_after_merge", False):  # a rollup: recomputed, not moved
            continue
        if model.__name__.startswith("Historical"):
            continue
        originals = set(getattr(model, "merge_keeps_original", {}).values())
        for model_field in model._meta.get_fields():
            if (
                model_field.many_to_one
                and model_field.concrete
                and model_field.related_model is Organisation
                and (model, model_field.name) not in _DERIVED
                and model_field.name not in originals
            ):
                yield model, model_field.name


def _has_history(model) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


def _move(model, names: list[str], source_ids, successor, *, by, reason: str) -> None:
    """Point `names` of `model`'s records from the sources to the successor; with history,
    one history row per record (however many of its fields moved), batch by batch."""
    manager = model._default_manager
    keeps = getattr(model, "merge_keeps_original", {})
    touched = Q()
    for name in names:
        touched |= Q(**{f"{name}__in": source_ids})
    if not _has_history(model):
        for name in names:
            manager.filter(**{f"{name}__in": source_ids}).update(**{name: successor})
        return
    pks = list(manager.filter(touched).order_by("pk").values_list("pk", flat=True))
    fields = names + [keeps[name] for name in names if name in keeps]
    for start in range(0, len(pks), BATCH_SIZE):
        records = list(manager.filter(pk__in=pks[start : start + BATCH_SIZE]))
        for record in records:
            for name in names:
                moved_from = getattr(record, f"{name}_id")
                if moved_from not in source_ids:
                    continue
                original = keeps.get(name)
                if original and getattr(record, f"{original}_id") is None:
                    setattr(record, f"{original}_id", moved_from)
                setattr(record, f"{name}_id", successor.pk)
        bulk_update_with_history(
            records,
            model,
            fields,
            batch_size=BATCH_SIZE,
            default_user=by,
            default_change_reason=reason,
        )


def plan_merge(sources, successor: Organisation) -> MergePlan:
    sources = list(sources)
    plan = MergePlan(sources=sources, successor=successor)
    source_ids = [org.pk for org in sources]
    if not sources:
        plan.problems.append(_("Choose at least one organisation to merge."))
    if successor.pk in source_ids:
        plan.problems.append(_("The successor cannot be one of the organisations merged into it."))
    if not successor.is_active:
        plan.problems.append(_("The successor is no longer active."))
    for org in sources:
        if org.is_newsroom != successor.is_newsroom:
            plan.problems.append(
                _("“%(name)s” and the successor must both be media centres, or neither.")
                % {"name": org.name}
            )
        if not org.is_active:
            plan.problems.append(
                _("“%(name)s” is no longer active (already merged?).") % {"name": org.name}
            )
    if successor.parent_id in source_ids or successor.centre_id in source_ids:
        plan.problems.append(_("The successor is under one of the organisations merged."))
    for model, name in references():
        count = model._default_manager.filter(**{f"{name}__in": source_ids}).count()
        if count:
            label = model._meta.label
            plan.counts[label] = plan.counts.get(label, 0) + count
    return plan


def apply_merge(sources, successor: Organisation, *, decision: str, decided_on, by):
    """Move everything in one transaction and record the merger; raise ValidationError
    (nothing changed) when the dry run finds a problem or two records would clash."""
    with transaction.atomic():
        ids = sorted({org.pk for org in sources} | {successor.pk})
        locked = {
            org.pk: org for org in Organisation.objects.select_for_update().filter(pk__in=ids)
        }
        sources = [locked[org.pk] for org in sources]
        successor = locked[successor.pk]
        plan = plan_merge(sources, successor)
        if plan.problems:
            raise ValidationError(plan.problems)
        source_ids = [org.pk for org in sources]
        reason = (_("Moved by the merger %(decision)s") % {"decision": decision})[:REASON_MAX]
        by_model: dict = {}
        for model, name in references():
            by_model.setdefault(model, []).append(name)
        try:
            with transaction.atomic():
                for model, names in by_model.items():
                    _move(model, names, source_ids, successor, by=by, reason=reason)
                # Children moved under the successor take its province (a merger of
                # provinces moves every organisation of the predecessors).
                refresh_provinces([successor])
        except IntegrityError:
            raise ValidationError(
                _(
                    "The organisations both hold a record there can be only one of (a "
                    "report schedule, say): settle it in the back office, then merge."
                )
            ) from None
        merge = OrganisationMerge.objects.create(
            successor=successor,
            decision=decision,
            decided_on=decided_on,
            applied_by=by,
            counts=plan.counts,
        )
        for org in sources:
            FormerName.objects.create(
                organisation=successor, name=org.name, predecessor=org, merge=merge
            )
            org.name = f"{org.name}{FORMER_SUFFIX}"[:255]
            org.is_active = False
            org._history_user = by
            org._change_reason = _("Merged into %(successor)s (%(decision)s)") % {
                "successor": successor.name,
                "decision": decision,
            }
            org.save(update_fields=["name", "is_active"])
        organisations_merged.send(
            sender=Organisation, successor=successor, source_ids=source_ids, merge=merge
        )
    return merge, plan
