"""The Vietnamese catalogues are complete, compiled, and what a visitor actually sees."""

import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
# Every app's own catalogue, plus the project catalogue (top-level templates/).
CATALOGUES = sorted(
    path
    for path in [
        *ROOT.glob("*/locale/vi/LC_MESSAGES/django.po"),
        *ROOT.glob("locale/vi/LC_MESSAGES/django.po"),
    ]
    if not {".venv", "var", "node_modules", "staticfiles"} & set(path.relative_to(ROOT).parts)
)
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def catalogue_id(path: Path) -> str:
    app = path.relative_to(ROOT).parts[0]
    return "project" if app == "locale" else app


def live_entries(po):
    return [entry for entry in po if not entry.obsolete]


def translations(entries) -> dict:
    """(context, msgid) → the translation, or the tuple of plural forms."""
    return {
        (entry.msgctxt, entry.msgid): (
            tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
            if entry.msgid_plural
            else entry.msgstr
        )
        for entry in entries
    }


def test_every_catalogue_of_the_project_is_found():
    found = {catalogue_id(path) for path in CATALOGUES}
    assert {"project", "portal", "contacts", "events", "newsroom"} <= found


@pytest.mark.parametrize("po_path", CATALOGUES, ids=catalogue_id)
def test_catalogue_has_no_untranslated_or_fuzzy_entry(po_path):
    po = polib.pofile(str(po_path))
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []


@pytest.mark.parametrize("po_path", CATALOGUES, ids=catalogue_id)
def test_translations_keep_every_placeholder_of_the_english_text(po_path):
    wrong = []
    for entry in live_entries(polib.pofile(str(po_path))):
        wanted = set(PLACEHOLDER.findall(entry.msgid))
        if entry.msgid_plural:
            wanted |= set(PLACEHOLDER.findall(entry.msgid_plural))
            translated = entry.msgstr_plural.values()
        else:
            translated = [entry.msgstr]
        wrong += [entry.msgid for text in translated if set(PLACEHOLDER.findall(text)) != wanted]
    assert wrong == []


@pytest.mark.parametrize("po_path", CATALOGUES, ids=catalogue_id)
def test_compiled_catalogue_matches_its_source(po_path):
    """Run `manage.py compile_translations` (or `make messages`) when this fails."""
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path.relative_to(ROOT)} is missing"
    po = polib.pofile(str(po_path))
    mo = polib.mofile(str(mo_path))
    assert translations(mo) == translations(po.translated_entries())


@pytest.mark.django_db
def test_login_page_is_in_vietnamese_by_default(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert '<html lang="vi">' in response.text
    assert "Đăng nhập" in response.text
    assert "Sign in" not in response.text


@pytest.mark.django_db
def test_login_page_stays_vietnamese_for_a_browser_set_to_english(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="vi">' in response.text
    assert "Đăng nhập" in response.text


@pytest.mark.django_db
def test_login_page_is_english_once_chosen_in_the_switch(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get("/accounts/login/")
    assert '<html lang="en">' in response.text
    assert "Sign in" in response.text
    assert "Đăng nhập" not in response.text


@pytest.mark.django_db
def test_language_chosen_in_the_switch_wins_over_the_browser(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Đăng nhập" in response.text


def _ours_first():
    """(catalogue, msgid, translation) for every plain entry, in the order Django looks
    them up: the project catalogue, then the apps in INSTALLED_APPS order."""
    from django.conf import settings

    order = ["project", *[app.split(".")[0] for app in settings.INSTALLED_APPS]]
    found = {}
    for path in sorted(CATALOGUES, key=lambda p: order.index(catalogue_id(p))):
        for entry in live_entries(polib.pofile(str(path))):
            if entry.msgctxt or entry.msgid_plural or entry.msgid in found:
                continue
            found[entry.msgid] = (catalogue_id(path), entry.msgstr)
    return found


def test_no_other_catalogue_overrides_ours():
    """Django's and third parties' catalogues must not replace our words: every msgid
    of ours reads, in Vietnamese, as the first of our catalogues translates it."""
    from django.utils import translation

    with translation.override("vi"):
        wrong = {
            msgid: (source, wanted, translation.gettext(msgid))
            for msgid, (source, wanted) in _ours_first().items()
            if translation.gettext(msgid) != wanted
        }
    assert wrong == {}
