"""Site search: Arabic search forms, Pagefind attributes, and the Pagefind indexing step.

Pagefind (run over ``site/`` after MkDocs) indexes each page's ``data-pagefind-body`` in the
page's language and stems Arabic. What it cannot match by itself (``ايران`` for ``وإيران``,
``والحكومات`` for ``الحكومة``) is matched through *search forms*: every word folded with
:func:`builder.normalize.normalize` and stripped of its proclitics (rules in
``data/search.yml``). Article pages carry the search forms of their words in an index-only
block (hidden from display and from screen readers), and the search box turns the reader's
words into the same forms (``docs/assets/javascripts/search.js`` mirrors :func:`query_form`).

``query_form("بالحكومة")`` -> ``"حكومه"``; ``query_form("وإيران")`` -> ``"ايران"``.

Entities (people, places, organisations) are offered above the articles from a small
lookup of their names, sharded by the first two letters of each name's search forms
(:func:`entity_shards`), so that a query downloads a few KB instead of a second index.

The MkDocs hook ``hooks/search_index.py`` calls :func:`decorate_article` on article pages
and writes an :func:`entity_record` beside each tag page; :func:`index_site` runs Pagefind
and writes the entity lookup (I/O).

Incremental indexing. The index has two parts: the main bundle ``pagefind/`` and, after
incremental renders, a *recent* bundle ``pagefind-recent/`` that the search box merges (the
main bundle's ``pagefind-entry.json`` names it under ``recent``; without that key there is
no recent part and nothing else is fetched). ``pagefind/parts.json.gz`` keeps the state:
the Pagefind version, every page of each part with a :func:`page_digest` of what Pagefind
indexes from it (text of the ``data-pagefind-body`` element without the ignored sections,
its filters, meta, sort and anchors, the page language), and the entity records and shard
hashes of the entity lookup. :func:`index_site` given the docs pages MkDocs rendered
(:func:`plan_index`, pure):

* full index (every article page into main, no recent part) when no page list is given,
  when the state is missing, invalid or of another Pagefind version or state format, when
  a page of main left the site, when a re-rendered page of main has another digest (a
  re-rendered page whose related list or neighbours changed keeps its digest), or when the
  recent part would exceed :func:`recent_limit` (max(500, 5 % of main));
* otherwise main is kept as it is (not even read) and the recent part -- every article
  page not in main: the new ones, those re-rendered read again -- is indexed anew, by one
  Pagefind run over exactly those pages; when its pages and digests are unchanged it is
  kept too.

Pagefind does not read the rendered pages themselves but slim copies of them
(:func:`slim_page`: the ``<html>`` start tag, the title and the ``data-pagefind-body``
element without its ignored sections; a fifth of the bytes) in a scratch folder, in memory
when there is room (:func:`scratch_base`); the bundle is the one the pages give
(``tests/test_search_slim.py``). The copies of the second language are made while Pagefind
indexes the first, and the entity lookup is written meanwhile too.

The entity lookup re-reads only the records of tag pages rendered this time (the others
come from the state), and writes only the shards whose bytes change: the same files as a
full rebuild. Nothing of the bundles is written in place (:func:`_replace`), so that a
previous site hard-linked into the staging folder (``builder.render.staged``) stays intact.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import logging
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TypeVar

import yaml

from .normalize import normalize
from .parallel import cores

log = logging.getLogger(__name__)
T = TypeVar("T")

DATA = Path(__file__).parent / "data" / "search.yml"
#: ``id`` of the index-only block of search forms (the search box finds it in Pagefind's
#: ``anchors`` to tell the page's own words from the forms).
FORMS_ID = "na-search-forms"
#: Entity types that get a search filter (and tag pages a result type).
ENTITY_TYPES = ("person", "place", "organization")
#: Pagefind's index of the articles, below the site, and the pages it indexes (article
#: pages are served at ``articles/<id>/`` and ``en/articles/<id>/``, see builder/pages).
BUNDLE = "pagefind"
#: The folders of the article pages (``<folder><id>/index.html``), one per language.
#: Pagefind runs once per language (:func:`index_site`): each run holds half the pages in
#: memory, the peak of a large build (about 4 GB for 20,000 pages in one run).
LANGUAGE_FOLDERS = ("articles/", "en/articles/")
#: The entity lookup below the site: ``<lang>/<key>.json`` holds the entities with a search
#: form starting with the letters of ``key`` (see :func:`shard_key`); no file, no entity.
ENTITY_BUNDLE = "search-entities"
#: The record of one entity, written beside its tag page (``tags/<kind>/<slug>/``).
ENTITY_RECORD = "search.json"
_TAG_DIRS = ("tags/*/*", "en/tags/*/*")

#: A word as Pagefind sees one: letters, digits, and the marks and joiners inside words.
_WORD = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d]+")
_TAG = re.compile(r"<[^>]*>")
_BODY_OPEN = re.compile(r"<(\w+)\b[^>]*\bdata-pagefind-body\b[^>]*>")
_ISO = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
#: Sections of an article page that repeat its text or show other articles (figures,
#: quotes, events, related articles): kept out of the index so that they neither match
#: nor fill the snippets (classes written by builder/templates/article.md.j2).
NOT_INDEXED = ("na-figures", "na-quotes", "na-events", "na-related")
_SECTION = re.compile('<section class="(?:' + "|".join(map(re.escape, NOT_INDEXED)) + ')"')
_IGNORED = re.compile(r"<section\b[^>]*\bdata-pagefind-ignore\b[^>]*>.*?</section>", re.S)
_IGNORED_START = re.compile(r"<section\b[^>]*\bdata-pagefind-ignore\b[^>]*>")
_PAGEFIND_ATTR = re.compile(r"\bdata-pagefind-(?!ignore\b)")


class SearchDataError(ValueError):
    """``data/search.yml`` is malformed (the message names the entry)."""


class SearchIndexError(RuntimeError):
    """Pagefind failed."""


@dataclass(frozen=True)
class Rules:
    """Proclitic rules and interface strings from ``data/search.yml``, validated."""

    conjunctions: tuple[str, ...]
    conjunction_min_rest: int
    articles: tuple[str, ...]  #: longest first
    article_min_rest: int
    separators: str
    ui: Mapping[str, Mapping[str, object]]  #: key -> language -> string (or plural forms)
    stopwords: tuple[str, ...] = ()  #: as written in the data file


@lru_cache(maxsize=1)
def rules(path: Path = DATA) -> Rules:
    """The rules of ``data/search.yml``: ``rules().articles[-1]`` -> ``"ال"``."""
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}

    def prefixes(key: str) -> tuple[tuple[str, ...], int]:
        entry = data.get(key)
        if not isinstance(entry, dict) or not isinstance(entry.get("prefixes"), list):
            raise SearchDataError(f"{path.name}: '{key}' needs a 'prefixes' list")
        items = entry["prefixes"]
        if not all(isinstance(p, str) and p and normalize(p) == p for p in items):
            raise SearchDataError(
                f"{path.name}: '{key}.prefixes' must be non-empty strings written as "
                f"normalize() writes them (e.g. ال, not أل): {items!r}")
        rest = entry.get("min_rest")
        if not isinstance(rest, int) or rest < 1:
            raise SearchDataError(f"{path.name}: '{key}.min_rest' must be a positive integer")
        return tuple(sorted(items, key=lambda p: (-len(p), p))), rest

    conj, conj_rest = prefixes("conjunctions")
    arts, art_rest = prefixes("articles")
    separators = data.get("separators")
    if not isinstance(separators, str):
        raise SearchDataError(f"{path.name}: 'separators' must be a string")
    stop = data.get("stopwords") or {}
    if not isinstance(stop, dict) or not all(
        isinstance(v, list) and all(isinstance(w, str) and w for w in v) for v in stop.values()
    ):
        raise SearchDataError(f"{path.name}: 'stopwords' maps languages to lists of words")
    ui = data.get("ui") or {}
    for key, value in ui.items():
        if not isinstance(value, dict) or not all(
            _ui_value(value.get(lang)) for lang in ("ar", "en")
        ):
            raise SearchDataError(
                f"{path.name}: ui entry {key!r} needs 'ar' and 'en' strings (or, for counts, "
                f"mappings from plural category to string with an 'other' entry)")
    stopwords = tuple(dict.fromkeys(w for words in stop.values() for w in words))
    return Rules(conj, conj_rest, arts, art_rest, separators, ui, stopwords)


def _ui_value(value: object) -> bool:
    if isinstance(value, str):
        return True
    return (isinstance(value, dict) and "other" in value
            and all(isinstance(v, str) for v in value.values()))


def strip_clitics(word: str, r: Rules | None = None) -> str:
    """Strip a conjunction, then a definite article, from a *normalised* word.

    ``strip_clitics("والحكومات")`` -> ``"حكومات"``; ``strip_clitics("ولد")`` -> ``"ولد"``.
    """
    r = r or rules()
    for prefix in r.conjunctions:
        if word.startswith(prefix) and len(word) - len(prefix) >= r.conjunction_min_rest:
            word = word[len(prefix):]
            break
    for prefix in r.articles:
        if word.startswith(prefix) and len(word) - len(prefix) >= r.article_min_rest:
            return word[len(prefix):]
    return word


@lru_cache(maxsize=1 << 18)
def query_form(word: str) -> str:
    """The form a word is searched under: ``query_form("الروسى")`` -> ``"روسي"``."""
    return strip_clitics(normalize(word).lower())


def words(text: str) -> list[str]:
    """The words of ``text`` as the index sees them: ``words("«داعش»،")`` -> ``["داعش"]``."""
    return _WORD.findall(text)


def index_forms(text: str, names: Iterable[str] = ()) -> list[str]:
    """Search forms to add to the index for a page whose indexed text is ``text``.

    A word's form is added when it differs from the word as written; every word of
    ``names`` (entity names, which the text may spell differently or not contain) is added
    as written (lower case) and as a form. First occurrence order, no duplicates.
    ``index_forms("أعلن الرئيس الروسى")`` -> ``["اعلن", "رئيس", "روسي"]``.
    """
    seen: set[str] = set()
    out: list[str] = []

    def add(form: str) -> None:
        if len(form) > 1 and form not in seen:
            seen.add(form)
            out.append(form)

    unique = {word: word.lower() for word in words(text)}  # first occurrence order
    written = set(unique.values())
    for word, lower in unique.items():
        form = query_form(word)
        if form != lower and form not in written and len(form) > 1 and form not in seen:
            seen.add(form)
            out.append(form)
    for name in names:
        for word in words(name):
            if word.lower() not in written:
                add(word.lower())
            if query_form(word) not in written:
                add(query_form(word))
    return out


def indexed_text(page_html: str) -> str:
    """Plain text of the ``data-pagefind-body`` element of rendered HTML (or ``""``).

    ``indexed_text('<article data-pagefind-body><p>أ&amp;ب</p></article>')`` -> ``" أ&ب "``.
    """
    match = _body_open(page_html)
    if not match:
        return ""
    end = page_html.rfind(f"</{match.group(1)}>")
    inner = page_html[match.end(): end if end > match.end() else len(page_html)]
    return html.unescape(_TAG.sub(" ", _IGNORED.sub(" ", inner)))


def _attrs(values: Mapping[str, str]) -> str:
    return "".join(f' {k}="{html.escape(v, quote=True)}"' for k, v in values.items() if v)


def _hidden(items: Iterable[tuple[str, str, str]]) -> str:
    """Hidden, index-ignored elements carrying Pagefind meta and filter values.

    Each item is ``(attribute, key, value)``, e.g. ``("data-pagefind-filter", "year",
    "2015")``; values are element text, so commas and colons in names are safe.
    """
    spans = "".join(
        f'<span {attr}="{html.escape(key, quote=True)}">{html.escape(value)}</span>'
        for attr, key, value in dict.fromkeys(items) if value
    )
    return f'<div hidden data-pagefind-ignore>{spans}</div>' if spans else ""


def _forms_block(forms: Sequence[str]) -> str:
    if not forms:
        return ""
    return (f'<div id="{FORMS_ID}" hidden aria-hidden="true">'
            f'{html.escape(" ".join(forms))}</div>')


def _name(entity: Mapping[str, object], lang: str) -> str:
    value = entity.get("en") if lang == "en" else entity.get("ar")
    return str(value or entity.get("ar") or entity.get("en") or "")


def _insert(page_html: str, attrs: Mapping[str, str], inner_end: str) -> str:
    """Add ``attrs`` to the ``data-pagefind-body`` start tag and ``inner_end`` before its end."""
    match = _body_open(page_html)
    if not match:
        return page_html
    start_tag = match.group(0)
    new_tag = start_tag[:-1].rstrip("/") + _attrs(attrs) + ">"
    closing = f"</{match.group(1)}>"
    end = page_html.rfind(closing)
    if end < match.end():
        end = len(page_html)
        closing = ""
    return (page_html[: match.start()] + new_tag + page_html[match.end(): end] + inner_end
            + page_html[end:])


def decorate_article(page_html: str, meta: Mapping[str, object], lang: str) -> str:
    """Pagefind attributes, filters and search forms for a rendered article page.

    ``meta`` is the page's front matter (``date``, ``entities`` [{type, ar, en}], ...):
    the date becomes Pagefind meta, sort key and ``year`` filter; each entity a filter of
    its type (named in ``lang``); the search forms go into a hidden, index-only block.
    Pages without a ``data-pagefind-body`` element are returned unchanged.
    """
    entities = [e for e in (meta.get("entities") or []) if isinstance(e, Mapping)]
    date = str(meta.get("date") or "")
    iso = _ISO.match(date)
    attrs = {"data-pagefind-meta": "kind:article"}
    if iso:
        attrs["data-pagefind-sort"] = f"date:{date}"
    filters = [("year", iso.group(1) if iso else "")]
    filters += [(str(e.get("type")), _name(e, lang)) for e in entities
                if e.get("type") in ENTITY_TYPES]
    hidden = [("data-pagefind-meta", "date", date if iso else "")]
    hidden += [("data-pagefind-filter", key, value) for key, value in filters]
    names = [str(e.get(k)) for e in entities for k in ("ar", "en") if e.get(k)]
    page_html = _SECTION.sub(lambda m: m.group(0) + " data-pagefind-ignore", page_html)
    forms = index_forms(indexed_text(page_html), names)
    return _insert(page_html, attrs, _hidden(hidden) + _forms_block(forms))


def entity_record(kind: str, title: str, names: Sequence[str], count: int) -> dict:
    """What the entity lookup knows of one entity: its kind, title, names, article count.

    ``entity_record("person", "سيرغي لافروف", ["سيرغي لافروف", "Sergei Lavrov"], 41)``.
    """
    return {"kind": kind, "title": title, "names": list(dict.fromkeys(n for n in names if n)),
            "count": count}


#: Letters of a search form that name its shard of the entity lookup.
SHARD_LETTERS = 3


def shard_key(form: str) -> str:
    """File name of the shard of a search form: its first three letters as UTF-8 hex.

    ``shard_key("لافروف")`` -> ``"d984d8a7d981"``; ``shard_key("Li")`` -> ``"4c69"``.
    """
    return form[:SHARD_LETTERS].encode("utf-8").hex()


def entity_shards(records: Iterable[tuple[str, str, dict]]) -> dict[str, dict[str, list]]:
    """Language -> shard key -> entities, from ``(lang, url, record)`` triples.

    An entity is ``[title, url, kind, count, "form form ..."]``; it is in the shard of the
    first three letters of each of its forms (the search forms of every word of its names,
    in both languages, and the words themselves in lower case): a reader's word of three
    letters or more finds it in one small file. Sorted, so the output is the same for the
    same site.
    """
    shards: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for lang, url, record in sorted(records, key=lambda r: (r[0], r[1])):
        forms: list[str] = []
        for name in record["names"]:
            for word in words(name):
                for form in (query_form(word), word.lower()):
                    if len(form) > 1 and form not in forms:
                        forms.append(form)
        entry = [record["title"], url, record["kind"], record["count"], " ".join(forms)]
        for key in dict.fromkeys(shard_key(f) for f in forms if len(f) >= SHARD_LETTERS):
            shards[lang][key].append(entry)
    return {lang: dict(sorted(v.items())) for lang, v in sorted(shards.items())}


def client_rules() -> dict[str, object]:
    """What ``search.js`` needs to compute :func:`query_form` and label its interface.

    ``fold`` maps every character :func:`normalize` changes (outside the Arabic
    presentation forms, which the script folds through NFKC as ``normalize`` does) to its
    replacement, so that the script's normaliser is table-driven from this one.
    """
    r = rules()
    fold: dict[str, str] = {}
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF or 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
            continue
        ch = chr(code)
        folded = normalize(ch)
        if folded != ch:
            fold[ch] = folded
    if normalize("\ufeff") != "\ufeff":
        fold["\ufeff"] = normalize("\ufeff")
    return {
        "fold": fold,
        "conjunctions": {"prefixes": list(r.conjunctions), "min_rest": r.conjunction_min_rest},
        "articles": {"prefixes": list(r.articles), "min_rest": r.article_min_rest},
        "separators": r.separators,
        "stopwords": sorted({query_form(w) for w in r.stopwords}),
        "forms_id": FORMS_ID,
        "entity_types": list(ENTITY_TYPES),
        "ui": {key: dict(value) for key, value in r.ui.items()},
    }


@lru_cache(maxsize=1)
def client_rules_json() -> str:
    """:func:`client_rules` as compact, deterministic JSON."""
    return json.dumps(client_rules(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


# ------------------------------------------------------------------ indexing (I/O) --

#: The recent part: a second Pagefind bundle of the article pages added since the last full
#: index (see the module docstring); the search box merges it when the main bundle's entry
#: names it (key :data:`ENTRY_RECENT` of ``pagefind/pagefind-entry.json``).
RECENT = "pagefind-recent"
ENTRY_RECENT = "recent"
#: The state of the parts and of the entity lookup, in the main bundle (gzip-compressed
#: JSON, never fetched by the browser).
STATE = "parts.json.gz"
#: Bump when what :func:`page_digest` covers or the layout of the state changes.
STATE_FORMAT = 1
#: The recent part holds at most this many pages, or this share of the main part's
#: pages if that is more; beyond that the next index is a full one.
RECENT_MIN = 500
RECENT_SHARE = 0.05
#: Pagefind's list of the languages of a bundle (each run writes its own).
ENTRY = "pagefind-entry.json"

_ATTR = re.compile(r'\b(id|src|alt|title|lang|data-pagefind-[\w-]+)(?:="([^"]*)")?')
_HTML_LANG = re.compile(r"<html\b[^>]*?\blang=\"([^\"]*)\"")
_HTML_START = re.compile(r"<html\b[^>]*>")
_TITLE = re.compile(r"<title\b[^>]*>.*?</title>", re.S)
_TAG_PAGE = re.compile(r"^(?:en/)?tags/[^/]+/[^/]+/index\.html$")
#: Files of a bundle that only the main part needs (a merged part uses the main part's
#: script and WebAssembly): removed from the recent part.
_MAIN_ONLY = (".js", ".css", ".pagefind")


@dataclass(frozen=True)
class IndexReport:
    """What indexing did: pages and words indexed, time taken and bundle size on disk.

    ``mode`` is ``"full"`` (every article page into the main part), ``"recent"`` (the
    recent part indexed again) or ``"unchanged"``; ``recent`` counts its pages.
    """

    pages: int
    words: int
    seconds: float
    bytes: int
    entities: int = 0
    mode: str = "full"
    reason: str = ""
    recent: int = 0
    #: With ``base`` (:func:`index_site`): files of the base site to delete, and its
    #: top-level folders to replace by the indexed folder's (True) or to delete (False).
    removed: frozenset[str] = frozenset()
    folders: Mapping[str, bool] = field(default_factory=dict)


@dataclass(frozen=True)
class IndexPlan:
    """What :func:`index_site` will do: a ``full`` index, or keep ``main`` as it is and
    index the ``recent`` pages (page -> digest of each)."""

    full: bool
    reason: str
    main: dict[str, str]
    recent: dict[str, str]


def _body(page_html: str) -> str:
    """The ``data-pagefind-body`` element of rendered HTML, start tag to end tag (or "").

    Found with string searches (a rendered page is some 30 KB of mostly navigation; a
    regular expression trying every tag takes ten times longer).
    """
    match = _body_open(page_html)
    if not match:
        return ""
    return page_html[match.start(): _element_end(page_html, match.group(1), match.end())]


def _element_end(text: str, name: str, pos: int) -> int:
    """Where the element ``name`` whose start tag ends at ``pos`` ends (after its end tag;
    elements of the same name inside it counted), or the end of ``text``."""
    opening, closing, depth = f"<{name}", f"</{name}", 1
    while True:
        end = text.find(closing, pos)
        if end < 0:
            return len(text)
        nested = text.find(opening, pos, end)
        if nested >= 0:  # a start tag before the next end tag
            pos = nested + len(opening)
            depth += _ends_name(text, pos)
            continue
        pos = end + len(closing)
        if _ends_name(text, pos):
            depth -= 1
            if depth == 0:
                close = text.find(">", pos)
                return len(text) if close < 0 else close + 1


def _ends_name(text: str, pos: int) -> bool:
    """Does a tag name end at ``pos`` (``<article`` in ``<article>``, not ``<articles>``)?"""
    return pos < len(text) and not (text[pos].isalnum() or text[pos] == "_")


def _body_open(page_html: str) -> re.Match | None:
    """The start tag of the ``data-pagefind-body`` element (``_BODY_OPEN.search``, faster)."""
    at = page_html.find("data-pagefind-body")
    while at >= 0:
        start = page_html.rfind("<", 0, at)
        match = _BODY_OPEN.match(page_html, start) if start >= 0 else None
        if match and match.end() > at:
            return match
        at = page_html.find("data-pagefind-body", at + 1)
    return None


def page_digest(page_html: str) -> str:
    """A digest of what Pagefind indexes from an article page.

    It covers the page's language, the text of its ``data-pagefind-body`` element without
    the ignored sections (:data:`NOT_INDEXED`: related articles and the like, which change
    when other articles are added) and, in the same element, the attributes Pagefind reads
    (``data-pagefind-*`` meta, filters and sort, ``id`` anchors, image ``src``/``alt``).
    Links (``href``) and runs of white space are not indexed and not covered.
    """
    lang = _HTML_LANG.search(page_html)
    return _digest(lang.group(1) if lang else "", _without_ignored(_body(page_html), " "))


def slim_and_digest(page_html: str) -> tuple[str, str]:
    """:func:`slim_page` and :func:`page_digest` of a page, from one pass over it."""
    body = _body(page_html)
    spans = _ignored_spans(body)
    lang = _HTML_LANG.search(page_html)
    return (_slim(page_html, _cut(body, spans, "")),
            _digest(lang.group(1) if lang else "", _cut(body, spans, " ")))


def slim_page(page_html: str) -> str:
    """The page Pagefind indexes in place of an article page: what it reads of the page
    and nothing else (a rendered page is mostly navigation, which Pagefind parses too).

    That is the ``<html>`` start tag (the page's language), the ``<title>`` (the title of
    a page without a heading) and the ``data-pagefind-body`` element, which holds the
    page's meta, filters and sort (:func:`decorate_article`), without the ignored sections
    Pagefind would parse for nothing. The index made from slim pages is the one made from
    the pages (``tests/test_search_slim.py``).
    """
    return _slim(page_html, _without_ignored(_body(page_html)))


def _slim(page_html: str, body: str) -> str:
    """The slim page of ``page_html`` around ``body`` (without its ignored sections)."""
    start = _HTML_START.search(page_html)
    title = _TITLE.search(page_html)
    return (f'<!DOCTYPE html>{start.group(0) if start else "<html>"}<head>'
            f'<meta charset="utf-8">{title.group(0) if title else ""}</head><body>'
            f"{body}</body></html>")


def _without_ignored(body: str, sep: str = "") -> str:
    """``body`` without its ``<section data-pagefind-ignore>`` elements (related articles
    and the like, :data:`NOT_INDEXED`: half the bytes of an article) that carry no Pagefind
    attribute of their own: Pagefind takes nothing from them, not even their anchors.
    Each is replaced by ``sep``."""
    return _cut(body, _ignored_spans(body), sep)


def _ignored_spans(body: str) -> list[tuple[int, int]]:
    """Where the sections :func:`_without_ignored` removes are in ``body``."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in _IGNORED_START.finditer(body):
        if match.start() < pos:
            continue  # inside a section removed already
        end = _element_end(body, "section", match.end())
        if _has_pagefind_attr(body, match.end(), end):
            continue
        spans.append((match.start(), end))
        pos = end
    return spans


