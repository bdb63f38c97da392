"""Find known names in a paragraph: Aho-Corasick over normalised spellings.

A paragraph is normalised for matching (:func:`builder.normalize.normalize_with_map`) and
cut into letter tokens. Matching runs over the tokens written together ("compact" text),
so that merged words (الولاياتالمتحدة, موسكووواشنطن) are found too; a hit is kept when it
starts a word (after the proclitics و ف ب ل ك, or after another name: موسكوو|واشنطن) and
ends one. Longest hits win (جامعة الدول العربية beats الدول العربية).

``[h.key for h in Matcher({"موسكو": 1}).find(paragraph("وموسكو"))]`` -> ``["موسكو"]``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, chain
from typing import NamedTuple

import ahocorasick
from rapidfuzz.distance import Levenshtein

from ._data import norm_map
from .lexicon import Name, gazetteer

_LETTERS = re.compile(r"[^\W\d_]+")
#: Proclitics written onto a word before a name: و ف ب ل ك and their pairs.
PROCLITICS = frozenset({"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"})
#: Proclitics before a name whose article's alef was dropped after ل (للرقة = ل + الرقة).
_LAM_PROCLITICS = frozenset({"ل", "ول", "فل"})
#: Shortest spelling (letters) the automaton accepts.
MIN_KEY = 3


class Token(NamedTuple):
    """One run of letters of the normalised paragraph."""

    text: str
    start: int  #: offset in the normalised paragraph
    end: int


class _Tokens(Sequence[Token]):
    """The tokens of a paragraph, made on demand from its parallel lists."""

    __slots__ = ("_texts", "_starts", "_ends")

    def __init__(self, texts: list[str], starts: list[int], ends: list[int]) -> None:
        self._texts, self._starts, self._ends = texts, starts, ends

    def __len__(self) -> int:
        return len(self._texts)

    def __getitem__(self, k):  # type: ignore[override]
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        return Token(self._texts[k], self._starts[k], self._ends[k])


@dataclass
class Paragraph:
    """A paragraph prepared for matching: original, normalised form, offset map, tokens."""

    index: int
    original: str
    norm: str
    omap: list[int]
    texts: list[str]  #: the letter runs (words) of the normalised text
    starts: list[int]  #: normalised offset where each word starts
    ends: list[int]
    compact: str  #: the words written together
    cstarts: list[int]  #: compact offset of every word
    gaps: list[str]  #: gaps[k]: normalised text between word k-1 and word k

    @property
    def tokens(self) -> _Tokens:
        return _Tokens(self.texts, self.starts, self.ends)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of normalised ``[start, end)``."""
        return self.omap[start], self.omap[end - 1] + 1 if end > start else self.omap[start]


def paragraph(text: str, index: int = 0) -> Paragraph:
    """Prepare ``text`` for matching: ``paragraph("في سوريا").tokens[1].text`` -> ``"سوريا"``."""
    norm, offsets = norm_map(text)  # cached: dates, figures and quotes read it too
    omap = list(offsets)
    texts = _LETTERS.findall(norm)
    gaps = _LETTERS.split(norm)
    bounds = list(accumulate(chain.from_iterable(zip(map(len, gaps), map(len, texts), strict=False))))
    starts, ends = bounds[0::2], bounds[1::2]
    cstarts = list(accumulate(map(len, texts), initial=0))
    cstarts.pop()
    return Paragraph(index, text, norm, omap, texts, starts, ends, "".join(texts), cstarts,
                     gaps)


@dataclass(frozen=True)
class Hit:
    """A matched spelling: tokens ``[first, last]`` and normalised offsets ``[start, end)``."""

    first: int
    last: int
    start: int
    end: int
    key: str  #: the normalised spelling matched (with spaces)
    payload: tuple[Hashable, ...]
    prefix: str = ""  #: proclitic letters written before it in the same word
    fuzzy: bool = False

    @property
    def length(self) -> int:
        return self.end - self.start


