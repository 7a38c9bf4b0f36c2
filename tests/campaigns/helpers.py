"""A campaign of the province, made through the services, for the campaign tests."""

from datetime import date, datetime
from io import BytesIO
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from campaigns.enums import TaskAudience
from campaigns.services.campaigns import create_campaign, send_campaign
from tests.factories import AgencyStaffFactory

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=HCM)  # a Monday
START, END = date(2026, 11, 23), date(2026, 12, 6)

TASKS = [
    {"audience": TaskAudience.ALL, "description": "Chia sẻ banner trên trang thông tin điện tử"},
    {
        "audience": TaskAudience.CENTRE,
        "description": "Phát trên hệ thống truyền thanh",
        "times": 3,
    },
    {"audience": TaskAudience.COMMUNE, "description": "Phát trên loa truyền thanh xã"},
]
DOCUMENTS = [
    {
        "number": "130/KH-TU",
        "issued_on": date(2024, 3, 12),
        "issuer": "Ban Thường vụ Tỉnh ủy",
        "summary": "Giải báo chí Búa liềm vàng",
    }
]


def communes(world):
    """Staff accounts for the two communes (one per centre)."""
    world.commune_user = AgencyStaffFactory(username="commune", organisation=world.locality)
    world.commune2_user = AgencyStaffFactory(username="commune2", organisation=world.locality2)
    return world


def draft(world, *, tasks=TASKS, **audience):
    data = {
        "title": "Giải báo chí về xây dựng Đảng (Búa liềm vàng)",
        "description": "Tuyên truyền, hưởng ứng Giải.",
        "starts_on": START,
        "ends_on": END,
        **audience,
    }
    return create_campaign(
        issuer=world.reviewer.organisation,
        by=world.reviewer,
        data=data,
        documents=DOCUMENTS,
        tasks=tasks,
    )


def sent(world, **audience):
    """Sent to the two centres, every commune and the named agency unless told otherwise."""
    audience = audience or {"to_centres": True, "to_communes": True, "to_named": [world.agency]}
    campaign = draft(world, **audience)
    send_campaign(campaign, by=world.reviewer)
    return campaign


def png_upload(name="anh.png") -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def own_client(user):
    """A test client of its own signed in as `user` (client_for re-signs one client)."""
    from django.test import Client

    from portal.twofactor import two_factor_required
    from tests.world import pass_second_factor

    client = Client()
    client.force_login(user)
    if two_factor_required(user):
        pass_second_factor(client, user)
    return client
