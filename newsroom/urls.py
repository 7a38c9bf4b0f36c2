from django.urls import path

from newsroom import views_story_publications

app_name = "newsroom"
urlpatterns: list = [
    path(
        "stories/<int:story_pk>/publications/new/",
        views_story_publications.story_publication_new,
        name="story_publication_new",
    ),
]