def _has_pagefind_attr(text: str, start: int, end: int) -> bool:
    """``_PAGEFIND_ATTR.search(text, start, end)`` with string searches (a regular
    expression that starts with ``\\b`` is tried at every position: ten times slower)."""
    at = text.find("data-pagefind-", start, end)
    while at >= 0:
        before = text[at - 1] if at else " "
        if not (before.isalnum() or before == "_") and _NOT_IGNORE.match(text, at, end):
            return True
        at = text.find("data-pagefind-", at + 1, end)
    return False


_NOT_IGNORE = re.compile(r"data-pagefind-(?!ignore\b)")


def _cut(body: str, spans: Sequence[tuple[int, int]], sep: str) -> str:
    """``body`` with each of ``spans`` replaced by ``sep``."""
    out, pos = [], 0
    for start, end in spans:
        out += [body[pos: start], sep]
        pos = end
    out.append(body[pos:])
    return "".join(out)


_ANY_TAG = re.compile(r"<[^>]*>")


@lru_cache(maxsize=1 << 14)
def _tag_attrs(tag: str) -> str:
    """What :func:`_digest` takes from one tag (tags repeat: ``<p id="p1">``, ``</a>``)."""
    return "".join(f"{name}={value}\0" for name, value in _ATTR.findall(tag))


