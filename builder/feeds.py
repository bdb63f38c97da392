"""RSS 2.0 and Atom feeds: the newest articles per language, and per tag.

Written as static files below ``docs/feeds/`` (MkDocs copies them as they are)::

    feeds/ar/rss.xml   feeds/ar/atom.xml           newest Arabic pages
    feeds/en/rss.xml   feeds/en/atom.xml           newest English pages
    feeds/<lang>/tags/people/<slug>/rss.xml        one tag (also places/, organizations/)

A tag has a feed only when it has enough articles to follow: at least
``tag_feed_min_articles`` (``extra`` in ``mkdocs.yml``, default
:data:`TAG_FEED_MIN_ARTICLES`, twice the :data:`TAG_FEED_ITEMS` entries a tag's feed holds:
a followed tag is one whose feed has already renewed itself); below that a feed would hold
the same few entries for good, and most tags of a news archive are named in one or two
articles. A tag's feed is RSS 2.0
only (:data:`TAG_FEED_FORMAT`; every feed reader reads it), the site-wide feeds are RSS
and Atom.

Each entry has the headline, the summary, the publication date when the article has one
and the permalink (``<site_url>[en/]articles/<id>/``, also its id/guid, which never
changes); in the site-wide feeds also the names of its tags as categories (a tag's feed is
that tag's already: its entries carry none). A site-wide feed holds the newest
:data:`FEED_ITEMS` articles, a tag's the newest :data:`TAG_FEED_ITEMS`: what a feed reader
shows as new between two visits; the tag's page lists them all. Tags are the ones the tag
pages use (:func:`builder.pages.catalog.build_catalog`), so a tag feed and its page always
agree.

The output is byte-identical for the same corpus: entries are ordered newest first with
the pages' own order, the feed date (``lastBuildDate``, Atom ``updated``) is the newest
article date in the feed, and undated articles carry no ``pubDate``; Atom requires an
``updated`` date on every entry, which for an undated article is the fixed
:data:`UNKNOWN_DATE` (1970-01-01) rather than the build time.

Why not mkdocs-rss-plugin: it makes one pair of feeds per plugin instance from MkDocs page
dates (git log or a meta field), has no per-tag feeds, and with mkdocs-static-i18n both
language builds write the same feed file. feedgenerator (the feed writer Pelican uses)
does the XML; this module only decides what goes into which feed.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import partial
from importlib.metadata import version
from pathlib import Path

from feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed

from .config import LANGS, URLS, Urls, read_mkdocs_yml
from .gcpause import no_collection
from .model import parse_date
from .pages import Entry, strings, title
from .pages.catalog import Catalog, build_catalog
from .pages.common import digests, page_key, summary
from .pages.tags import TAG_FEED_FORMAT, TAG_FEED_MIN_ARTICLES, has_feed
from .parallel import map_shares
from .writer import (
    WriteReport,
    code_stamp,
    load_index,
    save_index,
    stamped,
    store,
    unchanged,
    write_if_changed,
)

log = logging.getLogger(__name__)

#: Folder below ``docs/`` that holds every feed (and nothing else), in the site's layout.
FEEDS_DIR = URLS.feed_folder().rstrip("/")
#: Entries per language feed (the newest ones).
FEED_ITEMS = 50
#: Entries per tag feed (there are thousands of tags: this keeps docs/feeds small).
TAG_FEED_ITEMS = 10

#: ``updated`` of an Atom entry whose article has no date (and of a feed with no date).
UNKNOWN_DATE = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


class _StableDate:
    """A feed whose date is the newest article date it was given, never the clock."""

    feed: dict

    def latest_post_date(self) -> dt.datetime:
        return self.feed["feed_updated"]


class _Rss(_StableDate, Rss201rev2Feed):
    """RSS 2.0 with a stable ``lastBuildDate``."""


class _Atom(_StableDate, Atom1Feed):
    """Atom 1.0 with a stable feed ``updated``."""


_FORMATS: dict[str, type[SyndicationFeed]] = {"rss.xml": _Rss, "atom.xml": _Atom}
#: Formats of the site-wide feeds of a language.
SITE_FORMATS = tuple(_FORMATS)


@dataclass(frozen=True)
class FeedFile:
    """One feed: its path below ``docs/`` and its bytes."""

    path: str
    data: bytes


def read_site_url(root: Path) -> str | None:
    """``site_url`` of ``root/mkdocs.yml`` (``!ENV [SITE_URL, ...]`` honoured), ending in "/".

    ``read_site_url(Path("."))`` -> ``"https://example.org/news-archive/"`` by default;
    None when there is no mkdocs.yml or it sets no site_url.
    """
    url = read_mkdocs_yml(root).get("site_url")
    if not url:
        return None
    return url if url.endswith("/") else f"{url}/"


def read_tag_feed_min(root: Path) -> int:
    """``extra.tag_feed_min_articles`` of ``root/mkdocs.yml``: the fewest articles a tag
    needs to have a feed (:data:`TAG_FEED_MIN_ARTICLES` when not set); a value that is not
    a positive whole number is refused with a message naming the setting."""
    extra = read_mkdocs_yml(root).get("extra") or {}
    value = extra.get("tag_feed_min_articles", TAG_FEED_MIN_ARTICLES) \
        if isinstance(extra, dict) else TAG_FEED_MIN_ARTICLES
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"mkdocs.yml: extra.tag_feed_min_articles must be a whole number "
                         f"of at least 1, not {value!r}")
    return value




def article_date(date: str | None) -> dt.datetime | None:
    """A full ``YYYY-MM-DD`` date as midnight UTC; anything else (partial, None) -> None.

    ``article_date("2015-11-20")`` -> ``datetime(2015, 11, 20, tzinfo=UTC)``;
    ``article_date("--11-20")`` -> None.
    """
    day = parts.day_date() if (parts := parse_date(date)) else None
    return None if day is None else dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


@dataclass(frozen=True)
class FeedPlan:
    """One feed to write (as RSS and Atom): :meth:`files` renders it."""

    site_url: str
    base: str
    home: str
    lang: str
    title: str
    description: str
    link: str
    items: Sequence[Entry]
    author: str
    formats: tuple[str, ...] = SITE_FORMATS  #: file names: ``rss.xml``, ``atom.xml``
    urls: Urls = URLS  #: where the articles' pages live (their permalinks)
    categories: bool = True  #: entries name their tags (not in a tag's own feed)

    def files(self) -> list[FeedFile]:
        """The files of this feed below ``base``, one per format."""
        return list(_feed_files(self))

    @property
    def paths(self) -> list[str]:
        """Paths of :meth:`files` below ``docs/``."""
        return [f"{self.base}{name}" for name in self.formats]

    @property
    def key(self) -> str | None:
        """Everything the feed is made of, as :attr:`builder.writer.PageSpec.key` for a page:
        its place, names and links, and its entries (articles by digest); None when a
        digest is unknown."""
        found = digests(self.items)
        if found is None:
            return None
        return page_key(self.site_url, self.base, self.home, self.lang, self.title,
                        self.description, self.link, self.author, self.formats,
                        self.urls.article, self.categories, found)


def feed_plans(entries: Sequence[Entry], site_url: str, catalog: Catalog | None = None,
               urls: Urls = URLS, tag_min: int = TAG_FEED_MIN_ARTICLES) -> list[FeedPlan]:
    """Every feed of the site: per language, then per tag with at least ``tag_min``
    articles, placed and linked where ``urls`` says (``catalog``: of ``entries`` and built
    with the same ``urls``, if already built)."""
    with no_collection():
        catalog = catalog if catalog is not None else build_catalog(entries, urls)
        if catalog.urls != urls:
            raise ValueError("the catalog was built with other URL patterns than the feeds'")
        return _plans(catalog, site_url, tag_min)


def _plans(catalog: Catalog, site_url: str, tag_min: int) -> list[FeedPlan]:
    plans: list[FeedPlan] = []
    urls = catalog.urls
    for lang in LANGS:
        t = strings(lang)
        home = site_url + urls.lang_root(lang)
        base = urls.feed_base(lang)
        plans.append(FeedPlan(
            site_url, base, home, lang, title=t["site_name"], description=t["feed_description"],
            link=home, items=catalog.entries[:FEED_ITEMS], author=t["site_name"], urls=urls,
        ))
        for tag in catalog.tags.values():
            if not has_feed(tag, tag_min):
                continue
            name = tag.en if lang == "en" else tag.ar
            plans.append(FeedPlan(
                site_url, f"{base}{tag.loc}", home, lang, title=f"{name} — {t['site_name']}",
                description=t["tag_feed_description"].format(name=name),
                link=f"{home}{tag.loc}", items=tag.entries[:TAG_FEED_ITEMS],
                author=t["site_name"], formats=(TAG_FEED_FORMAT,), urls=urls,
                categories=False,
            ))
    return plans


def feed_files(entries: Sequence[Entry], site_url: str, urls: Urls = URLS,
               tag_min: int = TAG_FEED_MIN_ARTICLES) -> list[FeedFile]:
    """Every feed of the site, sorted by path.

    For the Arabic article "أثنى الرئيس الروسي فلاديمير بوتين..." the Arabic feeds hold an
    entry titled with that headline, linked to ``<site_url>articles/2365a23702f008e8/``.
    """
    files = [f for plan in feed_plans(entries, site_url, urls=urls, tag_min=tag_min)
             for f in plan.files()]
    return sorted(files, key=lambda f: f.path)


def _feed_files(plan: FeedPlan) -> Iterable[FeedFile]:
    """The files of one feed below ``plan.base``, one per format."""
    dates = [d for d in (article_date(e.meta.date) for e in plan.items) if d]
    updated = max(dates, default=UNKNOWN_DATE)
    for name in plan.formats:
        kind = _FORMATS[name]
        feed = kind(
            title=plan.title, link=plan.link, description=plan.description,
            language=plan.lang, feed_url=f"{plan.site_url}{plan.base}{name}",
            author_name=plan.author, feed_updated=updated,
        )
        for entry in plan.items:
            _add_entry(feed, entry, plan.home, plan.lang, plan.urls, plan.categories)
        yield FeedFile(f"{plan.base}{name}", feed.writeString("utf-8").encode("utf-8") + b"\n")


def _add_entry(feed: SyndicationFeed, entry: Entry, home: str, lang: str, urls: Urls,
               categories: bool = True) -> None:
    meta = entry.meta
    permalink = f"{home}{urls.article_loc(meta.id)}"
    published = article_date(meta.date)
    names = [(e.en if lang == "en" and e.en else e.ar) for e in meta.entities] \
        if categories else []
    feed.add_item(
        title=title(meta, lang),
        link=permalink,
        # the summary is plain text; feeds carry it as HTML, so it is escaped once here
        description=html.escape(summary(meta, lang), quote=False),
        unique_id=permalink,
        unique_id_is_permalink=True,
        pubdate=published,
        updateddate=published or UNKNOWN_DATE,
        categories=list(dict.fromkeys(n for n in names if n)),
    )


def write_feeds(docs: Path, files: Iterable[FeedFile], urls: Urls = URLS) -> WriteReport:
    """Write ``files`` below ``docs`` (only when changed); remove feeds no longer planned
    (from the feed folder of ``urls``)."""
    files = list(files)
    written = _write(docs, files)
    return _report(docs, written, {f.path for f in files}, urls.feed_folder())


def write_feed_plans(docs: Path, plans: Sequence[FeedPlan], index: Path | None = None,
                     urls: Urls = URLS) -> WriteReport:
    """:func:`write_feeds` for planned feeds, rendered by one forked process per core.

    ``index`` (a JSON file kept between builds, as :func:`builder.writer.write_pages` keeps
    for pages) records each feed file written and its plan's :attr:`FeedPlan.key`: a feed
    whose key (under the same builder code and feed library) is unchanged and whose files
    are untouched is not rendered again.
    """
    known = load_index(index)
    stamp = _stamp()
    seen: dict[str, list] = {}
    todo = []
    for plan in plans:
        key = stamped(stamp, plan.key)
        found = [known.get(path) for path in plan.paths]
        if all(unchanged(docs, path, key, entry)
               for path, entry in zip(plan.paths, found, strict=True)):
            seen.update(zip(plan.paths, found, strict=True))
        else:
            todo.append(plan)
    wanted = {path for plan in plans for path in plan.paths}
    new = {path: ["", -1, -1, None] for plan in todo for path in plan.paths
           if path not in known}
    if known and new:  # recorded before they are written (see write_pages)
        save_index(index, {**known, **new})
    shares = map_shares(partial(_write_plans, docs, known, stamp), todo)
    for _, entries in shares:
        seen.update(entries)
    report = _report(docs, sum(n for n, _ in shares), wanted, urls.feed_folder(),
                     known or None)
    save_index(index, seen, known)
    return report


def _stamp() -> str:
    """The builder's code and the feed library's version (what a key stands for)."""
    return f"{code_stamp()}-{version('feedgenerator')}"


def _write_plans(docs: Path, known: dict[str, list], stamp: str, plans: Sequence[FeedPlan]
                 ) -> tuple[int, dict[str, list]]:
    """Render and write ``plans``: files written, and their index entries."""
    written, seen = 0, {}
    for plan in plans:
        key = stamped(stamp, plan.key)
        for feed in plan.files():
            changed, seen[feed.path] = store(docs, feed.path, feed.data, key,
                                             known.get(feed.path))
            written += changed
    return written, seen


def _write(docs: Path, files: Iterable[FeedFile]) -> int:
    return sum(write_if_changed(docs / feed.path, feed.data) for feed in files)


def _report(docs: Path, written: int, wanted: set[str], folder: str,
            known: dict[str, list] | None = None) -> WriteReport:
    """Counts of a write, after removing the feeds no longer ``wanted`` (paths below
    ``docs``) and the folders left empty: the ``known`` ones of an index, or without one,
    every feed found below ``docs/<folder>``."""
    report = WriteReport(written=written, unchanged=len(wanted) - written)
    root = docs / folder
    if known is not None:
        folders = set()
        for path in sorted(known):
            if path not in wanted and path.startswith(folder):
                try:
                    os.unlink(f"{docs}/{path}")
                    report.removed += 1
                except FileNotFoundError:
                    pass
                folders.add(os.path.dirname(f"{docs}/{path}"))
        for folder in sorted(folders, key=len, reverse=True):
            while folder != str(root) and os.path.isdir(folder) and not os.listdir(folder):
                os.rmdir(folder)
                folder = os.path.dirname(folder)
        return report
    for folder, _, files in os.walk(root, topdown=False):
        rel = Path(folder).relative_to(docs).as_posix()
        for name in sorted(files):
            if name.endswith(".xml") and f"{rel}/{name}" not in wanted:
                os.unlink(os.path.join(folder, name))
                report.removed += 1
        if folder != str(root) and not os.listdir(folder):
            os.rmdir(folder)
    return report
