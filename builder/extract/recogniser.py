"""A recogniser that learns what a name looks like in context: a linear-chain CRF.

Every word of a paragraph, as the extractor sees it (the letter runs of
:func:`.gazetteer.paragraph`: normalised, proclitics written on, ``وبيروت``), is described
by :func:`features`, one pure function that serves both training (``tools/train_recogniser.py``
on NewsFANE Gold) and tagging. It reads the word, its affixes, its shape, the punctuation and
words around it, and the project's lists: gazetteer spellings, titles, speech verbs, head
words, nisbas, common words (``data/*.yml`` through :mod:`.lexicon`) and the person-name
words of open data (``data/name_words.tsv``, Wikidata person labels, through
:func:`.lexicon.name_words`).

:func:`tag` labels a paragraph with the model shipped in ``model/names.crfsuite`` (loaded
once, on first use), one sentence at a time, and returns every name span with its
confidence, the smallest marginal probability of the labels of its words:
``[(m.type, m.first, m.last) for m in tag(paragraph("قال الرئيس الفرنسي فرانسوا هولاند"))]``
-> ``[("person", 3, 4)]``.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .gazetteer import Hit, Paragraph, gazetteer_matcher
from .lexicon import Name, heads, name_words, nisbas, titles, words
from .wordclass import shape_classes

MODEL_DIR = Path(__file__).parent / "model"
#: The trained model (``make model`` rebuilds it; licence and figures in ``model/README.md``).
MODEL = MODEL_DIR / "names.crfsuite"

#: Label suffixes of the model -> entity types of the extractor.
TYPES = {"PER": "person", "LOC": "place", "ORG": "organization"}

#: Proclitic and article patterns written on a word, longest first.
_ARTICLES = ("وبال", "فبال", "وكال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال")
#: Punctuation of the gap between two words -> a one-letter class.
_GAP_CLASSES = (("،,؛;", ","), (".؟?!", "."), (":", ":"), ("«»\"“”„'‘’", "q"), ("([{", "("),
                (")]}", ")"), ("-–—_/", "-"), ("0123456789", "d"))


class _Word(NamedTuple):
    """What a word gives to its own features and to its neighbours' (made once per word)."""

    alone: tuple[str, ...]  #: its own features (see :func:`_word_features`)
    base: str  #: its form as a neighbour (without article)
    before: tuple[str, ...]  #: its lists as the word before (``T-1``)
    after: tuple[str, ...]  #: its lists as the word after (``T+1``)
    cue: str  #: "T" for a title word, "V" for a speech verb, both or neither


@dataclass(frozen=True)
class Sentence:
    """A paragraph prepared for :func:`features`: words, gap classes, gazetteer tags."""

    words: tuple[str, ...]  #: normalised words (letter runs)
    gaps: tuple[str, ...]  #: class of the text before each word, and after the last
    gaz: tuple[str, ...]  #: gazetteer tag of each word (``B-place``, ``I-person``) or ""
    info: tuple[_Word, ...]  #: what each word gives to its own and its neighbours' features


@dataclass(frozen=True)
class Mention:
    """A name the model found: type, words ``[first, last]``, confidence in [0, 1]."""

    type: str
    first: int
    last: int
    confidence: float


# --------------------------------------------------------------------------- features


def prepare(para: Paragraph, hits: Sequence[Hit] | None = None) -> Sentence:
    """The words of ``para`` with the classes of their gaps and their gazetteer tags
    (``hits``: the gazetteer's hits in ``para`` when they are at hand, else found here)."""
    n = len(para.texts)
    gaz = [""] * n
    for h in gazetteer_matcher().find(para) if hits is None else hits:
        types = sorted({p.type for p in h.payload if isinstance(p, Name)})
        t = "/".join(types)
        gaz[h.first] = "B-" + t
        for k in range(h.first + 1, h.last + 1):
            gaz[k] = "I-" + t
    return Sentence(tuple(para.texts), tuple(map(_gap_class, para.gaps)), tuple(gaz),
                    tuple(map(_word, para.texts)))


