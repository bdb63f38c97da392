"""The rules of ``data/search.yml`` (clitics, separators, stopwords, interface strings), the
words of a text as Pagefind sees them, and the search form of a word.

Pagefind indexes each page's ``data-pagefind-body`` in the page's language and stems Arabic.
What it cannot match by itself (``ايران`` for ``وإيران``, ``المعلنة`` for ``والمعلنة``,
``مزارعي`` for ``لمزارعي``) is matched through *search forms* (:mod:`builder.search.forms`):
every word folded with :func:`builder.normalize.normalize` and stripped of its clitics, but
for the letters the archive's own vocabulary shows a word owns (وزير, واشنطن). The search
box (``docs/assets/javascripts/search.js``) computes the same forms from
:func:`client_rules`, with the lexicon fetched one small shard per word.

``query_form("بالحكومة")`` -> ``"حكومه"``; ``query_form("وإيران")`` -> ``"ايران"``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from ..model import ENTITY_TYPES
from ..normalize import normalize
from .forms import Clitics, Lexicon, client_clitics, clitics_from, fold, search_form
from .layout import FORMS_ID, WORDS_BUNDLE

DATA = Path(__file__).parent.parent / "data" / "search.yml"


class SearchDataError(ValueError):
    """``data/search.yml`` is malformed (the message names the entry)."""


@dataclass(frozen=True)
class Rules:
    """Clitic rules, stopwords and interface strings from ``data/search.yml``, validated."""

    clitics: Clitics
    separators: str
    ui: Mapping[str, Mapping[str, object]]  #: key -> language -> string (or plural forms)
    stopwords: tuple[str, ...] = ()  #: as written in the data file


@lru_cache(maxsize=1)
def rules(path: Path = DATA) -> Rules:
    """The rules of ``data/search.yml``: ``rules().clitics.article`` -> ``"ال"``."""
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    try:
        clitics = clitics_from(data.get("clitics"), path.name)
    except ValueError as exc:
        raise SearchDataError(str(exc)) from exc
    separators = data.get("separators")
    if not isinstance(separators, str):
        raise SearchDataError(f"{path.name}: 'separators' must be a string")
    stop = data.get("stopwords") or {}
    if not isinstance(stop, dict) or not all(
        isinstance(v, list) and all(isinstance(w, str) and w for w in v) for v in stop.values()
    ):
        raise SearchDataError(f"{path.name}: 'stopwords' maps languages to lists of words")
    ui = data.get("ui") or {}
    for key, value in ui.items():
        if not isinstance(value, dict) or not all(
            _ui_value(value.get(lang)) for lang in ("ar", "en")
        ):
            raise SearchDataError(
                f"{path.name}: ui entry {key!r} needs 'ar' and 'en' strings (or, for counts, "
                f"mappings from plural category to string with an 'other' entry)")
    stopwords = tuple(dict.fromkeys(w for words in stop.values() for w in words))
    return Rules(clitics, separators, ui, stopwords)


def _ui_value(value: object) -> bool:
    if isinstance(value, str):
        return True
    return (isinstance(value, dict) and "other" in value
            and all(isinstance(v, str) for v in value.values()))


def query_form(word: str, lexicon: Lexicon | None = None) -> str:
    """The form a word is indexed and searched under (:func:`forms.search_form` with the
    rules of ``data/search.yml``): ``query_form("الروسى")`` -> ``"روسي"``. Without a
    lexicon every proclitic is stripped."""
    if lexicon is None:
        return _blind_form(word)
    return lexicon.form(word, rules().clitics)


@lru_cache(maxsize=1 << 18)
def _blind_form(word: str) -> str:
    return search_form(word, None, rules().clitics)


#: A word as Pagefind sees one: letters, digits, and the marks and joiners inside words.
_WORD = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d]+")


def words(text: str) -> list[str]:
    """The words of ``text`` as the index sees them: ``words("«داعش»،")`` -> ``["داعش"]``."""
    return _WORD.findall(text)


def client_rules() -> dict[str, object]:
    """What ``search.js`` needs to compute :func:`query_form` and label its interface.

    ``fold`` maps every character :func:`normalize` changes (outside the Arabic
    presentation forms, which the script folds through NFKC as ``normalize`` does) to its
    replacement, so that the script's normaliser is table-driven from this one; ``clitics``
    are the proclitic and pronoun rules and ``words`` the folder of the lexicon's shards
    (:mod:`builder.search.forms`).
    """
    r = rules()
    table: dict[str, str] = {}
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF or 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
            continue
        ch = chr(code)
        folded = normalize(ch)
        if folded != ch:
            table[ch] = folded
    if normalize("\ufeff") != "\ufeff":
        table["\ufeff"] = normalize("\ufeff")
    return {
        "fold": table,
        "clitics": client_clitics(r.clitics),
        "words": f"{WORDS_BUNDLE}/",
        "separators": r.separators,
        "stopwords": sorted({fold(w) for w in r.stopwords}),  # compared folded
        "forms_id": FORMS_ID,
        "entity_types": list(ENTITY_TYPES),
        "ui": {key: dict(value) for key, value in r.ui.items()},
    }


@lru_cache(maxsize=1)
def client_rules_json() -> str:
    """:func:`client_rules` as compact, deterministic JSON."""
    return json.dumps(client_rules(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
