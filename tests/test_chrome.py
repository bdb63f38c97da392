"""hooks/chrome.py: Material's chrome rendered once per URL shape, indentation removed."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace

import jinja2
import material
import pytest
from mkdocs.utils import normalize_url

from hooks import chrome, shards
from tests.helpers import REPO, plain_mkdocs_build, site_files

MATERIAL = Path(material.__file__).parent / "templates"


def _page(url: str, toc: list | None = None, meta: dict | None = None) -> SimpleNamespace:
    return SimpleNamespace(url=url, toc=toc or [], meta=meta or {})


def _nav(*urls: str) -> SimpleNamespace:
    return SimpleNamespace(pages=[_page(u) for u in urls])


CONFIG = SimpleNamespace(extra_css=["assets/stylesheets/archive.css"],
                         extra_javascript=[SimpleNamespace(path="assets/javascripts/links.js")])
NAV = _nav("", "timeline/", "tags/people/", "archive/")


def _shape(url: str, **kw: object) -> tuple | None:
    base = "/".join([".."] * url.count("/")) or "."
    return chrome.shape(_page(url, **kw), NAV, base, CONFIG)


def test_pages_at_the_same_place_share_a_shape() -> None:
    assert _shape("articles/a1/") == _shape("articles/b2/") is not None
    assert _shape("quotes/x/") == _shape("quotes/y/") is not None


def test_every_link_of_the_chrome_is_in_the_shape() -> None:
    # same depth, but the tag page's link to tags/people/ is "../" and not "../../../..."
    assert _shape("tags/people/x/") != _shape("tags/places/x/")
    assert _shape("articles/a1/") != _shape("articles/a1/page/2/")
    # a page whose folder holds a target has the targets' URLs in its shape
    nav = _nav("", "tags/people/", "tags/people/all/")
    shape = chrome.shape(_page("tags/people/"), nav, "../..", CONFIG)
    assert shape == ("../..", ("../..", "./", "all/", "../../assets/stylesheets/archive.css",
                               "../../assets/javascripts/links.js", "../../assets/"))


def test_a_shape_tells_every_link() -> None:
    """Pages of the same shape have the same relative URL to every target."""
    targets = [p.url for p in NAV.pages] + ["assets/", "tags/people/all/", "articles/"]
    pages = ["articles/a/", "articles/b/", "tags/people/x/", "tags/people/y/", "tags/x/",
             "tags/people/all/page/2/", "tags/people/all/page/3/", "archive/2015/",
             "timeline/2016/", "en/articles/a/", "en/tags/people/x/", "x/"]
    seen: dict[tuple, list[str]] = {}
    for url in pages:
        base = "/".join([".."] * url.count("/"))
        shape = chrome.shape(_page(url), _nav(*targets[:4], *targets[5:]), base, CONFIG)
        links = [normalize_url(t, _page(url), base) for t in targets]
        assert seen.setdefault(shape, links) == links, url


def test_pages_of_the_navigation_and_special_pages_have_no_shape() -> None:
    nav_page = NAV.pages[1]
    assert chrome.shape(nav_page, NAV, "..", CONFIG) is None
    assert _shape("about/", toc=[object()]) is None
    assert _shape("articles/a1/", meta={"hide": ["navigation"]}) is None
    assert _shape("assets/x/") is None
    assert chrome.shape(None, NAV, ".", CONFIG) is None


def _env() -> tuple[jinja2.Environment, SimpleNamespace]:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(REPO / "overrides"),
                                                            str(MATERIAL)]))
    config = SimpleNamespace(theme={"language": "ar"})
    chrome.on_env(env, config, None)
    return env, config


def test_cached_parts_are_rendered_once_per_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(chrome.SWITCH, raising=False)
    env, _ = _env()
    template = env.from_string('{% call na_cached("x", key) %}{{ n }}{% endcall %}')
    assert [template.render(key=k, n=n) for n, k in enumerate([("a",), ("a",), ("b",), None])] \
        == ["0", "0", "2", "3"]
    monkeypatch.setenv(chrome.SWITCH, "off")
    env, _ = _env()
    template = env.from_string('{% call na_cached("x", key) %}{{ n }}{% endcall %}')
    assert [template.render(key=("a",), n=n) for n in range(2)] == ["0", "1"]


@pytest.mark.parametrize("language", ["ar", "en", "fr"])
def test_interface_strings_are_materials(language: str) -> None:
    """lang.t of overrides/partials/language.html gives what Material's file gives."""
    env, config = _env()
    config.theme["language"] = language
    material_env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(MATERIAL)))
    theirs = material_env.get_template("partials/language.html")
    ours = env.get_template("partials/language.html")
    english = (MATERIAL / "partials" / "languages" / "en.html").read_text(encoding="utf-8")
    keys = re.findall(r'^\s*"([\w.]+)":', english, re.M) + ["no.such.key"]
    assert len(keys) > 50
    context = {"config": {"theme": config.theme}}
    a = theirs.make_module(context)
    b = ours.make_module(context)
    assert [str(b.t(k)) for k in keys] == [str(a.t(k)) for k in keys]


