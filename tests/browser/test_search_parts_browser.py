"""The search box over an index in parts (builder.search: incremental indexing, and a main
index in several parts), in Chromium.

A copy of the seed site gets three new article pages (copies of the dated seed, with other
dates and a word of their own), indexed incrementally into the recent part. The search box
finds new and old articles in both languages, sorts by date across the parts, lists the
filter values of both parts, and fetches nothing that is not there (no 404), with or
without a recent part.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from builder import search as search_index
from builder.search import layout, parts
from tests.browser.pages import language_pages, serve
from tests.browser.test_search_browser import _ids, search

pytestmark = pytest.mark.browser

DATED = "2365a23702f008e8"  # the seed with a date (2015-11-20)
DATE = "2015-11-20"
#: New article id -> its date; they share a word no seed has.
NEW = {"ffff000000000030": "2030-05-05", "ffff000000000010": "2010-03-03",
       "ffff000000000099": "1999-02-02"}
WORD = {"ar": "زمردخان", "en": "zumurrudkhan"}


def _add_article(site: Path, new_id: str, date: str) -> list[str]:
    """Copy the dated seed's pages under ``new_id`` with ``date``; their docs paths."""
    for prefix, lang in (("", "ar"), ("en/", "en")):
        page = (site / prefix / "articles" / DATED / "index.html").read_text(encoding="utf-8")
        page = page.replace(DATE, date).replace(DATE[:4], date[:4])
        page = page.replace('<h1 id="title">', f'<h1 id="title">{WORD[lang]} ', 1)
        target = site / prefix / "articles" / new_id / "index.html"
        target.parent.mkdir(parents=True)
        target.write_text(page, encoding="utf-8")
    return [f"articles/{new_id}.md", f"articles/{new_id}.en.md"]


def _failed(response) -> bool:
    """A failed request, except for shards of the entity lookup and of the lexicon: the
    search box asks for the shard of a word, and a missing one means no entity, or nothing
    the archive knows of that word (builder.search)."""
    return response.status >= 400 and not any(
        f"/{folder}/" in response.url
        for folder in (layout.ENTITY_BUNDLE, layout.WORDS_BUNDLE))


@pytest.fixture(scope="module", params=["recent", "split"])
def parted(request, seed_site: Path, tmp_path_factory: pytest.TempPathFactory
           ) -> Iterator[dict]:
    """The seed site with a recent part; "split": its main index also in parts of two
    pages a language (as a language of more pages than one Pagefind run takes)."""
    site = tmp_path_factory.mktemp("parts") / "site"
    shutil.copytree(seed_site, site)
    if request.param == "split":
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(parts, "PAGES_PER_RUN", 2)
            assert search_index.index_site(site).mode == "full"
        assert len(layout.part_folders(site)) >= 2
    docs = [doc for new_id, date in NEW.items() for doc in _add_article(site, new_id, date)]
    report = search_index.index_site(site, docs)
    assert report.mode == "recent" and report.recent == 2 * len(NEW), report
    with serve(site) as url:
        yield {"site": site, "url": url}


@pytest.fixture(scope="module")
def parted_pages(browser, parted: dict):
    def watch(page, problems: list[str]) -> None:
        page.on("response", lambda r: _failed(r) and problems.append(f"{r.status} {r.url}"))

    with language_pages(browser, parted["url"], watch) as opened:
        yield opened


@pytest.mark.parametrize(("lang", "old"), [("ar", "الرئيس"), ("en", "president")])
def test_new_and_old_articles_are_found(parted_pages, lang: str, old: str) -> None:
    page = parted_pages[lang]
    found = _ids(search(page, WORD[lang]))
    assert sorted(found) == sorted(NEW), found
    ids = _ids(search(page, old))
    assert DATED in ids and set(NEW) <= set(ids), ids
    prefix = "/en/" if lang == "en" else "/articles/"
    assert all(r["href"].startswith(prefix) for r in search(page, old))


def test_sort_by_date_across_the_parts(parted_pages) -> None:
    page = parted_pages["ar"]
    page.focus("#na-search-input")
    page.click(".na-search__options > summary")
    # the year filter lists the years of both parts
    page.wait_for_function("document.querySelectorAll('[name=year] option').length > 1")
    years = page.eval_on_selector_all("[name=year] option", "os => os.map(o => o.value)")
    assert {"2030", "2015", "2010", "1999"} <= set(years[1:]), years
    dates = {DATED: DATE, **NEW}
    for order, newest in (("newest", True), ("oldest", False)):
        page.select_option("[name=sort]", order)
        ids = _ids(search(page, "الرئيس" if newest else "الرئيس "))
        expected = sorted(dates, key=dates.get, reverse=newest)
        assert ids[: len(expected)] == expected, ids  # undated articles after the dated
    page.select_option("[name=sort]", "")
    page.select_option("[name=year]", "2030")
    assert _ids(search(page, "الرئيس")) == ["ffff000000000030"]
    page.select_option("[name=year]", "")
    page.click(".na-search__options > summary")


def test_no_request_fails_without_a_recent_part(browser, site_url: str,
                                                seed_site: Path) -> None:
    entry = (seed_site / layout.BUNDLE / layout.ENTRY).read_text()
    assert layout.ENTRY_RECENT not in entry
    assert not (seed_site / layout.RECENT).exists()
    page = browser.new_page()
    failed: list[str] = []
    page.on("response", lambda r: _failed(r) and failed.append(f"{r.status} {r.url}"))
    page.on("console", lambda m: m.type in ("error", "warning") and "404" not in m.text
            and failed.append(m.text))
    page.goto(site_url + "/")
    assert _ids(search(page, "الرئيس"))
    page.close()
    assert failed == []


def test_every_part_is_merged(browser, parted: dict) -> None:
    """The search box reads every part the main entry names (and nothing fails)."""
    site = parted["site"]
    names = [*layout.part_folders(site), layout.RECENT]
    page = browser.new_page()
    seen: list[str] = []
    failed: list[str] = []
    page.on("response", lambda r: (seen.append(r.url),
                                   _failed(r) and failed.append(f"{r.status} {r.url}")))
    page.goto(parted["url"] + "/")
    ids = _ids(search(page, "الرئيس"))
    page.close()
    assert failed == []
    for name in names:
        assert any(f"/{name}/pagefind-entry.json" in url for url in seen), (name, seen)
        assert any(f"/{name}/" in url and ".pf_" in url for url in seen), (name, seen)
    assert DATED in ids
