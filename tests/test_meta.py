"""Link previews and structured data (overrides/partials/archive-meta.html), robots.txt and
the 404 pages: checked on every article page of the built seed site, and the escaping of
hostile front matter on the partial itself."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jinja2
import markupsafe
import pytest
import yaml

from builder.config import URLS
from builder.feeds import read_site_url
from builder.model import TAG_KINDS
from hooks import chrome, links
from tests.helpers import REPO

KINDS = {"person": ("Person", "people"), "place": ("Place", "places"),
         "organization": ("Organization", "organizations")}


class _Head(HTMLParser):
    """<meta>, <link> and <script> elements of a page's <head>, plus <html lang>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.meta: list[dict[str, str]] = []
        self.links: list[dict[str, str]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self._script: dict[str, str] | None = None
        self._text: list[str] = []
        self._in_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "head":
            self._in_head = True
        elif self._in_head and tag == "meta":
            self.meta.append(a)
        elif self._in_head and tag == "link":
            self.links.append(a)
        elif self._in_head and tag == "script":
            self._script, self._text = a, []

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self._in_head = False
        elif tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._text)))
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._text.append(data)

    def props(self, name: str) -> list[str]:
        """Values of <meta property=name> or <meta name=name>."""
        return [m.get("content", "") for m in self.meta
                if m.get("property") == name or m.get("name") == name]

    def prop(self, name: str) -> str | None:
        values = self.props(name)
        assert len(values) <= 1, f"{name} given {len(values)} times"
        return values[0] if values else None

    def json_ld(self) -> list[Any]:
        return [json.loads(text) for attrs, text in self.scripts
                if attrs.get("type") == "application/ld+json"]


def _head(path: Path) -> _Head:
    parser = _Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _front_matter(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    return yaml.safe_load(text[4:text.index("\n---\n", 4)])


def _article_pages(project: Path) -> list[tuple[str, str, Path, dict[str, Any]]]:
    """(lang, id, html, front matter) of every live article page, both languages."""
    pages = []
    for md in sorted((project / "docs" / "articles").glob("*.md")):
        article_id, _, suffix = md.name.removesuffix(".md").partition(".")
        lang = suffix or "ar"
        front = _front_matter(md)
        if front.get("retired"):
            continue
        prefix = "" if lang == "ar" else f"{lang}/"
        pages.append((lang, article_id, project / "site" / prefix / "articles" / article_id
                      / "index.html", front))
    return pages


def test_every_article_page_has_preview_tags_and_json_ld(seed_project: Path,
                                                          seed_site: Path) -> None:
    site_url = read_site_url(seed_project)
    pages = _article_pages(seed_project)
    assert len(pages) == 2 * len(list((seed_site / "articles").glob("*/index.html")))
    assert {lang for lang, *_ in pages} == {"ar", "en"}
    for lang, article_id, page, front in pages:
        head = _head(page)
        home = site_url if lang == "ar" else f"{site_url}{lang}/"
        canonical = f"{home}articles/{article_id}/"
        assert head.lang == lang
        assert [a["href"] for a in head.links if a.get("rel") == "canonical"] == [canonical]
        assert head.prop("og:type") == "article"
        assert head.prop("og:url") == canonical
        assert head.prop("og:title") == front["title"]
        # no og:description (Open Graph readers take the page's description) and no
        # article:tag per entity (the entities are the JSON-LD mentions)
        assert head.prop("og:description") is None and head.props("article:tag") == []
        assert head.prop("description") == front["description"]
        assert head.prop("og:locale") == {"ar": "ar_AR", "en": "en_US"}[lang]
        assert head.props("og:locale:alternate") == []  # the other language has its URL
        assert head.prop("og:site_name")
        assert head.prop("twitter:card") == "summary"
        # the card's title and description are og:title and og:description (X/Twitter
        # falls back to them): not repeated in twitter:title and twitter:description
        assert head.prop("twitter:title") is head.prop("twitter:description") is None
        assert head.prop("article:published_time") == front.get("date")
        # the language's RSS feed; its Atom twin is named on the home page only
        feeds = {a["href"] for a in head.links if a.get("rel") == "alternate" and a.get("type")}
        assert feeds == {f"{site_url}feeds/{lang}/rss.xml"}

        (ld,) = head.json_ld()
        if lang == "en":  # each name of its panel with its Arabic name beside it
            text = page.read_text(encoding="utf-8")
            panel = text[text.find('<aside class="na-panel"'):text.find("</aside>")]
            chips = re.findall(r"<li><a [^>]*>.*?</a></li>", panel)
            assert all('<bdi lang="ar" dir="rtl">' in chip for chip in chips)
            assert len(chips) >= len({(e["type"], e["en"]) for e in front.get("entities") or []
                                      if e["type"] in KINDS})
        assert ld["@context"] == "https://schema.org" and ld["@type"] == "NewsArticle"
        assert ld["headline"] == front["title"]
        assert "description" not in ld  # the page's description and og:description
        # not repeated: the language (<html lang>), the id (in url), an "about" naming three
        # mentions again, isAccessibleForFree (read only beside paywall markup)
        assert not {"inLanguage", "identifier", "about", "isAccessibleForFree"} & ld.keys()
        assert ld["publisher"]["url"] == home
        assert ld["url"] == canonical and "mainEntityOfPage" not in ld  # url says it once
        assert ld.get("datePublished") == front.get("date")
        assert ld.get("isBasedOn") == front.get("url")
        assert (ld.get("sourceOrganization") or {}).get("name") == front.get("source")
        entities = [e for e in front.get("entities") or [] if e["type"] in KINDS]
        mentions = ld.get("mentions", [])
        assert len(mentions) == len(entities)
        for thing, entity in zip(mentions, entities, strict=True):
            assert thing["@type"] == KINDS[entity["type"]][0]
            assert thing["name"] == (entity.get(lang) or entity["ar"])
            # the other language's name where the page does not show it: an English page's
            # panel gives the Arabic name beside each English one
            if lang == "ar" and entity.get("en") and entity["en"] != entity["ar"]:
                assert thing["alternateName"] == entity["en"]
            else:
                assert "alternateName" not in thing
            assert "@id" not in thing  # the panel links each name to its tag page


@pytest.mark.parametrize("pre_escaped", [False, True])
def test_json_ld_and_meta_escape_hostile_front_matter(pre_escaped: bool) -> None:
    """Text that tries to close the <script> or an attribute stays text, whether the title
    arrives as a plain string or already escaped as Markup (hooks/escape_meta.py)."""
    hostile = "</script><script>alert(1)</script> \"' <b>&amp;"
    shown = markupsafe.escape(hostile) if pre_escaped else hostile
    # like MkDocs' theme environment: no autoescape, so the partial must escape by itself
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(REPO / "overrides"))
    env.globals.update(links_ui={"ar": {"feed_rss": "x", "feed_atom": "y"}},
                       links_default_lang="ar", na_urls=URLS, na_tag_kinds=TAG_KINDS)
    chrome.on_env(env, SimpleNamespace(theme={"language": "ar"}), None)  # na_cached
    page = SimpleNamespace(
        url="articles/0123456789abcdef/",
        canonical_url="https://example.org/articles/0123456789abcdef/",
        meta={"title": shown, "description": shown, "article_id": "0123456789abcdef",
              "date": "2015-11-20", "url": "https://example.com/a?b=1&c=<2>",
              "source": hostile,
              "entities": [{"type": "person", "ar": hostile, "en": hostile, "slug": "x",
                            "mentions": 2}]},
    )
    config = {"theme": {"language": "ar"}, "site_url": "https://example.org/",
              "site_name": "أرشيف"}
    out = env.get_template("partials/archive-meta.html").render(page=page, config=config)
    parser = _Head()
    parser.feed(f"<html><head>{out}</head></html>")
    assert out.count("</script>") == len(parser.scripts)  # nothing closes a script early
    (ld,) = parser.json_ld()
    assert ld["headline"] == parser.prop("og:title") == hostile
    assert ld["isBasedOn"] == "https://example.com/a?b=1&c=<2>"
    assert ld["mentions"][0]["name"] == hostile
    assert parser.prop("og:title") == hostile
    assert ld["datePublished"] == "2015-11-20"


