"""Folding Vietnamese text for diacritics- and case-free search.

"Đắk Hà", "ĐẮK HÀ", "dak ha" all fold to "dak ha". NFD splits a letter from its marks
(ắ → a + breve + acute, ư → u + horn) so the marks can be dropped; đ/Đ have no
decomposition and are mapped explicitly.
"""

import unicodedata

_EXPLICIT = str.maketrans({"đ": "d", "Đ": "D"})


def fold(text: str | None) -> str:
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.translate(_EXPLICIT))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())
