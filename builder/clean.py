"""Turn a decoded :class:`Source` into a clean :class:`Article` (pure functions).

Cleaning never changes the editor's spelling. It only:

* normalises line ends and white space, removes bidi/zero-width controls from display;
* drops web boilerplate paragraphs (``اضف تعليق``...), listed in ``data/boilerplate.yml``;
* drops sentences and paragraphs that repeat earlier text of the same article;
* splits a long one-paragraph article into readable paragraphs at sentence ends.

Every change is recorded in ``Article.notes`` for the build log.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from .corpus import ArticleError
from .model import Article, Source
from .normalize import display_safe, normalize

_DATA = Path(__file__).parent / "data"

#: Sentence end: . ! ? ؟ (not decimals like 1.2), possibly closed by a quote/bracket.
#: A match starts only at the first mark of a run (or the second after a digit) and the
#: runs are possessive, so a long run of marks is scanned once, not once per mark. The
#: pattern opens with a mark (the look-behinds test the characters before that mark), so
#: the regex engine skips quickly to the next mark.
_MARKS = ".!?؟…"
_SENTENCE_END = re.compile(
    rf"[{_MARKS}](?:(?<![{_MARKS}\d][{_MARKS}])|(?<=\d[{_MARKS}][{_MARKS}]))[{_MARKS}]*+(?!\d)"
    rf"[\"'»”’)\]]*+(?=\s|$)"
)
_WORD = re.compile(r"[\w\u0600-\u06FF]+")

#: A paragraph longer than this (in words) is split at sentence ends.
LONG_PARAGRAPH_WORDS = 90
#: Target paragraph length when splitting.
TARGET_PARAGRAPH_WORDS = 55
#: A sentence whose word shingles appeared earlier at least this much is a repeat.
REPEAT_CONTAINMENT = 0.8
_SHINGLE = 3
#: A repeated clause inside a sentence is dropped only from this length (in words) on.
MIN_REPEATED_CLAUSE_WORDS = 8
_CLAUSE = re.compile(r"((?<!\d)[،,](?!\d)\s*)")


@lru_cache(maxsize=1)
def boilerplate_phrases() -> tuple[str, ...]:
    """Normalised boilerplate phrases from ``data/boilerplate.yml``."""
    with open(_DATA / "boilerplate.yml", encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    return tuple(sorted({_key(p) for p in data.get("phrases", [])}))


def _key(text: str) -> str:
    """Matching key of a short text: normalised words joined by spaces."""
    return " ".join(_WORD.findall(normalize(text)))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence boundaries in ``text`` as (start, end) offsets.

    A full stop inside an open quotation («…» or “…”) does not end the sentence when the
    quotation closes within :data:`MAX_QUOTE_CHARS`, so quotes stay whole.
    ``sentence_spans("قال بوتين. وأضاف")`` -> ``[(0, 10), (11, 16)]``.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end()
        if end <= start or _inside_quote(text, start, end):
            continue
        if text[start:end].strip():
            spans.append(_trim(text, start, end))
        start = end
    if text[start:].strip():
        spans.append(_trim(text, start, len(text)))
    return spans


#: A quotation longer than this is not kept in one sentence (unbalanced marks).
MAX_QUOTE_CHARS = 600
_QUOTE_PAIRS = (("«", "»"), ("“", "”"))


def _inside_quote(text: str, start: int, end: int) -> bool:
    """True when ``end`` falls inside a quotation opened after ``start`` that closes soon."""
    if end - start > 2 * MAX_QUOTE_CHARS:
        return False  # keeps the scan linear on hostile input
    window = text[start:end]
    for opening, closing in _QUOTE_PAIRS:
        if window.count(opening) > window.count(closing):
            close = text.find(closing, end, end + MAX_QUOTE_CHARS)
            if close != -1:
                return True
    return False


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def normalize_whitespace(text: str) -> str:
    """Unify line ends, drop display-spoofing controls, collapse runs of spaces.

    ``normalize_whitespace("أ  ب\\r\\n")`` -> ``"أ ب\\n"``.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n\n")
    text = display_safe(text)
    text = re.sub(r"[ \t\u00a0\u3000\f\v]+", " ", text)
    return "\n".join(line.strip() for line in text.split("\n"))


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs are lines; blank lines between them are optional."""
    return [line for line in text.split("\n") if line.strip()]


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    if len(words) < _SHINGLE:
        return {tuple(words)} if words else set()
    # (w0, w1, w2), (w1, w2, w3)...: the shorter tails end the zip
    return set(zip(*(words[i:] for i in range(_SHINGLE)), strict=False))


def _drop_repeats(paragraphs: list[str], notes: list[str]) -> list[str]:
    """Drop sentences, trailing clauses and paragraphs that repeat earlier text."""
    seen: set[tuple[str, ...]] = set()
    kept_paragraphs: list[str] = []
    for p_index, paragraph in enumerate(paragraphs, 1):
        kept: list[str] = []
        for start, end in sentence_spans(paragraph):
            sentence = paragraph[start:end]
            shingles = _shingles(_WORD.findall(normalize(sentence)))
            if len(shingles) >= 2 and _containment(shingles, seen) >= REPEAT_CONTAINMENT:
                notes.append(
                    f"dropped repeated sentence in paragraph {p_index}: {_preview(sentence)}"
                )
                continue
            sentence = _drop_repeated_clauses(sentence, seen, p_index, notes)
            seen |= shingles
            kept.append(sentence)
        if kept:
            kept_paragraphs.append(" ".join(kept))
        elif paragraph.strip():
            notes.append(f"dropped repeated paragraph {p_index}: {_preview(paragraph)}")
    return kept_paragraphs


def _containment(shingles: set[tuple[str, ...]], seen: set[tuple[str, ...]]) -> float:
    return len(shingles & seen) / len(shingles) if shingles else 0.0


def _drop_repeated_clauses(
    sentence: str, seen: set[tuple[str, ...]], p_index: int, notes: list[str]
) -> str:
    """Drop a long non-initial clause that repeats earlier text word for word.

    The sentence's first clause always stays, so what remains still reads as a sentence.
    """
    parts = _CLAUSE.split(sentence)
    if len(parts) < 3:
        return sentence
    out = [parts[0]]
    for i in range(1, len(parts) - 1, 2):
        separator, clause = parts[i], parts[i + 1]
        words = _WORD.findall(normalize(clause))
        if len(words) >= MIN_REPEATED_CLAUSE_WORDS and _containment(
            _shingles(words), seen
        ) >= 0.95:
            notes.append(f"dropped repeated clause in paragraph {p_index}: {_preview(clause)}")
            continue
        out.extend([separator, clause])
    return "".join(out)


def _preview(text: str, words: int = 8) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _drop_boilerplate(paragraphs: list[str], notes: list[str]) -> list[str]:
    phrases = set(boilerplate_phrases())
    kept = []
    for paragraph in paragraphs:
        if _key(paragraph) in phrases:
            notes.append(f"dropped boilerplate: {paragraph.strip()}")
            continue
        kept.append(paragraph)
    return kept


def _split_long(paragraph: str) -> list[str]:
    """Group the sentences of a long paragraph into paragraphs of readable length."""
    spans = sentence_spans(paragraph)
    if len(spans) < 2:
        return [paragraph]
    out: list[str] = []
    current: list[str] = []
    count = 0
    for start, end in spans:
        sentence = paragraph[start:end]
        n = len(sentence.split())
        if current and count + n > TARGET_PARAGRAPH_WORDS:
            out.append(" ".join(current))
            current, count = [], 0
        current.append(sentence)
        count += n
    if current:
        out.append(" ".join(current))
    return out


def clean(source: Source) -> Article:
    """Clean one source into an :class:`Article`.

    The Arabic text keeps its spelling: ``clean(src).paragraphs[0]`` starts with the
    editor's first words, e.g. ``"أثنى الرئيس الروسي فلاديمير بوتين على ننائج..."``.
    Raises :class:`~builder.corpus.ArticleError` when no words are left (e.g. a file that
    holds only ``اضف تعليق``). Time and memory are linear in the length of the text.
    """
    notes: list[str] = []
    paragraphs = split_paragraphs(normalize_whitespace(source.text))
    paragraphs = _drop_boilerplate(paragraphs, notes)
    paragraphs = _drop_repeats(paragraphs, notes)
    if not any(_WORD.search(p) for p in paragraphs):
        raise ArticleError(source.path, "nothing left after cleaning (only boilerplate, "
                           "symbols or invisible characters)")
    if len(paragraphs) <= 2 and any(
        len(p.split()) > LONG_PARAGRAPH_WORDS for p in paragraphs
    ):
        split: list[str] = []
        for p in paragraphs:
            split.extend(_split_long(p) if len(p.split()) > LONG_PARAGRAPH_WORDS else [p])
        notes.append(f"split {len(paragraphs)} long paragraph(s) into {len(split)}")
        paragraphs = split
    translation = None
    if source.translation is not None:
        translation = tuple(split_paragraphs(normalize_whitespace(source.translation)))
    lang = source.header.lang or detect_language(" ".join(paragraphs[:3]))
    return Article(
        id=source.id,
        path=source.path,
        order=source.order,
        lang=lang,
        paragraphs=tuple(paragraphs),
        header=source.header,
        translation=translation or None,
        notes=tuple(notes),
    )


#: Runs of characters that are not Arabic (not Latin) letters: deleting them leaves the
#: letters to count (fewer matches than one per letter).
_NOT_ARABIC = re.compile("[^\u0600-\u06ff]+")
_NOT_LATIN = re.compile("[^A-Za-z]+")


def detect_language(text: str) -> str:
    """``ar`` when Arabic letters dominate the letters of ``text``, else ``en``."""
    arabic = len(_NOT_ARABIC.sub("", text))
    latin = len(_NOT_LATIN.sub("", text))
    return "en" if latin > arabic else "ar"
