"""Extraction cache: unchanged articles are neither cleaned nor extracted again.

An entry is keyed by a hash of the article's :class:`~builder.model.Source` (text, header,
translation, file name, id) and of the *extraction fingerprint*: the builder version plus
every code and data file that cleaning and extraction can depend on (everything in
``builder/`` except the page side: templates, page planning, writing, rendering, CLI; and
the reading side, whose result the key covers). Editing a gazetteer YAML file or an
extractor therefore re-extracts every article, while editing a template re-extracts
nothing.

The *reading cache* (:class:`ReadingCache`, one file) goes one step further back: by a hash
of each article file's bytes (and its translation's) it knows the id, the extraction key and
the :class:`~builder.duplicates.TextFingerprint` that reading gave, so an unchanged file is
neither decoded nor parsed again, and duplicate detection works from the fingerprints. It is
valid for one *reading fingerprint* (the extraction fingerprint plus the reading side and
the PyYAML version). Contents are the key (never file times: CI checks the corpus out anew).

An entry holds the cleaned :class:`~builder.model.Article` and its
:class:`~builder.model.Metadata` as compact JSON (each dataclass a list of its field values,
:func:`entry_to_json`), compressed. All entries live in one file, ``entries.pack``, read in
one go (one file instead of one per article).
Articles extracted by a build are first written one file each
(``<folder>/<2 hex>/<key>.entry``, by the worker process that extracted them, so an
interrupted build keeps them); :meth:`ExtractionCache.prune` then writes the pack with the
entries the build used and nothing else, so the cache never grows beyond the corpus.

The similarity features of the texts (:class:`FeatureStore`) are the third cache. One module
(over 500 lines) for the three: they share the cache folder, its fingerprints and its way of
writing files atomically.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import zlib
from dataclasses import asdict, fields, is_dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from . import __version__, similarity
from .corpus import Known, RawFile
from .duplicates import TextFingerprint
from .model import (
    Article,
    Entity,
    Event,
    Figure,
    Header,
    Metadata,
    Quote,
    Source,
    Span,
    Speaker,
)

log = logging.getLogger(__name__)

BUILDER = Path(__file__).resolve().parent
#: Everything below ``builder/`` that cleaning and extraction read: their code, the code
#: they import and their data (tests/test_cache.py checks that they import and open nothing
#: else). Editing anything else (pages, templates, search, rendering) re-extracts nothing.
EXTRACTION_SIDE = ("__init__.py", "model.py", "normalize.py", "clean.py", "extract",
                   "data/boilerplate.yml")
#: What reading a file into a Source adds (the extraction key covers the Source itself).
READING_SIDE = ("corpus.py", "duplicates.py")
#: Suffixes of the files that make up the fingerprint (code, editor-maintained data, the
#: recogniser's model).
FINGERPRINT_SUFFIXES = frozenset({".py", ".yml", ".yaml", ".json", ".txt", ".tsv", ".csv",
                                  ".crfsuite"})
#: Format of the cache entries; bump when the entry layout changes.
FORMAT = 2


def fingerprint_files(builder: Path = BUILDER,
                      parts: tuple[str, ...] = EXTRACTION_SIDE) -> list[Path]:
    """The files of ``parts`` (files or folders of ``builder``) that make a fingerprint."""
    found = []
    for part in parts:
        path = builder / part
        candidates = sorted(path.rglob("*")) if path.is_dir() else [path]
        found.extend(p for p in candidates if p.is_file() and p.suffix in FINGERPRINT_SUFFIXES
                     and "__pycache__" not in p.parts)
    return sorted(found)


@lru_cache(maxsize=8)
def fingerprint(builder: Path = BUILDER, parts: tuple[str, ...] = EXTRACTION_SIDE) -> str:
    """Hash of the builder version and of every file extraction depends on (hex)."""
    digest = hashlib.sha256(f"{__version__}\0{FORMAT}\0".encode())
    for path in fingerprint_files(builder, parts):
        digest.update(path.relative_to(builder).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def reading_fingerprint(builder: Path = BUILDER) -> str:
    """The fingerprint of extraction and reading, with the YAML parser's version (hex)."""
    code = fingerprint(builder, EXTRACTION_SIDE + READING_SIDE)
    libyaml = getattr(yaml, "__with_libyaml__", False)
    return hashlib.sha256(f"{code}\0{yaml.__version__}\0{libyaml}".encode()).hexdigest()


