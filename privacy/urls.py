from django.urls import path

from privacy.views import access, breaches, notice, requests

app_name = "privacy"
urlpatterns = [
    path("", notice.privacy_notice, name="privacy_notice"),
    path("requests/new/", requests.request_new, name="request_new"),
    path("requests/verify/<str:token>/", requests.request_verify, name="request_verify"),
    path("access-log/", access.access_log, name="access_log"),
    path("access-log/export/", access.access_log_export, name="access_log_export"),
    path("breaches/", breaches.breach_list, name="breaches"),
    path("breaches/new/", breaches.breach_create, name="breach_create"),
    path("breaches/<int:pk>/", breaches.breach_detail, name="breach"),
    path("cases/", requests.case_list, name="cases"),
    path("cases/<int:pk>/", requests.case_detail, name="case"),
    path("cases/<int:pk>/correct/", requests.case_correct, name="case_correct"),
    path("cases/<int:pk>/export/<str:fmt>/", requests.case_export, name="case_export"),
]
