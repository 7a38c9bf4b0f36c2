"""Request middleware of the portal."""

import time

from django.conf import settings
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
