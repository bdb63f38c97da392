"""The build pipeline, top to bottom: read -> clean -> extract -> plan pages -> write.

MkDocs renders ``docs/`` afterwards (see the Makefile). Like MkDocs' own ``build()``, all
articles are read and extracted before any page is planned, so index pages see the
whole corpus.
"""

from __future__ import annotations

import gc
import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .assets import copy_fonts, used_characters
from .cache import ExtractionCache, FeatureStore, ReadingCache, store_extraction
from .clean import clean
from .config import Settings
from .corpus import ArticleError, Known, read_corpus
from .extract import extract
from .feeds import feed_plans, read_site_url, read_tag_feed_min, write_feed_plans
from .gcpause import no_collection
from .model import Article, Metadata, Source
from .pages import Entry, plan
from .pages.catalog import build_catalog
from .parallel import cores
from .progress import phase, progress
from .redirects import RETIRED_FILE, plan_redirects
from .writer import WriteReport, write_pages

log = logging.getLogger(__name__)


@dataclass
class BuildReport:
    """What a build did, for the closing summary and the exit code."""

    articles: int = 0
    errors: list[ArticleError] = field(default_factory=list)
    warnings: Counter[str] = field(default_factory=Counter)
    pages: WriteReport = field(default_factory=WriteReport)

    def __getstate__(self) -> dict:
        """For pickling (:func:`builder.apart.apart` sends the report back): an
        :class:`ArticleError` as its path and message (its constructor takes both)."""
        return {**self.__dict__, "errors": [(e.path, e.message) for e in self.errors]}

    def __setstate__(self, state: dict) -> None:
        state = dict(state)
        errors = []
        for path, message in state.pop("errors"):
            error = ArticleError.__new__(ArticleError)
            Exception.__init__(error, f"{path}: {message}")
            error.path, error.message = path, message
            errors.append(error)
        self.__dict__.update(state, errors=errors)

    def summary(self) -> str:
        """A few lines for the end of the build log."""
        lines = [
            f"articles read: {self.articles}, skipped: {len(self.errors)}",
            f"pages written: {self.pages.written}, unchanged: {self.pages.unchanged}, "
            f"removed: {self.pages.removed}",
        ]
        for error in self.errors:
            lines.append(f"  error   {error.path}: {error.message}")
        for path, count in sorted(self.warnings.items()):
            lines.append(f"  warning {path}: {count} note(s)")
        return "\n".join(lines)


def extract_corpus(settings: Settings, report: BuildReport,
                   features: FeatureStore | None = None) -> list[Entry]:
    """Read, clean and extract every article; bad files are reported and skipped.

    Files whose bytes an earlier build read are neither decoded nor extracted again
    (:class:`~builder.cache.ReadingCache`, :class:`~builder.cache.ExtractionCache`).
    ``features`` is the build's store of similarity features, which its owner saves;
    without one, a store of this collection is made and saved here.
    """
    owned = features is None
    with no_collection(freeze=True):  # the archive lives to the end of the build
        features = FeatureStore(settings.cache) if features is None else features
        cache = ExtractionCache(settings.cache)
        memory = ReadingCache(settings.cache, cache, features=features)
        result = read_corpus(settings.corpus, memory, features)
        report.errors.extend(result.errors)
        for error in result.errors:
            log.error("%s: %s", error.path, error.message)
        entries = list(_extract_all(result.sources, report, cache))
        memory.save()
        stale = cache.prune()
        if owned:
            features.save()
    log.info("reading cache: %d file(s) known; extraction cache: %d hit(s), %d article(s) "
             "extracted, %d stale entr(ies) removed", memory.hits, cache.hits, cache.misses,
             stale)
    report.articles = len(entries)
    return entries


#: What builder/writer.py knows of the pages it wrote (beside the extraction cache).
PAGE_INDEX = "pages.json"
#: The same for the feeds (builder/feeds.py).
FEED_INDEX = "feeds.json"

#: Extraction uses a process pool when at least this many articles are not cached.
POOL_MIN = 200


def _process(job: tuple[Source, Path | None]) -> tuple[Article, Metadata] | str:
    """Clean and extract one article (in a pool worker) and store it in the cache (at the
    path given, if any); an error becomes its message."""
    source, entry = job
    try:
        article = clean(source)
        meta = extract(article)
    except ArticleError as exc:
        return exc.message
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop the build
        return f"could not process: {exc!r}"
    if entry is not None:
        store_extraction(entry, article, meta)
    return article, meta


