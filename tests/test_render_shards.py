"""builder/render/shards.py: which pages each MkDocs process renders, reads and lists.

On made-up docs lists; ``tests/test_incremental.py`` checks the rendered result against a
plain ``mkdocs build``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.render.shards import ShardPlan, nav_pages, select, shard_of, twins

LANGS = ["ar", "en"]
NAV = ["index.md", "about.md"]
#: A docs/ of 300 articles in both languages (a few without twin) and the navigation pages.
ARTICLES = [f"articles/{i:04x}{suffix}" for i in range(300)
            for suffix in ((".md", ".en.md") if i % 7 else (".md",))]
PAGES = ["index.md", "index.en.md", "about.md", "about.en.md", *ARTICLES]
HAND_WRITTEN = {"about.md": "# عن الأرشيف\n\nنص.\n", "about.en.md": "# About\n\nText.\n"}


def _read(page: str) -> str:
    """Only hand-written pages are read (generated ones are HTML, never converted)."""
    return HAND_WRITTEN[page]


def _plans(shards: int, pages: list[str] | None = None) -> list[ShardPlan]:
    return [ShardPlan(shard=k, shards=shards, pages=None if pages is None else tuple(pages),
                      report="r") for k in range(shards)]


@pytest.mark.parametrize("shards", [1, 2, 3])
def test_a_full_render_renders_every_page_once(shards: int) -> None:
    selections = [select(PAGES, plan, NAV, LANGS, _read) for plan in _plans(shards)]
    rendered = [p for s in selections for p in s.render]
    assert sorted(rendered) == sorted(PAGES)  # every page, by one process
    for s in selections:
        # a page and its twin go to the same process: nothing is listed only as a twin
        assert s.excluded == frozenset()
        # every process reads the navigation's pages (both languages) it does not render
        assert s.read == {"index.md", "index.en.md", "about.md", "about.en.md"} - s.render


def test_processes_get_even_shares() -> None:
    sizes = [len(select(PAGES, plan, NAV, LANGS, _read).render) for plan in _plans(2)]
    assert min(sizes) > 0.4 * len(PAGES)


def test_an_incremental_render_lists_the_twins_of_its_pages_as_excluded() -> None:
    changed = ["articles/0001.en.md", "articles/0002.md", "articles/0007.md"]
    (s,) = [select(PAGES, plan, NAV, LANGS, _read) for plan in _plans(1, changed)]
    assert s.render == set(changed)
    assert s.read == {"index.md", "index.en.md", "about.md", "about.en.md"}
    # the twins the language switchers point at (0007 has none)
    assert s.excluded == {"articles/0001.md", "articles/0002.en.md"}
    assert len(s.listed) == 9


def test_each_process_of_an_incremental_render_renders_its_share() -> None:
    changed = sorted(p for p in ARTICLES if p.startswith("articles/00"))
    selections = [select(PAGES, plan, NAV, LANGS, _read) for plan in _plans(2, changed)]
    assert sorted(p for s in selections for p in s.render) == changed
    for s in selections:
        assert all(shard_of(p, 2) == shard_of(t, 2) for p in s.render for t in twins(p, LANGS))
        assert s.excluded <= {t for p in s.render for t in twins(p, LANGS)}


def test_a_converted_page_with_links_lists_every_page() -> None:
    """Strict mode fails on a link to a file MkDocs does not list: every page is listed,
    excluded (MkDocs resolves links to excluded files but never reads them)."""
    linked = {**HAND_WRITTEN, "about.md": "# عن\n\nانظر [مقالا](articles/0001.md).\n"}
    (s,) = [select(PAGES, plan, NAV, LANGS, linked.__getitem__)
            for plan in _plans(1, ["articles/0002.md"])]
    assert s.render == {"articles/0002.md"}
    assert s.listed == set(PAGES)
    assert s.excluded == set(PAGES) - s.render - s.read
    # a hand-written page that is HTML (markup: html) is never converted
    html = {**HAND_WRITTEN, "about.md": "---\nmarkup: html\n---\n<a href='x/'>x</a>\n"}
    (s,) = [select(PAGES, plan, NAV, LANGS, html.__getitem__)
            for plan in _plans(1, ["articles/0002.md"])]
    assert s.excluded == {"articles/0002.en.md"}


def test_links_out_of_the_site_list_no_other_page() -> None:
    """A hand-written page whose links all leave the site (or stay on the page) needs no
    other file listed: MkDocs looks none of them up."""
    outside = {
        "about.md": "# عن\n\nبُني بـ[MkDocs](https://www.mkdocs.org/) و[هنا](#x).\n",
        "about.en.md": "# About\n\n[Mail](mailto:a@b.example), <img src=\"//cdn.example/i.png\">"
                       "\n\n[ref][r]\n\n[r]: <https://pagefind.app/>\n",
    }
    (s,) = [select(PAGES, plan, NAV, LANGS, outside.__getitem__)
            for plan in _plans(1, ["articles/0002.md"])]
    assert s.excluded == {"articles/0002.en.md"}


@pytest.mark.parametrize("text", [
    "[a](articles/0001.md)", "![i](img.png 'title')", "[a](/articles/0001.md)",
    "[a][r]\n\n[r]: articles/0001.md", "<a href='articles/'>x</a>", "[a]()",
    "[Site](https://x.example/) and [a](<articles/0001.md>)",
])
def test_any_link_that_may_name_a_file_lists_every_page(text: str) -> None:
    linked = {**HAND_WRITTEN, "about.md": f"# عن\n\n{text}\n"}
    (s,) = [select(PAGES, plan, NAV, LANGS, linked.__getitem__)
            for plan in _plans(1, ["articles/0002.md"])]
    assert s.listed == set(PAGES)


def test_the_about_pages_need_no_other_page() -> None:
    """docs/about*.md, as they are: their links leave the site."""
    docs = Path(__file__).resolve().parent.parent / "docs"
    texts = {p: (docs / p).read_text(encoding="utf-8-sig") for p in ("about.md", "about.en.md")}
    (s,) = [select(PAGES, plan, NAV, LANGS, texts.__getitem__)
            for plan in _plans(1, ["articles/0002.md"])]
    assert s.excluded == {"articles/0002.en.md"}


def test_twins_and_navigation_pages() -> None:
    assert twins("tags/x/index.en.md", LANGS) == {
        "tags/x/index.md", "tags/x/index.ar.md", "tags/x/index.en.md"}
    assert twins("about.md", LANGS) == {"about.md", "about.ar.md", "about.en.md"}
    nav = [{"Home": "index.md"}, {"Part": [{"A": "a/index.md"}, "https://x.example/y.md"]},
           "/b.md"]
    assert nav_pages(nav) == ["index.md", "a/index.md", "b.md"]


def test_a_plan_goes_through_its_file(tmp_path: Path) -> None:
    plan = ShardPlan(shard=1, shards=2, pages=("articles/0001.md", "articles/0002.md"),
                     report=str(tmp_path), verbatim=("feeds/ar/x.xml",))
    path = tmp_path / "plan.json"
    plan.write(path)
    again = ShardPlan.read(path)
    assert again == plan
    assert [p for p in ARTICLES if again.renders(p)] \
        == [p for p in plan.pages if shard_of(p, 2) == 1]
    everything = ShardPlan.read(_written(tmp_path / "all.json", ShardPlan(0, 1, None, "r")))
    assert everything.pages is None and all(everything.renders(p) for p in PAGES)


def _written(path: Path, plan: ShardPlan) -> Path:
    plan.write(path)
    return path
