"""The reader of invitations, field by field (the corpus measures it as a whole)."""

from datetime import UTC, datetime

import pytest

from intake.understanding import propose

RECEIVED = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
LETTER = """UBND HUYỆN KON RẪY
PHÒNG VĂN HÓA VÀ THÔNG TIN
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Kon Rẫy, ngày 28 tháng 11 năm 2026
Kính mời: Phóng viên Trung tâm
Tới dự: Hội nghị tổng kết công tác văn hóa.
Thời gian: 14 giờ 30, thứ Ba (15/12).
Mọi chi tiết xin liên hệ đồng chí Nguyễn Văn Mẫu, ĐT: 0912 000 111."""


def test_letterhead_contact_and_title_after_kinh_moi():
    fields = propose("Giấy mời", LETTER, RECEIVED)
    assert fields["organisation"] == {
        "value": "PHÒNG VĂN HÓA VÀ THÔNG TIN",
        "source": "UBND HUYỆN KON RẪY / PHÒNG VĂN HÓA VÀ THÔNG TIN",
        "confidence": 0.7,
    }
    assert (fields["contact_name"]["value"], fields["contact_phone"]["value"]) == (
        "Nguyễn Văn Mẫu",
        "0912000111",
    )
    assert fields["title"]["value"] == "Hội nghị tổng kết công tác văn hóa"
    # The letter's own date (28/11) is not the event's.
    assert fields["starts_at"]["value"] == "2026-12-15T14:30:00+07:00"
    assert fields["kind"]["value"] == "planned"


def test_a_weekday_that_disagrees_with_the_date_lowers_the_confidence():
    right = propose("V/v Họp", "Thời gian: 14 giờ 30, thứ Ba (15/12)", RECEIVED)
    wrong = propose("V/v Họp", "Thời gian: 14 giờ 30, thứ Tư (15/12)", RECEIVED)
    assert right["starts_at"]["confidence"] == 0.92
    assert wrong["starts_at"]["confidence"] == pytest.approx(0.62)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Thời gian: 8h00 ngày 15/12/2026. Khẩn.", "urgent"),
        ("Thoi gian: 8h00 ngay 15/12/2026, hop dot xuat", "urgent"),
        ("Thời gian: 8h00 ngày 15/12/2026, mời khán giả tới xem", "planned"),
    ],
)
def test_urgent_only_when_it_says_so(text, kind):
    assert propose("Giấy mời", text, RECEIVED)["kind"]["value"] == kind


def test_a_year_less_date_just_past_the_new_year_is_next_year():
    fields = propose("V/v Họp", "Thời gian: 8h00 ngày 05/01", RECEIVED)
    assert fields["starts_at"]["value"] == "2027-01-05T08:00:00+07:00"


def test_words_that_look_like_clocks_are_not_clocks():
    fields = propose("V/v Trao quà", "Trao 2 giấy khen cho 12 hộ dân ngày 15/12/2026", RECEIVED)
    assert (fields["starts_at"]["value"], fields["starts_at"]["confidence"]) == (
        "2026-12-15T08:00:00+07:00",
        0.4,  # a date alone: the time is a guess
    )
