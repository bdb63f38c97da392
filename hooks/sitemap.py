"""MkDocs hook: a sitemap index once the sitemap outgrows the protocol's limits (issue 10).

``overrides/sitemap.xml`` lists every page of both languages in one ``<urlset>``. The
sitemap protocol (sitemaps.org) allows 50,000 URLs and 50 MB uncompressed per file; an
archive of about 16,000 articles (with their tag pages, in two languages) passes the first.
Beyond either limit the ``<url>`` entries are written, in their order, to
``sitemap-1.xml``, ``sitemap-2.xml``, ... at the site root (a sitemap may only list URLs
below its own folder) and ``sitemap.xml`` becomes the sitemap index that lists them, each
with the latest ``lastmod`` of its pages. ``robots.txt`` keeps pointing at ``sitemap.xml``.
Smaller archives keep the single file.

The ``<url>`` entries are sorted by ``loc`` (:func:`sort_entries`), so that the sitemap does
not depend on the order in which MkDocs lists files. An incremental render
(``hooks/shards.py``, ``builder/render.py``) renders the sitemap of the pages it kept only:
:func:`merge_entries` completes it with the previous site's entries (read from a copy of
its sitemap files that ``render.py`` takes before MkDocs starts, ``sitemap`` in the plan),
less those of every page this build saw (rendered again, or kept: listed anew or, retired,
left out) and of the pages deleted since (``removed`` in the plan). The result is the
sitemap a full render gives (``tests/test_incremental.py``). Files are replaced, never
written into: the site folder of an incremental render starts as hard links to the
previous site's files.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from markupsafe import escape
from mkdocs.plugins import event_priority

MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024
NAME = "sitemap-{}.xml"

_URL = re.compile(r"[ \t]*<url>.*?</url>\n?", re.S)
_LASTMOD = re.compile(r"<lastmod>([^<]+)</lastmod>")
_LOC = re.compile(r"<loc>([^<]*)</loc>")
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


def _entries(xml: str) -> tuple[str, list[str], str]:
    """``(head, entries, tail)`` of a ``<urlset>``; each entry ends with a newline."""
    found = list(_URL.finditer(xml))
    if not found:
        close = xml.rfind("</urlset>")
        return (xml, [], "") if close < 0 else (xml[:close], [], xml[close:])
    entries = [m.group().rstrip("\n") + "\n" for m in found]
    return xml[:found[0].start()], entries, xml[found[-1].end():]


def _loc(entry: str) -> str:
    m = _LOC.search(entry)
    return m.group(1) if m else ""


def sort_entries(xml: str) -> str:
    """The same ``<urlset>`` with its entries sorted by ``loc``."""
    head, entries, tail = _entries(xml)
    return head + "".join(sorted(entries, key=_loc)) + tail


def read_entries(folder: Path) -> list[str]:
    """The ``<url>`` entries of the sitemap in ``folder`` (one file, or an index and parts)."""
    path = folder / "sitemap.xml"
    xml = path.read_text(encoding="utf-8")
    if "<sitemapindex" not in xml:
        return _entries(xml)[1]
    entries = []
    for loc in _LOC.findall(xml):
        name = loc.rsplit("/", 1)[-1]
        if not _PART.fullmatch(name):
            raise ValueError(f"{path}: unexpected sitemap part {loc!r}")
        entries += _entries((folder / name).read_text(encoding="utf-8"))[1]
    return entries


def merge_entries(xml: str, previous: list[str], seen: set[str]) -> str:
    """``xml`` (the entries of this build's pages) completed with the ``previous`` entries
    whose ``loc`` is not in ``seen`` (escaped as in the template), sorted by ``loc``."""
    head, entries, tail = _entries(xml)
    kept = [e for e in previous if _loc(e) not in seen]
    return head + "".join(sorted(entries + kept, key=_loc)) + tail


_PAGES: dict[str, list[str]] = {}


@event_priority(-250)  # last: the files this language's build renders (hooks/shards.py)
def on_files(files: Any, config: Any) -> Any:
    """Remember this language's pages: their previous sitemap entries are replaced."""
    plugin = config.plugins.get("i18n")
    lang = str(getattr(plugin, "current_language", "") or "")
    _PAGES[lang] = [f.url for f in files.documentation_pages()]
    return files


def _render_plan() -> dict | None:
    path = os.environ.get("ARCHIVE_RENDER_PLAN")  # hooks/shards.py
    return json.loads(Path(path).read_text(encoding="utf-8")) if path else None


def complete(output: str, site_url: str) -> str:
    """The sitemap of this build, sorted and (incremental render) merged."""
    plan = _render_plan()
    if plan is None or plan.get("pages") is None:
        return sort_entries(output)
    if not plan.get("sitemap"):
        raise ValueError("incremental render without the previous sitemap")
    base = site_url if site_url.endswith("/") else site_url + "/"
    urls = [u for pages in _PAGES.values() for u in pages] + list(plan.get("removed") or [])
    seen = {str(escape(urljoin(base, u))) for u in urls}
    return merge_entries(output, read_entries(Path(plan["sitemap"])), seen)


@event_priority(-50)
def on_post_template(output: str, template_name: str, config: Any) -> str:
    """Sort (and merge) the sitemap, then turn one beyond the protocol's limits into an
    index of parts."""
    if template_name != "sitemap.xml" or not config.get("site_url") or not output.strip():
        return output
    output = complete(output, config["site_url"])
    index, parts = split_sitemap(output, config["site_url"], MAX_URLS, MAX_BYTES)
    site_dir = Path(config["site_dir"])
    site_dir.mkdir(parents=True, exist_ok=True)
    write_parts(site_dir, parts)
    for name in ("sitemap.xml", "sitemap.xml.gz"):  # MkDocs writes them next: new files
        (site_dir / name).unlink(missing_ok=True)
    return index