def features(s: Sentence, k: int) -> list[str]:
    """Features of word ``k`` of ``s`` (a pure function of the sentence and the lists):
    distinct names, each with the value 1.0 (crfsuite reads a list of names so, and takes
    it faster than a dict).

    ``features(prepare(paragraph("قال الرئيس بوتين")), 2)`` holds ``"w=بوتين"``, ``"T-1"``
    (the word before is a title word) and ``"tp"`` (a title precedes).
    """
    info = s.info
    n = len(info)
    gaz = s.gaz
    gaps = s.gaps
    f = [*info[k].alone, "g-=" + gaps[k], "g+=" + gaps[k + 1]]
    if gaz[k]:
        f.append("gz=" + gaz[k])
    if k >= 2:
        before2 = info[k - 2]
        f.append("w-2=" + before2.base)
    else:
        before2 = None
        f.append("w-2=<s>")
    if k >= 1:
        before = info[k - 1]
        f.append("w-1=" + before.base)
        f += before.before
        if gaz[k - 1]:
            f.append("gz-1=" + gaz[k - 1])
        # a title or a speech verb within two words before, nothing but spaces between
        if gaps[k] in ("", "q"):
            cue = before.cue
            if before2 is not None and gaps[k - 1] in ("", "q"):
                cue += before2.cue
            if "T" in cue:
                f.append("tp")
            if "V" in cue:
                f.append("vp")
    else:
        f.append("w-1=<s>")
    if k + 1 < n:
        after = info[k + 1]
        f.append("w+1=" + after.base)
        f += after.after
        if gaz[k + 1]:
            f.append("gz+1=" + gaz[k + 1])
    else:
        f.append("w+1=</s>")
    f.append("w+2=" + info[k + 2].base if k + 2 < n else "w+2=</s>")
    return f


@lru_cache(maxsize=1 << 16)
def _word(word: str) -> _Word:
    """What ``word`` gives to its own features and to its neighbours'."""
    flags = _flags(word)
    cue = "".join(c for c in "TV" if c in flags)
    shaped = flags + _shapes(word)  # the word's lists and shapes, its own and as a neighbour
    return _Word(_word_features(word, shaped), _base(word), _NEIGHBOUR_FLAGS[shaped, "-1"],
                 _NEIGHBOUR_FLAGS[shaped, "+1"], cue)


def _shapes(word: str) -> str:
    """Shape templates of :mod:`.wordclass` the word fits, as lower-case flags: the word
    without its article for nouns, verbal nouns and adjectives (``الاجتماع`` -> ``m``), the
    word itself for verbs."""
    base = _base(word)
    out = [c for c in shape_classes(base) if c != "v"]
    if "v" in shape_classes(word):
        out.append("v")
    return "".join(out)


class _FlagNames(dict):
    """(flags, "-1"|"+1") -> the features of a neighbour's lists, made once: ``C-1``."""

    def __missing__(self, key: tuple[str, str]) -> tuple[str, ...]:
        flags, offset = key
        value = self[key] = tuple(flag + offset for flag in flags)
        return value


_NEIGHBOUR_FLAGS = _FlagNames()


def sentence_features(s: Sentence) -> list[list[str]]:
    """:func:`features` of every word of ``s``."""
    return [features(s, k) for k in range(len(s.words))]


@lru_cache(maxsize=8192)
def _gap_class(gap: str) -> str:
    """``"، «"`` -> ``",q"``; spaces only -> ``""``."""
    return "".join(c for chars, c in _GAP_CLASSES if any(ch in gap for ch in chars))


def _forms(word: str) -> tuple[str, ...]:
    """The word, without a conjunction و/ف, and without its article: ``والرئيس`` ->
    (والرئيس, الرئيس, رئيس)."""
    out = [word]
    if len(word) >= 4 and word[0] in "وف":
        out.append(word[1:])
    base = _base(word)
    if base not in out:
        out.append(base)
    return tuple(out)


@lru_cache(maxsize=65536)
def _base(word: str) -> str:
    """The word without proclitics and article: ``للرئيس`` -> ``رئيس`` (else the word)."""
    for a in _ARTICLES:
        if word.startswith(a) and len(word) - len(a) >= 2:
            return word[len(a):]
    return word


def _flags(word: str) -> str:
    """One letter per list that holds one of the word's forms (see :func:`_word_features`),
    in the order of :func:`lists`."""
    of = _flags_of()
    found = "".join(of.get(x, "") for x in _forms(word))
    return "".join(flag for flag, _ in lists() if flag in found) if found else ""


@lru_cache(maxsize=1)
def _flags_of() -> dict[str, str]:
    """Every word of :func:`lists` -> the flags of the lists that hold it."""
    out: dict[str, str] = {}
    for flag, members in lists():
        for w in members:
            out[w] = out.get(w, "") + flag
    return out


