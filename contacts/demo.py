"""Demo province for `manage.py seed_demo`: an organisation tree and one user per role.

Names are real-looking places of the seeds' province; no personal contact is real.
"""

import base64

from django.contrib.auth import get_user_model

from contacts.enums import ContactRole, LegalBasis
from contacts.models import Organisation, OrgLevel
from portal.enums import Role
from portal.twofactor import enrol, has_two_factor, two_factor_required

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
    for user in users.values():
        enrol_demo_two_factor(user)
    return users


# The demo's users whose role requires 2FA share this authenticator secret (README):
# add it to any TOTP app, or `oathtool --totp -b DUATINDEMO2FA234`. Demo only (DEBUG).
DEMO_TOTP_SECRET = "DUATINDEMO2FA234"  # noqa: S105 - demo accounts exist only with DEBUG


def enrol_demo_two_factor(user) -> None:
    if two_factor_required(user) and not has_two_factor(user):
        enrol(user, base64.b32decode(DEMO_TOTP_SECRET).hex())


# Press agencies with offices or resident reporters in the province (seed 001). The
# people are invented; phones are 0900 000 xxx and e-mails @example.vn — never real.
PRESS_AGENCIES = [
    # name, short name, level, kind, website
    ("Báo Nhân Dân", "Nhân Dân", "central", "newspaper", "https://nhandan.vn"),
    ("Thông tấn xã Việt Nam", "TTXVN", "central", "newspaper", "https://vnanet.vn"),
    ("Đài Truyền hình Việt Nam", "VTV", "central", "radio_tv", "https://vtv.vn"),
    ("Báo Tin tức", "Tin tức", "central", "newspaper", "https://baotintuc.vn"),
    ("Đài Tiếng nói Việt Nam", "VOV", "central", "radio_tv", "https://vov.vn"),
    ("Báo Công an nhân dân", "CAND", "sector", "newspaper", "https://cand.com.vn"),
    ("Báo Nông nghiệp Việt Nam", "Nông nghiệp", "sector", "newspaper", ""),
    ("Báo Kon Tum", "Báo Kon Tum", "provincial", "newspaper", "https://baokontum.com.vn"),
    (
        "Đài Phát thanh – Truyền hình tỉnh Kon Tum",
        "Đài PT-TH Kon Tum",
        "provincial",
        "radio_tv",
        "",
    ),
    ("Tạp chí Văn hóa Kon Tum", "", "provincial", "magazine", ""),
]
PRESS_CONTACTS = [
    # agency short name or name, role, full name, title, area, office address
    (
        "Nhân Dân",
        "office",
        "Văn phòng đại diện Báo Nhân Dân tại Tây Nguyên",
        "",
        "Tây Nguyên",
        "Số 1 đường Lê Lợi, TP. Kon Tum",
    ),
    ("Nhân Dân", "reporter", "Nguyễn Văn Thường", "Phóng viên thường trú", "Tỉnh Kon Tum", ""),
    ("TTXVN", "reporter", "Trần Thị Ngọc Ánh", "Phóng viên thường trú", "Tỉnh Kon Tum", ""),
    ("VTV", "reporter", "Lê Đức Thắng", "Phóng viên", "Tây Nguyên", ""),
    ("Tin tức", "reporter", "Phạm Thị Thu Hương", "Phóng viên", "Huyện Đắk Hà", ""),
    ("VOV", "reporter", "Hồ Văn Lượng", "Phóng viên thường trú", "Huyện Kon Rẫy", ""),
    ("CAND", "reporter", "Đỗ Minh Ước", "Phóng viên", "Tỉnh Kon Tum", ""),
    ("Nông nghiệp", "reporter", "Vũ Thị Ơn", "Cộng tác viên", "Huyện Đắk Hà", ""),
    ("Báo Kon Tum", "reporter", "A Thư", "Phóng viên", "Huyện Kon Rẫy", ""),
    ("Báo Kon Tum", "reporter", "Y Đắk", "Phóng viên", "Huyện Đắk Hà", ""),
    ("Đài PT-TH Kon Tum", "reporter", "Nguyễn Thị Bắc", "Biên tập viên", "Huyện Đắk Hà", ""),
    ("Tạp chí Văn hóa Kon Tum", "reporter", "Đinh Công Ưng", "Phóng viên", "Tỉnh Kon Tum", ""),
]
ORGANISATION_CONTACTS = [
    # organisation name, role, full name, title
    ("Phòng Văn hóa và Thông tin huyện Kon Rẫy", "comms_officer", "Nguyễn Thị Hoa", "Chuyên viên"),
    ("Huyện Kon Rẫy", "spokesperson", "Hoàng Văn Đức", "Chánh Văn phòng HĐND – UBND huyện"),
    ("Huyện Đắk Hà", "spokesperson", "Trịnh Thị Ưng", "Phó Chủ tịch UBND huyện"),
]


def seed_press_contacts() -> int:
    """Idempotent: agencies by name, entries by (name, owner). Returns new entries."""
    from django.utils import timezone

    from contacts.models import PressAgency, PressContact

    agencies = {}
    for name, short, level, kind, website in PRESS_AGENCIES:
        agency, _ = PressAgency.objects.get_or_create(
            name=name,
            defaults={"short_name": short, "level": level, "kind": kind, "website": website},
        )
        agencies[short or name] = agencies[name] = agency
    today = timezone.localdate()
    created = 0
    entries = [
        {
            "press_agency": agencies[owner],
            "role": role,
            "full_name": full_name,
            "title": title,
            "area": area,
            "office_address": address,
        }
        for owner, role, full_name, title, area, address in PRESS_CONTACTS
    ] + [
        {
            "organisation": Organisation.objects.get(name=org),
            "role": role,
            "full_name": full_name,
            "title": title,
        }
        for org, role, full_name, title in ORGANISATION_CONTACTS
    ]
    for number, entry in enumerate(entries, start=1):
        owner = {k: entry.pop(k) for k in ("press_agency", "organisation") if k in entry}
        # Every fifth entry was last verified long ago, so the reviewer sees stale ones.
        verified = today - timezone.timedelta(days=200 if number % 5 == 0 else number * 3)
        # Spokespersons' work contacts are public by official duty; of the others some
        # consented to their phone, fewer to their e-mail, the rest are private.
        duty = entry.get("role") == ContactRole.SPOKESPERSON
        bases = {
            "phone_basis": LegalBasis.OFFICIAL_DUTY
            if duty
            else (LegalBasis.CONSENT if number % 2 == 0 else LegalBasis.NONE),
            "email_basis": LegalBasis.OFFICIAL_DUTY
            if duty
            else (LegalBasis.CONSENT if number % 4 == 0 else LegalBasis.NONE),
        }
        _, was_created = PressContact.objects.get_or_create(
            full_name=entry.pop("full_name"),
            **owner,
            defaults={
                **entry,
                "verified_on": verified,
                "phone": f"0900 000 {number:03d}",
                "email": f"lienhe{number}@example.vn",
                "internal_phone": f"0900 001 {number:03d}" if number % 2 else "",
                "internal_email": f"noibo{number}@example.vn" if number % 3 == 0 else "",
                **bases,
            },
        )
        created += was_created
    return created
