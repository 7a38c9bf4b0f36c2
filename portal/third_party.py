"""Vietnamese for the third-party apps the back office shows, which ship no Vietnamese
(the admin read "Access attempts", "Periodic tasks", "Crontabs"…).

Their lazy strings are translated by entries in our catalogue: the msgids below are
theirs, word for word, marked with `gettext_noop` so `make extract` keeps them. The few
plain strings they use (django-otp's model names, the apps' names) cannot be looked up,
so `apply()` (PortalConfig.ready) replaces them with lazy ones of ours.
"""

from django.apps import apps
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

# Their msgids: model names and choice labels of django-axes, django-celery-beat,
# django-celery-results and django-otp, as their code spells them.
THEIR_MSGIDS = (
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("periodic task"),
    gettext_noop("periodic tasks"),
    gettext_noop("clocked"),
    gettext_noop("crontab"),
    gettext_noop("crontabs"),
    gettext_noop("solar event"),
    gettext_noop("solar events"),
    gettext_noop("interval"),
    gettext_noop("intervals"),
    gettext_noop("task result"),
    gettext_noop("task results"),
    gettext_noop("group result"),
    gettext_noop("group results"),
    gettext_noop("TOTP devices"),
    gettext_noop("static devices"),
    gettext_noop("Astronomical dawn"),
    gettext_noop("Civil dawn"),
    gettext_noop("Nautical dawn"),
    gettext_noop("Astronomical dusk"),
    gettext_noop("Civil dusk"),
    gettext_noop("Nautical dusk"),
    gettext_noop("Solar noon"),
    gettext_noop("Sunrise"),
    gettext_noop("Sunset"),
    gettext_noop("Days"),
    gettext_noop("Hours"),
    gettext_noop("Seconds"),
    gettext_noop("Microseconds"),
)

APP_NAMES = {
    "axes": _("Sign-in attempts"),
    "django_celery_beat": _("Scheduled tasks"),
    "django_celery_results": _("Task results"),
    "otp_totp": _("Authenticator apps"),
    "otp_static": _("Backup codes"),
}
# (app label, model name): (singular, plural) where the app's own name is a plain string.
MODEL_NAMES = {
    ("otp_totp", "totpdevice"): (_("authenticator app"), _("authenticator apps")),
    ("otp_static", "staticdevice"): (_("backup code list"), _("backup code lists")),
}


def apply() -> None:
    for label, name in APP_NAMES.items():
        apps.get_app_config(label).verbose_name = name
    for (label, model_name), (singular, plural) in MODEL_NAMES.items():
        meta = apps.get_model(label, model_name)._meta
        meta.verbose_name, meta.verbose_name_plural = singular, plural
