"""MkDocs hook: prepare pages for the Pagefind search (see ``builder/search/``).

* article pages (front matter ``article_id``): Pagefind meta and date sort, and the
  ignored sections (the indexing step makes the filters and the index-only block of names
  and search forms in the copy Pagefind reads, from the page's JSON-LD: the served page
  does not carry them);
* entity tag pages (front matter ``tag`` with ``kind``, ``ar``, ``en``; first page only):
  a record (kind, title, names, article count) that the indexing step gathers into the
  entity lookup, so that a name offers its page first; a language build's records are
  written at its end, one file at the top of the site per process
  (:func:`builder.search.entities.write_records`: thousands of tag pages, one file), which
  the indexing step removes (the index's state keeps them, the published site does not);
* ``config.extra.na_search``: the search box's interface strings for the templates, and
  whether there is an entity lookup (``search-entities/``);
* after the build: ``assets/javascripts/search-rules.json``, the folding table and
  clitic rules that ``search.js`` uses, derived from ``builder.normalize`` and
  ``builder/data/search.yml``.

Pagefind itself runs after MkDocs (``builder.render.render_site``), or from this hook under
``mkdocs serve``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

try:
    from builder import search
    from builder.config import Urls, extra_urls
    from builder.model import ENTITY_TYPES, KIND_TYPES
    from builder.render import shards
    from builder.search import decorate, entities, language, layout
except ImportError:  # `mkdocs build` run by hand from the project folder
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from builder import search
    from builder.config import Urls, extra_urls
    from builder.model import ENTITY_TYPES, KIND_TYPES
    from builder.render import shards
    from builder.search import decorate, entities, language, layout

RULES_FILE = "assets/javascripts/search-rules.json"


def _tag(page, meta: dict, urls: Urls) -> dict | None:
    """The entity record of the first page of an entity's tag page, or None."""
    tag = meta.get("tag")
    if not isinstance(tag, dict) or not _is_tag_page(page.file.src_uri, urls):
        return None
    kind = KIND_TYPES.get(str(tag.get("kind") or ""), str(tag.get("type") or ""))
    if kind not in ENTITY_TYPES:
        return None
    names = [str(tag[k]) for k in ("ar", "en") if tag.get(k)]
    names += [str(a) for a in tag.get("aliases") or [] if a]
    if not names:
        return None
    count = tag.get("articles")
    count = count if isinstance(count, int) else 0
    return entities.entity_record(kind, str(meta.get("title") or names[0]), names, count)


#: The file name of a page below its folder, in any language: ``index.md``, ``index.en.md``.
_INDEX = re.compile(r"(?<![^/])index(?:\.\w+)?\.md\Z")


def _is_tag_page(src_uri: str, urls: Urls) -> bool:
    """Whether a source file is the first page of an entity's tag page
    (``tags/people/<slug>/index.md``, :meth:`builder.config.Urls.tag_page`)."""
    index = _INDEX.search(src_uri)
    return index is not None and urls.tag_page().fullmatch(src_uri[: index.start()]) is not None


def on_config(config):
    """Interface strings of the search box, for ``overrides/partials/search.html``."""
    config.extra["na_search"] = {
        "ui": {k: dict(v) for k, v in language.rules().ui.items()},
        "rules": RULES_FILE,
        "bundle": f"{layout.BUNDLE}/",
        "entities": None,
    }
    return config


def on_files(files, config):
    """Tell the search box whether there is an entity lookup (the site has tag pages)."""
    urls = extra_urls(config.extra)
    if any(_is_tag_page(f.src_uri, urls) for f in files) or _has_tag_page(config.docs_dir, urls):
        config.extra["na_search"]["entities"] = f"{layout.ENTITY_BUNDLE}/"
    return files


def _has_tag_page(docs: str, urls: Urls) -> bool:
    """Whether ``docs`` has a tag page: an incremental render lists only the pages it needs
    (``hooks/shards.py``), which may be none of them."""
    return any(_is_tag_page(p.relative_to(docs).as_posix(), urls)
               for p in Path(docs).glob(f"{urls.tag_glob()}index*.md"))


def on_page_content(html, page, config, files):
    """Pagefind attributes on article pages; entity records of tag pages."""
    meta = page.meta or {}
    if meta.get("article_id"):
        return decorate.decorate_article(html, meta)
    record = _tag(page, meta, extra_urls(config.extra))
    if record is not None:
        url = page.file.dest_uri.rpartition("/")[0]
        _RECORDS.setdefault(_language(config), {})[f"{url}/"] = record
    return html


#: Language of a build -> tag page folder (below the site) -> its entity record, from
#: ``on_page_content`` to the end of that language's build.
_RECORDS: dict[str, dict[str, dict]] = {}


def _language(config) -> str:
    return str(config.theme["language"] or "")


#: Whether this process runs ``mkdocs serve``. Only ``on_startup`` is told the command, and
#: before any configuration exists, so it is kept here: MkDocs loads a hook module once per
#: process as the instance of a plugin, and this is that instance's state.
_SERVING = {"on": False}


def on_startup(command, dirty):
    """Remember whether this is ``mkdocs serve`` (which then indexes the site itself)."""
    _SERVING["on"] = command == "serve"


def on_post_build(config):
    """Write the search box's rules next to its script; under ``mkdocs serve`` (``make
    serve``) also index the served site, so that the search works in the live preview."""
    site = Path(config.site_dir)
    records = _RECORDS.pop(_language(config), None)
    if records:
        plan = shards.current_plan()
        entities.write_records(site, _language(config),
                               "all" if plan is None else str(plan.shard), records)
    target = site / RULES_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    data = language.client_rules_json()
    if not target.exists() or target.read_text(encoding="utf-8") != data:
        target.write_text(data, encoding="utf-8")
    if _SERVING["on"]:
        search.index_site(site)
