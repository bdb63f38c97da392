"""sitemap.xml of the built seed site (overrides/sitemap.xml, hooks/sitemap.py): both
languages, stable lastmod, one line per page; the language alternates are in each page's
head (reciprocal, every one listed in the sitemap), not repeated in the sitemap."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

from builder.feeds import read_site_url

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}

_ALTERNATE = re.compile(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]*)">')


def _urls(site: Path) -> dict[str, str | None]:
    """loc -> lastmod."""
    root = ET.parse(site / "sitemap.xml").getroot()
    assert root.tag == f"{{{NS['s']}}}urlset"
    urls: dict[str, str | None] = {}
    for url in root.findall("s:url", NS):
        loc = url.findtext("s:loc", namespaces=NS)
        assert loc and loc not in urls, f"missing or repeated <loc> {loc}"
        assert url.findall("x:link", NS) == []  # the alternates are in the pages' heads
        urls[loc] = url.findtext("s:lastmod", namespaces=NS)
    return urls


def _alternates(site: Path, site_url: str, loc: str) -> dict[str, str]:
    """{hreflang: href} of the head of the page at ``loc``."""
    page = site / loc.removeprefix(site_url) / "index.html"
    head = page.read_text(encoding="utf-8").split("</head>", 1)[0]
    found: dict[str, str] = {}
    for href, lang in _ALTERNATE.findall(head):
        assert found.setdefault(lang, href) == href, (loc, lang)
    return found


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
            assert _alternates(seed_site, site_url, loc) == expected
        # lastmod is the article's own date (when known), the same for both languages
        date = _date(seed_project / "docs" / "articles" / f"{article_id}.md")
        assert urls[ar] == urls[en] == (date if date and len(date) == 10 else None)


def test_alternates_are_reciprocal_and_listed(seed_project: Path, seed_site: Path) -> None:
    site_url = read_site_url(seed_project)
    urls = _urls(seed_site)
    assert {u for u in urls if "/en/" in u} and {u for u in urls if "/en/" not in u}
    checked = 0
    for loc in urls:
        alternates = _alternates(seed_site, site_url, loc)
        if not alternates:
            continue
        assert loc in alternates.values(), f"{loc} is not among its own alternates"
        for href in alternates.values():
            assert href in urls, f"alternate {href} of {loc} is not in the sitemap"
            assert _alternates(seed_site, site_url, href) == alternates
        checked += 1
    assert checked >= len(urls) - 2  # (the language homes may name theirs otherwise)


def test_every_page_of_the_site_is_listed(seed_project: Path, seed_site: Path) -> None:
    site_url = read_site_url(seed_project)
    urls = _urls(seed_site)
    for page in seed_site.rglob("index.html"):
        rel = page.parent.relative_to(seed_site).as_posix()
        loc = site_url if rel == "." else f"{site_url}{rel}/"
        assert loc in urls, loc


def test_one_line_per_page_and_no_compressed_copy(seed_site: Path) -> None:
    lines = (seed_site / "sitemap.xml").read_text(encoding="utf-8").splitlines()
    entries = [line for line in lines if "<url>" in line]
    assert entries and all(re.fullmatch(r"<url><loc>[^<]+</loc>(<lastmod>[-\d]{10}</lastmod>)?"
                                        r"</url>", line) for line in entries)
    assert len(entries) == len(_urls(seed_site))
    assert not (seed_site / "sitemap.xml.gz").exists()  # robots.txt names sitemap.xml
