"""On a phone (390×844) an agency officer chooses two photos: each shows as a thumbnail
with its own caption field; she captions both and sends; the stored photos have the
captions she typed, in order."""

import io
import os
from pathlib import Path

from PIL import Image

from events.models import Story
from tests.world import build_world


def _png(path: Path, color) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 90), color).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def test_two_photos_show_two_thumbnails_with_a_caption_each(
    phone_page, live_server, login, tmp_path
):
    build_world()
    page = phone_page
    page.set_default_timeout(60_000)  # the shared test machine can be slow to serve a page
    login(page, live_server, "agency")
    page.goto(f"{live_server.url}/stories/new/")
    page.fill("[name=title]", "Xã Tân Lập ra quân làm đường giao thông nông thôn")
    page.fill("[name=body]", "Sáng 23/11, xã Tân Lập tổ chức ra quân.")
    page.fill("[name=byline]", "Nguyễn Thị Hoa")
    page.set_input_files(
        "[name=photos]", [_png(tmp_path / "do.png", "red"), _png(tmp_path / "xanh.png", "green")]
    )
    rows = page.locator("#photo-captions [data-photo-row]")
    assert rows.count() == 2
    thumbnails = page.locator("#photo-captions img")
    assert thumbnails.count() == 2
    assert all(src.startswith("blob:") for src in thumbnails.evaluate_all("e => e.map(i => i.src)"))
    assert thumbnails.evaluate_all("e => e.map(i => i.complete && i.naturalWidth)") == [120, 120]
    page.fill("[name=new_caption_0]", "Toàn cảnh buổi ra quân")
    page.fill("[name=new_caption_1]", "Đoàn viên làm đường")
    if os.environ.get("SCREENSHOT_DIR"):
        page.screenshot(
            path=f"{os.environ['SCREENSHOT_DIR']}/story-photo-captions.png", full_page=True
        )
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    with page.expect_navigation():
        page.click("[data-testid=send-story]")
    story = Story.objects.get()
    assert list(story.photos.values_list("caption", flat=True)) == [
        "Toàn cảnh buổi ra quân",
        "Đoàn viên làm đường",
    ]
