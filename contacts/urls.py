from django.urls import path

from contacts.views import agencies, consent, directory, public, review, transfer

app_name = "contacts"
urlpatterns = [
    path("", public.public_list, name="public_list"),
    path("export/<str:fmt>/", transfer.export, name="public_export"),
    path("consent/<int:pk>/<str:token>/", consent.consent_page, name="consent"),
    path("directory/", directory.directory, name="directory"),
    path("entries/new/", directory.contact_create, name="create"),
    path("entries/<int:pk>/", directory.contact_detail, name="contact"),
    path("entries/<int:pk>/edit/", directory.contact_edit, name="edit"),
    path("entries/<int:pk>/retire/", directory.contact_retire, name="retire"),
    path("entries/<int:pk>/verify/", directory.contact_verify, name="verify"),
    path("review/", review.review_dashboard, name="review"),
    path("proposals/", review.proposal_list, name="proposals"),
    path("proposals/<int:pk>/", review.proposal_detail, name="proposal"),
    path("proposals/<int:pk>/approve/", review.proposal_approve, name="approve"),
    path("proposals/<int:pk>/reject/", review.proposal_reject, name="reject"),
    path("agencies/", agencies.agency_list, name="agencies"),
    path("agencies/new/", agencies.agency_create, name="agency_create"),
    path("agencies/<int:pk>/edit/", agencies.agency_edit, name="agency_edit"),
    path("import/", transfer.import_upload, name="import"),
    path("import/apply/", transfer.import_apply, name="import_apply"),
]
