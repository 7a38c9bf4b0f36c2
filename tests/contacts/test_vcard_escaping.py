"""The vCard export (RFC 6350 text values): a line break of any kind inside a field, or a
vCard special, cannot end the property or start a new one."""

import pytest
from django.urls import reverse

from tests.contacts.factories import PressAgencyFactory, PressContactFactory


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Phóng viên\rEMAIL:evil@example.com", "TITLE:Phóng viên\\nEMAIL:evil@example.com"),
        ("Phóng viên\nEND:VCARD", "TITLE:Phóng viên\\nEND:VCARD"),
        ("Phóng viên\r\nBEGIN:VCARD", "TITLE:Phóng viên\\nBEGIN:VCARD"),
        ("Trưởng ban; phó ban, thư ký", "TITLE:Trưởng ban\\; phó ban\\, thư ký"),
        ("C:\\tin\\bai", "TITLE:C:\\\\tin\\\\bai"),
        # (no NUL: PostgreSQL cannot store it, and the middleware refuses it in requests)
        ("Phóng\x01 viên\x0b\x1b", "TITLE:Phóng viên"),
    ],
    ids=["bare-cr", "bare-lf", "crlf", "specials", "backslash", "controls"],
)
def test_vcard_fields_escape_line_breaks_and_specials(client, db, title, expected):
    PressContactFactory(
        press_agency=PressAgencyFactory(name="Báo Kon Tum"),
        full_name="Đinh Công Ưng",
        title=title,
        email="ung@example.vn",
    )
    response = client.get(reverse("contacts:public_export", args=["vcf"]))
    lines = response.content.decode().split("\r\n")
    assert expected in lines
    names = [line.split(":", 1)[0] for line in lines if line and not line.startswith(" ")]
    assert names.count("BEGIN") == names.count("END") == 1
    assert names.count("EMAIL;TYPE=INTERNET") == 1
    assert "\r" not in response.content.decode().replace("\r\n", "")
    assert "\n" not in response.content.decode().replace("\r\n", "")
