"""Read article files from ``corpus/`` (the only module that reads the corpus).

File format (see guide/articles.md): one text file per article, named ``NNN_<16 hex>.txt``; the hex
part is the permanent article id and ``NNN`` gives the order. An optional YAML header
between ``---`` lines sets ``date``, ``source``, ``url``, ``title``, ``title_en``, ``lang``.
``<same name>.en.txt`` beside an article holds its English translation. Any other
``*.txt`` gets an id from a hash of its normalised text.

Every problem is an :class:`ArticleError` naming the file and the reason, one per file;
:func:`read_corpus` never raises for a bad file, it reports it and reads the others. Header
values are data: they are validated (``url`` must be an http(s) URL) and cleaned of
characters that could spoof the display, and YAML tags such as ``!!python/object`` are
refused by the safe loader.

Reading is in stages: :func:`scan_corpus` lists the folder and reads the bytes of every
article file and its translation (:class:`RawFile`), :func:`parse_article` decodes and
checks one, and :func:`read_corpus` puts them together with the checks across files (ids,
duplicates). Given a :class:`Memory` (the build's cache, keyed by a hash of the bytes), it
decodes only the files whose bytes it has not seen: the others are :class:`Known`, as an
earlier build read and extracted them.

Nothing here ever writes to the corpus. One module (over 500 lines): it is the only reader
of the corpus, and the reading cache's fingerprint covers it as the reading side.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

import yaml

from .duplicates import TextFingerprint, find_duplicates, text_fingerprints
from .model import HEADER_KEYS, Article, Header, Metadata, Source, parse_date
from .normalize import display_safe, normalize
from .similarity import FeatureSource

CANONICAL_NAME = re.compile(r"^(\d+)_([0-9a-f]{16})\.txt$")
TRANSLATION_SUFFIX = ".en.txt"
#: Files of the corpus folder that are not articles (e.g. ``retired.yml``, a README).
CORPUS_DATA_SUFFIXES = (".yml", ".yaml", ".md")
#: Files larger than this are refused (bytes). The longest of 1,986 real articles is 57 KB;
#: a file of megabytes is a dump or a concatenation, not an article, and would make a page
#: no reader can use. Cleaning and extraction are linear, so the limit is about pages, not
#: about build time (tests/test_hostile.py checks the time and memory of a large article).
MAX_BYTES = 2 * 1024 * 1024
#: Order given to files that are not canonically named (after all numbered ones).
UNNUMBERED_ORDER = 10**9


class ArticleError(Exception):
    """A problem with one article file; the build skips it and goes on.

    ``path`` is the file name as it can be printed safely (control, bidi and undecodable
    characters of a hostile name are shown as escapes).
    """

    def __init__(self, path: str, message: str):
        path = printable_name(path)
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def printable_name(name: str) -> str:
    r"""A file name safe to print in one log line: ``printable_name("a\nb.txt")`` -> ``"a\\nb.txt"``.

    Arabic names stay as they are: ``printable_name("خبر.txt")`` -> ``"خبر.txt"``.
    """
    if _name_problem(name) is None:
        return name
    name = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(c if _name_char_ok(c) else c.encode("unicode_escape").decode("ascii")
                   for c in name)


def _name_char_ok(c: str) -> bool:
    return unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Zl", "Zp") or c == "\u200c"


def _name_problem(name: str) -> str | None:
    """Why a corpus file name is refused (None if it is fine)."""
    if name.isascii() and name.isprintable():  # the usual name, quickly
        return None
    if any(0xDC80 <= ord(c) <= 0xDCFF for c in name):
        return "file name is not valid UTF-8; rename the file"
    if not all(_name_char_ok(c) for c in name):
        return "file name contains control or bidi characters; rename the file"
    return None


@dataclass(frozen=True)
class RawFile:
    """The bytes of one article file and of its translation sidecar, not decoded yet."""

    name: str  #: file name in the corpus folder
    data: bytes
    translation: bytes | None = None  #: bytes of ``<name>.en.txt``, if there is one
    translation_error: ArticleError | None = None  #: why the sidecar could not be read

    @property
    def translation_name(self) -> str:
        """``001_….en.txt`` for ``001_….txt``."""
        return self.name[: -len(".txt")] + TRANSLATION_SUFFIX

    @cached_property
    def digest(self) -> str:
        """Hash (hex) of the name and the bytes of the file and of its translation: files
        with equal digests read the same."""
        h = hashlib.blake2b(digest_size=20)
        for part in (self.name.encode("utf-8", "surrogateescape"), self.data):
            h.update(len(part).to_bytes(8, "little") + part)
        if self.translation is not None:
            h.update(b"translation" + self.translation)
        return h.hexdigest()


@dataclass(frozen=True)
class Known:
    """An article file whose bytes an earlier build read and extracted (see :class:`Memory`)."""

    path: str
    id: str
    key: str  #: the extraction cache key of its source (``Entry.digest``)
    fingerprint: TextFingerprint  #: what duplicate detection needs of its text
    article: Article
    meta: Metadata


class Memory(Protocol):
    """What earlier builds read (``builder.cache.ReadingCache``)."""

    def recall(self, raw: RawFile) -> Known | None:
        """The article read from these bytes before, if it is known (and extracted)."""

    def remember(self, raw: RawFile, source: Source, fingerprint: TextFingerprint) -> None:
        """Record that ``raw`` was read, without any problem, as ``source``."""


@dataclass(frozen=True)
class ReadResult:
    """All articles that could be read, in corpus order, and one error per file that could
    not (or that is a duplicate). Without a :class:`Memory` every article is a Source."""

    sources: tuple[Source | Known, ...]
    errors: tuple[ArticleError, ...]


def _txt(name: str) -> bool:
    """``Path(name).suffix == ".txt"`` (``".txt"`` alone is a hidden file, not a suffix)."""
    return name.endswith(".txt") and len(name) > len(".txt")


def _is_article(entry: os.DirEntry) -> bool:
    name = entry.name
    return _txt(name) and not name.endswith(TRANSLATION_SUFFIX) and entry.is_file()


def _listing(corpus: Path) -> dict[str, os.DirEntry]:
    """The entries of the corpus folder by name (file types from the directory itself)."""
    with os.scandir(corpus) as entries:
        return {entry.name: entry for entry in entries}


def list_article_files(corpus: Path) -> list[Path]:
    """Article files (not translations) in a stable order: ``000_…``, ``001_…``, others."""
    names = [name for name, entry in _listing(corpus).items() if _is_article(entry)]
    return [corpus / name for name in sorted(names, key=file_order)]


def file_order(name: str) -> tuple[int, str]:
    """Sort key of a corpus file name: ``NNN_…`` by number, a translation after its article.

    ``file_order("002_0123456789abcdef.en.txt")`` -> ``(2, "002_0123456789abcdef.en.txt")``.
    """
    m = CANONICAL_NAME.match(name.replace(TRANSLATION_SUFFIX, ".txt"))
    return (int(m.group(1)) if m else UNNUMBERED_ORDER, name)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decode article bytes: UTF-8 (with or without BOM), UTF-16 with BOM, Windows-1256.

    Returns ``(text, encoding)``; raises :class:`ArticleError` for binary or undecodable
    data. ``decode("سوريا".encode("cp1256"), "x.txt")`` -> ``("سوريا", "cp1256")``.
    """
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", name), "utf-8-sig"
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return _strict(data, "utf-16", name), "utf-16"
    if b"\x00" in data:
        raise ArticleError(name, "binary file (contains NUL bytes), not an article")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError as exc:
        raise ArticleError(name, f"cannot decode as UTF-8 or Windows-1256 ({exc})") from exc
    arabic = sum(1 for c in text if "\u0600" <= c <= "\u06ff")
    letters = sum(1 for c in text if c.isalpha())
    if letters == 0 or arabic / letters < 0.5:
        raise ArticleError(name, "not UTF-8, and not Arabic text in Windows-1256")
    return text, "cp1256"


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ArticleError(name, f"invalid {encoding} ({exc})") from exc


