from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_otp import login as otp_login

from portal import dashboard, health, pwa, twofactor
from portal.forms import PreferencesForm, TokenForm
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
@login_not_required
def web_manifest(request):
    """The installable app's manifest (name, icons, start page)."""
    response = JsonResponse(
        pwa.manifest(_("Your assignments, also without signal")),
        json_dumps_params={"ensure_ascii": False},
    )
    response["Content-Type"] = "application/manifest+json"
    return response


@require_safe
@login_not_required
@never_cache
def service_worker(request):
    """The service worker, from the site root so that its scope is the whole site; never
    cached by HTTP, so a deploy's new worker is found on the next visit."""
    response = HttpResponse(pwa.service_worker(), content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    return response


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


class SignOutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.success(request, _("You have signed out. See you soon."))
        return response


def _next_url(request, default="home"):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return default


@never_cache
def two_factor_verify(request):
    if not twofactor.has_two_factor(request.user):
        return redirect(_next_url(request))
    form = TokenForm(request.POST or None)
    if form.is_valid():
        device = twofactor.verify(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error("code", _("This code is not right or was already used. Try again."))
    return render(request, "portal/two_factor_verify.html", {"form": form})


def _unverified_device_owner(request) -> bool:
    """A user who has a device but has not used it in this session (e.g. a session from
    before they enrolled) must verify before changing or reading their 2FA."""
    return not request.user.is_verified() and twofactor.has_two_factor(request.user)


@never_cache
def two_factor_setup(request):
    if _unverified_device_owner(request):
        return redirect("two_factor_verify")
    key = request.session.setdefault("otp_setup_key", twofactor.new_key())
    form = TokenForm(request.POST or None)
    if form.is_valid():
        if twofactor.key_accepts(key, form.cleaned_data["code"]):
            device, _codes = twofactor.enrol(request.user, key)
            otp_login(request, device)
            request.session.pop("otp_setup_key", None)
            messages.success(request, _("Two-factor sign-in is on. Keep your backup codes."))
            return redirect("two_factor_backup_codes")
        form.add_error("code", _("This code does not match. Check your phone's clock."))
    url = twofactor.config_url(request.user, key)
    context = {
        "form": form,
        "qr_svg": twofactor.qr_svg(url),
        "secret": twofactor.base32_secret(key),
        "required": twofactor.two_factor_required(request.user),
        "enrolled": twofactor.has_two_factor(request.user),
    }
    return render(request, "portal/two_factor_setup.html", context)


@never_cache
def two_factor_backup_codes(request):
    if not twofactor.has_two_factor(request.user):
        return redirect("two_factor_setup")
    if not request.user.is_verified():
        return redirect("two_factor_verify")
    if request.method == "POST":
        twofactor.new_backup_codes(request.user)
        messages.success(request, _("New backup codes made; the old ones no longer work."))
        return redirect("two_factor_backup_codes")
    codes = twofactor.backup_codes(request.user)
    return render(request, "portal/two_factor_backup_codes.html", {"codes": codes})


@never_cache
def two_factor_backup_codes_download(request):
    if _unverified_device_owner(request):
        return redirect("two_factor_verify")
    codes = twofactor.backup_codes(request.user)
    title = _("Đưa Tin backup codes for %(user)s") % {"user": request.user.get_username()}
    response = HttpResponse("\n".join([title, *codes]) + "\n", content_type="text/plain")
    response["Content-Disposition"] = 'attachment; filename="duatin-backup-codes.txt"'
    response["Cache-Control"] = "private, no-store"
    return response
