"""hooks/sitemap.py: beyond the protocol's limits sitemap.xml becomes a sitemap index of
parts; checked on the seed site's own sitemap with lowered limits."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from hooks import sitemap

S = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
X = "{http://www.w3.org/1999/xhtml}"
SITE_URL = "https://archive.example/news/"


def _entries(xml: str) -> list[tuple[str, str | None, tuple]]:
    """(loc, lastmod, alternates) of every <url> of a urlset."""
    root = ET.fromstring(xml.encode())
    assert root.tag == f"{S}urlset"
    return [(u.findtext(f"{S}loc"), u.findtext(f"{S}lastmod"),
             tuple((a.get("hreflang"), a.get("href")) for a in u.findall(f"{X}link")))
            for u in root.findall(f"{S}url")]


@pytest.fixture(scope="module")
def seed_sitemap(seed_site: Path) -> str:
    return (seed_site / "sitemap.xml").read_text(encoding="utf-8")


def test_a_sitemap_within_the_limits_is_kept(seed_sitemap: str) -> None:
    assert sitemap.split_sitemap(seed_sitemap, SITE_URL) == (seed_sitemap, {})
    n = len(_entries(seed_sitemap))
    assert sitemap.split_sitemap(seed_sitemap, SITE_URL, max_urls=n) == (seed_sitemap, {})


def test_beyond_the_url_limit_an_index_of_parts(seed_sitemap: str) -> None:
    entries = _entries(seed_sitemap)
    assert len(entries) > 25
    index, parts = sitemap.split_sitemap(seed_sitemap, SITE_URL, max_urls=10)
    assert list(parts) == [f"sitemap-{i}.xml" for i in range(1, len(entries) // 10 + 2)]
    got = [_entries(xml) for xml in parts.values()]
    assert all(0 < len(part) <= 10 for part in got)
    assert [e for part in got for e in part] == entries  # same URLs, same order, alternates
    root = ET.fromstring(index.encode())
    assert root.tag == f"{S}sitemapindex"
    listed = root.findall(f"{S}sitemap")
    assert [s.findtext(f"{S}loc") for s in listed] == [SITE_URL + name for name in parts]
    for item, part in zip(listed, got, strict=True):
        dates = [lastmod for _, lastmod, _ in part if lastmod]
        assert item.findtext(f"{S}lastmod") == (max(dates) if dates else None)


def test_beyond_the_size_limit(seed_sitemap: str) -> None:
    limit = len(seed_sitemap.encode()) // 3
    index, parts = sitemap.split_sitemap(seed_sitemap, SITE_URL, max_bytes=limit)
    assert len(parts) >= 3
    assert all(len(xml.encode()) <= limit for xml in parts.values())
    assert [e for xml in parts.values() for e in _entries(xml)] == _entries(seed_sitemap)


def test_the_hook_writes_the_parts_and_removes_stale_ones(
        seed_sitemap: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sitemap, "MAX_URLS", 10)
    (tmp_path / "sitemap-99.xml").write_text("stale", encoding="utf-8")
    (tmp_path / "sitemap-news.xml").write_text("not ours", encoding="utf-8")
    config = {"site_url": SITE_URL, "site_dir": str(tmp_path)}
    index = sitemap.on_post_template(seed_sitemap, template_name="sitemap.xml", config=config)
    _, parts = sitemap.split_sitemap(seed_sitemap, SITE_URL, max_urls=10)
    for name, xml in parts.items():
        assert (tmp_path / name).read_text(encoding="utf-8") == xml
        assert name in index
    assert not (tmp_path / "sitemap-99.xml").exists()
    assert (tmp_path / "sitemap-news.xml").exists()
    assert not list(tmp_path.glob(".*.tmp"))
    # other templates pass through untouched
    assert sitemap.on_post_template("<html>", template_name="404.html", config=config) == "<html>"


def test_robots_txt_names_the_sitemap_or_its_index(seed_site: Path) -> None:
    robots = (seed_site / "robots.txt").read_text(encoding="utf-8")
    assert re.search(r"^Sitemap: \S+/sitemap\.xml$", robots, re.M)
    assert not list(seed_site.glob("sitemap-*.xml"))  # the seed site fits in one file
