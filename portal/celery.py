import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def _make_filesystem_broker_folders(sender, **kwargs):
    """The filesystem transport needs its folders before the first message."""
    from django.conf import settings

    if settings.CELERY_BROKER_URL.startswith("filesystem"):
        for key in ("data_folder_in", "processed_folder", "control_folder"):
            os.makedirs(settings.CELERY_BROKER_TRANSPORT_OPTIONS[key], exist_ok=True)


def warm_broker_transport(url: str | None = None) -> None:
    """Import the broker's transport now, at start (PortalConfig.ready), not in the first
    request that hands a message over: redis-py and kombu's Redis transport take ~0.4 s
    to import."""
    from django.conf import settings

    url = url or settings.CELERY_BROKER_URL
    if url.startswith(("redis", "rediss")):
        import kombu.transport.redis  # noqa: F401
