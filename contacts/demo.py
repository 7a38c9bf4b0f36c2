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

# The province as it is since 1 July 2025 (Kon Tum joined Quảng Ngãi; no district level):
# province → communes; the Department of Culture, Sports and Tourism reviews; regional
# media centres under it each serve several communes. The old shape (a district between
# province and commune) is kept in tests only.
PROVINCE = "Tỉnh Quảng Ngãi"
DEPARTMENT = ("Sở Văn hóa, Thể thao và Du lịch tỉnh Quảng Ngãi", "Sở VH-TT-DL Quảng Ngãi")
CENTRE_PREFIX = "Trung tâm Văn hóa, Thông tin và Truyền thông khu vực"
CENTRES = {
    "konray": (f"{CENTRE_PREFIX} Kon Rẫy", "TT VH-TT-TT khu vực Kon Rẫy"),
    "dakha": (f"{CENTRE_PREFIX} Đắk Hà", "TT VH-TT-TT khu vực Đắk Hà"),
}
# The communes each centre serves, and the offices (under a commune) that notify it.
COMMUNES = {
    "konray": [
        "Xã Kon Rẫy",
        "Xã Đăk Ruồng",
        "Xã Tân Lập",
        "Xã Đăk Tờ Re",
        "Xã Đăk Kôi",
        "Xã Đăk Pne",
    ],
    "dakha": ["Xã Đắk Hà", "Xã Đăk Mar", "Xã Hà Mòn", "Xã Ngọk Wang"],
}
DEPARTMENTS = {
    "konray": [
        ("Phòng Văn hóa – Xã hội xã Kon Rẫy", "Xã Kon Rẫy"),
        ("Văn phòng HĐND và UBND xã Kon Rẫy", "Xã Kon Rẫy"),
        ("Phòng Kinh tế xã Kon Rẫy", "Xã Kon Rẫy"),
        ("Hội Liên hiệp Phụ nữ xã Đăk Ruồng", "Xã Đăk Ruồng"),
    ],
    "dakha": [
        ("Phòng Văn hóa – Xã hội xã Đắk Hà", "Xã Đắk Hà"),
        ("Phòng Kinh tế xã Đắk Hà", "Xã Đắk Hà"),
    ],
}
# The office that sends the centre the leaders' weekly work calendar (Lịch công tác tuần).
CALENDAR_ISSUERS = {"Văn phòng HĐND và UBND xã Kon Rẫy"}
USERS = [
    # username, full name, role, organisation name
    ("agency", "Nguyễn Thị Hoa", Role.AGENCY_STAFF, "Phòng Văn hóa – Xã hội xã Kon Rẫy"),
    ("agency2", "Trần Văn Bình", Role.AGENCY_STAFF, "Xã Tân Lập"),
    ("vanphong", "Đỗ Thị Thu", Role.AGENCY_STAFF, "Văn phòng HĐND và UBND xã Kon Rẫy"),
    ("reporter", "Lê Minh Tuấn", Role.REPORTER, CENTRES["konray"][0]),
    ("reporter2", "Phạm Thu Trang", Role.REPORTER, CENTRES["konray"][0]),
    ("reporter3", "A Blưk", Role.REPORTER, CENTRES["konray"][0]),
    ("director", "Hoàng Văn Nam", Role.EDITOR, CENTRES["konray"][0]),
    ("director2", "Y Thị Hương", Role.EDITOR, CENTRES["dakha"][0]),
    ("reporter_dakha", "Đinh Văn Lực", Role.REPORTER, CENTRES["dakha"][0]),
    ("agency_dakha", "Võ Thị Lan", Role.AGENCY_STAFF, "Phòng Văn hóa – Xã hội xã Đắk Hà"),
    ("reviewer", "Đặng Quốc Huy", Role.REVIEWER, DEPARTMENT[0]),
]