def _check_text(text: str, name: str) -> None:
    if not any(c.isalnum() for c in display_safe(text)):
        raise ArticleError(name, "empty article (no words, only white space or symbols)")
    if len(_CONTROL.findall(text)) > max(3, len(text) // 100):
        raise ArticleError(name, "binary data, not text (control characters)")


#: Control characters other than white space (binary data when there are many).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


class _HeaderLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """PyYAML's safe loader (no ``!!python`` tags; libyaml's parser when PyYAML has it)
    that also refuses duplicate keys."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set[object] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, str) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key '{key}' is given twice", key_node.start_mark)
            if isinstance(key, str):
                seen.add(key)
        return super().construct_mapping(node, deep=deep)


_HEADER = re.compile(r"---[ \t]*\n(.*?)\n---[ \t]*(?:\n|$)", re.S)
#: Characters never valid in a URL (RFC 3986) besides white space and controls.
_URL_FORBIDDEN = set('<>"{}|\\^`')


def split_header(text: str, name: str) -> tuple[Header, str]:
    """Split an optional ``---`` YAML header from the body and validate it.

    ``split_header("---\\nsource: سبق\\n---\\nنص", "x.txt")`` ->
    ``(Header(source="سبق"), "نص")``. A text whose first line is not exactly ``---`` has
    no header.
    """
    if text.split("\n", 1)[0].rstrip(" \t") != "---":
        return Header(), text
    m = _HEADER.match(text)
    if not m:
        raise ArticleError(name, "header starts with '---' but has no closing '---' line")
    try:
        data = yaml.load(m.group(1), Loader=_HeaderLoader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as exc:
        raise ArticleError(name, f"header is not valid YAML: {_yaml_problem(exc)}") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ArticleError(name, "header must be a mapping of key: value lines")
    unknown = sorted(repr(k) if not isinstance(k, str) else k
                     for k in data if k not in HEADER_KEYS)
    if unknown:
        raise ArticleError(
            name,
            f"unknown header key(s) {', '.join(printable_name(k) for k in unknown)}; "
            "expected one of: " + ", ".join(HEADER_KEYS),
        )
    values: dict[str, str | None] = {}
    for key, value in data.items():
        if value is None:
            values[key] = None
        elif key == "date":
            values[key] = _header_date(value, name)
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            values[key] = _header_text(str(value)) or None
        else:
            raise ArticleError(name, f"header value of '{key}' must be text")
    if values.get("lang") not in (None, "ar", "en"):
        raise ArticleError(name, f"header lang must be 'ar' or 'en', not {values['lang']!r}")
    if values.get("url") is not None:
        values["url"] = _header_url(values["url"], name)
    return Header(**values), text[m.end() :]


def _yaml_problem(exc: yaml.YAMLError) -> str:
    """One line from a PyYAML error: what is wrong and where (file line numbers)."""
    problem = getattr(exc, "problem", None) or str(exc).split("\n", 1)[0]
    tag = re.match(r"could not determine a constructor for the tag '(?:tag:yaml.org,2002:)?(.*)'",
                   str(problem))
    if tag:
        problem = f"the YAML tag {tag.group(1)!r} is not allowed (header values are plain text)"
    mark = getattr(exc, "problem_mark", None)
    where = f" (line {mark.line + 2})" if mark is not None else ""
    return printable_name(" ".join(str(problem).split())) + where


def _header_text(value: str) -> str:
    """A header value as displayed: one line, no control, bidi or zero-width characters."""
    value = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c
                    for c in value)
    return " ".join(display_safe(value).split())


def _header_url(value: str, name: str) -> str:
    """Accept only an absolute ``http://`` or ``https://`` URL (never ``javascript:``)."""
    try:
        parts = urlsplit(value)
    except ValueError as exc:
        raise ArticleError(name, f"header url {value!r} is not a valid URL ({exc})") from exc
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ArticleError(name, f"header url {value!r} must start with http:// or https://")
    if any(c in _URL_FORBIDDEN or c.isspace() for c in value):
        raise ArticleError(name, f"header url {value!r} contains characters a URL cannot hold")
    return value


def _header_date(value: object, name: str) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()[:10]
    parts = parse_date(text)
    if parts is None or not parts.full:
        raise ArticleError(name, f"header date {value!r} is not YYYY-MM-DD")
    return text


def content_id(text: str) -> str:
    """16-hex id from the normalised text (for files not named ``NNN_<id>.txt``).

    Spelling variants and white space do not change it: ``content_id("أعلن  وزير")`` ==
    ``content_id("اعلن وزير")``.
    """
    key = " ".join(normalize(text).split())
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _read_bytes(path: Path | str, name: str) -> bytes:
    """The bytes of file ``name``, refusing huge files unread (an :class:`ArticleError`)."""
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > MAX_BYTES:
            raise ArticleError(
                name, f"too large ({size:,} bytes; the limit is {MAX_BYTES:,}): "
                "an article file holds one article")
        return fh.read()


def _decoded(data: bytes, name: str) -> tuple[str, str]:
    """Decoded text with unified line ends, and its encoding."""
    text, encoding = decode(data, name)
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def parse_article(raw: RawFile) -> Source:
    """Decode and check one article file (without its translation): the :class:`Source`,
    or an :class:`ArticleError` naming the file."""
    name = raw.name
    text, encoding = _decoded(raw.data, name)
    _check_text(text, name)
    header, body = split_header(text, name)
    _check_text(body, name)
    m = CANONICAL_NAME.match(name)
    if m:
        order, article_id = int(m.group(1)), m.group(2)
    else:
        order, article_id = UNNUMBERED_ORDER, content_id(body)
    return Source(path=name, id=article_id, order=order, text=body, header=header,
                  encoding=encoding)


def _translation(data: bytes, name: str) -> str:
    """The body of an ``.en.txt`` translation (its header, if any, is validated and dropped)."""
    text, _ = _decoded(data, name)
    _, body = split_header(text, name)
    return body


def _translated(source: Source, raw: RawFile) -> tuple[Source, ArticleError | None]:
    """``source`` with the translation of ``raw`` (if it has one), and the problem of that
    translation (the article is then kept without it)."""
    if raw.translation_error is not None:
        return source, raw.translation_error
    if raw.translation is None:
        return source, None
    try:
        return _with_translation(source, _translation(raw.translation, raw.translation_name)), None
    except ArticleError as exc:
        return source, exc


def read_source(path: Path) -> Source:
    """Read one article file (and its translation sidecar) into a :class:`Source`.

    Raises :class:`ArticleError` naming the file for any problem, e.g. an empty file:
    ``ArticleError("001_….txt", "empty article (no words, only white space or symbols)")``.
    """
    source = parse_article(RawFile(path.name, _read_bytes(path, path.name)))
    sidecar = path.with_name(path.name[: -len(".txt")] + TRANSLATION_SUFFIX)
    if sidecar.is_file():
        return _with_translation(source, _translation(_read_bytes(sidecar, sidecar.name),
                                                      sidecar.name))
    return source


def _with_translation(source: Source, translation: str) -> Source:
    return Source(path=source.path, id=source.id, order=source.order, text=source.text,
                  header=source.header, translation=translation, encoding=source.encoding)


def _stray_files(listing: dict[str, os.DirEntry], articles: set[str]) -> list[ArticleError]:
    """Files in the corpus folder that would silently be ignored: say so instead."""
    errors = []
    for name in sorted(listing):
        if name.startswith(".") or name in articles or name.endswith(CORPUS_DATA_SUFFIXES):
            continue
        if listing[name].is_dir():
            errors.append(ArticleError(name, "folder ignored: article files belong directly "
                                       "in the corpus folder"))
        elif name.endswith(TRANSLATION_SUFFIX):
            article = name[: -len(TRANSLATION_SUFFIX)] + ".txt"
            if article not in articles:
                errors.append(ArticleError(name, f"translation without an article ({article} "
                                           "is missing)"))
        elif not _txt(name):
            errors.append(ArticleError(name, "ignored: not a .txt file (articles are text "
                                       "files named *.txt)"))
        else:
            errors.append(ArticleError(name, "ignored: not a regular file (a broken link, a "
                                       "pipe or a device)"))
    return errors


def _link_problem(entry: os.DirEntry, corpus: Path) -> str | None:
    """A symbolic link may only point to a file inside the corpus."""
    if not entry.is_symlink():
        return None
    target = Path(entry.path).resolve()
    if not target.is_relative_to(corpus.resolve()):
        return "symbolic link to a file outside the corpus; copy the article in instead"
    return None


def _read_entry(entry: os.DirEntry, corpus: Path) -> bytes:
    """The bytes of an article file or sidecar of the listing (ArticleError, OSError)."""
    problem = _name_problem(entry.name) or _link_problem(entry, corpus)
    if problem:
        raise ArticleError(entry.name, problem)
    return _read_bytes(entry.path, entry.name)


def scan_corpus(corpus: Path) -> tuple[list[RawFile], list[ArticleError]]:
    """The bytes of every article file of ``corpus`` with its translation's, in corpus
    order (:func:`list_article_files`), and one error per file that cannot be read or is
    no article (a folder, a stray translation, another kind of file). A translation that
    cannot be read is kept with its article (``RawFile.translation_error``)."""
    listing = _listing(corpus)
    names = sorted((n for n, e in listing.items() if _is_article(e)), key=file_order)
    raws: list[RawFile] = []
    errors: list[ArticleError] = []
    for name in names:
        try:
            data = _read_entry(listing[name], corpus)
        except ArticleError as exc:
            errors.append(exc)
            continue
        except OSError as exc:
            errors.append(ArticleError(name, f"cannot read file: {exc.strerror or exc}"))
            continue
        raw = RawFile(name, data)
        sidecar = listing.get(raw.translation_name)
        if sidecar is not None and sidecar.is_file():
            try:
                raw = RawFile(name, data, translation=_read_entry(sidecar, corpus))
            except ArticleError as exc:
                raw = RawFile(name, data, translation_error=exc)
            except OSError as exc:
                raw = RawFile(name, data, translation_error=ArticleError(
                    sidecar.name, f"cannot read file: {exc.strerror or exc}"))
        raws.append(raw)
    errors.extend(_stray_files(listing, set(names)))
    return raws, errors


def read_corpus(corpus: Path, memory: Memory | None = None,
                features: FeatureSource | None = None) -> ReadResult:
    """Read every article of ``corpus``; bad files become errors, never exceptions.

    Each bad file gets one error naming it: unreadable, not text, empty, too large, a bad
    header, an id used by an earlier file, or an exact or near duplicate of an earlier
    article (see :mod:`builder.duplicates`). A bad translation is reported and the article
    is kept without it. Files are taken in :func:`list_article_files` order, so of two
    clashing files the earlier one always stays. With a ``memory``, files whose bytes it
    recalls are :class:`Known` (not decoded again), the others are remembered once read.
    ``features``: the build's similarity features (see :func:`~builder.duplicates.text_fingerprints`).
    """
    raws, errors = scan_corpus(corpus)
    items: list[Source | Known] = []
    fingerprints: list[TextFingerprint | None] = []
    new: list[tuple[int, RawFile, Source, ArticleError | None]] = []  # printed below
    by_id: dict[str, str] = {}
    for raw in raws:
        known = None
        if memory is not None and raw.translation_error is None:
            known = memory.recall(raw)
        item: Source | Known
        if known is not None:
            item = known
        else:
            try:
                item = parse_article(raw)
            except ArticleError as exc:
                errors.append(exc)
                continue
        if item.id in by_id:
            errors.append(ArticleError(raw.name, f"id {item.id} is already used by "
                                       f"{by_id[item.id]}"))
            continue
        by_id[item.id] = raw.name
        if isinstance(item, Known):
            fingerprints.append(item.fingerprint)
        else:
            item, problem = _translated(item, raw)
            new.append((len(fingerprints), raw, item, problem))
            fingerprints.append(None)
        items.append(item)
    for (index, raw, source, problem), fingerprint in zip(
            new, text_fingerprints([source.text for _, _, source, _ in new], features),
            strict=True):
        fingerprints[index] = fingerprint
        if problem is not None:
            errors.append(problem)
        elif memory is not None:
            memory.remember(raw, source, fingerprint)
    duplicates = find_duplicates(items, fingerprints)  # type: ignore[arg-type]
    errors.extend(ArticleError(s.path, duplicates[s.path]) for s in items
                  if s.path in duplicates)
    kept = tuple(s for s in items if s.path not in duplicates)
    return ReadResult(kept, tuple(sorted(errors, key=lambda e: file_order(e.path))))
