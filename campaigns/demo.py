"""Demo campaign (idempotent): seed 004's letter from the provincial department, sent
to every centre, commune and agency, acknowledged and partly reported by one centre."""

from datetime import date, timedelta

from django.utils import timezone

from campaigns.enums import MaterialKind, ReportChannel, TaskAudience
from campaigns.models import Campaign
from campaigns.selectors.tracking import own_row, tasks_of
from campaigns.services.campaigns import add_material, create_campaign, send_campaign
from campaigns.services.tracking import acknowledge, report_task

TITLE = (
    "Tuyên truyền, hưởng ứng Giải báo chí về xây dựng Đảng (Búa liềm vàng) "
    "của Đảng bộ tỉnh Kon Tum lần thứ IV"
)
DOCUMENTS = [
    {
        "number": "130/KH-TU",
        "issued_on": "2024-03-12",
        "issuer": "Ban Thường vụ Tỉnh ủy",
        "summary": "Tổ chức Giải báo chí về xây dựng Đảng (Búa liềm vàng) lần thứ IV",
    },
    {
        "number": "2287-CV/BTGTU",
        "issued_on": "2024-03-15",
        "issuer": "Ban Tuyên giáo Tỉnh ủy",
        "summary": "Tuyên truyền, hưởng ứng Giải báo chí về xây dựng Đảng",
    },
]
TASKS = [
    {
        "audience": TaskAudience.ALL,
        "description": (
            "Từ ngày bắt đầu, chia sẻ đường link banner tuyên truyền của Báo Kon Tum điện tử "
            "và trailer của Đài PT-TH tỉnh trên cổng/trang thông tin điện tử của đơn vị."
        ),
        "times": None,
    },
    {
        "audience": TaskAudience.CENTRE,
        "description": "Tuyên truyền trên hệ thống truyền thanh cơ sở và các phương tiện khác.",
        "times": 5,
    },
    {
        "audience": TaskAudience.CENTRE,
        "description": "Hướng dẫn đài truyền thanh cấp xã tuyên truyền rộng rãi đến người dân.",
        "times": None,
    },
    {
        "audience": TaskAudience.COMMUNE,
        "description": "Phát thông tin về Giải trên hệ thống loa truyền thanh của xã.",
        "times": 3,
    },
]
BROADCAST_TEXT = (
    "Giải báo chí về xây dựng Đảng (Búa liềm vàng) của Đảng bộ tỉnh Kon Tum lần thứ IV "
    "đang nhận tác phẩm. Mọi công dân Việt Nam trong và ngoài tỉnh đều có thể tham gia "
    "với các tin, bài về công tác xây dựng Đảng, xây dựng hệ thống chính trị."
)


def seed_campaigns(users) -> int:
    """Returns 1 when the campaign was created now, 0 when it was there already."""
    reviewer, director = users["reviewer"], users["director"]
    issuer = reviewer.organisation
    if Campaign.objects.filter(title=TITLE, issuer=issuer).exists():
        return 0
    today = timezone.localdate()
    campaign = create_campaign(
        issuer=issuer,
        by=reviewer,
        data={
            "title": TITLE,
            "description": (
                "Sở đề nghị các cơ quan, đơn vị, địa phương đẩy mạnh công tác thông tin "
                "tuyên truyền về Giải; tạo điều kiện cho phóng viên tác nghiệp các chuyên đề "
                "về xây dựng Đảng."
            ),
            "starts_on": today - timedelta(days=3),
            "ends_on": today + timedelta(days=27),
            "to_centres": True,
            "to_communes": True,
            "to_agencies": True,
        },
        documents=[{**d, "issued_on": date.fromisoformat(d["issued_on"])} for d in DOCUMENTS],
        tasks=TASKS,
    )
    add_material(
        campaign,
        by=reviewer,
        kind=MaterialKind.LINK,
        title="Banner tuyên truyền (Báo Kon Tum điện tử)",
        url="https://baokontum.com.vn/",
    )
    add_material(
        campaign, by=reviewer, kind=MaterialKind.TEXT, title="Lời phát thanh", text=BROADCAST_TEXT
    )
    send_campaign(campaign, by=reviewer)
    row = own_row(director, campaign)
    if row is not None:
        acknowledge(row, by=director)
        first = tasks_of(campaign, row.kind).first()
        report_task(
            row,
            first,
            by=director,
            data={
                "summary": "Đăng banner và trailer trên trang thông tin điện tử của xã.",
                "done_on": today - timedelta(days=1),
                "channel": ReportChannel.WEBSITE,
                "times": 1,
                "link": "",
            },
        )
    return 1