@dataclass
class Matcher:
    """An Aho-Corasick automaton over normalised phrases, each with payloads."""

    phrases: dict[str, tuple[Hashable, ...]]
    _automaton: ahocorasick.Automaton = field(init=False, repr=False)

    def __post_init__(self) -> None:
        auto = ahocorasick.Automaton()
        merged: dict[str, tuple[str, tuple[Hashable, ...], frozenset[int], bool]] = {}

        def add(key: str, phrase: str, payload: tuple[Hashable, ...], cuts: frozenset[int],
                lam: bool) -> None:
            # spellings that differ only in spaces (عبدربه / عبد ربه) share one key
            old = merged.get(key)
            if old is not None:
                payload = old[1] + tuple(p for p in payload if p not in old[1])
                cuts = old[2] | cuts
            merged[key] = (phrase, payload, cuts, lam)

        for phrase, payload in self.phrases.items():
            words = phrase.split()
            compact = "".join(words)
            if len(compact) < MIN_KEY:
                continue
            cuts = frozenset(_cuts(words))
            add(compact, phrase, payload, cuts, False)
            if compact.startswith("ال") and len(compact) > MIN_KEY + 1:
                # للرقة: the proclitic ل swallows the alef of the article.
                add(compact[1:], phrase, payload, frozenset(c - 1 for c in cuts), True)
        for key, value in merged.items():
            auto.add_word(key, value)
        if len(auto):
            auto.make_automaton()
        self._automaton = auto

    def find(self, para: Paragraph, longest: bool = True) -> list[Hit]:
        """Hits in ``para``; with ``longest``, overlapping hits are resolved longest first."""
        if not para.texts or not len(self._automaton):
            return []
        raw = []
        for end_idx, (phrase, payload, cuts, lam) in self._automaton.iter(para.compact):
            length = len(phrase) - phrase.count(" ") - (1 if lam else 0)
            cs = end_idx - length + 1
            hit = _place(para, cs, end_idx + 1, phrase, payload, cuts, lam)
            if hit is not None:
                raw.append(hit)
        hits = _merged_words(para, raw)
        return select_longest(hits) if longest else hits


def _cuts(words: list[str]) -> Iterable[int]:
    pos = 0
    for w in words[:-1]:
        pos += len(w)
        yield pos


def _place(para: Paragraph, cs: int, ce: int, phrase: str, payload: tuple[Hashable, ...],
           cuts: frozenset[int], lam: bool) -> tuple[Hit, bool, bool] | None:
    """Check word boundaries of a compact match; returns the hit and boundary flags."""
    first = bisect_right(para.cstarts, cs) - 1
    last = bisect_right(para.cstarts, ce - 1) - 1
    for k in range(first + 1, last + 1):
        # a word boundary of the text inside the match must be a space of the phrase
        if para.cstarts[k] - cs not in cuts or para.gaps[k].strip():
            return None
    prefix = para.texts[first][: cs - para.cstarts[first]]
    end_in_word = ce - para.cstarts[last]
    start = para.starts[first] + len(prefix)
    end = para.starts[last] + end_in_word
    starts_ok = (prefix in _LAM_PROCLITICS) if lam else (prefix in PROCLITICS)
    ends_ok = end_in_word == len(para.texts[last])
    hit = Hit(first, last, start, end, phrase, payload, prefix)
    return hit, starts_ok, ends_ok


def _merged_words(para: Paragraph, raw: list[tuple[Hit, bool, bool]]) -> list[Hit]:
    """Keep hits with good boundaries, and pairs of names written as one word."""
    good = [h for h, s, e in raw if s and e]
    partial = [(h, s, e) for h, s, e in raw if not (s and e)]
    if not partial:
        return good
    starts = {h.start: h for h, _, _ in raw}
    ends = {h.end: h for h, _, _ in raw}
    for h, s, e in partial:
        if h.first != h.last or len(h.key) < 4:
            continue
        if not s:
            before = para.norm[para.starts[h.first]:h.start]
            if not any(before[: len(before) - len(p)] and h.start - len(p) in ends
                       for p in PROCLITICS if before.endswith(p)):
                continue
        if not e and not any(h.end + len(p) in starts for p in ("", "و")):
            continue
        good.append(h)
    return good


