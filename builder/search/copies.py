"""Slim copies of many pages in scratch folders, made by a pool of processes.

The copies (:func:`builder.search.slim.slim_page`, with the search forms of
:func:`builder.search.decorate.add_forms`) go to a scratch folder, in memory when there is
room (:func:`scratch_base`); the words of the copies are counted as they are made, for the
lexicon, and the pages' digests taken from the same reading.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from ..parallel import cores
from .decorate import FORMS_BLOCK, add_forms
from .forms import Lexicon, Vocabulary
from .language import words
from .markup import indexed_text
from .slim import slim_and_digest
from .view import SiteView, json_bytes

T = TypeVar("T")

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


class SlimCopies:
    """Slim copies (:func:`.slim.slim_page`) of pages of a site, in scratch folders
    (:func:`scratch_base`) removed on leaving the ``with`` block.

    ``start(pages)`` starts the copies of ``pages`` into a new scratch folder; the returned
    batch's ``ready()`` waits for them (the folder), ``digests()`` for the pages' digests
    (see :class:`SlimBatch`): Pagefind can start as soon as the copies exist. With
    :data:`SLIM_PARALLEL_MIN` pages or more in all (``total``) the work is shared by a pool
    of fresh processes (``spawn``, not forked: this process may be large; a script run as
    ``python script.py`` that indexes a large site needs the usual ``if __name__ ==
    "__main__"`` guard), else done here.
    """

    def __init__(self, view: SiteView, total: int) -> None:
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

    def __enter__(self) -> SlimCopies:
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
            fh.write(json_bytes(lexicon.to_json()))
        self.files.append(path)
        return path

    def start(self, pages: Sequence[str], lexicon: str | None = None,
              count: bool = False) -> SlimBatch:
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
        return SlimBatch(self, scratch, list(pages), lexicon, count)

    def subset(self, scratch: str, pages: Sequence[str]) -> str:
        """A new scratch folder with the copies of ``pages`` (hard links to those of the
        ready scratch folder ``scratch``, at the same paths): for a Pagefind run over part
        of a batch. Removed by :meth:`drop` or on leaving the ``with`` block."""
        folder = tempfile.mkdtemp(prefix=f".{self.site.name}-search-part-", dir=self.base)
        self.folders.append(folder)
        parents: set[str] = set()
        for page in sorted(pages, reverse=True):  # the order Pagefind finds them (start())
            target = os.path.join(folder, page)
            parent = os.path.dirname(os.path.dirname(target))
            if parent not in parents:
                os.makedirs(parent, exist_ok=True)
                parents.add(parent)
            os.mkdir(os.path.dirname(target))
            os.link(os.path.join(scratch, page), target)
        return folder

    def drop(self, folder: str) -> None:
        """Remove a scratch folder made by :meth:`subset`."""
        shutil.rmtree(folder, ignore_errors=True)
        self.folders.remove(folder)

    def run(self, func: Callable[..., T], *args: object,
            pages: Sequence[str]) -> list[Callable[[], T]]:
        """``func(*args, share)`` for shares of ``pages``: functions waiting for each."""
        shares = [pages[i: i + SLIM_CHUNK] for i in range(0, len(pages), SLIM_CHUNK)]
        if self.pool is None:
            results = [func(*args, share) for share in shares]
            return [lambda r=r: r for r in results]
        return [self.pool.submit(func, *args, share).result for share in shares]


class SlimBatch:
    """The slim copies of some pages (:meth:`SlimCopies.start`), their digests and, with
    ``count``, the words of their text.

    With a ``lexicon`` (the path of its JSON) the copies are written with their search
    forms (:func:`add_forms`); without, :meth:`add_forms` adds them afterwards (once the
    lexicon is made from the words counted). The digests are those of the pages, taken
    from the same reading as the copies.
    """

    def __init__(self, copies: SlimCopies, scratch: str, pages: list[str],
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
        """The pages' :func:`.slim.page_digest`."""
        return {page: digest for wait in self.written for page, digest in wait()[0].items()}

    def remove(self) -> None:
        """Start removing the copies, by the pool if there is one (``shutil.rmtree`` stats
        and opens every folder); what is left goes on leaving the ``with`` block."""
        self.ready()
        self.copies.run(_remove_slim, self.scratch, pages=self.pages)


def _write_slim(roots: Sequence[str], scratch: str, lexicon: str | None, count: bool,
                pages: Sequence[str]) -> tuple[dict[str, str], Vocabulary]:
    """Write the slim copy (:func:`.slim.slim_page`; with the search forms of ``lexicon``, the
    path of its JSON, if given) of each page (site-relative paths, read from the first of
    the folders ``roots`` that has it) to the same path below ``scratch`` (its folder
    exists). Returns the pages' :func:`.slim.page_digest` from the same reading and, with
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
            raw.update(words(indexed_text(FORMS_BLOCK.sub(" ", slim))))
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
    """The lexicon saved at ``path`` (:meth:`SlimCopies.save_lexicon`), read once per
    process."""
    with open(path, encoding="utf-8") as fh:
        return Lexicon.from_json(json.load(fh))


def _remove_slim(scratch: str, pages: Sequence[str]) -> None:
    """Remove the slim copies of ``pages`` below ``scratch`` and their folders."""
    for page in pages:
        path = os.path.join(scratch, page)
        os.unlink(path)
        os.rmdir(os.path.dirname(path))
