"""A site whose mkdocs.yml moves every kind of page (``extra.urls``): the builder, MkDocs'
hooks, the feeds, the sitemap and the search index all put and find pages at the new
places, and every internal link of the rendered site resolves."""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from pathlib import Path

import pytest

from builder.config import URLS, read_mkdocs_yml, read_urls
from tests.helpers import CORPUS, build_site, make_project, run_builder
from tests.test_config import MOVED, OLD
from tests.test_links import crawl

SEEDS = sorted(re.search(r"_([0-9a-f]{16})\.txt$", p.name).group(1)
               for p in CORPUS.glob("*.txt") if not p.name.endswith(".en.txt"))


def _move(project: Path, urls: dict[str, str]) -> None:
    """Give ``project``'s mkdocs.yml the layout ``urls`` (``extra.urls``) and the navigation
    and ``not_in_nav`` that go with it, as a site owner would edit them."""
    path = project / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("\nextra:\n", "\nextra:\n  urls:\n" + "".join(
        f"    {key}: {json.dumps(value)}\n" for key, value in urls.items()), 1)
    for old, new in (("timeline/", MOVED.timeline), ("tags/", MOVED.tags),
                     ("archive/", MOVED.archive), ("quotes/", MOVED.quotes),
                     ("articles/", MOVED.article_folder())):
        text = text.replace(f": {old}", f": {new}").replace(f"  /{old}\n", f"  /{new}\n")
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def moved_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("moved-project"), CORPUS)
    _move(project, {k: v for k, v in asdict(MOVED).items() if k != "article_save_as"})
    assert read_urls(project) == MOVED
    build_site(project)
    return project


def test_every_page_is_where_the_patterns_say(moved_site: Path) -> None:
    site, docs = moved_site / "site", moved_site / "docs"
    for article in SEEDS:
        assert (docs / MOVED.article_path(article, "ar")).is_file()
        for lang in ("ar", "en"):
            assert (site / MOVED.served_loc(MOVED.article_loc(article), lang)
                    / "index.html").is_file()
    tag = MOVED.tag_loc("people", "vladimir-putin")
    assert (site / tag / "index.html").is_file()
    assert (site / MOVED.served_loc(tag, "en") / "index.html").is_file()
    for loc in (MOVED.timeline, MOVED.archive, MOVED.quotes, MOVED.tags):
        assert (site / loc / "index.html").is_file(), loc
    # nothing of the default layout is left, in docs/ or in the site
    assert [f for f in OLD if (docs / f).exists() or (site / f).exists()
            or (site / "en" / f).exists()] == []


def test_every_internal_link_of_the_moved_site_resolves(moved_site: Path) -> None:
    problems = crawl(moved_site / "site")
    assert not problems, "\n".join(problems[:50])


def test_feeds_and_sitemap_use_the_new_places(moved_site: Path) -> None:
    site = moved_site / "site"
    rss = (site / MOVED.feed_base("ar") / "rss.xml").read_text(encoding="utf-8")
    assert f"/{MOVED.article_loc(SEEDS[0])}" in rss and "/articles/" not in rss
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"/{MOVED.article_loc(SEEDS[0])}</loc>" in sitemap
    assert f"/en/{MOVED.tag_loc('people', 'vladimir-putin')}</loc>" in sitemap
    assert [old for old in OLD if f"/{old}" in sitemap] == []


def test_the_search_indexes_the_moved_pages(moved_site: Path) -> None:
    site = moved_site / "site"
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert sum(lang["page_count"] for lang in entry["languages"].values()) == 2 * len(SEEDS)
    assert not list(site.glob(".entity-records-*"))  # the entity records stay out of the site
    people = list((site / "search-entities" / "ar").glob("*.json"))
    folders = {folder for shard in people
               for folder in json.loads(shard.read_text(encoding="utf-8"))}
    assert folders and all(f.startswith(MOVED.tags) for f in folders), folders


def test_a_bad_pattern_stops_the_build_with_one_message(tmp_path: Path) -> None:
    project = make_project(tmp_path, CORPUS)
    _move(project, {"article": "news/{slug}/"})
    result = run_builder(project, "build", check=False)
    assert result.returncode == 2
    assert result.stderr.strip() == ("error: mkdocs.yml: extra.urls: article: 'news/{slug}/' "
                                     "must use {id}")


def test_a_navigation_left_behind_stops_the_render(tmp_path: Path) -> None:
    """Patterns moved, ``not_in_nav`` edited, ``nav`` not: MkDocs would link the old
    index pages as they are; the build stops naming them."""
    project = make_project(tmp_path, CORPUS)
    _move(project, {k: v for k, v in asdict(MOVED).items() if k != "article_save_as"})
    path = project / "mkdocs.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        f": {MOVED.timeline}index.md", ": timeline/index.md"), encoding="utf-8")
    result = run_builder(project, "site", check=False)
    assert result.returncode != 0
    assert "mkdocs.yml: nav names timeline/index.md, which docs/ does not hold" \
        in result.stdout + result.stderr


def test_the_default_layout_is_the_repository_s() -> None:
    """mkdocs.yml sets no pattern of its own: URLs of existing sites stay where they are."""
    from tests.helpers import REPO

    assert read_urls(REPO) == URLS
    assert "urls" not in read_mkdocs_yml(REPO)["extra"]
