"""Reactions to Django's sign-in signal."""

import time

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from portal import twofactor

# Session keys: when the session was last renewed (idle timeout), and whether the user
# had no 2FA device at sign-in (so the middleware need not look on every request).
SESSION_RENEWED_AT = "portal_renewed_at"
SESSION_NO_DEVICE = "portal_no_2fa_device"


@receiver(user_logged_in, dispatch_uid="portal.remember_sign_in")
def remember_sign_in(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    request.session[SESSION_RENEWED_AT] = int(time.time())
    request.session[SESSION_NO_DEVICE] = not twofactor.has_two_factor(user)
