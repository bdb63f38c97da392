"""Page planning from hand-made metadata: paths, links between pages, pagination, timeline,
related articles, slugs, both languages, escaping and determinism (no MkDocs involved)."""

from __future__ import annotations

import posixpath
import re
from dataclasses import replace

import pytest

from builder.config import URLS
from builder.model import Entity, Event, Quote, Span, Speaker
from builder.pages import plan, tags
from builder.pages.catalog import build_catalog, safe_slug
from builder.pages.common import Pager, paginate, relative
from builder.pages.related import related_articles
from builder.pages.tags import cooccurring
from builder.writer import render
from tests.helpers import keys_kept
from tests.pages_data import entity, make_entry, putin_quote, small_archive, small_lists


def _loc(path: str) -> str:
    """Inverse of ``Urls.source_path``: ``articles/x.en.md`` -> ``articles/x/``."""
    base = re.sub(r"(\.en)?\.md$", "", path)
    if base == "index":
        return ""
    return base[: -len("index")] if base.endswith("/index") or base == "index" else base + "/"


def _site(entries) -> dict[tuple[str, str], str]:
    """(lang, location) -> rendered page body."""
    out = {}
    for spec in plan(entries):
        lang = "en" if spec.path.endswith(".en.md") else "ar"
        key = (lang, _loc(spec.path))
        assert key not in out, key
        out[key] = render(spec).split("\n---\n", 1)[1]
    return out


