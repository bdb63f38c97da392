"""Load and validate the YAML word lists of dates, figures, quotes and headlines (once).

Every list is checked at load: unknown keys, wrong types and one spelling given two
meanings raise :class:`DataError`, whose message names the file and the entry.
``load("months.yml")["gregorian"][11]`` -> ``("نوفمبر", "تشرين الثاني", "نونبر")``.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..normalize import _DELETE, normalize, normalize_with_map

DATA = Path(__file__).parent / "data"


class DataError(ValueError):
    """A data file is malformed; the message names the file and the entry."""


#: For every file: key -> "words" (list of str), "numbered" ({int: [str]}),
#: "wordmap" ({str: int}), "textmap" ({str: str}), "int", "ints" (list of int) or "text".
_SCHEMAS: dict[str, dict[str, str]] = {
    "months.yml": {
        "gregorian": "numbered", "hijri": "numbered", "weekdays": "numbered",
        "first_day": "words", "gregorian_era": "words", "hijri_era": "words",
        "year_words": "words", "ordinal_days": "numbered", "ordinal_not_after": "words",
    },
    "relative.yml": {
        "days": "wordmap", "day_prefixes": "words", "today_not_after": "words",
        "today_not_before": "words", "today_not_before_endings": "words", "past": "words", "future": "words",
        "current": "words", "month_words": "words", "future_markers": "words",
        "weekday_cues": "words",
    },
    "numbers.yml": {
        "units": "numbered", "tens": "numbered", "hundreds": "numbered",
        "teen_word": "words", "teen_first": "words", "eleven": "words", "twelve": "words",
        "multipliers": "numbered", "duals": "words", "plurals": "words",
        "percent": "words", "label_words": "words", "not_units": "words",
        "approx": "words", "definite_units": "ints", "definite_not_after": "words",
        "half": "words", "decimal_letter": "text", "count_words": "words", "count_window": "int",
        "year_before": "words", "carriers": "words", "quarter": "words",
    },
    "speech_verbs.yml": {
        "verbs": "words", "object_verbs": "words", "object_suffixes": "words",
        "present": "words", "participles": "words", "after": "words",
        "phrase_prepositions": "words", "phrase_max_words": "int",
        "relay_verbs": "words", "relay_from": "text",
        "name_heads": "words", "attached": "words", "not_subjects": "words",
        "subject_stop": "words", "phrase_stop": "words", "anonymous": "textmap", "indirect": "words",
        "partitives": "words", "relatives": "words",
        "subordinators": "words", "subject_before": "words",
        "roles": "words", "honorifics": "words", "term_max_words": "int",
        "max_words": "int", "min_words": "int", "title_heads": "words",
        "title_max_words": "int", "verb_suffixes": "words", "feminine_suffix": "text",
        "conjunctions": "words", "prepositions": "words", "definite_prefixes": "words", "scripture": "words",
    },
    "headline.yml": {
        "dangling": "words", "clause_openers": "words", "max_words": "int",
        "min_words": "int", "summary_max_words": "int", "event_max_words": "int",
    },
}


@cache
def load(name: str) -> dict[str, Any]:
    """The validated content of ``data/<name>``: lists become tuples, numbers ints."""
    path = DATA / name
    schema = _SCHEMAS.get(name)
    if schema is None:
        raise DataError(f"{name}: no schema for this data file")
    with open(path, encoding="utf-8") as fh:
        raw = yaml.safe_load(fh) or {}
    if not isinstance(raw, dict):
        raise DataError(f"{name}: expected a mapping at the top level")
    out: dict[str, Any] = {}
    for key, value in raw.items():
        kind = schema.get(key)
        if kind is None:
            raise DataError(
                f"{name}: unknown key '{key}'. Expected one of: {', '.join(schema)}"
            )
        out[key] = _check(name, key, kind, value)
    missing = [k for k in schema if k not in out]
    if missing:
        raise DataError(f"{name}: missing key(s) {', '.join(missing)}")
    return out


def _words(name: str, where: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise DataError(f"{name}: '{where}' must be a non-empty list of words")
    seen: set[str] = set()
    for item in value:
        if not isinstance(item, str) or not item.strip():
            raise DataError(f"{name}: '{where}' has an empty or non-text entry {item!r}")
        if item in seen:
            raise DataError(f"{name}: '{where}' lists '{item}' twice")
        seen.add(item)
    return tuple(value)


def _check(name: str, key: str, kind: str, value: Any) -> Any:
    if kind == "words":
        return _words(name, key, value)
    if kind == "int":
        if not isinstance(value, int) or value < 0:
            raise DataError(f"{name}: '{key}' must be a whole number, got {value!r}")
        return value
    if kind == "ints":
        if not isinstance(value, list) or not value or not all(
                isinstance(v, int) and not isinstance(v, bool) for v in value):
            raise DataError(f"{name}: '{key}' must be a non-empty list of whole numbers")
        return tuple(value)
    if kind == "text":
        if not isinstance(value, str) or not value.strip():
            raise DataError(f"{name}: '{key}' must be a non-empty text")
        return value
    if kind == "textmap":
        if not isinstance(value, dict) or not value:
            raise DataError(f"{name}: '{key}' must map words to texts")
        for word, text in value.items():
            if not isinstance(text, str) or not text.strip():
                raise DataError(f"{name}: '{key}.{word}' must be a non-empty text")
        return dict(value)
    if kind == "wordmap":
        if not isinstance(value, dict):
            raise DataError(f"{name}: '{key}' must map words to numbers")
        for word, number in value.items():
            if not isinstance(number, int):
                raise DataError(f"{name}: '{key}.{word}' must be a whole number")
        return dict(value)
    # numbered: {int: [words]}; one spelling may not mean two numbers.
    if not isinstance(value, dict):
        raise DataError(f"{name}: '{key}' must map numbers to lists of words")
    owner: dict[str, int] = {}
    out: dict[int, tuple[str, ...]] = {}
    for number, words in value.items():
        if not isinstance(number, int):
            raise DataError(f"{name}: '{key}' has a non-number key {number!r}")
        out[number] = _words(name, f"{key}.{number}", words)
        for word in out[number]:
            norm = normalize(word)
            if norm in owner and owner[norm] != number:
                raise DataError(
                    f"{name}: '{key}': '{word}' is given to both {owner[norm]} and {number}"
                )
            owner[norm] = number
    return out


def normalized(words: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Normalised forms, longest first (so regex alternations prefer the longest match)."""
    return tuple(sorted({normalize(w).strip() for w in words}, key=lambda w: (-len(w), w)))


_DELETED = re.compile("[" + "".join(sorted(_DELETE)) + "]")
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")


@lru_cache(maxsize=256)
def norm_map(text: str) -> tuple[str, tuple[int, ...]]:
    """``normalize_with_map(text)``, computed once per paragraph for dates, figures and
    quotes, and fast: without presentation forms only deleted characters shift offsets."""
    if _PRESENTATION.search(text):
        norm, offsets = normalize_with_map(text)
        return norm, tuple(offsets)
    out: list[int] = []
    prev = 0
    for m in _DELETED.finditer(text):
        out.extend(range(prev, m.start()))
        prev = m.end()
    out.extend(range(prev, len(text) + 1))
    return normalize(text), tuple(out)
