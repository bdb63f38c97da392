"""MkDocs hook: ``<link rel="alternate" hreflang>`` with absolute URLs.

mkdocs-static-i18n points each page's alternates at its twin in the other language, but
Material writes them as relative URLs; search engines (and Lighthouse's SEO audit) require
fully qualified hreflang URLs, so they are resolved against ``site_url`` here, and an
``x-default`` alternate (the Arabic page) is added.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

_ALTERNATE = re.compile(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]+)">')


def on_post_page(output: str, page: object, config: dict) -> str:
    """Rewrite the hreflang alternates of one page to absolute URLs."""
    site_url = config.get("site_url")
    if not site_url:
        return output
    base = urljoin(site_url if site_url.endswith("/") else site_url + "/", page.url)
    default: list[str] = []

    def absolute(m: re.Match[str]) -> str:
        href = urljoin(base, m.group(1))
        if m.group(2) == "ar":
            default.append(href)
        return f'<link rel="alternate" href="{href}" hreflang="{m.group(2)}">'

    output = _ALTERNATE.sub(absolute, output)
    if default and 'hreflang="x-default"' not in output:
        link = f'<link rel="alternate" href="{default[0]}" hreflang="x-default">'
        output = output.replace("</head>", f"{link}\n</head>", 1)
    return output
