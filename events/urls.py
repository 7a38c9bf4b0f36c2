from django.urls import path

from events import invitations, leadtime_preview, views

app_name = "events"
urlpatterns = [
    path("", views.notice_list, name="list"),
    path("new/", views.notice_create, name="create"),
    path("new/lead-time/", leadtime_preview.leadtime_preview, name="leadtime_preview"),
    path("<int:pk>/", views.notice_detail, name="detail"),
    path("<int:pk>/edit/", views.notice_edit, name="edit"),
    path("<int:pk>/edit/lead-time/", leadtime_preview.leadtime_preview, name="leadtime_preview"),
    path("<int:pk>/cancel/", views.notice_cancel, name="cancel"),
    path("<int:pk>/reclassify/", views.notice_reclassify, name="reclassify"),
    path("<int:pk>/invite/", invitations.invite_view, name="invite"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment_download, name="attachment"),
]
