"""Request middleware of the portal."""

import time

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode

from portal import twofactor
from portal.receivers import SESSION_NO_DEVICE, SESSION_RENEWED_AT


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Vietnamese unless the user picked another language with the switch.

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many
    officials' browsers are set to English; the portal is Vietnamese by decision, so only
    the language cookie (set by the switch) changes it.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        translation.activate(chosen if chosen in supported else settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()


# Control characters a URL or a query string has no business carrying. NUL breaks
# PostgreSQL (a text value cannot hold it); the others have no meaning in a path or a
# search and only ever come from a probe. Tab, CR and LF stay allowed in query values
# (a pasted multi-line search).
_FORBIDDEN_IN_PATH = frozenset(chr(c) for c in [*range(0x00, 0x20), 0x7F])
_FORBIDDEN_IN_QUERY = _FORBIDDEN_IN_PATH - {"\t", "\n", "\r"}


def _has_forbidden(text: str, forbidden: frozenset) -> bool:
    return not forbidden.isdisjoint(text)


class HostileInputMiddleware:
    """Refuse, before anything reads them, requests no form of ours can produce.

    - a body larger than REQUEST_MAX_BODY_BYTES, by its Content-Length: 413, and the body
      is never read (nor spooled to disk);
    - a path or a query parameter with a control character (NUL above all): 400.

    Both answer with a Vietnamese page that needs neither the database nor a user. It runs
    before the CSRF check, which would read the body.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        length = request.META.get("CONTENT_LENGTH") or "0"
        try:
            too_big = int(length) > settings.REQUEST_MAX_BODY_BYTES
        except ValueError:
            return _refuse(request, 400)
        if too_big:
            return _refuse(request, 413)
        if _has_forbidden(request.path, _FORBIDDEN_IN_PATH) or any(
            _has_forbidden(key, _FORBIDDEN_IN_QUERY) or _has_forbidden(value, _FORBIDDEN_IN_QUERY)
            for key, values in request.GET.lists()
            for value in values
        ):
            return _refuse(request, 400)
        return self.get_response(request)


def _refuse(request, status: int):
    from django.template.loader import render_to_string

    context = {"max_body_mb": settings.REQUEST_MAX_BODY_BYTES // (1024 * 1024)}
    response = HttpResponse(render_to_string(f"{status}.html", context), status=status)
    if status == 413:
        # The body was not read: the connection cannot carry another request.
        response["Connection"] = "close"
    return response


class AlreadyDoneMiddleware:
    """A repeated submission or decision (`portal.idempotency.AlreadyDone`) is answered
    with its message on the page that shows what was done, never with an error page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from portal.idempotency import AlreadyDone

        if isinstance(exception, AlreadyDone):
            messages.info(request, exception.message)
            return redirect(exception.url)
        return None


class TwoFactorMiddleware:
    """After the password, the second factor.

    A signed-in user who is not verified yet is sent to the verify step when they have a
    device, or to enrolment when their role requires 2FA (portal.twofactor). Pages needed
    to get there (sign out, the 2FA pages, the language switch, /health/) stay open.
    """

    OPEN_VIEWS = frozenset(
        {"logout", "two_factor_verify", "two_factor_setup", "set_language", "health"}
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        if request.resolver_match.url_name in self.OPEN_VIEWS:
            return None
        if not request.session.get(SESSION_NO_DEVICE) and twofactor.has_two_factor(user):
            return redirect_to("two_factor_verify", request)
        if twofactor.two_factor_required(user):
            return redirect_to("two_factor_setup", request)
        return None


class IdleSessionMiddleware:
    """Sign out after SESSION_COOKIE_AGE without a request.

    Each session expires SESSION_COOKIE_AGE after it was last saved; this renews it at
    most every SESSION_RENEW_SECONDS of activity (instead of SESSION_SAVE_EVERY_REQUEST,
    which would write the session on every request).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            renewed = request.session.get(SESSION_RENEWED_AT, 0)
            if now - renewed >= settings.SESSION_RENEW_SECONDS:
                request.session[SESSION_RENEWED_AT] = now
        return self.get_response(request)


def redirect_to(name, request):
    return redirect(f"{reverse(name)}?{urlencode({'next': request.get_full_path()})}")
