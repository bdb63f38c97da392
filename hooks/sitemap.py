"""MkDocs hook: a sitemap index once the sitemap outgrows the protocol's limits (issue 10).

``overrides/sitemap.xml`` lists every page of both languages in one ``<urlset>``. The
sitemap protocol (sitemaps.org) allows 50,000 URLs and 50 MB uncompressed per file; an
archive of about 16,000 articles (with their tag pages, in two languages) passes the first.
Beyond either limit the ``<url>`` entries are written, in their order, to
``sitemap-1.xml``, ``sitemap-2.xml``, ... at the site root (a sitemap may only list URLs
below its own folder) and ``sitemap.xml`` becomes the sitemap index that lists them, each
with the latest ``lastmod`` of its pages. ``robots.txt`` keeps pointing at ``sitemap.xml``.
Smaller archives keep the single file.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024
NAME = "sitemap-{}.xml"

_URL = re.compile(r"[ \t]*<url>.*?</url>\n?", re.S)
_LASTMOD = re.compile(r"<lastmod>([^<]+)</lastmod>")
_PART = re.compile(r"sitemap-\d+\.xml")
_INDEX = """<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{}</sitemapindex>
"""


def split_sitemap(xml: str, site_url: str, max_urls: int = MAX_URLS,
                  max_bytes: int = MAX_BYTES) -> tuple[str, dict[str, str]]:
    """``(sitemap.xml, {file name: content})``: the index and its parts, or ``xml`` and no
    parts when it is within the limits. Each part keeps ``xml``'s header and namespaces."""
    if xml.count("<url>") <= max_urls and len(xml.encode()) <= max_bytes:
        return xml, {}  # the usual case, decided without parsing
    found = list(_URL.finditer(xml))
    if not found:
        raise ValueError("sitemap.xml: too large, and no <url> entries to divide")
    entries = [m.group() for m in found]
    head, tail = xml[:found[0].start()], xml[found[-1].end():]
    if not tail.strip():
        raise ValueError("sitemap.xml: no closing </urlset> after the last <url>")
    fixed = len(head.encode()) + len(tail.encode())
    chunks: list[list[str]] = [[]]
    size = fixed
    for entry in entries:
        n = len(entry.encode())
        if chunks[-1] and (len(chunks[-1]) >= max_urls or size + n > max_bytes):
            chunks.append([])
            size = fixed
        chunks[-1].append(entry)
        size += n
    base = site_url if site_url.endswith("/") else site_url + "/"
    parts, listed = {}, []
    for number, chunk in enumerate(chunks, 1):
        name = NAME.format(number)
        parts[name] = head + "".join(chunk) + tail
        dates = [m for entry in chunk for m in _LASTMOD.findall(entry)]
        lastmod = f"        <lastmod>{max(dates)}</lastmod>\n" if dates else ""
        listed.append(f"    <sitemap>\n        <loc>{base}{name}</loc>\n{lastmod}"
                      "    </sitemap>\n")
    return _INDEX.format("".join(listed)), parts


def write_parts(site_dir: Path, parts: dict[str, str]) -> None:
    """Write the parts (atomically: MkDocs processes render the sitemap side by side) and
    remove parts left by a larger earlier build."""
    for old in site_dir.glob("sitemap-*.xml"):
        if _PART.fullmatch(old.name) and old.name not in parts:
            old.unlink(missing_ok=True)
    for name, content in parts.items():
        tmp = site_dir / f".{name}.{os.getpid()}.tmp"
        tmp.write_text(content, encoding="utf-8")
        os.replace(tmp, site_dir / name)


@event_priority(-50)
def on_post_template(output: str, template_name: str, config: Any) -> str:
    """Turn a sitemap beyond the protocol's limits into an index of parts."""
    if template_name != "sitemap.xml" or not config.get("site_url"):
        return output
    index, parts = split_sitemap(output, config["site_url"], MAX_URLS, MAX_BYTES)
    site_dir = Path(config["site_dir"])
    site_dir.mkdir(parents=True, exist_ok=True)
    write_parts(site_dir, parts)
    return index
