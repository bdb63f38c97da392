"""Reading the ``data-pagefind-body`` element of a rendered page with string searches (a
rendered page is some 30 KB of mostly navigation; a regular expression trying every tag
takes ten times longer).

``indexed_text('<article data-pagefind-body><p>أ&amp;ب</p></article>')`` -> ``" أ&ب "``.
"""

from __future__ import annotations

import html
import re

TAG = re.compile(r"<[^>]*>")

BODY_OPEN = re.compile(r"<(\w+)\b[^>]*\bdata-pagefind-body\b[^>]*>")

_IGNORED = re.compile(r"<section\b[^>]*\bdata-pagefind-ignore\b[^>]*>.*?</section>", re.S)


def indexed_text(page_html: str) -> str:
    """Plain text of the ``data-pagefind-body`` element of rendered HTML (or ``""``).

    ``indexed_text('<article data-pagefind-body><p>أ&amp;ب</p></article>')`` -> ``" أ&ب "``.
    """
    match = body_open(page_html)
    if not match:
        return ""
    end = page_html.rfind(f"</{match.group(1)}>")
    inner = page_html[match.end(): end if end > match.end() else len(page_html)]
    return html.unescape(TAG.sub(" ", _IGNORED.sub(" ", inner)))


def body_open(page_html: str) -> re.Match | None:
    """The start tag of the ``data-pagefind-body`` element (``BODY_OPEN.search``, faster)."""
    at = page_html.find("data-pagefind-body")
    while at >= 0:
        start = page_html.rfind("<", 0, at)
        match = BODY_OPEN.match(page_html, start) if start >= 0 else None
        if match and match.end() > at:
            return match
        at = page_html.find("data-pagefind-body", at + 1)
    return None


def body_element(page_html: str) -> str:
    """The ``data-pagefind-body`` element of rendered HTML, start tag to end tag (or "").

    Found with string searches: a rendered page is mostly navigation, which they skip
    where a regular expression would try every tag.
    """
    match = body_open(page_html)
    if not match:
        return ""
    return page_html[match.start(): element_end(page_html, match.group(1), match.end())]


def element_end(text: str, name: str, pos: int) -> int:
    """Where the element ``name`` whose start tag ends at ``pos`` ends (after its end tag;
    elements of the same name inside it counted), or the end of ``text``."""
    opening, closing, depth = f"<{name}", f"</{name}", 1
    while True:
        end = text.find(closing, pos)
        if end < 0:
            return len(text)
        nested = text.find(opening, pos, end)
        if nested >= 0:  # a start tag before the next end tag
            pos = nested + len(opening)
            depth += _ends_name(text, pos)
            continue
        pos = end + len(closing)
        if _ends_name(text, pos):
            depth -= 1
            if depth == 0:
                close = text.find(">", pos)
                return len(text) if close < 0 else close + 1


def _ends_name(text: str, pos: int) -> bool:
    """Does a tag name end at ``pos`` (``<article`` in ``<article>``, not ``<articles>``)?"""
    return pos < len(text) and not (text[pos].isalnum() or text[pos] == "_")
