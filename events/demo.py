"""Demo notices: on time, late, urgent, exempt and after the fact, around today; and this
week's leaders' calendar, imported from a Word file like the office would send."""

import io
from datetime import timedelta

from django.utils import timezone

from contacts.models import Organisation
from events.enums import EmergencyCause, NoticeAction, NoticeKind, ReceivedVia
from events.models import CalendarVersion, Notice
from events.services.leaders import apply_version, cover_item, prepare_import
from events.services.notices import submit_notice, transition

DEMO_NOTICES = [
    # agency, title, kind, starts in (h), notified (h before start), locality, extras
    (
        "agency",
        "Hội nghị tổng kết công tác văn hóa, thông tin năm 2026",
        NoticeKind.PLANNED,
        72,
        96,
        "Xã Kon Rẫy",
        {"needs_camera": True},
    ),
    (
        "agency",
        "Khai mạc Ngày hội văn hóa các dân tộc khu vực Kon Rẫy",
        NoticeKind.PLANNED,
        30,
        5,
        "Xã Đăk Tờ Re",
        {"needs_livestream": True, "needs_press_area": True},
    ),
    (
        "agency2",
        "Lễ ra quân xây dựng nông thôn mới xã Tân Lập",
        NoticeKind.PLANNED,
        50,
        48,
        "Xã Tân Lập",
        {},
    ),
    (
        "agency2",
        "Đoàn công tác tỉnh kiểm tra mô hình OCOP",
        NoticeKind.URGENT,
        3,
        2,
        "Xã Tân Lập",
        {},
    ),
    ("agency", "Trao nhà Đại đoàn kết cho hộ nghèo", NoticeKind.URGENT, 26, 0.5, "Xã Đăk Kôi", {}),
    (
        "agency2",
        "Sạt lở đất trên tỉnh lộ 677 đoạn qua xã Tân Lập",
        NoticeKind.EMERGENCY,
        -2,
        -1,
        "Xã Tân Lập",
        {"emergency_cause": EmergencyCause.NATURAL_DISASTER},
    ),
    (
        "agency",
        "Hội thi tuyên truyền phòng chống ma túy",
        NoticeKind.PLANNED,
        -20,
        -1,
        "Xã Đăk Ruồng",
        {},
    ),
    (
        "agency_dakha",
        "Liên hoan cồng chiêng xã Đắk Hà",
        NoticeKind.PLANNED,
        100,
        120,
        "Xã Đắk Hà",
        {"needs_camera": True},
    ),
]


def seed_notices(users: dict) -> int:
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    created = 0
    for username, title, kind, starts_in, notified_before, locality, extras in DEMO_NOTICES:
        user = users[username]
        if Notice.objects.filter(agency=user.organisation, title=title).exists():
            continue
        starts_at = now + timedelta(hours=starts_in)
        received_at = starts_at - timedelta(hours=notified_before)
        received_at = min(received_at, timezone.now())
        data = {
            "title": title,
            "kind": kind,
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(hours=3),
            "locality": Organisation.objects.get(name=locality),
            "address": f"Hội trường {locality}",
            "contact_name": user.full_name,
            "contact_phone": "0260 3800 000",
            "description": "Thông báo để Trung tâm cử phóng viên đưa tin.",
            **extras,
        }
        notice = submit_notice(
            agency=user.organisation,
            by=user,
            data=data,
            received_at=received_at,
            via=ReceivedVia.WEB,
            late_confirmed=True,
        )
        if starts_in < 0 and kind != NoticeKind.EMERGENCY:
            # Past events of the demo were covered (the newsroom's own demo adds details).
            transition(notice, NoticeAction.COVER, by=user, note="Dữ liệu mẫu")
        created += 1
    return created


# --- Contributor stories ----------------------------------------------------------------------

