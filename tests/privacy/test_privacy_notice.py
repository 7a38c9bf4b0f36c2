"""The privacy notice: public, edited by administrators, linked from the footer and from
every form that collects personal data."""

from django.urls import reverse

from privacy.models import PrivacyNotice
from tests.factories import UserFactory

URL = reverse("privacy:privacy_notice")


def test_anyone_reads_the_built_in_notice_until_administrators_write_one(client, db):
    response = client.get(URL)
    assert response.status_code == 200
    assert "Luật số 91/2025/QH15" in response.content.decode()


def test_the_newest_notice_an_administrator_saved_is_shown(client, client_for, db):
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True, role="")
    response = client_for(admin).post(
        reverse("admin:privacy_privacynotice_add"),
        {
            "title": "Chính sách bảo vệ dữ liệu cá nhân",
            "body": "Đoạn một.\n\nĐoạn hai.",
            "published_at_0": "01/12/2026",
            "published_at_1": "08:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    notice = PrivacyNotice.objects.get()
    assert notice.updated_by.username == "admin"
    client.logout()
    html = client.get(URL).content.decode()
    assert "Chính sách bảo vệ dữ liệu cá nhân" in html
    assert "<p>Đoạn một.</p>" in html and "<p>Đoạn hai.</p>" in html


def test_the_footer_links_the_notice_on_every_page(client, db):
    html = client.get(reverse("contacts:public_list")).content.decode()
    assert f'href="{URL}"' in html.split("<footer")[1]


def test_forms_collecting_personal_data_link_the_notice(client_for, world):
    for user, url in (
        (world.agency_user, reverse("events:create")),
        (world.agency_user, reverse("contacts:create")),
    ):
        html = client_for(user).get(url).content.decode()
        assert 'data-testid="privacy-link"' in html, url


def test_the_contact_person_field_says_it_collects_another_persons_data(client_for, world):
    response = client_for(world.agency_user).get(reverse("events:create"))
    help_text = str(response.context["form"].fields["contact_name"].help_text)
    assert help_text.startswith("Bạn đang cung cấp dữ liệu cá nhân của người khác")
