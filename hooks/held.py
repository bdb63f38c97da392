"""MkDocs hook: a page's content waits for its turn compressed, and is let go once written.

MkDocs reads and converts every page of a build before it writes the first one, and keeps
each page's source (``page.markdown``) and content (``page.content``) to the end of the
build: a process's memory grows with the pages it renders, two copies of each as Python
text (two or four bytes a character for Arabic). Here, once every other hook has seen a
page's content (``on_page_content``), the source is let go (nothing reads it afterwards:
the content is made from it by then) and the content is kept as zlib-compressed UTF-8
until the page is rendered (``on_page_context``: before any other hook or the theme sees
the page again); once the page is written (``on_post_page``), its content is let go too.
What the theme and the hooks see of each page is unchanged, and so is every written byte
(``tests/test_held.py``).

Only the page objects MkDocs hands to the events are touched (their public ``markdown``
and ``content`` attributes), nothing of MkDocs' modules or classes.
"""

from __future__ import annotations

import zlib
from typing import Any

from mkdocs.plugins import event_priority

#: Fast compression: HTML with Arabic text comes to about a fifth of its UTF-8 bytes.
LEVEL = 1
#: id(page) -> its compressed content, from ``on_page_content`` to ``on_page_context``.
_HELD: dict[int, bytes] = {}


@event_priority(-500)  # last: after every hook that changes the content
def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """Keep the content compressed; the page holds nothing until its turn."""
    page.markdown = None
    if not html:
        return html
    _HELD[id(page)] = zlib.compress(html.encode("utf-8"), LEVEL)
    return ""


@event_priority(500)  # first: every other hook and the theme see the content
def on_page_context(context: dict, page: Any, config: Any, nav: Any) -> dict:
    """The page's content back, for its rendering."""
    held = _HELD.pop(id(page), None)
    if held is not None:
        page.content = zlib.decompress(held).decode("utf-8")
    return context


@event_priority(-500)  # after every hook that reads the page
def on_post_page(output: str, page: Any, config: Any) -> str:
    """The page is written: its content is let go."""
    page.content = None
    return output


def on_post_build(config: Any) -> None:
    """Nothing is held past a build (a page never rendered, a failed build)."""
    _HELD.clear()
