"""RSS and Atom feeds (builder/feeds.py): parsed with feedparser, on synthetic entries and on
every feed of the built seed site."""

from __future__ import annotations

import hashlib
import html
import random
import time
from dataclasses import replace
from pathlib import Path

import feedparser
import pytest

from builder.config import Settings
from builder.feeds import (
    FEED_ITEMS,
    FEEDS_DIR,
    TAG_FEED_ITEMS,
    TAG_FEED_MIN_ARTICLES,
    UNKNOWN_DATE,
    FeedFile,
    FeedPlan,
    article_date,
    feed_files,
    feed_plans,
    read_site_url,
    read_tag_feed_min,
    write_feed_plans,
    write_feeds,
)
from builder.model import Article, Entity, Metadata
from builder.pages import Entry
from builder.site import BuildReport, extract_corpus
from tests.helpers import keys_kept

URL = "https://example.org/archive/"
PUTIN = Entity("person", "فلاديمير بوتين", "Vladimir Putin", "vladimir-putin", mentions=3)
MOSCOW = Entity("place", "موسكو", "Moscow", "moscow")


def _entry(article_id: str, order: int, date: str | None, entities: tuple[Entity, ...] = (),
           title_ar: str = "عنوان", summary_ar: str = "ملخص",
           title_en: str | None = None) -> Entry:
    article = Article(id=article_id, path=f"{order:03d}_{article_id}.txt", order=order,
                      lang="ar", paragraphs=(summary_ar,))
    meta = Metadata(id=article_id, lang="ar", title_ar=title_ar, title_en=title_en,
                    summary_ar=summary_ar, summary_en=None, date=date, date_source=None,
                    entities=entities)
    return Entry(article, meta)


A = _entry("a" * 16, 0, "2015-11-20", (PUTIN, MOSCOW), "بوتين يثني على الغارات", "ملخص أ",
           "Putin praises the strikes")
B = _entry("b" * 16, 1, "2016-01-02", (PUTIN,), "بوتين في موسكو", "ملخص ب")
C = _entry("c" * 16, 2, None, (), "عنوان <b>غامق</b>", "<script>alert(1)</script> & «نص»")
ENTRIES = [A, B, C]


def _parse(files: list[FeedFile]) -> dict[str, feedparser.FeedParserDict]:
    parsed = {}
    for f in files:
        feed = feedparser.parse(f.data)
        assert feed.bozo == 0, (f.path, feed.get("bozo_exception"))
        parsed[f.path] = feed
    return parsed


def test_feed_paths_per_language_and_tag() -> None:
    """RSS and Atom per language; one RSS feed per tag with enough articles to follow."""
    paths = [f.path for f in feed_files(ENTRIES, URL, tag_min=1)]
    assert paths == sorted(paths)
    for lang in ("ar", "en"):
        for name in ("rss.xml", "atom.xml"):
            assert f"feeds/{lang}/{name}" in paths
        assert f"feeds/{lang}/tags/people/vladimir-putin/rss.xml" in paths
        assert f"feeds/{lang}/tags/places/moscow/rss.xml" in paths
    assert len(paths) == 2 * 2 + 2 * 2


def test_the_default_rule_is_twice_a_tag_feeds_entries() -> None:
    """A tag is followed once its feed has renewed itself (guide/pages.md, "Feeds")."""
    assert TAG_FEED_MIN_ARTICLES == 2 * TAG_FEED_ITEMS


@pytest.mark.parametrize(("tag_min", "tags"), [
    (1, {"people/vladimir-putin", "places/moscow"}),
    (2, {"people/vladimir-putin"}),  # Putin is named in two articles, Moscow in one
    (3, set()),
    (TAG_FEED_MIN_ARTICLES, set()),
])
def test_a_tag_has_a_feed_from_the_fewest_articles_set(tag_min: int, tags: set[str]) -> None:
    paths = [f.path for f in feed_files(ENTRIES, URL, tag_min=tag_min)]
    for lang in ("ar", "en"):
        assert {p[len(f"feeds/{lang}/tags/"):-len("/rss.xml")] for p in paths
                if p.startswith(f"feeds/{lang}/tags/")} == tags
    assert not [p for p in paths if "/tags/" in p and not p.endswith("/rss.xml")]
    assert paths == [f.path for f in feed_files(ENTRIES, URL, tag_min=tag_min)]