def seed_organisations() -> dict[str, Organisation]:
    province_level, _ = OrgLevel.objects.get_or_create(name="Tỉnh", defaults={"rank": 1})
    unit_level, _ = OrgLevel.objects.get_or_create(name="Cơ quan, đơn vị", defaults={"rank": 2})
    commune_level, _ = OrgLevel.objects.get_or_create(
        name="Xã, phường", defaults={"rank": 2, "is_locality": True}
    )
    province = _org(PROVINCE, province_level, None)
    department = _org(DEPARTMENT[0], unit_level, province, short_name=DEPARTMENT[1])
    centres = {}
    for key, (centre_name, short) in CENTRES.items():
        centre = _org(centre_name, unit_level, department, is_newsroom=True, short_name=short)
        centres[key] = centre
        communes = {
            name: _org(name, commune_level, province, centre=centre) for name in COMMUNES[key]
        }
        for name, commune in DEPARTMENTS[key]:
            org = _org(name, unit_level, communes[commune], centre=centre)
            if name in CALENDAR_ISSUERS and not org.issues_leaders_calendar:
                org.issues_leaders_calendar = True  # sends the leaders' weekly calendar
                org.save(update_fields=["issues_leaders_calendar"])
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
        elif user.organisation_id is None:
            # An account seeded before it had one (a reviewer sees nothing without it).
            user.organisation = Organisation.objects.get(name=org_name)
            user.save(update_fields=["organisation"])
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
    # Since 2025 each province's newspaper and radio-TV station are one agency.
    (
        "Báo và Phát thanh, Truyền hình Quảng Ngãi",
        "Báo và PT-TH Quảng Ngãi",
        "provincial",
        "newspaper",
        "https://baoquangngai.vn",
    ),
    ("Tạp chí Văn hóa Quảng Ngãi", "", "provincial", "magazine", ""),
]
PRESS_CONTACTS = [
    # agency short name or name, role, full name, title, area, office address
    (
        "Nhân Dân",
        "office",
        "Văn phòng đại diện Báo Nhân Dân tại Tây Nguyên",
        "",
        "Tây Nguyên",
        "Số 1 đường Lê Lợi, phường Kon Tum",
    ),
    ("Nhân Dân", "reporter", "Nguyễn Văn Thường", "Phóng viên thường trú", "Tỉnh Quảng Ngãi", ""),
    ("TTXVN", "reporter", "Trần Thị Ngọc Ánh", "Phóng viên thường trú", "Tỉnh Quảng Ngãi", ""),
    ("VTV", "reporter", "Lê Đức Thắng", "Phóng viên", "Tây Nguyên", ""),
    ("Tin tức", "reporter", "Phạm Thị Thu Hương", "Phóng viên", "Khu vực Đắk Hà", ""),
    ("VOV", "reporter", "Hồ Văn Lượng", "Phóng viên thường trú", "Khu vực Kon Rẫy", ""),
    ("CAND", "reporter", "Đỗ Minh Ước", "Phóng viên", "Tỉnh Quảng Ngãi", ""),
    ("Nông nghiệp", "reporter", "Vũ Thị Ơn", "Cộng tác viên", "Khu vực Đắk Hà", ""),
    ("Báo và PT-TH Quảng Ngãi", "reporter", "A Thư", "Phóng viên", "Khu vực Kon Rẫy", ""),
    ("Báo và PT-TH Quảng Ngãi", "reporter", "Y Đắk", "Phóng viên", "Khu vực Đắk Hà", ""),
    (
        "Báo và PT-TH Quảng Ngãi",
        "reporter",
        "Nguyễn Thị Bắc",
        "Biên tập viên",
        "Khu vực Đắk Hà",
        "",
    ),
    (
        "Tạp chí Văn hóa Quảng Ngãi",
        "reporter",
        "Đinh Công Ưng",
        "Phóng viên",
        "Tỉnh Quảng Ngãi",
        "",
    ),
]
ORGANISATION_CONTACTS = [
    # organisation name, role, full name, title
    ("Phòng Văn hóa – Xã hội xã Kon Rẫy", "comms_officer", "Nguyễn Thị Hoa", "Chuyên viên"),
    ("Xã Kon Rẫy", "spokesperson", "Hoàng Văn Đức", "Chánh Văn phòng HĐND và UBND xã"),
    ("Xã Đắk Hà", "spokesperson", "Trịnh Thị Ưng", "Phó Chủ tịch UBND xã"),
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
