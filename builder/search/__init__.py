"""Site search: search forms, Pagefind attributes, and the Pagefind indexing step.

Pagefind (run over ``site/`` after MkDocs) indexes each page's ``data-pagefind-body`` in the
page's language and stems Arabic. What it cannot match by itself (``ايران`` for ``وإيران``,
``المعلنة`` for ``والمعلنة``, ``مزارعي`` for ``لمزارعي``) is matched through *search forms*
(:mod:`builder.search.forms`): every word folded with :func:`builder.normalize.normalize`
and stripped of its clitics (rules in ``data/search.yml``), but for the letters the
archive's own vocabulary shows a word owns (وزير, واشنطن). Article pages are indexed with
the search forms of their words in an index-only block (hidden from display and from screen
readers), and the search box turns the reader's words into the same forms
(``docs/assets/javascripts/search.js`` mirrors :func:`forms.search_form`, with the lexicon
fetched one small shard per word from :data:`WORDS_BUNDLE`).

``query_form("بالحكومة")`` -> ``"حكومه"``; ``query_form("وإيران")`` -> ``"ايران"``.

Entities (people, places, organisations) are offered above the articles from a small
lookup of their names, sharded by the first three letters of each name's search forms
(:func:`entity_shards`), so that a query downloads a few KB instead of a second index.

The MkDocs hook ``hooks/search_index.py`` calls :func:`decorate_article` on article pages
(Pagefind attributes, and the words of the entities' names that the text does not write)
and writes an :func:`entity_record` beside each tag page; :func:`index_site` makes the
lexicon, adds the search forms (:func:`add_forms`), runs Pagefind and writes the entity
lookup and the lexicon's shards (I/O).

Incremental indexing. The index has two parts: the main bundle ``pagefind/`` and, after
incremental renders, a *recent* bundle ``pagefind-recent/`` that the search box merges (the
main bundle's ``pagefind-entry.json`` names it under ``recent``; without that key there is
no recent part and nothing else is fetched). ``pagefind/parts.json.gz`` keeps the state:
the Pagefind version, every page of each part with a :func:`page_digest` of what Pagefind
indexes from it (text of the ``data-pagefind-body`` element without the ignored sections,
its filters, meta, sort and anchors, the page language), the entity records and shard
hashes of the entity lookup, and the lexicon. A full index makes the lexicon anew from the
words of the article pages (:func:`forms.build_lexicon`); the recent part is indexed with
the main part's, which the search box keeps fetching, so that both parts and the box agree
on every word's form until the next full index. :func:`index_site` given the docs pages MkDocs rendered
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
element without its ignored sections; a fifth of the bytes), with their search forms
(:func:`add_forms`), in a scratch folder, in memory when there is room
(:func:`scratch_base`); the bundle is the one the pages with their forms give
(``tests/test_search_slim.py``). The words of the first language's copies are counted as
they are made, for the lexicon; its forms are then added to them. The copies of the second
language are made (with their forms) while Pagefind indexes the first, and the entity
lookup and the lexicon's shards are written meanwhile too.

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
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TypeVar

import yaml

from ..config import URLS
from ..model import ENTITY_TYPES, parse_date
from ..normalize import normalize
from ..parallel import cores
from .forms import (
    SHARD_LETTERS,
    Clitics,
    Lexicon,
    Vocabulary,
    build_lexicon,
    client_clitics,
    clitics_from,
    fold,
    pagefind_term,
    search_form,
    shard_key,
)

log = logging.getLogger(__name__)
T = TypeVar("T")

DATA = Path(__file__).parent.parent / "data" / "search.yml"
#: ``id`` of the index-only block of search forms (the search box finds it in Pagefind's
#: ``anchors`` to tell the page's own words from the forms).
FORMS_ID = "na-search-forms"
#: Pagefind's index of the articles, below the site, and the pages it indexes (article
#: pages are served at ``articles/<id>/`` and ``en/articles/<id>/``, see builder/pages).
BUNDLE = "pagefind"
#: The folders of the article pages (``<folder><id>/index.html``), one per language.
#: Pagefind runs once per language (:func:`index_site`): each run holds half the pages in
#: memory, the peak of a large build (about 4 GB for 20,000 pages in one run).
LANGUAGE_FOLDERS = (URLS.article_folder(), f"en/{URLS.article_folder()}")
#: The entity lookup below the site: ``<lang>/<key>.json`` holds the entities with a search
#: form starting with the letters of ``key`` (see :func:`shard_key`); no file, no entity.
ENTITY_BUNDLE = "search-entities"
#: The record of one entity, written beside its tag page (``tags/<kind>/<slug>/``).
ENTITY_RECORD = "search.json"
#: The archive's lexicon below the site, as the search box fetches it: ``<key>.json`` holds
#: the shard of :func:`forms.word_shard` ``key``; no file, an empty shard.
WORDS_BUNDLE = "search-words"
_TAG_DIRS = (URLS.tag_glob().rstrip("/"), f"en/{URLS.tag_glob()}".rstrip("/"))

#: A word as Pagefind sees one: letters, digits, and the marks and joiners inside words.
_WORD = re.compile(r"[\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d]+")
_TAG = re.compile(r"<[^>]*>")
_BODY_OPEN = re.compile(r"<(\w+)\b[^>]*\bdata-pagefind-body\b[^>]*>")
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
    """Clitic rules, stopwords and interface strings from ``data/search.yml``, validated."""

    clitics: Clitics
    separators: str
    ui: Mapping[str, Mapping[str, object]]  #: key -> language -> string (or plural forms)
    stopwords: tuple[str, ...] = ()  #: as written in the data file


@lru_cache(maxsize=1)
def rules(path: Path = DATA) -> Rules:
    """The rules of ``data/search.yml``: ``rules().clitics.article`` -> ``"ال"``."""
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    try:
        clitics = clitics_from(data.get("clitics"), path.name)
    except ValueError as exc:
        raise SearchDataError(str(exc)) from exc
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
    return Rules(clitics, separators, ui, stopwords)


def _ui_value(value: object) -> bool:
    if isinstance(value, str):
        return True
    return (isinstance(value, dict) and "other" in value
            and all(isinstance(v, str) for v in value.values()))


def query_form(word: str, lexicon: Lexicon | None = None) -> str:
    """The form a word is indexed and searched under (:func:`forms.search_form` with the
    rules of ``data/search.yml``): ``query_form("الروسى")`` -> ``"روسي"``. Without a
    lexicon every proclitic is stripped."""
    if lexicon is None:
        return _blind_form(word)
    return lexicon.form(word, rules().clitics)


@lru_cache(maxsize=1 << 18)
def _blind_form(word: str) -> str:
    return search_form(word, None, rules().clitics)


def words(text: str) -> list[str]:
    """The words of ``text`` as the index sees them: ``words("«داعش»،")`` -> ``["داعش"]``."""
    return _WORD.findall(text)


def index_forms(text: str, names: Iterable[str] = (), lexicon: Lexicon | None = None
                ) -> list[str]:
    """Search forms to add to the index for a page whose indexed text is ``text``.

    A word's form (:func:`query_form` with ``lexicon``, as Pagefind is given it:
    :func:`forms.pagefind_term`) is added when it differs from the word as written; every
    word of ``names`` (entity names, which the text may spell differently or not contain)
    is added as written (lower case) and as a form. First occurrence order, no duplicates.
    ``index_forms("أعلن الرئيس الروسى")`` -> ``["اعلن", "رئيس", "روسي"]``.
    """
    c = rules().clitics
    seen: set[str] = set()
    out: list[str] = []

    form_of = (lambda word: lexicon.term(word, c)) if lexicon is not None else \
        (lambda word: pagefind_term(_blind_form(word), c))

    def add(form: str) -> None:
        if len(form) > 1 and form not in seen:
            seen.add(form)
            out.append(form)

    unique = {word: word.lower() for word in words(text)}  # first occurrence order
    written = set(unique.values())
    for word, lower in unique.items():
        form = form_of(word)
        if form != lower and form not in written and len(form) > 1 and form not in seen:
            seen.add(form)
            out.append(form)
    for name in names:
        for word in words(name):
            if word.lower() not in written:
                add(word.lower())
            if form_of(word) not in written:
                add(form_of(word))
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
    """Pagefind attributes, filters and entity names for a rendered article page.

    ``meta`` is the page's front matter (``date``, ``entities`` [{type, ar, en}], ...):
    the date becomes Pagefind meta, sort key and ``year`` filter; each entity a filter of
    its type (named in ``lang``); the words of the entities' names in both languages that
    the text does not write go into a hidden, index-only block (the indexing step adds the
    search forms of every word to it: :func:`add_forms`). Pages without a
    ``data-pagefind-body`` element are returned unchanged.
    """
    entities = [e for e in (meta.get("entities") or []) if isinstance(e, Mapping)]
    date = str(meta.get("date") or "")
    parts = parse_date(date)
    dated = parts is not None and parts.year is not None
    attrs = {"data-pagefind-meta": "kind:article"}
    if dated:
        attrs["data-pagefind-sort"] = f"date:{date}"
    filters = [("year", date[:4] if dated else "")]
    filters += [(str(e.get("type")), _name(e, lang)) for e in entities
                if e.get("type") in ENTITY_TYPES]
    hidden = [("data-pagefind-meta", "date", date if dated else "")]
    hidden += [("data-pagefind-filter", key, value) for key, value in filters]
    names = [str(e.get(k)) for e in entities for k in ("ar", "en") if e.get(k)]
    page_html = _SECTION.sub(lambda m: m.group(0) + " data-pagefind-ignore", page_html)
    extra = name_words(indexed_text(page_html), names)
    return _insert(page_html, attrs, _hidden(hidden) + _forms_block(extra))


def name_words(text: str, names: Iterable[str]) -> list[str]:
    """The words of ``names`` (entity names) that the page's ``text`` does not write: the
    index-only block of the page (:func:`add_forms` adds the search forms to it).

    ``name_words("زار لافروف", ["سيرغي لافروف", "Sergey Lavrov"])`` ->
    ``["سيرغي", "sergey", "lavrov"]``; a word written with marks inside is also kept whole
    (``al-sa'di``, ``al``, ``sa``, ``di``), as Pagefind reads it in an English text.
    """
    written = {word.lower() for word in words(text)}
    out: dict[str, None] = {}
    for name in names:
        for chunk in name.split():
            parts = [w.lower() for w in words(chunk)]
            whole = _NAME_EDGES.sub("", chunk).lower()  # al-Sa'di as Pagefind reads it
            for word in [whole] * bool(_JOINED.match(whole)) + parts:
                if len(word) > 1 and word not in written:
                    out.setdefault(word)
    return list(out)


#: Characters around a word of a name that are not part of it.
_NAME_EDGES = re.compile(r"^[^\w]+|[^\w]+$")
#: A word of a name made of words joined by a hyphen, an apostrophe or a dot.
_JOINED = re.compile(r"^\w+(?:[-'’.]\w+)+$")


_FORMS_BLOCK = re.compile(f'<div id="{FORMS_ID}"[^>]*>([^<]*)</div>')


def add_forms(page_html: str, lexicon: Lexicon | None) -> str:
    """The page with the search forms of its words (:func:`index_forms` with ``lexicon``)
    in its index-only block (made if it has none; nothing if it has no
    ``data-pagefind-body`` element). The block's own words, names that the text does not
    write (:func:`name_words`), are kept and given their forms too."""
    block = _FORMS_BLOCK.search(page_html)
    names = html.unescape(block.group(1)) if block else ""
    text = indexed_text(_FORMS_BLOCK.sub(" ", page_html) if block else page_html)
    if not text and not _body_open(page_html):
        return page_html
    forms = names.split() + index_forms(text, [names], lexicon)
    forms = list(dict.fromkeys(forms))
    if block:
        return page_html[: block.start()] + _forms_block(forms) + page_html[block.end():]
    body = _body_open(page_html)
    assert body is not None  # (returned above otherwise)
    end = _element_end(page_html, body.group(1), body.end())
    close = page_html.rfind("</", body.end(), end)  # the body's end tag, if it has one
    if close < 0 or not page_html.startswith(f"</{body.group(1)}", close):
        close = end
    return page_html[:close] + _forms_block(forms) + page_html[close:]


def entity_record(kind: str, title: str, names: Sequence[str], count: int) -> dict:
    """What the entity lookup knows of one entity: its kind, title, names, article count.

    ``entity_record("person", "سيرغي لافروف", ["سيرغي لافروف", "Sergei Lavrov"], 41)``.
    """
    return {"kind": kind, "title": title, "names": list(dict.fromkeys(n for n in names if n)),
            "count": count}


def entity_shards(records: Iterable[tuple[str, str, dict]], lexicon: Lexicon | None = None
                  ) -> dict[str, dict[str, list]]:
    """Language -> shard key -> entities, from ``(lang, url, record)`` triples.

    An entity is ``[title, url, kind, count, "form form ..."]``; it is in the shard of the
    first three letters of each of its forms (the search forms of every word of its names,
    in both languages, with the archive's ``lexicon``, and the words themselves in lower
    case): a reader's word of three letters or more finds it in one small file. Sorted, so
    the output is the same for the same site.
    """
    shards: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for lang, url, record in sorted(records, key=lambda r: (r[0], r[1])):
        forms: list[str] = []
        for name in record["names"]:
            for word in words(name):
                for form in (query_form(word, lexicon), word.lower()):
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
    replacement, so that the script's normaliser is table-driven from this one; ``clitics``
    are the proclitic and pronoun rules and ``words`` the folder of the lexicon's shards
    (:mod:`builder.search.forms`).
    """
    r = rules()
    table: dict[str, str] = {}
    for code in range(0x10000):
        if 0xD800 <= code <= 0xDFFF or 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
            continue
        ch = chr(code)
        folded = normalize(ch)
        if folded != ch:
            table[ch] = folded
    if normalize("\ufeff") != "\ufeff":
        table["\ufeff"] = normalize("\ufeff")
    return {
        "fold": table,
        "clitics": client_clitics(r.clitics),
        "words": f"{WORDS_BUNDLE}/",
        "separators": r.separators,
        "stopwords": sorted({fold(w) for w in r.stopwords}),  # compared folded
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
STATE_FORMAT = 2
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
    parts = [data.get("main"), data.get("recent"), data.get("entities"), data.get("lexicon")]
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


def _tag_page(page: str) -> bool:
    """Whether a site page (``en/tags/people/x/index.html``) is the first page of a tag."""
    loc = page.removeprefix("en/")
    return loc.endswith("/index.html") and \
        URLS.tag_page().fullmatch(loc[: -len("index.html")]) is not None


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

    # the entity lookup and the lexicon's shards (small files: mostly waiting for the
    # disk) are written meanwhile, once the lexicon is known
    with ThreadPoolExecutor(2) as background:
        jobs = []

        def on_lexicon(lexicon: Lexicon, full: bool = True) -> None:
            jobs.append(background.submit(
                write_entity_index, site, state["entities"]
                if state and rendered is not None else None, rendered, view=view,
                lexicon=lexicon))
            if full:
                jobs.append(background.submit(write_words, view, lexicon))

        plan = plan_index(state, present, rendered, digest)
        if plan.full:
            count, words, main, lexicon = _index_full(view, present, background, on_lexicon)
            recent: dict[str, str] = {}
            mode = "full"
        else:
            assert state is not None
            main, recent = plan.main, plan.recent
            lexicon = Lexicon.from_json(state["lexicon"])
            on_lexicon(lexicon, full=False)
            count, words, mode = _index_recent(view, recent, state["recent"], lexicon)
        log.info("search: %s index (%s)", mode, plan.reason)
        entities, entity_state = jobs[0].result()
        for job in jobs[1:]:
            job.result()
    if (site / BUNDLE).is_dir() or (view.base / BUNDLE).is_dir():
        (site / BUNDLE).mkdir(parents=True, exist_ok=True)
        _replace(site / BUNDLE / STATE, gzip.compress(json.dumps(
            {"format": STATE_FORMAT, "pagefind": version, "main": main, "recent": recent,
             "entities": entity_state, "lexicon": lexicon.to_json()}, ensure_ascii=False,
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


def _index_full(view: _View, present: set[str], background: Executor,
                on_lexicon: Callable[[Lexicon], None]) -> tuple[int, int, dict[str, str],
                                                                Lexicon]:
    """Every article page into the main part, one Pagefind run per language over slim
    copies of its pages (:class:`_SlimCopies`). The words of the first language's pages
    make the lexicon (:func:`forms.build_lexicon`; ``on_lexicon`` is called with it), whose
    search forms are then added to its copies; the next language's copies are made with
    them while Pagefind indexes one. The parts of the previous index are moved out of the
    site and removed by ``background``."""
    bundle = view.replace_folder(BUNDLE, background)
    view.drop_folder(RECENT, background)
    languages = [sorted(p for p in present if p.startswith(folder))
                 for folder in LANGUAGE_FOLDERS]
    languages = [pages for pages in languages if pages]
    if not languages:
        log.info("search: no article page to index (%s)", ", ".join(LANGUAGE_FOLDERS))
        on_lexicon(Lexicon())
        return 0, 0, {}, Lexicon()
    pages = count = 0
    main: dict[str, str] = {}
    entries = []
    with _SlimCopies(view, len(present)) as slim:
        batch = slim.start(languages[0], count=True)
        lexicon = build_lexicon(batch.vocabulary(), rules().clitics)
        saved = slim.save_lexicon(lexicon)
        batch.add_forms(saved)
        on_lexicon(lexicon)
        for number, mine in enumerate(languages):
            scratch = batch.ready()
            with _pagefind_run({"site": scratch, "output_path": str(bundle.resolve())},
                               f"{len(mine)} pages of {view.base.name}/"
                               f"{mine[0].split('/')[0]}") as finish:
                after = slim.start(languages[number + 1], saved) \
                    if number + 1 < len(languages) else None
                indexed, words = finish()
            main.update(batch.digests())
            batch.remove()
            pages, count = pages + indexed, count + words
            entries.append(json.loads((bundle / ENTRY).read_text(encoding="utf-8")))
            if after is not None:
                batch = after
    _write_entry(bundle / ENTRY, entries)
    return pages, count, main, lexicon


def _index_recent(view: _View, recent: dict[str, str], before: Mapping[str, str],
                  lexicon: Lexicon) -> tuple[int, int, str]:
    """Index the ``recent`` pages into the recent part (unless it holds them already), with
    the search forms of the main part's ``lexicon``, and name it in the main part's
    entry."""
    if recent == dict(before) and view.folder(RECENT).is_dir() == bool(recent):
        return 0, 0, "unchanged"
    count = words = 0
    languages: list[str] = []
    if recent:
        # one Pagefind run over slim copies of the recent pages (same paths, so the same
        # URLs): Pagefind walks the whole site folder it is given
        target = view.replace_folder(RECENT)
        with _SlimCopies(view, len(recent)) as slim:
            scratch = slim.start(sorted(recent), slim.save_lexicon(lexicon)).ready()
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
        self.files: list[str] = []
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
        for path in self.files:
            Path(path).unlink(missing_ok=True)

    def save_lexicon(self, lexicon: Lexicon) -> str:
        """Write ``lexicon`` where the processes read it (:func:`_lexicon`); its path."""
        handle, path = tempfile.mkstemp(prefix=f".{self.site.name}-lexicon-", suffix=".json",
                                        dir=self.base)
        with os.fdopen(handle, "wb") as fh:
            fh.write(_json_bytes(lexicon.to_json()))
        self.files.append(path)
        return path

    def start(self, pages: Sequence[str], lexicon: str | None = None,
              count: bool = False) -> _SlimBatch:
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
        return _SlimBatch(self, scratch, list(pages), lexicon, count)

    def run(self, func: Callable[..., T], *args: object,
            pages: Sequence[str]) -> list[Callable[[], T]]:
        """``func(*args, share)`` for shares of ``pages``: functions waiting for each."""
        shares = [pages[i: i + SLIM_CHUNK] for i in range(0, len(pages), SLIM_CHUNK)]
        if self.pool is None:
            results = [func(*args, share) for share in shares]
            return [lambda r=r: r for r in results]
        return [self.pool.submit(func, *args, share).result for share in shares]


class _SlimBatch:
    """The slim copies of some pages (:meth:`_SlimCopies.start`), their digests and, with
    ``count``, the words of their text.

    With a ``lexicon`` (the path of its JSON) the copies are written with their search
    forms (:func:`add_forms`); without, :meth:`add_forms` adds them afterwards (once the
    lexicon is made from the words counted). The digests are those of the pages, taken
    from the same reading as the copies.
    """

    def __init__(self, copies: _SlimCopies, scratch: str, pages: list[str],
                 lexicon: str | None, count: bool) -> None:
        self.copies, self.scratch, self.pages = copies, scratch, pages
        self.written = copies.run(_write_slim, copies.roots, scratch, lexicon, count,
                                  pages=pages)
        self.formed: list[Callable[[], object]] = []

    def ready(self) -> str:
        """Wait for the copies (and their forms); the scratch folder."""
        for wait in self.written + self.formed:
            wait()
        return self.scratch

    def vocabulary(self) -> Vocabulary:
        """The words counted in the pages' text (waits for the copies)."""
        total = Vocabulary()
        for wait in self.written:
            total.update(wait()[1])
        return total

    def add_forms(self, lexicon: str) -> None:
        """Start adding the search forms (``lexicon``: the path of its JSON) to the copies."""
        self.ready()
        self.formed = self.copies.run(_add_forms, self.scratch, lexicon, pages=self.pages)

    def digests(self) -> dict[str, str]:
        """The pages' :func:`page_digest`."""
        return {page: digest for wait in self.written for page, digest in wait()[0].items()}

    def remove(self) -> None:
        """Start removing the copies, by the pool if there is one (``shutil.rmtree`` stats
        and opens every folder); what is left goes on leaving the ``with`` block."""
        self.ready()
        self.copies.run(_remove_slim, self.scratch, pages=self.pages)


def _write_slim(roots: Sequence[str], scratch: str, lexicon: str | None, count: bool,
                pages: Sequence[str]) -> tuple[dict[str, str], Vocabulary]:
    """Write the slim copy (:func:`slim_page`; with the search forms of ``lexicon``, the
    path of its JSON, if given) of each page (site-relative paths, read from the first of
    the folders ``roots`` that has it) to the same path below ``scratch`` (its folder
    exists). Returns the pages' :func:`page_digest` from the same reading and, with
    ``count``, the words of their text (else an empty vocabulary)."""
    found = {}
    vocabulary = Vocabulary()
    raw: Counter = Counter()
    lex = _lexicon(lexicon) if lexicon else None
    for page in pages:
        source = next((os.path.join(r, page) for r in roots[:-1]
                       if os.path.isfile(os.path.join(r, page))), os.path.join(roots[-1], page))
        with open(source, "rb") as fh:
            text = fh.read().decode("utf-8")
        slim, found[page] = slim_and_digest(text)
        if count:
            raw.update(words(indexed_text(_FORMS_BLOCK.sub(" ", slim))))
        if lex is not None:
            slim = add_forms(slim, lex)
        with open(os.path.join(scratch, page), "wb") as fh:
            fh.write(slim.encode("utf-8"))
    vocabulary.add_counts(raw)
    return found, vocabulary


def _add_forms(scratch: str, lexicon: str, pages: Sequence[str]) -> None:
    """Add the search forms (:func:`add_forms`, ``lexicon``: the path of its JSON) to the
    slim copies of ``pages`` below ``scratch``."""
    lex = _lexicon(lexicon)
    for page in pages:
        path = os.path.join(scratch, page)
        with open(path, encoding="utf-8") as fh:
            slim = fh.read()
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(add_forms(slim, lex))


@lru_cache(maxsize=2)
def _lexicon(path: str) -> Lexicon:
    """The lexicon saved at ``path`` (:meth:`_SlimCopies.save_lexicon`), read once per
    process."""
    with open(path, encoding="utf-8") as fh:
        return Lexicon.from_json(json.load(fh))


def _remove_slim(scratch: str, pages: Sequence[str]) -> None:
    """Remove the slim copies of ``pages`` below ``scratch`` and their folders."""
    for page in pages:
        path = os.path.join(scratch, page)
        os.unlink(path)
        os.rmdir(os.path.dirname(path))


def write_entity_index(site: Path, cache: Mapping | None = None,
                       rendered: set[str] | None = None, *, view: _View | None = None,
                       lexicon: Lexicon | None = None) -> tuple[int, dict]:
    """Gather the records beside the tag pages into the entity lookup.

    Returns the number of entities and the state to keep for the next call. With ``cache``
    (that state) and ``rendered`` (pages rendered since), only the records of rendered tag
    pages are read again and only shards whose bytes change are written. Records whose tag
    page is gone (an entity no longer in the corpus) are removed. ``view``: see
    :func:`index_site` (``base``); ``lexicon``: the archive's (:func:`entity_shards`).
    """
    view = view or _View(site)
    target = site / ENTITY_BUNDLE
    if cache is not None and rendered is not None:
        records = {url: record for url, record in cache["records"].items()
                   if view.exists(f"{url}index.html")}
        for url in set(cache["records"]) - set(records):
            view.delete(f"{url}{ENTITY_RECORD}")
        for page in sorted(p for p in rendered if _tag_page(p)):
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
    for lang, entries in entity_shards(triples, lexicon).items():
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


def write_words(view: _View, lexicon: Lexicon) -> int:
    """Write the lexicon's shards for the search box (:data:`WORDS_BUNDLE`); their bytes."""
    target = view.replace_folder(WORDS_BUNDLE)
    size = 0
    for key, data in sorted(lexicon.to_json().items()):
        if not target.is_dir():
            target.mkdir(parents=True)
        payload = _json_bytes(data)
        size += len(payload)
        _replace(target / f"{key}.json", payload)
    return size


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
