"""Recurring notices: a series and its occurrences, each a real notice.

Occurrences are made by `submit_notice` (the one writer, with its receipt and its
lead-time verdict, measured from when the series reached the centre or was last
changed) for a rolling horizon (SERIES_HORIZON_WEEKS); the beat task
`events.extend_series` keeps the horizon ahead. Editing goes through `update_notice`, so
reporters on a moved occurrence are told like for any other notice.

From the series page, "this and following" also changes the days or the time of the
series (`change_following`) or stops it (`stop_following`): the occurrences already
made are moved with `update_notice` or cancelled with `cancel_notice`, with the reason
given, so reporters on them are told; the dates before stay as they were. Centre staff
may record a series for one of their agencies (received by phone, like a single
notice logged by the centre).
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from contacts.models import Organisation
from events import recurrence
from events.enums import ReceivedVia
from events.models import Notice, NoticeSeries, SeriesOccurrence
from events.services.notices import (
    NOTICE_FIELDS,
    TIME_FIELDS,
    cancel_notice,
    submit_notice,
    update_notice,
)
from portal.models import User

TEMPLATE_FIELDS = tuple(f for f in NOTICE_FIELDS if f not in TIME_FIELDS)


def _template(data: dict) -> dict:
    template = {}
    for field in TEMPLATE_FIELDS:
        if field not in data:
            continue
        value = data[field]
        if field == "locality":
            field, value = "locality_id", getattr(value, "pk", value)
        template[field] = value
    return template


def _notice_data(series: NoticeSeries, start: datetime, locality) -> dict:
    data = {k: v for k, v in series.template.items() if k != "locality_id"}
    if locality is not None:
        data["locality"] = locality
    data["starts_at"] = start
    data["ends_at"] = start + timedelta(minutes=series.duration_minutes)
    return data


def _local(moment: datetime) -> datetime:
    return timezone.localtime(moment).replace(tzinfo=None)


def series_starts(series: NoticeSeries, *, limit=None) -> list[datetime]:
    """Aware start times of every occurrence the rule gives, exceptions left out."""
    skipped = set(series.exceptions)
    return [
        timezone.make_aware(start)
        for start in recurrence.starts(series.rule, _local(series.first_starts_at), limit=limit)
        if start.date().isoformat() not in skipped
    ]


def check_rule(rule: str, first_start: datetime) -> int:
    """How many occurrences the rule gives; refuses an endless or too long one."""
    if not recurrence.is_bounded(rule):
        raise ValidationError(_("Say until which date the event repeats, or how many times."))
    most = settings.SERIES_MAX_OCCURRENCES
    found = len(recurrence.starts(rule, _local(first_start), limit=most + 1))
    if found > most:
        raise ValidationError(
            _(
                "This repetition gives more than %(most)s occurrences. Choose an earlier "
                "end date or fewer times."
            )
            % {"most": most}
        )
    if found == 0:
        raise ValidationError(_("This repetition gives no date at all."))
    return found


@transaction.atomic
def create_series(
    *,
    agency,
    by: User,
    data: dict,
    rule: str,
    exceptions=(),
    received_at=None,
    via: ReceivedVia = ReceivedVia.WEB,
) -> NoticeSeries:
    """Record a recurring notice and make its occurrences up to the horizon. Centre
    staff recording it for an agency pass `via=ReceivedVia.PHONE`."""
    if agency.centre_id is None:
        raise ValidationError(_("This agency is not attached to a media centre."))
    starts_at, ends_at = data["starts_at"], data["ends_at"]
    if ends_at <= starts_at:
        raise ValidationError(_("The end must be after the start."))
    check_rule(rule, starts_at)
    received_at = received_at or timezone.now()
    series = NoticeSeries.objects.create(
        agency=agency,
        centre_id=agency.centre_id,
        title=data["title"],
        template=_template(data),
        first_starts_at=starts_at,
        duration_minutes=int((ends_at - starts_at).total_seconds() // 60),
        rule=rule,
        exceptions=sorted({day.isoformat() for day in exceptions}),
        received_at=received_at,
        judged_at=received_at,
        received_via=via,
        created_by=by,
    )
    extend_series(series)
    return series


def _locality(template: dict):
    pk = template.get("locality_id")
    return Organisation.objects.filter(pk=pk).first() if pk else None


@transaction.atomic
def extend_series(series: NoticeSeries, *, now=None) -> int:
    """Make the occurrences starting between now and the horizon that do not exist yet.
    Idempotent: a date is made once (the database refuses a second)."""
    now = now or timezone.now()
    if series.ended_at:
        return 0
    horizon = now + timedelta(weeks=settings.SERIES_HORIZON_WEEKS)
    made = set(series.occurrences.values_list("date", flat=True))
    locality = _locality(series.template)
    created = 0
    for start in series_starts(series):
        if start > horizon:
            break
        day = timezone.localdate(start)
        if start <= now or day in made:
            continue
        notice = submit_notice(
            agency=series.agency,
            by=series.created_by,
            data=_notice_data(series, start, locality),
            received_at=series.judged_at,
            via=series.received_via,
        )
        SeriesOccurrence.objects.create(series=series, notice=notice, date=day)
        created += 1
    return created


def extend_all_series(*, now=None) -> int:
    """The beat task's work: keep every running series' horizon ahead."""
    total = 0
    for series in NoticeSeries.objects.filter(ended_at__isnull=True).select_related(
        "agency", "created_by"
    ):
        total += extend_series(series, now=now)
    return total


@transaction.atomic
def edit_occurrence(notice: Notice, *, by: User, data: dict, reason: str = "") -> Notice:
    """“This occurrence”": change one notice; later changes of the series leave it alone."""
    notice = update_notice(notice, by=by, data=data, reason=reason)
    SeriesOccurrence.objects.filter(notice=notice).update(detached=True)  # a title edit too
    return notice


