"""The installable web app: its manifest and its service worker.

The service worker is served from the site root (`/sw.js`) so that its scope is the whole
site, and is built from two files of `static/js/`: `offline_queue.js` (the queue of actions
taken without signal, shared with the page) and `sw.js` (caching). The view puts in front
of them what only the server knows: the static files to keep (with their final, possibly
hashed, addresses), the pages to keep for offline reading (`settings.OFFLINE_PAGES`, URL
names) and a version derived from all of it, which names the static cache — a deploy that
changes any of it installs a new worker that drops the old cache.
"""

import hashlib
import json
from functools import cache

from django.conf import settings
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.urls import reverse

THEME_COLOUR = "#0d6efd"  # Bootstrap's primary: the navbar and buttons
ICONS = (("icons/icon-192.png", 192), ("icons/icon-512.png", 512))
# What every page loads (templates/base.html) and what the offline pages add.
PRECACHE = (
    "vendor/bootstrap/css/bootstrap.min.css",
    "vendor/bootstrap/js/bootstrap.bundle.min.js",
    "css/portal.css",
    "js/table_cards.js",
    "js/offline_queue.js",
    "js/offline.js",
    *(path for path, _size in ICONS),
)
WORKER_SOURCES = ("js/offline_queue.js", "js/sw.js")


def manifest(description: str) -> dict:
    return {
        "name": "Đưa Tin",
        "short_name": "Đưa Tin",
        "description": description,
        "lang": "vi",
        "start_url": reverse("home"),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": [
            {
                "src": static(path),
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": "any maskable",
            }
            for path, size in ICONS
        ],
    }


@cache
def _source(path: str) -> str:
    found = finders.find(path)
    with open(found, encoding="utf-8") as handle:
        return handle.read()


def service_worker() -> str:
    config = {
        "static": [static(path) for path in PRECACHE],
        "staticPrefix": settings.STATIC_URL,
        "pages": [reverse(name) for name in settings.OFFLINE_PAGES],
    }
    body = "\n".join(_source(path) for path in WORKER_SOURCES)
    version = hashlib.sha256((json.dumps(config) + body).encode()).hexdigest()[:12]
    config["version"] = version
    return f"self.DUATIN = {json.dumps(config)};\n{body}"
