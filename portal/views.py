from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from portal import dashboard, health
from portal.forms import PreferencesForm
from portal.preferences import preferences_of, save_preferences
from portal.selectors import notifications_for


@require_safe
def home(request):
    return render(request, "portal/home.html", {"panels": dashboard.panels_for(request)})


@require_safe
@login_not_required
@never_cache
def health_view(request):
    result = health.report()
    return JsonResponse(result, status=200 if result["healthy"] else 503)


@require_safe
def notification_list(request):
    page = Paginator(notifications_for(request.user), 30).get_page(request.GET.get("page"))
    return render(request, "portal/notifications.html", {"page": page})


@require_POST
def notifications_mark_read(request):
    count = (
        notifications_for(request.user).filter(read_at__isnull=True).update(read_at=timezone.now())
    )
    if count:
        messages.success(request, _("All notifications marked as read."))
    return redirect("notifications")


@require_http_methods(["GET", "HEAD", "POST"])
def profile(request):
    """The signed-in user's own page: which messages come by e-mail and which in the portal."""
    form = PreferencesForm(request.POST or None, current=preferences_of(request.user))
    if request.method == "POST" and form.is_valid():
        save_preferences(request.user, form.choices())
        messages.success(request, _("Your notification settings were saved."))
        return redirect("profile")
    return render(request, "portal/profile.html", {"form": form})
