import rules
from django.conf import settings
from django.contrib.auth.context_processors import PermLookupDict, PermWrapper


class _ScopedPermLookup(PermLookupDict):
    def __getitem__(self, perm_name):
        name = f"{self.app_label}.{perm_name}"
        if rules.perm_exists(name):
            return rules.has_perm(name, self.user)
        return super().__getitem__(perm_name)


class ScopedPermWrapper(PermWrapper):
    """`perms` in templates. A permission our rules define is asked of the rules alone:
    their predicates read the user's scope, so the navbar costs no query, and a superuser
    without an organisation is shown what they can use, not every menu. Any other
    permission (the admin's model permissions) is Django's, as usual."""

    def __getitem__(self, app_label):
        return _ScopedPermLookup(self.user, app_label)


def portal(request):
    user = getattr(request, "user", None)
    unread = 0
    context = {
        "lead_time_planned_minutes": settings.LEAD_TIME_PLANNED_MINUTES,
        "lead_time_urgent_minutes": settings.LEAD_TIME_URGENT_MINUTES,
    }
    if user is not None:
        context["perms"] = ScopedPermWrapper(user)
        if user.is_authenticated:
            unread = user.notifications.filter(read_at__isnull=True).count()
    context["unread_notifications"] = unread
    return context
