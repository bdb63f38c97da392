"""The build pipeline, top to bottom: read -> clean -> extract -> plan pages -> write.

MkDocs renders ``docs/`` afterwards (see the Makefile). Like MkDocs' own ``build()``, all
articles are read and extracted before any page is planned, so index pages see the
whole corpus.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from .assets import copy_fonts
from .clean import clean
from .config import Settings
from .corpus import ArticleError, read_corpus
from .extract import extract
from .model import Source
from .pages import Entry, plan
from .progress import progress
from .writer import WriteReport, write_pages

log = logging.getLogger(__name__)


@dataclass
class BuildReport:
    """What a build did, for the closing summary and the exit code."""

    articles: int = 0
    errors: list[ArticleError] = field(default_factory=list)
    warnings: Counter[str] = field(default_factory=Counter)
    pages: WriteReport = field(default_factory=WriteReport)

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


def collect(settings: Settings, report: BuildReport) -> list[Entry]:
    """Read, clean and extract every article; bad files are reported and skipped."""
    result = read_corpus(settings.corpus)
    report.errors.extend(result.errors)
    for error in result.errors:
        log.error("%s: %s", error.path, error.message)
    entries = list(_extract_all(result.sources, report))
    report.articles = len(entries)
    return entries


def _extract_all(sources: tuple[Source, ...], report: BuildReport) -> Iterator[Entry]:
    for source in progress(sources, "extract"):
        try:
            article = clean(source)
            meta = extract(article)
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the build
            error = ArticleError(source.path, f"could not process: {exc!r}")
            report.errors.append(error)
            log.error("%s: %s", error.path, error.message)
            continue
        for note in article.notes:
            log.info("%s: %s", article.path, note)
            report.warnings[article.path] += 1
        yield Entry(article, meta)


def build(settings: Settings) -> BuildReport:
    """Build every generated page of ``settings.docs`` from ``settings.corpus``."""
    report = BuildReport()
    entries = collect(settings, report)
    report.pages = write_pages(settings.docs, plan(entries))
    copy_fonts(settings.docs)
    return report