def test_language_feeds_entries() -> None:
    feeds = _parse(feed_files(ENTRIES, URL))
    for lang, home in (("ar", URL), ("en", f"{URL}en/")):
        for name in ("rss.xml", "atom.xml"):
            feed = feeds[f"feeds/{lang}/{name}"]
            assert feed.feed.link == home
            assert feed.feed.language == lang
            ids = [e.id for e in feed.entries]
            # newest first, undated last; the permalink is the id/guid
            assert ids == [f"{home}articles/{e.meta.id}/" for e in (B, A, C)]
            for entry in feed.entries:
                assert entry.link == entry.id
                assert entry.title and entry.summary
            b, a, c = feed.entries
            assert time.strftime("%Y-%m-%d", b.published_parsed) == "2016-01-02"
            assert time.strftime("%Y-%m-%d", a.published_parsed) == "2015-11-20"
            assert "published_parsed" not in c
            # the feed's date is the newest article date, not the build time
            assert time.strftime("%Y-%m-%d", feed.feed.updated_parsed) == "2016-01-02"
    en = feeds["feeds/en/rss.xml"]
    assert en.entries[1].title == "Putin praises the strikes"  # English headline when known
    assert en.entries[0].title == "بوتين في موسكو"  # else the Arabic one
    assert [t.term for t in en.entries[1].tags] == ["Vladimir Putin", "Moscow"]
    assert [t.term for t in feeds["feeds/ar/rss.xml"].entries[1].tags] == ["فلاديمير بوتين",
                                                                         "موسكو"]


def test_article_text_is_text_not_markup() -> None:
    for feed in _parse(feed_files(ENTRIES, URL)).values():
        for entry in feed.entries:
            if entry.id.endswith(f"/{C.meta.id}/"):
                assert "<script" not in entry.summary
                assert html.unescape(entry.summary) == C.meta.summary_ar
                assert entry.title == C.meta.title_ar


def test_tag_feeds() -> None:
    feeds = _parse(feed_files(ENTRIES, URL, tag_min=1))
    for lang, name, home in (("ar", "فلاديمير بوتين", URL), ("en", "Vladimir Putin", f"{URL}en/")):
        feed = feeds[f"feeds/{lang}/tags/people/vladimir-putin/rss.xml"]
        assert feed.version == "rss20"
        assert name in feed.feed.title
        assert feed.feed.link == f"{home}tags/people/vladimir-putin/"
        assert [e.id for e in feed.entries] == [f"{home}articles/{x.meta.id}/" for x in (B, A)]
        # a tag's feed is that tag's: its entries name no tags; the site-wide feed's do
        assert all(not e.get("tags") for e in feed.entries)
        site_wide = [e for e in feeds[f"feeds/{lang}/rss.xml"].entries
                     if e.id.endswith((f"/{A.meta.id}/", f"/{B.meta.id}/"))]
        assert len(site_wide) == 2 and all(e.get("tags") for e in site_wide)
        moscow = feeds[f"feeds/{lang}/tags/places/moscow/rss.xml"]
        assert [e.id for e in moscow.entries] == [f"{home}articles/{A.meta.id}/"]
        assert time.strftime("%Y-%m-%d", moscow.feed.updated_parsed) == "2015-11-20"


def test_feeds_are_byte_identical_whatever_the_input_order() -> None:
    first = feed_files(ENTRIES, URL)
    shuffled = ENTRIES[:]
    random.Random(7).shuffle(shuffled)
    assert feed_files(shuffled, URL) == first
    assert all(f.data.endswith(b"\n") for f in first)


def test_undated_feed_uses_fixed_date() -> None:
    feeds = _parse(feed_files([C], URL))
    atom = feeds["feeds/ar/atom.xml"]
    assert time.strftime("%Y-%m-%d", atom.feed.updated_parsed) == UNKNOWN_DATE.strftime("%Y-%m-%d")
    assert time.strftime("%Y-%m-%d", atom.entries[0].updated_parsed) == "1970-01-01"


