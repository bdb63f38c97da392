"""Render planned pages into ``docs/`` (the only module that writes pages).

A page is written only when its bytes change, so unchanged pages keep their modification
time; generated files that no longer belong to any page are removed. Two pages planned
for the same path are an error (a free check for slug collisions).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

import jinja2
import yaml

from .config import URLS, Urls
from .parallel import map_shares

log = logging.getLogger(__name__)


class DuplicatePathError(Exception):
    """Two planned pages target the same file."""


@dataclass(frozen=True)
class PageSpec:
    """One page to write: its path below ``docs/``, front matter, template and context.

    A planner that can name a page cheaply (``key``) may leave the costly part for later:
    ``make`` returns the front matter and context, and is called only when the page is
    rendered (in the process that renders it, see :func:`write_pages`), never when the
    writer knows the page unchanged by its key.
    """

    path: str
    template: str
    front_matter: dict[str, Any] = field(default_factory=dict)
    context: dict[str, Any] = field(default_factory=dict)
    #: A digest of everything the page is made of, when the planner can name it cheaply
    #: (see :func:`write_pages`); None: the page is always rendered.
    key: str | None = None
    #: Makes ``(front_matter, context)`` when the page is rendered (None: both given).
    make: Callable[[], tuple[dict[str, Any], dict[str, Any]]] | None = None

    def made(self) -> PageSpec:
        """This page with its front matter and context made (itself when not lazy)."""
        if self.make is None:
            return self
        front, context = self.make()
        return replace(self, front_matter=front, context=context, make=None)


@dataclass
class WriteReport:
    """What a write did."""

    written: int = 0
    unchanged: int = 0
    removed: int = 0


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    """The Jinja environment for ``builder/templates`` (HTML autoescape always on)."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("builder", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


#: libyaml's safe dumper, which also round-trips characters such as U+0085 that PyYAML's
#: pure-Python emitter does not (that one is the fallback when PyYAML lacks libyaml).
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump_front(front: dict[str, Any]) -> str:
    """``front`` as YAML (block style, keys in their order, Unicode as it is)."""
    return yaml.dump(front, Dumper=_DUMPER, allow_unicode=True, sort_keys=False,
                     width=10_000)


#: Marks every page written here as HTML (the templates' output) rather than Markdown:
#: ``hooks/raw_html.py`` then spares MkDocs the Markdown conversion.
MARKUP = {"markup": "html"}


def render(spec: PageSpec) -> str:
    """Front matter (dumped by PyYAML) followed by the rendered template."""
    spec = spec.made()
    front = dump_front({**spec.front_matter, **MARKUP})
    body = environment().get_template(spec.template).render(**spec.context)
    return f"---\n{front}---\n\n{body}"


def write_pages(docs: Path, specs: Iterable[PageSpec], jobs: int | None = None,
                index: Path | None = None, urls: Urls = URLS) -> WriteReport:
    """Write every page of ``specs`` below ``docs`` and prune stale generated files.

    Rendering is shared by ``jobs`` forked processes (every core by default, see
    :mod:`.parallel`); which process renders a page changes nothing in it. ``index`` (a
    JSON file kept between builds) records the hash, size and modification time of every
    page written: a page whose file still has that size and time and whose new bytes have
    that hash is known to be unchanged without reading the file. It also records each
    page's ``key``: a page whose key (and this builder's code, :func:`code_stamp`) is the
    same as when its file was written, and whose file is untouched, is not rendered at all
    (nor made, :attr:`PageSpec.make`), and no process is forked for such pages. With an
    index, stale pages are the indexed ones no longer planned (no walk through ``docs``).
    ``urls``: the site's layout (its generated folders are the ones pruned).
    """
    specs = list(specs)
    wanted: set[str] = set()
    for spec in specs:
        if spec.path in wanted:
            raise DuplicatePathError(f"two pages would be written to {spec.path}")
        wanted.add(spec.path)
    known = load_index(index)
    # a key stands for a page's bytes under this code and this URL layout (its links)
    stamp = hashlib.sha256(f"{code_stamp()}\0{urls!r}".encode()).hexdigest()[:16]
    seen: dict[str, list] = {}
    todo = []
    for spec in specs:
        entry = known.get(spec.path)
        if unchanged(docs, spec.path, stamped(stamp, spec.key), entry):
            seen[spec.path] = entry
        else:
            todo.append(spec)
    new = {spec.path: ["", -1, -1, None] for spec in todo if spec.path not in known}
    if known and new:  # recorded before they are written: a build that stops halfway
        save_index(index, {**known, **new})  # still knows them (to prune them later)
    shares = map_shares(partial(_render_share, docs, known, stamp), todo, jobs)
    report = WriteReport()
    report.written = sum(written for written, _ in shares)
    report.unchanged = len(specs) - report.written
    report.removed = _prune(docs, wanted, urls.generated(), known or None)
    for _, found in shares:
        seen.update(found)
    save_index(index, seen, known)
    return report


