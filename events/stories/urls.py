from django.urls import path

from events.stories import views

app_name = "stories"
urlpatterns = [
    path("", views.story_list, name="list"),
    path("new/", views.story_create, name="create"),
    path("<int:pk>/", views.story_detail, name="detail"),
    path("<int:pk>/edit/", views.story_edit, name="edit"),
    path("<int:pk>/submit/", views.story_submit, name="submit"),
    path("<int:pk>/claim/", views.story_claim, name="claim"),
    path("<int:pk>/copy/", views.story_save_copy, name="save_copy"),
    path("<int:pk>/return/", views.story_return, name="return"),
    path("<int:pk>/approve/", views.story_approve, name="approve"),
    path("<int:pk>/reject/", views.story_reject, name="reject"),
    path("<int:pk>/photos/<int:photo_pk>/", views.photo_file, name="photo"),
    path("<int:pk>/photos/<int:photo_pk>/remove/", views.photo_remove, name="photo_remove"),
    path(
        "<int:pk>/photos/<int:photo_pk>/<str:size>/",
        views.photo_file,
        name="photo_size",
    ),
    path("<int:pk>/files/<int:attachment_pk>/", views.attachment_file, name="attachment"),
]
