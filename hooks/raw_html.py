"""MkDocs hook: pages the builder writes as HTML skip the Markdown conversion.

Every page ``python -m builder build`` writes is a ``.md`` file whose body is HTML rendered
by the builder's Jinja templates (text escaped there), marked ``markup: html`` in its front
matter; Python-Markdown would return such a body unchanged after parsing all of it. For
these pages ``on_page_markdown`` hands MkDocs an empty Markdown source and keeps the body
in the page's own front matter dict; ``on_page_content`` (before every other hook) gives the
body back as the page's HTML, with its ``id`` attributes as the page's anchors. Pages
written by hand (``about.md``) are Markdown as usual. ``tests/test_raw_html.py`` checks
the output against the Markdown conversion on every kind of generated page.
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.plugins import event_priority

#: The front-matter key and value the builder writes (``builder/writer.py``).
KEY, VALUE = "markup", "html"
#: Where the body waits, in ``page.meta``, between the two events.
BODY = "markup_html_body"
_ID = re.compile(r"""\sid="([^"]+)\"""")


@event_priority(-400)  # last: after every other hook has seen the Markdown
def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Nothing to convert for a page the builder marked as HTML (its body is kept)."""
    meta = page.meta
    if meta and meta.get(KEY) == VALUE:
        meta[BODY] = markdown
        return ""
    return markdown


@event_priority(200)  # first: every other hook sees the page's HTML
def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """The kept body of a page marked as HTML, as its content."""
    body = (page.meta or {}).pop(BODY, None)
    if body is None:
        return html
    body = body.strip("\n")
    page.present_anchor_ids = set(_ID.findall(body))
    return body