def test_pages_that_are_not_articles_have_no_news_article(seed_project: Path,
                                                        seed_site: Path) -> None:
    site_url = read_site_url(seed_project)
    for lang, page in (("ar", seed_site / "index.html"), ("en", seed_site / "en" / "index.html")):
        head = _head(page)
        assert head.json_ld() == []
        assert head.prop("og:type") is None
        assert head.prop("og:site_name")
        # the home page names both feeds of its language
        feeds = {a["href"] for a in head.links if a.get("rel") == "alternate" and a.get("type")}
        assert feeds == {f"{site_url}feeds/{lang}/rss.xml", f"{site_url}feeds/{lang}/atom.xml"}


def test_the_strings_of_the_copy_controls_are_one_file_not_on_pages(seed_site: Path) -> None:
    """links.js fetches its strings from links-ui.json beside it (hooks/links.py), in both
    languages; no page repeats them."""
    pages = [p for p in seed_site.rglob("*.html") if "pagefind" not in p.parts]
    articles = [p for p in pages if 'id="na-article-ld"' in p.read_text(encoding="utf-8")]
    assert len(articles) >= 10
    assert not [p for p in pages if 'id="na-links-ui"' in p.read_text(encoding="utf-8")]
    script = seed_site / "assets" / "javascripts" / "archive.js"  # links.js's part
    strings = json.loads(script.with_name("links-ui.json").read_text(encoding="utf-8"))
    source = yaml.safe_load((REPO / "hooks" / "links.yml").read_text(encoding="utf-8"))
    assert strings == {lang: {key: source[key][lang] for key in links.ARTICLE_KEYS}
                       for lang in ("ar", "en")}
    assert "links-ui.json" in script.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_404_page_in_each_language_offers_search(seed_project: Path, seed_site: Path,
                                                 lang: str) -> None:
    site_url = read_site_url(seed_project)
    page = seed_site / ("404.html" if lang == "ar" else "en/404.html")
    text = page.read_text(encoding="utf-8")
    assert _head(page).lang == lang
    home = site_url if lang == "ar" else f"{site_url}en/"
    assert f'<form class="na-404__search" role="search" action="{home}" method="get">' in text
    assert 'name="q"' in text
    assert f'<a href="{home}">' in text
    # the root 404 (the one static hosts serve everywhere) also helps English readers
    actions = re.findall(r'<form class="na-404__search"[^>]* action="([^"]+)"', text)
    assert actions == ([site_url, f"{site_url}en/"] if lang == "ar" else [home])


def test_robots_txt_points_to_the_sitemap(seed_project: Path, seed_site: Path) -> None:
    robots = (seed_site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {read_site_url(seed_project)}sitemap.xml" in robots.splitlines()
    assert "User-agent: *" in robots
