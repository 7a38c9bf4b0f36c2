from django.urls import path

from newsroom.monitoring import views as monitoring
from newsroom.reports import views as reports

from newsroom import views_story_publications

app_name = "newsroom"
urlpatterns: list = [
    # Weekly reports (issue 6)
    path("reports/", reports.report_list, name="report_list"),
    path("reports/generate/", reports.report_generate, name="report_generate"),
    path("reports/<int:pk>/", reports.report_detail, name="report_detail"),
    path("reports/<int:pk>/excel/", reports.report_excel, name="report_excel"),
    path("reports/<int:pk>/word/", reports.report_word, name="report_word"),
    path("reports/<int:pk>/regenerate/", reports.report_regenerate, name="report_regenerate"),
    # Press monitoring (issue 6)
    path("monitoring/", monitoring.item_list, name="monitoring_list"),
    path("monitoring/new/", monitoring.item_create, name="monitoring_create"),
    path("monitoring/<int:pk>/", monitoring.item_detail, name="monitoring_detail"),
    path("monitoring/<int:pk>/respond/", monitoring.item_respond, name="monitoring_respond"),
    # Story publications (issue 4)
    path(
        "stories/<int:story_pk>/publications/new/",
        views_story_publications.story_publication_new,
        name="story_publication_new",
    ),
]
