import pytest

from contacts.text import fold


@pytest.mark.parametrize("spelling", ["dak ha", "Dak Ha", "ĐẮK HÀ", "Đắk Hà", "  Đắk   Hà "])
def test_every_spelling_of_dak_ha_folds_to_the_same_text(spelling):
    assert fold(spelling) == "dak ha"


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Ưng", "ung"),
        ("Phạm Thị Ơn", "pham thi on"),
        ("đường Đinh", "duong dinh"),
        ("Thắng", "thang"),
        ("Nguyễn Văn Thường", "nguyen van thuong"),
    ],
)
def test_fold_drops_horn_breve_and_tone_marks_and_maps_d_with_stroke(text, folded):
    assert fold(text) == folded


def test_fold_of_nothing_is_empty():
    assert fold(None) == ""
    assert fold("") == ""
