"""One caption per photo: each photo chosen gets its own caption field (new_caption_0…,
in the order of the files in the input; static/js/photo_captions.js), the server pairs
them without ever failing on a missing or extra caption, and a refused story keeps its
photos with the captions typed for them. Without JavaScript the old box, one line per
photo, still works."""

import pytest
from django.urls import reverse

from events.enums import StoryStatus
from events.models import Story, StoryPhoto
from portal.models import PendingUpload
from tests.events.story_files import photo
from tests.factories import StoryFactory
from tests.forms import with_token

pytestmark = pytest.mark.django_db


def story(**overrides):
    data = {
        "title": "Xã Tân Lập ra quân làm đường giao thông",
        "lead": "",
        "body": "Buổi ra quân diễn ra sôi nổi.",
        "byline": "Nguyễn Thị Hoa",
        "action": "submit",
    }
    return with_token({**data, **overrides})


def captions_stored():
    return list(StoryPhoto.objects.order_by("position", "pk").values_list("caption", flat=True))


def test_each_photo_gets_the_caption_typed_in_its_own_field(client_for, world):
    response = client_for(world.agency_user).post(
        reverse("stories:create"),
        {
            **story(new_caption_0="Toàn cảnh", new_caption_1="  Đoàn viên làm đường  "),
            "photos": [photo("a.jpg"), photo("b.jpg")],
        },
    )
    assert response.status_code == 302
    assert captions_stored() == ["Toàn cảnh", "Đoàn viên làm đường"]


def test_a_missing_caption_leaves_its_photo_without_one_and_extra_captions_are_ignored(
    client_for, world
):
    response = client_for(world.agency_user).post(
        reverse("stories:create"),
        {
            **story(new_caption_1="Ảnh thứ hai", new_caption_7="không có ảnh", new_caption_99="x"),
            "photos": [photo("a.jpg"), photo("b.jpg")],
        },
    )
    assert response.status_code == 302
    assert captions_stored() == ["", "Ảnh thứ hai"]


def test_without_javascript_one_line_per_photo_still_works(client_for, world):
    client_for(world.agency_user).post(
        reverse("stories:create"),
        {**story(captions="Một\nHai\nBa thừa"), "photos": [photo("a.jpg"), photo("b.jpg")]},
    )
    assert captions_stored() == ["Một", "Hai"]


def test_a_too_long_caption_is_refused_in_vietnamese_and_keeps_the_photos_and_captions(
    client_for, world
):
    client = client_for(world.agency_user)
    data = story(new_caption_0="Toàn cảnh", new_caption_1="Dài " * 130)
    response = client.post(
        reverse("stories:create"), {**data, "photos": [photo("a.jpg"), photo("b.jpg")]}
    )
    assert response.status_code == 200
    assert Story.objects.count() == 0
    page = response.content.decode()
    assert "Chú thích dài quá: tối đa 500 ký tự (hiện có 519)." in page
    assert "Xã Tân Lập ra quân làm đường giao thông" in page  # what was typed stays
    kept = response.context["form"].kept_photos()
    assert [(k.name, k.caption) for k in kept] == [("a.jpg", "Toàn cảnh"), ("b.jpg", "Dài " * 130)]
    assert [bool(k.errors) for k in kept] == [False, True]
    assert all(k.preview.startswith("data:image/jpeg;base64,") for k in kept)  # thumbnails
    assert page.count('src="data:image/jpeg;base64,') == 2
    assert PendingUpload.objects.filter(field="photos").count() == 2

    # She shortens the second caption; the kept photos are sent with their captions.
    resend = {key: value for key, value in data.items() if not key.startswith("new_caption")}
    resend[kept[0].caption_name] = kept[0].caption
    resend[kept[1].caption_name] = "Đoàn viên làm đường"
    response = client.post(reverse("stories:create"), resend)
    assert response.status_code == 302
    assert captions_stored() == ["Toàn cảnh", "Đoàn viên làm đường"]
    assert PendingUpload.objects.count() == 0


def test_new_photos_come_before_the_kept_ones_each_with_its_caption(client_for, world):
    client = client_for(world.agency_user)
    data = story(title="", new_caption_0="Ảnh giữ lại")
    response = client.post(reverse("stories:create"), {**data, "photos": [photo("a.jpg")]})
    [kept] = response.context["form"].kept_photos()
    assert kept.caption == "Ảnh giữ lại"
    resend = {**data, "title": "Ra quân", "new_caption_0": "Ảnh mới", kept.caption_name: "Cũ"}
    response = client.post(reverse("stories:create"), {**resend, "photos": [photo("b.jpg")]})
    assert response.status_code == 302
    assert captions_stored() == ["Ảnh mới", "Cũ"]


def test_the_edit_form_pairs_new_captions_too_and_keeps_the_stored_ones(client_for, world):
    existing = StoryFactory(
        agency=world.agency, created_by=world.agency_user, status=StoryStatus.DRAFT
    )
    client = client_for(world.agency_user)
    page = client.get(reverse("stories:edit", args=[existing.pk]))
    token = page.context["form"]["upload_token"].value()
    response = client.post(
        reverse("stories:edit", args=[existing.pk]),
        {
            "title": existing.title,
            "lead": "",
            "body": existing.body,
            "byline": "Hoa",
            "action": "draft",
            "upload_token": token,
            "new_caption_0": "Thêm ảnh",
            "photos": [photo("c.jpg")],
        },
    )
    assert response.status_code == 302
    assert captions_stored() == ["Thêm ảnh"]
