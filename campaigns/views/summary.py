from django.views.decorators.http import require_safe

from campaigns import summary
from campaigns.selectors.campaigns import get_campaign_for
from portal.files import private_download

TRACK = "campaigns.track_campaign"


@require_safe
def summary_excel(request, pk):
    campaign = get_campaign_for(request.user, pk, perm=TRACK)
    return private_download(
        summary.excel_bytes(campaign), f"{summary.stem(campaign)}.xlsx", summary.XLSX
    )


@require_safe
def summary_word(request, pk):
    campaign = get_campaign_for(request.user, pk, perm=TRACK)
    return private_download(
        summary.word_bytes(campaign), f"{summary.stem(campaign)}.docx", summary.DOCX
    )
