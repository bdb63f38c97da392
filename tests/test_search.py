"""builder/search/: search forms, Pagefind attributes, the JS twin of the forms, and the
search bundle of the seed site. The browser side is in tests/browser/test_search_browser.py.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from builder import search
from builder.normalize import normalize
from builder.search import (
    decorate,
    entities,
    forms,
    language,
    layout,
    markup,
    pagefind,
    parts,
    slim,
)
from builder.search import plan as index_plan
from tests.helpers import CORPUS, REPO, SAUDI

SEARCH_JS = REPO / "docs" / "assets" / "javascripts" / "search.js"
SEED_IDS = ("2365a23702f008e8", "07113fe9eb90c3c4", "da119672f8d1c69d", "ac94255f7615738d",
            "dff0eda70fa24883")


def _seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]


@pytest.mark.parametrize(
    ("typed", "form"),
    [
        ("إيران", "ايران"),  # hamza below
        ("أعلنت", "اعلنت"),  # hamza above
        ("آشتون", "اشتون"),  # madda
        ("الروسى", "روسي"),  # alef maqsura, article
        ("الروسي", "روسي"),
        ("المدينة", "مدينه"),  # ta marbuta
        ("مُوسْكُو", "موسكو"),  # tashkeel
        ("مـــوسكو", "موسكو"),  # tatweel
        ("وموسكو", "موسكو"),  # conjunction
        ("بالحكومة", "حكومه"),  # preposition + article
        ("والحكومات", "حكومات"),  # conjunction + article
        ("للحكومة", "حكومه"),  # lam + article
        ("ولد", "ولد"),  # too short to strip
        ("الله", "الله"),  # article leaves one letter: kept
        ("Lavrov", "lavrov"),
        ("٢٠١٥", "2015"),
    ],
)
def test_query_form(typed: str, form: str) -> None:
    """Without the archive's lexicon (tests/test_search_forms.py has it)."""
    assert language.query_form(typed) == form


def test_variants_share_one_form() -> None:
    pairs = [("ايران", "وإيران"), ("اعلنت", "أعلنت"), ("الروسى", "الروسي"),
             ("المدينه", "والمدينة"), ("موسكو", "وموسكو"), ("الحكومة", "بالحكومة")]
    for a, b in pairs:
        assert language.query_form(a) == language.query_form(b), (a, b)


def test_words_split_on_arabic_punctuation() -> None:
    assert language.words("«داعش»،موسكو؛ «أستانة7»") == ["داعش", "موسكو", "أستانة7"]
    assert language.words("بُوتِين بـوتين") == ["بُوتِين", "بـوتين"]


def test_index_forms_adds_what_the_text_lacks() -> None:
    forms = decorate.index_forms("أعلن الرئيس الروسى وإيران موسكو", ["Sergey Lavrov"])
    assert forms == ["اعلن", "رئيس", "روسي", "ايران", "sergey", "lavrov"]
    # a word already written in its search form adds nothing
    assert decorate.index_forms("موسكو سوريا") == []


def test_every_seed_word_is_findable_by_its_form() -> None:
    """The contract with search.js: a word's query form, as Pagefind is given it, is in the
    index of its page."""
    clitics = language.rules().clitics
    for text in _seed_texts():
        written = {w.lower() for w in language.words(text)}
        indexed = written | set(decorate.index_forms(text))
        for word in language.words(text):
            form = forms.pagefind_term(language.query_form(word), clitics)
            assert len(form) < 2 or form in indexed, word


def test_indexed_text_reads_only_the_body_and_skips_ignored_sections() -> None:
    page = ('<nav>قائمة</nav><article class="x" data-pagefind-body><h1>عنوان</h1>'
            '<p>نص &amp; «كلام»</p><section class="na-related" data-pagefind-ignore>'
            '<p>مقال آخر</p></section></article><footer>تذييل</footer>')
    text = markup.indexed_text(page)
    assert "عنوان" in text and "نص & «كلام»" in text
    assert "قائمة" not in text and "تذييل" not in text and "مقال آخر" not in text
    assert markup.indexed_text("<p>بدون جسم</p>") == ""


ARTICLE = (
    '<article class="na-article" lang="ar" dir="rtl" data-pagefind-body>'
    '<h1 id="title">أعلن الرئيس الروسى</h1><div class="na-body"><p>زار لافروف وإيران</p></div>'
    '<section class="na-related"><h2>ذات صلة</h2><p>العراق</p></section>'
    '</article>'
)


def _meta(**extra: object) -> dict:
    meta = {
        "article_id": "07113fe9eb90c3c4",
        "date": "2015-11-20",
        "entities": [
            {"type": "person", "ar": "سيرغي لافروف", "en": "Sergey Lavrov", "slug": "s"},
            {"type": "place", "ar": "إيران", "en": "Iran", "slug": "iran"},
            {"type": "weapon", "ar": "صاروخ", "en": "<b>x</b>", "slug": "x"},
        ],
    }
    meta.update(extra)
    return meta


