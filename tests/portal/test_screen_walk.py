"""The screen walk, repeated by a machine: every role of the demo province follows every
link it can reach (GET only) from its home page, and no screen answers with a server
error or reads with a text defect: English left in the Vietnamese interface, a template
placeholder, "None", or a space before punctuation.

A path is visited at most a few times with different ids or queries, so the walk covers
each kind of screen without reading every row of the demo."""

import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import polib
import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.portal.test_translations import CATALOGUES

pytestmark = pytest.mark.django_db

ROLES = ("agency", "reporter", "director", "reviewer", "admin")
PAGES_PER_ROLE = 160
VISITS_PER_SHAPE = 2
# Links whose GET ends the session or leaves the portal's own screens.
NOT_FOLLOWED = re.compile(r"^/(accounts/logout|logout|static/|media/|i18n/|__)")
# The back office is Django's; its own screens are checked by test_vietnamese_everywhere.
BACK_OFFICE = re.compile(r"^/admin/")
# Words of an English interface that Django or a template would leave behind.
ENGLISH_WORDS = re.compile(
    r"\b(None|True|False|Submit|Created|Changed|Deleted|Previous|Next|Search|Save|"
    r"Cancel|Delete|Edit|Loading|Error|Required|Choose|Browse|Select|Yes|No)\b"
)
TEMPLATE_LEFTOVERS = re.compile(r"\{\{|\{%|%\(\w+\)|\[object |\bundefined\b|\bNaN\b")
SPACE_BEFORE_PUNCTUATION = re.compile(r"\w \)|\( \w|\w [,;:!?](?!\w)|\w \.(?!\w|\.)")


class Screen(HTMLParser):
    """The visible text of a page and the links it offers."""

    SKIPPED = {"script", "style", "noscript", "template"}
    # Tags a browser shows apart from their neighbours; inline tags join their text as
    # the page's own whitespace says.
    BLOCKS = {
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "td",
        "th",
        "tr",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "option",
        "label",
        "dt",
        "dd",
        "section",
        "header",
        "footer",
        "nav",
        "form",
        "button",
        "input",
        "select",
        "textarea",
        "table",
        "hr",
        "small",
        "summary",
    }

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.parts, self._skipping = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIPPED:
            self._skipping += 1
        if tag in self.BLOCKS:
            self.parts.append(" ")
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if href.startswith("/"):
                self.links.append(href.split("#")[0])

    def handle_endtag(self, tag):
        if tag in self.SKIPPED and self._skipping:
            self._skipping -= 1
        if tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.parts))


def _english_sentences() -> set[str]:
    """Our English texts of three words or more that have a different Vietnamese text:
    seen on a Vietnamese page, each is an untranslated leftover."""
    found = set()
    for path in CATALOGUES:
        for entry in polib.pofile(str(path)):
            english = entry.msgid
            if entry.obsolete or entry.msgstr == english or "%" in english or "{" in english:
                continue
            if len(english) >= 16 and len(english.split()) >= 3 and "\n" not in english:
                found.add(english)
    return found


def _shape(url: str) -> str:
    parts = urlsplit(url)
    query_keys = sorted(key.split("=")[0] for key in parts.query.split("&") if key)
    return re.sub(r"\d+", "N", parts.path) + "?" + "&".join(query_keys)


def walk(client, start="/"):
    queue, seen, shapes, screens = deque([start]), {start}, {}, []
    while queue and len(screens) < PAGES_PER_ROLE:
        url = queue.popleft()
        response = client.get(url)
        screens.append((url, response))
        if response.status_code in (301, 302) or "html" not in response.get("Content-Type", ""):
            continue
        screen = Screen()
        screen.feed(response.content.decode())
        response.screen = screen
        for link in screen.links:
            if link in seen or NOT_FOLLOWED.match(link) or BACK_OFFICE.match(link):
                continue
            shape = _shape(link)
            if shapes.get(shape, 0) >= VISITS_PER_SHAPE:
                continue
            shapes[shape] = shapes.get(shape, 0) + 1
            seen.add(link)
            queue.append(link)
    return screens


@pytest.fixture(scope="module")
def english_sentences():
    return _english_sentences()


@pytest.fixture
def demo(settings, time_machine):
    # A Wednesday morning: the demo's events of this week lie ahead.
    time_machine.move_to(timezone.make_aware(timezone.datetime(2026, 12, 2, 9, 0)), tick=False)
    settings.DEBUG = False
    call_command("seed_demo", force_users=True, verbosity=0)
    from django.contrib.auth import get_user_model

    return {user.username: user for user in get_user_model().objects.all()}


@pytest.mark.parametrize("username", ROLES)
def test_every_screen_a_role_can_reach_answers_and_reads_in_vietnamese(
    demo, username, client_for, english_sentences
):
    screens = walk(client_for(demo[username]))
    assert len(screens) > 12, [url for url, _ in screens]
    assert_no_defects(screens, english_sentences)


def test_every_public_screen_answers_and_reads_in_vietnamese(demo, client, english_sentences):
    """A visitor without an account starts at the sign-in page and follows its links
    (the public press list, the public calendar, the privacy page, the forms)."""
    screens = walk(client, start="/accounts/login/")
    assert len(screens) > 4, [url for url, _ in screens]
    assert_no_defects(screens, english_sentences)


def assert_no_defects(screens, english_sentences):

    errors, defects = [], []
    for url, response in screens:
        if response.status_code >= 500:
            errors.append((url, response.status_code))
        screen = getattr(response, "screen", None)
        if screen is None:
            continue
        text = screen.text
        for pattern, label in (
            (ENGLISH_WORDS, "English word"),
            (TEMPLATE_LEFTOVERS, "template leftover"),
            (SPACE_BEFORE_PUNCTUATION, "space before punctuation"),
        ):
            for match in pattern.finditer(text):
                around = text[max(0, match.start() - 40) : match.end() + 40]
                defects.append((url, label, around))
        defects += [
            (url, "untranslated", english) for english in english_sentences if english in text
        ]
    assert errors == []
    assert defects == []


def test_the_walk_reads_the_links_and_the_visible_text_only():
    screen = Screen()
    screen.feed(
        '<p>Xin chào <a href="/notices/3/">Sự kiện</a></p><script>var None = 1</script>'
        '<a href="https://example.org/">ngoài</a>'
    )
    assert screen.links == ["/notices/3/"]
    assert "None" not in screen.text
    assert "Sự kiện" in screen.text
    assert SPACE_BEFORE_PUNCTUATION.search("(còn 1 ngày )")
    assert not SPACE_BEFORE_PUNCTUATION.search("(còn 1 ngày)")
    assert _shape("/notices/12/?page=2") == _shape("/notices/7/?page=3")


def test_our_catalogues_give_the_walk_english_texts_to_look_for(english_sentences):
    assert len(english_sentences) > 300
    assert all(Path(path).exists() for path in CATALOGUES)
