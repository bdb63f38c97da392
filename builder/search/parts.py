"""Indexing the main part (every article page, one Pagefind run per language) and the recent
part (the pages added since, with the main part's lexicon).

Each run holds the pages it indexes in memory, the peak of a large build: a language of more
than :data:`.layout.PAGES_PER_RUN` pages is indexed by several runs, one after another, each
into a part of its own (``pagefind/``, ``pagefind-part2/``, ...; :func:`runs`). The copies
of the second language are made (with their forms) while Pagefind indexes the first.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from concurrent.futures import Executor

from . import pagefind
from .copies import SlimCopies
from .forms import Lexicon, build_lexicon
from .language import rules
from .layout import (
    BUNDLE,
    ENTRY,
    ENTRY_PARTS,
    ENTRY_RECENT,
    PAGES_PER_PART,
    PAGES_PER_RUN,
    RECENT,
    language_folders,
    part_folder,
    part_folders,
)
from .pagefind import entry_bytes, write_entry
from .view import SiteView, replace

log = logging.getLogger(__name__)


#: Files of a bundle that only the main part needs (a merged part uses the main part's
#: script and WebAssembly): removed from the recent part.
MAIN_ONLY = (".js", ".css", ".pagefind")


def runs(pages: list[str], limit: int) -> list[list[str]]:
    """``pages`` (sorted) in as few runs of at most ``limit`` pages as can be, of nearly
    equal size, in their order."""
    n = max(1, -(-len(pages) // limit))
    size, extra = divmod(len(pages), n)
    out, at = [], 0
    for k in range(n):
        step = size + (k < extra)
        out.append(pages[at: at + step])
        at += step
    return out


def run_size(pages: int) -> int:
    """The most pages of one Pagefind run for a language of ``pages`` article pages: all of
    them up to :data:`PAGES_PER_RUN`, runs of at most :data:`PAGES_PER_PART` beyond."""
    return PAGES_PER_RUN if pages <= PAGES_PER_RUN else min(PAGES_PER_PART, PAGES_PER_RUN)


def index_full(view: SiteView, present: set[str], background: Executor,
               on_lexicon: Callable[[Lexicon], None]
               ) -> tuple[int, int, dict[str, str], Lexicon]:
    """Every article page into the main part, one Pagefind run per language (several for
    a language of more than :data:`PAGES_PER_RUN` pages, into further parts) over slim
    copies of its pages (:class:`.copies.SlimCopies`). The words of the first language's
    pages make the lexicon (:func:`forms.build_lexicon`; ``on_lexicon`` is called with it), whose
    search forms are then added to its copies; the next language's copies are made with
    them while Pagefind indexes one. The parts of the previous index are moved out of the
    site and removed by ``background``."""
    bundle = view.replace_folder(BUNDLE, background)
    view.drop_folder(RECENT, background)
    for name in sorted(set(part_folders(view.out)) | set(part_folders(view.base))):
        view.drop_folder(name, background)
    folders = language_folders(view.urls)
    languages = [sorted(p for p in present if p.startswith(folder)) for folder in folders]
    languages = [pages for pages in languages if pages]
    if not languages:
        log.info("search: no article page to index (%s)", ", ".join(folders))
        on_lexicon(Lexicon())
        return 0, 0, {}, Lexicon()
    pages = count = 0
    main: dict[str, str] = {}
    entries: dict[str, list[dict]] = {BUNDLE: []}
    with SlimCopies(view, len(present)) as slim:
        batch = slim.start(languages[0], count=True)
        lexicon = build_lexicon(batch.vocabulary(), rules().clitics)
        saved = slim.save_lexicon(lexicon)
        batch.add_forms(saved)
        on_lexicon(lexicon)
        for number, mine in enumerate(languages):
            scratch = batch.ready()
            after = None
            shares = runs(mine, run_size(len(mine)))
            for part, share in enumerate(shares, start=1):
                name = part_folder(part)
                if name not in entries:
                    entries[name] = []
                    view.replace_folder(name, background)
                target = view.out / name
                site = scratch if len(shares) == 1 else slim.subset(scratch, share)
                with pagefind.run({"site": site, "output_path": str(target.resolve())},
                                  f"{len(share)} pages of {view.base.name}/"
                                  f"{mine[0].split('/')[0]}"
                                  + (f" (part {part} of {len(shares)})"
                                     if len(shares) > 1 else "")) as finish:
                    if after is None and number + 1 < len(languages):
                        after = slim.start(languages[number + 1], saved)
                    indexed, words = finish()
                if site != scratch:
                    slim.drop(site)
                pages, count = pages + indexed, count + words
                entries[name].append(json.loads((target / ENTRY).read_text(encoding="utf-8")))
            main.update(batch.digests())
            batch.remove()
            if after is not None:
                batch = after
    parts = [name for name in entries if name != BUNDLE]
    for name in parts:
        write_entry(view.out / name / ENTRY, entries[name])
        for path in (view.out / name).iterdir():  # the search box loads Pagefind from main
            if path.is_file() and path.name.endswith(MAIN_ONLY):
                path.unlink()
    extra = {ENTRY_PARTS: [{"path": f"../{name}/",
                            "languages": sorted(json.loads((view.out / name / ENTRY)
                                                           .read_text(encoding="utf-8"))
                                                ["languages"])}
                           for name in parts]} if parts else {}
    write_entry(bundle / ENTRY, entries[BUNDLE], extra)
    return pages, count, main, lexicon


def index_recent(view: SiteView, recent: dict[str, str], before: Mapping[str, str],
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
        with SlimCopies(view, len(recent)) as slim:
            scratch = slim.start(sorted(recent), slim.save_lexicon(lexicon)).ready()
            with pagefind.run({"site": scratch, "output_path": str(target.resolve())},
                              f"{len(recent)} recent page(s) of {view.base.name}") as finish:
                count, words = finish()
        for path in target.iterdir():  # the search box loads Pagefind from the main part
            if path.is_file() and path.name.endswith(MAIN_ONLY):
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
        replace(view.out / BUNDLE / ENTRY, entry_bytes(entry))
    return count, words, "recent"
