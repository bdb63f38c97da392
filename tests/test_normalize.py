import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder.normalize import (
    _DELETE,
    _FOLD,
    _REPLACE_FROM,
    display_safe,
    normalize,
    normalize_with_map,
    strip_al,
)


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


_ALPHABET = sorted(_DELETE | set(_FOLD) | set("ابتهي 1,.abc\ufefb\ufe8d"))


@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=3 * _REPLACE_FROM))
def test_normalize_long_and_short_texts_fold_alike(text: str) -> None:
    # long texts take the replace path, short ones str.translate: both fold per character
    assert normalize(text) == "".join(normalize(c) for c in text)
    assert normalize(text) == normalize_with_map(text)[0]


def test_presentation_forms_fold_alike_alone_and_in_long_text() -> None:
    forms = [chr(c) for c in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF)]]
    long_text = "".join(forms)
    assert len(long_text) >= _REPLACE_FROM
    assert "".join(normalize(c) for c in forms) == normalize(long_text)
    assert normalize("\ufefb\ufe8d") == "لاا"
