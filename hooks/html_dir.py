"""MkDocs hook: put the writing direction on ``<html>`` as well as on ``<body>``.

Material writes ``<html lang="ar">`` and ``<body dir="rtl">``; browsers, screen readers and
search engines read the direction of a document from its root element, so the ``dir`` of
``<body>`` is copied onto ``<html>`` (``<html lang="ar" dir="rtl">``).
"""

from __future__ import annotations

import re

_BODY_DIR = re.compile(r'<body dir="(rtl|ltr)"')
_HTML = re.compile(r"<html lang=\"([^\"]+)\"(?![^>]*\bdir=)")


def on_post_page(output: str, page: object, config: object) -> str:
    """Copy ``<body dir>`` onto ``<html>`` (only the first ``<html>`` tag is touched)."""
    body = _BODY_DIR.search(output)
    if body is None:
        return output
    return _HTML.sub(lambda m: f'{m.group(0)} dir="{body.group(1)}"', output, count=1)
