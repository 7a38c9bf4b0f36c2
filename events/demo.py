"""Demo notices: on time, late, urgent, exempt and after the fact, around today."""

from datetime import timedelta

from django.utils import timezone

from contacts.models import Organisation
from events.enums import EmergencyCause, NoticeKind, NoticeStatus, ReceivedVia
from events.models import Notice
from events.services import submit_notice

DEMO_NOTICES = [
    # agency, title, kind, starts in (h), notified (h before start), locality, extras
    (
        "agency",
        "Hội nghị tổng kết công tác văn hóa, thông tin năm 2026",
        NoticeKind.PLANNED,
        72,
        96,
        "Thị trấn Đăk Rve",
        {"needs_camera": True},
    ),
    (
        "agency",
        "Khai mạc Ngày hội văn hóa các dân tộc huyện Kon Rẫy",
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
        "Liên hoan cồng chiêng huyện Đắk Hà",
        NoticeKind.PLANNED,
        100,
        120,
        "Thị trấn Đắk Hà",
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
            Notice.objects.filter(pk=notice.pk).update(status=NoticeStatus.COVERED)
        created += 1
    return created
