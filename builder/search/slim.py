"""Slim copies of article pages and the digests of what Pagefind indexes from them (pure).

Pagefind does not read the rendered pages themselves but slim copies (:func:`slim_page`: the
``<html>`` start tag, the title and the ``data-pagefind-body`` element without its ignored
sections; a fifth of the bytes); the bundle is the one the pages give
(``tests/test_search_slim.py``). :func:`page_digest` covers what Pagefind indexes from a
page, so that the incremental plan (:mod:`builder.search.plan`) sees when it changed.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Sequence
from functools import lru_cache

from .decorate import with_search_block
from .markup import TAG, body_element, element_end
from .plan import STATE_FORMAT

_ATTR = re.compile(r'\b(id|src|alt|title|lang|data-pagefind-[\w-]+)(?:="([^"]*)")?')

_HTML_LANG = re.compile(r"<html\b[^>]*?\blang=\"([^\"]*)\"")

_HTML_START = re.compile(r"<html\b[^>]*>")

_TITLE = re.compile(r"<title\b[^>]*>.*?</title>", re.S)

_IGNORED_START = re.compile(r"<section\b[^>]*\bdata-pagefind-ignore\b[^>]*>")


def page_digest(page_html: str) -> str:
    """A digest of what Pagefind indexes from an article page.

    It covers the page's language, the text of its ``data-pagefind-body`` element without
    the ignored sections (:data:`.decorate.NOT_INDEXED`: related articles and the like, which
    change when other articles are added) and, in the same element, the attributes Pagefind reads
    (``data-pagefind-*`` meta, filters and sort, ``id`` anchors, image ``src``/``alt``).
    Links (``href``) and runs of white space are not indexed and not covered.
    """
    lang = _HTML_LANG.search(page_html)
    return _digest(lang.group(1) if lang else "", without_ignored(_body(page_html), " "))


def slim_and_digest(page_html: str) -> tuple[str, str]:
    """:func:`slim_page` and :func:`page_digest` of a page, from one pass over it."""
    body = _body(page_html)
    spans = _ignored_spans(body)
    lang = _HTML_LANG.search(page_html)
    return (_slim(page_html, _cut(body, spans, "")),
            _digest(lang.group(1) if lang else "", _cut(body, spans, " ")))


def slim_page(page_html: str) -> str:
    """The page Pagefind indexes in place of an article page: what it reads of the page
    and nothing else (a rendered page is mostly navigation, which Pagefind parses too).

    That is the ``<html>`` start tag (the page's language), the ``<title>`` (the title of
    a page without a heading) and the ``data-pagefind-body`` element, which holds the
    page's meta and sort (:func:`.decorate.decorate_article`), with its filters and the
    names it does not write (made from the page's JSON-LD:
    :func:`.decorate.with_search_block`) and without the ignored sections Pagefind would
    parse for nothing. The index made from slim pages is the one made from
    the pages (``tests/test_search_slim.py``).
    """
    return _slim(page_html, without_ignored(_body(page_html)))


def _body(page_html: str) -> str:
    """The ``data-pagefind-body`` element of a page with its index-only part (filters and
    names, :func:`.decorate.with_search_block`), which the served page does not carry."""
    return with_search_block(body_element(page_html), page_html)


def _slim(page_html: str, body: str) -> str:
    """The slim page of ``page_html`` around ``body`` (without its ignored sections)."""
    start = _HTML_START.search(page_html)
    title = _TITLE.search(page_html)
    return (f'<!DOCTYPE html>{start.group(0) if start else "<html>"}<head>'
            f'<meta charset="utf-8">{title.group(0) if title else ""}</head><body>'
            f"{body}</body></html>")


def without_ignored(body: str, sep: str = "") -> str:
    """``body`` without its ``<section data-pagefind-ignore>`` elements (related articles
    and the like, :data:`.decorate.NOT_INDEXED`: half the bytes of an article) that carry no
    Pagefind attribute of their own: Pagefind takes nothing from them, not even their anchors.
    Each is replaced by ``sep``."""
    return _cut(body, _ignored_spans(body), sep)


def _ignored_spans(body: str) -> list[tuple[int, int]]:
    """Where the sections :func:`without_ignored` removes are in ``body``."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in _IGNORED_START.finditer(body):
        if match.start() < pos:
            continue  # inside a section removed already
        end = element_end(body, "section", match.end())
        if _has_pagefind_attr(body, match.end(), end):
            continue
        spans.append((match.start(), end))
        pos = end
    return spans


def _has_pagefind_attr(text: str, start: int, end: int) -> bool:
    """Whether a ``data-pagefind-…`` attribute other than ``data-pagefind-ignore`` starts
    as a whole word in ``text[start:end]`` (found by string search: a regular expression
    starting with ``\\b`` would be tried at every position)."""
    at = text.find("data-pagefind-", start, end)
    while at >= 0:
        before = text[at - 1] if at else " "
        if not (before.isalnum() or before == "_") and _NOT_IGNORE.match(text, at, end):
            return True
        at = text.find("data-pagefind-", at + 1, end)
    return False


_NOT_IGNORE = re.compile(r"data-pagefind-(?!ignore\b)")


def _cut(body: str, spans: Sequence[tuple[int, int]], sep: str) -> str:
    """``body`` with each of ``spans`` replaced by ``sep``."""
    out, pos = [], 0
    for start, end in spans:
        out += [body[pos: start], sep]
        pos = end
    out.append(body[pos:])
    return "".join(out)


@lru_cache(maxsize=1 << 14)
def _tag_attrs(tag: str) -> str:
    """What :func:`_digest` takes from one tag (tags repeat: ``<p id="p1">``, ``</a>``)."""
    return "".join(f"{name}={value}\0" for name, value in _ATTR.findall(tag))


def _digest(lang: str, body: str) -> str:
    """Digest of a ``data-pagefind-body`` element without its ignored sections."""
    digest = hashlib.sha256(f"{STATE_FORMAT}\0{lang}\0".encode())
    digest.update("".join(map(_tag_attrs, TAG.findall(body))).encode())
    digest.update(" ".join(html.unescape(TAG.sub(" ", body)).split()).encode())
    return digest.hexdigest()[:20]
