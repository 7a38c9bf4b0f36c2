"""Request middleware of the portal."""

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.utils import translation


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
