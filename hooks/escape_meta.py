"""MkDocs hook: page titles and descriptions are text, never markup.

MkDocs renders theme templates without autoescaping, and Material prints
``page.meta.title`` and ``page.meta.description`` as they are: in ``<title>``, in the
header bar and in ``<meta name="description" content="…">``. Article titles and summaries
come from article files, so a title such as ``</title><script>…</script>`` or a lead sentence
with ``"><script>`` would become live markup. This hook HTML-escapes them once, before any
template sees them, as :class:`markupsafe.Markup`: templates that escape again (``| e``) leave
them as they are, so nothing is escaped twice. (``| tojson`` of such a value gives the
escaped text, e.g. ``&amp;`` for ``&``; a template that wants the raw text for JSON can use
``value.unescape()``.)
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape
from mkdocs.plugins import event_priority

#: Front-matter keys that themes print raw.
TEXT_KEYS = ("title", "description")


@event_priority(100)  # first, so that every later hook and template sees the safe value
def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Escape the page's title and description: ``"<b>"`` -> ``Markup("&lt;b&gt;")``."""
    for key in TEXT_KEYS:
        value = page.meta.get(key)
        if isinstance(value, str) and not isinstance(value, Markup):
            page.meta[key] = escape(value)
    return markdown
