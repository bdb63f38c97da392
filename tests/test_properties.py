"""Property-based tests (hypothesis): reader, cleaner, extractor and page writer on random text.

Whatever the text, each stage either refuses it with an :class:`ArticleError` naming the
file, or gives valid output: no other exception, no control or spoofing character shown,
no word that was not in the input, front matter that reads back as the same YAML, no live
markup. Example counts stay modest so the suite stays fast.
"""

from __future__ import annotations

import json
import math
import re
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.clean import _SENTENCE_END, clean, normalize_whitespace, sentence_spans
from builder.corpus import ArticleError, decode, read_corpus, split_header
from builder.extract import extract
from builder.model import Header, Source
from builder.normalize import BIDI_CONTROLS, MAX_MARKS, display_safe
from builder.pages import Entry, plan
from builder.writer import MARKUP, render
from tests.helpers import CORPUS

PROFILE = settings(max_examples=60, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

#: Words of the seed articles (names, months, numbers, quotes of real news) and markup.
_SEED_WORDS = sorted({w for p in CORPUS.glob("00[0-4]_*[0-9a-f].txt")
                      for w in p.read_text(encoding="utf-8").split()})
_HOSTILE_WORDS = ["<script>alert(1)</script>", "{{", "}}", "{%", "%}", "](javascript:x)",
                  "<img", "onerror=x>", "&amp;", "---", "#", "*", "`", "|", "!!python/object",
                  "../", "\u202e", "\u200b", "\u2066", "\ufe91\ufeee", "\u064e" * 9, "\x07",
                  "«", "»", ":", "؟", "...", "1.5", "٢٠١٥", "\U000e0041"]
_SEPARATORS = [" ", " ", " ", "\n", "\n\n", "، ", ". ", "\r\n", "\t", "\u00a0"]

WORDS = st.sampled_from(_SEED_WORDS + _HOSTILE_WORDS)
NEWSLIKE = st.lists(st.tuples(WORDS, st.sampled_from(_SEPARATORS)), max_size=120).map(
    lambda parts: "".join(w + s for w, s in parts))
ARABICISH = st.text(alphabet=st.sampled_from(
    list("ابتثجحخدذرزسشصضطظعغفقكلمنهويءآأإؤئىة ًٌٍَُِّْـ٠١٢٣٤٥٦٧٨٩0123456789 .،؟!:«»\"'()\n")
    + ["\u202e", "\u200f", "\ufeff", "\ufb50", "\ufefb", "\u0670"]), max_size=400)
ANY_TEXT = st.one_of(st.text(max_size=300), ARABICISH, NEWSLIKE)

_WORD = re.compile(r"[\w\u0600-\u06FF]+")
_SHOWN_NEVER = re.compile(f"[{BIDI_CONTROLS}\u200b\ufeff\x00-\x08\x0e-\x1f\x7f-\x9f"
                          "\U000e0000-\U000e007f]")
_MARK_STACK = re.compile(f"[\u064b-\u065f]{{{MAX_MARKS + 1}}}")
_ISO = re.compile(r"^(\d{4}|--)-\d{2}-\d{2}$")


def _source(text: str) -> Source:
    return Source(path="random.txt", id="0123456789abcdef", order=0, text=text)


# -- reader ---------------------------------------------------------------------------------


@PROFILE
@given(st.binary(max_size=600))
def test_decode_never_fails_unexpectedly(data: bytes) -> None:
    try:
        text, encoding = decode(data, "x.txt")
    except ArticleError as exc:
        assert exc.path == "x.txt" and exc.message
        return
    assert isinstance(text, str) and encoding in ("utf-8", "utf-8-sig", "utf-16", "cp1256")


@PROFILE
@given(st.one_of(ANY_TEXT, st.text(max_size=200).map(lambda t: f"---\n{t}\n---\nنص")))
def test_header_is_valid_or_refused_with_a_reason(text: str) -> None:
    try:
        header, body = split_header(text, "x.txt")
    except ArticleError as exc:
        assert exc.path == "x.txt" and exc.message and "\n" not in exc.message
        return
    assert isinstance(header, Header) and isinstance(body, str)
    for value in vars(header).values():
        assert value is None or (isinstance(value, str) and not _SHOWN_NEVER.search(value))
    if header.url is not None:
        assert header.url.lower().startswith(("http://", "https://"))


@PROFILE
@given(st.lists(st.one_of(st.binary(max_size=300), ANY_TEXT.map(str.encode)), max_size=4))
def test_read_corpus_reads_or_reports_every_file(files: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for i, data in enumerate(files):
            (folder / f"{i:03d}_{i:016x}.txt").write_bytes(data)
        result = read_corpus(folder)
    names = sorted([s.path for s in result.sources] + [e.path for e in result.errors])
    assert names == [f"{i:03d}_{i:016x}.txt" for i in range(len(files))]
    for source in result.sources:
        assert any(c.isalnum() for c in source.text)


# -- cleaner --------------------------------------------------------------------------------


@PROFILE
@given(ANY_TEXT)
def test_clean_gives_valid_paragraphs_or_refuses(text: str) -> None:
    try:
        article = clean(_source(text))
    except ArticleError as exc:
        assert exc.path == "random.txt" and "nothing left" in exc.message
        return
    assert article.paragraphs and article.lang in ("ar", "en")
    allowed = set(_WORD.findall(display_safe(normalize_whitespace(text))))
    for paragraph in article.paragraphs:
        assert paragraph == paragraph.strip() and paragraph and "\n" not in paragraph
        assert not _SHOWN_NEVER.search(paragraph), repr(paragraph)
        assert not _MARK_STACK.search(paragraph)
        assert set(_WORD.findall(paragraph)) <= allowed  # nothing added
    assert all(isinstance(n, str) and n for n in article.notes)


_OLD_SENTENCE_END = re.compile(r"(?<!\d)[.!?؟…]+(?!\d)[\"'»”’)\]]*(?=\s|$)")


@PROFILE
@given(st.text(alphabet=st.sampled_from(list(".!?؟…\"'»”’)] \n1ab")), max_size=40))
def test_linear_sentence_end_matches_like_the_old_pattern(text: str) -> None:
    """The possessive pattern finds exactly what the backtracking one found."""
    assert [m.span() for m in _SENTENCE_END.finditer(text)] == \
        [m.span() for m in _OLD_SENTENCE_END.finditer(text)]
    for start, end in sentence_spans(text):
        assert 0 <= start < end <= len(text)


# -- extractor and pages --------------------------------------------------------------------


def _check_metadata(meta, article) -> None:
    assert meta.id == article.id and meta.lang in ("ar", "en")
    assert isinstance(meta.title_ar, str) and isinstance(meta.summary_ar, str)
    assert meta.date is None or _ISO.match(meta.date), meta.date
    for entity in meta.entities:
        assert entity.ar and entity.en and re.fullmatch(r"[a-z0-9][a-z0-9-]*", entity.slug)
        assert entity.type in ("person", "place", "organization")
        for span in entity.spans:
            assert 0 <= span.paragraph < len(article.paragraphs)
            assert 0 <= span.start < span.end <= len(article.paragraphs[span.paragraph])
    for event in meta.events:
        assert _ISO.match(event.date) and 0 <= event.paragraph < len(article.paragraphs)
    for figure in meta.figures:
        assert math.isfinite(figure.value)
    for quote in meta.quotes:
        assert quote.text and quote.speaker.ar
    json.dumps(meta.to_json(), ensure_ascii=False)


@settings(PROFILE, max_examples=40)
@given(ANY_TEXT)
def test_extract_and_pages_on_random_text(text: str) -> None:
    try:
        article = clean(_source(text))
    except ArticleError:
        return
    meta = extract(article)
    _check_metadata(meta, article)
    for planned in plan([Entry(article, meta)]):
        spec = planned.made()  # front matter and context, as rendered
        page = render(spec)
        assert page.startswith("---\n")
        front, body = page[4:].split("\n---\n", 1)
        loaded = yaml.safe_load(front)  # article text never breaks the front matter
        assert list(loaded) == [*spec.front_matter, *MARKUP]
        for key, value in spec.front_matter.items():
            if isinstance(value, str):
                assert loaded[key] == value, key
        assert "<script>alert(1)" not in body and "<img" not in body  # escaped
        assert not _SHOWN_NEVER.search(body)
