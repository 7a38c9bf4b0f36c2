"""Demo newsroom data (idempotent): assignments for the demo reporters, a publication and
the 2023 coordination plan with provincial Radio–TV (seed 002); reminders, weekly report
settings and press monitoring."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from contacts.models import Organisation
from events.enums import NoticeStatus
from events.models import Notice
from newsroom.enums import (
    Assessment,
    AssignmentRole,
    ChannelKind,
    OverrideKind,
    PlanFormat,
    ResponseStatus,
)
from newsroom.models import (
    Assignment,
    Channel,
    MonitoringItem,
    PlanItem,
    Publication,
    ReportSettings,
)
from newsroom.services.assignments import assign_reporter, mark_covered
from newsroom.services.plan import link_publication
from newsroom.services.publications import record_publication
from newsroom.services.reports import generate_draft, period_for

# The provincial newspaper and radio-TV, one agency since the 2025 reform.
PARTNER = "Báo và Phát thanh, Truyền hình Quảng Ngãi"

# Each centre's own list (2026): its website, its radio, its social pages and the
# provincial agency it relays. Kon Rẫy also relays the commune portal of Đăk Ruồng.
CHANNELS = [
    ("Trang thông tin điện tử Trung tâm", ChannelKind.WEBSITE),
    ("Đài truyền thanh Trung tâm (FM)", ChannelKind.RADIO),
    ("Fanpage", ChannelKind.SOCIAL),
    ("Zalo OA", ChannelKind.SOCIAL),
    (PARTNER, ChannelKind.TELEVISION),
]
EXTRA_CHANNELS = {"konray": [("Cổng TTĐT xã Đăk Ruồng", ChannelKind.WEBSITE)]}
# Names from before the 2025 reform (the old global list): retired where they remain.
RETIRED_NAMES = [
    "Truyền thanh FM huyện",
    "Trang thông tin điện tử huyện",
    "Đài Phát thanh – Truyền hình tỉnh",
    "Báo tỉnh",
    "Báo Kon Tum",
    "Mạng xã hội",
]

# Seed 002: the district's 2023 plan of 5-minute reportages for provincial Radio–TV.
PLAN_2023 = {
    1: [
        "Kỷ niệm 08 năm Ngày thành lập Trung tâm (11/03/2023)",
        "Triển khai xây dựng Nông thôn mới năm 2023",
    ],
    2: [
        "Kỷ niệm 08 năm thành lập Đảng bộ xã (17/04/2023)",
        "Phát triển sản phẩm OCOP gắn với phát triển đàn vật nuôi",
        "Đẩy mạnh cải cách hành chính",
    ],
    3: [
        "Đẩy mạnh trồng rừng, chăm sóc và bảo vệ rừng",
        "Gương điển hình phụ nữ làm kinh tế giỏi",
        "Tích cực thực hiện chuyển đổi số",
    ],
    4: [
        "Gương điển hình tiên tiến, người tốt, việc tốt",
        "Kết quả kinh tế - xã hội nổi bật của khu vực năm 2023",
    ],
}

# notice title → (reporter username, role)
DEMO_ASSIGNMENTS = [
    ("Hội nghị tổng kết công tác văn hóa, thông tin năm 2026", "reporter", AssignmentRole.WRITER),
    ("Hội nghị tổng kết công tác văn hóa, thông tin năm 2026", "reporter3", AssignmentRole.CAMERA),
    ("Khai mạc Ngày hội văn hóa các dân tộc khu vực Kon Rẫy", "reporter2", AssignmentRole.WRITER),
    ("Lễ ra quân xây dựng nông thôn mới xã Tân Lập", "reporter", AssignmentRole.PHOTO),
]
PUBLISHED_NOTICE = "Hội thi tuyên truyền phòng chống ma túy"


def seed_newsroom(users: dict) -> int:
    director = users["director"]
    created = 0
    for title, username, role in DEMO_ASSIGNMENTS:
        notice = Notice.objects.filter(title=title).first()
        reporter = users.get(username)
        if notice is None or reporter is None:
            continue
        if Assignment.objects.filter(notice=notice, reporter=reporter).exists():
            continue
        try:
            assign_reporter(notice, reporter, by=director, role=role)
            created += 1
        except ValidationError:
            continue  # demo times moved onto each other: leave it for the director
    created += _seed_publication(users)
    _seed_plan(director)
    return created


def _seed_publication(users) -> int:
    notice = Notice.objects.filter(title=PUBLISHED_NOTICE).first()
    if notice is None or notice.publications.exists():
        return 0
    reporter = users["reporter2"]
    if not notice.assignments.exists():
        assignment = Assignment.objects.create(
            notice=notice,
            reporter=reporter,
            role=AssignmentRole.WRITER,
            window_start=notice.starts_at - timedelta(hours=1),
            window_end=notice.ends_at + timedelta(hours=1),
            assigned_by=users["director"],
            # Written past the service (a past event), so it may not clash with anything.
            override_kind=OverrideKind.DIRECTOR,
            override_reason="Dữ liệu mẫu",
            override_by=users["director"],
        )
        mark_covered(assignment, by=reporter, note="Đã gửi tin và ảnh")
    notice.refresh_from_db()
    if notice.status not in (NoticeStatus.COVERED, NoticeStatus.PUBLISHED):
        return 0
    record_publication(
        notice,
        by=users["director"],
        data={
            "channel": Channel.objects.get(centre=notice.centre_id, name=PARTNER),
            "published_at": notice.ends_at + timedelta(hours=6),
            "air_slot": "Thời sự 19:00",
            "duration_minutes": 5,
        },
    )
    return 1


def seed_channels(centres: dict[str, Organisation]) -> int:
    """Give each demo centre its 2026 channels and retire the pre-reform names (kept for
    the publications that used them). Returns how many channels were added."""
    added = 0
    for key, centre in centres.items():
        wanted = CHANNELS + EXTRA_CHANNELS.get(key, [])
        for position, (name, kind) in enumerate(wanted, start=1):
            _, created = Channel.objects.get_or_create(
                centre=centre, name=name, defaults={"kind": kind, "position": position}
            )
            added += created
        Channel.objects.filter(centre=centre, name__in=RETIRED_NAMES).update(is_active=False)
    return added


def _seed_plan(director) -> None:
    centre = director.organisation
    channel = Channel.objects.get(centre=centre, name=PARTNER)
    for quarter, topics in PLAN_2023.items():
        for topic in topics:
            PlanItem.objects.get_or_create(
                centre=centre,
                year=2023,
                quarter=quarter,
                topic=topic,
                defaults={
                    "format": PlanFormat.REPORTAGE,
                    "duration_minutes": 5,
                    "channel": channel,
                    "responsible": "Trung tâm VH-TT-TT khu vực; Báo và PT-TH tỉnh",
                },
            )
    # This year's plan gets one item done by the demo publication.
    publication = Publication.objects.filter(centre=centre, channel=channel).first()
    if publication:
        item, _ = PlanItem.objects.get_or_create(
            centre=centre,
            year=publication.published_at.year,
            quarter=(publication.published_at.month - 1) // 3 + 1,
            topic="Phòng chống ma túy trong thanh thiếu niên",
            defaults={
                "format": PlanFormat.REPORTAGE,
                "duration_minutes": 5,
                "channel": channel,
                "responsible_user": director,
            },
        )
        link_publication(item, publication, by=director)


def seed_reports_and_monitoring(users: dict) -> int:
    today = timezone.localdate()
    created = 0
    for centre in Organisation.objects.filter(is_newsroom=True):
        ReportSettings.objects.get_or_create(
            centre=centre,
            defaults={
                "recipients": "vanphong.ubnd@example.vn",
                "addressees": "Sở VH-TT-DL tỉnh (b/c);\nUBND các xã trong khu vực;\nLưu: VT.",
            },
        )
        agency = Organisation.objects.filter(centre=centre, level__is_locality=False).first()
        author = next(
            (u for u in users.values() if u.is_editor and u.organisation_id == centre.pk), None
        )
        if author is None:
            continue
        for title, assessment, due in (
            ("Phản ánh đường liên xã xuống cấp", Assessment.INACCURATE, today - timedelta(days=1)),
            ("Lễ hội văn hóa các dân tộc thu hút du khách", Assessment.POSITIVE, None),
        ):
            _, new = MonitoringItem.objects.get_or_create(
                centre=centre,
                title=title,
                defaults={
                    "outlet": "Báo Quảng Ngãi điện tử",
                    "published_on": today - timedelta(days=3),
                    "assessment": assessment,
                    "created_by": author,
                    "responsible_agency": agency if due else None,
                    "response_due": due,
                    "response_status": ResponseStatus.PENDING if due else ResponseStatus.NOT_NEEDED,
                },
            )
            created += new
        # Last week's report, so the archive is not empty on first visit (not e-mailed).
        if not centre.weekly_reports.exists():
            generate_draft(centre, period_for(centre, today)[0])
    return created
