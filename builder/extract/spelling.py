"""English spelling of a name that is in no gazetteer, composed word by word.

Each word takes, in this order:

1. an acronym when two or more words in a row are the Arabic names of Latin letters
   (``translit.yml`` ``latin_letters``: أيه بي سي -> ABC);
2. a fixed spelling of the archive (``translit.yml``: ``compounds`` such as جان إيف ->
   Jean-Yves, ``particles``, ``words``: محمد -> Mohammed, the article ال -> al-);
3. its usual spelling in open data (``name_words.tsv``, Wikidata person names: أبوت ->
   Abbott), unless the archive's letter rules give a spelling that the data counts at
   least half as often (شاكر -> Shakir, not Shaker): Arabic names keep the archive's conventions and
   foreign names get the spelling their bearers use;
4. the letter rules of :mod:`.translit`, the last resort.

A word the text writes in Latin letters (صحيفة «Le Monde») is its own English spelling.

The name's source is the weakest of its words': ``composed`` (archive spellings only),
``open-names`` (at least one word from open data) or ``transliteration`` (at least one word
spelled letter by letter). ``spell_name("توني أبوت")`` -> ``Spelled("Tony Abbott",
"open-names")``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA

from ..normalize import normalize
from .lexicon import LexiconError, load, name_words
from .translit import FIXED, LETTERS, LOOKUP, spell_letters, spell_word

_TASHKEEL = re.compile("[\u064b-\u0652\u0670\u0640]")
#: A word written in Latin letters (with digits, & . ' -), kept as the text writes it.
_LATIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9&.'\-]*")
#: Sources from the surest to the weakest.
_RANK = {FIXED: 0, LOOKUP: 1, LETTERS: 2}
#: The letter rules' spelling is kept when open data counts it at least 1/ATTESTED as often
#: as the usual one (شاكر: shakir 11, shaker 11 -> Shakir; توني: toni 40, tony 262 -> Tony).
ATTESTED = 2
#: A word shorter than this needs its usual spelling counted twice in open data (one
#: label is too little to spell خالص or منسي; هافينغتون once is enough).
LONG_WORD = 6
#: Letters Arabic writes as a long vowel in foreign names, and may leave out or double.
_VOWELS = "اوي"
#: How many times as often open data must count a spelling under another writing of a
#: foreign word (foreign_letters) than under the word's own (josé 468 vs josiah 10).
VARIANT_GAIN = 5


@dataclass(frozen=True)
class Spelled:
    """An English name and where it came from (``composed``, ``open-names``,
    ``transliteration``)."""

    en: str
    source: str


def weakest(*sources: str) -> str:
    """The least sure of several sources: ``weakest("composed", "open-names")`` ->
    ``"open-names"``."""
    return max(sources, key=lambda s: _RANK.get(s, 0), default=FIXED)


@lru_cache(maxsize=1)
def _foreign_letters() -> dict[str, str]:
    """``foreign_letters`` of ``translit.yml``: a letter -> the letters that may stand for
    its sound in another writing of a foreign name (ج -> غخ)."""
    data = load("translit") or {}
    out: dict[str, str] = {}
    for letter, others in (data.get("foreign_letters") or {}).items():
        if len(str(letter)) != 1 or not isinstance(others, list) or \
                not all(len(str(o)) == 1 for o in others):
            raise LexiconError(f"translit.yml: foreign_letters: '{letter}' must be a letter "
                               "with a list of letters")
        out[str(letter)] = "".join(str(o) for o in others)
    return out


def _writings(norm: str) -> list[str]:
    """Other writings of a normalised word under ``foreign_letters`` (جوزيه -> غوزيه،
    خوسيه, ...), at most three letters changed."""
    alts = _foreign_letters()
    spots = [i for i, c in enumerate(norm) if c in alts][:3]
    out = [norm]
    for i in spots:
        out = [w[:i] + c + w[i + 1:] for w in out for c in w[i] + alts[norm[i]]]
    return [w for w in out if w != norm]


def other_writing(word: str) -> tuple[str, int] | None:
    """The usual spelling of a foreign name word written with other letters for the same
    sound, when open data counts it at least ``VARIANT_GAIN`` times as often as the word's
    own usual spelling: ``other_writing("جوزيه")`` -> ``("josé", 468)`` (josiah: 10)."""
    word = _TASHKEEL.sub("", word)
    own = open_spellings(word)
    least = VARIANT_GAIN * max(own[0][1] if own else 0, 1)
    best: tuple[str, int] | None = None
    table = name_words()
    for other in _writings(normalize(word)):
        found = [s for s in table.get(other, ()) if ending_agrees(word, s[0])]
        if found and found[0][1] >= least and (best is None or found[0][1] > best[1]):
            best = found[0]
    return best


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    """``compounds`` (normalised two words -> English) and ``latin_letters`` (exact Arabic
    spelling without tashkeel -> Latin letter) of ``translit.yml``."""
    data = load("translit") or {}
    compounds: dict[str, str] = {}
    for ar, en in (data.get("compounds") or {}).items():
        key = " ".join(normalize(str(ar)).split())
        if len(key.split()) != 2 or not str(en).strip():
            raise LexiconError(f"translit.yml: compounds: '{ar}' must be two words with an "
                               "English spelling")
        compounds[key] = str(en).strip()
    letters: dict[str, str] = {}
    for latin, spellings in (data.get("latin_letters") or {}).items():
        if not (isinstance(latin, str) and len(latin) == 1 and latin.isupper()):
            raise LexiconError(f"translit.yml: latin_letters: '{latin}' is not a capital letter")
        for ar in spellings or []:
            ar = _TASHKEEL.sub("", str(ar))
            if ar in letters and letters[ar] != latin:
                raise LexiconError(f"translit.yml: latin_letters: '{ar}' is given for both "
                                   f"{letters[ar]} and {latin}")
            letters[ar] = latin
    return compounds, letters


@lru_cache(maxsize=1)
def _by_skeleton() -> dict[str, tuple[str, ...]]:
    """Words of ``name_words.tsv`` by their letters without long vowels (for spellings
    that write the vowels of a foreign name differently: اينيستا / انييستا)."""
    index: dict[str, list[str]] = {}
    for word in name_words():
        if len(word) >= 6:
            index.setdefault(_skeleton(word), []).append(word)
    return {k: tuple(v) for k, v in index.items()}


def _skeleton(norm: str) -> str:
    return norm[0] + "".join(c for c in norm[1:] if c not in _VOWELS)


def _near(norm: str) -> str | None:
    """The one word of the table at one edit (a swap of neighbours counts one) from
    ``norm`` with the same consonants in the same order, or None."""
    cands = _by_skeleton().get(_skeleton(norm), ())
    best = [w for w in cands if OSA.distance(norm, w, score_cutoff=1) <= 1]
    return best[0] if len(best) == 1 else None


@lru_cache(maxsize=16384)
def open_spellings(word: str) -> tuple[tuple[str, int], ...]:
    """Usual English spellings (lower case) of an Arabic name word in open data and their
    counts, most used first; a long foreign word written with its vowels elsewhere finds
    its neighbour. ``open_spellings("أبوت")`` -> ``(("abbott", 54),)``.
    """
    norm = normalize(_TASHKEEL.sub("", word))
    table = name_words()
    found = table.get(norm)
    if found or len(norm) < 6:
        return found or ()
    near = _near(norm)
    return table[near] if near else ()


#: Arabic letters that end a word on a consonant (ع and ح may end on a vowel sound).
_FINAL_CONSONANTS = frozenset("بتثجخدذرزسشصضطظغفقكلمنپچژڤگک")


def ending_agrees(arabic: str, latin: str) -> bool:
    """Does the end of ``latin`` agree with the last letter of the Arabic as written? A
    final ي is not read a/o/u (ى may be), a final consonant not a vowel:
    ``ending_agrees("منسي", "menassa")`` -> False."""
    last, end = arabic[-1:], _fold(latin)[-1:]
    if last == "ي":
        return end not in ("a", "o", "u")
    if last in _FINAL_CONSONANTS:
        return end not in ("a", "i", "o", "u", "y")
    return True


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def title(word: str) -> str:
    """A lower-case name word in its written case: ``o'brien`` -> ``O'Brien``,
    ``jean-yves`` -> ``Jean-Yves``, ``mcdonald`` -> ``McDonald``."""
    parts = re.split(r"([-'])", word)
    out = []
    for i, part in enumerate(parts):
        if part in "-'":
            out.append(part)
        elif i >= 2 and parts[i - 1] == "'" and len(parts[i - 2]) > 1:
            out.append(part)  # ma'mun: an apostrophe inside a word
        else:
            out.append(part[:1].upper() + part[1:])
    latin = "".join(out)
    if latin.startswith("Mc") and len(latin) > 3:
        latin = "Mc" + latin[2].upper() + latin[3:]
    return latin


def usual_spelling(word: str) -> str | None:
    """The English of one name word from open data, or None when the data has none: the
    letter rules' spelling when the data attests it, else the data's usual spelling."""
    word = _TASHKEEL.sub("", word)
    spellings = tuple(s for s in open_spellings(word) if ending_agrees(word, s[0]))
    if not spellings or (spellings[0][1] < 2 and len(normalize(word)) < LONG_WORD):
        return None
    rule = spell_letters(word)
    top = spellings[0][1]
    if any(_fold(s) == _fold(rule) and count * ATTESTED >= top for s, count in spellings):
        return rule
    return title(spellings[0][0])


@lru_cache(maxsize=8192)
def spell_name(name: str) -> Spelled:
    """English of an Arabic name and its source (see the module doc)."""
    compounds, letters = _tables()
    words = _TASHKEEL.sub("", name).split()
    out: list[str] = []
    sources: list[str] = []
    plain: list[tuple[int, str]] = []  #: words spelled from open data or by letters
    #: a word the archive spells (محمد، بن), one with ال, or one in ي its letter rules spell
    #: as open data does (رمزي; not مورا, which they spell as well) makes the name Arabic
    arabic = False
    i = 0
    while i < len(words):
        run = i
        while run < len(words) and words[run] in letters:
            run += 1
        if run - i >= 2:  # أيه بي سي -> ABC
            out.append("".join(letters[w] for w in words[i:run]))
            sources.append(FIXED)
            i = run
            continue
        nxt = words[i + 1] if i + 1 < len(words) else ""
        pair = f"{normalize(words[i])} {normalize(nxt)}"
        if nxt and pair in compounds:
            out.append(compounds[pair])
            sources.append(FIXED)
            i += 2
            continue
        word = words[i]
        if _LATIN.fullmatch(word):
            out.append(word if word.upper() != word.lower() and not word.islower()
                       else title(word))
            sources.append(FIXED)
            i += 1
            continue
        if normalize(word) == "عبد" and normalize(nxt).startswith("ال") and len(nxt) > 3:
            word, i = "عبد" + nxt, i + 1  # عبد العزيز -> Abdulaziz
        latin, source = spell_word(word, first=not out, lookup=usual_spelling)
        if source == FIXED:
            arabic = arabic or normalize(word) not in _FOREIGN_PARTICLES
        elif source == LOOKUP and normalize(word).endswith("ي") and \
                _fold(latin) == _fold(spell_letters(word)):
            arabic = True  # رمزي -> Ramzi: a word in ي that open data spells as the rules do
        else:
            plain.append((len(out), word))
        arabic = arabic or normalize(word).startswith(("ال", "عبد"))
        out.append(latin)
        sources.append(source)
        i += 1
    if not arabic:  # a foreign name: its words may be written with other letters
        for k, word in plain:
            other = other_writing(word)
            if other is not None:
                out[k], sources[k] = title(other[0]), LOOKUP
    return Spelled(" ".join(w for w in out if w), weakest(*sources))


#: Particles of foreign names (de, da, van, von, la, San...): they do not make a name Arabic.
_FOREIGN_PARTICLES = frozenset(normalize(w) for w in ("دي", "دى", "دو", "دا", "فان", "فون",
                                                       "لا", "سان", "سانت", "آند", "مار"))
