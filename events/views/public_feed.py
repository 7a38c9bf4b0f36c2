"""The public events feed (no login): HTML, iCalendar and Atom of accepted notices their
agency marked public, with ETag / Last-Modified so pollers are cheap."""

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_GET

from events.feeds import public_atom as atom_document
from events.feeds import public_calendar
from events.filters import PublicEventFilter
from events.selectors.public_feed import feed_stamp, public_events, public_notices


def _feed(request, build):
    """Filter, answer 304 when the poller already has this version, else build."""
    filterset = PublicEventFilter(request.GET or None, queryset=public_notices())
    notices = filterset.qs
    etag, last = feed_stamp(notices)
    etag = f'"{etag}"'
    last_ts = int(last.timestamp()) if last else None
    response = get_conditional_response(request, etag=etag, last_modified=last_ts)
    if response is None:
        response = build(filterset, public_events(notices), etag)
    response["ETag"] = etag
    if last_ts is not None:
        response["Last-Modified"] = http_date(last_ts)
    response["Cache-Control"] = "public, max-age=300"
    return response


@login_not_required
@require_GET
def public_events_page(request):
    def build(filterset, events, _etag):
        context = {"events": events, "filters": filterset.form, "query": request.GET.urlencode()}
        return render(request, "events/public_events.html", context)

    return _feed(request, build)


@login_not_required
@require_GET
def public_ics(request):
    def build(filterset, events, etag):
        # the same version of the feed for every poller: built once per process
        key = f"public-ics:{request.get_host()}:{request.GET.urlencode()}:{etag}"
        body = cache.get_or_set(key, lambda: public_calendar(events, request.get_host()), 600)
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'inline; filename="su-kien.ics"'
        return response

    return _feed(request, build)


@login_not_required
@require_GET
def public_atom(request):
    def build(filterset, events, _etag):
        link = request.build_absolute_uri(reverse("events:public_events"))
        body = atom_document(events, link, request.build_absolute_uri())
        return HttpResponse(body, content_type="application/atom+xml; charset=utf-8")

    return _feed(request, build)
