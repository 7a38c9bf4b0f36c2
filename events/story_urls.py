"""Contributor stories, mounted at /stories/ in their own namespace (portal/urls.py)."""

from django.urls import path

from events.views import stories

app_name = "stories"
urlpatterns = [
    path("", stories.story_list, name="list"),
    path("new/", stories.story_create, name="create"),
    path("<int:pk>/", stories.story_detail, name="detail"),
    path("<int:pk>/edit/", stories.story_edit, name="edit"),
    path("<int:pk>/submit/", stories.story_submit, name="submit"),
    path("<int:pk>/claim/", stories.story_claim, name="claim"),
    path("<int:pk>/copy/", stories.story_save_copy, name="save_copy"),
    path("<int:pk>/return/", stories.story_return, name="return"),
    path("<int:pk>/approve/", stories.story_approve, name="approve"),
    path("<int:pk>/reject/", stories.story_reject, name="reject"),
    path("<int:pk>/photos/<int:photo_pk>/", stories.photo_file, name="photo"),
    path("<int:pk>/photos/<int:photo_pk>/remove/", stories.photo_remove, name="photo_remove"),
    path(
        "<int:pk>/photos/<int:photo_pk>/<str:size>/",
        stories.photo_file,
        name="photo_size",
    ),
    path("<int:pk>/files/<int:attachment_pk>/", stories.attachment_file, name="attachment"),
]
