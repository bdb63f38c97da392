"""The benchmark's site breakdown: every file counted once, in the first part it matches."""

from __future__ import annotations

from pathlib import Path

from bench.project import site_kinds, site_parts, tree_size

#: Pages and feeds both tests' sites hold (path -> size in bytes).
PAGES = {
    "articles/0123456789abcdef/index.html": 100,
    "en/articles/0123456789abcdef/index.html": 90,
    "tags/people/someone/index.html": 40,
    "en/tags/people/someone/page/2/index.html": 30,
    "feeds/ar/tags/people/someone/rss.xml": 20,
    "feeds/ar/rss.xml": 7,
    "index.html": 1,
    "en/archive/2020/index.html": 11,
}


def _write_site(site: Path, files: dict[str, int]) -> None:
    """Write each file of ``files`` (path below ``site`` -> size) as that many bytes."""
    for rel, size in files.items():
        path = site / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"x" * size)


def test_site_parts_sorts_files_by_part(tmp_path: Path) -> None:
    _write_site(tmp_path, {**PAGES, "pagefind/fragment/a.pf_fragment": 5, "pagefind-recent/x": 3,
                           "search-entities/ar.json": 2})
    parts = site_parts(tmp_path)
    assert parts == {
        "article pages": {"files": 2, "bytes": 190},
        "tag pages and feeds": {"files": 3, "bytes": 90},
        "search index": {"files": 3, "bytes": 10},
        "other": {"files": 3, "bytes": 19},
    }
    assert (sum(p["files"] for p in parts.values()),
            sum(p["bytes"] for p in parts.values())) == tree_size(tmp_path)


def test_site_parts_of_a_missing_site(tmp_path: Path) -> None:
    assert all(p == {"files": 0, "bytes": 0} for p in site_parts(tmp_path / "nope").values())


def test_site_kinds_tell_each_kind_of_page_and_file(tmp_path: Path) -> None:
    _write_site(tmp_path, {
        **PAGES,
        "tags/people/someone/search.json": 4,
        "tags/people/index.html": 9,
        "en/tags/index.html": 8,
        "quotes/someone/index.html": 6,
        "timeline/2015/index.html": 12,
        "en/index.html": 2,
        "pagefind/fragment/a.pf_fragment": 5,
        "search-entities/ar/abc.json": 2,
        "search-words/d98a.json": 3,
        "sitemap.xml": 13,
        "assets/stylesheets/archive.css": 14,
        "404.html": 15,
    })
    kinds = site_kinds(tmp_path)
    assert {k: v["bytes"] for k, v in kinds.items() if v["files"]} == {
        "article": 190, "tag": 70, "tag index": 17, "tag feeds": 20, "site feeds": 7,
        "quotes": 6, "timeline": 12, "archive": 11, "home": 3, "search index": 14,
        "sitemap": 13, "assets": 14, "other": 15,
    }
    assert (sum(k["files"] for k in kinds.values()),
            sum(k["bytes"] for k in kinds.values())) == tree_size(tmp_path)


def test_tar_size_is_the_size_of_the_archive_tar_makes(tmp_path: Path) -> None:
    """GitHub's Pages workflow uploads the site as a tar archive: headers, padding, long
    names (GNU), folders and the closing record all count."""
    import io
    import tarfile

    from bench.project import tar_size

    site = tmp_path / "site"
    _write_site(site, {"index.html": 700, "en/index.html": 1} | {
        f"tags/{'organizations' * 6}/{i}/page/2/index.html": 513 * i for i in range(40)})
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.GNU_FORMAT) as tar:
        tar.add(str(site), arcname=".")
    assert tar_size(site) == len(buf.getvalue())
