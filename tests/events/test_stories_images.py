"""Story photos: verified, decoded under the pixel limit, upright, re-encoded without EXIF;
thumbnails made after commit by a task, or later by the beat sweep."""

import io

import pytest
from django.utils import translation
from PIL import Image

from events.images import process_photo
from events.models import StoryPhoto
from events.services import stories as services
from events.services.stories import PhotoUpload
from events.tasks import sweep_story_thumbnails
from portal.files import UnrecognisedFile
from tests.events.story_files import BAD_PHOTOS, photo, png_bytes, upload, webp_bytes
from tests.factories import StoryFactory


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def reopen(content: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(content))
    image.load()
    return image


def test_gps_and_camera_exif_are_gone_after_processing():
    source = photo(gps=True, camera=True)
    assert Image.open(io.BytesIO(source.read())).getexif().get_ifd(0x8825) != {}
    source.seek(0)

    processed = process_photo(source)

    exif = reopen(processed.content).getexif()
    assert dict(exif) == {}
    assert exif.get_ifd(0x8825) == {}
    assert b"Canon" not in processed.content


def test_orientation_is_applied_and_not_kept_as_a_tag():
    # 60×40 stored sideways with "rotate 90° clockwise" (6): upright it is 40×60.
    processed = process_photo(photo(size=(60, 40), orientation=6))

    image = reopen(processed.content)
    assert (processed.width, processed.height) == (40, 60) == image.size
    assert image.getexif().get(0x0112) is None
    # The blue top-left quarter of the stored image ends up top-right once upright.
    red, green, blue = image.convert("RGB").getpixel((30, 5))
    assert blue > 200 and red < 60


@pytest.mark.parametrize(
    ("name", "content", "fmt", "mimetype"),
    [
        ("anh.png", png_bytes(), "PNG", "image/png"),
        ("anh.webp", webp_bytes(), "WEBP", "image/webp"),
        ("anh.jpeg", None, "JPEG", "image/jpeg"),
    ],
)
def test_jpeg_png_and_webp_are_accepted_in_their_own_format(name, content, fmt, mimetype):
    source = upload(name, content) if content else photo(name)
    processed = process_photo(source)
    assert reopen(processed.content).format == fmt
    assert processed.file_type.mimetype == mimetype


@pytest.mark.parametrize("case", sorted(BAD_PHOTOS))
def test_bad_photo_is_refused_with_a_clear_message(case):
    make, fragment = BAD_PHOTOS[case]
    with pytest.raises(UnrecognisedFile) as caught:
        process_photo(make())
    assert fragment in str(caught.value)


@pytest.mark.django_db
def test_thumbnails_are_made_after_commit_in_two_sizes(world, django_capture_on_commit_callbacks):
    story = StoryFactory(agency=world.agency)
    big = process_photo(photo(size=(1600, 1200)))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        [photo_id] = services._store_photos(story, [PhotoUpload(big, "Toàn cảnh")])
    stored = StoryPhoto.objects.get(pk=photo_id)
    assert not stored.thumbnails_ready  # the page shows a placeholder until the task runs
    assert len(callbacks) == 1

    callbacks[0]()  # the task runs eagerly in tests

    stored.refresh_from_db()
    assert stored.thumbnails_ready
    assert reopen(stored.thumb_small.read()).size == (320, 240)
    assert reopen(stored.thumb_medium.read()).size == (1024, 768)


@pytest.mark.django_db
def test_the_sweep_makes_thumbnails_the_lost_task_never_made(world):
    story = StoryFactory(agency=world.agency)
    # As if the broker was down: the photo is stored, its task never ran.
    [photo_id] = services._store_photos(story, [PhotoUpload(process_photo(photo()))])
    assert services.photos_lacking_thumbnails() == [photo_id]

    assert sweep_story_thumbnails() == 1

    assert services.photos_lacking_thumbnails() == []
    assert StoryPhoto.objects.get(pk=photo_id).thumbnails_ready
    assert sweep_story_thumbnails() == 0
    assert services.make_thumbnails(photo_id) is False  # idempotent


def test_the_beat_schedule_sweeps_thumbnails_every_five_minutes(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["story-thumbnail-sweep"]
    assert entry == {"task": "events.sweep_story_thumbnails", "schedule": 300.0}


def test_celery_finds_the_story_tasks():
    from portal.celery import app

    app.loader.import_default_modules()
    assert "events.make_story_thumbnails" in app.tasks
    assert "events.sweep_story_thumbnails" in app.tasks
