"""Generated Arabic headline and summary.

A header ``title`` wins. Otherwise the headline is cut from the lead sentence: at most
``max_words`` words (``data/headline.yml``), ending at a clause boundary (a comma, a
semicolon or a clause opener such as "لكن", "مما", "مؤكدا") when one leaves enough words,
and never on a dangling conjunction or preposition. Datelines and bylines before the lead
("سبق- الرياض:", "الدمام 25 شوال 1436 هـ ... واس") are skipped. The summary is the lead's
first one or two sentences. Both are slices of the editor's original words. The English
title is the header's ``title_en`` (the English helper writes generated ones).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..clean import sentence_spans
from ..model import Article, Entity
from ..normalize import normalize
from ._data import load, normalized
from .dates import date_spans

#: A lead paragraph shorter than this (in words) is a dateline or a byline.
MIN_LEAD_WORDS = 6
#: A short first paragraph with a date and no full stop is a dateline.
MAX_DATELINE_PARAGRAPH = 16
#: A "place - agency:" prefix is at most this many words long.
MAX_DATELINE_WORDS = 6
_DATELINE = re.compile(r"^[^.:!?؟\n]{1,60}?(?:\s[-–—]\s?|[-–—]\s|:\s)")
_TRIM = " \t،,.:؛;-–—\"'«»“”()"
_TRIM_EDGE = " \t،,.:؛;-–—"
_SENTENCE_END = "." + "!?؟"


@lru_cache(maxsize=1)
def _tables() -> dict[str, object]:
    data = load("headline.yml")
    openers = normalized(data["clause_openers"])
    return {
        "dangling": set(normalized(data["dangling"])),
        "openers": [tuple(o.split()) for o in openers],
        #: the openers grouped by their length in words, for set lookups
        "opener_sets": {
            n: frozenset(t for t in (tuple(o.split()) for o in openers) if len(t) == n)
            for n in sorted({len(o.split()) for o in openers})
        },
        "max": data["max_words"],
        "min": data["min_words"],
        "summary_max": data["summary_max_words"],
    }


def _lead(article: Article) -> str:
    """The first real paragraph, with any dateline prefix removed."""
    for paragraph in article.paragraphs:
        n = len(paragraph.split())
        if n < MIN_LEAD_WORDS:
            continue
        if n <= MAX_DATELINE_PARAGRAPH and date_spans(normalize(paragraph)) and \
                paragraph.rstrip()[-1:] not in _SENTENCE_END:
            continue  # "جدة 25 شوال 1436هـ الموافق 10 أغسطس 2015م واس"
        text = paragraph.strip()
        for _ in range(2):  # "سبق- الرياض: ..."
            m = _DATELINE.match(text)
            if not (m and len(m.group().split()) <= MAX_DATELINE_WORDS):
                break
            rest = text[m.end():].strip()
            if len(rest.split()) < MIN_LEAD_WORDS:
                break
            text = rest
        return text
    return article.paragraphs[0].strip() if article.paragraphs else ""


def _first_sentences(text: str, count: int) -> list[str]:
    """The first ``count`` sentences that have at least three words ("..." is not one)."""
    sentences = [text[s:e] for s, e in sentence_spans(text)]
    return [t for t in sentences if len(re.findall(r"\w+", t)) >= 3][:count]


def _cut(sentence: str, max_words: int, min_words: int) -> str:
    """At most ``max_words`` words of ``sentence``, ending at a clause boundary if possible."""
    tab = _tables()
    words = sentence.split()
    if len(words) <= max_words:
        return _drop_dangling(words)
    norms = [normalize(w).strip(_TRIM) for w in words]
    opener_sets = tab["opener_sets"]
    best = 0
    for i in range(min_words, max_words + 1):
        # boundary after word i-1: a comma/semicolon on it, or a clause opener at word i
        ends_clause = words[i - 1][-1:] in "،,؛;:"
        opens = i >= len(words) or any(
            tuple(norms[i:i + n]) in group for n, group in opener_sets.items()
        )
        if ends_clause or opens:
            best = i
    chosen = words[:best] if best else words[:max_words]
    return _drop_dangling(chosen)


def _drop_dangling(words: list[str]) -> str:
    """Drop trailing dangling words and any quote or bracket left open by the cut."""
    dangling = _tables()["dangling"]
    words = list(words)
    while True:
        while len(words) > 1 and normalize(words[-1]).strip(_TRIM) in dangling:
            words.pop()
        text = " ".join(words)
        cut = _unbalanced(text)
        if cut is None or cut == 0:
            return text.strip(_TRIM_EDGE)
        words = text[:cut].split()


def _unbalanced(text: str) -> int | None:
    """Offset of a quote mark or bracket that ``text`` opens and never closes."""
    stack: list[tuple[str, int]] = []
    pairs = {"»": "«", ")": "(", "”": "“"}
    for i, ch in enumerate(text):
        if ch in "«(“":
            stack.append((ch, i))
        elif stack and stack[-1][0] in (pairs.get(ch), ch if ch in "\"”" else None):
            stack.pop()
        elif ch in "\"”":
            stack.append((ch, i))
    return stack[0][1] if stack else None


def make_headline(article: Article, entities: tuple[Entity, ...]) -> tuple[str, str | None]:
    """``(title_ar, title_en)``; a header title wins.

    ``"أثنى الرئيس الروسي فلاديمير بوتين على نتائج الغارات الجوية الروسية ضد الإرهابيين في
    سوريا، لكنه أشار ..."`` -> ``"أثنى الرئيس الروسي فلاديمير بوتين على نتائج الغارات الجوية
    الروسية ضد الإرهابيين في سوريا"`` (14 words, cut at the comma).
    """
    if article.header.title:
        return article.header.title, article.header.title_en
    tab = _tables()
    sentences = _first_sentences(_lead(article), 1)
    title = _cut(sentences[0], tab["max"], tab["min"]) if sentences else ""
    return title, article.header.title_en


def make_summary(article: Article, entities: tuple[Entity, ...]) -> tuple[str, str | None]:
    """``(summary_ar, summary_en)``: the lead's first one or two sentences.

    A short first sentence (under half the limit) is followed by the second; a long one is
    cut at a clause boundary and ends with "…".
    """
    tab = _tables()
    limit = tab["summary_max"]
    sentences = _first_sentences(_lead(article), 2)
    if not sentences:
        return "", None
    first = sentences[0].strip()
    n = len(first.split())
    if n > limit:
        return _cut(first, limit, limit // 2) + " …", None
    if n < limit // 2 and len(sentences) > 1 and n + len(sentences[1].split()) <= limit:
        return f"{first} {sentences[1].strip()}", None
    return first, None
