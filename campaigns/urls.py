from django.urls import path

from campaigns.views import campaigns, summary, tracking

app_name = "campaigns"
urlpatterns = [
    path("", campaigns.campaign_list, name="list"),
    path("new/", campaigns.campaign_create, name="create"),
    path("<int:pk>/", campaigns.campaign_detail, name="detail"),
    path("<int:pk>/edit/", campaigns.campaign_edit, name="edit"),
    path("<int:pk>/materials/new/", campaigns.material_add, name="material_add"),
    path(
        "<int:pk>/materials/<int:material_pk>/",
        campaigns.material_download,
        name="material_download",
    ),
    path(
        "<int:pk>/materials/<int:material_pk>/remove/",
        campaigns.material_remove,
        name="material_remove",
    ),
    path("<int:pk>/send/", campaigns.campaign_send, name="send"),
    path("<int:pk>/close/", campaigns.campaign_close, name="close"),
    path("<int:pk>/acknowledge/", tracking.acknowledge, name="acknowledge"),
    path("<int:pk>/tasks/<int:task_pk>/report/", tracking.report, name="report"),
    path("<int:pk>/relay/", tracking.relay, name="relay"),
    path("<int:pk>/summary.xlsx", summary.summary_excel, name="summary_excel"),
    path("<int:pk>/summary.docx", summary.summary_word, name="summary_word"),
    path("reports/<int:pk>/evidence/", tracking.evidence, name="evidence"),
]
