"""What the finders of :mod:`.discover` share: the :class:`Found` record, the word classes
built from ``titles.yml``, ``heads.yml`` and ``common.yml``, :func:`name_like` (could a
token be part of a person's name?) and the tests on the gaps between tokens.
``name_like("كوناشينكوف", first=False)`` -> ``True``; ``name_like("وقال", first=True)`` ->
``False``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..gazetteer import Hit, Matcher, Paragraph
from ..lexicon import Country, heads, nisbas, titles, words
from ..translit import known_word
from ..wordclass import name_word, not_name_word, preposition_like, run_together

#: Characters that may stand between two words of one name (besides spaces).
_QUOTES = "«»\"“”„'‘’"
_COMMAS = "،,"


@dataclass(frozen=True)
class Found:
    """A discovered name: tokens ``[first, last]``, offsets, type and English."""

    type: str
    first: int
    last: int
    start: int
    end: int
    ar: str  #: canonical Arabic (the text's spelling, proclitics removed)
    en: str
    transliterated: bool
    how: str = ""  #: the rule that found it (title, apposition, speech, head)
    en_source: str = ""  #: composed | open-names | transliteration (see spelling.py)
    #: offset from which known names inside it stay names of their own (the place or
    #: person a body is named after, or where it is: جامعة حائل، القنصلية السعودية في هيوستن)
    keep_from: int = -1


# --------------------------------------------------------------------------- word classes


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    h = heads()
    t = titles()
    title_words = {w for title in t.titles for w in title.split()}
    return (words("function") | words("verbs") | words("nouns") | words("adjectives")
            | words("time") | frozenset(k for k, v in h.orgs.items() if not v.place_only)
            | frozenset(h.places) | h.plural_places
            | frozenset(title_words) | t.speech_verbs | t.between | h.stop)


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    return words("function")


@lru_cache(maxsize=1)
def _verb_forms() -> frozenset[str]:
    return frozenset(p + v for v in titles().speech_verbs for p in ("", "و", "ف"))


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    return frozenset(t for t in titles().titles if " " not in t)


@lru_cache(maxsize=1)
def _roles() -> Matcher:
    """One automaton over titles (before or after a name) and appositions (after it)."""
    t = titles()
    phrases: dict[str, tuple[str, ...]] = {k: ("title",) for k in t.titles}
    for k in t.appositions:
        phrases[k] = (*phrases.get(k, ()), "apposition")
    return Matcher(phrases)


def _bare(text: str) -> str:
    """Drop a conjunction written onto a word: ``وقال`` -> ``قال``."""
    return text[1:] if len(text) > 3 and text[0] in "وف" else text


def _is_nisba(text: str) -> Country | None:
    table = nisbas()
    return table.get(text) or table.get(_bare(text))


@lru_cache(maxsize=32768)
def name_like(text: str, first: bool) -> bool:
    """Could this token be part of a person's name (``first``: its first word)?"""
    nn = _not_names()
    if len(text) < 2 or text in nn or text == "ال":
        return False
    if _bare(text) in nn and not name_word(text):
        return False  # وقال، فيصل: و/ف is a conjunction unless the word is a name (فيصل)
    if len(text) > 3 and text[0] in "بلك" and text[1:] in nn and \
            text[1:] not in titles().speech_verbs:
        return False  # نواف بن فيصل لأمير …: a preposition on a title or a common noun
        # (not on a verb, which takes none: بابان is a name, not ب + أبان)
    if len(text) > 3 and text.endswith("ا") and text[:-1] in nn:
        return False  # a common noun in the accusative: قائدا، رئيسا
    if (not_name_word(text) and (first or _open_names_count(text) < 20)) or \
            run_together(text):
        return False  # a verb, a verbal noun, an adjective or a common noun: يقيم، اعتذارا
        # (but a surname of many people of open data looks like one: فيدال)
    if _is_nisba(text):
        return False
    if text.startswith(("لل", "وال", "بال", "فال", "كال")) and len(text) > 4:
        return False
    if text.startswith("ال"):
        if text[2:] in nn or (first and known_word(text) is None):
            return False
        return not text.endswith(("يه", "يين", "يون", "ات"))
    if known_word(text) is not None:
        return True
    if len(text) >= 5 and text.endswith(("ها", "هم", "هما", "هن", "كم", "وا")):
        return False  # a pronoun suffix or a verb in the plural: علاقاتها، صوتوا
    if first:
        if text.endswith(("ه", "ات")) or text[0] in "وف":
            return False  # first names in ة are known (فاطمة); و/ف is a conjunction
        if preposition_like(text):
            return False  # لمجمع، لصوامع: a preposition (names are known: بندر، لبنى)
        rest = text[1:]
        if len(text) >= 4 and text[0] in "بلك" and (
                rest in nn or rest.startswith("ال") or known_word(rest) is not None
                or (len(rest) >= 4 and rest[0] in "يتنا") or not_name_word(rest)):
            return False  # لخوض، لينتهي، بقدرات: a preposition on a noun or a verb
    return True


def _clean_ar(text: str) -> str:
    """The displayed name: quote marks dropped, spaces collapsed."""
    return " ".join(text.translate(_NO_QUOTES).split())


_NO_QUOTES = str.maketrans("", "", _QUOTES)


def _soft(gap: str) -> bool:
    """Only spaces (and quote marks) between two words."""
    return not gap.strip(" \t" + _QUOTES)


def _has_comma(gap: str) -> bool:
    return any(c in gap for c in _COMMAS) and not gap.strip(" \t" + _COMMAS)


def _open_names_count(text: str) -> int:
    """How many people of open data bear the word (``data/name_words.tsv``)."""
    from ..recogniser import person_words

    return person_words().get(text, 0)


_PROCLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل")


@lru_cache(maxsize=4)
def _head_forms(kind: str) -> dict[str, tuple[str, str]]:
    """Every written form of the heads of ``kind`` -> (proclitic, head): ``للجيش``."""
    h = heads()
    table = {"places": [*h.places, *h.plural_places], "orgs": list(h.orgs),
             "elliptic": list(h.elliptic)}[kind]
    forms: dict[str, tuple[str, str]] = {}
    if kind == "orgs":  # اللجنة الأولمبية السعودية: the definite form of a head
        table += ["ال" + head for head in h.definite_heads
                  if "ال" + head not in h.orgs and not head.startswith("ال")]
    for head in table:
        for p in _PROCLITICS:
            forms.setdefault(p + head, (p, head))
            if p.endswith("ل") and head.startswith("ال"):
                forms.setdefault(p + head[1:], (p, head))  # للجيش = ل + الجيش
    return forms


def _scan_context(para: Paragraph, known: Sequence[Hit]):
    """Head data, tokens, their count, known hits by first token, tokens they cover."""
    toks = para.tokens
    starts = {x.first: x for x in known}
    covered = {j for x in known for j in range(x.first, x.last + 1)}
    return heads(), toks, len(toks), starts, covered
