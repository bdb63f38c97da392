"""The site's ``sitemap.xml``: sorted, merged from the MkDocs processes, split beyond the limits.

``overrides/sitemap.xml`` lists every page MkDocs built, in both languages, in one
``<urlset>``. Each MkDocs process of a render lists its own pages; :func:`merge` makes one
sitemap of them (and, in an incremental render, of the previous site's entries for the
pages not rendered again), sorted by ``loc`` so that it does not depend on the order in
which MkDocs lists files.

The sitemap protocol (sitemaps.org) allows 50,000 URLs and 50 MB uncompressed per file; an
archive of about 16,000 articles passes the first. Beyond either limit the ``<url>``
entries are written, in their order, to ``sitemap-1.xml``, ``sitemap-2.xml``, ... at the
site root (a sitemap may only list URLs below its own folder) and ``sitemap.xml`` becomes
the sitemap index that lists them, each with the latest ``lastmod`` of its pages
(:func:`split_sitemap`). There is no ``sitemap.xml.gz`` (MkDocs writes one: it is
removed, :data:`RETIRED`): ``robots.txt`` names ``sitemap.xml``, and hosts compress what
they send.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

MAX_URLS = 50_000
MAX_BYTES = 50 * 1024 * 1024
NAME = "sitemap-{}.xml"
#: Files beside the sitemap that the site no longer has (MkDocs writes ``sitemap.xml.gz``,
#: a compressed copy that nothing names), removed by :func:`remove_retired`.
RETIRED = ("sitemap.xml.gz",)

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
    """Write the parts (each atomically) and remove parts left by a larger earlier build."""
    for old in site_dir.glob("sitemap-*.xml"):
        if _PART.fullmatch(old.name) and old.name not in parts:
            old.unlink(missing_ok=True)
    for name, content in parts.items():
        tmp = site_dir / f".{name}.{os.getpid()}.tmp"
        tmp.write_text(content, encoding="utf-8")
        os.replace(tmp, site_dir / name)


def remove_retired(site_dir: Path) -> None:
    """Remove the :data:`RETIRED` files of ``site_dir`` (if there)."""
    for name in RETIRED:
        (site_dir / name).unlink(missing_ok=True)


def publish(site_dir: Path, xml: str, site_url: str) -> None:
    """Write ``xml`` as the sitemap of ``site_dir``: ``sitemap.xml`` (an index and parts
    beyond the limits)."""
    index, parts = split_sitemap(xml, site_url, MAX_URLS, MAX_BYTES)
    write_parts(site_dir, parts)
    (site_dir / "sitemap.xml").write_text(index, encoding="utf-8")
    remove_retired(site_dir)


def entries(xml: str) -> tuple[str, list[str], str]:
    """``(head, entries, tail)`` of a ``<urlset>``; each entry ends with a newline."""
    found = list(_URL.finditer(xml))
    if not found:
        close = xml.rfind("</urlset>")
        return (xml, [], "") if close < 0 else (xml[:close], [], xml[close:])
    listed = [m.group().rstrip("\n") + "\n" for m in found]
    return xml[:found[0].start()], listed, xml[found[-1].end():]


def loc(entry: str) -> str:
    """The ``<loc>`` of an entry (as escaped in the XML)."""
    m = _LOC.search(entry)
    return m.group(1) if m else ""


def sort_entries(xml: str) -> str:
    """The same ``<urlset>`` with its entries sorted by ``loc``."""
    head, listed, tail = entries(xml)
    return head + "".join(sorted(listed, key=loc)) + tail


def read_entries(folder: Path) -> list[str]:
    """The ``<url>`` entries of the sitemap in ``folder`` (one file, or an index and parts)."""
    path = folder / "sitemap.xml"
    xml = path.read_text(encoding="utf-8")
    if "<sitemapindex" not in xml:
        return entries(xml)[1]
    found = []
    for part in _LOC.findall(xml):
        name = part.rsplit("/", 1)[-1]
        if not _PART.fullmatch(name):
            raise ValueError(f"{path}: unexpected sitemap part {part!r}")
        found += entries((folder / name).read_text(encoding="utf-8"))[1]
    return found


def parts_of(folder: Path) -> set[str]:
    """The names of the parts that ``folder``'s ``sitemap.xml`` lists (none for a urlset)."""
    path = folder / "sitemap.xml"
    xml = path.read_text(encoding="utf-8") if path.is_file() else ""
    if "<sitemapindex" not in xml[:1000]:
        return set()
    return {part.rsplit("/", 1)[-1] for part in _LOC.findall(xml)}


def stale_parts(folder: Path) -> list[Path]:
    """Part files in ``folder`` that its ``sitemap.xml`` does not list."""
    listed = parts_of(folder)
    return sorted(p for p in folder.glob("sitemap-*.xml")
                  if _PART.fullmatch(p.name) and p.name not in listed)


def merge_entries(xml: str, previous: list[str], seen: set[str]) -> str:
    """``xml`` (the entries of this build's pages) completed with the ``previous`` entries
    whose ``loc`` is not in ``seen`` (escaped as in the template), sorted by ``loc``."""
    head, listed, tail = entries(xml)
    kept = [e for e in previous if loc(e) not in seen]
    return head + "".join(sorted(listed + kept, key=loc)) + tail


def merge(sitemaps: list[str], previous: list[str] | None = None,
          seen: set[str] | None = None) -> str:
    """One ``<urlset>`` of the entries of ``sitemaps`` (those of the MkDocs processes: a page
    that several of them list has the same entry in each) and of the ``previous`` entries
    whose ``loc`` is not in ``seen``, sorted by ``loc``."""
    if not sitemaps:
        raise ValueError("no sitemap to merge")
    head, _, tail = entries(sitemaps[0])
    by_loc: dict[str, str] = {}
    for xml in sitemaps:
        for entry in entries(xml)[1]:
            other = by_loc.setdefault(loc(entry), entry)
            if other != entry:
                raise ValueError(f"sitemap: two entries for {loc(entry)}:\n{other}{entry}")
    return merge_entries(head + "".join(by_loc.values()) + tail, previous or [],
                         (seen or set()) | set(by_loc))
