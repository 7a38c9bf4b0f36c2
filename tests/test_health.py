"""/health/: database, broker and worker heartbeat, 200 when all are ok, else 503."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from portal.tasks import heartbeat

NOW = datetime(2026, 3, 5, 8, 0, tzinfo=UTC)
CLOSED_PORT_BROKER = "redis://127.0.0.1:1/0"


@pytest.fixture
def filesystem_broker(settings, tmp_path):
    """A filesystem broker whose queue folder exists, whatever CELERY_BROKER_URL says."""
    queue = tmp_path / "queue"
    queue.mkdir()
    settings.CELERY_BROKER_URL = "filesystem://"
    settings.CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(queue),
        "data_folder_out": str(queue),
        "processed_folder": str(tmp_path / "processed"),
    }


@pytest.mark.django_db
def test_health_is_200_with_fresh_heartbeat_and_needs_no_login(client, filesystem_broker):
    with time_machine.travel(NOW, tick=False):
        heartbeat()
        response = client.get("/health/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "healthy": True,
        "database": {"ok": True},
        "broker": {"ok": True, "transport": "filesystem"},
        "worker": {"ok": True, "last_heartbeat": "2026-03-05T08:00:00+00:00", "age_seconds": 0},
    }


@pytest.mark.django_db
def test_health_is_503_when_heartbeat_is_older_than_three_minutes(client, filesystem_broker):
    with time_machine.travel(NOW, tick=False):
        heartbeat()
    with time_machine.travel(NOW + timedelta(minutes=3, seconds=1), tick=False):
        response = client.get("/health/")

    assert response.status_code == 503
    body = response.json()
    assert body["healthy"] is False
    assert body["worker"] == {
        "ok": False,
        "last_heartbeat": "2026-03-05T08:00:00+00:00",
        "age_seconds": 181,
    }
    assert body["broker"] == {"ok": True, "transport": "filesystem"}


@pytest.mark.django_db
def test_health_is_503_before_any_heartbeat(client, filesystem_broker):
    response = client.get("/health/")

    assert response.status_code == 503
    assert response.json()["worker"] == {"ok": False, "error": "no heartbeat yet"}


@pytest.mark.django_db
def test_health_is_503_when_broker_port_is_closed(client, settings):
    settings.CELERY_BROKER_URL = CLOSED_PORT_BROKER
    heartbeat()

    response = client.get("/health/")

    assert response.status_code == 503
    body = response.json()
    assert body["healthy"] is False
    assert body["broker"] == {"ok": False, "transport": "redis", "error": "ConnectionError"}
    assert body["database"] == {"ok": True}
    assert body["worker"]["ok"] is True


@pytest.mark.redis
@pytest.mark.django_db
def test_health_broker_is_ok_with_real_redis(client, settings, redis_url):
    settings.CELERY_BROKER_URL = redis_url
    heartbeat()

    response = client.get("/health/")

    assert response.status_code == 200
    assert response.json()["broker"] == {"ok": True, "transport": "redis"}