_SOURCE_FIELDS = tuple(f.name for f in fields(Source))
_HEADER_FIELDS = tuple(f.name for f in fields(Header))


def source_key(source: Source, code: str) -> str:
    """Cache key of one source under extraction fingerprint ``code`` (hex)."""
    values = [[getattr(value, f) for f in _HEADER_FIELDS] if name == "header" else value
              for name in _SOURCE_FIELDS for value in [getattr(source, name)]]
    data = json.dumps([*_SOURCE_FIELDS, *values], ensure_ascii=False)
    return hashlib.sha256(f"{code}\0{data}".encode("utf-8", "surrogatepass")).hexdigest()


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


def _plain(value: Any) -> Any:
    """A dataclass as the list of its field values, tuples as lists, all the way down."""
    if is_dataclass(value):
        return [_plain(getattr(value, f.name)) for f in fields(value)]
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    return value


def entry_to_json(article: Article, meta: Metadata) -> bytes:
    """The compact JSON of an entry: ``[article, meta]``, each dataclass as the list of its
    field values in declaration order (:func:`entry_from_json` is the inverse)."""
    return json.dumps([_plain(article), _plain(meta)], ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8", "surrogatepass")


def entry_from_json(data: bytes) -> tuple[Article, Metadata]:
    """Inverse of :func:`entry_to_json` (fields by position: see tests/test_cache.py)."""
    article, meta = json.loads(data.decode("utf-8", "surrogatepass"))
    aid, path, order, lang, paragraphs, header, translation, notes = article
    *head, entities, events, figures, quotes = meta
    return (
        Article(aid, path, order, lang, tuple(paragraphs), Header(*header),
                None if translation is None else tuple(translation), tuple(notes)),
        Metadata(*head,
                 tuple(Entity(*e[:-1], tuple(Span(*s) for s in e[-1])) for e in entities),
                 tuple(Event(*e) for e in events),
                 tuple(Figure(*f) for f in figures),
                 tuple(Quote(Speaker(*q[0]), *q[1:]) for q in quotes)),
    )


def _blob(article: Article, meta: Metadata) -> bytes:
    return zlib.compress(entry_to_json(article, meta))


#: The file of all entries (below the cache folder) and its first bytes.
PACK_FILE = "entries.pack"
_PACK_MAGIC = f"extraction-pack {FORMAT}\n".encode()
#: Suffix of an entry written on its own (before the pack takes it in).
ENTRY_SUFFIX = ".entry"


def _read_pack(path: Path) -> dict[str, memoryview]:
    """Key -> compressed entry of every complete record of the pack (empty if none)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        log.warning("extraction cache: ignoring %s (%s)", path, exc)
        return {}
    if not data.startswith(_PACK_MAGIC):
        log.warning("extraction cache: ignoring %s (not a pack of this format)", path)
        return {}
    view, found, pos = memoryview(data), {}, len(_PACK_MAGIC)
    while pos < len(data):
        size = int.from_bytes(view[pos + 32:pos + 36], "little") if pos + 36 <= len(data) else 0
        if pos + 36 > len(data) or pos + 36 + size > len(data):
            log.warning("extraction cache: %s is truncated (%d entries kept)", path, len(found))
            break
        found[view[pos:pos + 32].hex()] = view[pos + 36:pos + 36 + size]
        pos += 36 + size
    return found


def _write_pack(path: Path, blobs: dict[str, bytes | memoryview]) -> None:
    """Write the pack of ``blobs`` (atomically)."""
    parts: list[bytes | memoryview] = [_PACK_MAGIC]
    for key in sorted(blobs):
        blob = blobs[key]
        parts += [bytes.fromhex(key), len(blob).to_bytes(4, "little"), blob]
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(b"".join(parts))
    tmp.replace(path)


class ExtractionCache:
    """Cleaned articles and their metadata, keyed by source content and fingerprint.

    ``folder=None`` gives a cache that remembers nothing (every lookup misses).
    """

    def __init__(self, folder: Path | None, code: str | None = None):
        self.folder = folder
        self.fingerprint = code or fingerprint()
        self.hits = 0
        self.misses = 0
        self._used: set[str] = set()
        self._pack = {} if folder is None else _read_pack(folder / PACK_FILE)

    def key(self, source: Source) -> str:
        """The entry key of ``source``."""
        return source_key(source, self.fingerprint)

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}{ENTRY_SUFFIX}"

    def get(self, source: Source) -> tuple[Article, Metadata] | None:
        """The cached result for ``source``, or None (a damaged entry counts as a miss)."""
        return self.get_key(self.key(source))

    def get_key(self, key: str, count: bool = True) -> tuple[Article, Metadata] | None:
        """The cached result under ``key`` (see :meth:`get`); ``count=False``: a miss is
        not counted (a look-up that extraction does not follow)."""
        self._used.add(key)
        result = self._load(key)
        if result is not None:
            self.hits += 1
        elif count:
            self.misses += 1
        return result

    def _load(self, key: str) -> tuple[Article, Metadata] | None:
        if self.folder is None:
            return None
        blob = self._pack.get(key)
        try:
            if blob is None:
                blob = self._path(key).read_bytes()
            return entry_from_json(zlib.decompress(blob))
        except FileNotFoundError:
            return None
        except (OSError, zlib.error, ValueError, KeyError, TypeError, IndexError) as exc:
            log.warning("extraction cache: ignoring damaged entry %s (%s)", key, exc)
            self._pack.pop(key, None)
            return None

    def entry_path(self, source: Source, key: str | None = None) -> Path | None:
        """Where the entry of ``source`` (whose key may be given) goes (None without a
        cache folder); the entry then counts as used, whoever writes it (:func:`store_extraction`, in
        a worker process)."""
        key = key or self.key(source)
        self._used.add(key)
        return None if self.folder is None else self._path(key)

    def put(self, source: Source, article: Article, meta: Metadata) -> None:
        """Store the result for ``source`` (atomically: a crash never leaves half a file)."""
        path = self.entry_path(source)
        if path is not None:
            store_extraction(path, article, meta)

    def prune(self) -> int:
        """Keep the entries looked up or stored since this cache was opened, in the pack
        (with those written on their own); how many others were deleted."""
        if self.folder is None or not self.folder.is_dir():
            return 0
        kept = {key: blob for key, blob in self._pack.items() if key in self._used}
        removed = len(self._pack) - len(kept)
        loose = []
        with os.scandir(self.folder) as folders:
            subfolders = [f.path for f in folders if f.is_dir(follow_symlinks=False)]
        for folder in subfolders:
            with os.scandir(folder) as files:
                for file in files:
                    loose.append(file.path)
                    key = file.name[: -len(ENTRY_SUFFIX)]
                    if file.name.endswith(ENTRY_SUFFIX) and key in self._used:
                        with open(file.path, "rb") as fh:
                            kept[key] = fh.read()  # newer than the pack's
                    else:
                        removed += 1
        if loose or kept.keys() != self._pack.keys():
            _write_pack(self.folder / PACK_FILE, kept)
        for path in loose:
            os.unlink(path)
        for folder in subfolders:
            with contextlib.suppress(OSError):  # not empty: something else put a file there
                os.rmdir(folder)
        self._pack = kept
        return removed


def store_extraction(path: Path, article: Article, meta: Metadata) -> None:
    """Write one entry (atomically); safe to call from a worker process."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(_blob(article, meta))
    tmp.replace(path)


#: The reading cache's file (below the cache folder).
READING_FILE = "reading.json"
#: Format of the reading cache; bump when its layout changes.
READING_FORMAT = 1


class ReadingCache:
    """What reading each article file gave, by :attr:`~builder.corpus.RawFile.digest`: its
    id, extraction key and text fingerprint (a :class:`~builder.corpus.Memory` for
    :func:`~builder.corpus.read_corpus`). A file is only *recalled* when its extraction
    entry and its text's similarity features are cached too; :meth:`save` keeps the files
    recalled or remembered since this cache was opened.

    ``folder=None`` remembers nothing.
    """

    def __init__(self, folder: Path | None, extraction: ExtractionCache,
                 code: str | None = None, features: FeatureStore | None = None):
        self.folder = folder
        self.extraction = extraction
        self.features = features if features is not None else FeatureStore(folder)
        self.fingerprint = code or reading_fingerprint()
        self.hits = 0
        self._old: dict[str, list[str]] = self._load()
        self._new: dict[str, list[str]] = {}

    @property
    def path(self) -> Path | None:
        """The cache's file (None without a folder)."""
        return None if self.folder is None else self.folder / READING_FILE

    def _load(self) -> dict[str, list[str]]:
        path = self.path
        if path is None or not path.is_file():
            return {}
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data["format"] != READING_FORMAT or data["fingerprint"] != self.fingerprint:
                return {}
            files = data["files"]
            if not isinstance(files, dict):
                raise TypeError("files is not a mapping")
            return files
        except (OSError, ValueError, KeyError, TypeError) as exc:
            log.warning("reading cache: ignoring %s (%s)", path, exc)
            return {}

    def recall(self, raw: RawFile) -> Known | None:
        """The article these bytes gave, read and extracted before, or None."""
        record = self._old.get(raw.digest)
        if record is None:
            return None
        try:
            article_id, key, exact, text = record
            features = self.features.get(bytes.fromhex(text))
        except (ValueError, TypeError):
            return None
        if features is None:
            return None
        result = self.extraction.get_key(key, count=False)
        if result is None:
            return None
        self._new[raw.digest] = record
        self.hits += 1
        return Known(raw.name, article_id, key, TextFingerprint(exact, text, features), *result)

    def remember(self, raw: RawFile, source: Source, text: TextFingerprint) -> None:
        """Record what ``raw`` gave (read without any problem)."""
        if self.folder is not None:
            self._new[raw.digest] = [source.id, self.extraction.key(source), text.exact,
                                     text.digest]

    def save(self) -> bool:
        """Write the files recalled or remembered (atomically, only if that changes the
        file); whether it was written."""
        path = self.path
        if path is None or (self._new == self._old and path.is_file()):
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        data = {"format": READING_FORMAT, "fingerprint": self.fingerprint,
                "files": dict(sorted(self._new.items()))}
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        tmp.replace(path)
        self._old = dict(self._new)
        return True


#: Text features of builder/similarity.py kept between builds (below the cache folder).
SIMILARITY_FILE = "similarity.npz"


class FeatureStore:
    """Similarity features of texts by :func:`~builder.similarity.text_digest`, for the
    build that owns the store: loaded from ``<folder>/similarity.npz`` (if made by the same
    similarity code, see :func:`~builder.similarity.features_fingerprint`), filled as texts
    are met, and saved with the features this build used (:meth:`save`).

    ``folder=None`` remembers features for the life of the store only.
    ``FeatureStore(None).features("نص") == similarity.text_features("نص")`` (same arrays).
    """

    def __init__(self, folder: Path | None = None):
        self.folder = folder
        self.words = similarity.WordMemo()
        self._found: dict[bytes, similarity.Features] = {}
        self._used: set[bytes] = set()  # looked up or made since loaded
        self._new = False  # features made or adopted here since loaded
        self.loaded = self._load()

    def __len__(self) -> int:
        return len(self._found)

    @property
    def path(self) -> Path | None:
        """The store's file (None without a folder)."""
        return None if self.folder is None else self.folder / SIMILARITY_FILE

    def get(self, digest: bytes) -> similarity.Features | None:
        """The features of the text with this digest, if known (then kept by :meth:`save`)."""
        found = self._found.get(digest)
        if found is not None:
            self._used.add(digest)
        return found

    def features(self, text: str) -> similarity.Features:
        """The features of ``text``: remembered, or worked out and remembered."""
        digest = similarity.text_digest(text)
        found = self.get(digest)
        if found is None:
            found = similarity.text_features(text, self.words)
            self.adopt(digest, found)
        return found

    def adopt(self, digest: bytes, found: similarity.Features) -> None:
        """Remember features worked out elsewhere (another process) for this digest."""
        self._used.add(digest)
        if digest not in self._found:
            self._found[digest] = found
            self._new = True

    def changed(self) -> bool:
        """Whether :meth:`save` would write something other than what was loaded."""
        return self._new or len(self._used) != len(self._found)

    def save(self) -> bool:
        """Write the features used since loaded (atomically, only when that changes the
        file); whether it was written. Counting starts anew afterwards."""
        path = self.path
        if path is None:
            return False
        written = self.changed() or not path.is_file()
        if written:
            keys = sorted(k for k in self._used if k in self._found)
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp.npz")
            np.savez(tmp, **_features_to_arrays(keys, [self._found[k] for k in keys]))
            tmp.replace(path)
        self._used.clear()
        self._new = False
        return written

    def _load(self) -> int:
        path = self.path
        if path is None or not path.is_file():
            return 0
        try:
            with np.load(path, allow_pickle=False) as data:
                found = _features_from_arrays({k: data[k] for k in data.files})
        except Exception as exc:  # noqa: BLE001 - a damaged cache must never stop a build
            log.warning("similarity cache: ignoring %s (%s)", path, exc)
            return 0
        self._found.update(found)
        return len(found)


def _features_to_arrays(keys: list[bytes], feats: list[similarity.Features]
                        ) -> dict[str, np.ndarray]:
    """Features as flat arrays (the layout of :data:`SIMILARITY_FILE`)."""
    n = similarity.NUM_PERM
    empty = np.zeros(n, dtype=np.uint32)
    return {
        "fingerprint": np.array([similarity.features_fingerprint()]),
        "keys": np.frombuffer(b"".join(keys), dtype=np.uint8).reshape(len(keys), 16),
        "sizes": np.array([len(f.words) for f in feats], dtype=np.int64),
        "words": np.concatenate([f.words for f in feats] or [np.array([], np.uint32)]),
        "counts": np.concatenate([f.counts for f in feats] or [np.array([], np.uint32)]),
        "has_shingles": np.array([f.shingles is not None for f in feats], dtype=bool),
        "shingles": np.array([empty if f.shingles is None else f.shingles for f in feats],
                             dtype=np.uint32).reshape(len(feats), n),
    }


def _features_from_arrays(data: dict[str, np.ndarray]) -> dict[bytes, similarity.Features]:
    """Inverse of :func:`_features_to_arrays`; nothing when made by other similarity code."""
    if str(data["fingerprint"][0]) != similarity.features_fingerprint():
        return {}
    ends = np.cumsum(data["sizes"]).tolist()
    words, counts = data["words"], data["counts"]
    shingles, has = data["shingles"].astype(np.uint32, copy=False), data["has_shingles"].tolist()
    keys = data["keys"].astype(np.uint8, copy=False).tobytes()
    if len(keys) != 16 * len(has):
        raise ValueError("features: keys and features do not match")
    found, start = {}, 0
    for i, end in enumerate(ends):
        found[keys[16 * i:16 * i + 16]] = similarity.Features(
            words[start:end], counts[start:end], shingles[i] if has[i] else None)
        start = end
    return found