def _digest(lang: str, body: str) -> str:
    """Digest of a ``data-pagefind-body`` element without its ignored sections."""
    digest = hashlib.sha256(f"{STATE_FORMAT}\0{lang}\0".encode())
    digest.update("".join(map(_tag_attrs, _ANY_TAG.findall(body))).encode())
    digest.update(" ".join(html.unescape(_TAG.sub(" ", body)).split()).encode())
    return digest.hexdigest()[:20]


def site_page(doc: str) -> str:
    """The page MkDocs renders from a docs path: ``articles/x.en.md`` ->
    ``en/articles/x/index.html``; ``tags/people/y/index.md`` -> ``tags/people/y/index.html``."""
    lang = ""
    if doc.endswith(".en.md"):
        lang, doc = "en/", doc[: -len(".en.md")] + ".md"
    stem = doc[: -len(".md")] if doc.endswith(".md") else doc
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
    else:
        stem += "/"
    return f"{lang}{stem}index.html"


def recent_limit(main_pages: int) -> int:
    """How many pages the recent part may hold next to ``main_pages`` pages in main."""
    return max(RECENT_MIN, int(main_pages * RECENT_SHARE))


def plan_index(state: Mapping | None, present: Iterable[str], rendered: Iterable[str] | None,
               digest: Callable[[str], str]) -> IndexPlan:
    """Full index, or only a recent part? (Pure, given ``digest``: page -> its digest.)

    ``state`` is the state of the last index (None if missing, invalid or of another Pagefind
    version), ``present`` the article pages now in the site, ``rendered`` the pages rendered
    since (None: unknown, which asks for a full index). ``digest`` is called only for
    pages rendered this time and for new pages. The rules are in the module docstring.
    """
    present = set(present)
    if state is None:
        return IndexPlan(True, "no valid index state", {}, {})
    if rendered is None:
        return IndexPlan(True, "full index requested", {}, {})
    main, old = dict(state["main"]), dict(state["recent"])
    gone = sorted(set(main) - present)
    if gone:
        return IndexPlan(True, f"{gone[0]} left the site", {}, {})
    rendered = set(rendered) & present
    for page in sorted(rendered & set(main)):
        if digest(page) != main[page]:
            return IndexPlan(True, f"the indexed content of {page} changed", {}, {})
    recent = {page: old[page] if page in old and page not in rendered else digest(page)
              for page in sorted(present - set(main))}
    if len(recent) > recent_limit(len(main)):
        return IndexPlan(True, f"the recent part would hold {len(recent)} pages", {}, {})
    return IndexPlan(False, f"{len(recent)} page(s) in the recent part", main, recent)