def _render_share(docs: Path, known: dict[str, list], stamp: str, specs: Sequence[PageSpec]
                  ) -> tuple[int, dict[str, list]]:
    """Render and write ``specs``: pages written, and their index entries."""
    written, seen = 0, {}
    for spec in specs:
        changed, seen[spec.path] = store(docs, spec.path, render(spec).encode("utf-8"),
                                         stamped(stamp, spec.key), known.get(spec.path))
        written += changed
    return written, seen


def stamped(stamp: str, key: str | None) -> str | None:
    """``key`` under the code ``stamp`` (None: no key)."""
    return f"{stamp}:{key}" if key else None


def unchanged(docs: Path, path: str, key: str | None, entry: list | None) -> bool:
    """Whether the file ``path`` below ``docs`` was written from ``key`` (see
    :func:`write_pages`) and is untouched since: ``entry`` is its index entry."""
    if not key or not entry or len(entry) != 4 or entry[3] != key:
        return False
    try:
        st = os.stat(f"{docs}/{path}")
    except FileNotFoundError:
        return False
    return entry[1] == st.st_size and entry[2] == st.st_mtime_ns


def store(docs: Path, path: str, data: bytes, key: str | None, entry: list | None
          ) -> tuple[bool, list]:
    """Write ``data`` to ``path`` below ``docs`` unless it holds them already (as its index
    ``entry`` tells without reading the file, or as its bytes do): whether it was written,
    and its new index entry ``[sha256, size, mtime_ns, key]``."""
    digest = hashlib.sha256(data).hexdigest()
    target = f"{docs}/{path}"
    try:
        st = os.stat(target)
    except FileNotFoundError:  # a new page (every page of a first build)
        return True, [digest, len(data), _write_new(target, data), key]
    same = entry is not None and entry[:3] == [digest, st.st_size, st.st_mtime_ns]
    written = not same and write_if_changed(Path(target), data)
    if written:
        st = os.stat(target)
    return written, [digest, st.st_size, st.st_mtime_ns, key]


def _write_new(target: str, data: bytes) -> int:
    """Write ``data`` to the file ``target`` (through a temporary file, created with its
    folders if need be): its modification time in nanoseconds."""
    folder, name = os.path.split(target)
    tmp = f"{folder}/.{name}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    try:
        fd = os.open(tmp, flags, 0o666)
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)
        fd = os.open(tmp, flags, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        mtime = os.fstat(fd).st_mtime_ns  # closing and renaming leave it as it is
    finally:
        os.close(fd)
    os.replace(tmp, target)
    return mtime


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """Hash of the builder's code, templates and data: a page key only stands for the
    page's bytes under the code that rendered it."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256(f"{jinja2.__version__}\0{yaml.__version__}\0".encode())
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def load_index(index: Path | None) -> dict[str, list]:
    """The entries of an index file of written files (see :func:`write_pages`)."""
    if index is None or not index.is_file():
        return {}
    try:
        data = json.loads(index.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_index(index: Path | None, entries: dict[str, list],
               known: dict[str, list] | None = None) -> None:
    """Write ``entries`` to ``index`` (not when they are the ``known`` ones)."""
    if index is None or (entries == known and index.is_file()):
        return
    index.parent.mkdir(parents=True, exist_ok=True)
    tmp = index.with_name(f".{index.name}.tmp")
    tmp.write_text(json.dumps(entries, sort_keys=True, separators=(",", ":")),
                   encoding="utf-8")
    tmp.replace(index)


def write_if_changed(target: Path, data: bytes) -> bool:
    """Write ``data`` to ``target`` unless it already holds exactly that; True if written."""
    try:
        if target.stat().st_size == len(data) and target.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(target)
    return True


def _prune(docs: Path, wanted: set[str], generated: tuple[str, ...],
           known: dict[str, list] | None = None) -> int:
    """Remove generated Markdown files that no planned page claims (``wanted``: paths
    below ``docs``): those of the ``known`` index that are not wanted any more, or without
    an index, every such file found in the ``generated`` folders and files
    (:meth:`Urls.generated`)."""
    removed = 0
    if known is not None:
        for path in sorted(known):
            if path not in wanted and path.endswith(".md") and \
                    path.split("/", 1)[0] in generated:
                try:
                    os.unlink(f"{docs}/{path}")
                    removed += 1
                except FileNotFoundError:
                    pass
        return removed
    for name in generated:
        root = docs / name
        if root.is_file() and root.suffix == ".md" and name not in wanted:
            root.unlink()
            removed += 1
        elif root.is_dir():
            for folder, _, files in os.walk(root):
                rel = Path(folder).relative_to(docs).as_posix()
                for file in sorted(files):
                    if file.endswith(".md") and f"{rel}/{file}" not in wanted:
                        os.unlink(os.path.join(folder, file))
                        removed += 1
    return removed
