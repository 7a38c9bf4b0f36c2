"""Story pages: who may see and do what, private files, bad input, and query counts."""

import io

import pytest
from django.conf import settings
from django.urls import reverse
from PIL import Image

from events.enums import StoryStatus
from events.images import process_photo
from events.models import Story, StoryAttachment, StoryPhoto
from events.services import stories as services
from events.services.stories import PhotoUpload
from newsroom.models import Channel
from tests.events.story_files import BAD_PHOTOS, PDF_BYTES, photo, upload
from tests.factories import StoryFactory
from tests.forms import with_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client):
    """Messages in English so assertions read as the source strings."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def story_data(**overrides):
    data = {
        "title": "Xã Tân Lập ra quân làm đường giao thông",
        "lead": "Hơn 200 đoàn viên tham gia.",
        "body": "Buổi ra quân diễn ra sôi nổi.",
        "byline": "Nguyễn Thị Hoa",
        "action": "submit",
    }
    data.update(overrides)
    return with_token(data)


@pytest.fixture
def story_with_files(world, django_capture_on_commit_callbacks):
    story = StoryFactory(agency=world.agency, created_by=world.agency_user)
    with django_capture_on_commit_callbacks(execute=True):
        [photo_id] = services._store_photos(story, [PhotoUpload(process_photo(photo()), "Ảnh")])
    attachment = StoryAttachment.objects.create(
        story=story,
        file=upload("bai.pdf", PDF_BYTES),
        original_name="Bài viết.pdf",
        content_type="application/pdf",
        size=len(PDF_BYTES),
    )
    return story, StoryPhoto.objects.get(pk=photo_id), attachment


def story_urls(story, photo, attachment):
    return [
        ("get", reverse("stories:detail", args=[story.pk])),
        ("get", reverse("stories:edit", args=[story.pk])),
        ("post", reverse("stories:submit", args=[story.pk])),
        ("post", reverse("stories:claim", args=[story.pk])),
        ("post", reverse("stories:save_copy", args=[story.pk])),
        ("post", reverse("stories:return", args=[story.pk])),
        ("post", reverse("stories:approve", args=[story.pk])),
        ("post", reverse("stories:reject", args=[story.pk])),
        ("post", reverse("stories:photo_remove", args=[story.pk, photo.pk])),
        ("get", reverse("stories:photo", args=[story.pk, photo.pk])),
        ("get", reverse("stories:photo_size", args=[story.pk, photo.pk, "small"])),
        ("get", reverse("stories:photo_size", args=[story.pk, photo.pk, "medium"])),
        ("get", reverse("stories:attachment", args=[story.pk, attachment.pk])),
        ("get", reverse("newsroom:story_publication_new", args=[story.pk])),
    ]


# --- Access -------------------------------------------------------------------------------


def test_anonymous_is_sent_to_login_from_every_story_page_and_file(client, story_with_files):
    urls = [
        ("get", reverse("stories:list")),
        ("get", reverse("stories:create")),
        *story_urls(*story_with_files),
    ]
    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login")), url


@pytest.mark.parametrize("outsider", ["agency2_user", "agency_other_user", "director2"])
def test_outsiders_get_404_on_every_story_page_and_file(
    client_for, world, story_with_files, outsider
):
    client = client_for(getattr(world, outsider))
    for method, url in story_urls(*story_with_files):
        assert getattr(client, method)(url).status_code == 404, url
    assert Story.objects.get().status == StoryStatus.SUBMITTED


def test_centre_editors_do_not_see_agency_drafts(client_for, world):
    draft = StoryFactory(agency=world.agency, status=StoryStatus.DRAFT)
    url = reverse("stories:detail", args=[draft.pk])
    assert client_for(world.director).get(url).status_code == 404
    assert client_for(world.agency_user).get(url).status_code == 200


def test_agency_staff_cannot_take_editor_decisions(client_for, world, story_with_files):
    story, _photo, _attachment = story_with_files
    client = client_for(world.agency_user)
    for name in ("claim", "approve", "return", "reject"):
        assert client.post(reverse(f"stories:{name}", args=[story.pk])).status_code == 403
    assert client.get(reverse("newsroom:story_publication_new", args=[story.pk])).status_code == 403


def test_reviewer_and_reporter_read_but_cannot_decide(client_for, world, story_with_files):
    story, _photo, _attachment = story_with_files
    for user in (world.reviewer, world.reporter):
        client = client_for(user)
        assert client.get(reverse("stories:detail", args=[story.pk])).status_code == 200
        assert client.post(reverse("stories:approve", args=[story.pk])).status_code == 403
        assert client.get(reverse("stories:create")).status_code == 403


def test_the_agency_cannot_edit_a_story_once_sent(client_for, world, story_with_files):
    story, _photo, _attachment = story_with_files
    client = client_for(world.agency_user)
    assert client.get(reverse("stories:edit", args=[story.pk])).status_code == 403


def test_a_state_change_needs_post(client_for, world, story_with_files):
    story, _photo, _attachment = story_with_files
    response = client_for(world.director).get(reverse("stories:claim", args=[story.pk]))
    assert response.status_code == 405


# --- Private files --------------------------------------------------------------------------


def test_owner_and_editor_see_the_photo_inline_without_exif(client_for, world, story_with_files):
    story, stored, _attachment = story_with_files
    for user in (world.agency_user, world.director):
        response = client_for(user).get(reverse("stories:photo", args=[story.pk, stored.pk]))
        assert response.status_code == 200
        content = b"".join(response.streaming_content)
        assert Image.open(io.BytesIO(content)).getexif() == {}
        assert response["Content-Type"] == "image/jpeg"
        assert response["Content-Disposition"].startswith("inline")
        assert response["Cache-Control"] == "private, no-store"


def test_production_hands_the_file_to_nginx(client_for, world, story_with_files, settings):
    settings.PROTECTED_FILES_MODE = "x-accel"
    story, _photo, attachment = story_with_files
    response = client_for(world.director).get(
        reverse("stories:attachment", args=[story.pk, attachment.pk])
    )
    assert response["X-Accel-Redirect"] == "/protected/" + attachment.file.name
    assert response["Content-Disposition"].startswith("attachment")
    assert response.content == b""


def test_stored_names_are_random_and_not_the_uploads(world, story_with_files):
    _story, stored, attachment = story_with_files
    for name in (stored.image.name, stored.thumb_small.name, attachment.file.name):
        assert len(name.rsplit("/", 1)[-1].split(".")[0]) == 32  # uuid4 hex
    assert "anh" not in stored.image.name and "bai" not in attachment.file.name


def test_a_thumbnail_not_ready_is_a_placeholder_on_the_page(client_for, world):
    story = StoryFactory(agency=world.agency)
    services._store_photos(story, [PhotoUpload(process_photo(photo()))])  # no task ran
    response = client_for(world.director).get(reverse("stories:detail", args=[story.pk]))
    assert b'data-testid="photo-placeholder"' in response.content


# --- Submitting and bad input ---------------------------------------------------------------


def test_agency_sends_a_story_with_two_photos_and_a_document(
    client_for, world, django_capture_on_commit_callbacks
):
    files = [photo("a.jpg", gps=True), photo("b.jpg", orientation=6)]
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(world.agency_user).post(
            reverse("stories:create"),
            {
                **story_data(captions="Toàn cảnh\nĐoàn viên làm đường"),
                "photos": files,
                "attachments": [upload("bai.pdf", PDF_BYTES)],
            },
        )
    story = Story.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("stories:detail", args=[story.pk])
    assert (story.status, story.agency, story.centre) == (
        StoryStatus.SUBMITTED,
        world.agency,
        world.centre,
    )
    photos = list(story.photos.all())
    assert [p.caption for p in photos] == ["Toàn cảnh", "Đoàn viên làm đường"]
    assert [(p.width, p.height) for p in photos] == [(60, 40), (40, 60)]
    assert all(p.thumbnails_ready for p in photos)
    assert story.attachments.get().content_type == "application/pdf"


def test_saving_a_draft_does_not_send_it(client_for, world):
    client_for(world.agency_user).post(reverse("stories:create"), story_data(action="draft"))
    assert Story.objects.get().status == StoryStatus.DRAFT


def assert_refused(response, field, fragment):
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert fragment in errors, errors
    assert not Story.objects.exists()
    assert not StoryPhoto.objects.exists()


@pytest.mark.parametrize("case", sorted(BAD_PHOTOS))
def test_a_bad_photo_refuses_the_whole_story_and_stores_nothing(client_for, world, case, settings):
    make, fragment = BAD_PHOTOS[case]
    response = client_for(world.agency_user).post(
        reverse("stories:create"), {**story_data(), "photos": [photo("good.jpg"), make()]}
    )
    assert_refused(response, "photos", fragment)
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


def test_an_eleventh_photo_is_refused(client_for, world):
    files = [photo(f"anh{i}.jpg") for i in range(11)]
    response = client_for(world.agency_user).post(
        reverse("stories:create"), {**story_data(), "photos": files}
    )
    assert_refused(response, "photos", "At most 10 files")


def test_an_eleventh_photo_added_later_is_refused(client_for, world):
    story = StoryFactory(agency=world.agency, status=StoryStatus.RETURNED)
    services._store_photos(story, [PhotoUpload(process_photo(photo()))] * 10)
    response = client_for(world.agency_user).post(
        reverse("stories:edit", args=[story.pk]),
        {**story_data(), "photos": [photo("thu11.jpg")]},
    )
    errors = response.context["form"].errors["photos"]
    assert errors == ["A story can have at most 10 photos; it has 10 and you added 1."]
    assert story.photos.count() == 10


def test_the_agency_corrects_the_caption_of_a_photo_already_attached(
    client_for, world, story_with_files
):
    story, attached, _attachment = story_with_files
    Story.objects.filter(pk=story.pk).update(status=StoryStatus.RETURNED)
    client = client_for(world.agency_user)
    page = client.get(reverse("stories:edit", args=[story.pk]))
    assert f'name="caption_{attached.pk}"' in page.content.decode()
    response = client.post(
        reverse("stories:edit", args=[story.pk]),
        {**story_data(action="draft"), f"caption_{attached.pk}": "  Toàn cảnh buổi ra quân "},
    )
    assert response.status_code == 302
    attached.refresh_from_db()
    assert attached.caption == "Toàn cảnh buổi ra quân"


def test_a_caption_too_long_is_refused_and_changes_nothing(client_for, world, story_with_files):
    story, attached, _attachment = story_with_files
    Story.objects.filter(pk=story.pk).update(status=StoryStatus.RETURNED)
    response = client_for(world.agency_user).post(
        reverse("stories:edit", args=[story.pk]),
        {**story_data(title="Tiêu đề mới"), f"caption_{attached.pk}": "x" * 501},
    )
    assert response.status_code == 200
    assert response.context["form"].errors[f"caption_{attached.pk}"]
    attached.refresh_from_db()
    story.refresh_from_db()
    assert attached.caption == "Ảnh"
    assert story.title != "Tiêu đề mới"


def test_a_body_of_one_megabyte_is_refused_with_its_length(client_for, world):
    body = "Tin " * (256 * 1024)  # 1 MB of text
    response = client_for(world.agency_user).post(reverse("stories:create"), story_data(body=body))
    assert_refused(response, "body", "at most 50000 characters (it has 1048575)")


def test_unbalanced_html_is_stored_as_typed_and_shown_escaped(client_for, world):
    body = "<b>Ra quân <i>làm đường</b> <script>alert('x')</script>"
    client = client_for(world.agency_user)
    client.post(reverse("stories:create"), story_data(body=body))
    story = Story.objects.get()
    assert story.body == body
    page = client.get(reverse("stories:detail", args=[story.pk])).content.decode()
    assert "&lt;b&gt;Ra quân &lt;i&gt;làm đường&lt;/b&gt;" in page
    assert "<script>alert" not in page


def test_an_svg_document_is_refused(client_for, world):
    svg = upload("bai.pdf", b'<svg xmlns="http://www.w3.org/2000/svg"></svg>')
    response = client_for(world.agency_user).post(
        reverse("stories:create"), {**story_data(), "attachments": [svg]}
    )
    assert_refused(response, "attachments", "not a file of an accepted type (DOCX, PDF)")


# --- Editor pages ---------------------------------------------------------------------------


def test_editor_claims_edits_and_sees_the_difference(client_for, world, story_with_files):
    story, _photo, _attachment = story_with_files
    client = client_for(world.director)
    client.post(reverse("stories:claim", args=[story.pk]))
    client.post(
        reverse("stories:save_copy", args=[story.pk]),
        {"edited_title": story.title, "edited_lead": "", "edited_body": "Nội dung <mới>"},
    )
    page = client.get(reverse("stories:detail", args=[story.pk])).content.decode()
    assert '<ins class="text-success">Nội dung &lt;mới&gt;</ins>' in page
    story.refresh_from_db()
    assert story.body.startswith("Buổi ra quân")


def test_an_illegal_step_shows_a_message_not_an_error_page(client_for, world):
    story = StoryFactory(agency=world.agency, status=StoryStatus.REJECTED)
    radio = Channel.objects.get(kind="radio")
    client = client_for(world.director)
    response = client.post(
        reverse("newsroom:story_publication_new", args=[story.pk]),
        with_token({"channel": radio.pk, "published_at": "23/11/2026 08:00"}),
    )
    assert response.status_code == 403  # rejected: the publish permission is gone
    response = client.post(reverse("stories:approve", args=[story.pk]), follow=True)
    assert response.status_code == 403


def test_editor_records_a_radio_publication_and_the_agency_sees_it(
    client_for, world, django_capture_on_commit_callbacks
):
    story = StoryFactory(agency=world.agency, status=StoryStatus.APPROVED)
    radio = Channel.objects.get(kind="radio")
    response = client_for(world.director).post(
        reverse("newsroom:story_publication_new", args=[story.pk]),
        with_token(
            {
                "channel": radio.pk,
                "published_at": "2020-01-01T17:00",
                "air_slot": "Thời sự 17h",
                "duration_minutes": "3",
            }
        ),
    )
    assert response.url == reverse("stories:detail", args=[story.pk])
    story.refresh_from_db()
    assert story.status == StoryStatus.PUBLISHED
    page = client_for(world.agency_user).get(reverse("stories:detail", args=[story.pk]))
    assert [p.air_slot for p in page.context["publications"]] == ["Thời sự 17h"]
    assert radio.name in page.content.decode()


# --- Lists: query counts at two sizes -------------------------------------------------------


@pytest.mark.parametrize("rows", [1, 6])
def test_agency_list_query_count_does_not_grow(client_for, world, django_assert_num_queries, rows):
    for _ in range(rows):
        story = StoryFactory(agency=world.agency, created_by=world.agency_user)
        services._store_photos(story, [PhotoUpload(process_photo(photo()))])
    client = client_for(world.agency_user)
    # session, user, count, status tabs, unread notifications, organisation, the page's
    # keys, its rows, its photo counts
    with django_assert_num_queries(9):
        response = client.get(reverse("stories:list"))
    assert len(response.context["page"]) == rows
    assert [s.photo_count for s in response.context["page"]] == [1] * rows


@pytest.mark.parametrize("rows", [1, 6])
def test_editor_queue_query_count_does_not_grow(client_for, world, django_assert_num_queries, rows):
    for i in range(rows):
        StoryFactory(
            agency=world.agency if i % 2 else world.agency2,
            status=StoryStatus.IN_REVIEW,
            claimed_by=world.director,
        )
    StoryFactory(agency=world.agency_other)  # another centre's story is not listed
    client = client_for(world.director)
    # as the agency's: `perms` no longer loads model permissions for non-staff users
    with django_assert_num_queries(10):
        response = client.get(reverse("stories:list") + "?status=in_review")
    assert len(response.context["page"]) == rows


def test_photos_are_counted_for_the_page_shown(client_for, world):
    stories = [StoryFactory(agency=world.agency, created_by=world.agency_user) for _ in range(21)]
    services._store_photos(stories[0], [PhotoUpload(process_photo(photo()))] * 2)
    client = client_for(world.agency_user)
    first = client.get(reverse("stories:list")).context["page"]
    second = client.get(reverse("stories:list") + "?page=2").context["page"]
    assert [s.photo_count for s in first] == [0] * 20
    assert [(s.pk, s.photo_count) for s in second] == [(stories[0].pk, 2)]


@pytest.mark.parametrize("length", [30, 50_000])
def test_story_detail_with_a_diff_costs_the_same_queries_whatever_the_body(
    client_for, world, django_assert_num_queries, length
):
    body = " ".join(f"chữ{n % 101}" for n in range(length))[:length]
    edited = " ".join(f"từ{n % 89}" for n in range(length))[:length]
    story = StoryFactory(
        agency=world.agency,
        status=StoryStatus.IN_REVIEW,
        claimed_by=world.director,
        body=body,
        edited_title="Tít đã biên tập",
        edited_body=edited,
    )
    client = client_for(world.director)
    with django_assert_num_queries(10):
        page = client.get(reverse("stories:detail", args=[story.pk])).content.decode()
    long_note = "too long to compare word by word" in page
    assert long_note is (length == 50_000)


def test_an_unknown_status_lists_every_story_and_says_it_was_ignored(client_for, world):
    stories = StoryFactory.create_batch(2, agency=world.agency)
    client = client_for(world.agency_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    response = client.get(reverse("stories:list"), {"status": "bogus"})
    assert response.status_code == 200
    assert sorted(response.context["page"], key=lambda s: s.pk) == stories
    assert response.context["status"] == ""
    assert "Giá trị lọc này không hợp lệ nên đã được bỏ qua:" in response.content.decode()


def test_a_published_story_shows_the_version_that_went_out_first(client_for, world):
    story = StoryFactory(
        agency=world.agency,
        created_by=world.agency_user,
        status=StoryStatus.PUBLISHED,
        title="Tiêu đề gốc của cơ quan",
        body="Nội dung gốc.",
        edited_title="Tiêu đề đã biên tập",
        edited_body="Nội dung đã biên tập.",
    )
    page = client_for(world.agency_user).get(reverse("stories:detail", args=[story.pk]))
    html = page.content.decode()
    assert "<h1" in html and "Tiêu đề đã biên tập" in html.split("<h1", 1)[1].split("</h1>")[0]
    published = html.index('data-testid="published-version"')
    original = html.index('data-testid="original-version"')
    assert published < original
    assert "Nội dung đã biên tập." in html[published:original]
    assert "Tiêu đề gốc của cơ quan" in html[original:]  # one click away, in <details>