def test_feed_keeps_the_newest_entries_only() -> None:
    many = [_entry(f"{i:016x}", i, f"2015-{1 + i // 28:02d}-{1 + i % 28:02d}", (PUTIN,))
            for i in range(FEED_ITEMS + 10)]
    feeds = _parse(feed_files(many, URL))
    newest = [f"{URL}articles/{e.meta.id}/" for e in reversed(many)]
    assert [e.id for e in feeds["feeds/ar/rss.xml"].entries] == newest[:FEED_ITEMS]
    tag = feeds["feeds/ar/tags/people/vladimir-putin/rss.xml"]
    assert [e.id for e in tag.entries] == newest[:TAG_FEED_ITEMS]


@pytest.mark.parametrize(("value", "expected"), [
    ("2015-11-20", (2015, 11, 20)), ("--11-20", None), ("2015-11", None), (None, None),
    ("2015-02-30", None),
])
def test_article_date(value: str | None, expected: tuple[int, int, int] | None) -> None:
    got = article_date(value)
    assert (got and (got.year, got.month, got.day)) == expected


def test_write_feeds_only_changes_and_prunes(tmp_path: Path) -> None:
    files = feed_files(ENTRIES, URL, tag_min=1)
    first = write_feeds(tmp_path, files)
    assert (first.written, first.unchanged, first.removed) == (len(files), 0, 0)
    again = write_feeds(tmp_path, files)
    assert (again.written, again.unchanged) == (0, len(files))
    # Moscow's only article leaves: its feeds (and folders) go
    fewer = feed_files([B, C], URL, tag_min=1)
    report = write_feeds(tmp_path, fewer)
    assert report.removed == 2
    assert not (tmp_path / FEEDS_DIR / "ar" / "tags" / "places").exists()
    assert sorted(p.relative_to(tmp_path).as_posix()
                  for p in (tmp_path / FEEDS_DIR).rglob("*.xml")) == [f.path for f in fewer]


def test_feeds_written_by_forked_processes_are_the_same(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("builder.parallel.PARALLEL_MIN", 2)  # fork even for a few feeds
    files = feed_files(ENTRIES, URL, tag_min=1)
    report = write_feed_plans(tmp_path / "forked", feed_plans(ENTRIES, URL, tag_min=1))
    assert (report.written, report.unchanged) == (len(files), 0)
    assert {p.relative_to(tmp_path / "forked").as_posix(): p.read_bytes()
            for p in (tmp_path / "forked").rglob("*.xml")} == {f.path: f.data for f in files}
    fewer = write_feed_plans(tmp_path / "forked", feed_plans([B, C], URL, tag_min=1))
    assert fewer.removed == 2
    assert sorted(p.relative_to(tmp_path / "forked").as_posix()
                  for p in (tmp_path / "forked").rglob("*.xml")) == \
        [f.path for f in feed_files([B, C], URL, tag_min=1)]


def test_read_site_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert read_site_url(tmp_path) is None
    (tmp_path / "mkdocs.yml").write_text(
        'site_name: x\nsite_url: !ENV [SITE_URL, "https://example.org/a"]\n', encoding="utf-8")
    monkeypatch.delenv("SITE_URL", raising=False)
    assert read_site_url(tmp_path) == "https://example.org/a/"
    monkeypatch.setenv("SITE_URL", "https://news.example.net/")
    assert read_site_url(tmp_path) == "https://news.example.net/"


def test_read_tag_feed_min(tmp_path: Path) -> None:
    assert read_tag_feed_min(tmp_path) == TAG_FEED_MIN_ARTICLES
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    assert read_tag_feed_min(tmp_path) == TAG_FEED_MIN_ARTICLES
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nextra:\n  tag_feed_min_articles: 3\n",
                                         encoding="utf-8")
    assert read_tag_feed_min(tmp_path) == 3
    for bad in ("0", "-2", "ten", "2.5", "true"):
        (tmp_path / "mkdocs.yml").write_text(
            f"site_name: x\nextra:\n  tag_feed_min_articles: {bad}\n", encoding="utf-8")
        with pytest.raises(ValueError, match="tag_feed_min_articles"):
            read_tag_feed_min(tmp_path)


def test_the_repository_states_the_rule_in_mkdocs_yml() -> None:
    """The rule is a setting an editor sees: mkdocs.yml sets it, to the documented default."""
    assert read_tag_feed_min(Path(__file__).resolve().parent.parent) == TAG_FEED_MIN_ARTICLES


# --- the built seed site ----------------------------------------------------------------


def _site_feeds(site: Path) -> list[Path]:
    return sorted((site / FEEDS_DIR).rglob("*.xml"))


