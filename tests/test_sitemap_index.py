"""builder/render/sitemap.py and hooks/sitemap.py: beyond the protocol's limits sitemap.xml becomes a sitemap index of
parts; checked on the seed site's own sitemap with lowered limits."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from builder.render import sitemap
from hooks import sitemap as hook

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
    index = hook.on_post_template(seed_sitemap, template_name="sitemap.xml", config=config)
    _, parts = sitemap.split_sitemap(seed_sitemap, SITE_URL, max_urls=10)
    for name, xml in parts.items():
        assert (tmp_path / name).read_text(encoding="utf-8") == xml
        assert name in index
    assert not (tmp_path / "sitemap-99.xml").exists()
    assert (tmp_path / "sitemap-news.xml").exists()
    assert not list(tmp_path.glob(".*.tmp"))
    # other templates pass through untouched
    assert hook.on_post_template("<html>", template_name="404.html", config=config) == "<html>"


def test_robots_txt_names_the_sitemap_or_its_index(seed_site: Path) -> None:
    robots = (seed_site / "robots.txt").read_text(encoding="utf-8")
    assert re.search(r"^Sitemap: \S+/sitemap\.xml$", robots, re.M)
    assert not list(seed_site.glob("sitemap-*.xml"))  # the seed site fits in one file


def test_entries_are_sorted_by_loc(seed_sitemap: str) -> None:
    """The order does not depend on MkDocs' file list (full and incremental renders)."""
    locs = [loc for loc, _, _ in _entries(seed_sitemap)]
    assert locs == sorted(locs)
    head, entries, tail = sitemap.entries(seed_sitemap)
    shuffled = head + "".join(reversed(entries)) + tail
    assert shuffled != seed_sitemap
    assert sitemap.sort_entries(shuffled) == seed_sitemap


def test_an_incremental_sitemap_merges_the_previous_entries(seed_sitemap: str,
                                                            tmp_path: Path) -> None:
    """Entries of pages seen by this build replace the previous ones; deleted ones go."""
    head, entries, tail = sitemap.entries(seed_sitemap)
    locs = [sitemap.loc(e) for e in entries]
    changed, deleted = entries[3], entries[5]
    now = changed.replace("</loc>", "</loc>\n        <lastmod>2099-01-01</lastmod>", 1)
    added = changed.replace(locs[3], locs[3] + "new/")
    this_build = head + now + added + tail  # retired pages are seen but not listed: [7]
    # the previous site's sitemap as an index and parts (read back whole)
    index, parts = sitemap.split_sitemap(seed_sitemap, SITE_URL, max_urls=10)
    (tmp_path / "sitemap.xml").write_text(index, encoding="utf-8")
    sitemap.write_parts(tmp_path, parts)
    previous = sitemap.read_entries(tmp_path)
    assert previous == entries
    merged = sitemap.merge_entries(this_build, previous, {locs[3], locs[5], locs[7],
                                                          locs[3] + "new/"})
    _, got, _ = sitemap.entries(merged)
    expected = [e for i, e in enumerate(entries) if i not in (3, 5, 7)] + [now, added]
    assert got == sorted(expected, key=sitemap.loc)
    assert deleted not in got and entries[7] not in got
    assert merged.startswith(head) and merged.endswith(tail)


def test_the_sitemaps_of_the_processes_merge_into_one(seed_sitemap: str) -> None:
    """Each MkDocs process lists its pages (the navigation's pages in several); merged,
    they give the one sitemap, whatever the order; two entries for one page must agree."""
    head, entries, tail = sitemap.entries(seed_sitemap)
    first = head + "".join(entries[::2] + entries[:3]) + tail
    second = head + "".join(reversed(entries[1::2] + entries[:3])) + tail
    assert sitemap.merge([first, second]) == seed_sitemap
    other = entries[0].replace("</loc>", "</loc>\n        <lastmod>2099-01-01</lastmod>", 1)
    with pytest.raises(ValueError, match="two entries"):
        sitemap.merge([first, head + other + tail])


def test_parts_the_index_does_not_list_are_stale(seed_sitemap: str, tmp_path: Path) -> None:
    index, parts = sitemap.split_sitemap(seed_sitemap, SITE_URL, max_urls=10)
    assert len(parts) > 2
    (tmp_path / "sitemap.xml").write_text(index, encoding="utf-8")
    sitemap.write_parts(tmp_path, parts)
    (tmp_path / "sitemap-99.xml").write_text("left by a larger sitemap", encoding="utf-8")
    assert sitemap.stale_parts(tmp_path) == [tmp_path / "sitemap-99.xml"]
    (tmp_path / "sitemap.xml").write_text(seed_sitemap, encoding="utf-8")  # one file again
    assert len(sitemap.stale_parts(tmp_path)) == len(parts) + 1