def valid_state(data: object, version: str) -> dict | None:
    """``data`` if it is a state of :data:`STATE_FORMAT` written with Pagefind ``version``."""
    if not isinstance(data, dict) or data.get("format") != STATE_FORMAT \
            or data.get("pagefind") != version:
        return None
    parts = [data.get("main"), data.get("recent"), data.get("entities")]
    if not all(isinstance(p, dict) for p in parts):
        return None
    entities = data["entities"]
    if not isinstance(entities.get("records"), dict) or not isinstance(entities.get("shards"),
                                                                          dict):
        return None
    return data


def pagefind_version() -> str:
    """The installed Pagefind's version (its index format)."""
    try:
        return metadata.version("pagefind")
    except metadata.PackageNotFoundError:
        return "-"


def read_state(site: Path) -> dict | None:
    """The state of the last index of ``site`` (None if missing, invalid or outdated)."""
    try:
        data = json.loads(gzip.decompress((site / BUNDLE / STATE).read_bytes()))
    except (OSError, ValueError, EOFError):
        return None
    return valid_state(data, pagefind_version())


def article_pages(site: Path) -> set[str]:
    """The article pages of ``site`` (:data:`LANGUAGE_FOLDERS`), as site-relative paths."""
    found = set()
    for folder in (f.rstrip("/") for f in LANGUAGE_FOLDERS):
        try:
            entries = list(os.scandir(site / folder))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir() and os.path.isfile(os.path.join(entry.path, "index.html")):
                found.add(f"{folder}/{entry.name}/index.html")
    return found


