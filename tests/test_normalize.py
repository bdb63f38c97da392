import pytest

from builder.normalize import display_safe, normalize, normalize_with_map, strip_al


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("أعلنت", "اعلنت"),
        ("إيران", "ايران"),
        ("آشتون", "اشتون"),
        ("الروسى", "الروسي"),
        ("المدينة", "المدينه"),
        ("مُحَمَّد", "محمد"),
        ("بـــوتين", "بوتين"),
        ("٢٠١٥", "2015"),
        ("۲۰۱۵", "2015"),
        ("ﻻ", "لا"),  # presentation form
        ("بو\u200fتين\u202e", "بوتين"),  # bidi controls
    ],
)
def test_normalize_folds_variants(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


def test_normalize_with_map_points_back_to_original() -> None:
    text = "قالَ بُوتين"
    norm, offsets = normalize_with_map(text)
    start = norm.index("بوتين")
    end = start + len("بوتين")
    assert text[offsets[start] : offsets[end]] == "بُوتين"


def test_strip_al_keeps_short_words() -> None:
    assert strip_al("الرقه") == "رقه"
    assert strip_al("الا") == "الا"


def test_display_safe_removes_overrides_only() -> None:
    assert display_safe("abc\u202edef") == "abcdef"
    assert display_safe("أهلاً") == "أهلاً"
