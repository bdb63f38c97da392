"""The clause of a sentence that carries a date: what a timeline entry shows.

``date_clause(text, start, end)`` returns the editor's words around ``text[start:end]``:
the whole sentence when it has at most ``event_max_words`` words (``data/headline.yml``),
otherwise the clause holding the date, widened by its neighbouring clauses (the one
before first: it usually names who acted) while the words fit. Clauses end at a comma, a
semicolon, a colon, a bracket or before a clause opener ("حيث", "فيما", "مشيرا"); a
clause longer than the limit is cut around the date and marked with "…". Never ends on
a dangling word ("و", "في", "الذي").
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..clean import sentence_spans
from ..normalize import normalize
from ._data import load, normalized

_WORD = re.compile(r"\S+")
_PUNCT = "،,؛;:()«»\"“”.!?؟…-–—"
_ENDS_CLAUSE = "،,؛;:)"


@lru_cache(maxsize=1)
def _tables() -> dict[str, object]:
    data = load("headline.yml")
    return {
        "openers": set(normalized(data["clause_openers"])),
        "dangling": set(normalized(data["dangling"])),
        "max_words": data["event_max_words"],
    }


def _sentence(text: str, start: int) -> tuple[int, int]:
    for s, e in sentence_spans(text):
        if s <= start < e:
            return s, e
    return 0, len(text)


def date_clause(text: str, start: int, end: int) -> str:
    """The words of ``text`` (one paragraph) that say what happened on the date at
    ``text[start:end]``, at most ``event_max_words`` of them (plus "…" where cut)."""
    tab = _tables()
    limit: int = tab["max_words"]
    s, e = _sentence(text, start)
    words = [(m.start() + s, m.end() + s) for m in _WORD.finditer(text[s:e])]
    if len(words) <= limit:
        return text[s:e].strip()
    first = next((i for i, (a, b) in enumerate(words) if b > start), 0)
    last = max(first, next((i for i in range(len(words) - 1, -1, -1) if words[i][0] < end),
                           first))
    # clause starts: after a comma/semicolon/colon/bracket, or at a clause opener
    starts = [0]
    for i in range(1, len(words)):
        prev = text[words[i - 1][0]:words[i - 1][1]]
        word = normalize(text[words[i][0]:words[i][1]].strip(_PUNCT))
        pair = f"{word} {normalize(text[words[i + 1][0]:words[i + 1][1]])}" \
            if i + 1 < len(words) else ""
        if prev[-1:] in _ENDS_CLAUSE or text[words[i][0]] == "(" or word in tab["openers"] \
                or pair in tab["openers"]:
            starts.append(i)
    bounds = [*starts, len(words)]
    segs = [(bounds[k], bounds[k + 1]) for k in range(len(starts))]
    lo = max(k for k, (a, _b) in enumerate(segs) if a <= first)
    hi = max(k for k, (a, _b) in enumerate(segs) if a <= last)
    a, b = segs[lo][0], segs[hi][1]
    if b - a > limit:  # the date's own clause is too long: a window around the date
        a = max(a, min(first - limit // 3, b - limit))
        b = min(b, a + limit)
        a = max(segs[lo][0], min(a, first))
    else:
        grew = True
        while grew:
            grew = False
            if lo > 0 and b - segs[lo - 1][0] <= limit:
                lo -= 1
                a = segs[lo][0]
                grew = True
            elif hi + 1 < len(segs) and segs[hi + 1][1] - a <= limit:
                hi += 1
                b = segs[hi][1]
                grew = True
    while b - a > 1 and normalize(text[words[b - 1][0]:words[b - 1][1]].strip(_PUNCT)) \
            in tab["dangling"] and b - 1 > last:
        b -= 1
    out = text[words[a][0]:words[b - 1][1]].strip(" " + _ENDS_CLAUSE)
    if a > 0:
        out = "… " + out.lstrip(_PUNCT + " ")
    if b < len(words):
        out = out.rstrip(_PUNCT + " ") + " …"
    return out
