"""Site search: the Pagefind index of the article pages, the entity lookup and the lexicon.

:func:`index_site` runs after MkDocs, over ``site/``: it reads the state of the last index,
plans a full or an incremental index (:mod:`.plan`), makes slim copies of the article pages
(:mod:`.slim`, :mod:`.copies`) with the search forms of their words (:mod:`.decorate`,
:mod:`.forms`, rules in :mod:`.language`), runs Pagefind over them (:mod:`.pagefind`,
:mod:`.parts`), writes the entity lookup (:mod:`.entities`) and the lexicon's shards
(:mod:`.lexicon`), and keeps the new state. :mod:`.layout` says where each file goes;
:mod:`.view` is the site as the index sees it. The MkDocs hook ``hooks/search_index.py``
marks the article pages while MkDocs renders them (:func:`.decorate.decorate_article`).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..config import URLS, Urls
from .entities import write_entity_index
from .forms import Lexicon
from .layout import BUNDLE, RECENT, part_folders, site_page
from .lexicon import write_words
from .pagefind import SearchIndexError, pagefind_version
from .parts import index_full, index_recent
from .plan import last_records, plan_index, read_state, write_state
from .slim import page_digest
from .view import SiteView, tree_bytes

__all__ = ["IndexReport", "SearchIndexError", "index_site"]

log = logging.getLogger(__name__)


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


def index_site(site: Path, pages: Iterable[str] | None = None, *, base: Path | None = None,
               removed: Iterable[str] = (), urls: Urls = URLS) -> IndexReport:
    """Index the article pages of ``site`` for search and write the entity lookup.

    ``pages`` are the docs paths MkDocs rendered since the last index (``articles/x.md``);
    None (the default) indexes everything into the main part. With ``pages``, only new (and
    re-rendered recent) pages are indexed, into the recent part, when the rules of
    :mod:`builder.search.plan` allow. Raises :class:`SearchIndexError` if Pagefind fails.

    ``base``: ``site`` holds only what an incremental render wrote, to be moved into
    ``base`` afterwards (``builder.render``), less the ``removed`` files. Pages are read
    from ``site``, else from ``base``; the index is written into ``site`` only, and the
    report says what to delete or replace in ``base`` (:attr:`IndexReport.removed`,
    :attr:`IndexReport.folders`). ``urls``: where the site's pages are
    (:func:`builder.config.read_urls`).
    """
    start = time.perf_counter()
    # where pages are read and the index written, and what the last index left
    view = SiteView(site, base, frozenset(removed), urls=urls)
    version = pagefind_version()
    state = read_state(view.base)
    rendered = None if pages is None else {site_page(p, urls) for p in pages}
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
                lexicon=lexicon, known=state["entities"]["records"] if state
                else last_records(view.base)))
            if full:
                jobs.append(background.submit(write_words, view, lexicon))

        # plan: a full index, or only the recent part
        plan = plan_index(state, present, rendered, digest)
        # index: Pagefind over slim copies of the pages, with their search forms
        if plan.full:
            count, words, main, lexicon = index_full(view, present, background, on_lexicon)
            recent: dict[str, str] = {}
            mode = "full"
        else:
            assert state is not None
            main, recent = plan.main, plan.recent
            lexicon = Lexicon.from_json(state["lexicon"])
            on_lexicon(lexicon, full=False)
            count, words, mode = index_recent(view, recent, state["recent"], lexicon)
        log.info("search: %s index (%s)", mode, plan.reason)
        entities, entity_state = jobs[0].result()
        for job in jobs[1:]:
            job.result()
    # keep the state for the next index, and report
    write_state(view, version, main, recent, entity_state, lexicon)
    seconds = time.perf_counter() - start
    size = sum(tree_bytes(view.folder(name))
               for name in (BUNDLE, *sorted(set(part_folders(view.out))
                                            | set(part_folders(view.base))), RECENT)) \
        + entity_state["bytes"]
    return IndexReport(pages=count, words=words, seconds=seconds, bytes=size,
                       entities=entities, mode=mode, reason=plan.reason, recent=len(recent),
                       removed=frozenset(view.deleted), folders=dict(view.folders))
