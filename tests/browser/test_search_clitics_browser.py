"""The search box in Chromium finds a word with or without its clitics, keeps the letters a
word owns, ranks articles holding every word of a query first, and finds articles by the
English names of their people, places and organisations on both sides.

The site is built from a small corpus written for these tests (synthetic Arabic sentences,
``tests/fixtures/search_clitics``): each case's word is written in one article only, with
another clitic than the one typed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from builder.search import forms
from builder.search.language import rules
from builder.search.layout import WORDS_BUNDLE
from tests.browser.pages import found_articles, language_pages, serve
from tests.helpers import build_site, make_project

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "search_clitics"
#: Article ids of the fixture corpus, by file number.
A = {n: f"c1171c00000000{n:02d}" for n in range(1, 11)}


@pytest.fixture(scope="module")
def clitic_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("clitics-project"), FIXTURES)
    return build_site(project)


@pytest.fixture(scope="module")
def clitic_url(clitic_site: Path) -> Iterator[str]:
    with serve(clitic_site) as url:
        yield url


@pytest.fixture(scope="module")
def boxes(browser, clitic_url: str):
    """An Arabic and an English page with the search box, reused by the queries."""
    with language_pages(browser, clitic_url) as opened:
        yield opened


@pytest.mark.parametrize(
    ("query", "article", "written"),
    [
        ("واستضاف", 1, "استضاف"),  # و typed
        ("أطلقت", 1, "وأطلقت"),  # و written (before alef: Pagefind's stemmer keeps it)
        ("أفهم", 10, "وأفهم"),
        ("استأنفت", 2, "فاستأنفت"),  # ف
        ("مبادرة", 3, "بمبادرة"),  # ب
        ("بتبوك", 1, "تبوك"),
        ("مزارعي", 3, "لمزارعي"),  # ل
        ("لتبوك", 1, "تبوك"),
        ("مستشار", 3, "كمستشار"),  # ك
        ("التبرعات", 4, "والتبرعات"),  # وال
        ("ومسقط", 9, "مسقط"),
        ("المتطوعين", 4, "بالمتطوعين"),  # بال
        ("بالمستشفى", 10, "المستشفى"),
        ("وبالمتطوعين", 4, "بالمتطوعين"),  # و + بال
        ("المخيم", 5, "للمخيم"),  # لل
        ("للاجتماع", 10, "الاجتماع"),
        ("المسابقة", 5, "فالمسابقة"),  # فال
        ("المعتاد", 6, "كالمعتاد"),  # كال
        ("الميزانية", 6, "ميزانيتها"),  # ـها
        ("المدرب", 6, "مدربهم"),  # ـهم
        ("المكتب", 6, "مكتبه"),  # ـه
    ],
)
def test_a_word_finds_its_clitic_forms(boxes, query: str, article: int, written: str) -> None:
    found = found_articles(boxes["ar"], query)
    assert A[article] in found[:10], (query, written, found)


def test_a_word_that_owns_its_waw_keeps_it(boxes, clitic_site: Path) -> None:
    # the archive writes الوزير and الواحد: their و is theirs, in the lexicon the build wrote
    c = rules().clitics
    for word in ("وزير", "واحد"):
        key = forms.word_shard(word, c)
        shard = json.loads((clitic_site / WORDS_BUNDLE / f"{key}.json").read_text("utf-8"))
        assert word in shard["own"], (word, shard)
    # وزير is found in the article that writes الوزير, بوزير, للوزير, and not where زير is
    # written (the play الزير سالم: Pagefind's stemmer alone would strip the و)
    found = found_articles(boxes["ar"], "وزير")
    assert found and found[0] == A[7] and A[8] not in found, found
    assert A[8] in found_articles(boxes["ar"], "الزير")
    assert found_articles(boxes["ar"], "الوزير")[0] == A[7]
    # واحد is not read as و + أحد: the article that only writes أحد is not found
    found = found_articles(boxes["ar"], "واحد")
    assert A[7] in found and A[8] not in found, found
    assert A[8] in found_articles(boxes["ar"], "أحد")


def test_articles_holding_every_word_come_first(boxes) -> None:
    found = found_articles(boxes["ar"], "التمور الصيفي")
    assert found[0] == A[5], found  # both words
    assert A[2] in found[1:], found  # التمور only, after
    found = found_articles(boxes["ar"], "والتمور بالمهرجان")
    assert found[0] == A[2], found


@pytest.mark.parametrize("query", ["Zarif", "Houthis", "Houthi", "Jazan"])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_english_names_find_their_articles_on_both_sides(boxes, lang: str, query: str) -> None:
    found = found_articles(boxes[lang], query)
    assert A[9] in found, (lang, query, found)
