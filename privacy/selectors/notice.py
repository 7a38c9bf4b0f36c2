from privacy.models import PrivacyNotice


def current_notice() -> PrivacyNotice | None:
    return PrivacyNotice.objects.order_by("-published_at", "-pk").first()
