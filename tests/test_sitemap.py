"""sitemap.xml of the built seed site (overrides/sitemap.xml, hooks/links.py): both
languages, reciprocal xhtml:link alternates for every article pair, stable lastmod."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

from builder.feeds import read_site_url

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def _urls(site: Path) -> dict[str, tuple[str | None, dict[str, str]]]:
    """loc -> (lastmod, {hreflang: href})."""
    root = ET.parse(site / "sitemap.xml").getroot()
    assert root.tag == f"{{{NS['s']}}}urlset"
    urls: dict[str, tuple[str | None, dict[str, str]]] = {}
    for url in root.findall("s:url", NS):
        loc = url.findtext("s:loc", namespaces=NS)
        assert loc and loc not in urls, f"missing or repeated <loc> {loc}"
        alternates = {}
        for link in url.findall("x:link", NS):
            assert link.get("rel") == "alternate"
            assert link.get("hreflang") not in alternates
            alternates[link.get("hreflang")] = link.get("href")
        urls[loc] = (url.findtext("s:lastmod", namespaces=NS), alternates)
    return urls


def _date(md: Path) -> str | None:
    text = md.read_text(encoding="utf-8")
    return yaml.safe_load(text[4:text.index("\n---\n", 4)]).get("date")


def test_every_article_pair_with_alternates(seed_project: Path, seed_site: Path) -> None:
    site_url = read_site_url(seed_project)
    urls = _urls(seed_site)
    assert all(loc.startswith(site_url) for loc in urls)
    ids = sorted(p.parent.name for p in (seed_site / "articles").glob("*/index.html"))
    assert ids
    for article_id in ids:
        ar = f"{site_url}articles/{article_id}/"
        en = f"{site_url}en/articles/{article_id}/"
        expected = {"ar": ar, "en": en, "x-default": ar}
        for loc in (ar, en):
            assert loc in urls, loc
            lastmod, alternates = urls[loc]
            assert alternates == expected
        # lastmod is the article's own date (when known), the same for both languages
        date = _date(seed_project / "docs" / "articles" / f"{article_id}.md")
        assert urls[ar][0] == urls[en][0] == (date if date and len(date) == 10 else None)


def test_alternates_are_reciprocal_and_listed(seed_site: Path) -> None:
    urls = _urls(seed_site)
    assert {f"{u}" for u in urls if "/en/" in u} and {u for u in urls if "/en/" not in u}
    for loc, (_, alternates) in urls.items():
        assert loc in alternates.values(), f"{loc} is not among its own alternates"
        for href in alternates.values():
            assert href in urls, f"alternate {href} of {loc} is not in the sitemap"
            assert urls[href][1] == alternates


def test_every_page_of_the_site_is_listed(seed_project: Path, seed_site: Path) -> None:
    site_url = read_site_url(seed_project)
    urls = _urls(seed_site)
    for page in seed_site.rglob("index.html"):
        rel = page.parent.relative_to(seed_site).as_posix()
        loc = site_url if rel == "." else f"{site_url}{rel}/"
        assert loc in urls, loc


def test_sitemap_gz_is_stable(seed_site: Path) -> None:
    data = (seed_site / "sitemap.xml.gz").read_bytes()
    assert gzip.decompress(data) == (seed_site / "sitemap.xml").read_bytes()
    assert data[4:8] == b"\0\0\0\0"  # gzip mtime field: no build time stamp
