"""Where the search's files are in the site: the Pagefind bundles and their state, the
entity lookup, the lexicon's shards, and the article and tag pages they are made from.

``site_page("articles/x.en.md")`` -> ``"en/articles/x/index.html"``.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..config import LANGS, URLS, Urls

#: ``id`` of the index-only block of search forms (the search box finds it in Pagefind's
#: ``anchors`` to tell the page's own words from the forms).
FORMS_ID = "na-search-forms"

#: ``id`` of an article page's JSON-LD NewsArticle (``overrides/partials/archive-meta.html``),
#: whose ``mentions`` give the page's search filters at indexing.
ARTICLE_LD_ID = "na-article-ld"

#: Pagefind's index of the articles, below the site, and the pages it indexes (article
#: pages are served at ``articles/<id>/`` and ``en/articles/<id>/``, see builder/pages).
BUNDLE = "pagefind"

#: The recent part: a second Pagefind bundle of the article pages added since the last full
#: index (:mod:`.plan`); the search box merges it when the main bundle's entry
#: names it (key :data:`ENTRY_RECENT` of ``pagefind/pagefind-entry.json``).
RECENT = "pagefind-recent"

ENTRY_RECENT = "recent"

#: Further parts of the main index (``pagefind-part2/``, ...), when a language has more
#: article pages than one Pagefind run takes (:data:`PAGES_PER_RUN`): the main bundle's
#: entry lists them under :data:`ENTRY_PARTS` and the search box merges them as it merges
#: the recent part.
PART = "pagefind-part{}"
ENTRY_PARTS = "parts"
#: Pagefind holds every page of a run in memory until it writes the bundle (about 2.9 GB
#: for the 10,000 article pages of one language): a language with more pages is indexed
#: by several runs, one after another, into parts.
PAGES_PER_RUN = 10_000
#: The most pages of one of those runs: the builder of an archive that large holds more
#: beside Pagefind (about 0.9 GB at 50,000 articles, against 0.3 GB at 10,000), so its
#: runs are smaller than the one run of a language that fits.
PAGES_PER_PART = 7_000


def part_folder(number: int) -> str:
    """The folder of part ``number`` of the main index (1: :data:`BUNDLE` itself)."""
    return BUNDLE if number == 1 else PART.format(number)


def part_folders(site: Path) -> list[str]:
    """The folders of further parts of the main index in ``site`` (``pagefind-part2``, ...)."""
    prefix = PART.format("")
    try:
        names = [e.name for e in os.scandir(site) if e.is_dir()]
    except OSError:
        return []
    return sorted(n for n in names if n.startswith(prefix) and n[len(prefix):].isdigit())

#: The state of the parts and of the entity lookup, in the main bundle (gzip-compressed
#: JSON, never fetched by the browser).
STATE = "parts.json.gz"

#: Pagefind's list of the languages of a bundle (each run writes its own).
ENTRY = "pagefind-entry.json"


#: The entity lookup below the site: ``<lang>/<key>.json`` holds the entities with a search
#: form starting with the letters of ``key`` (see :func:`.forms.shard_key`); no file, no entity.
ENTITY_BUNDLE = "search-entities"

#: The records of the entities whose tag pages one MkDocs process rendered in one
#: language build (``{url: record}``, ``url`` the tag page's folder below the site,
#: ``tags/<kind>/<slug>/``), at the top of the site: one file per process and language
#: rather than one beside each tag page.
ENTITY_RECORDS = ".entity-records-{lang}-{process}.json"
#: Every file of :data:`ENTITY_RECORDS` at the top of a site.
ENTITY_RECORDS_GLOB = ".entity-records-*.json"

#: The archive's lexicon below the site, as the search box fetches it: ``<key>.json`` holds
#: the shard of :func:`forms.word_shard` ``key``; no file, an empty shard.
WORDS_BUNDLE = "search-words"


def language_folders(urls: Urls = URLS) -> tuple[str, ...]:
    """The folders of the article pages (``<folder><id>/index.html``), one per language:
    ``("articles/", "en/articles/")``. Pagefind runs once per language
    (:func:`builder.search.index_site`): each run holds half the pages in memory, the peak
    of a large build (about 4 GB for 20,000 pages in one run)."""
    return tuple(urls.served_loc(urls.article_folder(), lang) for lang in LANGS)


def tag_dirs(urls: Urls = URLS) -> tuple[str, ...]:
    """Globs of the folders of every tag's first page, one per language:
    ``("tags/*/*", "en/tags/*/*")``."""
    return tuple(urls.served_loc(urls.tag_glob(), lang).rstrip("/") for lang in LANGS)


def site_page(doc: str, urls: Urls = URLS) -> str:
    """The page MkDocs renders from a docs path: ``articles/x.en.md`` ->
    ``en/articles/x/index.html``; ``tags/people/y/index.md`` -> ``tags/people/y/index.html``."""
    lang, doc = urls.split_source_lang(doc)
    stem = doc[: -len(".md")] if doc.endswith(".md") else doc
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
    else:
        stem += "/"
    return f"{urls.served_loc(stem, lang)}index.html"


def article_pages(site: Path, urls: Urls = URLS) -> set[str]:
    """The article pages of ``site`` (:func:`language_folders`), as site-relative paths."""
    found = set()
    for folder in (f.rstrip("/") for f in language_folders(urls)):
        try:
            entries = list(os.scandir(site / folder))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir() and os.path.isfile(os.path.join(entry.path, "index.html")):
                found.add(f"{folder}/{entry.name}/index.html")
    return found


def tag_page(page: str, urls: Urls = URLS) -> bool:
    """Whether a site page (``en/tags/people/x/index.html``) is the first page of a tag."""
    _, loc = urls.split_lang(page)
    return loc.endswith("/index.html") and \
        urls.tag_page().fullmatch(loc[: -len("index.html")]) is not None
