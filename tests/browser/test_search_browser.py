"""The search box in Chromium, on the built seed site: every spelling finds the article, in
the page's language only, with headline, date and a highlighted snippet."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
import yaml

from builder.search.language import words
from builder.search.markup import indexed_text
from tests.browser.pages import language_pages, type_query

pytestmark = pytest.mark.browser

#: Seed article ids by corpus number.
SEED = {
    0: "2365a23702f008e8",
    1: "07113fe9eb90c3c4",
    2: "da119672f8d1c69d",
    3: "ac94255f7615738d",
    4: "dff0eda70fa24883",
}


@pytest.fixture(scope="module")
def pages(browser, site_url: str):
    """One Arabic and one English page, reused by the queries of this module."""
    with language_pages(browser, site_url) as opened:
        yield opened


def search(page, query: str) -> list[dict]:
    """Type ``query`` into the header search box; the results as shown."""
    type_query(page, query)
    return page.eval_on_selector_all(
        ".na-search__result",
        """els => els.map(e => ({
             kind: e.dataset.kind,
             href: e.querySelector('a').getAttribute('href'),
             title: e.querySelector('.na-search__title').textContent,
             meta: e.querySelector('.na-search__meta').textContent,
             marks: Array.from(e.querySelectorAll('.na-search__snippet mark'))
                         .map(m => m.textContent),
           }))""")


def _ids(results: list[dict]) -> list[str]:
    return [r["href"].rstrip("/").rsplit("/", 1)[-1] for r in results]


@pytest.mark.parametrize(
    ("query", "seed", "written"),
    [
        ("الروسي", 1, "الروسى"),  # ى / ي
        ("الروسى", 0, "الروسي"),
        ("ايران", 4, "إيران"),  # hamza
        ("إيران", 1, "وايران"),  # hamza, and the conjunction
        ("اعلنت", 3, "أعلنت"),
        ("اعلن", 1, "أعلن"),
        ("المدينه", 1, "المدينة"),  # ة / ه
        ("الأَسَد", 3, "الأسد"),  # tashkeel in the query
        ("لافـــروف", 2, "لافروف"),  # tatweel in the query
        ("وموسكو", 2, "موسكو"),  # proclitic in the query
        ("بالحكومة", 1, "الحكومة"),
        ("والحكومات", 1, "الحكومة"),
        ("«الأمم المتحدة»،", 1, "الأمم"),  # guillemets and Arabic comma
        ("موسكو،لافروف", 2, "لافروف"),  # Arabic comma between two words
    ],
)
def test_arabic_spellings_find_the_article(pages, query: str, seed: int, written: str) -> None:
    results = search(pages["ar"], query)
    assert SEED[seed] in _ids(results), (query, _ids(results))
    hit = next(r for r in results if r["href"].rstrip("/").endswith(SEED[seed]))
    assert hit["title"] and hit["marks"], hit  # headline and a highlighted snippet
    assert all(not r["href"].startswith("/en/") for r in results)  # Arabic pages only


@pytest.mark.parametrize(
    ("query", "seed"),
    [("Lavrov", 2), ("lavrov", 2), ("Sergey Lavrov", 2), ("Zakharova", 1), ("Putin", 0)],
)
def test_english_pages_search_in_english(pages, query: str, seed: int) -> None:
    results = search(pages["en"], query)
    assert SEED[seed] in _ids(results), (query, _ids(results))
    assert all(r["href"].startswith("/en/") for r in results)  # English pages only
    hit = next(r for r in results if r["href"].rstrip("/").endswith(SEED[seed]))
    assert any(query.split()[-1].lower() in m.lower() for m in hit["marks"]), hit


_RECALL = """async (cases) => {
  const pf = await import(new URL('pagefind/pagefind.js', location.origin + '/').href);
  await pf.options({noWorker: true});
  const rules = await (await fetch('/assets/javascripts/search-rules.json')).json();
  const api = window.naSearch;
  const shards = new Map();
  const shard = (key) => {
    if (!shards.has(key)) {
      shards.set(key, fetch('/' + rules.words + key + '.json')
        .then((r) => (r.ok ? r.json() : null)).then(api.shardOf));
    }
    return shards.get(key);
  };
  const misses = [];
  let n = 0;
  for (const [hash, words] of cases) {
    for (const word of words) {
      const folded = api.fold(word, rules);
      const mine = api.needsShard(folded, rules.clitics)
        ? await shard(api.wordShard(folded, rules.clitics)) : null;
      const form = api.pagefindTerm(api.searchForm(word, rules, mine), rules.clitics);
      if (form.length < 2) continue;
      n++;
      const found = await pf.search(form);
      if (!found.results.some((r) => r.id === hash)) misses.push([hash, word, form]);
    }
  }
  return [n, misses];
}"""


def _fragments(site: Path) -> dict[str, dict]:
    """Pagefind's record of every indexed article page, by page id."""
    out = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        out[path.stem] = json.loads(data[len(b"pagefind_dcd"):])
    return out


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_word_of_every_seed_page_finds_its_page(pages, seed_site: Path,
                                                      lang: str) -> None:
    """The contract between the index-only forms and the search box, on all the seeds."""
    cases = []
    for page_id, fragment in sorted(_fragments(seed_site).items()):
        if fragment["url"].startswith("/en/") != (lang == "en"):
            continue
        html = (seed_site / fragment["url"].strip("/") / "index.html").read_text()
        html = re.sub(r'<div id="na-search-forms"[^>]*>[^<]*</div>', "", html)
        cases.append((page_id, sorted(set(words(indexed_text(html))))))
    assert len(cases) == len(SEED)
    n, misses = pages[lang].evaluate(_RECALL, cases)
    assert n > 1000 and misses == [], misses[:20]


