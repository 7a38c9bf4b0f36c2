from django.urls import path

from events.views import invitations, leaders, leadtime, notices, public_feed, series

app_name = "events"
urlpatterns = [
    path("", notices.notice_list, name="list"),
    path("new/", notices.notice_create, name="create"),
    path("public/", public_feed.public_events_page, name="public_events"),
    path("public.ics", public_feed.public_ics, name="public_ics"),
    path("public.atom", public_feed.public_atom, name="public_atom"),
    path("leaders/", leaders.leaders_list, name="leaders_list"),
    path("leaders/import/", leaders.leaders_import, name="leaders_import"),
    path("leaders/drafts/<int:pk>/", leaders.leaders_draft, name="leaders_draft"),
    path("leaders/drafts/<int:pk>/apply/", leaders.leaders_apply, name="leaders_apply"),
    path("leaders/drafts/<int:pk>/discard/", leaders.leaders_discard, name="leaders_discard"),
    path("leaders/<int:pk>/", leaders.leaders_week, name="leaders_week"),
    path("leaders/items/<int:pk>/cover/", leaders.leaders_cover, name="leaders_cover"),
    path("new/lead-time/", leadtime.leadtime_preview, name="leadtime_preview"),
    path("<int:pk>/", notices.notice_detail, name="detail"),
    # Recurring notices (issue 13)
    path("series/new/", series.series_create, name="series_create"),
    path("series/<int:pk>/", series.series_detail, name="series_detail"),
    path("series/<int:pk>/change/", series.series_change, name="series_change"),
    path("series/<int:pk>/stop/", series.series_stop, name="series_stop"),
    path("<int:pk>/occurrence/", series.occurrence_edit, name="occurrence_edit"),
    path("<int:pk>/edit/", notices.notice_edit, name="edit"),
    path("<int:pk>/edit/lead-time/", leadtime.leadtime_preview, name="leadtime_preview"),
    path("<int:pk>/cancel/", notices.notice_cancel, name="cancel"),
    path("<int:pk>/reclassify/", notices.notice_reclassify, name="reclassify"),
    path("<int:pk>/invite/", invitations.invite_view, name="invite"),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/", notices.attachment_download, name="attachment"
    ),
]
