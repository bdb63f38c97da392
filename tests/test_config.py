"""Settings and the URL layout (builder/config.py): a changed pattern moves the pages, the
feeds and the redirects, and every link to them follows."""

from __future__ import annotations

import posixpath
import re
from dataclasses import asdict
from pathlib import Path

import pytest

from builder.config import DEFAULT_LANG, LANGS, URLS, Settings, Urls, extra_urls
from builder.feeds import feed_files, feed_plans
from builder.model import TAG_KINDS
from builder.pages import plan
from builder.pages.catalog import build_catalog
from builder.redirects import Retired, redirect_pages
from builder.writer import render
from tests.pages_data import make_entry, small_archive, small_lists

URL = "https://example.org/archive/"

#: Every pattern changed: other folders, other depths, another pagination.
MOVED = Urls(
    article="news/item/{id}/", article_save_as="news/item/{id}.md",
    tag="topics/{kind}/{slug}/", tag_index="topics/{kind}/", tags="topics/",
    speaker="said/by/{slug}/", quotes="said/",
    timeline="when/", timeline_year="when/y{year:04d}/", timeline_unknown="when/some-year/",
    timeline_undated="when/no-date/",
    archive="months/", archive_month="months/{year:04d}-{month:02d}/",
    archive_undated="months/no-date/",
    page="{base}p{number}/", feeds="rss/{lang}/",
)
#: The folders of the default layout, none of which MOVED uses.
OLD = ("articles/", "tags/", "quotes/", "timeline/", "archive/", "feeds/", "page/")


def test_default_layout() -> None:
    assert URLS.article_loc("2365a23702f008e8") == "articles/2365a23702f008e8/"
    assert URLS.article_path("2365a23702f008e8", "ar") == "articles/2365a23702f008e8.md"
    assert URLS.article_path("2365a23702f008e8", "en") == "articles/2365a23702f008e8.en.md"
    assert URLS.tag_loc("people", "vladimir-putin") == "tags/people/vladimir-putin/"
    assert URLS.kind_loc("places") == "tags/places/"
    assert URLS.speaker_loc("vladimir-putin") == "quotes/vladimir-putin/"
    assert URLS.year_loc(2015) == "timeline/2015/"
    assert URLS.month_loc(2015, 1) == "archive/2015/01/"
    assert URLS.page_loc("tags/people/", 1) == "tags/people/"
    assert URLS.page_loc("tags/people/", 3) == "tags/people/page/3/"
    assert URLS.feed_base("en") == "feeds/en/"
    assert URLS.source_path("", "en") == "index.en.md"
    assert URLS.source_path("archive/2015/01/", "ar") == "archive/2015/01/index.md"
    assert URLS.generated()[:6] == ("articles", "tags", "quotes", "timeline", "archive", "feeds")


def test_tag_page_pattern() -> None:
    for urls, loc in ((URLS, "tags/people/vladimir-putin/"),
                      (MOVED, "topics/places/syria/")):
        found = urls.tag_page().fullmatch(loc)
        assert found and found["slug"] in loc
    for loc in ("tags/people/", "tags/people/x/page/2/", "tags/others/x/", "articles/x/"):
        assert URLS.tag_page().fullmatch(loc) is None


@pytest.mark.parametrize("changes,message", [
    ({"tag": "tags/{slug}/"}, "tag: 'tags/{slug}/' must use {kind}, {slug}"),
    ({"article": "articles/{id}/{lang}/"}, "must use {id}"),
    ({"archive": "archive"}, "archive: 'archive' must be a folder: not empty, no '/' first"),
    ({"timeline": "/timeline/"}, "must be a folder"),
    ({"timeline": ""}, "must be a folder"),
    ({"tag": "{kind}/{slug}/"}, "tag: '{kind}/{slug}/' must start with a fixed folder"),
    ({"page": "page/{number}/{base}"}, "must start with {base}"),
    ({"article": "news/{id}/"}, "article_save_as: 'articles/{id}.md' is not where MkDocs "
                                "serves 'news/{id}/' from (use 'news/{id}.md')"),
    ({"article": "a/{id}/b/", "article_save_as": "a/{id}/b.md"}, "a fixed folder then {id}/"),
    ({"quotes": "tags/"}, "quotes: 'tags/' is the location of tags too"),
    ({"archive": "assets/"}, "archive: the folder 'assets' is not the builder's"),
    ({"timeline": "en/timeline/"}, "the folder 'en' is not the builder's"),
    ({"quotes": "quotes/{slug}/"}, "takes no {fields}"),
    ({"article_save_as": "articles/{id}.html"}, "must end in .md"),
    ({"feeds": "feeds/{lang/"}, "is not a format pattern"),
])
def test_bad_patterns_are_refused(changes: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        Urls(**changes)


def test_settings_carry_the_layout(tmp_path: Path) -> None:
    assert Settings.from_root(tmp_path).urls == URLS
    assert Settings.from_root(tmp_path, urls=MOVED).urls == MOVED
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nextra:\n  urls:\n    article: "
                                         "'news/{id}/'\n    tags: 'topics/'\n", "utf-8")
    assert Settings.from_root(tmp_path).urls == Urls(article="news/{id}/",
                                                     article_save_as="news/{id}.md",
                                                     tags="topics/")