def _ld_head(meta: dict, lang: str) -> str:
    """A page head with the JSON-LD of ``meta`` as overrides/partials/archive-meta.html
    writes it (the mentions: entities of the three types, named in ``lang``)."""
    things = []
    for e in meta.get("entities") or []:
        if e["type"] not in ("person", "place", "organization"):
            continue
        name = e.get(lang) or e["ar"]
        other = e["en"] if name == e["ar"] else e["ar"]
        thing = {"@type": e["type"].capitalize(), "name": name}
        if other and other != name:
            thing["alternateName"] = other
        things.append(thing)
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "inLanguage": lang,
          "mentions": things}
    text = json.dumps(ld, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
    return (f'<head><title>t</title><script type="application/ld+json" '
            f'id="{layout.ARTICLE_LD_ID}">{text}</script></head>')


def _indexed(page: str) -> str:
    """The ``data-pagefind-body`` element as Pagefind is given it (its slim copy's)."""
    return markup.body_element(slim.slim_page(page))


def test_decorate_article_adds_sort_meta_and_ignored_sections_only() -> None:
    out = decorate.decorate_article(ARTICLE, _meta())
    start = re.search(r"<article[^>]*>", out).group(0)
    assert 'data-pagefind-body' in start and 'data-pagefind-meta="kind:article"' in start
    assert 'data-pagefind-sort="date:2015-11-20"' in start
    assert '<section class="na-related" data-pagefind-ignore>' in out
    # the served page carries no filters and no index-only block: indexing makes them
    assert "data-pagefind-filter" not in out and 'id="na-search-forms"' not in out
    assert "hidden" not in out


def test_indexing_adds_date_filters_and_names_from_the_json_ld() -> None:
    meta = _meta()
    page = f'<html lang="ar">{_ld_head(meta, "ar")}<body>' \
        f'{decorate.decorate_article(ARTICLE, meta)}</body></html>'
    out = _indexed(page)
    assert '<span data-pagefind-meta="date">2015-11-20</span>' in out
    assert '<span data-pagefind-filter="year">2015</span>' in out
    assert '<span data-pagefind-filter="person">سيرغي لافروف</span>' in out
    assert '<span data-pagefind-filter="place">إيران</span>' in out
    assert "weapon" not in out and "صاروخ" not in out  # not a type of the JSON-LD
    block = re.search(r'<div id="na-search-forms" hidden aria-hidden="true">([^<]*)</div>', out)
    # the names' words that the text does not write (the forms come at indexing)
    assert block.group(1).split() == ["سيرغي", "sergey", "lavrov", "إيران", "iran"]
    assert out.index('id="na-search-forms"') < out.rindex("</article>")
    assert out.endswith("</div></article>")
    # made once: the slim copy (which has them) gives the same
    assert _indexed(slim.slim_page(page)) == out
    # the indexing step adds the search forms of the words, names included
    indexed = decorate.add_forms(out, None)
    forms = re.search(r'<div id="na-search-forms" hidden aria-hidden="true">([^<]*)</div>',
                      indexed).group(1).split()
    assert {"ايران", "روسي", "سيرغي", "sergey", "lavrov", "اعلن", "رئيس"} <= set(forms)
    assert "عراق" not in forms  # related-articles section is not indexed
    bare = decorate.add_forms(out.replace(block.group(0), ""), None)  # a page without names
    assert 'id="na-search-forms"' in bare and "sergey" not in bare and "اعلن" in bare
    assert decorate.add_forms("<p>نص</p>", None) == "<p>نص</p>"
    # without JSON-LD (not an article's head): the date only
    plain = _indexed(f'<html lang="ar"><body>{decorate.decorate_article(ARTICLE, meta)}'
                     '</body></html>')
    assert 'data-pagefind-filter="year"' in plain and "person" not in plain
    assert 'id="na-search-forms"' not in plain


def test_name_words_keep_names_whole_as_pagefind_reads_them() -> None:
    assert decorate.name_words("زار لافروف", ["سيرغي لافروف", "Sergey Lavrov",
                                             "Layla al-Sa'di"]) == [
        "سيرغي", "sergey", "lavrov", "layla", "al-sa'di", "al", "sa", "di"]


def test_english_filters_and_escaping() -> None:
    meta = _meta(date=None)
    meta["entities"][0] = {"type": "person", "ar": "ميخائيل لافروف",
                           "en": 'A "B" <C> & D, E: F'}
    page = f'<html lang="en">{_ld_head(meta, "en")}<body>' \
        f'{decorate.decorate_article(ARTICLE, meta)}</body></html>'
    out = _indexed(page)
    assert "data-pagefind-sort" not in out and "year" not in out
    assert '<span data-pagefind-filter="person">A &quot;B&quot; &lt;C&gt; &amp; D, E: F</span>' \
        in out
    assert '<span data-pagefind-filter="place">Iran</span>' in out
    assert "<C>" not in out
    block = re.search(r'<div id="na-search-forms" hidden aria-hidden="true">([^<]*)</div>', out)
    assert "ميخائيل" in block.group(1).split()  # the other language's name too


def test_decorate_article_leaves_pages_without_body_alone() -> None:
    page = "<div><p>نص</p></div>"
    assert decorate.decorate_article(page, _meta()) == page


def test_entity_shards_put_each_entity_under_the_letters_of_its_forms() -> None:
    lavrov = entities.entity_record("person", "سيرغي لافروف",
                                    ["سيرغي لافروف", "Sergei Lavrov"], 41)
    iran = entities.entity_record("place", "إيران", ["إيران", "Iran", "إيران"], 7)
    vocabulary = forms.Vocabulary()
    vocabulary.add(["لافروف"] * 12)  # an archive that writes لافروف, never افروف
    lexicon = forms.build_lexicon(vocabulary, language.rules().clitics)
    shards = entities.entity_shards([("ar", "tags/people/sergei-lavrov/", lavrov),
                                   ("ar", "tags/places/iran/", iran),
                                   ("en", "en/tags/places/iran/", iran)], lexicon)
    assert set(shards) == {"ar", "en"}
    entry = ["سيرغي لافروف", "sergei-lavrov", "person", 41, "سيرغي لافروف sergei lavrov"]
    for form in ("سيرغي", "لافروف", "sergei", "lavrov"):
        assert shards["ar"][forms.shard_key(form)]["tags/people/"] == [entry]
    # the editor's spelling (إيران) is no form: a reader's query is folded before it is
    # compared, so only the folded word finds it
    iran_entry = ["إيران", "iran", "place", 7, "ايران iran"]
    assert shards["ar"][forms.shard_key("ايران")] == {"tags/places/": [iran_entry]}
    assert forms.shard_key("إيران") not in shards["ar"]
    assert shards["en"][forms.shard_key("iran")] == {"en/tags/places/": [iran_entry]}
    assert forms.shard_key("لافروف") == "d984d8a7d981" and forms.shard_key("Lav") == "4c6176"
    assert forms.shard_key("Li") == "4c69"


def test_rules_are_validated(tmp_path: Path) -> None:
    bad = tmp_path / "search.yml"
    bad.write_text("clitics: {conjunctions: [و], prepositions: [ب], article: أل, "
                   "pronouns: [ه]}\nseparators: ''\n", encoding="utf-8")
    with pytest.raises(language.SearchDataError, match=r"search.yml: 'clitics.article'"):
        language.rules.__wrapped__(bad)


def test_client_rules_fold_table_matches_normalize() -> None:
    rules = language.client_rules()
    fold = rules["fold"]
    assert fold["أ"] == "ا" and fold["ى"] == "ي" and fold["ة"] == "ه" and fold["ـ"] == ""
    assert fold["٣"] == "3" and "\u064e" in fold  # fatha deleted
    assert "ب" not in fold and "a" not in fold
    clitics = rules["clitics"]
    assert clitics["conjunctions"] == ["و", "ف"] and clitics["prepositions"] == ["ب", "ك", "ل"]
    assert clitics["article"] == "ال" and clitics["pronouns"] == ["ها", "هم", "ه"]
    assert rules["words"] == f"{layout.WORDS_BUNDLE}/"
    assert "الي" in rules["stopwords"] and "وقد" in rules["stopwords"]  # folded, as written
    assert json.loads(language.client_rules_json()) == rules


# ------------------------------------------------------------ the JS twin, through node --

NODE = shutil.which("node")


def _node(script: str, payload: object) -> object:
    result = subprocess.run([NODE, "-e", script], input=json.dumps(payload, ensure_ascii=False),
                            capture_output=True, text=True, encoding="utf-8", check=True)
    return json.loads(result.stdout)


_JS = """
const api = require(%s);
let data = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (c) => (data += c));
process.stdin.on("end", async () => {
  const {rules, words, queries} = JSON.parse(data);
  const terms = [];
  for (const q of queries) terms.push(await api.queryTerms(q, rules, null));
  process.stdout.write(JSON.stringify({
    normalized: words.map((w) => api.normalize(w, rules)),
    forms: words.map((w) => api.searchForm(w, rules, null)),
    keys: words.map((w) => api.shardKey(api.searchForm(w, rules, null))),
    terms,
  }));
});
"""


@pytest.mark.skipif(NODE is None, reason="node is not installed (make installs it for npm)")
def test_search_js_normalises_like_python() -> None:
    samples = set()
    for text in _seed_texts():
        samples.update(language.words(text))
    if SAUDI.is_dir():
        for path in sorted(SAUDI.glob("*.txt"))[:200]:
            samples.update(language.words(path.read_text(encoding="utf-8", errors="replace")))
    samples.update(["أَعْلَنَتْ", "بـــوتين", "ﻻ", "ﷺ", "ﻷمم", "بو\u200fتين\u202e", "Lavrov",
                    "وال", "والحكومات", "۲۰۱۵", "ΟΔΟΣ", "İstanbul"])
    # every BMP character (outside surrogates), in blocks
    chars = "".join(chr(c) for c in range(0x20, 0x10000) if not 0xD800 <= c <= 0xDFFF)
    blocks = [chars[i:i + 512] for i in range(0, len(chars), 512)]
    words = sorted(samples) + blocks
    queries = ["«الأمم المتحدة»،", "موسكو،لافروف", "  وموسكو  بالحكومة؟", "(إيران)", "U.S.",
               "الملك سلمان بن عبدالعزيز", "في", "Ministry of Defence"]
    out = _node(_JS % json.dumps(str(SEARCH_JS)),
                {"rules": language.client_rules(), "words": words, "queries": queries})
    assert out["normalized"] == [normalize(w) for w in words]
    # lower-casing may differ for letters newer than Python's Unicode tables (U+A7CB), so
    # forms are compared on the sample words and the Arabic blocks
    check = [i for i, w in enumerate(words)
             if i < len(samples) or re.search("[\u0600-\u06ff\ufb50-\ufeff]", w)]
    assert [out["forms"][i] for i in check] == [language.query_form(words[i]) for i in check]
    assert [out["keys"][i] for i in check] == [
        forms.shard_key(language.query_form(words[i])) for i in check]
    # without the lexicon's shards every proclitic goes (لافروف: افروف)
    assert out["terms"] == [
        ["امم", "متحده"], ["موسكو", "افروف"], ["موسكو", "حكومه"], ["ايران"], ["u.s"],
        ["ملك", "سلمان", "عبدالعزيز"], ["في"], ["ministry", "defence"]]


# ------------------------------------------------------------------ the built site --

def test_seed_site_has_a_search_bundle_per_language(seed_site: Path) -> None:
    entry = json.loads((seed_site / "pagefind" / "pagefind-entry.json").read_text())
    pages = {lang: v["page_count"] for lang, v in entry["languages"].items()}
    assert set(pages) == {"ar", "en"}
    assert pages["ar"] >= len(SEED_IDS) and pages["en"] >= len(SEED_IDS)
    rules = json.loads((seed_site / "assets" / "javascripts" / "search-rules.json").read_text())
    assert rules == language.client_rules()


def test_seed_article_pages_are_indexed_with_filters_and_forms(seed_project: Path,
                                                              seed_site: Path) -> None:
    """The served page carries none of the index-only part; its slim copy has the filters
    of its front matter's entities (by way of the JSON-LD) and the names it does not
    write, and the index has their forms."""
    page = (seed_site / "articles" / "07113fe9eb90c3c4" / "index.html").read_text()
    assert 'id="na-search-forms"' not in page and "data-pagefind-filter" not in page
    body = _indexed(page)
    block = re.search(r'<div id="na-search-forms" hidden aria-hidden="true">([^<]*)</div>', body)
    assert block, "no index-only block"
    assert "zakharova" in block.group(1).split()  # names the page does not write
    assert "روسي" not in block.group(1).split()  # the forms are the index's
    indexed = pagefind.indexed_pages(seed_site)["/articles/07113fe9eb90c3c4/"]
    forms = indexed["content"].split()[_forms_start(indexed):]
    assert "روسي" in forms and "zakharova" in forms  # the page writes الروسى
    assert (seed_site / layout.WORDS_BUNDLE).is_dir()  # the lexicon, for the search box
    # the box's empty place; search.js makes the box from the data of its first line
    assert '<div class="na-search" data-na-search></div>' in page
    assert 'id="na-search-input"' not in page
    home = (seed_site / "index.html").read_text()
    assert "data-pagefind-body" not in home  # only articles (and entity pages) are indexed
    assert "data-na-search" in home and "archive.js" in home
    script = (seed_site / "assets" / "javascripts" / "archive.js").read_text()
    line = re.search(r"^window\.naSearchSite=(.*);$", script, re.M)
    source = (REPO / "docs" / "assets" / "javascripts" / "search.js").read_text()
    assert line and f"{line.group(0)}\n{source.rstrip()}" in script
    site = json.loads(line.group(1))
    assert site["entities"] == "search-entities/" and site["script"] == "assets/javascripts/archive.js"
    assert site["ui"]["ar"]["label"] and site["ui"]["en"]["placeholder"] == "Search…"
    # every article page's filters are its front matter's entities, in its language
    checked = 0
    for md in sorted((seed_project / "docs" / "articles").glob("*.md")):
        front = yaml.safe_load(md.read_text(encoding="utf-8").split("---\n")[1])
        if front.get("retired") or front.get("redirect_to"):
            continue
        article_id, _, suffix = md.name.removesuffix(".md").partition(".")
        lang = suffix or "ar"
        served = seed_site / ("" if lang == "ar" else f"{lang}/") / "articles" / article_id
        body = _indexed((served / "index.html").read_text(encoding="utf-8"))
        found = re.findall(r'<span data-pagefind-filter="(\w+)">([^<]*)</span>', body)
        expected = [(e["type"], e.get(lang) or e["ar"]) for e in front.get("entities") or []]
        date = str(front.get("date") or "")
        assert found == ([("year", date[:4])] if date[:4].isdigit() else []) + \
            [(t, html.escape(n, quote=False)) for t, n in dict.fromkeys(expected)], md.name
        checked += 1
    assert checked >= 10


def _forms_start(fragment: dict) -> int:
    """Where the index-only block starts in a fragment's words."""
    return next(a["location"] for a in fragment["anchors"] if a["id"] == layout.FORMS_ID)


def _without_forms(pages: dict[str, dict]) -> dict[str, dict]:
    """Pagefind's records without the index-only words (the forms depend on the lexicon
    of the index that made them)."""
    return {url: {**f, "content": " ".join(f["content"].split()[:_forms_start(f)]),
                  "word_count": None,
                  "anchors": [a for a in f["anchors"] if a["id"] != layout.FORMS_ID]}
            for url, f in pages.items()}


def _page(site: Path, loc: str, lang: str, body: str, head: str = "") -> None:
    path = site / loc / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'<html lang="{lang}">{head}<body><nav>قائمة</nav>{body}</body></html>',
                    encoding="utf-8")