def index_site(site: Path, pages: Iterable[str] | None = None, *, base: Path | None = None,
               removed: Iterable[str] = ()) -> IndexReport:
    """Index the article pages of ``site`` for search and write the entity lookup.

    ``pages`` are the docs paths MkDocs rendered since the last index (``articles/x.md``);
    None (the default) indexes everything into the main part. With ``pages``, only new (and
    re-rendered recent) pages are indexed, into the recent part, when the rules of the
    module docstring allow. Raises :class:`SearchIndexError` if Pagefind fails.

    ``base``: ``site`` holds only what an incremental render wrote, to be moved into
    ``base`` afterwards (``builder.render``), less the ``removed`` files. Pages are read
    from ``site``, else from ``base``; the index is written into ``site`` only, and the
    report says what to delete or replace in ``base`` (:attr:`IndexReport.removed`,
    :attr:`IndexReport.folders`).
    """
    start = time.perf_counter()
    view = _View(site, base, frozenset(removed))
    version = pagefind_version()
    state = read_state(view.base)
    rendered = None if pages is None else {site_page(p) for p in pages}
    present = view.article_pages()
    digests: dict[str, str] = {}

    def digest(page: str) -> str:
        if page not in digests:
            digests[page] = page_digest(view.path(page).read_text(encoding="utf-8"))
        return digests[page]

    # the entity lookup (small files: mostly waiting for the disk) is written meanwhile
    with ThreadPoolExecutor(2) as background:
        lookup = background.submit(
            write_entity_index, site, state["entities"]
            if state and rendered is not None else None, rendered, view=view)
        plan = plan_index(state, present, rendered, digest)
        if plan.full:
            count, words, main = _index_full(view, present, background)
            recent: dict[str, str] = {}
            mode = "full"
        else:
            main, recent = plan.main, plan.recent
            count, words, mode = _index_recent(view, recent,
                                               state["recent"] if state else {})
        log.info("search: %s index (%s)", mode, plan.reason)
        entities, entity_state = lookup.result()
    if (site / BUNDLE).is_dir() or (view.base / BUNDLE).is_dir():
        (site / BUNDLE).mkdir(parents=True, exist_ok=True)
        _replace(site / BUNDLE / STATE, gzip.compress(json.dumps(
            {"format": STATE_FORMAT, "pagefind": version, "main": main, "recent": recent,
             "entities": entity_state}, ensure_ascii=False,
            sort_keys=True, separators=(",", ":")).encode(), compresslevel=1, mtime=0))
    seconds = time.perf_counter() - start
    size = sum(_tree_bytes(view.folder(name)) for name in (BUNDLE, RECENT)) \
        + entity_state["bytes"]
    return IndexReport(pages=count, words=words, seconds=seconds, bytes=size,
                       entities=entities, mode=mode, reason=plan.reason, recent=len(recent),
                       removed=frozenset(view.deleted), folders=dict(view.folders))