def test_templates_are_compiled_unindented() -> None:
    env, _ = _env()
    source = '<nav>\n    <a>\n\n      {{ x }}\n    </a> <i>c</i>\n</nav>\n'
    assert chrome.unindent(source) == '<nav>\n<a>\n{{ x }}\n</a> <i>c</i>\n</nav>\n'
    env.loader = chrome.Unindent(jinja2.DictLoader({"a.html": source, "a.xml": source}))
    assert env.get_template("a.html").render(x="  1\n    2") == \
        '<nav>\n<a>\n  1\n    2\n</a> <i>c</i>\n</nav>'
    assert env.get_template("a.xml").render(x=1) == source.replace("{{ x }}", "1").rstrip("\n")
    cached = env.from_string('{% call na_cached("x", ("k",)) %}\n  <b>\n\n  </b>{% endcall %}')
    assert cached.render() == "\n<b>\n</b>"


def test_written_pages_have_no_empty_lines_unless_line_breaks_count() -> None:
    page = '<body>\n\n  \n<p>a\n\tb</p>\n \n\n<script>x()</script>\n\n</body>'
    assert chrome.without_empty_lines(page) == '<body>\n<p>a\n\tb</p>\n<script>x()</script>\n</body>'
    for verbatim in ('<pre>a\n\nb</pre>', '<TEXTAREA>a\n\nb</TEXTAREA>',
                     '<script>let s = `a\n\nb`</script>', '<style>\n\n</style>'):
        assert chrome.without_empty_lines(f"<p>\n\n</p>{verbatim}") == f"<p>\n\n</p>{verbatim}"


def test_line_breaks_between_tags_go_from_the_chrome_only() -> None:
    page = ('<head>\n<meta a>\n<title>T</title>\n</head>\n<body>\n<button>\n<svg></svg>\n'
            'Top\n</button>\n<article class="md-content__inner md-typeset">\n<p>a</p>\n'
            '<p><b>x</b>\n<i>y</i></p>\n</article>\n</div>\n<script>x()</script>\n</body>')
    assert chrome.joined_chrome(page) == (
        '<head><meta a><title>T</title></head><body><button><svg></svg>\nTop\n</button>'
        '<article class="md-content__inner md-typeset">\n<p>a</p>\n'
        '<p><b>x</b>\n<i>y</i></p>\n</article></div><script>x()</script></body>')
    assert chrome.written(page.replace("<head>", "<head>\n\n")) == chrome.joined_chrome(page)
    # left as it is: no content's marks, or a chrome whose line breaks count
    for html in ("<p>\n<b>x</b>\n</p>", page.replace("</body>", "<pre>a\n<b>b</b></pre></body>"),
                 page.replace("<title>", "<script>\nlet a\n</script><title>")):
        assert chrome.joined_chrome(html) == html


def test_the_seed_site_has_no_line_breaks_between_tags_of_the_chrome(seed_site: Path) -> None:
    for name, data in _pages(seed_site).items():
        html = data.decode("utf-8")
        start, end = html.find(CONTENT), html.rfind("</article>")
        assert 0 <= start < end, name
        assert ">\n<" not in html[:start] + html[end:], name


def test_the_seed_site_has_no_empty_lines(seed_site: Path) -> None:
    pages = _pages(seed_site)
    assert [name for name, data in pages.items() if b"\n\n" in data] == []