def test_seed_site_feeds_parse_and_link_to_pages(seed_project: Path, seed_site: Path) -> None:
    site_url = read_site_url(seed_project)
    assert site_url
    articles = {p.parent.name for p in (seed_site / "articles").glob("*/index.html")}
    paths = _site_feeds(seed_site)
    assert {"ar/rss.xml", "ar/atom.xml", "en/rss.xml", "en/atom.xml"} <= {
        p.relative_to(seed_site / FEEDS_DIR).as_posix() for p in paths}
    for path in paths:
        feed = feedparser.parse(path.read_bytes())
        assert feed.bozo == 0, (path, feed.get("bozo_exception"))
        assert feed.entries, path
        assert feed.feed.title and feed.feed.link.startswith(site_url)
        for entry in feed.entries:
            assert entry.title and entry.summary
            assert entry.id == entry.link and entry.link.startswith(site_url)
            page = seed_site / entry.link[len(site_url):] / "index.html"
            assert page.is_file(), entry.link
    for lang in ("ar", "en"):
        feed = feedparser.parse((seed_site / FEEDS_DIR / lang / "atom.xml").read_bytes())
        assert len(feed.entries) == min(FEED_ITEMS, len(articles))


def test_seed_site_tag_feeds_match_tag_pages(seed_project: Path, seed_site: Path) -> None:
    """An RSS feed for every tag page with enough articles to follow and no other; the
    tag's first page announces its feed, and only then."""
    minimum = read_tag_feed_min(seed_project)
    kinds = ("people", "places", "organizations")
    for lang, root in (("ar", seed_site), ("en", seed_site / "en")):
        counts = {}
        for kind in kinds:
            for page in (root / "tags" / kind).glob("*/index.html"):
                loc = page.parent.relative_to(root / "tags").as_posix()
                counts[loc] = _tag_articles(seed_project, lang, loc)
        assert counts
        feeds_root = seed_site / FEEDS_DIR / lang / "tags"
        feeds = {p.parent.relative_to(feeds_root).as_posix()
                 for p in feeds_root.glob("*/*/*.xml")} if feeds_root.is_dir() else set()
        assert feeds == {loc for loc, n in counts.items() if n >= minimum}
        for loc in sorted(counts):
            head = (root / "tags" / loc / "index.html").read_text(encoding="utf-8")
            announced = f"feeds/{lang}/tags/{loc}/rss.xml" in head.split("</head>")[0]
            assert announced == (loc in feeds), loc


def _tag_articles(project: Path, lang: str, loc: str) -> int:
    """A tag's number of articles, from its page's front matter."""
    import yaml

    suffix = "" if lang == "ar" else f".{lang}"
    text = (project / "docs" / "tags" / loc / f"index{suffix}.md").read_text(encoding="utf-8")
    return int(yaml.safe_load(text.split("---")[1])["tag"]["articles"])


def test_seed_feeds_are_reproducible(seed_project: Path) -> None:
    """Extracting the corpus again in this process gives the very bytes the build wrote."""
    settings = Settings.from_root(seed_project)
    entries = extract_corpus(settings, BuildReport())
    again = feed_files(entries, read_site_url(seed_project) or "")
    on_disk = {p.relative_to(seed_project / "docs").as_posix(): p.read_bytes()
               for p in _site_feeds(seed_project / "docs")}
    assert {f.path: f.data for f in again} == on_disk


# --- feed keys: unchanged feeds are not rendered again -----------------------------------


def _digested(entries: list[Entry]) -> list[Entry]:
    """Entries with a digest of their article and metadata (as the extraction cache gives)."""
    return [replace(e, digest=hashlib.sha256(repr((e.article, e.meta)).encode()).hexdigest())
            for e in entries]


