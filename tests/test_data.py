"""builder/extract/_data.py: the word lists of dates, figures, quotes and headlines, each
checked at load (errors name the file and the entry), and the cached offset map of a
normalised paragraph."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.extract import _data
from builder.normalize import normalize, normalize_with_map


@pytest.mark.parametrize("name", sorted(_data._SCHEMAS))
def test_every_data_file_has_every_key_of_its_schema(name: str) -> None:
    data = _data.load(name)
    assert data.keys() == _data._SCHEMAS[name].keys()
    assert _data.load(name) is data  # read once


@pytest.mark.parametrize(("kind", "value", "message"), [
    ("words", [], r"'k' must be a non-empty list of words"),
    ("words", ["أ", " "], r"'k' has an empty or non-text entry ' '"),
    ("words", ["أ", 3], r"'k' has an empty or non-text entry 3"),
    ("words", ["أمس", "أمس"], r"'k' lists 'أمس' twice"),
    ("int", -1, r"'k' must be a whole number, got -1"),
    ("int", "25", r"'k' must be a whole number, got '25'"),
    ("textmap", {}, r"'k' must map words to texts"),
    ("textmap", {"مصدر": ""}, r"'k\.مصدر' must be a non-empty text"),
    ("wordmap", ["أمس"], r"'k' must map words to numbers"),
    ("wordmap", {"أمس": "1"}, r"'k\.أمس' must be a whole number"),
    ("numbered", ["مايو"], r"'k' must map numbers to lists of words"),
    ("numbered", {"5": ["مايو"]}, r"'k' has a non-number key '5'"),
    ("numbered", {5: []}, r"'k\.5' must be a non-empty list of words"),
    # one spelling, two meanings, even when they differ only in hamza or tashkeel
    ("numbered", {5: ["أيار"], 6: ["ايار"]}, r"'k': 'ايار' is given to both 5 and 6"),
])
def test_a_malformed_entry_names_the_file_and_the_entry(kind: str, value: object,
                                                        message: str) -> None:
    with pytest.raises(_data.DataError, match=rf"^f\.yml: {message}$"):
        _data._check("f.yml", "k", kind, value)


def test_valid_entries_become_tuples_and_numbers() -> None:
    assert _data._check("f.yml", "k", "words", ["أمس", "اليوم"]) == ("أمس", "اليوم")
    assert _data._check("f.yml", "k", "numbered", {5: ["مايو", "أيار"]}) == \
        {5: ("مايو", "أيار")}
    assert _data._check("f.yml", "k", "int", 25) == 25


@pytest.mark.parametrize(("content", "message"), [
    ("- a list\n", r"relative\.yml: expected a mapping at the top level"),
    ("days: {أمس: -1}\n", r"relative\.yml: missing key\(s\) day_prefixes, "),
    ("bogus: [x]\n", r"relative\.yml: unknown key 'bogus'\. Expected one of: days, "),
])
def test_a_malformed_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     content: str, message: str) -> None:
    (tmp_path / "relative.yml").write_text(content, encoding="utf-8")
    monkeypatch.setattr(_data, "DATA", tmp_path)
    _data.load.cache_clear()
    try:
        with pytest.raises(_data.DataError, match=message):
            _data.load("relative.yml")
    finally:
        monkeypatch.undo()
        _data.load.cache_clear()


def test_a_file_without_a_schema_is_refused() -> None:
    with pytest.raises(_data.DataError, match=r"^people\.yml: no schema"):
        _data.load("people.yml")


def test_normalized_is_unique_and_longest_first() -> None:
    assert _data.normalized(["في", "في حين", "فى", "إذ"]) == ("في حين", "اذ", "في")


@pytest.mark.parametrize("text", [
    "قال بوتين إن العمليات مستمرة.",
    "مُوسْكُو ـــ العاصمة",  # tashkeel and tatweel are deleted
    "ﻻ تعليق ﷲ",  # presentation forms change length
    "١٢ نوفمبر ٢٠١٥",
    "",
])
def test_norm_map_is_normalize_with_map(text: str) -> None:
    norm, offsets = _data.norm_map(text)
    expected_norm, expected_offsets = normalize_with_map(text)
    assert norm == expected_norm == normalize(text)
    assert list(offsets) == list(expected_offsets)