def select_longest(hits: list[Hit]) -> list[Hit]:
    """Drop hits overlapping a longer (then earlier) one; result in text order."""
    chosen: list[Hit] = []
    taken: list[tuple[int, int]] = []
    for h in sorted(hits, key=lambda h: (-h.length, h.start)):
        if any(h.start < e and s < h.end for s, e in taken):
            continue
        chosen.append(h)
        taken.append((h.start, h.end))
    return sorted(chosen, key=lambda h: h.start)


# --------------------------------------------------------------------------- gazetteer


@lru_cache(maxsize=1)
def gazetteer_matcher() -> Matcher:
    """The automaton over every spelling of every gazetteer entry (built once)."""
    phrases: dict[str, list[Name]] = {}
    for name in gazetteer():
        for v in name.variants:
            lst = phrases.setdefault(v, [])
            if name not in lst:
                lst.append(name)
    return Matcher({k: tuple(v) for k, v in phrases.items()})


@lru_cache(maxsize=1)
def _fuzzy_index() -> dict[str, tuple[tuple[Name, tuple[str, ...], int], ...]]:
    """Word of a multi-word person name -> (entry, words of the spelling, position)."""
    index: dict[str, list[tuple[Name, tuple[str, ...], int]]] = {}
    for name in gazetteer():
        if name.type != "person":
            continue
        for v in name.variants:
            words = tuple(v.split())
            if len(words) < 2:
                continue
            for i, w in enumerate(words):
                if len(w) >= 4:
                    index.setdefault(w, []).append((name, words, i))
    # a word shared by many names (محمد، الملك) says too little to start a fuzzy match
    return {k: tuple(v) for k, v in index.items() if len({e[0] for e in v}) <= 2}


@lru_cache(maxsize=1)
def _fuzzy_words() -> frozenset[str]:
    return frozenset(_fuzzy_index())


def _close(a: str, b: str) -> bool:
    """Same name word with a small typo: one edit (two for long words)."""
    if a == b:
        return True
    if len(b) < 5 or abs(len(a) - len(b)) > 2:
        return False
    limit = 2 if len(b) >= 9 else 1
    return Levenshtein.distance(a, b, score_cutoff=limit) <= limit


def fuzzy_people(para: Paragraph, taken: list[Hit]) -> list[Hit]:
    """Known multi-word names with a typo in one word: فلادمير بوتين -> Vladimir Putin."""
    index = _fuzzy_index()
    if _fuzzy_words().isdisjoint(para.texts):
        return []
    toks = para.tokens
    present = index.keys() & set(para.texts)
    covered = {k for h in taken for k in range(h.first, h.last + 1)}
    out: list[Hit] = []
    for k, text in enumerate(para.texts):
        if text not in present:
            continue
        entries = index[text]
        for name, words, pos in entries:
            first = k - pos
            last = first + len(words) - 1
            if first < 0 or last >= len(toks):
                continue
            span = range(first, last + 1)
            if any(j in covered for j in span if j != k) and not all(j in covered for j in span):
                continue
            if all(j in covered for j in span):
                continue
            if any(para.gaps[j].strip() for j in range(first + 1, last + 1)):
                continue
            texts = [toks[j].text for j in span]
            text0 = texts[0]
            prefix = ""
            if text0 != words[0] and len(text0) > 1 and text0[0] in "وفبل" and \
                    _close(text0[1:], words[0]):
                prefix, texts[0] = text0[0], text0[1:]
            if texts == list(words) or not all(_close(t, w) for t, w in zip(texts, words,
                                                                             strict=True)):
                continue
            start = toks[first].start + len(prefix)
            out.append(Hit(first, last, start, toks[last].end, " ".join(words), (name,),
                           prefix, fuzzy=True))
            covered.update(span)
            break
    return out
