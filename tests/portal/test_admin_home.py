"""An administrator's home links to the back office and says how the system is."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from portal.enums import OutboxState
from portal.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator(db):
    return get_user_model().objects.create_superuser(
        username="quantri", email="quantri@example.vn", password="x"
    )


def test_administrator_home_links_the_back_office_and_the_health_checks(client_for, administrator):
    OutboxMessage.objects.create(
        kind="notice_new",
        to_email="a@example.vn",
        subject="s",
        body_text="t",
        state=OutboxState.FAILED,
    )
    response = client_for(administrator).get(reverse("home"))
    page = response.content.decode()
    panel = dict(response.context["panels"])["portal/_admin_panel.html"]
    assert panel["failed_emails"] == 1
    assert [name for name, _check in panel["checks"]] == ["database", "broker", "worker"]
    assert panel["checks"][0][1]["ok"] is True
    assert f'href="{reverse("admin:index")}"' in page
    assert "chưa được phân quyền" not in page
    assert "1 thư điện tử không gửi được." in " ".join(page.split())


def test_other_roles_do_not_get_the_administrator_panel(client_for, world):
    response = client_for(world.director).get(reverse("home"))
    assert "portal/_admin_panel.html" not in dict(response.context["panels"])