@dataclass
class _View:
    """The site as the index sees it: ``out`` (where it writes) over ``base`` (the site it
    will be moved into, less ``removed``; None: ``out`` is the whole site). ``deleted`` and
    ``folders`` collect what the base is to lose (see :class:`IndexReport`)."""

    out: Path
    base_site: Path | None = None
    removed: frozenset[str] = frozenset()
    deleted: set[str] = field(default_factory=set)
    folders: dict[str, bool] = field(default_factory=dict)

    @property
    def base(self) -> Path:
        return self.base_site or self.out

    def path(self, rel: str) -> Path:
        """Where the file ``rel`` is now (in ``out`` if written there)."""
        mine = self.out / rel
        if self.base_site is None or mine.exists() or rel in self.removed:
            return mine
        return self.base_site / rel

    def exists(self, rel: str) -> bool:
        return self.path(rel).exists()

    def article_pages(self) -> set[str]:
        pages = article_pages(self.out)
        if self.base_site is not None:
            pages |= article_pages(self.base_site) - self.removed
        return pages

    def folder(self, name: str) -> Path:
        """A top-level folder as it will be: the one written in ``out``, else the base's
        (unless it is to be deleted)."""
        if self.base_site is None or name in self.folders or (self.out / name).is_dir():
            return self.out / name
        return self.base_site / name

    def replace_folder(self, name: str, background: Executor | None = None) -> Path:
        """``out/name``, emptied, to be written whole (it replaces the base's)."""
        self.drop_folder(name, background)
        if self.base_site is not None:
            self.folders[name] = True
        return self.out / name

    def drop_folder(self, name: str, background: Executor | None = None) -> None:
        """Remove ``out/name`` (by ``background`` if given, once moved out of the site) and
        the base's folder of that name."""
        folder = self.out / name
        if folder.is_dir() and background is not None:
            trash = Path(tempfile.mkdtemp(prefix=f".{self.out.name}-old-{name}-",
                                          dir=self.out.resolve().parent))
            folder.rename(trash / name)
            background.submit(shutil.rmtree, trash, True)
        else:
            shutil.rmtree(folder, ignore_errors=True)
        if self.base_site is not None and (self.base_site / name).exists():
            self.folders[name] = False

    def delete(self, rel: str) -> None:
        (self.out / rel).unlink(missing_ok=True)
        if self.base_site is not None and (self.base_site / rel).exists():
            self.deleted.add(rel)


def _index_full(view: _View, present: set[str],
                background: Executor) -> tuple[int, int, dict[str, str]]:
    """Every article page into the main part, one Pagefind run per language over slim
    copies of its pages (:class:`_SlimCopies`); the pages' digests and the slim copies of
    the next language are made while Pagefind indexes one. The parts of the previous index
    are moved out of the site and removed by ``background``."""
    bundle = view.replace_folder(BUNDLE, background)
    view.drop_folder(RECENT, background)
    languages = [sorted(p for p in present if p.startswith(folder))
                 for folder in LANGUAGE_FOLDERS]
    languages = [pages for pages in languages if pages]
    if not languages:
        log.info("search: no article page to index (%s)", ", ".join(LANGUAGE_FOLDERS))
        return 0, 0, {}
    pages = count = 0
    main: dict[str, str] = {}
    entries = []
    with _SlimCopies(view, len(present)) as slim:
        batch = slim.start(languages[0])
        for number, mine in enumerate(languages):
            scratch = batch.ready()
            with _pagefind_run({"site": scratch, "output_path": str(bundle.resolve())},
                               f"{len(mine)} pages of {view.base.name}/"
                               f"{mine[0].split('/')[0]}") as finish:
                batch.start_digests()
                after = slim.start(languages[number + 1], digests=True) \
                    if number + 1 < len(languages) else None
                indexed, words = finish()
            main.update(batch.digests())
            batch.remove()
            pages, count = pages + indexed, count + words
            entries.append(json.loads((bundle / ENTRY).read_text(encoding="utf-8")))
            if after is not None:
                batch = after
    _write_entry(bundle / ENTRY, entries)
    return pages, count, main


def _index_recent(view: _View, recent: dict[str, str],
                  before: Mapping[str, str]) -> tuple[int, int, str]:
    """Index the ``recent`` pages into the recent part (unless it holds them already) and
    name it in the main part's entry."""
    if recent == dict(before) and view.folder(RECENT).is_dir() == bool(recent):
        return 0, 0, "unchanged"
    count = words = 0
    languages: list[str] = []
    if recent:
        # one Pagefind run over slim copies of the recent pages (same paths, so the same
        # URLs): Pagefind walks the whole site folder it is given
        target = view.replace_folder(RECENT)
        with _SlimCopies(view, len(recent)) as slim:
            scratch = slim.start(sorted(recent)).ready()
            with _pagefind_run({"site": scratch, "output_path": str(target.resolve())},
                               f"{len(recent)} recent page(s) of {view.base.name}") as finish:
                count, words = finish()
        for path in target.iterdir():  # the search box loads Pagefind from the main part
            if path.is_file() and path.name.endswith(_MAIN_ONLY):
                path.unlink()
        languages = sorted(json.loads((target / ENTRY).read_text(encoding="utf-8"))
                           ["languages"])
    else:
        view.drop_folder(RECENT)
    entry_path = view.path(f"{BUNDLE}/{ENTRY}")
    if entry_path.is_file():
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
        entry.pop(ENTRY_RECENT, None)
        if languages:
            entry[ENTRY_RECENT] = {"path": f"../{RECENT}/", "languages": languages}
        (view.out / BUNDLE).mkdir(parents=True, exist_ok=True)
        _replace(view.out / BUNDLE / ENTRY, _entry_bytes(entry))
    return count, words, "recent"