def test_compiled_templates_of_the_indented_text_are_not_reused(tmp_path: Path) -> None:
    """The bytecode cache (hooks/shards.py) is keyed by the unindented source."""
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "a.html").write_text("<p>\n    x\n</p>", encoding="utf-8")
    renders = []
    for wrap in (False, True, True):
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path / "t")),
                                 bytecode_cache=jinja2.FileSystemBytecodeCache(str(tmp_path)))
        if wrap:
            chrome.on_env(env, SimpleNamespace(theme={"language": "ar"}), None)
        renders.append(env.get_template("a.html").render())
    assert renders == ["<p>\n    x\n</p>", "<p>\nx\n</p>", "<p>\nx\n</p>"]


def _pages(site: Path) -> dict[str, bytes]:
    return site_files(site, "*.html", skip=("pagefind",))


def test_the_site_is_the_same_without_the_cache(seed_project: Path, seed_site: Path,
                                                tmp_path: Path) -> None:
    """Every page of the seed site, rendered without the cache, is byte for byte the same."""
    plain = tmp_path / "site"
    plain_mkdocs_build(seed_project, plain, **{chrome.SWITCH: "off"})
    cached, uncached = _pages(seed_site), _pages(plain)
    assert sorted(cached) == sorted(uncached)
    assert len(cached) > 50
    assert [name for name in cached if cached[name] != uncached[name]] == []


CONTENT = '<article class="md-content__inner'
_RAW = re.compile(r"<(pre|textarea|script|style)\b[^>]*>(.*?)</\1>", re.S)


def test_the_chrome_has_nothing_whose_indentation_counts(seed_site: Path) -> None:
    """No <pre>, <textarea> or multi-line <script>/<style> outside a page's content, and no
    indentation left there."""
    for name, data in _pages(seed_site).items():
        html = data.decode("utf-8")
        start, end = html.find(CONTENT), html.rfind("</article>")
        outside = html[:start] + html[end:] if 0 <= start < end else html
        for m in _RAW.finditer(outside):
            assert m.group(1) in ("script", "style") and "\n" not in m.group(2), (name, m[0])
        assert not re.search(r"\n[ \t]", outside), name