def _links(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


def _listed(html: str) -> int:
    """How many articles the page's list of articles (``ul.na-list``) holds."""
    return html.split('<ul class="na-list">', 1)[1].split("</ul>", 1)[0].count("<li><a ")


def _resolve(loc: str, href: str) -> tuple[str, str]:
    """(target location, fragment) of a relative ``href`` on the page at ``loc``."""
    path, _, fragment = href.partition("#")
    if not path:
        return loc, fragment
    target = posixpath.normpath(posixpath.join(loc or ".", path))
    return ("" if target == "." else target + "/"), fragment


@pytest.fixture(scope="module")
def site() -> dict[tuple[str, str], str]:
    return _site(small_archive())


def test_source_paths_and_locations() -> None:
    assert URLS.source_path("", "ar") == "index.md"
    assert URLS.source_path("", "en") == "index.en.md"
    assert URLS.article_path("00000000000000aa", "en") == "articles/00000000000000aa.en.md"
    assert URLS.source_path("tags/people/x/page/2/", "ar") == "tags/people/x/page/2/index.md"
    assert _loc("tags/people/x/page/2/index.en.md") == "tags/people/x/page/2/"
    assert _loc("articles/00000000000000aa.md") == "articles/00000000000000aa/"


@pytest.mark.parametrize("source,target,expected", [
    ("articles/a/", "tags/people/b/", "../../tags/people/b/"),
    ("", "articles/a/", "articles/a/"),
    ("articles/a/", "", "../../"),
    ("tags/people/b/page/2/", "tags/people/b/", "../../"),
    ("timeline/", "timeline/", "./"),
])
def test_relative_urls(source: str, target: str, expected: str) -> None:
    assert relative(source, target) == expected


def test_every_page_exists_in_both_languages(site) -> None:
    ar = {loc for lang, loc in site if lang == "ar"}
    en = {loc for lang, loc in site if lang == "en"}
    assert ar == en
    for loc in ("", "timeline/", "tags/", "tags/people/", "tags/places/",
                "tags/organizations/", "archive/", "quotes/",
                "tags/people/vladimir-putin/", "quotes/vladimir-putin/"):
        assert loc in ar, loc


def _resolve_served(lang: str, loc: str, href: str) -> tuple[str, str, str]:
    """(language, location, fragment) of a relative ``href`` on the page at ``loc`` in
    ``lang``, resolved where the pages are served (``en/<loc>`` in English), so that a
    link from an English page to an Arabic one resolves too."""
    served, fragment = _resolve(URLS.served_loc(loc, lang), href)
    return *URLS.split_lang(served), fragment


def test_every_link_between_generated_pages_resolves(site) -> None:
    ids = {key: set(re.findall(r'\sid="([^"]+)"', html)) for key, html in site.items()}
    for (lang, loc), html in site.items():
        for href in _links(html):
            if href.startswith(("http:", "https:")):
                continue
            target_lang, target, fragment = _resolve_served(lang, loc, href)
            assert (target_lang, target) in site, f"{lang}:{loc} -> {href}"
            if fragment:
                assert fragment in ids[(target_lang, target)], f"{lang}:{loc} -> {href}"


def test_every_entity_chip_leads_to_a_tag_page_listing_the_article(site) -> None:
    checked = 0
    for (lang, loc), html in site.items():
        if not loc.startswith("articles/"):
            continue
        panel = html.split('<aside class="na-panel"', 1)[1].split("</aside>", 1)[0]
        for href in re.findall(r'<li><a href="([^"]+)"', panel):
            target, _ = _resolve(loc, href)
            assert target.startswith("tags/")
            listed = site[(lang, target)]
            assert f'href="{posixpath.relpath(loc, target)}/"' in listed, (loc, target)
            checked += 1
    assert checked >= 10


def test_first_mention_is_linked_in_the_body(site) -> None:
    html = site[("ar", "articles/0000000000000001/")]
    body = html.split('<div class="na-body"', 1)[1].split("</div>", 1)[0]
    assert body.count('href="../../tags/people/vladimir-putin/"') == 1
    assert '<a href="../../tags/people/vladimir-putin/">فلاديمير بوتين</a>' \
        in body


def test_english_page_shows_the_translation_and_english_names(site) -> None:
    html = site[("en", "articles/0000000000000001/")]
    assert '<div class="na-body" lang="en" dir="ltr">' in html
    assert "Putin said in article 1" in html
    assert "No English translation" not in html
    assert 'Vladimir Putin (<bdi lang="ar" dir="rtl">فلاديمير بوتين</bdi>)' in html
    assert "20 November 2015 (8 Safar 1437 AH)" in html
    assert "<h1 id=\"title\">Headline of article 1</h1>" in html


def test_english_page_without_translation_links_to_the_original(site) -> None:
    """No Arabic body repeated on the English page: its English summary, and one link to
    the Arabic page (where its figures, quotes and events link to the paragraphs)."""
    html = site[("en", "articles/0000000000000002/")]
    assert 'class="na-body"' not in html and ' id="p1"' not in html
    assert "ماريا زاخاروفا في المقال رقم 2" not in html  # the first paragraph
    assert '<p class="na-lede">Summary of article 2</p>' in html
    original = '<a href="../../../articles/0000000000000002/" hreflang="ar">'
    assert html.count(original) == 1
    assert f"{original}Read the full article in Arabic</a>" in html
    assert html.index("<h1") < html.index('class="na-lede"') < html.index(original)
    assert re.findall(r'href="([^"]*#p\d+)"', html) == [
        "../../../articles/0000000000000002/#p1",  # the figure
        "../../../articles/0000000000000002/#p2",  # the quote
        "../../../articles/0000000000000002/#p1",  # the event
    ]
    assert "paragraph 2 of the Arabic original" in html
    assert 'Maria Zakharova (<bdi lang="ar" dir="rtl">ماريا زاخاروفا</bdi>)' in html


def test_links_to_paragraphs_of_an_untranslated_article_lead_to_the_original(site) -> None:
    """The English timeline and quotes pages link an event or a quote of an article
    without English text to its paragraph on the Arabic page; of a translated one, to the
    English page. (Tag pages' timelines: the golden tree.)"""
    untranslated = 'href="{up}articles/0000000000000002/#p{n}" hreflang="ar"'
    for loc, up, n in (("timeline/", "../../", 1), ("quotes/maria-zakharova/", "../../../", 2)):
        assert untranslated.format(up=up, n=n) in site[("en", loc)], loc
        assert f'href="{up[3:]}articles/0000000000000002/#p{n}"' \
            in site[("ar", loc)], loc
    assert 'href="../../articles/0000000000000001/#p1">' in site[("en", "quotes/vladimir-putin/")]


def test_english_article_gets_the_mirror_treatment(site) -> None:
    ar = site[("ar", "articles/0000000000000004/")]
    en = site[("en", "articles/0000000000000004/")]
    assert "لا توجد ترجمة عربية" in ar and '<div class="na-body" lang="en" dir="ltr">' in ar
    assert "No English translation" not in en and '<div class="na-body" lang="en"' in en
    body = en.split('<div class="na-body"', 1)[1].split("</div>", 1)[0]
    assert '<a href="../../tags/people/vladimir-putin/"' in body


def test_mixed_direction_text_is_isolated(site) -> None:
    ar = site[("ar", "articles/0000000000000003/")]
    assert '<bdi lang="en" dir="ltr">RT Arabic</bdi>' in ar
    tag = site[("ar", "tags/people/vladimir-putin/")]
    assert '<bdi lang="en" dir="ltr">Vladimir Putin</bdi>' in tag
    en_tag = site[("en", "tags/people/vladimir-putin/")]
    assert '<bdi lang="ar" dir="rtl">فلاديمير بوتين</bdi>' in en_tag


def test_timeline_order_and_sections(site) -> None:
    html = site[("ar", "timeline/")]
    dated = html.split('id="year-unknown"', 1)[0]
    positions = [dated.index(f'datetime="{d}"') for d in
                 ("2015-09-30", "2015-11-15", "2015-11-17", "2015-11-20")]
    assert positions == sorted(positions)
    unknown = html.split('id="year-unknown"', 1)[1].split('id="undated"', 1)[0]
    assert "28 نوفمبر" in unknown and "في 28 نوفمبر" in unknown
    assert "2017" not in unknown and "--11-28" not in dated
    undated = html.split('id="undated"', 1)[1]
    assert "articles/0000000000000003/" in undated
    assert 'href="../articles/0000000000000001/#p2"' in dated


def test_article_events_link_to_their_timeline_entry(site) -> None:
    html = site[("en", "articles/0000000000000001/")]
    assert 'href="../../timeline/#ev-0000000000000001-2"' in html
    assert 'id="ev-0000000000000001-2"' in site[("en", "timeline/")]


def test_tag_page_lists_newest_first_with_cooccurring_and_small_timeline(site) -> None:
    html = site[("ar", "tags/people/vladimir-putin/")]
    articles = html.split('id="articles"', 1)[1]
    order = re.findall(r'href="\.\./\.\./\.\./articles/(\w+)/"', articles)
    assert order == ["0000000000000001", "0000000000000004", "0000000000000003"]
    # each name is mentioned with Putin in one article only: no "mentioned often with"
    assert 'id="with"' not in html and "na-together" not in html
    timeline = html.split('id="timeline"', 1)[1].split("</section>", 1)[0]
    # only events in paragraphs that mention Putin: 2015-09-30 (paragraph 2) is not one
    assert re.findall(r'datetime="([\d-]+)"', timeline) == ["2015-11-17", "2015-11-20"]
    # an event's words link to its paragraph; its article's headline is in the list only
    assert '<a href="../../../articles/0000000000000001/#p1"><q>' \
        in timeline and "عنوان المقال" not in timeline


def test_a_small_timeline_draws_on_two_articles_or_more(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Vienna's one article, and of Syria's two the one with full dates, have dated events
    in paragraphs naming them: that article's own page shows them, its tag pages link to
    it and do not repeat them. Putin's come from two articles."""
    entries = small_archive()
    pages = ("tags/places/vienna/", "tags/places/syria/", "tags/people/vladimir-putin/")

    def timelines() -> list[list[str]]:
        site = _site(entries)
        return [re.findall(r'datetime="([\d-]+)"', site[("ar", loc)].split(
            'id="timeline"', 1)[1].split("</section>", 1)[0])
            if 'id="timeline"' in site[("ar", loc)] else [] for loc in pages]

    assert timelines() == [[], [], ["2015-11-17", "2015-11-20"]]
    monkeypatch.setattr(tags, "SMALL_TIMELINE_MIN_ARTICLES", 1)
    assert timelines() == [["2015-11-17"], ["2015-09-30", "2015-11-15"],
                           ["2015-11-17", "2015-11-20"]]


def test_names_mentioned_with_a_tag_in_two_articles_or_more() -> None:
    entries = [*small_archive(),
               make_entry(5, ["فلاديمير بوتين", "سوريا", "جون كيري"], "2015-11-21")]
    catalog = build_catalog(entries)
    putin = next(t for t in catalog.tags.values() if t.en == "Vladimir Putin")
    pair = {("Syria", 2), ("John Kerry", 2)}
    assert {(t.en, n) for t, n in cooccurring(catalog, putin)} == pair
    assert {(t.en, n) for t, n in cooccurring(catalog, putin, minimum=1)[:2]} == pair
    assert len(cooccurring(catalog, putin, minimum=1)) > 2
    zakharova = next(t for t in catalog.tags.values() if t.en == "Maria Zakharova")
    assert cooccurring(catalog, zakharova) == []  # a name of one article
    html = _site(entries)[("ar", "tags/people/vladimir-putin/")]
    together = html.split('id="with"', 1)[1].split("</section>", 1)[0]
    assert together.count("<li>") == 2
    assert '"../../places/syria/"' in together and '"../john-kerry/"' in together


def test_quotes_by_speaker(site) -> None:
    html = site[("en", "quotes/vladimir-putin/")]
    assert "أمامنا عمل كبير" in html and '<blockquote lang="ar" dir="rtl">' in html
    # in the page's own language a quote inherits the page's lang and dir
    assert '<blockquote>أمامنا عمل كبير' in site[("ar", "quotes/vladimir-putin/")]
    assert 'href="../../articles/0000000000000001/#p1"' in html
    assert 'href="../../tags/people/vladimir-putin/"' in html  # the speaker's tag page
    index = site[("ar", "quotes/")]
    assert "vladimir-putin/" in index and "maria-zakharova/" in index


def test_home_counts_and_newest(site) -> None:
    html = site[("en", "")]
    assert re.search(r"People: <a href=\"tags/people/\">3</a>", html)
    assert re.search(r"Articles: <a href=\"archive/\">4</a>", html)
    newest = re.findall(r'href="articles/(\w+)/"', html)
    assert newest[:2] == ["0000000000000002", "0000000000000001"]


def test_archive_by_month(site) -> None:
    index = site[("en", "archive/")]
    assert 'href="2015/11/"' in index and 'href="2017/11/"' in index
    assert index.index("2017/11/") < index.index("2015/11/")
    assert 'href="undated/"' in index
    assert "November 2015" in site[("en", "archive/2015/11/")]


def test_tag_pages_paginate_newest_first() -> None:
    entries = [make_entry(n, ["سوريا"], f"2015-{1 + n % 12:02d}-{1 + n % 28:02d}")
               for n in range(1, 121)]
    site = _site(entries)
    assert ("ar", "tags/places/syria/page/3/") in site
    assert ("ar", "tags/places/syria/page/4/") not in site
    first = site[("ar", "tags/places/syria/")]
    assert _listed(first) == 50
    assert 'href="page/2/"' in first and 'rel="next"' in first
    third = site[("en", "tags/places/syria/page/3/")]
    assert _listed(third) == 20 and 'href="../2/"' in third
    dates = [re.findall(r'datetime="([\d-]+)"', site[("ar", loc)])
             for loc in ("tags/places/syria/", "tags/places/syria/page/2/")]
    flat = [d for page in dates for d in page]
    assert flat == sorted(flat, reverse=True)


def test_index_pages_paginate() -> None:
    names = [f"شخص{i}" for i in range(230)]
    entries = [make_entry(1, [], "2015-01-01",
                          extra=tuple(Entity("person", n, f"Person {i}", f"person-{i}")
                                      for i, n in enumerate(names)))]
    site = _site(entries)
    assert ("en", "tags/people/page/3/") in site
    ranked = site[("en", "tags/people/page/3/")].split('<ol class="na-ranked"', 1)[1]
    assert ranked.split("</ol>", 1)[0].count("<li><a ") == 30


def test_large_timeline_gets_a_page_per_year() -> None:
    entries = [make_entry(n, ["سوريا"], "2016-01-01",
                          events=tuple(Event(f"{2000 + n % 3}-0{1 + k % 9}-1{k % 9}",
                                             f"حدث {k}", 0) for k in range(4)))
               for n in range(1, 101)]
    site = _site(entries)
    assert ("ar", "timeline/2001/") in site and ("ar", "timeline/2002/page/2/") not in site
    index = site[("ar", "timeline/")]
    assert 'href="2000/"' in index and 'id="ev-' not in index
    article = site[("ar", "articles/0000000000000001/")]
    assert "../../timeline/2001/#ev-0000000000000001-1" in article


def test_page_size_does_not_grow_with_the_archive(monkeypatch) -> None:
    from builder.pages import home, tags, timeline

    # small pages so that small archives already paginate everything
    monkeypatch.setattr(tags, "PAGE_SIZE", 10)
    monkeypatch.setattr(timeline, "PAGE_SIZE", 20)
    monkeypatch.setattr(timeline, "SINGLE_PAGE_LIMIT", 20)
    monkeypatch.setattr(timeline, "UNDATED_PAGE_SIZE", 10)
    monkeypatch.setattr(home, "HOME_ARTICLES", 5)

    def sizes(n: int) -> dict[str, int]:
        entries = [make_entry(k, ["سوريا", "فلاديمير بوتين"], f"2015-11-{1 + k % 28:02d}",
                              events=(Event(f"2015-11-{1 + k % 28:02d}", "حدث", 0),))
                   for k in range(1, n + 1)]
        site = _site(entries)
        return {"tag": len(site[("ar", "tags/places/syria/")]),
                "article": len(site[("ar", "articles/0000000000000001/")]),
                "home": len(site[("ar", "")]),
                "timeline": max(len(h) for (lang, loc), h in site.items()
                                if loc.startswith("timeline/"))}
    small, large = sizes(60), sizes(300)
    for key in small:
        assert large[key] < small[key] * 1.3, (key, small[key], large[key])


def test_slugs_are_ascii_stable_and_collision_safe() -> None:
    assert safe_slug("vladimir-putin", "Vladimir Putin", "بوتين") == "vladimir-putin"
    assert safe_slug(None, "Mevlüt Çavuşoğlu", "مولود جاويش أوغلو") == "mevlut-cavusoglu"
    assert safe_slug("page", "Page", "بيج") == "page-name"
    no_ascii = safe_slug("", "", "قرية الخير")
    assert re.fullmatch(r"x-[0-9a-f]{10}", no_ascii)
    assert safe_slug("", "", "قرية الخير") == no_ascii != safe_slug("", "", "قرية أخرى")
    # two spellings with one English name are one tag; the display name is deterministic
    a = make_entry(1, ["فلاديمير بوتين"])
    b = make_entry(2, [], extra=(Entity("person", "بوتين", "Vladimir Putin",
                                        "vladimir-putin"),))
    catalog = build_catalog([a, b])
    tag = catalog.tags[("people", "vladimir-putin")]
    assert len(tag.entries) == 2 and tag.ar in ("بوتين", "فلاديمير بوتين")
    assert build_catalog([b, a]).tags[("people", "vladimir-putin")].ar == tag.ar


def test_related_articles_come_from_shared_entities() -> None:
    entries = [make_entry(1, ["فلاديمير بوتين", "سوريا", "موسكو"]),
               make_entry(2, ["فلاديمير بوتين", "سوريا", "موسكو"]),
               make_entry(3, ["سوريا"]),
               make_entry(4, ["فيينا"])]
    related = related_articles(build_catalog(entries), similar=None)
    assert related["0000000000000001"][:2] == ["0000000000000002", "0000000000000003"]
    assert related["0000000000000004"] == []
    assert all(aid not in ids for aid, ids in related.items())


def test_related_articles_are_filled_by_text_similarity() -> None:
    class Index:
        def similar(self, article_id: str, k: int = 5):
            return [("0000000000000003", 0.9), (article_id, 1.0)]

    entries = [make_entry(1, ["فيينا"]), make_entry(2, ["فيينا"]), make_entry(3, ["موسكو"])]
    related = related_articles(build_catalog(entries), k=2, similar=Index())
    assert related["0000000000000001"] == ["0000000000000002", "0000000000000003"]


def test_related_articles_in_forked_shares_are_the_same(monkeypatch) -> None:
    names = ["سوريا", "موسكو", "فيينا", "جون كيري", "فلاديمير بوتين"]
    entries = [make_entry(i, sorted({names[i % 5], names[(i * 3) % 5]})) for i in range(1, 30)]
    alone = related_articles(build_catalog(entries), similar=None)
    monkeypatch.setattr("builder.parallel.PARALLEL_MIN", 2)
    forked = related_articles(build_catalog(entries), similar=None)
    assert forked == alone and list(forked) == list(alone)
    assert sum(map(len, alone.values())) > 50


def test_article_text_and_names_are_escaped() -> None:
    evil = "<script>alert(1)</script>"
    entry = make_entry(1, [], paragraphs=(f"قال {evil} اليوم.",),
                       extra=(Entity("person", evil, evil, "", 1, "transliteration",
                                     (Span(0, 4, 4 + len(evil)),)),),
                       quotes=(replace(putin_quote(evil), speaker=replace(
                           putin_quote().speaker, ar=evil, en=None, slug=None)),))
    for (_lang, _loc), html in _site([entry]).items():
        assert "<script>" not in html


def test_plan_is_deterministic() -> None:
    first = [render(s) for s in plan(small_archive())]
    second = [render(s) for s in plan(list(reversed(small_archive())))]
    assert first == second


def test_adding_an_article_keeps_other_urls() -> None:
    before = {s.path for s in plan(small_archive())}
    after = {s.path for s in plan([*small_archive(), make_entry(9, ["سوريا"])])}
    assert {p for p in before if p.startswith("articles/")} <= after


def test_empty_archive_still_has_every_navigation_page() -> None:
    paths = {s.path for s in plan([])}
    for loc in ("", "timeline/", "tags/people/", "tags/places/", "tags/organizations/",
                "archive/", "quotes/"):
        assert URLS.source_path(loc, "ar") in paths and URLS.source_path(loc, "en") in paths


def test_pager_window() -> None:
    pages = paginate("x/", list(range(1000)), 10)
    assert len(pages) == 100 and pages[49].loc == "x/page/50/"
    assert pages[49].window() == [1, None, 48, 49, 50, 51, 52, None, 100]
    assert Pager("x/", 1, 1, []).window() == [1]


def test_only_web_links_to_the_original_article() -> None:
    from builder.model import Header

    entry = make_entry(1, ["سوريا"])
    ok = replace(entry, article=replace(entry.article, header=Header(url="https://e.org/a")))
    bad = replace(entry, article=replace(entry.article,
                                         header=Header(url="javascript:alert(1)")))
    assert 'href="https://e.org/a"' in _site([ok])[("ar", "articles/0000000000000001/")]
    assert "javascript:" not in _site([bad])[("ar", "articles/0000000000000001/")]


def _with_digests(entries):
    """Entries with a digest of their article and metadata (as the extraction cache gives)."""
    import hashlib

    return [replace(e, digest=hashlib.sha256(repr((e.article, e.meta)).encode()).hexdigest())
            for e in entries]


#: Every kind of generated page (its template).
PAGE_KINDS = ("article.md.j2", "tag.md.j2", "tag_index.md.j2", "tags.md.j2", "home.md.j2",
              "timeline.md.j2", "archive.md.j2", "quotes.md.j2", "speaker.md.j2")


def _key_variants() -> list[list]:
    """Archives that differ from one another in one input of some pages each (with small
    pages, see below): each comment says which input a pair of them tells apart."""
    base = _with_digests(small_archive())
    again = _with_digests
    first, second, third, fourth = base

    def meta(entry, **changes):
        return again([replace(entry, meta=replace(entry.meta, **changes))])[0]

    def events(entry, *dates):
        return meta(entry, events=(*entry.meta.events,
                                   *(Event(d, f"حدث في {d}", 0) for d in dates)))

    def lavrov(n: int, quoted: bool):
        speaker = Speaker("سيرغي لافروف", "Sergey Lavrov", "sergey-lavrov")
        return again([make_entry(n, [], f"2014-0{n % 9 + 1}-05",
                                 quotes=(Quote(speaker, "نص", 0),) if quoted else (),
                                 extra=() if quoted else (Entity(
                                     "person", "سيرغي لافروف", "Sergey Lavrov",
                                     "sergey-lavrov"),))])[0]

    extra = again([
        make_entry(9, ["فلاديمير بوتين", "سوريا"], "2016-01-05", quotes=(putin_quote("كلام"),),
                   events=(Event("2015-11-18", "حدث جديد", 0),)),
        make_entry(10, ["سوريا", "موسكو"], "2015-11-21",
                   events=(Event("2015-10-10", "حدث آخر", 1),))])
    # more articles that spell Putin's English name otherwise: his tag's name changes
    # on the pages of articles that did not change
    spelled = again([make_entry(20 + i, ["سوريا"], f"2016-02-1{i}", extra=(
        entity("فلاديمير بوتين", (), en="President Putin", slug_="vladimir-putin"),))
        for i in range(8)])
    respelled = [meta(e, entities=tuple(
        replace(x, en="President Putin") if x.slug == "vladimir-putin" else x
        for x in e.meta.entities)) for e in (first, fourth)]
    late = events(meta(third, events=()), "2015-12-31")  # article 3's event, moved
    zakharova = again([make_entry(16, [], "2014-03-03", quotes=(Quote(
        Speaker("ماريا زاخاروفا", "Maria Zakharova", "maria-zakharova"), "نص آخر", 0),))])
    return [
        base, list(reversed(base)), base[:-1], base[1:], [*base, *extra], [*base, *extra[:1]],
        [*base, *spelled],
        # Putin's name, on pages that list the same articles (his tag's second page)
        [*respelled[:1], second, third, *respelled[1:]],
        # an article's headline, on pages that list it and not on the others
        [meta(first, title_ar="عنوان آخر تماما"), *base[1:]],
        [first, second, meta(third, title_ar="عنوان ثالث"), fourth],
        # events before the others of 2015 in an article that shares no tag with article
        # 3: article 3's event moves to another timeline page, nothing else of it changes
        [meta(first, events=(Event("2014-01-02", "حدث أقدم", 0), *first.meta.events[1:])),
         *base[1:]],
        [first, events(second, "2015-01-02", "2015-01-03"), third, fourth],
        # a timeline page of the same articles' other events (same number of events)
        [first, events(second, "2015-01-02", "2015-01-03"), late, fourth],
        [first, events(second, "2015-01-02", "2015-12-30"), late, fourth],
        # an article moved in the archive, and within its tags' lists (the tag chart)
        [first, meta(second, date="2015-11-03"), *base[2:]],
        [*base, extra[0], meta(extra[1], date="2015-10-21")],
        # one more undated article: the archive index counts it
        [*base, *again([make_entry(12, ["جون كيري"], None)])],
        # a speaker who has no tag page, then one (same quotes); a new person (overview)
        [*base, lavrov(14, True)], [*base, lavrov(14, True), lavrov(15, False)],
        # a speaker's second quote: same rank, another count
        [*base, *zakharova],
    ]


def test_page_keys_stand_for_the_page_bytes(monkeypatch) -> None:
    """Plans of archives that differ in one input or another: a page planned with the same
    key in two of them has the same bytes in both (writer.py skips rendering it on that
    promise). Small pages, so that every kind of page is paginated and moves about."""
    small_lists(monkeypatch, tags_PAGE_SIZE=2, tags_INDEX_PAGE_SIZE=2, tags_OVERVIEW_TOP=1,
                timeline_PAGE_SIZE=2, timeline_SINGLE_PAGE_LIMIT=2)
    plans = [{s.path: s for s in plan(v)} for v in _key_variants()]
    pages: dict[int, str] = {}

    def page(spec) -> str:
        if id(spec) not in pages:
            pages[id(spec)] = render(spec)
        return pages[id(spec)]

    same: dict[str, int] = dict.fromkeys(PAGE_KINDS, 0)
    differ = dict(same)
    for path, spec, twin in keys_kept(plans):
        if spec.key == twin.key:
            same[spec.template] += 1
            assert page(spec) == page(twin), path
        else:
            differ[spec.template] += 1
    # every kind of page had both cases: pages kept and pages changed
    assert all(same.values()) and all(differ.values()), (same, differ)
    # without the articles' digests, only pages that show no article have a key
    keyed = [render(s) for s in plan(small_archive()) if s.key]
    assert keyed and not any(re.search(r"articles/\w{16}/", p) for p in keyed)
    assert {s.template for s in plan(small_archive())} == set(PAGE_KINDS)


def test_page_key_follows_the_names_of_the_article_tags() -> None:
    """A tag renamed by other articles changes the key of a page that shows it."""
    from builder.pages.article import article_page
    from builder.pages.timeline import event_layout

    entries = _with_digests(small_archive())
    catalog = build_catalog(entries)
    layout = event_layout(catalog)
    entry = entries[0]
    before = article_page(entry, "en", catalog, layout, [])
    page = render(before)  # pages are made when rendered: before the catalog changes
    key = catalog.article_tags(entry.meta.id)[0]
    catalog.tags[key] = replace(catalog.tags[key], en="Someone Else")
    after = article_page(entry, "en", catalog, layout, [])
    assert page != render(after)
    assert before.key != after.key


def test_tag_page_key_follows_its_articles() -> None:
    """An article that changes (a new digest) changes the keys of its tags' pages only."""
    from builder.pages.tags import tag_pages
    from builder.pages.timeline import event_layout

    entries = _with_digests(small_archive())
    catalog = build_catalog(entries)
    layout = event_layout(catalog)
    before = {s.path: s.key for s in tag_pages(catalog, layout, "ar")}
    assert all(before.values())
    entry = catalog.entries[0]
    changed = replace(entry, digest="changed")
    for tag in catalog.tags.values():
        tag.entries[:] = [changed if e is entry else e for e in tag.entries]
    after = {s.path: s.key for s in tag_pages(catalog, layout, "ar")}
    mine = {URLS.source_path(catalog.tags[k].loc, "ar") for k in catalog.article_tags(entry.meta.id)}
    assert mine and {p for p in before if before[p] != after[p]} == mine


#: (a list item's date is the Gregorian one since: the article's page gives the Hijri)
_FORMER_MACROS = """\
{% macro date(v, iso) -%}
<time datetime="{{ iso }}">{{ v.gregorian(iso) }}</time>
{%- endmacro %}
{% macro article_item(v, entry) -%}
<li><a href="{{ v.article(entry.meta.id) }}">{{ v.headline(entry.meta) }}</a>\
{% if entry.meta.date %} {{ date(v, entry.meta.date) }}{% endif %}\
<br><span class="na-summary">{{ v.summary(entry.meta) }}</span></li>
{%- endmacro %}
{% macro chip(v, tag, n=None) -%}
<a href="{{ v.url(tag.loc) }}">{{ v.name(tag.ar, tag.en) }}</a>\
{% if n is not none %} <small>{{ n }}</small>{% endif %}
{%- endmacro %}
{{ article_item(v, e) }}|{{ chip(v, tag) }}|{{ chip(v, tag, 7) }}"""


@pytest.mark.parametrize("date", ["2015-11-20", None])
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_item_and_chip_are_the_former_macros_markup(date, lang) -> None:
    from builder.pages.common import View
    from builder.writer import environment

    entry = make_entry(3, ["فلاديمير بوتين", "سوريا"], date=date)
    meta = replace(entry.meta, title_en="A <b> & \"c\"", summary_ar="ملخص <i>")
    entry = replace(entry, meta=meta)
    tag = next(iter(build_catalog([entry]).tags.values()))
    template = environment().from_string(_FORMER_MACROS)
    for loc in ("", "tags/people/x/", "articles/00000000000000ff/"):  # the second and
        v = View.of(lang, loc)  # third use what View.item and View.chip made once
        assert f"{v.item(entry)}|{v.chip(tag)}|{v.chip(tag, 7)}" == template.render(v=v, e=entry,
                                                                                     tag=tag)


@pytest.mark.parametrize("minimum", [1, 2, 3])
def test_tag_page_announces_its_feed_only_with_enough_articles(minimum: int) -> None:
    """The first page of a tag with at least ``minimum`` articles names its RSS feed in its
    front matter (the theme links it); other tags and later pages name none."""
    import yaml

    entries = [*small_archive(), *(make_entry(n, ["سوريا"]) for n in range(10, 70))]
    counts = {tag.loc: len(tag.entries) for tag in build_catalog(entries).tags.values()}
    assert {n >= minimum for n in counts.values()} == {True, False} or minimum == 1
    seen = 0
    for spec in plan(entries, tag_feed_min=minimum):
        front = yaml.safe_load(render(spec).split("---")[1])
        if "tag" not in front:
            assert "feed" not in front
            continue
        lang = "en" if spec.path.endswith(".en.md") else "ar"
        loc = _loc(spec.path)
        if loc in counts and counts[loc] >= minimum:
            assert front["feed"] == f"feeds/{lang}/{loc}rss.xml"
            seen += 1
        else:
            assert "feed" not in front, loc
    assert seen == 2 * sum(n >= minimum for n in counts.values())


@pytest.mark.parametrize(("headline", "text", "shown"), [
    ("أكد بلاتر أنه", "أكد بلاتر أنه لن يترشح في انتخابات 2016.", False),  # cut from the lead
    ("أكد بلاتر أنه لن يترشح", "أكد  بلاتر\nأنه لن يترشح، وقال …", False),  # blanks differ
    ("أكد بلاتر أنه لن يترشح في انتخابات 2016 ولا بعدها", "أكد بلاتر أنه لن يترشح …", False),
    ("بلاتر لن يترشح", "أكد رئيس الاتحاد الدولي أنه لن يترشح.", True),  # an editor's headline
    ("On Syria: Vladimir Putin", "Summary generated from the article's metadata (no English "
     "translation yet): Mentions Vladimir Putin. Places: Syria.", False),
    ("تقرير", "ملخص مولَّد من بيانات المقال (لا توجد ترجمة عربية بعد): يذكر بوتين.", False),
    ("Putin praises the strikes", "The Russian president said the strikes worked.", True),
    ("عنوان", "", False),
    ("", "ملخص", True),
])
def test_lists_show_a_summary_only_when_it_says_more_than_the_headline(
        headline: str, text: str, shown: bool) -> None:
    from builder.pages.common import View, summary_adds

    assert summary_adds(headline, text) is shown
    entry = make_entry(5, ["سوريا"])
    if headline:
        entry = replace(entry, meta=replace(entry.meta, title_ar=headline, summary_ar=text))
        item = View.of("ar", "").item(entry)
        assert ('class="na-summary"' in item) is shown


@pytest.mark.parametrize(("text", "near", "words", "expected"), [
    ("a b c", None, 3, "a b c"),
    ("a b c d e", None, 3, "a b c …"),
    ("a b c d e f", "e", 3, "… d e f"),
    ("a b c d e f g h", "c", 3, "a b c …"),  # within the first words: from the start
    ("a b c d e f g h", "f", 4, "… d e f g …"),
    ("a b c d e f g h", "zz", 3, "a b c …"),
])
def test_excerpt(text: str, near: str | None, words: int, expected: str) -> None:
    from builder.pages.common import excerpt

    assert excerpt(text, near, words) == expected


def test_article_quotes_long_sentences_of_its_body_as_excerpts() -> None:
    """Events and figures link to the paragraph that holds their whole sentence: the page
    shows an excerpt beside them, the body the sentence itself."""
    from builder.model import Figure
    from builder.pages.common import EXCERPT_WORDS

    words = [f"كلمة{i}" for i in range(40)]
    sentence = " ".join(words[:30]) + " 2289 طلعة " + " ".join(words[30:])
    entry = make_entry(7, ["سوريا"], paragraphs=(sentence, "فقرة ثانية."),
                       events=(Event("2015-11-20", sentence, 0),))
    entry = replace(entry, meta=replace(entry.meta, figures=(
        Figure(2289.0, "طلعة", sentence, 0),)))
    page = _site([entry])[("ar", f"articles/{entry.meta.id}/")]
    body = page.split('<div class="na-body"')[1].split("</div>")[0]
    assert sentence in body
    events = page.split('<section class="na-events"')[1].split("</section>")[0]
    quoted = re.search(r"<q[^>]*>(.*?)</q>", events).group(1)
    assert quoted == " ".join(sentence.split()[:EXCERPT_WORDS]) + " …"
    figures = page.split('<section class="na-figures"')[1].split("</section>")[0]
    cell = re.findall(r'<a href="#p1">(.*?)</a>', figures)[0]
    assert "طلعة" in cell and cell.startswith("… ") and len(cell.split()) <= EXCERPT_WORDS + 2


def test_article_front_matter_holds_what_mkdocs_reads() -> None:
    """Title, description, id, language, date, source, address and the entities' names;
    the events, figures, quotes and mention places are in the page's HTML only."""
    import yaml

    from builder.pages.article import ENTITY_FIELDS

    entries = small_archive()
    for spec in plan(entries):
        if not spec.path.startswith("articles/"):
            continue
        front = yaml.safe_load(render(spec).split("\n---\n", 1)[0][4:])
        assert set(front) == {"lang", "date", "entities", "title", "description",
                              "article_id", "source", "url", "markup"}, spec.path
        assert all(set(e) == set(ENTITY_FIELDS) for e in front["entities"])
    putin = next(e for e in plan(entries) if e.path == f"articles/{entries[0].meta.id}.en.md")
    front = yaml.safe_load(render(putin).split("\n---\n", 1)[0][4:])
    assert front["title"] == "Headline of article 1" and front["date"] == "2015-11-20"
    assert {"type": "person", "ar": "فلاديمير بوتين", "en": "Vladimir Putin"} \
        in front["entities"]
