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
"""

from __future__ import annotations

import html
import json
import logging
import re
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from .normalize import normalize

log = logging.getLogger(__name__)

DATA = Path(__file__).parent / "data" / "search.yml"
#: ``id`` of the index-only block of search forms (the search box finds it in Pagefind's
#: ``anchors`` to tell the page's own words from the forms).
FORMS_ID = "na-search-forms"
#: Entity types that get a search filter (and tag pages a result type).
ENTITY_TYPES = ("person", "place", "organization")
#: Pagefind's index of the articles, below the site, and the pages it indexes (article
#: pages are served at ``articles/<id>/`` and ``en/articles/<id>/``, see builder/pages).
BUNDLE = "pagefind"
#: Pagefind runs once per language (:func:`index_site`): each run holds half the pages in
#: memory, the peak of a large build (about 4 GB for 20,000 pages in one run).
LANGUAGE_GLOBS = ("articles/*/index.html", "en/articles/*/index.html")
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

    written = set(w.lower() for w in words(text))
    for word in dict.fromkeys(words(text)):
        form = query_form(word)
        if form != word.lower() and form not in written:
            add(form)
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
    match = _BODY_OPEN.search(page_html)
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
    match = _BODY_OPEN.search(page_html)
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


def write_entity_index(site: Path) -> int:
    """Gather the records beside the tag pages into the entity lookup; returns entities.

    Records whose tag page is gone (an entity no longer in the corpus) are removed.
    """
    records = []
    for pattern in _TAG_DIRS:
        for path in sorted(site.glob(f"{pattern}/{ENTITY_RECORD}")):
            if not (path.parent / "index.html").is_file():
                path.unlink()
                continue
            rel = path.parent.relative_to(site).as_posix()
            lang = "en" if rel.startswith("en/") else "ar"
            records.append((lang, f"{rel}/", json.loads(path.read_text(encoding="utf-8"))))
    target = site / ENTITY_BUNDLE
    shutil.rmtree(target, ignore_errors=True)
    for lang, shards in entity_shards(records).items():
        folder = target / lang
        folder.mkdir(parents=True)
        for key, entries in shards.items():
            _write_json(folder / f"{key}.json", entries)
    return len(records)


def _write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                    encoding="utf-8")


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


@dataclass(frozen=True)
class IndexReport:
    """What indexing did: pages and words indexed, time taken and bundle size on disk."""

    pages: int
    words: int
    seconds: float
    bytes: int
    entities: int = 0


def index_site(site: Path) -> IndexReport:
    """Run Pagefind over the article pages of ``site`` (``site/pagefind/``, removed first)
    and write the entity lookup (``site/search-entities/``); raise on failure."""
    start = time.perf_counter()
    pages = count = 0
    shutil.rmtree(site / BUNDLE, ignore_errors=True)
    globs = [g for g in LANGUAGE_GLOBS if next(site.glob(g), None)]
    entries = []
    for glob in globs:
        indexed, words = _pagefind(site, BUNDLE, glob)
        pages, count = pages + indexed, count + words
        entries.append(json.loads((site / BUNDLE / ENTRY).read_text(encoding="utf-8")))
    if entries:
        _write_entry(site / BUNDLE / ENTRY, entries)
    else:
        log.info("search: no article page to index (%s)", ", ".join(LANGUAGE_GLOBS))
    entities = write_entity_index(site)
    seconds = time.perf_counter() - start
    size = sum(p.stat().st_size for b in (BUNDLE, ENTITY_BUNDLE)
               for p in (site / b).rglob("*") if p.is_file())
    return IndexReport(pages=pages, words=count, seconds=seconds, bytes=size,
                       entities=entities)


#: Pagefind's list of the languages of a bundle (each run writes its own).
ENTRY = "pagefind-entry.json"


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
    path.write_text(json.dumps(merged, ensure_ascii=False, sort_keys=True,
                               separators=(",", ":")), encoding="utf-8")


def _pagefind(site: Path, bundle: str, pattern: str) -> tuple[int, int]:
    """One Pagefind run: pages and words indexed."""
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site), "--output-subdir", bundle,
           "--glob", pattern]
    log.info("indexing %s/%s for search with Pagefind", site.name, pattern)
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0:
        raise SearchIndexError(f"pagefind failed:\n{result.stdout}{result.stderr}")
    total = result.stdout.rpartition("Total:")[2]
    pages = sum(int(n) for n in re.findall(r"Indexed (\d+) pages?", total))
    count = sum(int(n) for n in re.findall(r"Indexed (\d+) words?", total))
    if "Did not find a data-pagefind-body" in result.stdout:
        log.warning("search: no data-pagefind-body in %s: whole pages were indexed", pattern)
    return pages, count
