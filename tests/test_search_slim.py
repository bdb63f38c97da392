"""builder/search/: Pagefind indexes slim copies of the article pages
(:func:`builder.search.slim_page`); the bundle is the one it makes from the pages themselves.
"""

from __future__ import annotations

import gzip
import json
import shutil
from itertools import accumulate
from pathlib import Path

import cbor2
import pytest

from builder import search
from builder.search import copies, decorate, layout, markup, pagefind
from builder.search import slim as slim_pages
from builder.search.forms import Lexicon

#: The article pages as Pagefind found them before slim copies: the whole site, per language.
FULL_PAGE_GLOBS = ("articles/*/index.html", "en/articles/*/index.html")
#: Every Pagefind file starts with this signature before its (gzip-compressed) data.
SIGNATURE = b"pagefind_dcd"


def _decoded(data: bytes) -> object:
    raw = gzip.decompress(data)
    assert raw.startswith(SIGNATURE)
    return cbor2.loads(raw[len(SIGNATURE):])


def _bundle(folder: Path) -> dict[str, object]:
    """The content of a Pagefind bundle, in terms that do not depend on how Pagefind
    happened to number the pages or order the filter values.

    Pagefind numbers a language's pages in the order it found them (the order of the file
    system's folder listings) and lists filter values in hash-map order: index chunks,
    filters, sorts and the language meta files (and the entry naming them by hash) differ
    with them. Here pages are named by URL: the meta file's pages, the index (chunk
    bounds, then every word with the pages it is on and where: Pagefind stores the page
    numbers of a word as differences), the filters and the sort
    orders (as the pages' sort values in that order, and the set of pages sorted). The
    fragments, named by a hash of their content, and Pagefind's scripts are compared byte
    for byte.
    """
    files = {p.relative_to(folder).as_posix(): p.read_bytes()
             for p in sorted(folder.rglob("*")) if p.is_file() and p.name != layout.STATE}
    fragments = {Path(n).stem: json.loads(gzip.decompress(data)[len(SIGNATURE):])
                 for n, data in files.items() if n.endswith(".pf_fragment")}
    out: dict[str, object] = {}
    for name in [n for n in files if n.endswith(".pf_meta")]:
        version, pages, chunks, filters, sorts, keys = _decoded(files.pop(name))
        urls = [fragments[h]["url"] for h, _ in pages]

        def pages_of(hits: list, urls: list[str] = urls) -> list:
            numbers = accumulate(hit[0] for hit in hits)  # stored as differences
            return sorted([urls[n], *hit[1:]] for n, hit in zip(numbers, hits, strict=True))

        index = []
        for _, _, chunk in chunks:
            for word, hits, forms in _decoded(files.pop(f"index/{chunk}.pf_index"))[0]:
                # forms: the word as written (with diacritics) and the pages it is on
                index.append([word, pages_of(hits),
                              sorted([form, pages_of(h)] for form, h in forms)])
        named = []
        for key, chunk in filters:
            found, values = _decoded(files.pop(f"filter/{chunk}.pf_filter"))
            assert found == key
            named.append([key, sorted([v, sorted(urls[i] for i in ps)] for v, ps in values)])
        order = []
        for key, numbers in sorts:  # the pages' sort values are their meta of that name
            order.append([key, [fragments[pages[i][0]]["meta"].get(key) for i in numbers],
                          sorted(urls[i] for i in numbers)])
        out[f"meta {name.split('.')[1].split('_')[0]}"] = [
            version, sorted([url, page] for url, page in zip(urls, pages, strict=True)),
            [chunk[:2] for chunk in chunks], index, sorted(named), order, keys]
    for name, data in files.items():
        if name == layout.ENTRY:
            entry = json.loads(data)
            for language in entry["languages"].values():
                language.pop("hash")
            out[name] = entry
        else:
            out[name] = data
    return out


