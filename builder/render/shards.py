"""Which pages each MkDocs process of a render lists, reads and writes.

A render runs one ``mkdocs build`` per core (``builder/render/run.py``), each into a folder
of its own and told its share by a :class:`ShardPlan` (a JSON file named by
``ARCHIVE_RENDER_PLAN``). ``hooks/shards.py`` hands MkDocs, in ``on_files``, only the files
:func:`select` names:

* the pages it **renders**: the pages of the render (every page, or those that changed)
  whose twin key falls to this process (:func:`shard_of`; a page and its language twins
  fall to the same one);
* the pages of the navigation, which it **reads** (their titles and front matter are in the
  navigation of every page) and renders without writing them, unless they are its own;
* as **excluded** files, which MkDocs lists but neither reads nor renders: the language
  twins of those pages (the language switcher and the hreflang links point at them) and,
  when a page it converts from Markdown links to other files, every other page (MkDocs
  resolves a link to an excluded file; strict mode fails on a link to a missing one).

Static files are copied by the first process only. The processes' pages are disjoint; the
site is the union of their folders, and the sitemap the merge of theirs
(:mod:`builder.render.sitemap`). ``tests/test_incremental.py`` compares the result with one
plain ``mkdocs build``.
"""

from __future__ import annotations

import json
import os
import re
import zlib
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

from ..config import URLS, Urls
from .plan import twin_key

#: The environment variable that names a process's plan (unset: a plain ``mkdocs build``).
ENV = "ARCHIVE_RENDER_PLAN"

@dataclass(frozen=True)
class ShardPlan:
    """One MkDocs process's share of a render."""

    shard: int  #: this process, 0 .. shards - 1
    shards: int
    pages: tuple[str, ...] | None  #: docs paths to render, None for every page
    report: str  #: folder for the process's reports (one JSON file per language)
    #: changed files of :meth:`Urls.verbatim` folders, None: all
    verbatim: tuple[str, ...] | None = None
    own: frozenset[str] = field(default=frozenset(), compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "own", frozenset(self.pages or ()))

    def renders(self, page: str) -> bool:
        """Whether this process renders (and writes) the docs page ``page``."""
        return (self.pages is None or page in self.own) \
            and shard_of(page, self.shards) == self.shard

    def write(self, path: Path) -> None:
        data = asdict(self)
        del data["own"]
        path.write_text(json.dumps(data), encoding="utf-8")

    @classmethod
    def read(cls, path: Path) -> ShardPlan:
        data = json.loads(path.read_text(encoding="utf-8"))
        for key in ("pages", "verbatim"):
            if data.get(key) is not None:
                data[key] = tuple(data[key])
        return cls(**data)


def current_plan() -> ShardPlan | None:
    """This process's plan (None in a plain ``mkdocs build``)."""
    path = os.environ.get(ENV)
    return _read_plan(path) if path else None


@cache
def _read_plan(path: str) -> ShardPlan:
    return ShardPlan.read(Path(path))


def shard_of(page: str, shards: int) -> int:
    """The process that renders the docs page ``page`` (its language twins' too)."""
    return zlib.crc32(twin_key(page).encode()) % shards if shards > 1 else 0


def twins(uri: str, languages: Iterable[str]) -> set[str]:
    """``uri`` and its names in every language: ``a/x.md`` <-> ``a/x.en.md`` (suffix docs)."""
    languages = list(languages)
    stem = uri[: -len(".md")]
    base, _, suffix = stem.rpartition(".")
    if base and suffix in languages:
        stem = base
    return {f"{stem}.md"} | {f"{stem}.{lang}.md" for lang in languages}


def nav_pages(nav: object) -> list[str]:
    """Every ``.md`` path named in mkdocs.yml's ``nav`` (any nesting), in order."""
    found: list[str] = []
    if isinstance(nav, str):
        if nav.endswith(".md") and "://" not in nav:
            found.append(nav.lstrip("/"))
    elif isinstance(nav, dict):
        for value in nav.values():
            found += nav_pages(value)
    elif isinstance(nav, list):
        for item in nav:
            found += nav_pages(item)
    return found


#: The targets of Markdown that makes MkDocs look up another file: links and images, reference
#: definitions (a reference link's target is its definition's), HTML attributes
#: (``md_in_html``).
_TARGETS = re.compile(
    r"\]\(\s*<?(?P<inline>[^\s)>]*)"
    r"|^\s{0,3}\[[^\]]+\]:\s*<?(?P<ref>[^\s>]*)"
    r"|\b(?:href|src)\s*=\s*[\"']?(?P<attr>[^\"'\s>]*)", re.M)
#: A target that is no file of docs/: a URL with a scheme (``https:``, ``mailto:``), a
#: network path (``//host/x``) or an anchor of the page itself. MkDocs leaves these alone.
_NOT_A_FILE = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]*:|//|#)")
#: A page the builder generated: its body is HTML, never converted (hooks/raw_html.py).
_GENERATED = re.compile(r"\A---\r?\n(?:.*\r?\n)*?markup: html\r?\n", re.M)


def hand_written(page: str, urls: Urls = URLS) -> bool:
    """Whether ``page`` lies outside what the builder writes (:meth:`Urls.generated`):
    only such pages can be Markdown that MkDocs converts."""
    return page.split("/", 1)[0] not in urls.generated()


def links_to_files(text: str) -> bool:
    """Whether a page's text, converted from Markdown, may link to other files of docs/:
    a link, image, reference definition or ``href``/``src`` whose target is not an
    external URL or an anchor of the page (conservative: an empty or odd target counts)."""
    if _GENERATED.match(text):
        return False
    return any(not _NOT_A_FILE.match(m.group("inline") or m.group("ref") or m.group("attr") or "")
               for m in _TARGETS.finditer(text))


@dataclass(frozen=True)
class Selection:
    """The documentation pages one process lists (docs paths; see the module docstring)."""

    render: frozenset[str]
    read: frozenset[str]
    excluded: frozenset[str]

    @property
    def listed(self) -> frozenset[str]:
        return self.render | self.read | self.excluded


def select(pages: Iterable[str], plan: ShardPlan, nav: Iterable[str],
           languages: Iterable[str], read_text: Callable[[str], str],
           urls: Urls = URLS) -> Selection:
    """The pages of ``pages`` (every documentation page of docs/) that the process of
    ``plan`` renders, reads and lists as excluded. ``read_text(page)`` gives a page's text
    (only hand-written pages are read, to look for links); ``urls``: the site's layout."""
    languages = list(languages)
    listed = set(pages)
    render = {p for p in listed if plan.renders(p)}
    read = {t for uri in nav for t in twins(uri, languages)} & listed - render
    converted = sorted(p for p in render | read if hand_written(p, urls))
    if any(links_to_files(read_text(p)) for p in converted):
        excluded = listed - render - read
    else:
        excluded = {t for uri in render for t in twins(uri, languages)} & listed - render - read
    return Selection(frozenset(render), frozenset(read), frozenset(excluded))