DEMO_STORIES = [
    # agency user, title, lead, body, photo colours, final state
    (
        "agency2",
        "Xã Tân Lập ra quân làm đường giao thông nông thôn",
        "Hơn 200 đoàn viên, thanh niên và người dân xã Tân Lập tham gia ngày ra quân.",
        "Sáng nay, UBND xã Tân Lập tổ chức ra quân làm đường giao thông nông thôn.\n\n"
        "Trong ngày, bà con đã làm mới 2 km đường bê tông tại thôn 1 và thôn 3.",
        [(34, 139, 34), (210, 180, 140)],
        "published",
    ),
    (
        "agency",
        "Lớp truyền dạy cồng chiêng cho thanh thiếu niên",
        "Phòng Văn hóa và Thông tin mở lớp truyền dạy cồng chiêng tại xã Đăk Kôi.",
        "Lớp học kéo dài 10 ngày với 30 học viên là thanh thiếu niên người Xơ Đăng.",
        [(178, 34, 34)],
        "returned",
    ),
    (
        "agency",
        "Ra mắt câu lạc bộ phụ nữ với pháp luật",
        "",
        "Câu lạc bộ có 25 thành viên, sinh hoạt định kỳ mỗi tháng một lần.",
        [(70, 130, 180), (255, 215, 0)],
        "submitted",
    ),
    (
        "agency2",
        "Tập huấn kỹ thuật trồng cà phê xen canh",
        "",
        "Bản nháp: còn chờ số liệu của hợp tác xã.",
        [],
        "draft",
    ),
]


