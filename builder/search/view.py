"""The site as the indexing step sees it (the folder it writes over the site it will be moved
into), and writing files without changing them in place.

Nothing of the bundles is written in place (:func:`replace`), so that a previous site
hard-linked into the staging folder (``builder.render.staged``) stays intact.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path

from ..config import URLS, Urls
from .layout import article_pages


@dataclass
class SiteView:
    """The site as the index sees it: ``out`` (where it writes) over ``base`` (the site it
    will be moved into, less ``removed``; None: ``out`` is the whole site). ``deleted`` and
    ``folders`` collect what the base is to lose (see :class:`builder.search.IndexReport`)."""

    out: Path
    base_site: Path | None = None
    removed: frozenset[str] = frozenset()
    deleted: set[str] = field(default_factory=set)
    folders: dict[str, bool] = field(default_factory=dict)
    urls: Urls = URLS  #: where the site's pages are

    @property
    def base(self) -> Path:
        return self.base_site or self.out

    def path(self, rel: str) -> Path:
        """Where the file ``rel`` is now (in ``out`` if written there)."""
        mine = self.out / rel
        if self.base_site is None or mine.exists() or rel in self.removed:
            return mine
        return self.base_site / rel

    def exists(self, rel: str) -> bool:
        return self.path(rel).exists()

    def article_pages(self) -> set[str]:
        pages = article_pages(self.out, self.urls)
        if self.base_site is not None:
            pages |= article_pages(self.base_site, self.urls) - self.removed
        return pages

    def folder(self, name: str) -> Path:
        """A top-level folder as it will be: the one written in ``out``, else the base's
        (unless it is to be deleted)."""
        if self.base_site is None or name in self.folders or (self.out / name).is_dir():
            return self.out / name
        return self.base_site / name

    def replace_folder(self, name: str, background: Executor | None = None) -> Path:
        """``out/name``, emptied, to be written whole (it replaces the base's)."""
        self.drop_folder(name, background)
        if self.base_site is not None:
            self.folders[name] = True
        return self.out / name

    def drop_folder(self, name: str, background: Executor | None = None) -> None:
        """Remove ``out/name`` (by ``background`` if given, once moved out of the site) and
        the base's folder of that name."""
        folder = self.out / name
        if folder.is_dir() and background is not None:
            trash = Path(tempfile.mkdtemp(prefix=f".{self.out.name}-old-{name}-",
                                          dir=self.out.resolve().parent))
            folder.rename(trash / name)
            background.submit(shutil.rmtree, trash, True)
        else:
            shutil.rmtree(folder, ignore_errors=True)
        if self.base_site is not None and (self.base_site / name).exists():
            self.folders[name] = False

    def delete(self, rel: str) -> None:
        (self.out / rel).unlink(missing_ok=True)
        if self.base_site is not None and (self.base_site / rel).exists():
            self.deleted.add(rel)


def replace(path: Path, data: bytes) -> None:
    """Write ``path`` through a new file: the old one may be hard-linked into another site
    (``builder.render.staged``) and must not change."""
    if path.is_file() and path.read_bytes() == data:
        return
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def json_bytes(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def tree_bytes(folder: Path) -> int:
    return sum(os.path.getsize(os.path.join(top, name))
               for top, _, names in os.walk(folder) for name in names)
