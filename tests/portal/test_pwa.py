"""The installable app: a manifest and a service worker at stable addresses, open to all
(the browser fetches them without asking), with icons that exist."""

import json

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from PIL import Image

pytestmark = pytest.mark.django_db


def test_the_manifest_names_the_app_and_starts_on_the_reporters_home(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert {k: manifest[k] for k in ("name", "short_name", "start_url", "display", "scope")} == {
        "name": "Đưa Tin",
        "short_name": "Đưa Tin",
        "start_url": "/",
        "display": "standalone",
        "scope": "/",
    }
    assert manifest["theme_color"] == "#0d6efd"
    assert manifest["description"] == "Việc được giao của bạn, cả khi mất sóng"
    assert [(i["src"], i["sizes"], i["type"]) for i in manifest["icons"]] == [
        ("/static/icons/icon-192.png", "192x192", "image/png"),
        ("/static/icons/icon-512.png", "512x512", "image/png"),
    ]


@pytest.mark.parametrize("size", [192, 512])
def test_the_icons_are_committed_pngs_of_their_size(size):
    path = finders.find(f"icons/icon-{size}.png")
    with Image.open(path) as image:
        assert (image.format, image.size) == ("PNG", (size, size))


def test_the_service_worker_is_served_from_the_root_for_the_whole_site(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    body = response.content.decode()
    config = json.loads(body[len("self.DUATIN = ") : body.index(";\n")])
    assert config["pages"] == ["/", "/newsroom/assignments/"]
    assert "/static/js/offline.js" in config["static"]
    assert "/static/icons/icon-512.png" in config["static"]
    assert len(config["version"]) == 12
    assert 'var STATIC = "duatin-static-" + config.version;' in body
    assert "scope.DuaTinQueue" in body  # the queue, shared with the page


def test_every_precached_static_file_exists():
    from portal.pwa import PRECACHE

    assert [path for path in PRECACHE if finders.find(path) is None] == []


def test_the_version_changes_when_what_is_cached_changes(settings):
    from portal import pwa

    before = pwa.service_worker()
    settings.OFFLINE_PAGES = ["home"]
    assert pwa.service_worker() != before


def test_every_page_links_the_manifest_theme_colour_and_touch_icon(client, world, client_for):
    for page in (
        client.get(reverse("login")).content.decode(),
        client_for(world.reporter).get(reverse("home")).content.decode(),
    ):
        assert '<link rel="manifest" href="/manifest.webmanifest">' in page
        assert '<meta name="theme-color" content="#0d6efd">' in page
        assert '<link rel="apple-touch-icon" href="/static/icons/icon-192.png">' in page
        assert '<script src="/static/js/offline.js"></script>' in page
