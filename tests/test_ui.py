"""builder/ui.py: the interface strings of the generated pages (``data/ui.yml``), checked
at load, per language, and the writing direction of a language."""

from __future__ import annotations

import re

import pytest

from builder import ui

_FIELD = re.compile(r"\{(\w*)\}")


def test_every_string_exists_in_both_languages_with_the_same_fields() -> None:
    data = ui.ui()
    assert data and ui.LANGS == ("ar", "en")
    for key, value in data.items():
        ar, en = value["ar"], value["en"]
        assert ar.strip() and en.strip(), key
        assert sorted(_FIELD.findall(ar)) == sorted(_FIELD.findall(en)), key
        assert re.search("[\u0600-\u06ff]", ar) or not re.search("[A-Za-z]", ar), key


def test_strings_of_one_language() -> None:
    assert ui.strings("ar")["home"] == "الرئيسية"
    assert ui.strings("en")["home"] == "Home"
    assert ui.strings("ar").keys() == ui.strings("en").keys() == ui.ui().keys()
    with pytest.raises(KeyError):
        ui.strings("fr")


@pytest.mark.parametrize(("lang", "direction"), [("ar", "rtl"), ("fa", "rtl"),
                                                 ("en", "ltr"), ("fr", "ltr")])
def test_direction(lang: str, direction: str) -> None:
    assert ui.direction(lang) == direction


@pytest.mark.parametrize("data", [
    {"home": {"ar": "الرئيسية"}},  # a language missing
    {"home": {"ar": "الرئيسية", "en": 3}},  # not a string
    {"home": "الرئيسية"},  # not one string per language
])
def test_a_malformed_entry_is_refused_with_its_name(monkeypatch: pytest.MonkeyPatch,
                                                    data: dict) -> None:
    monkeypatch.setattr(ui.yaml, "safe_load", lambda _fh: {"site_name": {"ar": "أ", "en": "A"},
                                                           **data})
    ui.ui.cache_clear()
    try:
        with pytest.raises(ui.UiDataError, match=r"ui\.yml: entry 'home'"):
            ui.ui()
    finally:
        ui.ui.cache_clear()