def _run(jobs: list[tuple[Source, Path | None]]) -> Iterator[tuple[Article, Metadata] | str]:
    """Results of :func:`_process` in the order of ``jobs`` (in parallel when worth it)."""
    workers = cores()
    if len(jobs) < POOL_MIN or workers < 2:
        yield from map(_process, jobs)
        return
    chunk = max(1, min(64, len(jobs) // (workers * 8)))
    # workers collect garbage even when the parent does not (see builder/gcpause.py)
    with ProcessPoolExecutor(max_workers=workers, initializer=gc.enable) as pool:
        yield from pool.map(_process, jobs, chunksize=chunk)


def _extract_all(sources: Iterable[Source | Known], report: BuildReport,
                 cache: ExtractionCache) -> Iterator[Entry]:
    """Entries of ``sources`` in their order: known articles as they are, the others from
    the extraction cache or extracted (in a pool of processes when there are many)."""
    sources = list(sources)
    keys = [s.key if isinstance(s, Known) else cache.key(s) for s in sources]
    cached = [(s.article, s.meta) if isinstance(s, Known) else cache.get_key(key)
              for s, key in zip(sources, keys, strict=True)]
    fresh = _run([(s, cache.entry_path(s, key))
                  for s, key, hit in zip(sources, keys, cached, strict=True)
                  if hit is None and isinstance(s, Source)])
    try:
        for source, key, hit in progress(list(zip(sources, keys, cached, strict=True)),
                                         "extract"):
            outcome = hit if hit is not None else next(fresh)
            if isinstance(outcome, str):
                error = ArticleError(source.path, outcome)
                report.errors.append(error)
                log.error("%s: %s", error.path, error.message)
                continue
            article, meta = outcome
            for note in article.notes:
                log.info("%s: %s", article.path, note)
                report.warnings[article.path] += 1
            yield Entry(article, meta, key)
    finally:
        fresh.close()  # shuts the pool down now rather than at garbage collection


def _displayed_texts(entries: list[Entry]) -> Iterator[str]:
    """Every text the site shows from the corpus (the web font is subset to it)."""
    for data in sorted((Path(__file__).parent / "data").glob("*.yml")):
        yield data.read_text(encoding="utf-8")  # interface strings
    for entry in entries:
        yield from entry.article.paragraphs
        yield entry.meta.title_ar
        yield entry.meta.summary_ar
        for entity in entry.meta.entities:
            yield entity.ar


def build(settings: Settings) -> BuildReport:
    """Build every generated page of ``settings.docs`` from ``settings.corpus``."""
    report = BuildReport()
    with no_collection():  # loading makes one object per text; extract_corpus() freezes them
        features = FeatureStore(settings.cache)
    entries = extract_corpus(settings, report, features)
    urls = settings.urls
    redirects, problems = plan_redirects(settings.corpus, entries, urls)
    for problem in problems:
        log.error("%s: %s", RETIRED_FILE, problem)
        report.errors.append(ArticleError(RETIRED_FILE, problem))
    index = settings.cache.parent / PAGE_INDEX if settings.cache else None
    catalog = build_catalog(entries, urls)  # indexes the archive once, for pages and feeds
    tag_feed_min = read_tag_feed_min(settings.root)
    with phase("write pages"):
        report.pages = write_pages(
            settings.docs, [*plan(entries, catalog, urls, features, tag_feed_min), *redirects],
            index=index, urls=urls)
    features.save()
    site_url = read_site_url(settings.root)
    if site_url:
        feeds = write_feed_plans(settings.docs, feed_plans(entries, site_url, catalog, urls,
                                                           tag_feed_min),
                                 index=settings.cache.parent / FEED_INDEX
                                 if settings.cache else None, urls=urls)
        log.info("feeds written: %d, unchanged: %d, removed: %d",
                 feeds.written, feeds.unchanged, feeds.removed)
    else:
        log.warning("no site_url in mkdocs.yml (or SITE_URL): feeds not written")
    copy_fonts(settings.docs, used_characters(_displayed_texts(entries)))
    return report
