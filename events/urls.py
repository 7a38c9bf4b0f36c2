from django.urls import path

from events.views import invitations, leadtime, notices, series

app_name = "events"
urlpatterns = [
    path("", notices.notice_list, name="list"),
    path("new/", notices.notice_create, name="create"),
    path("new/lead-time/", leadtime.leadtime_preview, name="leadtime_preview"),
    path("<int:pk>/", notices.notice_detail, name="detail"),
    # Recurring notices (issue 13)
    path("series/new/", series.series_create, name="series_create"),
    path("series/<int:pk>/", series.series_detail, name="series_detail"),
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