def _recorded_runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folders Pagefind will be run over, from now on."""
    folders: list[str] = []
    original = pagefind.run

    def run(config: dict, label: str):
        folders.append(config["site"])
        return original(config, label)

    monkeypatch.setattr(pagefind, "run", run)
    return folders


def test_slim_copies_give_the_bundle_of_the_pages(seed_site: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    shutil.copytree(seed_site, site)
    # the bundle of the slim copies, made by the pool of processes
    monkeypatch.setattr(copies, "SLIM_PARALLEL_MIN", 0)
    monkeypatch.setattr(copies, "SLIM_CHUNK", 3)
    monkeypatch.setattr(copies, "cores", lambda: 2)
    folders = _recorded_runs(monkeypatch)
    report = search.index_site(site)
    assert report.mode == "full" and len(folders) == 2
    base = copies.scratch_base(site, report.pages)
    assert all(Path(f).parent == base and not Path(f).exists() for f in folders)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # removed
    # the bundle of the full pages with their filters and names (from their JSON-LD) and
    # their search forms (of the lexicon the index made), as Pagefind makes it from the
    # site itself (pages found in the order of the site's folders: another order than the
    # slim copies')
    state = json.loads(gzip.decompress((site / layout.BUNDLE / layout.STATE).read_bytes()))
    lexicon = Lexicon.from_json(state["lexicon"])
    pages = tmp_path / "pages"
    shutil.copytree(seed_site, pages)
    for glob in FULL_PAGE_GLOBS:
        for page in pages.glob(glob):
            text = page.read_text(encoding="utf-8")
            body = markup.body_element(text)
            assert "data-pagefind-filter" not in body  # the served page has none
            text = text.replace(body, decorate.with_search_block(body, text), 1)
            assert "data-pagefind-filter" in text
            page.write_text(decorate.add_forms(text, lexicon), encoding="utf-8")
    reference, entries = tmp_path / "reference", []
    for glob in FULL_PAGE_GLOBS:
        with pagefind.run({"site": str(pages), "glob": glob,
                           "output_path": str(reference)}, glob) as finish:
            assert finish()[0] >= 5
        entries.append(json.loads((reference / layout.ENTRY).read_text(encoding="utf-8")))
    pagefind.write_entry(reference / layout.ENTRY, entries)
    slim, full = _bundle(site / layout.BUNDLE), _bundle(reference)
    assert slim.keys() == full.keys()
    for name in slim:
        assert slim[name] == full[name], name
    # in memory, the slim copies are found (and so numbered) in the order of their URLs
    if str(base) in copies.RAM_FOLDERS:
        for meta in (site / layout.BUNDLE).glob("*.pf_meta"):
            urls = [json.loads(gzip.decompress((site / layout.BUNDLE / "fragment" /
                                                f"{h}.pf_fragment").read_bytes())
                               [len(SIGNATURE):])["url"] for h, _ in _decoded(
                                   meta.read_bytes())[1]]
            assert urls == sorted(urls)
    fragments = pagefind.indexed_pages(site)
    assert len(fragments) == report.pages >= 10
    assert all(url == f["url"] and url.startswith(("/articles/", "/en/articles/"))
               for url, f in fragments.items())
    # the digests kept for the next index are those of the pages
    state = json.loads(gzip.decompress((site / layout.BUNDLE / layout.STATE).read_bytes()))
    assert state["main"] == {page: slim_pages.page_digest((site / page).read_text(encoding="utf-8"))
                             for page in layout.article_pages(site)}


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
    assert not Path(folders[0]).exists()
    recent = pagefind.indexed_pages(site)
    assert {"/articles/ffff000000000009/", "/en/articles/ffff000000000009/"} <= set(recent)
    # the fragment of a slim copy is the fragment of the page it copies
    assert {k: v for k, v in recent["/articles/ffff000000000009/"].items() if k != "url"} == \
        {k: v for k, v in recent[f"/articles/{source}/"].items() if k != "url"}


def test_slim_page_keeps_what_pagefind_reads() -> None:
    page = ('<!doctype html><html lang="ar" dir="rtl" class="no-js"><head><meta charset="utf-8">'
            '<title>عنوان - أرشيف</title><link rel="stylesheet" href="x.css"></head><body>'
            '<nav>قائمة</nav><div><article class="a" data-pagefind-body data-pagefind-meta='
            '"kind:article"><h1 id="t">عنوان</h1><article>داخلي</article><p>نص</p>'
            '<section class="na-related" data-pagefind-ignore><h2 id="r">ذات صلة</h2>'
            '<section><p>مقال</p></section><p>آخر</p></section></article>'
            '</div><footer>تذييل</footer></body></html>')
    slim = slim_pages.slim_page(page)
    assert slim == ('<!DOCTYPE html><html lang="ar" dir="rtl" class="no-js"><head>'
                    '<meta charset="utf-8"><title>عنوان - أرشيف</title></head><body>'
                    '<article class="a" data-pagefind-body data-pagefind-meta="kind:article">'
                    '<h1 id="t">عنوان</h1><article>داخلي</article><p>نص</p></article>'
                    '</body></html>')
    assert slim_pages.page_digest(slim) == slim_pages.page_digest(page)


def test_scratch_folders_go_to_memory_when_it_has_room(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    ram, site = tmp_path / "ram", tmp_path / "project" / "site"
    ram.mkdir()
    site.mkdir(parents=True)
    monkeypatch.setattr(copies, "RAM_FOLDERS", (str(tmp_path / "none"), str(ram)))
    assert copies.scratch_base(site, 10) == ram
    assert copies.scratch_base(site, 10**12) == site.parent  # no room for that many
    monkeypatch.setattr(copies, "RAM_FOLDERS", (str(tmp_path / "none"),))
    assert copies.scratch_base(site, 10) == site.parent


@pytest.mark.parametrize(("page", "body"), [
    ('<div data-pagefind-body><div><div>x</div></div>y</div>z',
     '<div data-pagefind-body><div><div>x</div></div>y</div>'),
    ('<p>data-pagefind-body</p><article data-pagefind-body>a<articles>b</articles>'
     '<article>c</article>d</article>e',  # the name in text; a longer tag name; nesting
     '<article data-pagefind-body>a<articles>b</articles><article>c</article>d</article>'),
    ('<a href="x"> data-pagefind-body <b data-pagefind-body class=y>q</b>',
     '<b data-pagefind-body class=y>q</b>'),
    ('<article data-pagefind-body>a</articlex></article >b',
     '<article data-pagefind-body>a</articlex></article >'),
    ('<article data-pagefind-body>never closed', '<article data-pagefind-body>never closed'),
    ('<p>no body</p>', ''),
])
def test_body_finds_the_whole_element(page: str, body: str) -> None:
    assert markup.body_element(page) == body


def test_ignored_sections_are_left_out_unless_they_carry_pagefind_data() -> None:
    body = ('<article data-pagefind-body><p>نص</p>'
            '<section class="na-quotes" data-pagefind-ignore><section>a</section>b</section>'
            '<section class="x" data-pagefind-ignore><span data-pagefind-filter="k">v</span>'
            '</section><div hidden data-pagefind-ignore><span data-pagefind-meta="date">d'
            '</span></div><section>kept</section></article>')
    assert slim_pages.without_ignored(body) == (
        '<article data-pagefind-body><p>نص</p>'
        '<section class="x" data-pagefind-ignore><span data-pagefind-filter="k">v</span>'
        '</section><div hidden data-pagefind-ignore><span data-pagefind-meta="date">d'
        '</span></div><section>kept</section></article>')
