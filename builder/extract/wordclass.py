"""Is this word a verb, a verbal noun, an adjective or a common noun, never a name?

Knowledge lives in data files: ``data/common_words.tsv`` (common words, made by
``tools/build_common_words.py`` from NewsFANE Gold, minus name words;
the name words that look like common words carry the evidence ``name``) and
``data/wordclass.yml`` (templates of verbal nouns, verbs and adjectives, possessive
suffixes). A known name word (gazetteer, transliteration table, Wikidata) is always a
name word: ``not_name_word("انتصار")`` is False, ``not_name_word("اعتذارا")`` True.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from ..normalize import normalize
from .lexicon import LexiconError, gazetteer, titles
from .translit import known_word

DATA = Path(__file__).parent / "data"
_KEYS = {"masdar", "verbs", "adjectives", "indefinite", "nouns", "possessive",
         "pronoun_nouns"}
_PROCLITICS = ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")


@lru_cache(maxsize=1)
def _tables() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(common words, name words that look like common words, nouns that take a
    possessive pronoun: the common words and the name words that are common too)."""
    common: set[str] = set()
    names: set[str] = set()
    nouns: set[str] = set()
    with open(DATA / "common_words.tsv", encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.startswith("#") or not line.strip():
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 2 or not parts[0]:
                raise LexiconError(f"common_words.tsv: line {n}: expected word<TAB>evidence")
            word, evidence = normalize(parts[0]), parts[1].split("+")
            if "name" in evidence:
                names.add(word)
            else:
                common.add(word)
            if evidence != ["name"]:
                nouns.add(word)
    return frozenset(common), frozenset(names), frozenset(nouns)


@lru_cache(maxsize=1)
def _shapes() -> dict[str, object]:
    with open(DATA / "wordclass.yml", encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    if not isinstance(data, dict) or set(data) != _KEYS:
        raise LexiconError(f"wordclass.yml: expected exactly the keys {', '.join(sorted(_KEYS))}")
    for key, value in data.items():
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise LexiconError(f"wordclass.yml: '{key}' must be a list of texts")

    def compile_(templates: list[str]) -> re.Pattern:
        alts = sorted({normalize(t).replace("c", "C") for t in templates}, key=len, reverse=True)
        body = "|".join(re.escape(t).replace("C", r"[\u0621-\u064a]") for t in alts)
        return re.compile(f"(?:{body})")

    return {
        "masdar": compile_(data["masdar"]),
        "verbs": compile_(data["verbs"]),
        "adjectives": compile_(data["adjectives"]),
        "indefinite": compile_(data["indefinite"]),
        "nouns": compile_(data["nouns"]),
        "possessive": tuple(sorted((normalize(s) for s in data["possessive"]), key=len,
                                   reverse=True)),
        "pronoun_nouns": frozenset(normalize(w) for w in data["pronoun_nouns"]),
    }


@lru_cache(maxsize=1)
def _gazetteer_words() -> frozenset[str]:
    words: set[str] = set(titles().connectors)
    for name in gazetteer():
        if name.type == "person":
            for variant in name.variants:
                words.update(variant.split())
    return frozenset(words)


def name_word(word: str) -> bool:
    """A known word of people's names (normalised ``word``)."""
    return (word in _gazetteer_words() or word in _tables()[1]
            or known_word(word) is not None)


def _forms(word: str) -> list[tuple[str, bool]]:
    """``word`` and its forms without a proclitic, an article or the accusative alef, each
    with whether a shape may be tested on it (not after a preposition ب/ل/ك: كانساس)."""
    out = [(word, True)]
    for p in _PROCLITICS:
        if word.startswith(p) and len(word) - len(p) >= 3:
            rest = word[len(p):]  # shapes after ب/ل only on long words: لاختبار, not كانساس
            out.append((rest, p in ("و", "ف") or ("ك" not in p and len(rest) >= 5)))
    for w, shaped in list(out):
        if w.startswith(("ال", "لل")) and len(w) > 4:
            out.append((w[2:], shaped))
    out += [(w[:-1], shaped) for w, shaped in out if w.endswith("ا") and len(w) > 3]
    return out


@lru_cache(maxsize=1)
def _one_word_names() -> frozenset[str]:
    """Normalised one-word spellings of the gazetteer (countries, cities, bodies, people)."""
    return frozenset(v for name in gazetteer() for v in name.variants
                     if " " not in v and len(v) >= 4)


@lru_cache(maxsize=16384)
def run_together(word: str) -> bool:
    """Whether the normalised ``word`` is a known name written onto a common word or a verb
    with no space (فرنسايواصل، العربيةمؤتمر، عبداللهالمثقف), a typing slip, no name."""
    if len(word) < 8 or name_word(word):
        return False
    names = _one_word_names()
    common = _tables()[0]
    for cut in range(4, len(word) - 2):
        head, tail = word[:cut], word[cut:]
        if (head in names or name_word(head)) and (tail in common or not_name_word(tail)):
            return True
    return False


def common_word(word: str) -> bool:
    """Whether the normalised ``word``, or the word without its article, is a common word of
    ``common_words.tsv``, even one that is a name word too (الخير, العالم)."""
    common, _names, nouns = _tables()
    return any(w in common or w in nouns for w in (word, word[2:] if word.startswith("ال")
                                                   and len(word) > 4 else word))


def preposition_like(word: str) -> bool:
    """Whether the normalised ``word`` reads as ب/ل on a noun (لمجمع، بقوة): a consonant
    after them (a long vowel marks a foreign name: لافروف، بوتين), and no name word."""
    return len(word) >= 4 and word[0] in "بل" and word[1] not in "اوي" and not name_word(word)


def shape_classes(word: str) -> str:
    """Letters of the shape templates of ``wordclass.yml`` the normalised ``word`` fits
    whole (no list is read): ``m`` verbal noun, ``a`` adjective, ``v`` verb, ``n`` noun,
    ``i`` indefinite accusative; ``shape_classes("اجتماع")`` -> ``"m"``."""
    if len(word) < 4:
        return ""
    shapes = _shapes()
    return "".join(c for c, key in (("m", "masdar"), ("a", "adjectives"), ("v", "verbs"),
                                    ("n", "nouns"), ("i", "indefinite"))
                   if shapes[key].fullmatch(word))


def masdar_like(word: str) -> bool:
    """Whether the normalised ``word`` has the shape of a verbal noun (تنظيم, اجتماع)."""
    return len(word) >= 4 and bool(_shapes()["masdar"].fullmatch(word))


@lru_cache(maxsize=65536)
def not_name_word(word: str) -> bool:
    """Whether the normalised ``word`` is a verb, a verbal noun, an adjective or a common
    noun (with its proclitics, article, accusative or pronoun suffix) and no name word."""
    if len(word) < 3 or name_word(word):
        return False
    common, _names, nouns = _tables()
    shapes = _shapes()
    definite = word.startswith(("ال", "لل"))
    forms = _forms(word)
    if any(name_word(form) for form, _ in forms[1:]):
        return False  # المنتصر, ومحمد
    if len(word) >= 4 and shapes["indefinite"].fullmatch(word):
        return True
    for form, shaped in forms:
        if form in common or form in shapes["pronoun_nouns"]:
            return True
        if form.endswith("ات") and form[:-2] + "ه" in common:
            return True  # the plural of a common noun: ندوات (ندوة)
        for suffix in shapes["possessive"]:
            stem = form[:-len(suffix)]
            if form.endswith(suffix) and len(stem) >= 3 and (
                    stem in nouns or (stem.endswith("ت") and stem[:-1] + "ه" in nouns)):
                return True
            if shaped and form.endswith(suffix) and len(stem) >= 5 and \
                    not stem.startswith("ال") and (shapes["verbs"].fullmatch(stem) or
                                                   shapes["masdar"].fullmatch(stem)) and \
                    (suffix != "ه" or stem[0] in "يت"):
                return True  # a verb or a verbal noun with a pronoun: تحاصره، تطويرها
                # (ه may be ة: علاونة، ابتسامة; a present tense takes no ة)
        if not shaped or len(form) < 4:
            continue
        if shapes["masdar"].fullmatch(form) or shapes["adjectives"].fullmatch(form):
            return True
        if definite and form != word and shapes["nouns"].fullmatch(form):
            return True
        if not form.startswith("ال") and shapes["verbs"].fullmatch(form):
            return True
    return False
