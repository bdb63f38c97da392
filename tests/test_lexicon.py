"""Loading and validating the entity data files (builder/extract/lexicon.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from builder.extract import lexicon
from builder.normalize import normalize

_CACHED = (lexicon.load, lexicon.countries, lexicon.gazetteer, lexicon.nisbas,
           lexicon.titles, lexicon.heads, lexicon.words, lexicon._cldr,
           lexicon.handmade_gazetteer, lexicon.world_cities, lexicon.name_words)


def _clear() -> None:
    for fn in _CACHED:
        fn.cache_clear()


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the real data folder that a test may spoil."""
    for f in [*lexicon.DATA.glob("*.yml"), *lexicon.DATA.glob("*.tsv")]:
        (tmp_path / f.name).write_text(f.read_text("utf-8"), "utf-8")
    monkeypatch.setattr(lexicon, "DATA", tmp_path)
    _clear()
    yield tmp_path
    _clear()


def test_every_cldr_country_is_a_place_in_arabic_and_english() -> None:
    countries = {c.code: c for c in lexicon.countries()}
    assert len(countries) > 240
    assert countries["SY"].ar == "سوريا" and countries["SY"].en == "Syria"
    assert countries["TR"].en == "Turkey"  # editor's override of CLDR's Türkiye
    places = {n.en: n for n in lexicon.gazetteer() if n.type == "place"}
    assert {"Kazakhstan", "Iceland", "Mongolia", "Syria"} <= set(places)
    assert normalize("سورية") in places["Syria"].variants


def test_gazetteer_is_general_purpose() -> None:
    by_type: dict[str, int] = {}
    for n in lexicon.gazetteer():
        by_type[n.type] = by_type.get(n.type, 0) + 1
        assert n.ar and n.en and n.variants[0] == " ".join(normalize(n.ar).split())
    assert by_type["person"] >= 250
    assert by_type["organization"] >= 200
    assert by_type["place"] >= 500


@pytest.mark.parametrize(
    ("adjective", "code"),
    [("الروسية", "RU"), ("الروسي", "RU"), ("الأميركية", "US"), ("الامريكي", "US"),
     ("السعوديين", "SA"), ("التركي", "TR"), ("سوري", "SY"), ("البريطانية", "GB")],
)
def test_nisbas_name_their_country(adjective: str, code: str) -> None:
    assert lexicon.nisbas()[normalize(adjective)].code == code


def test_heads_and_titles_are_normalised() -> None:
    h = lexicon.heads()
    assert normalize("وزارة") in h.orgs and h.orgs[normalize("وزارة")].needs_country
    assert normalize("بلدة") in h.places
    assert normalize("الرئيس") in lexicon.titles().titles
    assert normalize("قال") in lexicon.titles().speech_verbs


def _edit(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` of the data file ``path`` (which must hold it) by ``new``."""
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("people", "  - {ar: جون كيري, en: John Kerry, also: [كيري]}",
         "  - {ar: جون كيري, en: John Kerry, also: [كيري], born: 1943}",
         "people.yml: entry .* unknown field"),
        ("people", "  - {ar: جون كيري, en: John Kerry, also: [كيري]}",
         "  - {ar: جون كيري, also: [كيري]}", r"people.yml: entry .*\(جون كيري\).en"),
        ("people", "  - {ar: جون كيري, en: John Kerry, also: [كيري]}",
         "  - {ar: جون كيري, en: John Kerry, also: [بوتين]}",
         "'بوتين' names both 'Vladimir Putin' and 'John Kerry'"),
        ("places", "  SY: {", "  SY: {adj: [سوري]}\n  SY: {", "places.yml: key 'SY' given twice"),
        ("places", "  SY: {", "  QQ: {en: Nowhere}\n  SY: {", "countries.QQ: not a CLDR"),
        ("common", "function: [", "function: [في, ", "common.yml: function: 'في' is listed twice"),
        ("heads", "  مدينة: \"{x}\"", "  مدينة: \"{x}\"\n  مدينة: \"{x} city\"",
         "heads.yml: key 'مدينة' given twice"),
    ],
)
def test_bad_data_is_rejected_with_file_and_entry(data_dir: Path, file: str, old: str,
                                                  new: str, message: str) -> None:
    _edit(data_dir / f"{file}.yml", old, new)
    load = {"common": lambda: lexicon.words("function"), "heads": lexicon.heads}
    with pytest.raises(lexicon.LexiconError, match=message):
        load.get(file, lexicon.gazetteer)()


def test_editor_can_add_a_person(data_dir: Path) -> None:
    path = data_dir / "people.yml"
    path.write_text(path.read_text("utf-8") + "  - {ar: نافيد جمالي, en: Naveed Jamali}\n",
                    "utf-8")
    assert any(n.en == "Naveed Jamali" for n in lexicon.gazetteer())


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("name_words", "ابوت\tabbott\t54\n", "ابوت\tabbott\tmany\n",
         r"name_words.tsv: line \d+ \(ابوت\): the count 'many' is not a number"),
        ("name_words", "ابوت\tabbott\t54\n", "أبوت\tabbott\t54\n",
         r"name_words.tsv: line \d+ \(أبوت\): the Arabic word is not in its normalised form"),
        ("name_words", "ابوت\tabbott\t54\n", "ابوت\tabbott\t54\nابوت\tabbot\t99\n",
         r"name_words.tsv: line \d+ \(ابوت\): spellings must be listed most used first"),
        ("name_words", "ابوت\tabbott\t54\n", "ابوت\tabbott\n",
         r"name_words.tsv: line \d+ \(ابوت\): expected 3 tab-separated fields"),
        ("world_cities", "عجمان\tAjman\tAE\t\n", "عجمان\tAjman\tQQ\t\n",
         r"world_cities.tsv: line \d+ \(عجمان\): 'QQ' is not a CLDR country code"),
        ("world_cities", "عجمان\tAjman\tAE\t\n", "عجمان\tAjman\tAE\tmaybe\n",
         r"world_cities.tsv: line \d+ \(عجمان\): the last field is 'guard' or empty"),
        ("world_cities", "عجمان\tAjman\tAE\t\n", "عجمان\tAjman\tAE\t\nعجمان\tAjman\tAE\t\n",
         r"world_cities.tsv: line \d+ \(عجمان\): given twice \(line \d+\)"),
    ],
)
def test_bad_generated_data_names_file_and_line(data_dir: Path, file: str, old: str,
                                                new: str, message: str) -> None:
    _edit(data_dir / f"{file}.tsv", old, new)
    with pytest.raises(lexicon.LexiconError, match=message):
        getattr(lexicon, file)()


def test_world_cities_are_places_unless_the_editors_name_them(data_dir: Path) -> None:
    places = {n.en: n for n in lexicon.gazetteer() if n.type == "place"}
    assert places["Ajman"].country == "AE" and places["Ajman"].variants == ("عجمان",)
    path = data_dir / "places.yml"
    path.write_text(path.read_text("utf-8") +
                    "  - {ar: عجمان, en: Ajman (emirate), country: AE}\n", "utf-8")
    _clear()
    ajman = [n.en for n in lexicon.gazetteer() if "عجمان" in n.variants]
    assert ajman == ["Ajman (emirate)"]  # the editor's entry wins, no clash is reported


def test_name_words_give_counts_most_used_first() -> None:
    words = lexicon.name_words()
    assert words["توني"][0] == ("tony", 262)
    assert all(a[1] >= b[1] for spellings in words.values()
               for a, b in zip(spellings, spellings[1:], strict=False))
    assert not any(k.startswith("ال") for k in words)