@transaction.atomic
def edit_following(notice: Notice, *, by: User, data: dict, reason: str = "") -> list[Notice]:
    """“This and following”: the series takes the new fields and time of day from this
    occurrence on; every later occurrence not edited on its own is changed through
    `update_notice` (so reporters on it are told) and future ones are made that way."""
    occurrence = SeriesOccurrence.objects.select_related("series").get(notice=notice)
    series = NoticeSeries.objects.select_for_update().get(pk=occurrence.series_id)
    starts_at = data.get("starts_at", notice.starts_at)
    ends_at = data.get("ends_at", notice.ends_at)
    if ends_at <= starts_at:
        raise ValidationError(_("The end must be after the start."))
    if timezone.localdate(starts_at) != occurrence.date:
        raise ValidationError(
            _(
                "“This and following” keeps the days of the series; to move the following "
                "occurrences to other days, change the days of the series."
            )
        )
    new_time = timezone.localtime(starts_at).timetz().replace(tzinfo=None)
    duration = ends_at - starts_at
    series.template.update(_template(data))
    series.title = series.template.get("title", series.title)
    first = timezone.localtime(series.first_starts_at)
    series.first_starts_at = timezone.make_aware(datetime.combine(first.date(), new_time))
    series.duration_minutes = int(duration.total_seconds() // 60)
    series.judged_at = timezone.now()
    series.save()
    changed = []
    fields = {k: v for k, v in data.items() if k in TEMPLATE_FIELDS}
    following = (
        series.occurrences.filter(date__gte=occurrence.date)
        .exclude(detached=True, date__gt=occurrence.date)
        .select_related("notice")
        .order_by("date")
    )
    for later in following:
        if not later.notice.is_open:
            continue
        start = timezone.make_aware(datetime.combine(later.date, new_time))
        changed.append(
            update_notice(
                later.notice,
                by=by,
                data={**fields, "starts_at": start, "ends_at": start + duration},
                reason=reason,
            )
        )
    # The moves above were the series' own: they do not make those occurrences separate.
    SeriesOccurrence.objects.filter(notice__in=[n.pk for n in changed]).update(detached=False)
    return changed


def next_occurrence(series: NoticeSeries, *, now=None):
    """The first occurrence still to come that is not cancelled (or None)."""
    now = now or timezone.now()
    return (
        series.occurrences.filter(notice__starts_at__gte=now)
        .exclude(notice__status="cancelled")
        .select_related("notice")
        .order_by("date")
        .first()
    )


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why the series changes: the reporters on it are told."))
    return reason


def _from_occurrence(series: NoticeSeries, day) -> SeriesOccurrence:
    found = series.occurrences.select_related("notice").filter(date=day).first()
    if found is None or not found.notice.is_open:
        raise ValidationError(_("Choose an occurrence still to come to change from."))
    return found


@transaction.atomic
def change_following(
    series: NoticeSeries,
    *,
    by: User,
    from_date,
    reason: str,
    weekdays=None,
    start_time=None,
    end_time=None,
) -> dict[str, list[Notice]]:
    """“This and following” on the series itself: from the occurrence on `from_date`,
    repeat on other `weekdays` (weekly series) and/or at another time. Occurrences made
    for a day the series keeps are moved (`update_notice`), those for a day it drops are
    cancelled (`cancel_notice`), both with the reason; new days are made like any
    occurrence, judged from now. Occurrences edited on their own are left alone."""
    series = NoticeSeries.objects.select_for_update().get(pk=series.pk)
    reason = _reason(reason)
    _from_occurrence(series, from_date)
    first = _local(series.first_starts_at)
    if weekdays is not None and not recurrence.is_weekly(series.rule):
        raise ValidationError(_("Only a weekly series repeats on chosen weekdays."))
    if weekdays is not None and not weekdays:
        raise ValidationError(_("Tick at least one day."))
    start_time = start_time or first.time()
    duration = timedelta(minutes=series.duration_minutes)
    if end_time is not None:
        duration = datetime.combine(from_date, end_time) - datetime.combine(from_date, start_time)
        if duration <= timedelta(0):
            raise ValidationError(_("The end must be after the start."))
    rule = recurrence.changed(series.rule, first, weekdays=weekdays)
    new_first = timezone.make_aware(datetime.combine(from_date, start_time))
    check_rule(rule, new_first)
    series.rule, series.first_starts_at = rule, new_first
    series.duration_minutes = int(duration.total_seconds() // 60)
    series.judged_at = timezone.now()
    series.save()
    starts = {timezone.localdate(start): start for start in series_starts(series)}
    done: dict[str, list[Notice]] = {"moved": [], "cancelled": []}
    following = series.occurrences.filter(date__gte=from_date, detached=False).select_related(
        "notice"
    )
    for occurrence in following:
        notice = occurrence.notice
        if not notice.is_open:
            continue
        start = starts.get(occurrence.date)
        if start is None:
            done["cancelled"].append(cancel_notice(notice, by=by, reason=reason))
        elif (notice.starts_at, notice.ends_at) != (start, start + duration):
            data = {"starts_at": start, "ends_at": start + duration}
            done["moved"].append(update_notice(notice, by=by, data=data, reason=reason))
    SeriesOccurrence.objects.filter(notice__in=[n.pk for n in done["moved"]]).update(detached=False)
    extend_series(series)
    return done


@transaction.atomic
def stop_following(series: NoticeSeries, *, by: User, from_date, reason: str) -> list[Notice]:
    """Stop the series from `from_date` on: the rule ends the day before, and every
    occurrence from that day still to come (edited on its own or not) is cancelled
    with the reason, so the reporters on them are told. The dates before stay."""
    series = NoticeSeries.objects.select_for_update().get(pk=series.pk)
    reason = _reason(reason)
    if from_date < timezone.localdate():
        raise ValidationError(_("A series can be stopped from today on, not in the past."))
    first = _local(series.first_starts_at)
    if from_date <= first.date():
        series.ended_at = timezone.now()
    else:
        series.rule = recurrence.changed(series.rule, first, until=from_date - timedelta(days=1))
        if not any(start > timezone.now() for start in series_starts(series)):
            series.ended_at = timezone.now()
    series.judged_at = timezone.now()
    series.save()
    cancelled = []
    for occurrence in series.occurrences.filter(date__gte=from_date).select_related("notice"):
        if occurrence.notice.is_open:
            cancelled.append(cancel_notice(occurrence.notice, by=by, reason=reason))
    return cancelled