#: Folders in memory (tmpfs) for the slim copies: writing and removing thousands of small
#: files there costs little, where a disk may take milliseconds per file removed.
RAM_FOLDERS = ("/dev/shm",)
#: Bytes to count per slim copy (a generous bound: about 18 KB for an article page) when
#: asking whether a folder in memory has room: twice that for every page to index.
SLIM_BYTES = 64 * 1024


def scratch_base(site: Path, pages: int) -> Path:
    """Where the scratch folders of slim copies go: a folder in memory (:data:`RAM_FOLDERS`)
    with room for ``pages`` slim copies, else the folder of ``site``."""
    for folder in RAM_FOLDERS:
        try:
            stat = os.statvfs(folder)
        except OSError:
            continue
        if os.access(folder, os.W_OK) and \
                stat.f_bavail * stat.f_frsize >= 2 * pages * SLIM_BYTES:
            return Path(folder)
    return site.resolve().parent


#: Slim copies are made by a pool of processes (one per core) from this many pages on.
SLIM_PARALLEL_MIN = 500
#: Pages per task of that pool.
SLIM_CHUNK = 200


class _SlimCopies:
    """Slim copies (:func:`slim_page`) of pages of a site, in scratch folders
    (:func:`scratch_base`) removed on leaving the ``with`` block.

    ``start(pages)`` starts the copies of ``pages`` into a new scratch folder; the returned
    batch's ``ready()`` waits for them (the folder), ``digests()`` for the pages' digests
    (see :class:`_SlimBatch`): Pagefind can start as soon as the copies exist. With
    :data:`SLIM_PARALLEL_MIN` pages or more in all (``total``) the work is shared by a pool of fresh processes (``spawn``, not forked: this process may be
    large; a script run as ``python script.py`` that indexes a large site needs the usual
    ``if __name__ == "__main__"`` guard), else done here.
    """

    def __init__(self, view: _View, total: int) -> None:
        self.site = site = view.out
        #: where pages are read: the first of these folders that has the page
        self.roots = [str(site)] + ([str(view.base_site)] if view.base_site else [])
        self.base = scratch_base(site, total)
        self.folders: list[str] = []
        self.pool = None
        if cores() > 1 and total >= SLIM_PARALLEL_MIN:
            self.pool = ProcessPoolExecutor(cores(),
                                            mp_context=multiprocessing.get_context("spawn"))

    def __enter__(self) -> _SlimCopies:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=exc[0] is not None)
        for folder in self.folders:
            shutil.rmtree(folder, ignore_errors=True)

    def start(self, pages: Sequence[str], digests: bool = False) -> _SlimBatch:
        scratch = tempfile.mkdtemp(prefix=f".{self.site.name}-search-", dir=self.base)
        self.folders.append(scratch)
        # Pagefind numbers the pages in the order it finds them, the order in which the
        # file system lists a folder: tmpfs lists the newest first, so the folders are
        # made here, last first, rather than by the processes in any order
        parents: set[str] = set()
        for page in sorted(pages, reverse=True):
            folder = os.path.join(scratch, os.path.dirname(page))
            parent = os.path.dirname(folder)
            if parent not in parents:
                os.makedirs(parent, exist_ok=True)
                parents.add(parent)
            os.mkdir(folder)
        return _SlimBatch(self, scratch, list(pages), digests)

    def run(self, func: Callable[..., T], *args: object,
            pages: Sequence[str]) -> list[Callable[[], T]]:
        """``func(*args, share)`` for shares of ``pages``: functions waiting for each."""
        shares = [pages[i: i + SLIM_CHUNK] for i in range(0, len(pages), SLIM_CHUNK)]
        if self.pool is None:
            results = [func(*args, share) for share in shares]
            return [lambda r=r: r for r in results]
        return [self.pool.submit(func, *args, share).result for share in shares]


class _SlimBatch:
    """The slim copies of some pages (:meth:`_SlimCopies.start`) and their digests.

    With ``digests`` each page's digest is taken from the same reading as its copy (a
    batch made while Pagefind indexes another); without, ``ready()`` waits only for the
    copies (Pagefind waits for them) and ``start_digests()`` takes the digests from the
    copies meanwhile.
    """

    def __init__(self, copies: _SlimCopies, scratch: str, pages: list[str],
                 digests: bool) -> None:
        self.copies, self.scratch, self.pages = copies, scratch, pages
        self.written = copies.run(_write_slim, copies.roots, scratch, digests, pages=pages)
        self.digested: list[Callable[[], dict[str, str]]] | None = \
            self.written if digests else None

    def ready(self) -> str:
        """Wait for the copies; the scratch folder."""
        for wait in self.written:
            wait()
        return self.scratch

    def start_digests(self) -> None:
        """Start taking the digests from the copies (unless taken with them)."""
        if self.digested is None:
            self.ready()
            self.digested = self.copies.run(_slim_digests, self.scratch, pages=self.pages)

    def digests(self) -> dict[str, str]:
        """The pages' :func:`page_digest`."""
        self.start_digests()
        assert self.digested is not None
        return {page: digest for wait in self.digested for page, digest in wait().items()}

    def remove(self) -> None:
        """Start removing the copies, by the pool if there is one (``shutil.rmtree`` stats
        and opens every folder); what is left goes on leaving the ``with`` block."""
        self.digests()
        self.copies.run(_remove_slim, self.scratch, pages=self.pages)


def _write_slim(roots: Sequence[str], scratch: str, digests: bool,
                pages: Sequence[str]) -> dict[str, str]:
    """Write the slim copy (:func:`slim_page`) of each page (site-relative paths, read from
    the first of the folders ``roots`` that has it) to the same path below ``scratch`` (its
    folder exists); with ``digests``, the pages' :func:`page_digest` from the same reading
    (else an empty mapping)."""
    found = {}
    for page in pages:
        source = next((os.path.join(r, page) for r in roots[:-1]
                       if os.path.isfile(os.path.join(r, page))), os.path.join(roots[-1], page))
        with open(source, "rb") as fh:
            text = fh.read().decode("utf-8")
        if digests:
            slim, found[page] = slim_and_digest(text)
        else:
            slim = slim_page(text)
        with open(os.path.join(scratch, page), "wb") as fh:
            fh.write(slim.encode("utf-8"))
    return found


def _remove_slim(scratch: str, pages: Sequence[str]) -> None:
    """Remove the slim copies of ``pages`` below ``scratch`` and their folders."""
    for page in pages:
        path = os.path.join(scratch, page)
        os.unlink(path)
        os.rmdir(os.path.dirname(path))


def _slim_digests(scratch: str, pages: Sequence[str]) -> dict[str, str]:
    """The :func:`page_digest` of pages, read from their slim copies below ``scratch``
    (the digest of a slim copy is that of its page)."""
    digests = {}
    for page in pages:
        with open(os.path.join(scratch, page), encoding="utf-8") as fh:
            digests[page] = page_digest(fh.read())
    return digests


