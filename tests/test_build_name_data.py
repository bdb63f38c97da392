"""Deriving the name data files from open data (tools/build_name_data.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.extract import lexicon
from tools import build_name_data as b

SOURCE = b.SOURCE


@pytest.mark.parametrize(
    ("arabic", "latin", "good"),
    [("فوكس", "fox", True), ("ابوت", "abbott", True), ("خضيره", "khedira", True),
     ("جون", "john", True), ("فوكس", "muirhead", False), ("محمد", "yasmina", False),
     ("ضليع رشيد", "buraydah", False)],
)
def test_letters_of_a_spelling_must_spell_the_arabic(arabic: str, latin: str,
                                                     good: bool) -> None:
    assert (b.similarity(arabic, latin) >= b.MIN_SIMILARITY) is good


@pytest.mark.parametrize(
    ("token", "clean"),
    [("mohamed.", "mohamed"), ("Andrés", "andrés"), ("o'brien", "o'brien"),
     ("ʿarūba", None), ("ḥasan", None), ("i̇dris", None), ("x", None), ("r2d2", None)],
)
def test_latin_tokens_are_cleaned(token: str, clean: str | None) -> None:
    assert b.clean_latin(token) == clean


def test_name_words_keep_usual_spellings_by_count() -> None:
    rows = [
        ("tony", "ت و ن ي", 262), ("toni", "ت و ن ي", 40), ("tunney", "ت و ن ي", 2),
        ("andrés", "أ ن د ر ي س", 46), ("andres", "ا ن د ر ي س", 4),
        ("austria", "ا ل ن م س ا", 87),  # the article: regnal numbers, countries, titles
        ("muirhead", "ف و ك س", 50), ("fox", "ف و ك س", 85),  # letters that disagree
        ("menassa", "م ن س ي", 9),  # a final ي is not read "a"
    ]
    words = b.name_words(rows)
    assert words == {"توني": [("tony", 262), ("toni", 40)],
                     "اندريس": [("andrés", 50)],
                     "فوكس": [("fox", 85)]}


def test_output_is_sorted_and_has_a_header() -> None:
    text = b.render_words({"فوكس": [("fox", 85)], "ابوت": [("abbott", 54)]})
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    assert lines == ["ابوت\tabbott\t54", "فوكس\tfox\t85"]
    assert "CC0" in text


@pytest.mark.parametrize(
    ("arabic", "english", "name"),
    [("منطقة الرياض", "Riyadh", "الرياض"),  # a region row names its city
     ("ولاية قندهار", "Kandahar", "قندهار"),
     ("مدينة حمد", "Madinat Hamad", "مدينة حمد"),  # the head word is part of the name
     ("عُنَيْزَة", "`Unayzah", "عنيزة"),
     ("ضليع رشيد", "Buraydah", None),  # another place's name
     ("الكلية التقنية بحفر الباطن", "Hafr al Batin", None),  # a college
     ("نادي كايزرسلاوترن", "Kaiserslautern", None),  # a club
     ("ويتشيتا", "Wichita", "ويتشيتا"),  # تش for ch
     ("تشيناي", "Chennai", "تشيناي"),
     ("إبسوتش", "Ipswich", "إبسوتش")],  # تش read as two letters still counts
)
def test_city_rows_are_curated(arabic: str, english: str, name: str | None) -> None:
    assert b.city_name(arabic, english) == name


@pytest.mark.parametrize(
    ("english", "arabic", "clean"),
    [("Ad Dammam", "الدمام", "Al-Dammam"), ("Yanbu`", "ينبع", "Yanbu"),
     ("Hafr al Batin", "حفر الباطن", "Hafr al-Batin"), ("Ha'il", "حائل", "Ha'il"),
     ("Ajman", "عجمان", "Ajman"), ("Al Ain", "العين", "Al-Ain")],
)
def test_city_english_follows_the_archive(english: str, arabic: str, clean: str) -> None:
    assert b.clean_city_en(english, arabic) == clean


def test_words_of_the_language_are_found_with_clitics_and_endings() -> None:
    if not b.NEWSFANE.is_file():
        pytest.skip("../shared/data/ner/newsfane is not beside the repository")
    dictionary = b.dictionary_words()
    assert b.is_word("بيرا", dictionary)  # كبيرا = ك + بيرا
    assert b.is_word("الشجره", dictionary)
    assert b.is_word("ميدان", dictionary)
    assert not b.is_word("دورتموند", dictionary)
    assert not b.is_word("عجمان", dictionary)


def test_a_city_spelled_like_a_word_with_the_article_on_or_off_is_a_word() -> None:
    assert b.other_forms("الحارة") == ["حارة"]
    assert b.other_forms("ويتي") == ["الويتي", "كويتي"]
    assert b.used_as_word("الحارة")  # حارة "quarter"
    assert b.used_as_word("خمر")  # الخمر "wine"
    assert b.used_as_word("ويتي")  # كويتي "Kuwaiti"
    for city in ("دورتموند", "عجمان", "الفجيرة", "الديوانية", "سياتل"):
        assert not b.used_as_word(city), city


def test_places_newsfane_names_by_one_word() -> None:
    if not b.NEWSFANE.is_file():
        pytest.skip("../shared/data/ner/newsfane is not beside the repository")
    places = b.newsfane_places()
    assert {"لبنان", "بغداد"} <= places
    assert "الحاره" not in places and "قال" not in places


def _source() -> Path:
    if not (SOURCE / b.TOKENS).is_file() or not b.NEWSFANE.is_file():
        pytest.skip("../shared/data/open-names or ner/newsfane is not beside the repository")
    return SOURCE


def test_build_is_reproducible_and_matches_the_repository(tmp_path: Path) -> None:
    source = _source()
    first, second = tmp_path / "a", tmp_path / "b"
    b.build(source, first)
    b.build(source, second)
    for name in (b.WORDS_FILE, b.CITIES_FILE):
        made = (first / name).read_bytes()
        assert made == (second / name).read_bytes(), name
        assert made == (lexicon.DATA / name).read_bytes(), f"{name}: run make names-data"


def test_generated_cities_are_curated() -> None:
    cities = {n.variants[0]: n for n in lexicon.world_cities()}
    assert len(cities) > 3000
    handmade = {v for n in lexicon.handmade_gazetteer() for v in n.variants}
    assert not handmade & set(cities)
    assert "بيرا" not in cities and "الشجره" not in cities  # words of the language
    for word in ("الحاره", "الدرب", "البسيط", "تايم", "خمر", "ويتي"):
        assert word not in cities, word  # الحارة "the quarter", خمر "wine", ك + ويتي
    assert {"الفجيره", "الديوانيه", "عجمان", "الكوفه"} <= set(cities)
    assert cities["ميدان"].guarded  # Medan: a city of millions, and a word
    assert cities["اريانا"].guarded  # a given name (Arianna)


@pytest.mark.parametrize(("key", "nisba"), [
    ("البنجابيه", True),  # "Punjabi": the adjective of البنجاب
    ("الشاميه", True),  # of الشام
    ("الديوانيه", False),  # no place الديوان
    ("بنجاب", False),  # no article, no nisba
])
def test_the_nisba_of_a_place_is_no_city(key: str, nisba: bool) -> None:
    assert b._place_nisba(key, {"البنجاب", "شام", "بغداد"}) is nisba
