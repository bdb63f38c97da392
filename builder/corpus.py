"""Read article files from ``corpus/`` (the only module that reads the corpus).

File format (see README): one text file per article, named ``NNN_<16 hex>.txt``; the hex
part is the permanent article id and ``NNN`` gives the order. An optional YAML header
between ``---`` lines sets ``date``, ``source``, ``url``, ``title``, ``title_en``, ``lang``.
``<same name>.en.txt`` beside an article holds its English translation. Any other
``*.txt`` gets an id from a hash of its normalised text.

Nothing here ever writes to the corpus.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .model import HEADER_KEYS, Header, Source
from .normalize import normalize

CANONICAL_NAME = re.compile(r"^(\d+)_([0-9a-f]{16})\.txt$")
TRANSLATION_SUFFIX = ".en.txt"
#: Files larger than this are refused (bytes).
MAX_BYTES = 10 * 1024 * 1024
#: Order given to files that are not canonically named (after all numbered ones).
UNNUMBERED_ORDER = 10**9


class ArticleError(Exception):
    """A problem with one article file; the build skips it and goes on."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@dataclass(frozen=True)
class ReadResult:
    """All sources that could be read, and one error per file that could not."""

    sources: tuple[Source, ...]
    errors: tuple[ArticleError, ...]


def list_article_files(corpus: Path) -> list[Path]:
    """Article files (not translations) in a stable order: ``000_…``, ``001_…``, others."""
    files = [
        p
        for p in corpus.iterdir()
        if p.is_file() and p.suffix == ".txt" and not p.name.endswith(TRANSLATION_SUFFIX)
    ]
    return sorted(files, key=_sort_key)


def _sort_key(path: Path) -> tuple[int, str]:
    m = CANONICAL_NAME.match(path.name)
    return (int(m.group(1)) if m else UNNUMBERED_ORDER, path.name)


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
    if not text.strip():
        raise ArticleError(name, "empty article (no text)")
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\n\r\t\f\v")
    if controls > max(3, len(text) // 100):
        raise ArticleError(name, "binary data, not text (control characters)")


def split_header(text: str, name: str) -> tuple[Header, str]:
    """Split an optional ``---`` YAML header from the body and validate it."""
    if not text.startswith("---"):
        return Header(), text
    m = re.match(r"---[ \t]*\n(.*?)\n---[ \t]*(?:\n|$)", text, re.S)
    if not m:
        raise ArticleError(name, "header starts with '---' but has no closing '---' line")
    try:
        data = yaml.safe_load(m.group(1))
    except yaml.YAMLError as exc:
        raise ArticleError(name, f"header is not valid YAML: {exc}") from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ArticleError(name, "header must be a mapping of key: value lines")
    unknown = sorted(str(k) for k in data if k not in HEADER_KEYS)
    if unknown:
        raise ArticleError(
            name,
            f"unknown header key(s) {', '.join(unknown)}; expected one of: "
            + ", ".join(HEADER_KEYS),
        )
    values: dict[str, str | None] = {}
    for key, value in data.items():
        if value is None:
            values[key] = None
        elif key == "date":
            values[key] = _header_date(value, name)
        elif isinstance(value, (str, int, float)) and not isinstance(value, bool):
            values[key] = str(value).strip()
        else:
            raise ArticleError(name, f"header value of '{key}' must be text")
    if values.get("lang") not in (None, "ar", "en"):
        raise ArticleError(name, f"header lang must be 'ar' or 'en', not {values['lang']!r}")
    return Header(**values), text[m.end() :]


def _header_date(value: object, name: str) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value).strip()[:10]).isoformat()
    except ValueError as exc:
        raise ArticleError(name, f"header date {value!r} is not YYYY-MM-DD") from exc


def content_id(text: str) -> str:
    """16-hex id from the normalised text (for files not named ``NNN_<id>.txt``)."""
    key = " ".join(normalize(text).split())
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def read_source(path: Path) -> Source:
    """Read one article file (and its translation sidecar) into a :class:`Source`."""
    name = path.name
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ArticleError(name, f"too large ({size:,} bytes; the limit is {MAX_BYTES:,})")
    text, encoding = decode(path.read_bytes(), name)
    _check_text(text, name)
    header, body = split_header(text, name)
    _check_text(body, name)
    m = CANONICAL_NAME.match(name)
    if m:
        order, article_id = int(m.group(1)), m.group(2)
    else:
        order, article_id = UNNUMBERED_ORDER, content_id(body)
    translation = None
    sidecar = path.with_name(path.name[: -len(".txt")] + TRANSLATION_SUFFIX)
    if sidecar.is_file():
        translation, _ = decode(sidecar.read_bytes(), sidecar.name)
        _, translation = split_header(translation, sidecar.name)
    return Source(
        path=name,
        id=article_id,
        order=order,
        text=body,
        header=header,
        translation=translation,
        encoding=encoding,
    )


def read_corpus(corpus: Path) -> ReadResult:
    """Read every article of ``corpus``; bad files become errors, never exceptions."""
    sources: list[Source] = []
    errors: list[ArticleError] = []
    by_id: dict[str, str] = {}
    for path in list_article_files(corpus):
        try:
            source = read_source(path)
        except ArticleError as exc:
            errors.append(exc)
            continue
        except OSError as exc:
            errors.append(ArticleError(path.name, f"cannot read file: {exc}"))
            continue
        if source.id in by_id:
            errors.append(
                ArticleError(path.name, f"id {source.id} is already used by {by_id[source.id]}")
            )
            continue
        by_id[source.id] = path.name
        sources.append(source)
    return ReadResult(tuple(sources), tuple(errors))