def demo_photo(color, label: str) -> bytes:
    """A drawn picture (no download): sky, hills and a caption band."""
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGB", (1200, 800), (135, 206, 235))
    draw = ImageDraw.Draw(image)
    draw.polygon(
        [(0, 800), (0, 520), (350, 360), (700, 560), (1000, 400), (1200, 500), (1200, 800)],
        fill=color,
    )
    draw.ellipse((950, 80, 1070, 200), fill=(255, 223, 0))
    draw.rectangle((0, 720, 1200, 800), fill=(0, 0, 0))
    draw.text((24, 745), label, fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


def seed_stories(users: dict) -> int:
    """A few stories in every state, idempotent (matched by agency and title)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from events.images import process_photo
    from events.models import Story
    from events.services import stories as services

    # The newsroom's models, reached through the relation (events never imports newsroom).
    publication_model = Story._meta.get_field("publications").related_model
    channel_model = publication_model._meta.get_field("channel").related_model
    director = users["director"]
    created = 0
    for username, title, lead, body, colours, state in DEMO_STORIES:
        user = users[username]
        if Story.objects.filter(agency=user.organisation, title=title).exists():
            continue
        photos = [
            services.PhotoUpload(
                process_photo(
                    SimpleUploadedFile(f"anh{i}.jpg", demo_photo(colour, title[:40]), "image/jpeg")
                ),
                f"Ảnh {i + 1}: {title}",
            )
            for i, colour in enumerate(colours)
        ]
        data = {"title": title, "lead": lead, "body": body, "byline": user.full_name}
        story = services.create_story(
            agency=user.organisation, by=user, data=data, photos=photos, submit=state != "draft"
        )
        if state in ("returned", "published"):
            story = services.claim_story(story, by=director)
        if state == "returned":
            services.return_story(
                story, by=director, comment="Đề nghị bổ sung thời gian và địa điểm cụ thể."
            )
        if state == "published":
            story = services.approve_story(story, by=director)
            channel = channel_model.objects.filter(
                centre_id=story.centre_id, kind="radio", is_active=True
            ).first()
            if channel is not None:
                publication = publication_model.objects.create(
                    story=story,
                    channel=channel,
                    published_at=timezone.now(),
                    air_slot="Thời sự 17h",
                    recorded_by=director,
                )
                services.mark_published(story, by=director, publication=publication)
        created += 1
    return created


# --- The leaders' weekly calendar ---------------------------------------------------------

WEEKDAY_NAMES = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]
# day of the week (0 = Monday), time cell, content, leaders, place, preparing unit
DEMO_CALENDAR = [
    (
        0,
        "Sáng\n7h30",
        "Họp giao ban Thường trực HĐND – UBND xã",
        "Chủ tịch, các Phó Chủ tịch",
        "Phòng họp số 1",
        "Văn phòng HĐND – UBND",
    ),
    (
        0,
        "Chiều\n14h00",
        "Làm việc với Phòng Giáo dục và Đào tạo về năm học mới",
        "Phó Chủ tịch phụ trách văn hóa – xã hội",
        "Phòng Giáo dục và Đào tạo",
        "Phòng Giáo dục và Đào tạo",
    ),
    (
        1,
        "Sáng",
        "- 8h00: Tiếp công dân định kỳ\n- 9h30: Kiểm tra công trình đường liên xã",
        "Chủ tịch",
        "Trụ sở tiếp công dân",
        "Ban Tiếp công dân",
    ),
    (
        2,
        "8h00",
        "Dự Ngày hội Đại đoàn kết toàn dân tộc",
        "Phó Chủ tịch",
        "Xã Đăk Tờ Re",
        "Phòng Văn hóa và Thông tin",
    ),
    (
        3,
        "Chiều\n14 giờ 30",
        "Hội nghị trực tuyến về chuyển đổi số",
        "Chủ tịch",
        "Phòng họp trực tuyến",
        "Văn phòng HĐND – UBND",
    ),
    (
        4,
        "Sáng",
        "Kiểm tra mô hình trồng sâm dây tại xã Đăk Kôi",
        "Phó Chủ tịch phụ trách kinh tế",
        "Xã Đăk Kôi",
        "Phòng Nông nghiệp và Phát triển nông thôn",
    ),
]


def demo_calendar_docx(monday) -> bytes:
    """A week's calendar in the usual Word layout: title lines, a table whose day cell is
    merged down over that day's rows, "Sáng"/"Chiều" with or without a clock time."""
    import docx

    document = docx.Document()
    document.add_paragraph("ỦY BAN NHÂN DÂN HUYỆN KON RẪY")
    sunday = monday + timedelta(days=6)
    document.add_paragraph(
        f"LỊCH CÔNG TÁC TUẦN (Từ ngày {monday:%d/%m} đến ngày {sunday:%d/%m/%Y})"
    )
    header = (
        "Thứ, ngày",
        "Thời gian",
        "Nội dung",
        "Lãnh đạo chủ trì",
        "Địa điểm",
        "Đơn vị chuẩn bị",
    )
    table = document.add_table(rows=1 + len(DEMO_CALENDAR), cols=len(header))
    for column, value in enumerate(header):
        table.cell(0, column).text = value
    first_row_of_day = {}
    for row, (weekday, *cells) in enumerate(DEMO_CALENDAR, start=1):
        day = monday + timedelta(days=weekday)
        if weekday in first_row_of_day:
            table.cell(first_row_of_day[weekday], 0).merge(table.cell(row, 0))
        else:
            first_row_of_day[weekday] = row
            table.cell(row, 0).text = f"{WEEKDAY_NAMES[weekday]} ({day:%d/%m})"
        for column, value in enumerate(cells, start=1):
            table.cell(row, column).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def seed_leaders_calendar(users: dict) -> int:
    """This week's calendar from the issuing office, applied, with one item covered by
    the director (so the week grid shows both the calendar lane and its notice)."""
    clerk = users["vanphong"]
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    if CalendarVersion.objects.filter(issuer=clerk.organisation, week_start=monday).exists():
        return 0
    draft = prepare_import(
        issuer=clerk.organisation,
        by=clerk,
        week_start=monday,
        data=demo_calendar_docx(monday),
        file_name=f"lich-cong-tac-tuan-{monday:%Y%m%d}.docx",
    )
    apply_version(draft, by=clerk)
    later = draft.items.filter(starts_at__gt=timezone.now()).order_by("starts_at").first()
    if later is not None:
        cover_item(later, by=users["director"])
    return draft.items.count()
