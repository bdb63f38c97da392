"""The rendered site: both languages on every page, the language switch and hreflang pairs,
``lang``/``dir`` on ``<html>``, entity chips -> tag pages, the seed timeline; checked on the
seed site and on a site built from hand-made metadata (with paginated tag pages)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.pages_data import make_entry, small_archive
from tests.pages_site import build_entries_site
from tests.test_links import SITE_PATH, SITE_URL, crawl
from tests.test_site import IDS

SEED_000, SEED_001 = "2365a23702f008e8", "07113fe9eb90c3c4"
_SKIP = ("404.html", "assets/")


@pytest.fixture(scope="module")
def entries_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    entries = small_archive() + [make_entry(n, ["سوريا"], f"2016-01-{1 + n % 28:02d}")
                                 for n in range(10, 70)]
    return build_entries_site(tmp_path_factory.mktemp("entries-site"), entries)


def _pages(site: Path) -> dict[str, str]:
    """URL path (``/en/tags/people/x/``) -> HTML of every page of the site."""
    out = {}
    for path in sorted(site.rglob("index.html")):
        rel = path.relative_to(site).as_posix()
        if not rel.startswith(_SKIP):
            out["/" + rel[: -len("index.html")]] = path.read_text(encoding="utf-8")
    return out


def _url(page: str, href: str) -> str:
    """Site-relative URL path of ``href`` found on the page at ``page``."""
    if href.startswith(SITE_URL):
        return "/" + href[len(SITE_URL):]
    if href.startswith(SITE_PATH):
        return "/" + href[len(SITE_PATH):]
    return urljoin(f"http://site{page}", href)[len("http://site"):]


def _twin(url: str) -> str:
    return url[3:] if url.startswith("/en/") else "/en" + url


def _switch(html: str) -> dict[str, str]:
    return dict((lang, href) for href, lang in re.findall(
        r'<a href="([^"]+)" hreflang="([^"]+)" lang="\2" class="md-header__button na-lang"',
        html))


def _alternates(html: str) -> dict[str, str]:
    return dict((lang, href) for href, lang in re.findall(
        r'<link rel="alternate" href="([^"]+)" hreflang="([a-z]{2})">', html))


def _check_languages(site: Path) -> int:
    pages = _pages(site)
    for url, html in pages.items():
        lang, other = ("en", "ar") if url.startswith("/en/") else ("ar", "en")
        direction = "ltr" if lang == "en" else "rtl"
        assert re.search(f'<html lang="{lang}" dir="{direction}"', html), url
        assert _twin(url) in pages, f"{url} has no twin"
        switch = _switch(html)
        assert _url(url, switch[other]) == _twin(url), (url, switch)
        assert list(switch) == [other], (url, switch)  # the other language only
        alternates = _alternates(html)
        assert _url(url, alternates[lang]) == url, url
        assert _url(url, alternates[other]) == _twin(url), url
        twin_alternates = _alternates(pages[_twin(url)])
        assert _url(_twin(url), twin_alternates[lang]) == url, f"{url}: hreflang not symmetric"
    return len(pages)


def _chips_lead_to_listing_tag_pages(site: Path, article_urls: list[str]) -> int:
    pages = _pages(site)
    checked = 0
    for url in article_urls:
        html = pages[url]
        assert '<aside class="na-panel"' in html, f"{url} has no entity panel"
        panel = html.split('<aside class="na-panel"', 1)[1].split("</aside>", 1)[0]
        chips = re.findall(r'<li><a href="([^"]+)"', panel)
        assert chips, f"{url}: the entity panel holds no chip"
        for href in chips:
            tag = _url(url, href)
            assert tag in pages, (url, href)
            listed, page_url = False, tag
            while not listed:
                listing = pages[page_url].split('id="articles"', 1)[1]
                listed = any(_url(page_url, h) == url for h in re.findall(r'href="([^"]+)"',
                                                                          listing))
                nxt = re.search(r'rel="next" href="([^"]+)"', listing)
                if listed or not nxt:
                    break
                page_url = _url(page_url, nxt.group(1))
            assert listed, f"{tag} does not list {url}"
            checked += 1
    return checked


# --- seed site ----------------------------------------------------------------------------

@pytest.mark.parametrize("article_id", IDS)
def test_seed_articles_exist_in_both_languages(seed_site: Path, article_id: str) -> None:
    for prefix in ("", "en/"):
        assert (seed_site / prefix / "articles" / article_id / "index.html").is_file()


def test_seed_site_switch_hreflang_and_direction_on_every_page(seed_site: Path) -> None:
    assert _check_languages(seed_site) >= 2 * (len(IDS) + 8)


def test_seed_entity_chips_lead_to_tag_pages_listing_the_article(seed_site: Path) -> None:
    urls = [f"{prefix}/articles/{i}/" for i in IDS for prefix in ("", "/en")]
    # every seed page has its panel of chips (218 chips on the ten pages)
    assert _chips_lead_to_listing_tag_pages(seed_site, urls) >= 2 * len(urls)


def test_seed_timeline_order_and_year_unknown_section(seed_site: Path) -> None:
    """Needs the dates extractor: seed 000's dated events in order, seed 001's 28 November
    in the year-unknown section."""
    html = (seed_site / "timeline" / "index.html").read_text(encoding="utf-8")
    dated, _, rest = html.partition('id="year-unknown"')
    positions = []
    for day in ("2015-09-30", "2015-11-15", "2015-11-20"):
        match = re.search(rf'<li id="ev-{SEED_000}-\d+"><time datetime="{day}"',
                          dated)
        assert match, f"{day} of seed 000 is not on the timeline"
        positions.append(match.start())
    assert positions == sorted(positions)
    unknown = rest.split('id="undated"', 1)[0]
    item = re.search(rf'<li id="ev-{SEED_001}-\d+">28 نوفمبر', unknown)
    assert item, "28 نوفمبر of seed 001 is not in the year-unknown section"


# --- site from hand-made metadata ------------------------------------------------------------

def test_entries_site_links_resolve(entries_site: Path) -> None:
    problems = [p for p in crawl(entries_site) if "/feeds/" not in p]
    assert not problems, "\n".join(problems[:30])


def test_entries_site_switch_and_hreflang_on_paginated_pages(entries_site: Path) -> None:
    assert (entries_site / "en/tags/places/syria/page/2/index.html").is_file()
    # 64 articles and their tag pages (Syria's over two pages), in both languages
    assert _check_languages(entries_site) >= 2 * (64 + 2)


def test_entries_site_chips_lead_to_tag_pages_listing_the_article(entries_site: Path) -> None:
    urls = [f"{prefix}/articles/{n:016x}/" for n in (1, 2, 3, 4, 10, 69)
            for prefix in ("", "/en")]
    assert _chips_lead_to_listing_tag_pages(entries_site, urls) >= 20


def test_navigation_holds_index_pages_only(entries_site: Path) -> None:
    for prefix, labels in (("", ["الرئيسية", "الخط الزمني", "الأشخاص", "الأماكن", "المنظمات",
                                 "الأرشيف", "الاقتباسات", "عن الأرشيف"]),
                           ("en/", ["Home", "Timeline", "People", "Places", "Organisations",
                                    "Archive", "Quotes", "About"])):
        html = (entries_site / prefix / "articles/0000000000000001/index.html").read_text(
            encoding="utf-8")
        tabs = html.split('class="md-tabs__list"', 1)[1].split("</ul>", 1)[0]
        assert re.findall(r'<li><a href="[^"]*">([^<]+)</a></li>', tabs) == labels
        assert "articles/" not in tabs and "syria" not in tabs
        # written once: the tabs are also the drawer of narrow screens (archive.css)
        assert html.count('class="md-tabs__list"') == 1 and "md-nav--primary" not in html


def test_english_page_without_translation_is_searched_by_its_english(
        entries_site: Path, tmp_path: Path) -> None:
    """The English page of an article without a translation holds no Arabic body: the
    English index finds it by the English name of a person it mentions, and the Arabic
    words of its text find the Arabic page only; a translated article's English page keeps
    its English body."""
    from builder import search
    from builder.search.pagefind import indexed_pages

    site = tmp_path / "site"
    shutil.copytree(entries_site, site)
    search.index_site(site)
    pages = indexed_pages(site)
    en, ar = (pages[f"{lang}/articles/0000000000000002/"] for lang in ("/en", ""))
    assert "Maria Zakharova" in en["content"] and "Summary of article 2" in en["content"]
    body_words = ("المقال رقم 2", "الوضع صعب", "قلب الأحداث")
    assert not any(w in en["content"] for w in body_words)
    assert all(w in ar["content"] for w in body_words)
    translated = pages["/en/articles/0000000000000001/"]
    assert "Putin said in article 1" in translated["content"]