def _word_features(word: str, flags: str) -> tuple[str, ...]:
    """Features of the word alone: forms, affixes, shape, lists, open-names frequency."""
    forms = _forms(word)
    base = _base(word)
    f = ["bias", "w=" + word]
    if len(forms) > 1 and forms[1] != base:
        f.append("c=" + forms[1])
    if base != word:
        f.append("b=" + base)
        f.append(sys.intern("a=" + word[: len(word) - len(base)]))
    # features many words share are stored once (the cache of :func:`_word` stays small)
    f += map(sys.intern, ("p2=" + word[:2], "p3=" + word[:3], "s2=" + word[-2:],
                          "s3=" + word[-3:], "bp2=" + base[:2]))
    if word.isascii():
        f.append("latin")
        if word[:1].isupper():
            f.append("cap")
    f.append(_LENGTHS[min(len(base), 8)])
    f += flags
    counts = person_words()
    count = max(counts.get(x, 0) for x in forms)
    if count:
        f.append(_COUNTS[min(int(math.log10(count)) + 1, 4)])
    return tuple(f)


_LENGTHS = tuple(f"len={n}" for n in range(9))
_COUNTS = tuple(f"on={n}" for n in range(5))


@lru_cache(maxsize=1)
def lists() -> tuple[tuple[str, frozenset[str]], ...]:
    """(flag, normalised words) of the project's lists the features look words up in."""
    t = titles()
    h = heads()
    function = words("function")
    title_words = frozenset(w for title in t.titles for w in title.split()) - function
    common = words("verbs") | words("nouns") | words("adjectives")
    return (
        ("T", title_words),
        ("V", frozenset(t.speech_verbs)),
        ("K", frozenset(t.connectors)),
        ("F", function),
        ("C", common),
        ("D", words("time")),
        ("H", frozenset(h.orgs)),
        ("P", frozenset(h.places) | h.plural_places),
        ("S", frozenset(nisbas())),
    )


@lru_cache(maxsize=1)
def person_words() -> dict[str, int]:
    """Normalised person-name word -> how many Wikidata person labels use it, whatever its
    English (``data/name_words.tsv``): ``person_words()["توني"]`` -> ``302``."""
    return {word: sum(c for _, c in spellings) for word, spellings in name_words().items()}


# --------------------------------------------------------------------------- tagging


@lru_cache(maxsize=1)
def _model() -> tuple[object, bytes]:
    """The model, read once per process, with the bytes it reads from (crfsuite keeps no
    reference to them: they must live as long as the tagger)."""
    import pycrfsuite

    data = MODEL.read_bytes()
    tagger = pycrfsuite.Tagger()
    tagger.open_inmemory(data)
    return tagger, data


def _tagger():
    return _model()[0]


def tag(para: Paragraph, hits: Sequence[Hit] | None = None) -> list[Mention]:
    """Names in ``para`` with their confidence, in text order (``hits``: see
    :func:`prepare`)."""
    if not para.texts:
        return []
    tagger = _tagger()
    whole = prepare(para, hits)
    out: list[Mention] = []
    for a, b in sentences(whole):
        labels = tagger.tag(sentence_features(_part(whole, a, b)))
        out += [Mention(typ, a + first, a + last,
                        min(tagger.marginal(labels[k], k) for k in range(first, last + 1)))
                for typ, first, last in spans(labels)]
    return out


#: The most words tagged at once (the training sentences have 35 on average): a paragraph
#: is tagged sentence by sentence, as the model was trained, and memory stays small.
MAX_WORDS = 150


def sentences(s: Sentence) -> list[tuple[int, int]]:
    """Word ranges ``[a, b)`` of the sentences of ``s``: cut after a word followed by a full
    stop, a question or an exclamation mark, and every :data:`MAX_WORDS` words."""
    out = []
    a = 0
    n = len(s.words)
    for k in range(n):
        if "." in s.gaps[k + 1] or k + 1 - a >= MAX_WORDS:
            out.append((a, k + 1))
            a = k + 1
    if a < n:
        out.append((a, n))
    return out


def _part(s: Sentence, a: int, b: int) -> Sentence:
    if a == 0 and b == len(s.words):
        return s
    return Sentence(s.words[a:b], s.gaps[a:b + 1], s.gaz[a:b], s.info[a:b])


def spans(labels: list[str]) -> list[tuple[str, int, int]]:
    """``(type, first, last)`` of the names of a BIO label sequence (an I- after O or
    another type starts a name): ``spans(["O", "B-PER", "I-PER"])`` -> ``[("person", 1, 2)]``.
    """
    out: list[tuple[str, int, int]] = []
    cur: list = []
    for k, label in enumerate([*labels, "O"]):
        kind, _, typ = label.partition("-")
        if cur and (kind != "I" or typ != cur[0]):
            out.append((TYPES[cur[0]], cur[1], k - 1))
            cur = []
        if kind in ("B", "I") and not cur:
            cur = [typ, k]
    return out
