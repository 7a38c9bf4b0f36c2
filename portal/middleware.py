"""Request middleware of the portal."""

from django.conf import settings
from django.contrib import messages
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
