"""The compliance charts are SVG: their numbers must stay machine-readable in Vietnamese,
where Django would otherwise print 28,5 instead of 28.5."""

import re

import pytest
from django.urls import reverse

from events.enums import Verdict
from tests.factories import NoticeFactory

pytestmark = pytest.mark.django_db
GEOMETRY = re.compile(r'\b(?:x|y|x1|y1|x2|y2|width|height)="([^"]*)"')


def test_chart_coordinates_are_plain_numbers_in_vietnamese(client_for, world):
    NoticeFactory(agency=world.agency, verdict=Verdict.ON_TIME)
    NoticeFactory(agency=world.agency, verdict=Verdict.LATE)
    NoticeFactory(agency=world.agency2, verdict=Verdict.AFTER_THE_FACT)
    response = client_for(world.director).get(reverse("newsroom:compliance"))
    html = response.content.decode()
    svgs = re.findall(r"<svg[^>]*role=\"img\".*?</svg>", html, flags=re.S)
    values = [value for svg in svgs for value in GEOMETRY.findall(svg)]
    assert len(svgs) == 2 and values
    assert [v for v in values if not re.fullmatch(r"-?\d+(\.\d+)?", v)] == []
    # …while the text a person reads keeps the Vietnamese decimal comma.
    assert "33,3% (3)" in svgs[1]
