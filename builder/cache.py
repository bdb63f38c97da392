"""Extraction cache: unchanged articles are neither cleaned nor extracted again.

An entry is keyed by a hash of the article's :class:`~builder.model.Source` (text, header,
translation, file name, id) and of the *extraction fingerprint*: the builder version plus
every code and data file that cleaning and extraction can depend on (everything in
``builder/`` except the page side: templates, page planning, writing, rendering, CLI).
Editing a gazetteer YAML file or an extractor therefore re-extracts every article, while
editing a template re-extracts nothing.

Entries are small JSON files (``<folder>/<2 hex>/<key>.json``) holding the cleaned
:class:`~builder.model.Article` and its :class:`~builder.model.Metadata`
(:func:`~builder.model.metadata_to_dict`). :meth:`ExtractionCache.prune` removes the
entries a build did not use, so the cache never grows beyond the corpus.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from . import __version__
from .model import Article, Header, Metadata, Source, metadata_from_dict, metadata_to_dict

log = logging.getLogger(__name__)

BUILDER = Path(__file__).resolve().parent
#: Files and folders of ``builder/`` that only plan, write or render pages: changing them
#: does not change what cleaning and extraction produce.
PAGE_SIDE = frozenset({
    "templates", "pages", "pages.py", "writer.py", "render.py", "cli.py", "site.py",
    "progress.py", "assets.py", "cache.py", "similarity.py", "__main__.py", "__pycache__",
    "parallel.py", "feeds.py",
    "data/ui.yml", "data/stopwords.yml", "data/search.yml",
})
#: Suffixes of the files that make up the fingerprint (code and editor-maintained data).
FINGERPRINT_SUFFIXES = frozenset({".py", ".yml", ".yaml", ".json", ".txt", ".tsv", ".csv"})
#: Format of the cache entries; bump when the entry layout changes.
FORMAT = 1


@lru_cache(maxsize=4)
def fingerprint(builder: Path = BUILDER) -> str:
    """Hash of the builder version and of every file extraction depends on (hex)."""
    digest = hashlib.sha256(f"{__version__}\0{FORMAT}\0".encode())
    for path in sorted(builder.rglob("*")):
        rel = path.relative_to(builder)
        if rel.parts[0] in PAGE_SIDE or rel.as_posix() in PAGE_SIDE or not path.is_file():
            continue
        if path.suffix not in FINGERPRINT_SUFFIXES:
            continue
        digest.update(rel.as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def source_key(source: Source, print_: str) -> str:
    """Cache key of one source under extraction fingerprint ``print_`` (hex)."""
    data = json.dumps(asdict(source), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(f"{print_}\0{data}".encode("utf-8", "surrogatepass")).hexdigest()


def article_to_dict(article: Article) -> dict[str, Any]:
    """Lossless dict form of a cleaned article."""
    return asdict(article)


def article_from_dict(data: dict[str, Any]) -> Article:
    """Inverse of :func:`article_to_dict`."""
    translation = data["translation"]
    return Article(
        id=data["id"],
        path=data["path"],
        order=data["order"],
        lang=data["lang"],
        paragraphs=tuple(data["paragraphs"]),
        header=Header(**data["header"]),
        translation=None if translation is None else tuple(translation),
        notes=tuple(data["notes"]),
    )


class ExtractionCache:
    """Cleaned articles and their metadata, keyed by source content and fingerprint.

    ``folder=None`` gives a cache that remembers nothing (every lookup misses).
    """

    def __init__(self, folder: Path | None, print_: str | None = None):
        self.folder = folder
        self.fingerprint = print_ or fingerprint()
        self.hits = 0
        self.misses = 0
        self._used: set[str] = set()

    def key(self, source: Source) -> str:
        """The entry key of ``source``."""
        return source_key(source, self.fingerprint)

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.json"

    def get(self, source: Source) -> tuple[Article, Metadata] | None:
        """The cached result for ``source``, or None (a damaged entry counts as a miss)."""
        key = self.key(source)
        self._used.add(key)
        if self.folder is None:
            self.misses += 1
            return None
        try:
            data = json.loads(self._path(key).read_text(encoding="utf-8"))
            result = article_from_dict(data["article"]), metadata_from_dict(data["meta"])
        except FileNotFoundError:
            self.misses += 1
            return None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("extraction cache: ignoring damaged entry %s (%s)", key, exc)
            self.misses += 1
            return None
        self.hits += 1
        return result

    def entry_path(self, source: Source) -> Path | None:
        """Where the entry of ``source`` goes (None without a cache folder); the entry
        then counts as used, whoever writes it (:func:`store`, in a worker process)."""
        key = self.key(source)
        self._used.add(key)
        return None if self.folder is None else self._path(key)

    def put(self, source: Source, article: Article, meta: Metadata) -> None:
        """Store the result for ``source`` (atomically: a crash never leaves half a file)."""
        path = self.entry_path(source)
        if path is not None:
            store(path, article, meta)

    def prune(self) -> int:
        """Delete entries not looked up or stored since this cache was opened."""
        if self.folder is None or not self.folder.is_dir():
            return 0
        removed = 0
        for path in self.folder.glob("*/*"):
            if path.name.endswith(".json") and path.stem in self._used:
                continue
            path.unlink(missing_ok=True)
            removed += 1
        return removed


def store(path: Path, article: Article, meta: Metadata) -> None:
    """Write one entry (atomically); safe to call from a worker process."""
    data = {"format": FORMAT, "article": article_to_dict(article),
            "meta": metadata_to_dict(meta)}
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")),
                   encoding="utf-8")
    tmp.replace(path)


#: Text features of builder/similarity.py kept between builds (below the cache folder).
SIMILARITY_FILE = "similarity.npz"


def load_similarity(folder: Path | None) -> int:
    """Give :mod:`builder.similarity` the features saved by the last build; how many."""
    from . import similarity

    path = None if folder is None else folder / SIMILARITY_FILE
    if path is None or not path.is_file():
        return 0
    try:
        with np.load(path, allow_pickle=False) as data:
            return similarity.import_features({k: data[k] for k in data.files})
    except Exception as exc:  # noqa: BLE001 - a damaged cache must never stop a build
        log.warning("similarity cache: ignoring %s (%s)", path, exc)
        return 0


def save_similarity(folder: Path | None) -> None:
    """Save the features of the texts this build used (atomically)."""
    from . import similarity

    if folder is None:
        return
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{SIMILARITY_FILE}.{os.getpid()}.tmp.npz"
    np.savez(tmp, **similarity.export_features())
    tmp.replace(folder / SIMILARITY_FILE)
