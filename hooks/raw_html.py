"""MkDocs hook: pages the builder writes as HTML skip the Markdown conversion.

Every page ``python -m builder build`` writes is a ``.md`` file whose body is HTML rendered
by the builder's Jinja templates (text escaped there), marked ``markup: html`` in its front
matter; Python-Markdown would return such a body unchanged after parsing all of it. For
these pages the body becomes the page content as it is; every later step (hooks, theme,
i18n) is the same. ``tests/test_raw_html.py`` checks the output against the Markdown
conversion on every kind of generated page. Pages written by hand (``about.md``) are
Markdown as usual.

Why the page gets its own ``render``: MkDocs makes a Python-Markdown instance for every
page it renders, even for an empty source, and no event lets a page skip that. The hook
gives each marked page object a ``render`` of its own (nothing of MkDocs' modules or
classes is changed), which sets only what ``Page.render`` sets in MkDocs' public page
attributes: ``content``, ``toc``, ``present_anchor_ids`` and ``links_to_anchors`` (the
page's title comes from its front matter).
"""

from __future__ import annotations

import re
from typing import Any

from mkdocs.plugins import event_priority
from mkdocs.structure.toc import get_toc

#: The front-matter key and value the builder writes (``builder/writer.py``).
KEY, VALUE = "markup", "html"
_ID = re.compile(r"""\sid="([^"]+)\"""")


def _render_html(page: Any) -> None:
    """What ``Page.render`` leaves behind, for a body that is HTML already."""
    body = page.markdown.strip("\n")
    page.content = body
    page.toc = get_toc([])
    page.present_anchor_ids = set(_ID.findall(body))
    page.links_to_anchors = {}


@event_priority(-400)  # last: after every other hook has seen the Markdown
def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Replace the page's Markdown conversion when the builder marked it as HTML."""
    if (page.meta or {}).get(KEY) == VALUE:
        page.render = lambda config, files: _render_html(page)
    return markdown
