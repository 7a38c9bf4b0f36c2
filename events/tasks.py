# Celery autodiscovers `<app>.tasks` only: import every task module of the app here.
from events.stories.tasks import make_story_thumbnails, sweep_story_thumbnails

__all__ = ["make_story_thumbnails", "sweep_story_thumbnails"]
