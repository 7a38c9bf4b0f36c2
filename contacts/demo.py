"""Demo province for `manage.py seed_demo`: an organisation tree and one user per role.

Names are real-looking places of the seeds' province; no personal contact is real.
"""

from django.contrib.auth import get_user_model

from contacts.models import Organisation, OrgLevel
from portal.enums import Role

DEMO_PASSWORD = "demo"  # noqa: S105 - demo accounts exist only when DEBUG is on

CENTRE_PREFIX = "Trung tâm Văn hóa – Thể thao – Du lịch và Truyền thông"
CENTRES = {
    "konray": ("Huyện Kon Rẫy", f"{CENTRE_PREFIX} huyện Kon Rẫy", "TT VH-TT-DL&TT Kon Rẫy"),
    "dakha": ("Huyện Đắk Hà", f"{CENTRE_PREFIX} huyện Đắk Hà", "TT VH-TT-DL&TT Đắk Hà"),
}
DEPARTMENTS = {
    "konray": [
        "Phòng Văn hóa và Thông tin huyện Kon Rẫy",
        "Phòng Giáo dục và Đào tạo huyện Kon Rẫy",
        "Phòng Nông nghiệp và Phát triển nông thôn huyện Kon Rẫy",
        "Văn phòng HĐND – UBND huyện Kon Rẫy",
        "Hội Liên hiệp Phụ nữ huyện Kon Rẫy",
    ],
    "dakha": [
        "Phòng Văn hóa và Thông tin huyện Đắk Hà",
        "Phòng Tài nguyên và Môi trường huyện Đắk Hà",
    ],
}
COMMUNES = {
    "konray": [
        "Xã Đăk Ruồng",
        "Xã Tân Lập",
        "Xã Đăk Tờ Re",
        "Xã Đăk Kôi",
        "Xã Đăk Pne",
        "Thị trấn Đăk Rve",
    ],
    "dakha": ["Xã Đăk Mar", "Xã Hà Mòn", "Xã Ngọk Wang", "Thị trấn Đắk Hà"],
}
USERS = [
    # username, full name, role, organisation name, staff?
    ("agency", "Nguyễn Thị Hoa", Role.AGENCY_STAFF, "Phòng Văn hóa và Thông tin huyện Kon Rẫy"),
    ("agency2", "Trần Văn Bình", Role.AGENCY_STAFF, "Xã Tân Lập"),
    ("reporter", "Lê Minh Tuấn", Role.REPORTER, CENTRES["konray"][1]),
    ("reporter2", "Phạm Thu Trang", Role.REPORTER, CENTRES["konray"][1]),
    ("reporter3", "A Blưk", Role.REPORTER, CENTRES["konray"][1]),
    ("director", "Hoàng Văn Nam", Role.EDITOR, CENTRES["konray"][1]),
    ("director2", "Y Thị Hương", Role.EDITOR, CENTRES["dakha"][1]),
    ("reporter_dakha", "Đinh Văn Lực", Role.REPORTER, CENTRES["dakha"][1]),
    ("agency_dakha", "Võ Thị Lan", Role.AGENCY_STAFF, "Phòng Văn hóa và Thông tin huyện Đắk Hà"),
    ("reviewer", "Đặng Quốc Huy", Role.REVIEWER, "Sở Thông tin và Truyền thông tỉnh Kon Tum"),
]


def seed_organisations() -> dict[str, Organisation]:
    province_level, _ = OrgLevel.objects.get_or_create(name="Tỉnh", defaults={"rank": 1})
    district_level, _ = OrgLevel.objects.get_or_create(name="Huyện", defaults={"rank": 2})
    unit_level, _ = OrgLevel.objects.get_or_create(name="Cơ quan, đơn vị", defaults={"rank": 3})
    commune_level, _ = OrgLevel.objects.get_or_create(
        name="Xã, thị trấn", defaults={"rank": 3, "is_locality": True}
    )
    province = _org("Tỉnh Kon Tum", province_level, None)
    _org(
        "Sở Thông tin và Truyền thông tỉnh Kon Tum",
        unit_level,
        province,
        short_name="Sở TT&TT Kon Tum",
    )
    centres = {}
    for key, (district_name, centre_name, short) in CENTRES.items():
        district = _org(district_name, district_level, province)
        centre = _org(centre_name, unit_level, district, is_newsroom=True, short_name=short)
        centres[key] = centre
        for name in DEPARTMENTS[key]:
            _org(name, unit_level, district, centre=centre)
        for name in COMMUNES[key]:
            _org(name, commune_level, district, centre=centre)
    return centres


def _org(name, level, parent, *, centre=None, is_newsroom=False, short_name=""):
    org, _ = Organisation.objects.update_or_create(
        name=name,
        defaults={
            "level": level,
            "parent": parent,
            "centre": centre,
            "is_newsroom": is_newsroom,
            "short_name": short_name,
        },
    )
    return org


def seed_users() -> dict:
    User = get_user_model()
    users = {}
    for username, full_name, role, org_name in USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "full_name": full_name,
                "role": role,
                "organisation": Organisation.objects.get(name=org_name),
                "email": f"{username}@demo.duatin.local",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        users[username] = user
    admin, created = User.objects.get_or_create(
        username="admin",
        defaults={
            "full_name": "Quản trị hệ thống",
            "is_staff": True,
            "is_superuser": True,
            "email": "admin@demo.duatin.local",
        },
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    users["admin"] = admin
    return users
