from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_safe

from privacy.selectors.notice import current_notice


@require_safe
@login_not_required
def privacy_notice(request):
    """The privacy notice: the administrators' text, or the built-in one until they write it."""
    notice = current_notice()
    paragraphs = [p.strip() for p in notice.body.split("\n\n") if p.strip()] if notice else []
    return render(
        request,
        "privacy/notice.html",
        {
            "notice": notice,
            "paragraphs": paragraphs,
            "controller": settings.PERSONAL_DATA_CONTROLLER,
        },
    )
