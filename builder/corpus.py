"""Read article files from ``corpus/`` (the only module that reads the corpus).

File format (see README): one text file per article, named ``NNN_<16 hex>.txt``; the hex
part is the permanent article id and ``NNN`` gives the order. An optional YAML header
between ``---`` lines sets ``date``, ``source``, ``url``, ``title``, ``title_en``, ``lang``.
``<same name>.en.txt`` beside an article holds its English translation. Any other
``*.txt`` gets an id from a hash of its normalised text.

Every problem is an :class:`ArticleError` naming the file and the reason, one per file;
:func:`read_corpus` never raises for a bad file, it reports it and reads the others. Header
values are data: they are validated (``url`` must be an http(s) URL) and cleaned of
characters that could spoof the display, and YAML tags such as ``!!python/object`` are
refused by the safe loader.

Nothing here ever writes to the corpus.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .duplicates import find_duplicates
from .model import HEADER_KEYS, Header, Source
from .normalize import display_safe, normalize

CANONICAL_NAME = re.compile(r"^(\d+)_([0-9a-f]{16})\.txt$")
TRANSLATION_SUFFIX = ".en.txt"
#: Files of the corpus folder that are not articles (e.g. ``retired.yml``, a README).
CORPUS_DATA_SUFFIXES = (".yml", ".yaml", ".md")
#: Files larger than this are refused (bytes). The longest of 1,986 real articles is 57 KB;
#: a file of megabytes is a dump or a concatenation, not an article, and would make a page
#: no reader can use. Cleaning and extraction are linear, so the limit is about pages, not
#: about build time (a 10 MB article builds in about 20 s; see tests/test_hostile.py).
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
    if any(0xDC80 <= ord(c) <= 0xDCFF for c in name):
        return "file name is not valid UTF-8; rename the file"
    if not all(_name_char_ok(c) for c in name):
        return "file name contains control or bidi characters; rename the file"
    return None


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


def file_order(name: str) -> tuple[int, str]:
    """Sort key of a corpus file name: ``NNN_…`` by number, a translation after its article.

    ``file_order("002_0123456789abcdef.en.txt")`` -> ``(2, "002_0123456789abcdef.en.txt")``.
    """
    m = CANONICAL_NAME.match(name.replace(TRANSLATION_SUFFIX, ".txt"))
    return (int(m.group(1)) if m else UNNUMBERED_ORDER, name)


def _sort_key(path: Path) -> tuple[int, str]:
    return file_order(path.name)


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
    try:
        return dt.date.fromisoformat(str(value).strip()[:10]).isoformat()
    except ValueError as exc:
        raise ArticleError(name, f"header date {value!r} is not YYYY-MM-DD") from exc


def content_id(text: str) -> str:
    """16-hex id from the normalised text (for files not named ``NNN_<id>.txt``).

    Spelling variants and white space do not change it: ``content_id("أعلن  وزير")`` ==
    ``content_id("اعلن وزير")``.
    """
    key = " ".join(normalize(text).split())
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _read_text(path: Path) -> tuple[str, str]:
    """Decoded text of one file with unified line ends, refusing huge files unread."""
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ArticleError(
            path.name, f"too large ({size:,} bytes; the limit is {MAX_BYTES:,}): "
            "an article file holds one article")
    text, encoding = decode(path.read_bytes(), path.name)
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding


def _read_article(path: Path) -> Source:
    """Read one article file (without its translation)."""
    name = path.name
    text, encoding = _read_text(path)
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


def _sidecar(path: Path) -> Path:
    return path.with_name(path.name[: -len(".txt")] + TRANSLATION_SUFFIX)


def _read_translation(sidecar: Path) -> str:
    """The body of an ``.en.txt`` translation (its header, if any, is validated and dropped)."""
    text, _ = _read_text(sidecar)
    _, body = split_header(text, sidecar.name)
    return body


def read_source(path: Path) -> Source:
    """Read one article file (and its translation sidecar) into a :class:`Source`.

    Raises :class:`ArticleError` naming the file for any problem, e.g. an empty file:
    ``ArticleError("001_….txt", "empty article (no words, only white space or symbols)")``.
    """
    source = _read_article(path)
    sidecar = _sidecar(path)
    if sidecar.is_file():
        return _with_translation(source, _read_translation(sidecar))
    return source


def _with_translation(source: Source, translation: str) -> Source:
    return Source(path=source.path, id=source.id, order=source.order, text=source.text,
                  header=source.header, translation=translation, encoding=source.encoding)


def _stray_files(corpus: Path, articles: list[Path]) -> list[ArticleError]:
    """Files in ``corpus`` that would silently be ignored: say so instead."""
    names = {p.name for p in articles}
    errors = []
    for path in sorted(corpus.iterdir(), key=lambda p: p.name):
        name = path.name
        if name.startswith(".") or name in names or name.endswith(CORPUS_DATA_SUFFIXES):
            continue
        if path.is_dir():
            errors.append(ArticleError(name, "folder ignored: article files belong directly "
                                       "in the corpus folder"))
        elif name.endswith(TRANSLATION_SUFFIX):
            article = name[: -len(TRANSLATION_SUFFIX)] + ".txt"
            if article not in names:
                errors.append(ArticleError(name, f"translation without an article ({article} "
                                           "is missing)"))
        elif not name.endswith(".txt"):
            errors.append(ArticleError(name, "ignored: not a .txt file (articles are text "
                                       "files named *.txt)"))
        else:
            errors.append(ArticleError(name, "ignored: not a regular file (a broken link, a "
                                       "pipe or a device)"))
    return errors


def _link_problem(path: Path, corpus: Path) -> str | None:
    """A symbolic link may only point to a file inside the corpus."""
    if not path.is_symlink():
        return None
    target = path.resolve()
    if not target.is_relative_to(corpus.resolve()):
        return "symbolic link to a file outside the corpus; copy the article in instead"
    return None


def read_corpus(corpus: Path) -> ReadResult:
    """Read every article of ``corpus``; bad files become errors, never exceptions.

    Each bad file gets one error naming it: unreadable, not text, empty, too large, a bad
    header, an id used by an earlier file, or an exact or near duplicate of an earlier
    article (see :mod:`builder.duplicates`). A bad translation is reported and the article
    is kept without it. Files are taken in :func:`list_article_files` order, so of two
    clashing files the earlier one always stays.
    """
    sources: list[Source] = []
    errors: list[ArticleError] = []
    by_id: dict[str, str] = {}
    articles = list_article_files(corpus)
    for path in articles:
        try:
            problem = _name_problem(path.name) or _link_problem(path, corpus)
            if problem:
                raise ArticleError(path.name, problem)
            source = _read_article(path)
        except ArticleError as exc:
            errors.append(exc)
            continue
        except OSError as exc:
            errors.append(ArticleError(path.name, f"cannot read file: {exc.strerror or exc}"))
            continue
        if source.id in by_id:
            errors.append(
                ArticleError(path.name, f"id {source.id} is already used by {by_id[source.id]}")
            )
            continue
        sidecar = _sidecar(path)
        if sidecar.is_file():
            try:
                problem = _link_problem(sidecar, corpus)
                if problem:
                    raise ArticleError(sidecar.name, problem)
                source = _with_translation(source, _read_translation(sidecar))
            except ArticleError as exc:
                errors.append(exc)
            except OSError as exc:
                errors.append(ArticleError(sidecar.name, f"cannot read file: {exc.strerror or exc}"))
        by_id[source.id] = path.name
        sources.append(source)
    errors.extend(_stray_files(corpus, articles))
    duplicates = find_duplicates(sources)
    errors.extend(ArticleError(s.path, duplicates[s.path]) for s in sources
                  if s.path in duplicates)
    kept = tuple(s for s in sources if s.path not in duplicates)
    return ReadResult(kept, tuple(sorted(errors, key=lambda e: file_order(e.path))))