def test_compiled_templates_are_kept_per_package_versions(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Another Jinja (or Python, MkDocs, Material) gets a folder of its own; old ones go."""
    cache = tmp_path / "templates"
    (cache / "old").mkdir(parents=True)
    (cache / "old" / "x.cache").write_bytes(b"stale")
    (cache / "stray.cache").write_bytes(b"unversioned layout")
    first = shards.template_cache(cache)
    assert first.parent == cache and first.is_dir()
    assert sorted(p.name for p in cache.iterdir()) == [first.name]
    (first / "a.cache").write_bytes(b"kept")
    assert shards.template_cache(cache) == first
    assert (first / "a.cache").read_bytes() == b"kept"
    real = shards.metadata.version
    monkeypatch.setattr(shards.metadata, "version",
                        lambda name: "99.0" if name == "Jinja2" else real(name))
    second = shards.template_cache(cache)
    assert second != first
    assert sorted(p.name for p in cache.iterdir()) == [second.name]


# --- icons painted by the stylesheet ------------------------------------------------------


def test_the_stylesheet_paints_materials_icons() -> None:
    """The icon block of archive.css is the one made from this Material's icons."""
    block = chrome.icon_css(MATERIAL / ".icons")
    css = (REPO / "docs" / chrome.ICON_STYLESHEET).read_text(encoding="utf-8")
    assert css.count(chrome.ICON_BLOCK[0]) == 1 and block in css
    for icon in chrome.ICONS:
        assert f".{chrome.icon_class(icon)}{{--na-i:url(" in block


def test_a_stale_icon_block_fails_the_build(tmp_path: Path) -> None:
    css = tmp_path / chrome.ICON_STYLESHEET
    css.parent.mkdir(parents=True)
    good = chrome.icon_css(MATERIAL / ".icons")
    css.write_text(f"body{{}}\n{good}\n", encoding="utf-8")
    chrome.check_icon_css(tmp_path, MATERIAL / ".icons")
    css.write_text(good.replace("M3 6h18v2H3z", "M3 6h17v2H3z"), encoding="utf-8")
    with pytest.raises(chrome.PluginError, match="icon block"):
        chrome.check_icon_css(tmp_path, MATERIAL / ".icons")


def test_the_loader_gives_the_chrome_icons_as_empty_boxes() -> None:
    env = jinja2.Environment(loader=chrome.Unindent(jinja2.FileSystemLoader(str(MATERIAL))))
    menu = env.get_template(".icons/material/menu.svg").render()
    assert menu == '<svg viewBox="0 0 24 24" class="na-i-menu"></svg>'
    other = env.get_template(".icons/material/close.svg").render()
    assert other.startswith("<svg") and "<path" in other  # not listed: inline as before


def test_pages_carry_no_inline_copy_of_the_chrome_icons(seed_site: Path) -> None:
    paths = {icon: re.search(r' d="([^"]+)"', (MATERIAL / ".icons" / f"{icon}.svg")
                             .read_text(encoding="utf-8")).group(1) for icon in chrome.ICONS}
    pages = _pages(seed_site)
    for name, data in pages.items():
        html = data.decode("utf-8")
        assert not [icon for icon, d in paths.items() if d in html], name
    home = pages["index.html"].decode("utf-8")
    # the search box's icon and the palette's others are named in the data of the scripts
    # that make the box and drive the button (their first line, on_files)
    scripts = "".join(re.findall(r"^window\.na\w+=.*$", (seed_site / chrome.SCRIPT).read_text(
        encoding="utf-8"), re.M))
    for icon in chrome.ICONS:
        name = chrome.icon_class(icon)
        assert f'class="{name}"' in home or f'"icon":"{name}"' in scripts, icon
    assert 'class="na-i-magnify"' not in home and '"icon":"na-i-weather-sunny"' in scripts


def _mini_site(tmp_path: Path, pages: dict[str, str]) -> Path:
    """A plain MkDocs project with the archive's theme overrides and chrome hook, built."""
    docs = tmp_path / "docs"
    (docs / "assets" / "stylesheets").mkdir(parents=True)
    (docs / chrome.ICON_STYLESHEET).write_bytes((REPO / "docs" / chrome.ICON_STYLESHEET).read_bytes())
    for name, text in pages.items():
        (docs / name).write_text(text, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Mini\nsite_url: https://example.org/\n"
        f"theme:\n  name: material\n  custom_dir: {REPO / 'overrides'}\n  language: ar\n"
        "  features: [navigation.tabs]\n"
        "not_in_nav: |\n" + "".join(f"  /{f}/\n" for f in ("articles", "tags", "timeline", "archive", "quotes")) +
        "plugins:\n  - i18n:\n      docs_structure: suffix\n      languages:\n"
        "        - {locale: ar, default: true, name: ar, build: true}\n"
        "        - {locale: en, name: en, build: true}\n"
        "hooks:\n" + "".join(f"  - {REPO / 'hooks' / h}\n" for h in ("links.py", "chrome.py")),
        encoding="utf-8")
    plain_mkdocs_build(tmp_path, tmp_path / "site")
    return tmp_path / "site"


def test_the_navigation_is_written_once_and_the_contents_only_where_there_are_some(
        tmp_path: Path) -> None:
    """Tabs only (no primary sidebar); the table of contents sidebar where a page has
    sections, not for a title alone."""
    site = _mini_site(tmp_path, {"index.md": "# Home\n\nText.\n",
                                 "long.md": "# Long\n\n## One\n\nA.\n\n## Two\n\nB.\n",
                                 "plain.md": "Text without any heading.\n"})
    for name, toc in (("index.html", False), ("long/index.html", True),
                      ("plain/index.html", False)):
        html = (site / name).read_text(encoding="utf-8")
        tabs = html.split('<ul class="md-tabs__list">', 1)[1].split("</ul>", 1)[0]
        assert tabs.count("<a href=") == 3, name
        current = re.findall(r'<a href="([^"]*)" aria-current="page">', tabs)
        assert current == ["./" if name != "index.html" else "."], (name, current)
        assert "md-sidebar--primary" not in html and "md-nav--primary" not in html, name
        assert ('data-md-type="toc"' in html) is toc, name
    long = (site / "long/index.html").read_text(encoding="utf-8")
    assert long.count('class="md-nav__link"') >= 2 and 'href="#one"' in long


def test_unused_parts_of_materials_page_go() -> None:
    page = ('<head><meta name="generator" content="mkdocs-1.6.1, mkdocs-material-9.8.1"></head>'
            '<body><div data-md-component="skip"></div><div data-md-component="announce"></div>'
            f'<main>x</main>{chrome.DIALOG}</body>')
    assert chrome.without_unused(page) == "<head></head><body><main>x</main></body>"
    # a skip link, a copy button of Material's, or its copy feature keep theirs
    skip = '<div data-md-component="skip"><a href="#a" class="md-skip">x</a></div>'
    assert chrome.without_unused(skip) == skip
    copy = f'<button data-clipboard-text="x"></button>{chrome.DIALOG}'
    assert chrome.without_unused(copy) == copy
    assert chrome.without_unused(chrome.DIALOG, ["content.code.copy"]) == chrome.DIALOG


def test_the_scripts_get_the_site_data_as_their_first_line() -> None:
    line = chrome.script_data("code();", "naX", {"a": "</script>", "b": "عربي"})
    first, _, rest = line.partition("\n")
    assert rest == "code();" and "</" not in first and "عربي" in first
    assert json.loads(first.removeprefix("window.naX=").removesuffix(";"))["a"] == "</script>"
    ui = {"label": {"ar": "ابحث", "en": "Search"}, "open": {"ar": "افتح", "en": "Open"},
          "placeholder": {"ar": "…", "en": "…"}, "unavailable": {"en": "No"}, "more": {"en": "x"}}
    site = chrome.search_site({"ui": ui, "bundle": "pf/", "entities": None})
    assert site["ui"]["en"] == {"label": "Search", "open": "Open", "placeholder": "…",
                                "unavailable": "No"}
    assert site["ui"]["ar"]["unavailable"] == "" and site["bundle"] == "pf/"
    assert site["icon"] == "na-i-magnify" and site["entities"] is None
    palette = [{"media": "(prefers-color-scheme: light)", "scheme": "default",
                "toggle": {"icon": "material/weather-night", "name": "داكن"}},
               {"scheme": "slate", "primary": "deep purple", "toggle": {"name": "فاتح"}}]
    data = chrome.palette_options(palette, {"ar": ["داكن", "فاتح"]})
    assert data["options"][1] == {"media": None, "scheme": "slate", "primary": "deep-purple",
                                  "accent": "indigo", "icon": "na-i-brightness-6"}
    assert data["options"][0]["icon"] == "na-i-weather-night"


def test_the_palette_names_of_every_language() -> None:
    languages = [{"locale": "ar", "theme": None},
                 {"locale": "en", "theme": {"palette": [{"toggle": {"name": "Dark"}}]}}]
    config = SimpleNamespace(
        theme={"language": "ar", "palette": [{"toggle": {"name": "داكن"}},
                                             {"toggle": {"name": "فاتح"}}]},
        plugins={"i18n": SimpleNamespace(config={"languages": languages})})
    assert chrome.palette_names(config) == {"ar": ["داكن", "فاتح"], "en": ["Dark", "فاتح"]}
    config.plugins = {}
    assert chrome.palette_names(config) == {"ar": ["داكن", "فاتح"]}


def test_the_project_scripts_are_one_file_each_part_on_its_own(seed_site: Path) -> None:
    script = (seed_site / chrome.SCRIPT).read_text(encoding="utf-8")
    folder = seed_site / "assets" / "javascripts"
    for uri in chrome.PARTS:  # in order, whole, each in its own try
        source = (REPO / "docs" / uri).read_text(encoding="utf-8").rstrip()
        assert f"{source}\n}} catch (err) {{ console.error(err); }}" in script
        assert not (seed_site / uri).exists()
    assert [p.name for p in sorted(folder.glob("*.js"))] == ["archive.js"] + [
        p.name for p in sorted(folder.glob("bundle.*.js"))]
    assert chrome.joined([("a.js", "x();\n"), ("b.js", "y();")]) == (
        "/* a.js */\ntry {\nx();\n} catch (err) { console.error(err); }\n"
        "/* b.js */\ntry {\ny();\n} catch (err) { console.error(err); }\n")