def test_result_shows_date_and_direction(pages, seed_site: Path) -> None:
    ar = search(pages["ar"], "نوفمبر")
    dated = [r for r in ar if r["href"].rstrip("/").endswith(SEED[0])]
    assert dated and "2015" in dated[0]["meta"] and "نوفمبر" in dated[0]["meta"], ar
    panel = pages["ar"].locator(".na-search__panel")
    assert panel.evaluate("e => getComputedStyle(e).direction") == "rtl"
    en = search(pages["en"], "November")
    dated = [r for r in en if r["href"].rstrip("/").endswith(SEED[0])]
    assert dated and "November 2015" in dated[0]["meta"], en
    assert pages["en"].locator(".na-search__panel").evaluate(
        "e => getComputedStyle(e).direction") == "ltr"


def test_page_chrome_is_not_indexed(pages) -> None:
    # words of the header, navigation and footer only
    assert search(pages["en"], "Material") == []
    assert search(pages["ar"], "الاقتباسات") == []


def test_the_index_only_part_is_not_served(pages, site_url: str) -> None:
    """Filters, names the text does not write and search forms are made for the index
    only (builder/search/decorate.py): the page does not carry them, and a name it does
    not write still finds it."""
    page = pages["ar"].context.new_page()
    page.goto(f"{site_url}/articles/{SEED[1]}/")
    assert page.locator(".na-article").count() == 1
    assert page.locator("#na-search-forms").count() == 0
    assert page.locator("[data-pagefind-filter], [data-pagefind-meta='date']").count() == 0
    assert "zakharova" not in page.inner_text("body").lower()  # (its JSON-LD names her)
    page.close()
    assert SEED[1] in _ids(search(pages["ar"], "zakharova"))


def _dates(seed_project: Path) -> dict[str, str]:
    """Article id -> ISO date, from the front matter of the seed pages."""
    dates = {}
    for path in (seed_project / "docs" / "articles").glob("*.md"):
        if path.name.count(".") == 1:  # the Arabic page
            front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
            if front.get("date"):
                dates[path.stem] = str(front["date"])
    return dates


def test_sort_by_date_and_filter_by_year(pages, seed_project: Path) -> None:
    dates = _dates(seed_project)
    assert dates, "no seed page has a date (seed 000's is read from its text)"
    page = pages["ar"]
    page.focus("#na-search-input")
    page.click(".na-search__options > summary")
    page.wait_for_function("document.querySelectorAll('[name=year] option').length > 1")
    years = page.eval_on_selector_all("[name=year] option", "os => os.map(o => o.value)")
    assert set(years[1:]) == {d[:4] for d in dates.values()}
    year = years[1]
    page.select_option("[name=year]", year)
    ids = _ids(search(page, "الرئيس"))
    assert ids and all(dates.get(i, "")[:4] == year for i in ids), ids
    page.select_option("[name=year]", "")
    for order, newest in (("newest", True), ("oldest", False)):
        page.select_option("[name=sort]", order)
        ids = _ids(search(page, "الرئيس" if newest else "روسيا"))
        shown = [dates[i] for i in ids if i in dates]
        assert shown and shown == sorted(shown, reverse=newest), ids
        assert ids[0] in dates  # dated articles before undated ones
    page.select_option("[name=sort]", "")
    page.click(".na-search__options > summary")


@pytest.mark.parametrize(("lang", "query"), [("en", "Lavrov"), ("ar", "لافروف")])
def test_entity_page_is_offered_first(pages, seed_site: Path, lang: str, query: str) -> None:
    prefix = "en/" if lang == "en" else ""
    tags = sorted((seed_site / prefix / "tags" / "people").glob("*lavrov*/index.html"))
    assert tags, "the seed site has no tag page for Lavrov (seed 002 names him)"
    slug = tags[0].parent.name
    results = search(pages[lang], query)
    assert results[0]["kind"] == "person", results
    assert results[0]["href"].rstrip("/").endswith(f"/tags/people/{slug}"), results[0]
    assert results[0]["href"].startswith("/en/" if lang == "en" else "/tags/")
    assert results[0]["title"] and results[0]["meta"]  # the name, and the kind as a badge
    articles = [r for r in results if r["kind"] == "article"]
    assert SEED[2] in _ids(articles)
    # filters and date order apply to articles only
    page = pages[lang]
    page.click(".na-search__options > summary")
    page.select_option("[name=sort]", "newest")
    assert all(r["kind"] == "article" for r in search(page, query + " "))
    page.select_option("[name=sort]", "")
    page.click(".na-search__options > summary")


def test_query_in_the_address_opens_the_search(browser, site_url: str) -> None:
    page = browser.new_page()
    page.goto(site_url + "/en/?q=Lavrov")
    page.wait_for_function(
        "document.querySelector('[data-na-search]').dataset.state === 'done'")
    assert page.input_value("#na-search-input") == "Lavrov"
    hrefs = page.eval_on_selector_all(".na-search__result a", "as => as.map(a => a.href)")
    assert any(h.rstrip("/").endswith(SEED[2]) for h in hrefs), hrefs
    page.close()


def test_narrow_screen_opens_the_box_from_the_header(browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(site_url + "/")
    assert not page.is_visible("#na-search-input")
    page.click(".na-search__toggle")
    assert page.is_visible("#na-search-input")
    assert SEED[4] in _ids(search(page, "ايران"))
    page.keyboard.press("Escape")
    assert not page.is_visible(".na-search__panel")
    context.close()
