"""Menus show only what the role can use, and no menu of a single item."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_a_reporter_gets_links_in_the_bar_not_a_one_item_menu(client_for, world):
    page = client_for(world.reporter).get(reverse("newsroom:my_assignments")).content.decode()
    assert 'aria-expanded="false">Tòa soạn</a>' not in page
    assert reverse("newsroom:my_assignments") in page
    director = client_for(world.director).get(reverse("newsroom:triage")).content.decode()
    assert 'aria-expanded="false">Tòa soạn</a>' in director