def write_entity_index(site: Path, cache: Mapping | None = None,
                       rendered: set[str] | None = None, *, view: _View | None = None
                       ) -> tuple[int, dict]:
    """Gather the records beside the tag pages into the entity lookup.

    Returns the number of entities and the state to keep for the next call. With ``cache``
    (that state) and ``rendered`` (pages rendered since), only the records of rendered tag
    pages are read again and only shards whose bytes change are written. Records whose tag
    page is gone (an entity no longer in the corpus) are removed. ``view``: see
    :func:`index_site` (``base``).
    """
    view = view or _View(site)
    target = site / ENTITY_BUNDLE
    if cache is not None and rendered is not None:
        records = {url: record for url, record in cache["records"].items()
                   if view.exists(f"{url}index.html")}
        for url in set(cache["records"]) - set(records):
            view.delete(f"{url}{ENTITY_RECORD}")
        for page in sorted(p for p in rendered if _TAG_PAGE.match(p)):
            url = page[: -len("index.html")]
            path = view.path(f"{url}{ENTITY_RECORD}")
            if path.is_file():
                records[url] = json.loads(path.read_text(encoding="utf-8"))
            else:
                records.pop(url, None)
        written = dict(cache["shards"])
        shards_in = view.folder(ENTITY_BUNDLE)
    else:
        records = {}
        for root in [view.out] + ([view.base_site] if view.base_site else []):
            for pattern in _TAG_DIRS:
                for path in sorted(root.glob(f"{pattern}/{ENTITY_RECORD}")):
                    rel = path.parent.relative_to(root).as_posix()
                    if f"{rel}/" in records:
                        continue
                    if not view.exists(f"{rel}/index.html"):
                        view.delete(f"{rel}/{ENTITY_RECORD}")
                        continue
                    records[f"{rel}/"] = json.loads(
                        view.path(f"{rel}/{ENTITY_RECORD}").read_text(encoding="utf-8"))
        records = dict(sorted(records.items()))
        shards_in = view.replace_folder(ENTITY_BUNDLE)
        written = {}
    triples = [("en" if url.startswith("en/") else "ar", url, record)
               for url, record in records.items()]
    shards: dict[str, str] = {}
    size = 0
    for lang, entries in entity_shards(triples).items():
        for key, items in entries.items():
            name = f"{lang}/{key}.json"
            data = _json_bytes(items)
            size += len(data)
            shards[name] = hashlib.sha256(data).hexdigest()[:20]
            if written.get(name) != shards[name] or not (shards_in / name).is_file():
                (target / lang).mkdir(parents=True, exist_ok=True)
                _replace(target / name, data)
    for name in set(written) - set(shards):
        view.delete(f"{ENTITY_BUNDLE}/{name}")
    for folder in [target / lang for lang in ("ar", "en")] + [target]:
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    return len(records), {"records": records, "shards": shards, "bytes": size}


def _tree_bytes(folder: Path) -> int:
    return sum(os.path.getsize(os.path.join(top, name))
               for top, _, names in os.walk(folder) for name in names)


def _json_bytes(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _replace(path: Path, data: bytes) -> None:
    """Write ``path`` through a new file: the old one may be hard-linked into another site
    (``builder.render.staged``) and must not change."""
    if path.is_file() and path.read_bytes() == data:
        return
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _entry_bytes(entry: Mapping) -> bytes:
    return json.dumps(entry, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def _write_entry(path: Path, entries: list[dict]) -> None:
    """One entry for runs that indexed different languages into one bundle (sorted keys:
    Pagefind lists its languages in any order)."""
    merged = dict(entries[0])
    merged["languages"] = {}
    for entry in entries:
        if {k: v for k, v in entry.items() if k != "languages"} != \
                {k: v for k, v in entries[0].items() if k != "languages"}:
            raise SearchIndexError(f"Pagefind runs disagree on {ENTRY}: {entries}")
        merged["languages"].update(entry["languages"])
    _replace(path, _entry_bytes(merged))


@contextmanager
def _pagefind_run(config: Mapping[str, str],
                  label: str) -> Iterator[Callable[[], tuple[int, int]]]:
    """Start one Pagefind run with ``config`` (its options: ``site``, ``glob``, ...); the
    body may work meanwhile and calls the yielded function to wait: pages and words
    indexed. The options go through a ``pagefind.json`` in the run's working folder."""
    with tempfile.TemporaryDirectory(prefix="pagefind-") as tmp:
        (Path(tmp) / "pagefind.json").write_text(json.dumps(config), encoding="utf-8")
        out_path = Path(tmp) / "out.txt"
        log.info("indexing %s for search with Pagefind", label)
        with open(out_path, "w+", encoding="utf-8") as out:
            proc = subprocess.Popen([sys.executable, "-m", "pagefind"], cwd=tmp, stdout=out,
                                    stderr=subprocess.STDOUT, text=True)
            done: list[tuple[int, int]] = []

            def finish() -> tuple[int, int]:
                if not done:
                    code = proc.wait()
                    out.seek(0)
                    done.append(_pagefind_counts(code, out.read(), label))
                return done[0]

            try:
                yield finish
                finish()
            finally:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()


def _pagefind_counts(code: int, stdout: str, label: str) -> tuple[int, int]:
    if code != 0:
        raise SearchIndexError(f"pagefind failed:\n{stdout}")
    total = stdout.rpartition("Total:")[2]
    pages = sum(int(n) for n in re.findall(r"Indexed (\d+) pages?", total))
    count = sum(int(n) for n in re.findall(r"Indexed (\d+) words?", total))
    if "Did not find a data-pagefind-body" in stdout:
        log.warning("search: no data-pagefind-body in %s: whole pages were indexed", label)
    return pages, count


def indexed_pages(site: Path) -> dict[str, dict]:
    """What the search bundles of ``site`` hold, part by part merged: page URL -> its
    Pagefind fragment (content, filters, meta, anchors). For tests and benchmarks."""
    pages: dict[str, dict] = {}
    for bundle in (BUNDLE, RECENT):
        for path in sorted((site / bundle / "fragment").glob("*.pf_fragment")):
            data = gzip.decompress(path.read_bytes())
            fragment = json.loads(data[len(b"pagefind_dcd"):])
            if fragment["url"] in pages:
                raise SearchIndexError(f"{fragment['url']} is indexed twice")
            pages[fragment["url"]] = fragment
    return pages
