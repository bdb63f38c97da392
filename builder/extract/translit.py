"""Arabic -> Latin transliteration of proper names, driven by ``data/translit.yml``.

News English spells Arabic names by convention (Riad, Haddad, Mohammed), not by a strict
scheme, so the data holds (1) names whose spelling is fixed by use, (2) word endings such
as the Russian ``ـوف`` -> ``ov``, (3) root patterns that restore the short vowels Arabic
does not write (``فاعل`` -> ``CaCiC``: خالد -> Khalid) and (4) a letter table for the rest.

``transliterate("رياض حداد")`` -> ``"Riad Haddad"``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from ..normalize import normalize
from .lexicon import LexiconError, load

_TASHKEEL = re.compile("[\u064b-\u0652\u0670\u0640]")
_VOWEL_LETTERS = frozenset("اآىأإ")


@dataclass(frozen=True)
class _Table:
    words: dict[str, str]  #: normalised word -> fixed spelling
    letters: dict[str, str]
    initial: dict[str, str]
    final: dict[str, str]
    endings: tuple[tuple[str, str], ...]  #: (normalised ending, latin), longest first
    patterns: tuple[tuple[str, str], ...]  #: (pattern over C/letters, template)
    particles: dict[str, str]  #: separate words: بن -> bin
    prefixes: tuple[tuple[str, str], ...]  #: written-together starts: عبدال -> Abdul
    article: str  #: ال -> al-


@lru_cache(maxsize=1)
def _table() -> _Table:
    data = load("translit") or {}
    allowed = {"words", "letters", "initial", "final", "endings", "patterns", "particles",
               "prefixes", "article", "compounds", "latin_letters", "foreign_letters"}
    # (compounds, latin_letters and foreign_letters: spelling.py)
    unknown = set(data) - allowed
    if unknown:
        raise LexiconError(f"translit.yml: unknown key(s) {', '.join(sorted(unknown))}")
    for key in ("letters", "words"):
        if not isinstance(data.get(key), dict):
            raise LexiconError(f"translit.yml: '{key}' must be a mapping")
    words: dict[str, str] = {}
    for ar, en in data["words"].items():
        k = normalize(str(ar))
        if k in words and words[k] != en:
            raise LexiconError(f"translit.yml: words: '{ar}' given twice once normalised")
        words[k] = str(en)
    endings = sorted(((normalize(k), str(v)) for k, v in (data.get("endings") or {}).items()),
                     key=lambda kv: -len(kv[0]))
    patterns = tuple((str(k), str(v)) for k, v in (data.get("patterns") or {}).items())
    for pat, tpl in patterns:
        if pat.count("C") != len(re.findall(r"\{\d\}", tpl)):
            raise LexiconError(f"translit.yml: patterns: '{pat}' and '{tpl}' differ in slots")
    return _Table(
        words=words,
        letters={str(k): str(v) for k, v in data["letters"].items()},
        initial={str(k): str(v) for k, v in (data.get("initial") or {}).items()},
        final={str(k): str(v) for k, v in (data.get("final") or {}).items()},
        endings=tuple(endings),
        patterns=patterns,
        particles={normalize(str(k)): str(v) for k, v in (data.get("particles") or {}).items()},
        prefixes=tuple((normalize(str(k)), str(v))
                       for k, v in (data.get("prefixes") or {}).items()),
        article=str(data.get("article", "al-")),
    )


@lru_cache(maxsize=16384)
def known_word(word: str) -> str | None:
    """The fixed English spelling of a name word, if the data has one."""
    return _table().words.get(normalize(word))


@lru_cache(maxsize=8192)
def transliterate(name: str) -> str:
    """Latin spelling of an Arabic name: ``transliterate("نافيد جمالي")`` -> ``"Nafid Jamali"``."""
    out: list[str] = []
    words = _TASHKEEL.sub("", name).split()
    i = 0
    while i < len(words):
        word = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if normalize(word) == "عبد" and normalize(nxt).startswith("ال") and len(nxt) > 3:
            out.append(_word("عبد" + nxt, first=i == 0))  # عبد العزيز -> Abdulaziz
            i += 2
            continue
        out.append(_word(word, first=i == 0))
        i += 1
    return " ".join(w for w in out if w)


def _word(word: str, first: bool) -> str:
    return spell_word(word, first)[0]


#: Where a word's spelling came from: the fixed spellings of ``translit.yml``, a
#: ``lookup`` (open data), or the letter rules.
FIXED, LOOKUP, LETTERS = "composed", "open-names", "transliteration"


def spell_word(word: str, first: bool = False,
               lookup: Callable[[str], str | None] | None = None) -> tuple[str, str]:
    """Latin spelling of one name word and its source (:data:`FIXED`, :data:`LOOKUP` or
    :data:`LETTERS`): particles and fixed words first; a word with the article or a
    written-together start (عبدال) is Arabic: its rest takes a fixed spelling, a ``lookup``
    spelling that reads as Arabic (الحكمي -> al-Hakami; الفريدي -> al-Faridi, not
    al-Freddie) or the letter rules; any other word ``lookup``, then the letter rules.

    ``spell_word("الأسد")`` -> ``("al-Assad", "composed")``.
    """
    t = _table()
    norm = normalize(word)
    if norm in t.particles:
        latin = t.particles[norm]
        return (latin[:1].upper() + latin[1:] if first else latin), FIXED
    if norm in t.words:
        return t.words[norm], FIXED
    arabic = _arabic_lookup(lookup)
    if norm.startswith("ال") and len(norm) > 3:
        body, source = _body(word[2:], arabic)
        art = t.article
        return (art[:1].upper() + art[1:] if first else art) + body, source
    for prefix, latin in t.prefixes:
        if norm.startswith(prefix) and len(norm) >= len(prefix) + 3:
            body, source = _body(word[len(prefix):], arabic)
            return latin + body.lower(), source
    return _body(word, lookup)


#: Letter groups of English spelling that Arabic names are not written with in English.
_NOT_ARABIC = re.compile(r"ee|ie|ea|oo|y$|ey$|^[^aeiou]*[^aeiouy]e$")


def _arabic_lookup(lookup: Callable[[str], str | None] | None) \
        -> Callable[[str], str | None] | None:
    """``lookup`` for the Arabic part of a word with the article or عبدال: a spelling is
    taken only when it reads as Arabic in English (al-Hakami, not al-Freddie) and ends in
    i where the Arabic ends in ي (a nisba)."""
    if lookup is None:
        return None

    def arabic(word: str) -> str | None:
        latin = lookup(word)
        if latin is None or _NOT_ARABIC.search(latin.lower()):
            return None
        if normalize(word).endswith("ي") and not latin.lower().endswith("i"):
            return None
        return latin

    return arabic


def _body(word: str, lookup: Callable[[str], str | None] | None) -> tuple[str, str]:
    fixed = _table().words.get(normalize(word))
    if fixed:
        return fixed, FIXED
    found = lookup(word) if lookup is not None else None
    if found:
        return found, LOOKUP
    return _spell(word), LETTERS


def spell_letters(word: str) -> str:
    """The letter rules alone (endings, root patterns, letters): ``"أبوت"`` -> ``"Abot"``."""
    return _spell(word)


def _spell(word: str) -> str:
    """Spell one unknown word: endings, then root patterns, then letter by letter."""
    t = _table()
    norm = normalize(word)
    tail = ""
    for ending, latin in t.endings:
        if norm.endswith(ending) and len(norm) > len(ending) + 1:
            tail = latin
            word = word[: len(word) - len(ending)]
            norm = norm[: len(norm) - len(ending)]
            break
    body = _pattern(word) if not tail else None
    if body is None:
        body = _letters(word, has_tail=bool(tail))
    latin = (body + tail).replace("''", "'").strip("'")
    return latin[:1].upper() + latin[1:]


def _pattern(word: str) -> str | None:
    """Apply the first root pattern that fits ``word`` (C = any consonant letter)."""
    t = _table()
    letters = list(word)
    for pat, tpl in t.patterns:
        if len(pat) != len(letters):
            continue
        slots: list[str] = []
        for i, (p, ch) in enumerate(zip(pat, letters, strict=True)):
            if p == "C":
                if i == 0 and ch in "وي":
                    slots.append("w" if ch == "و" else "y")  # وسيم -> Wasim
                    continue
                if ch in _VOWEL_LETTERS or ch in "وية":
                    break
                slots.append(t.letters.get(ch, ""))
            elif normalize(p) != normalize(ch):
                break
        else:
            if slots and slots[0] == "'" and tpl.startswith("{1}"):
                slots[0] = ""
            return tpl.format("", *slots)
    return None


def _letters(word: str, has_tail: bool) -> str:
    """Letter-by-letter spelling with the short vowel most names have after C1."""
    t = _table()
    out: list[str] = []
    n = len(word)
    prev_vowel = False
    consonant_run = 0
    # A long word with several long vowels is a foreign name: no vowel is added to its
    # first cluster (فلاديسلاف -> Fladislaf, not Faladislaf).
    foreign = has_tail or (n >= 6 and sum(word.count(c) for c in "اويى") >= 3)
    skip = 0
    for i, ch in enumerate(word):
        if skip:
            skip -= 1
            continue
        nxt = word[i + 1] if i + 1 < n else ""
        last = i == n - 1 and not has_tail
        if i == 0 and ch + nxt in t.initial and n > 2:
            piece = t.initial[ch + nxt]
            skip = 1
        elif i == 0 and ch in t.initial:
            piece = t.initial[ch]
        elif last and ch in t.final:
            piece = t.final[ch]
        elif ch == "و":
            piece = "w" if (i == 0 or prev_vowel or nxt in _VOWEL_LETTERS) else "o"
        elif ch == "ي":
            if i == 0 or prev_vowel:
                piece = "y"
            elif nxt in _VOWEL_LETTERS:
                piece = "iy"
            else:
                piece = "i"
        else:
            piece = t.letters.get(ch, "")
        is_vowel = piece[:1] in "aeiou" if piece else prev_vowel
        if not is_vowel and piece:
            consonant_run += 1
            # Arabic writes no short vowels: add one after the first consonant of a
            # cluster at the start, and break runs of three consonants.
            if out and consonant_run >= 2 and ((len(out) == 1 and not foreign)
                                               or consonant_run >= 3) and out[-1] != "'":
                out.append("a" if len(out) == 1 else "e")
                consonant_run = 1
        elif piece:
            consonant_run = 0
        out.append(piece)
        prev_vowel = is_vowel
    return "".join(out)