def test_index_site_articles_and_entities(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for lang, loc in (("ar", "articles/a1"), ("en", "en/articles/a1")):
        _page(site, loc, lang, decorate.decorate_article(ARTICLE, _meta()),
              _ld_head(_meta(), lang))
    _page(site, "about", "ar", "<article data-pagefind-body>عن الموقع</article>")
    (site / layout.BUNDLE).mkdir(parents=True)
    (site / layout.BUNDLE / "stale.pf_index").write_text("x")
    report = search.index_site(site)
    assert report.pages == 2 and report.words > 10 and report.bytes > 0
    assert not (site / layout.BUNDLE / "stale.pf_index").exists()  # a fresh bundle
    entry = (site / "pagefind" / "pagefind-entry.json").read_text()
    assert json.loads(entry)["languages"].keys() == {"ar", "en"}
    assert entry == json.dumps(json.loads(entry), sort_keys=True, separators=(",", ":"),
                               ensure_ascii=False)  # stable bytes
    assert report.entities == 0 and not (site / layout.ENTITY_BUNDLE).exists()
    record = entities.entity_record("person", "سيرغي لافروف",
                                    ["سيرغي لافروف", "Sergei Lavrov"], 3)
    for loc in ("tags/people/sergei-lavrov", "tags/people/gone"):
        _page(site, loc, "ar", "<h1>لافروف</h1>")
    # as the hook writes them, from two MkDocs processes
    entities.write_records(site, "ar", "0", {"tags/people/sergei-lavrov/": record})
    entities.write_records(site, "ar", "1", {"tags/people/gone/": record})
    (site / "tags/people/gone/index.html").unlink()  # the entity left the corpus
    report = search.index_site(site)
    assert report.entities == 1
    assert not list(site.glob(layout.ENTITY_RECORDS_GLOB))  # not served
    folder = site / layout.ENTITY_BUNDLE / "ar"
    assert (folder / f"{forms.shard_key('lavrov')}.json").is_file()
    shard = json.loads((folder / f"{forms.shard_key('لافروف')}.json").read_text())
    # two pages that write لافروف once, never with a proclitic: the lexicon does not know
    # its ل for its own, so the entity is found under افروف too
    assert shard == {"tags/people/": [["سيرغي لافروف", "sergei-lavrov", "person", 3,
                                       "سيرغي افروف لافروف sergei lavrov"]]}


def test_index_site_without_articles_builds_nothing(tmp_path: Path) -> None:
    site = tmp_path / "site"
    _page(site, "about", "ar", "<p>عن الموقع</p>")
    report = search.index_site(site)
    assert report.pages == 0 and not (site / "pagefind").exists()



def test_entity_records_count_the_articles_of_their_tag(seed_project: Path) -> None:
    """The count comes from the tag page's front matter (``tag.articles``)."""
    from mkdocs.utils.meta import get_data

    site, docs = seed_project / "site", seed_project / "docs"
    # the records are kept in the index's state, not served
    assert not list(site.glob(layout.ENTITY_RECORDS_GLOB))
    records = index_plan.read_state(site)["entities"]["records"]
    assert len(records) > 10
    for url, record in records.items():
        rel = url.rstrip("/")
        if rel.startswith("en/"):
            continue
        meta = get_data((docs / rel / "index.md").read_text(encoding="utf-8"))[1]
        html = (site / rel / "index.html").read_text(encoding="utf-8")
        listed = html.split('<ul class="na-list">', 1)[1].split("</ul>", 1)[0].count("<li>")
        count = record["count"]
        assert count == meta["tag"]["articles"] >= 1
        assert count == listed or listed == 50  # the first page lists up to 50 of them


# ------------------------------------------------------------ the index in two parts --

def _page_html(meta: dict | None = None, body: str = ARTICLE, lang: str = "ar") -> str:
    decorated = decorate.decorate_article(body, meta or _meta())
    return (f'<html lang="{lang}">{_ld_head(meta or _meta(), lang)}<body><nav>قائمة</nav>'
            f'<article class="md-content__inner">{decorated}\n</article>'
            '<a href="../x/">التالي</a></body></html>')


def test_page_digest_covers_what_pagefind_indexes_only() -> None:
    page = _page_html()
    digest = slim.page_digest(page)
    assert digest == slim.page_digest(page)
    same = [
        page.replace("<p>العراق</p>", "<p>سوريا واليمن</p>"),  # related articles
        page.replace("../x/", "../y/").replace("<nav>قائمة", "<nav>قائمة أخرى"),  # around
        page.replace('class="na-body"', 'class="na-body na-other"'),  # not an indexed attr
        page.replace("</article>", "\n\n</article>", 1).replace("<title>t<", "<title>u<"),
    ]
    assert [slim.page_digest(p) for p in same] == [digest] * len(same)
    other = [
        page.replace("زار لافروف", "زار الوزير لافروف"),  # text
        _page_html(_meta(date="2015-11-21")),  # sort, meta and year filter
        _page_html(_meta(entities=[{"type": "place", "ar": "إيران", "en": "Iran"}])),
        page.replace('id="title"', 'id="headline"'),  # anchors
        page.replace('<html lang="ar">', '<html lang="fa">'),
    ]
    assert len({slim.page_digest(p) for p in other} | {digest}) == len(other) + 1


def test_site_page_maps_docs_paths_to_rendered_pages() -> None:
    assert layout.site_page("articles/a1.md") == "articles/a1/index.html"
    assert layout.site_page("articles/a1.en.md") == "en/articles/a1/index.html"
    assert layout.site_page("tags/people/x/index.en.md") == "en/tags/people/x/index.html"
    assert layout.site_page("index.md") == "index.html"
    assert layout.site_page("en/articles/a1.md") == "en/articles/a1/index.html"


def _state(main: dict, recent: dict | None = None) -> dict:
    return {"format": index_plan.STATE_FORMAT, "pagefind": pagefind.pagefind_version(),
            "main": main, "recent": recent or {}, "entities": {"records": {}, "shards": {}}}


def _a(i: int, lang: str = "") -> str:
    return f"{lang}articles/{i:04d}/index.html"


def test_plan_index_indexes_new_pages_into_the_recent_part() -> None:
    main = {_a(i): f"d{i}" for i in range(10)}
    digest_of = {**main, _a(10): "n10", _a(10, "en/"): "n10e", _a(11): "n11"}
    asked: list[str] = []

    def digest(page: str) -> str:
        asked.append(page)
        return digest_of[page]

    # a re-rendered main page with the same digest (its related list changed), two new
    # pages, and a recent page not rendered again (its digest comes from the state)
    state = _state(main, {_a(11): "n11-before"})
    plan = index_plan.plan_index(state, [*main, _a(10), _a(10, "en/"), _a(11)],
                             [_a(3), _a(10), _a(10, "en/"), "index.html"], digest)
    assert not plan.full and plan.main == main
    assert plan.recent == {_a(10): "n10", _a(10, "en/"): "n10e", _a(11): "n11-before"}
    assert sorted(asked) == sorted([_a(3), _a(10), _a(10, "en/")])  # nothing else is read
    # a recent page that left the site just leaves the recent part
    plan = index_plan.plan_index(state, main, [], digest)
    assert not plan.full and plan.recent == {}


@pytest.mark.parametrize("case", ["removed", "changed", "too many", "no state", "version",
                                  "no page list"])
def test_plan_index_falls_back_to_a_full_index(case: str) -> None:
    main = {_a(i): f"d{i}" for i in range(10)}
    present, rendered = set(main), [_a(3)]
    state: dict | None = _state(main)
    digests = dict(main)
    if case == "removed":
        present.discard(_a(4))
    elif case == "changed":
        digests[_a(3)] = "other"
    elif case == "too many":
        new = {_a(i) for i in range(10, 11 + index_plan.recent_limit(len(main)))}
        present |= new
        digests.update({p: "n" for p in new})
    elif case == "no state":
        state = index_plan.valid_state({**_state(main), "main": []}, pagefind.pagefind_version())
        assert state is None
    elif case == "version":
        state = index_plan.valid_state(_state(main), "0.0.0")
    else:
        rendered = None
    plan = index_plan.plan_index(state, present, rendered, digests.__getitem__)
    assert plan.full, plan
    assert index_plan.recent_limit(100) == index_plan.RECENT_MIN
    assert index_plan.recent_limit(100_000) == int(100_000 * index_plan.RECENT_SHARE)


def _add_seed_copy(site: Path, source: str, new_id: str, word: str = "") -> list[str]:
    for prefix in ("", "en/"):
        page = (site / prefix / "articles" / source / "index.html").read_text(encoding="utf-8")
        if word:
            page = page.replace('<h1 id="title">', f'<h1 id="title">{word} ', 1)
        target = site / prefix / "articles" / new_id / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
    return [f"articles/{new_id}.md", f"articles/{new_id}.en.md"]


@pytest.fixture()
def site_copy(seed_site: Path, tmp_path: Path) -> Path:
    site = tmp_path / "site"
    shutil.copytree(seed_site, site)
    return site


def test_incremental_index_equals_a_full_index(site_copy: Path, tmp_path: Path) -> None:
    site = site_copy
    before = pagefind.indexed_pages(site)
    entities = {p.relative_to(site): p.read_bytes()
                for p in (site / layout.ENTITY_BUNDLE).rglob("*.json")}
    docs = _add_seed_copy(site, SEED_IDS[1], "ffff000000000001", "زمردخان")
    # a main page rendered again, its related list changed: not read as a change
    main_page = site / "articles" / SEED_IDS[2] / "index.html"
    main_page.write_text(main_page.read_text(encoding="utf-8").replace(
        '<section class="na-related" data-pagefind-ignore>',
        '<section class="na-related" data-pagefind-ignore><p>مقال جديد</p>'), encoding="utf-8")
    report = search.index_site(site, [*docs, f"articles/{SEED_IDS[2]}.md", "index.md"])
    assert report.mode == "recent" and report.recent == 2 and report.pages == 2, report
    entry = json.loads((site / layout.BUNDLE / layout.ENTRY).read_text())
    assert entry[layout.ENTRY_RECENT] == {"path": f"../{layout.RECENT}/",
                                          "languages": ["ar", "en"]}
    assert not list((site / layout.RECENT).glob("*.js"))  # Pagefind comes from main
    parts = pagefind.indexed_pages(site)
    assert set(parts) - set(before) == {"/articles/ffff000000000001/",
                                        "/en/articles/ffff000000000001/"}
    assert "زمردخان" in parts["/articles/ffff000000000001/"]["content"]
    # the same records as a full index of the same site, and the same entity lookup
    full = tmp_path / "full"
    shutil.copytree(site, full)
    assert search.index_site(full).mode == "full"
    assert not (full / layout.RECENT).exists()
    assert layout.ENTRY_RECENT not in (full / layout.BUNDLE / layout.ENTRY).read_text()
    # the recent part has the search forms of the main part's lexicon, a full index those
    # of a lexicon of every page: the records are the same but for those
    assert _without_forms(pagefind.indexed_pages(full)) == _without_forms(parts)
    assert {p.relative_to(site): p.read_bytes()
            for p in (site / layout.ENTITY_BUNDLE).rglob("*.json")} == entities
    # nothing changed since: nothing is indexed again
    again = search.index_site(site, [])
    assert again.mode == "unchanged" and again.recent == 2


@pytest.mark.parametrize("change", ["content", "removed"])
def test_a_changed_or_removed_main_page_gives_a_full_index(site_copy: Path,
                                                           change: str) -> None:
    site = site_copy
    docs = _add_seed_copy(site, SEED_IDS[1], "ffff000000000002")
    assert search.index_site(site, docs).mode == "recent"
    page = site / "articles" / SEED_IDS[0] / "index.html"
    if change == "content":
        page.write_text(page.read_text(encoding="utf-8").replace(
            '<h1 id="title">', '<h1 id="title">عاجل ', 1), encoding="utf-8")
    else:
        shutil.rmtree(page.parent)
    report = search.index_site(site, [f"articles/{SEED_IDS[0]}.md"] if change == "content"
                               else [])
    assert report.mode == "full" and report.recent == 0, report
    assert not (site / layout.RECENT).exists()
    pages = pagefind.indexed_pages(site)
    assert "/articles/ffff000000000002/" in pages
    assert (f"/articles/{SEED_IDS[0]}/" in pages) == (change == "content")
    if change == "content":
        assert "عاجل" in pages[f"/articles/{SEED_IDS[0]}/"]["content"]


def test_entity_lookup_rereads_only_rendered_tag_pages(site_copy: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    site = site_copy
    assert not list(site.glob(layout.ENTITY_RECORDS_GLOB))  # kept in the state, not served
    records = index_plan.read_state(site)["entities"]["records"]
    people = sorted(url for url in records if url.startswith("tags/people/"))
    assert len(people) >= 2
    # the tag page of one entity rendered again (the hook writes its record), another gone
    changed, gone = people[0], site / people[1]
    record = dict(records[changed], count=records[changed]["count"] + 1)
    entities.write_records(site, "ar", "0", {changed: record})
    shutil.rmtree(gone)
    read: list[str] = []
    original = Path.read_text
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: (
        read.append(self.name) if self.name.startswith(".entity-records-") else None)
        or original(self, *a, **k))
    rel = changed.rstrip("/")
    search.index_site(site, [f"{rel}/index.md"])
    assert read == [layout.ENTITY_RECORDS.format(lang="ar", process="0")]  # this render's
    assert not list(site.glob(layout.ENTITY_RECORDS_GLOB))  # gathered into the state
    monkeypatch.undo()
    incremental = {p.relative_to(site): p.read_bytes()
                   for p in (site / layout.ENTITY_BUNDLE).rglob("*.json")}
    search.index_site(site)  # everything read again
    assert incremental == {p.relative_to(site): p.read_bytes()
                           for p in (site / layout.ENTITY_BUNDLE).rglob("*.json")}
    assert any(f"{folder}{e[1]}/" == f"{rel}/" and e[3] == record["count"]
               for shard in (site / layout.ENTITY_BUNDLE / "ar").glob("*.json")
               for folder, found in json.loads(shard.read_text(encoding="utf-8")).items()
               for e in found)


def test_runs_share_pages_in_order_nearly_evenly() -> None:
    pages = [f"p{i:02d}" for i in range(11)]
    assert parts.runs(pages, 20) == [pages]
    assert parts.runs(pages, 11) == [pages]
    shares = parts.runs(pages, 4)
    assert [len(s) for s in shares] == [4, 4, 3]
    assert [p for s in shares for p in s] == pages
    assert parts.runs([], 4) == [[]]


def test_a_language_that_fits_is_one_run_and_a_larger_one_smaller_runs() -> None:
    """Up to PAGES_PER_RUN pages a language is one Pagefind run; beyond, runs of at most
    PAGES_PER_PART pages (the builder of such an archive holds more beside Pagefind)."""
    assert layout.PAGES_PER_PART < layout.PAGES_PER_RUN
    assert parts.run_size(layout.PAGES_PER_RUN) == layout.PAGES_PER_RUN
    assert parts.run_size(layout.PAGES_PER_RUN + 1) == layout.PAGES_PER_PART
    shares = parts.runs(list(range(49_700)), parts.run_size(49_700))
    assert len(shares) == 8 and max(map(len, shares)) <= layout.PAGES_PER_PART
    assert parts.runs(list(range(9_939)), parts.run_size(9_939)) == [list(range(9_939))]


def test_a_large_language_is_indexed_in_parts(site_copy: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """More article pages in a language than one Pagefind run takes: several runs, one
    after another, into further parts named in the main bundle's entry; the same records
    as one run, the recent part beside them, and one part again when they fit."""
    site = site_copy
    one = tmp_path / "one"
    shutil.copytree(site, one)
    search.index_site(one)
    per_language = len([p for p in layout.article_pages(site) if p.startswith("articles/")])
    assert per_language >= 5
    monkeypatch.setattr(parts, "PAGES_PER_RUN", 2)
    report = search.index_site(site)
    assert report.mode == "full" and report.pages == 2 * per_language
    names = [layout.part_folder(k) for k in range(2, -(-per_language // 2) + 1)]
    assert layout.part_folders(site) == sorted(names)
    entry = json.loads((site / layout.BUNDLE / layout.ENTRY).read_text())
    assert entry[layout.ENTRY_PARTS] == [{"path": f"../{name}/", "languages": ["ar", "en"]}
                                         for name in names]
    for name in names:
        assert not list((site / name).glob("*.js"))  # Pagefind comes from main
        assert set(json.loads((site / name / layout.ENTRY).read_text())["languages"]) \
            == {"ar", "en"}
    assert pagefind.indexed_pages(site) == pagefind.indexed_pages(one)
    # an incremental index keeps the parts and adds the recent one
    docs = _add_seed_copy(site, SEED_IDS[1], "ffff000000000003")
    again = search.index_site(site, docs)
    assert again.mode == "recent" and again.recent == 2
    entry = json.loads((site / layout.BUNDLE / layout.ENTRY).read_text())
    assert entry[layout.ENTRY_PARTS][0]["path"] == f"../{names[0]}/"
    assert layout.ENTRY_RECENT in entry
    # the pages fit one run again: the parts are gone
    monkeypatch.setattr(parts, "PAGES_PER_RUN", layout.PAGES_PER_RUN)
    assert search.index_site(site).mode == "full"
    assert layout.part_folders(site) == []
    assert layout.ENTRY_PARTS not in (site / layout.BUNDLE / layout.ENTRY).read_text()
