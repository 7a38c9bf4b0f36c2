"""An agency officer sends a story with two photos from her phone; the editor returns it
with a comment; she fixes and resends it; the editor approves it and records that FM radio
broadcast it; she sees it published."""

from events.models import Story
from tests.events.story_files import jpeg_bytes
from tests.world import build_world


def _photo(name, color):
    return {"name": name, "mimeType": "image/jpeg", "buffer": jpeg_bytes((800, 600), color)}


def _status(page):
    return page.locator("[data-testid=story-status]").get_attribute("data-status")


def test_story_goes_from_agency_to_radio_and_back_as_published(
    phone_page, page, live_server, login
):
    radio = build_world().channels["radio"]
    agency, editor = phone_page, page

    # The agency writes and sends the story with two photos.
    login(agency, live_server, "agency")
    agency.goto(f"{live_server.url}/stories/new/")
    agency.fill("[name=title]", "Xã Tân Lập ra quân làm đường giao thông nông thôn")
    agency.fill("[name=lead]", "Hơn 200 đoàn viên, thanh niên tham gia.")
    agency.fill("[name=body]", "Sáng 23/11, xã Tân Lập tổ chức ra quân.")
    agency.fill("[name=byline]", "Nguyễn Thị Hoa")
    agency.set_input_files("[name=photos]", [_photo("a.jpg", "red"), _photo("b.jpg", "green")])
    agency.fill("[name=new_caption_0]", "Toàn cảnh buổi ra quân")
    agency.fill("[name=new_caption_1]", "Đoàn viên làm đường")
    with agency.expect_navigation():
        agency.click("[data-testid=send-story]")
    story = Story.objects.get()
    assert agency.url == f"{live_server.url}/stories/{story.pk}/"
    assert _status(agency) == "submitted"
    assert agency.locator("[data-testid=story-photo]").count() == 2

    # The editor takes it and returns it with a comment.
    login(editor, live_server, "director")
    editor.goto(f"{live_server.url}/stories/")
    editor.click(f"a[href='/stories/{story.pk}/']")
    with editor.expect_navigation():
        editor.click("[data-testid=claim]")
    assert _status(editor) == "in_review"
    editor.fill("#return-form [name=comment]", "Bổ sung số km đường đã làm.")
    with editor.expect_navigation():
        editor.click("[data-testid=return]")
    assert _status(editor) == "returned"

    # The agency reads the comment, edits and sends again.
    agency.reload()
    assert _status(agency) == "returned"
    assert "Bổ sung số km đường đã làm." in agency.inner_text("[data-testid=editor-comment]")
    agency.click("[data-testid=edit-story]")
    agency.fill("[name=body]", "Sáng 23/11, xã Tân Lập tổ chức ra quân, làm mới 2 km đường.")
    with agency.expect_navigation():
        agency.click("[data-testid=send-story]")
    assert _status(agency) == "submitted"

    # The editor approves it and records the radio broadcast.
    editor.reload()
    with editor.expect_navigation():
        editor.click("[data-testid=claim]")
    assert "2 km" in editor.inner_text("[data-testid=story-body]")
    with editor.expect_navigation():
        editor.click("[data-testid=approve]")
    assert _status(editor) == "approved"
    with editor.expect_navigation():
        editor.click("[data-testid=record-publication]")
    editor.select_option("[name=channel]", str(radio.pk))
    editor.fill("[name=air_slot]", "Thời sự 17h")
    with editor.expect_navigation():
        editor.click("#publication-form button[type=submit]")
    assert _status(editor) == "published"

    # The agency sees where it was published.
    agency.reload()
    assert _status(agency) == "published"
    published = agency.inner_text("[data-testid=publications]")
    assert "Đài truyền thanh Trung tâm (FM)" in published and "Thời sự 17h" in published
    story.refresh_from_db()
    assert [p.channel for p in story.publications.all()] == [radio]
    assert all(p.thumbnails_ready for p in story.photos.all())
