"""Users choose e-mail and/or in-app per kind; notify() follows the choice."""

import pytest
from django.core import mail
from django.urls import reverse

from portal.models import Notification, NotificationPreference, OutboxMessage
from portal.outbox import notify
from portal.preferences import KINDS, kinds_for

pytestmark = pytest.mark.django_db


def test_profile_lists_kinds_with_both_channels_on_by_default(world, client_for):
    response = client_for(world.agency_user).get(reverse("profile"))
    assert response.status_code == 200
    assert response.context["form"]["notice_receipt__email"].value() is True
    assert response.context["form"]["notice_receipt__in_app"].value() is True


def test_profile_saves_choices_for_the_signed_in_user_only(world, client_for):
    response = client_for(world.agency_user).post(
        reverse("profile"), {"notice_receipt__in_app": "on"}
    )
    assert response.status_code == 302
    pref = NotificationPreference.objects.get(user=world.agency_user, kind="notice_receipt")
    assert (pref.email, pref.in_app) == (False, True)
    assert NotificationPreference.objects.filter(user=world.agency2_user).count() == 0


def test_anonymous_is_sent_to_login_from_profile(client):
    response = client.get(reverse("profile"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_notify_follows_preference_unless_forced(world, django_capture_on_commit_callbacks):
    NotificationPreference.objects.create(
        user=world.agency_user, kind="notice_receipt", email=False, in_app=False
    )
    from tests.factories import NoticeFactory

    notice = NoticeFactory(agency=world.agency)
    with django_capture_on_commit_callbacks(execute=True):
        assert notify(world.agency_user, "notice_receipt", {"notice": notice}) is None
        forced = notify(world.agency_user, "notice_receipt", {"notice": notice}, email=True)
    assert Notification.objects.count() == 0
    assert OutboxMessage.objects.get() == forced
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["X-Outbox-Id"] == str(forced.pk)


def test_the_settings_page_lists_only_what_the_role_can_receive(client_for, world):
    agency_kinds = kinds_for(world.agency_user)
    reporter_kinds = kinds_for(world.reporter)
    assert "notice_receipt" in agency_kinds
    assert "reminder_2h" not in agency_kinds
    assert "assignment_new" not in agency_kinds
    assert "reminder_2h" in reporter_kinds
    assert "notice_receipt" not in reporter_kinds
    page = client_for(world.agency_user).get("/accounts/profile/")
    assert [label for label, *_fields in page.context["form"].rows] == [
        KINDS[kind] for kind in agency_kinds
    ]