def test_mkdocs_settings_keep_the_defaults_they_do_not_name() -> None:
    assert Urls.from_settings(None) is URLS
    assert extra_urls({}) == extra_urls({"urls": {}}) == URLS
    assert extra_urls({"urls": {"feeds": "rss/{lang}/"}}) == Urls(feeds="rss/{lang}/")
    assert extra_urls({"urls": asdict(MOVED)}) == MOVED


@pytest.mark.parametrize("urls,message", [
    ({"articles": "news/{id}/"}, "mkdocs.yml: extra.urls: unknown key articles (the keys: "
                                 "article, article_save_as, tag,"),
    (["article"], "mkdocs.yml: extra.urls must map pattern names to patterns"),
    ({"tags": 3}, "mkdocs.yml: extra.urls: tags must be a string"),
    ({"tag": "tags/{slug}/"}, "mkdocs.yml: extra.urls: tag: 'tags/{slug}/' must use {kind}, "
                              "{slug}"),
])
def test_bad_mkdocs_settings_give_one_message(urls: object, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        extra_urls({"urls": urls})


def test_the_links_hook_refuses_bad_patterns_and_a_short_not_in_nav() -> None:
    """hooks/links.py stops ``mkdocs build`` on what Settings refuses, and when the
    navigation would list the moved articles or tags (``not_in_nav``)."""
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError
    from pathspec.gitignore import GitIgnoreSpec

    from hooks import links

    def config(urls: dict, hidden: str) -> object:
        return SimpleNamespace(extra={"urls": urls},
                               not_in_nav=GitIgnoreSpec.from_lines(hidden.splitlines()))

    default = "/articles/\n/tags/\n"
    assert links.on_config(config({}, default)) is not None
    moved = config({"article": "news/{id}/", "tag_index": "topics/{kind}/",
                    "tag": "topics/{kind}/{slug}/", "tags": "topics/"}, "/news/\n/topics/\n")
    assert links.on_config(moved) is moved
    with pytest.raises(PluginError, match=re.escape("not_in_nav must list /news/")):
        links.on_config(config({"article": "news/{id}/"}, default))
    with pytest.raises(PluginError, match=re.escape("not_in_nav must list /topics/")):
        links.on_config(config({"tag": "topics/{kind}/{slug}/"}, default))
    with pytest.raises(PluginError, match=re.escape("extra.urls: article: 'x/' must use {id}")):
        links.on_config(config({"article": "x/"}, default))


def _loc(path: str, urls: Urls) -> str:
    """The location of a planned page from its Markdown path."""
    base = re.sub(r"(\.en)?\.md$", "", path)
    if base == "index" or base.endswith("/index"):
        return base[: -len("index")]
    article = re.fullmatch(re.escape(urls.article_save_as[: -len(".md")])
                           .replace(re.escape("{id}"), "(?P<id>[0-9a-f]{16})"), base)
    assert article, path
    return urls.article_loc(article["id"])


def _pages(entries, urls: Urls) -> dict[tuple[str, str], str]:
    """(lang, location) -> rendered page (front matter and body) of every planned page."""
    out = {}
    for spec in plan(entries, urls=urls):
        lang = "en" if spec.path.endswith(".en.md") else "ar"
        out[lang, _loc(spec.path, urls)] = render(spec)
    return out


@pytest.fixture()
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lists of one or two items a page, so that every kind of list is paginated, and the
    timeline in years."""
    small_lists(monkeypatch)


def _archive():
    return [*small_archive(), make_entry(5, ["سوريا", "موسكو"], "2015-11-21"),
            make_entry(6, ["سوريا"], None)]


@pytest.mark.usefixtures("small_pages")
def test_a_changed_pattern_moves_every_page_and_every_link() -> None:
    moved, default = _pages(_archive(), MOVED), _pages(_archive(), URLS)
    assert len(moved) == len(default)
    paged = [loc for _, loc in moved if "/p2/" in loc]
    assert {loc.split("/")[0] for loc in paged} >= {"topics", "said", "when", "months"}
    folders = {"news", "topics", "said", "when", "months"}
    assert {loc.split("/")[0] for _, loc in moved} == {"", *folders}
    links = 0
    for (lang, loc), page in moved.items():
        for href in re.findall(r'href="([^"#]*)(?:#[^"]*)?"', page):
            if href.startswith(("http:", "https:", "mailto:")) or not href:
                continue
            # resolved where the pages are served (English ones below en/): a link from
            # an English page may lead to an Arabic one
            served = MOVED.served_loc(loc, lang)
            target = posixpath.normpath(posixpath.join(served or ".", href))
            target = "" if target == "." else f"{target}/"
            target_lang, target = MOVED.split_lang(target)
            assert (target_lang, target) in moved, (loc, href)
            links += 1
        assert not any(f"/{old}" in page or f'"{old}' in page or f"../{old}" in page
                       for old in OLD), loc
    assert links > 200


def test_feeds_and_redirects_follow_the_patterns() -> None:
    entries = small_archive()
    files = feed_files(entries, URL, MOVED, tag_min=1)
    assert files and all(f.path.startswith(("rss/ar/", "rss/en/")) for f in files)
    assert any(f.path.startswith("rss/en/topics/people/") for f in files)
    permalinks = {m for f in files for m in re.findall(rb"<link>([^<]*)</link>", f.data)}
    assert f"{URL}news/item/{entries[0].meta.id}/".encode() in permalinks
    assert not any(b"/articles/" in link for link in permalinks)
    with pytest.raises(ValueError, match="other URL patterns"):
        feed_plans(entries, URL, build_catalog(entries), MOVED)
    old, live = "0123456789abcdef", entries[0].meta.id
    pages = redirect_pages([Retired(old, live), Retired("fedcba9876543210", None)],
                           entries, MOVED)
    assert [p.path for p in pages][:2] == [f"news/item/{old}.md", "news/item/fedcba9876543210.md"]
    moved = pages[0].front_matter["redirect_to"]
    assert posixpath.normpath(posixpath.join(MOVED.article_loc(old), moved)) + "/" \
        == MOVED.article_loc(live)
    assert 'href="../../../"' in render(pages[1])  # home, from news/item/<id>/


def test_configuration_files_name_the_same_folders() -> None:
    """mkdocs.yml (navigation) and .gitignore name the folders :data:`URLS` generates."""
    from mkdocs.utils.yaml import yaml_load

    from tests.helpers import REPO

    ignored = (REPO / ".gitignore").read_text(encoding="utf-8").split()
    assert [name for name in URLS.generated() if f"/docs/{name}/" not in ignored
            and f"/docs/{name}" not in ignored] == []
    with open(REPO / "mkdocs.yml", "rb") as fh:
        config = yaml_load(fh)
    pages = {f for f in URLS.folders() if f"{f}/" != URLS.feed_folder()}
    assert set(config["not_in_nav"].split()) == {f"/{f}/" for f in pages}
    nav = {path for item in config["nav"] for path in item.values()}
    wanted = [URLS.timeline, *map(URLS.kind_loc, TAG_KINDS.values()),
              URLS.archive, URLS.quotes]
    assert [loc for loc in wanted if URLS.source_path(loc, "ar") not in nav] == []


def test_language_folders() -> None:
    """The default language is served at the root, another at ``<lang>/``; paths split back."""
    assert LANGS[0] == DEFAULT_LANG == "ar"
    assert [URLS.lang_root(lang) for lang in LANGS] == ["", "en/"]
    assert URLS.served_loc(URLS.tag_loc("people", "x"), "en") == "en/tags/people/x/"
    assert URLS.served_loc("", "ar") == ""
    for lang in LANGS:
        for loc in ("", "tags/", MOVED.article_loc("0123456789abcdef"), "en/"):
            assert URLS.split_lang(URLS.served_loc(loc, lang)) == (lang, loc) or \
                (lang, loc) == ("ar", "en/")  # an Arabic folder named en/ cannot be told apart
            assert URLS.split_source_lang(URLS.source_path(loc, lang)) \
                == (lang, URLS.source_path(loc, DEFAULT_LANG))
    assert URLS.split_source_lang("articles/x.en.md") == ("en", "articles/x.md")
    with pytest.raises(ValueError, match="not a language"):
        URLS.lang_root("fr")


def test_mkdocs_yml_builds_the_languages_of_the_builder() -> None:
    """The i18n plugin of mkdocs.yml builds :data:`LANGS`, the default first, with the
    suffix layout that :meth:`Urls.lang_root` and :meth:`Urls.source_path` describe."""
    from mkdocs.utils.yaml import yaml_load

    from tests.helpers import REPO

    with open(REPO / "mkdocs.yml", "rb") as fh:
        config = yaml_load(fh)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    assert i18n["docs_structure"] == "suffix"
    langs = [lang for lang in i18n["languages"] if lang.get("build", True)]
    assert [lang["locale"] for lang in langs] == list(LANGS)
    assert [lang["locale"] for lang in langs if lang.get("default")] == [DEFAULT_LANG]


def test_the_links_hook_refuses_other_languages() -> None:
    """hooks/links.py stops a build whose i18n languages are not the builder's."""
    from mkdocs.exceptions import PluginError
    from mkdocs.plugins import PluginCollection

    from hooks import links

    class _I18n:
        def __init__(self, langs: list[tuple[str, bool]]) -> None:
            self.config = {"languages": [{"locale": code, "default": default, "build": True}
                                         for code, default in langs]}

    class _Env:
        def __init__(self) -> None:
            self.globals: dict = {}
            self.policies: dict = {}

    def config(langs: list[tuple[str, bool]]) -> object:
        plugins = PluginCollection()
        plugins["i18n"] = _I18n(langs)  # type: ignore[assignment]
        return type("Config", (), {"plugins": plugins, "theme": {"language": "ar"},
                                   "extra": {"urls": {"tags": "topics/"}}})()

    env = links.on_env(_Env(), config([("ar", True), ("en", False)]), None)
    assert env.globals["na_urls"].lang_root("en") == "en/"
    assert env.globals["na_urls"].tags == "topics/"  # the site's layout, not the default
    for wrong in ([("ar", False), ("en", True)], [("ar", True)],
                  [("ar", True), ("en", False), ("fr", False)]):
        with pytest.raises(PluginError, match="i18n"):
            links.on_env(_Env(), config(wrong), None)


#: Where a language's folder could be spelled out instead of asked of :data:`URLS`.
_LANG_FOLDER_PY = re.compile(r"(^|/)en/")
_LANG_FOLDER_TEMPLATE = re.compile(r"""["']en/|~\s*(lang|code|locale)\s*~\s*["']/""")


def _code_strings(path: Path) -> list[str]:
    """The string constants of a Python module, its docstrings left out."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body and isinstance(node.body[0], ast.Expr)}
    return [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)
            and isinstance(node.value, str) and id(node) not in docs]


def test_no_module_spells_out_the_english_folder() -> None:
    """builder/ (its templates too), hooks/ and overrides/ take a language's folder from :meth:`Urls.lang_root`
    (the scan finds the spelled-out forms this repository used, checked on two samples)."""
    from tests.helpers import REPO

    assert _LANG_FOLDER_PY.search("en/articles/") and _LANG_FOLDER_TEMPLATE.search(
        '{%- set home = root if lang == d else root ~ lang ~ "/" -%}')
    found = [f"{path.relative_to(REPO)}: {text!r}"
             for folder in ("builder", "hooks") for path in sorted((REPO / folder).rglob("*.py"))
             for text in _code_strings(path) if _LANG_FOLDER_PY.search(text)]
    found += [f"{path.relative_to(REPO)}: {m.group(0)!r}"
              for path in sorted([*(REPO / "overrides").rglob("*"),
                                  *(REPO / "builder" / "templates").rglob("*")])
              if path.suffix in {".html", ".xml", ".j2"}
              for m in _LANG_FOLDER_TEMPLATE.finditer(path.read_text(encoding="utf-8"))]
    assert found == []
