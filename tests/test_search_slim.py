"""builder/search.py: Pagefind indexes slim copies of the article pages
(:func:`builder.search.slim_page`); the bundle is the one it makes from the pages themselves.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import cbor2
import pytest

from builder import search

#: The article pages as Pagefind found them before slim copies: the whole site, per language.
FULL_PAGE_GLOBS = ("articles/*/index.html", "en/articles/*/index.html")
#: Every Pagefind file starts with this signature before its (gzip-compressed) data.
SIGNATURE = b"pagefind_dcd"


def _decoded(data: bytes) -> object:
    raw = gzip.decompress(data)
    assert raw.startswith(SIGNATURE)
    return cbor2.loads(raw[len(SIGNATURE):])


def _bundle(folder: Path) -> dict[str, object]:
    """The files of a Pagefind bundle, with what Pagefind writes in any order put in order.

    Pagefind lists filter values (``*.pf_filter``) in hash-map order, so their files, and
    the language meta files and entry naming them by hash, differ from run to run over the
    same pages. Filters are compared decoded and sorted, the meta files decoded with their
    filters in place of the filter file names; everything else byte for byte (the
    fragments' and index chunks' names are hashes of their content).
    """
    files = {p.relative_to(folder).as_posix(): p.read_bytes()
             for p in sorted(folder.rglob("*")) if p.is_file() and p.name != search.STATE}
    filters = {}
    for name in [n for n in files if n.endswith(".pf_filter")]:
        key, values = _decoded(files.pop(name))
        filters[Path(name).stem] = [key, sorted(values)]
    out: dict[str, object] = {}
    for name, data in files.items():
        meta = re.fullmatch(r"pagefind\.(\w+)_\w+\.pf_meta", name)
        if meta:
            version, pages, chunks, named, sorts, keys = _decoded(data)
            out[f"meta {meta.group(1)}"] = [version, pages, chunks,
                                           sorted(filters.pop(f) for _, f in named), sorts, keys]
        elif name == search.ENTRY:
            entry = json.loads(data)
            for language in entry["languages"].values():
                language.pop("hash")
            out[name] = entry
        else:
            out[name] = data
    assert not filters, f"filter files that no meta file names: {sorted(filters)}"
    return out


def _recorded_runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folders Pagefind will be run over, from now on."""
    folders: list[str] = []
    original = search._pagefind_run

    def run(config: dict, label: str):
        folders.append(config["site"])
        return original(config, label)

    monkeypatch.setattr(search, "_pagefind_run", run)
    return folders


def test_slim_copies_give_the_bundle_of_the_pages(seed_site: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    shutil.copytree(seed_site, site)
    # the bundle of the full pages, as Pagefind made it from the site itself
    reference, entries = tmp_path / "reference", []
    for glob in FULL_PAGE_GLOBS:
        with search._pagefind_run({"site": str(site), "glob": glob,
                                   "output_path": str(reference)}, glob) as finish:
            assert finish()[0] >= 5
        entries.append(json.loads((reference / search.ENTRY).read_text(encoding="utf-8")))
    search._write_entry(reference / search.ENTRY, entries)
    # the bundle of the slim copies, made by the pool of processes
    monkeypatch.setattr(search, "SLIM_PARALLEL_MIN", 0)
    monkeypatch.setattr(search, "SLIM_CHUNK", 3)
    monkeypatch.setattr(search, "cores", lambda: 2)
    folders = _recorded_runs(monkeypatch)
    report = search.index_site(site)
    assert report.mode == "full" and len(folders) == 2
    assert all(Path(f).parent == tmp_path and f != str(site) for f in folders)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # removed
    slim, full = _bundle(site / search.BUNDLE), _bundle(reference)
    assert slim.keys() == full.keys()
    for name in slim:
        assert slim[name] == full[name], name
    fragments = search.indexed_pages(site)
    assert len(fragments) == report.pages >= 10
    assert all(url == f["url"] and url.startswith(("/articles/", "/en/articles/"))
               for url, f in fragments.items())
    # the digests kept for the next index are those of the pages
    state = json.loads(gzip.decompress((site / search.BUNDLE / search.STATE).read_bytes()))
    assert state["main"] == {page: search.page_digest((site / page).read_text(encoding="utf-8"))
                             for page in search.article_pages(site)}


def test_the_recent_part_is_indexed_from_slim_copies(seed_site: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    shutil.copytree(seed_site, site)
    source = next((site / "articles").iterdir()).name
    for prefix in ("", "en/"):
        new = site / prefix / "articles" / "ffff000000000009"
        shutil.copytree(site / prefix / "articles" / source, new)
    folders = _recorded_runs(monkeypatch)
    report = search.index_site(site, ["articles/ffff000000000009.md",
                                      "articles/ffff000000000009.en.md"])
    assert report.mode == "recent" and report.pages == 2 and len(folders) == 1
    assert Path(folders[0]).parent == tmp_path and not Path(folders[0]).exists()
    recent = search.indexed_pages(site)
    assert {"/articles/ffff000000000009/", "/en/articles/ffff000000000009/"} <= set(recent)
    # the fragment of a slim copy is the fragment of the page it copies
    assert {k: v for k, v in recent["/articles/ffff000000000009/"].items() if k != "url"} == \
        {k: v for k, v in recent[f"/articles/{source}/"].items() if k != "url"}


def test_slim_page_keeps_what_pagefind_reads() -> None:
    page = ('<!doctype html><html lang="ar" dir="rtl" class="no-js"><head><meta charset="utf-8">'
            '<title>عنوان - أرشيف</title><link rel="stylesheet" href="x.css"></head><body>'
            '<nav>قائمة</nav><div><article class="a" data-pagefind-body data-pagefind-meta='
            '"kind:article"><h1 id="t">عنوان</h1><article>داخلي</article><p>نص</p></article>'
            '</div><footer>تذييل</footer></body></html>')
    slim = search.slim_page(page)
    assert slim == ('<!DOCTYPE html><html lang="ar" dir="rtl" class="no-js"><head>'
                    '<meta charset="utf-8"><title>عنوان - أرشيف</title></head><body>'
                    '<article class="a" data-pagefind-body data-pagefind-meta="kind:article">'
                    '<h1 id="t">عنوان</h1><article>داخلي</article><p>نص</p></article>'
                    '</body></html>')
    assert search.page_digest(slim) == search.page_digest(page)