def _feed_variants() -> list[tuple[list[Entry], str]]:
    """Archives (and site URLs) that differ in one input of some feeds each."""
    a, b, c = _digested(ENTRIES)
    many = _digested([_entry(f"{i:016x}", 10 + i, f"2014-01-{1 + i:02d}", (PUTIN,))
                      for i in range(TAG_FEED_ITEMS)])
    renamed = _digested([replace(a, meta=replace(a.meta, title_en="Another headline"))])[0]
    spelled = _digested([replace(b, meta=replace(b.meta, entities=(
        replace(PUTIN, ar="بوتين"),)))])[0]
    moscow = _digested([_entry("d" * 16, 3, "2014-12-31", (MOSCOW,))])
    return [([a, b, c], URL), ([c, b, a], URL), ([a, b], URL), ([b, c], URL),
            ([renamed, b, c], URL), ([a, spelled, c], URL), ([a, b, c, *moscow], URL),
            ([a, b, c], "https://example.net/other/"),
            # older articles beyond a tag feed's length (two, see below): the feed does not
            # change, but for the tag's name when they spell it otherwise
            ([a, b, c, *many], URL), ([a, b, c, *many[:-1]], URL),
            ([a, b, c, *_digested([replace(e, meta=replace(e.meta, entities=(
                replace(PUTIN, ar="بوتين"),))) for e in many])], URL)]


def test_feed_keys_stand_for_the_feed_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two plans of different archives: a feed planned with the same key in both has the
    same files in both (write_feed_plans skips rendering it on that promise)."""
    monkeypatch.setattr("builder.feeds.TAG_FEED_ITEMS", 2)
    plans = [{p.base: p for p in feed_plans(v, url, tag_min=1)} for v, url in _feed_variants()]
    same = differ = 0
    for base, plan, twin in keys_kept(plans):
        if plan.key == twin.key:
            same += 1
            assert plan.files() == twin.files(), base
        else:
            differ += 1
    assert same and differ
    assert not any(p.key for p in feed_plans(ENTRIES, URL, tag_min=1))  # no digest, no key


def test_unchanged_feeds_are_not_rendered_again(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    entries = _digested(ENTRIES)
    index, docs = tmp_path / "feeds.json", tmp_path / "docs"
    rendered: list[str] = []
    files = FeedPlan.files
    monkeypatch.setattr(FeedPlan, "files", lambda self: rendered.append(self.base)
                        or files(self))
    first = write_feed_plans(docs, feed_plans(entries, URL, tag_min=1), index=index)
    # two site feeds of two files, four tag feeds of one (RSS)
    assert (first.written, len(rendered)) == (8, 6)
    rendered.clear()
    again = write_feed_plans(docs, feed_plans(entries, URL, tag_min=1), index=index)
    assert (again.written, again.unchanged, rendered) == (0, 8, [])
    # a new article of Moscow's: the language feeds and Moscow's only; a feed file changed
    # behind the builder's back is rendered again too
    moscow = _digested([_entry("d" * 16, 3, "2016-12-31", (MOSCOW,))])
    (docs / "feeds/ar/tags/people/vladimir-putin/rss.xml").write_bytes(b"<rss/>")
    report = write_feed_plans(docs, feed_plans([*entries, *moscow], URL, tag_min=1), index=index)
    assert sorted(rendered) == ["feeds/ar/", "feeds/ar/tags/people/vladimir-putin/",
                                "feeds/ar/tags/places/moscow/", "feeds/en/",
                                "feeds/en/tags/places/moscow/"]
    assert report.written == 7
    on_disk = {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*.xml")}
    assert on_disk == {f.path: f.data for f in feed_files([*entries, *moscow], URL, tag_min=1)}
    # other builder code: every feed is rendered again (and found unchanged)
    rendered.clear()
    monkeypatch.setattr("builder.feeds.code_stamp", lambda: "other code")
    last = write_feed_plans(docs, feed_plans([*entries, *moscow], URL, tag_min=1), index=index)
    assert (last.written, len(rendered)) == (0, 6)


def test_with_an_index_stale_feeds_are_found_in_it(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    index, docs = tmp_path / "feeds.json", tmp_path / "docs"
    write_feed_plans(docs, feed_plans(_digested(ENTRIES), URL, tag_min=1), index=index)

    def no_walk(*args: object) -> None:
        raise AssertionError("docs/feeds walked")

    monkeypatch.setattr("builder.feeds.os.walk", no_walk)
    fewer = _digested([B, C])  # Moscow's only article leaves: its feeds and folders go
    report = write_feed_plans(docs, feed_plans(fewer, URL, tag_min=1), index=index)
    assert report.removed == 2
    assert not (docs / FEEDS_DIR / "ar" / "tags" / "places").exists()
    assert sorted(p.relative_to(docs).as_posix() for p in (docs / FEEDS_DIR).rglob("*.xml")) \
        == [f.path for f in feed_files(fewer, URL, tag_min=1)]
