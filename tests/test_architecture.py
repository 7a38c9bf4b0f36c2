"""Rules of the codebase that a reviewer should not have to check by eye."""

import ast
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

ROOT = Path(__file__).resolve().parent.parent
APPS = ["portal", "contacts", "events", "newsroom"]  # lowest first
# Views that answer without signing in.
PUBLIC_VIEW_NAMES = {
    "health",
    "login",
    "set_language",
    "public_list",
    "public_export",
    "calendar_feed",
}


def python_files(app):
    return [p for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts]


def imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names & set(APPS)


@pytest.mark.parametrize("app", APPS)
def test_imports_point_one_way(app):
    """newsroom → events → contacts → portal: an app never imports one above it."""
    higher = set(APPS[APPS.index(app) + 1 :])
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_apps(path) & higher)
        for path in python_files(app)
        if imported_apps(path) & higher
    }
    assert offenders == {}


def view_modules():
    for app in APPS:
        for path in python_files(app):
            if path.name == "views.py" or "views" in path.parts:
                yield path


def test_views_never_query_models_directly():
    """Views load objects through scoped selectors, never Model.objects."""
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in view_modules()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ".objects." in line
    ]
    assert offenders == []


def all_patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            if entry.app_name == "admin":
                continue  # Django admin has its own login
            yield from all_patterns(entry, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield prefix + entry.name, entry


def sample_url(name, pattern):
    kwargs = {}
    for key, converter in pattern.pattern.converters.items():
        kwargs[key] = {"int": 999999, "uuid": "00000000-0000-0000-0000-000000000000"}.get(
            type(converter).__name__.replace("Converter", "").lower(), "x"
        )
    return reverse(name, kwargs=kwargs)


@pytest.mark.django_db
def test_every_page_needs_a_login_unless_it_is_public(client):
    for name, pattern in all_patterns():
        url = sample_url(name, pattern)
        response = client.get(url)
        if name.split(":")[-1] in PUBLIC_VIEW_NAMES:
            assert not (response.status_code == 302 and "/accounts/login/" in response.url), url
        else:
            assert response.status_code == 302, (url, response.status_code)
            assert response.url.startswith("/accounts/login/"), url
