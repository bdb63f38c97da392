"""Parallel and incremental rendering give exactly what one plain ``mkdocs build`` gives.

* the seed site (rendered by ``python -m builder site``: MkDocs in one process per core,
  ``builder/render/``, ``hooks/shards.py``) equals a plain single-process ``mkdocs build``
  of the same docs/, file for file and byte for byte: language switcher, hreflang links,
  sitemap and 404 pages;
* adding an article to a built project and rebuilding renders only the pages that changed
  and gives the same site as a full build of the grown corpus (the Pagefind bundle by
  content: Pagefind itself does not write the same bytes twice); removing one removes
  its pages;
* a change to the navigation, the configuration, the theme, the hooks, the builder or
  ``SITE_URL`` renders everything again (checked on the plan, without running MkDocs).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from fnmatch import fnmatch
from pathlib import Path

import pytest
import yaml

from builder import render
from builder.render import plan as render_plan
from builder.render import shards, swap
from builder.search import layout, pagefind
from builder.writer import write_if_changed
from tests.helpers import (
    CORPUS,
    REPO,
    make_project,
    plain_mkdocs_build,
    run_builder,
    site_files,
)

#: Prefix of the search bundles' folders (``pagefind/``, ``pagefind-entities/``).
SEARCH_BUNDLE = "pagefind"
ARTICLES = sorted(p for p in CORPUS.glob("*.txt") if not p.name.endswith(".en.txt"))


def _assert_same_tree(left: Path, right: Path, skip: tuple[str, ...] = ()) -> None:
    # the entity records the hook writes at the top of the site: the search index gathers
    # them into its state and removes them, MkDocs alone leaves them
    a, b = ({rel: data for rel, data in site_files(side, skip=skip).items()
             if not fnmatch(rel, layout.ENTITY_RECORDS_GLOB)} for side in (left, right))
    assert sorted(a) == sorted(b), (sorted(set(a) ^ set(b)))[:20]
    differ = [name for name in a if a[name] != b[name]]
    assert not differ, differ[:20]


def _copy_article(path: Path, corpus: Path) -> None:
    shutil.copy2(path, corpus / path.name)
    twin = path.with_name(path.name[: -len(".txt")] + ".en.txt")
    if twin.exists():
        shutil.copy2(twin, corpus / twin.name)


def test_parallel_render_equals_aplain_mkdocs_build(seed_project: Path,
                                                     tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain_mkdocs_build(seed_project, plain)
    # steps after MkDocs (the search bundles, ...) write top-level folders of their own
    after_mkdocs = tuple(p.name for p in (seed_project / "site").iterdir()
                         if not (plain / p.name).exists())
    assert any(name.startswith(SEARCH_BUNDLE) for name in after_mkdocs)
    # the entity records: see _assert_same_tree
    assert list(plain.glob(layout.ENTITY_RECORDS_GLOB))
    assert not list((seed_project / "site").glob(layout.ENTITY_RECORDS_GLOB))
    _assert_same_tree(seed_project / "site", plain, skip=after_mkdocs)
    sitemap = (plain / "sitemap.xml").read_text(encoding="utf-8")
    # both languages' pages (each names its twins in its head, not in the sitemap)
    locs = re.findall(r"<loc>([^<]*)</loc>", sitemap)
    assert any("/en/articles/" in u for u in locs) and \
        any("/articles/" in u and "/en/" not in u for u in locs)


def test_more_processes_than_cores_a_few_at_a_time_give_the_same_site(
        seed_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A large render: more, smaller MkDocs processes than cores, one at a time within a
    small memory budget (builder/render/run.py), give the plain build's site."""
    from builder import memory
    from builder.render import run

    pages, files = run.count_docs(seed_project / "docs")
    monkeypatch.setattr(run, "PAGES_PER_PROCESS", -(-pages // 3))
    monkeypatch.setenv(memory.ENV, str((run.PROCESS_BASE + files * run.PER_FILE
                                        + pages * run.PER_PAGE) // memory.MB))
    share = run.plan_processes(pages, files, 2, memory.budget())
    assert share == run.Processes(shards=3, at_once=1)
    out = tmp_path / "sharded"
    report = render.mkdocs_build(seed_project, out, jobs=None)
    assert not list(out.glob(".shard-*"))
    plain = tmp_path / "plain"
    plain_mkdocs_build(seed_project, plain)
    _assert_same_tree(out, plain)
    assert set(report) == {"ar", "en"}


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """A project built without the last seed, then given it and rebuilt incrementally."""
    tmp = tmp_path_factory.mktemp("incremental")
    corpus = tmp / "start-corpus"
    corpus.mkdir()
    for path in ARTICLES[:-1]:
        _copy_article(path, corpus)
    project = make_project(tmp / "project", corpus)
    run_builder(project, "site")
    start = tmp / "start-site"  # a full render of the corpus without the last seed
    shutil.copytree(project / "site", start)
    before = {p: p.stat().st_mtime_ns for p in (project / "site").rglob("*.html")}
    docs_before = render_plan.docs_hashes(project / "docs")
    _copy_article(ARTICLES[-1], project / "corpus")
    result = run_builder(project, "site")
    docs_after = render_plan.docs_hashes(project / "docs")
    changed = {p for p, h in docs_after.items() if docs_before.get(p) != h}
    full = make_project(tmp / "full", CORPUS)
    run_builder(full, "site")
    return {"project": project, "full": full, "before": before, "log": result.stderr,
            "changed": changed, "start": start}


def test_adding_an_article_renders_only_changed_pages(grown: dict) -> None:
    assert "incremental render" in grown["log"], grown["log"][-2000:]
    site = grown["project"] / "site"
    before: dict[Path, int] = grown["before"]
    rendered = {p.relative_to(site).as_posix() for p, mtime in before.items()
                if p.exists() and p.stat().st_mtime_ns != mtime}
    expected = {layout.site_page(d) for d in grown["changed"] if d.endswith(".md")}
    # 404.html is a theme page: MkDocs renders it on every build
    assert rendered - {"404.html", "en/404.html"} <= expected, sorted(rendered - expected)
    assert len(rendered) < len(before)
    assert site / "about" / "index.html" in before and "about/index.html" not in rendered


def test_an_incremental_render_keeps_only_the_pages_it_needs(grown: dict) -> None:
    """MkDocs works on the pages to render (and the navigation), not on every page: the
    processes report the pages they kept (``builder/render/shards.py``)."""
    kept = re.findall(r"render: (\d+) of (\d+) documentation pages kept", grown["log"])
    assert len(kept) == 1, grown["log"][-2000:]
    n, listed = map(int, kept[0])
    changed = len([d for d in grown["changed"] if d.endswith(".md")])
    assert n < listed
    assert n <= changed + 2 * len(shards.nav_pages(_nav()))


def _nav() -> list:
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    return yaml.load(text[text.index("\nnav:"):text.index("\nplugins:")], yaml.SafeLoader)["nav"]


def test_incremental_result_equals_a_full_build(grown: dict) -> None:
    left, right = grown["project"] / "site", grown["full"] / "site"
    # Pagefind 1.5 writes its filter files in hash-map order: two runs over the same site
    # differ in bytes; and an incremental build may index new articles into a recent part
    # (here the new seed changes how an entity of two older articles is spelt, so their
    # indexed content changes and the index is a full one: builder/search/plan.py). The bundles
    # are compared by what they hold: every page's indexed record, over the parts.
    _assert_same_tree(left, right, skip=(SEARCH_BUNDLE,))
    assert "search: full index (the indexed content of" in grown["log"] \
        or "search: recent index" in grown["log"], grown["log"][-2000:]
    indexed = [pagefind.indexed_pages(side) for side in (left, right)]
    assert sorted(indexed[0]) == sorted(indexed[1]) and indexed[0]
    assert [url for url in indexed[0] if indexed[0][url] != indexed[1][url]] == []


def _moved_project(source: Path, target: Path) -> Path:
    """A copy of a rendered project whose manifest holds as rendered there (the stamp names
    the site folder: a copy would otherwise render everything again)."""
    shutil.copytree(source, target, symlinks=True)
    manifest = target / ".cache" / render_plan.MANIFEST
    data = json.loads(manifest.read_text(encoding="utf-8"))
    assert data["stamp"] == render_plan.stamp(source, source / "site")
    data["stamp"] = render_plan.stamp(target, target / "site")
    manifest.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return target


def _incremental(project: Path) -> str:
    result = run_builder(project, "site")
    assert "incremental render" in result.stderr, result.stderr[-2000:]
    return result.stderr


def test_changed_deleted_and_one_language_pages_render_as_in_a_full_build(
        grown: dict, tmp_path: Path) -> None:
    """An article changed (then changed back), an article deleted, a page in one language
    that gets its twin: each incremental render equals a full one (sitemap included)."""
    project = _moved_project(grown["full"], tmp_path / "project")
    site = project / "site"
    # an article changed: its page shows the change; changed back, the site is as before
    text = project / "corpus" / ARTICLES[0].name
    original = text.read_text(encoding="utf-8")
    text.write_text(original.rstrip("\n") + "\n\nجملة اختبار مضافة في آخر المقال.\n",
                    encoding="utf-8")
    _incremental(project)
    article = site / "articles" / ARTICLES[0].stem.split("_", 1)[1] / "index.html"
    assert "جملة اختبار مضافة" in article.read_text(encoding="utf-8")
    text.write_text(original, encoding="utf-8")
    _incremental(project)
    _assert_same_tree(site, grown["full"] / "site", skip=(SEARCH_BUNDLE,))
    # an article deleted: the site of the corpus without it (a full render)
    for path in project.joinpath("corpus").glob(ARTICLES[-1].stem + "*"):
        path.unlink()
    _incremental(project)
    _assert_same_tree(site, grown["start"], skip=(SEARCH_BUNDLE,))
    # a page in one language, then with its twin: the first page's switcher follows
    docs = project / "docs" / "notes"
    docs.mkdir()
    (docs / "page.md").write_text("# ملاحظة\n\nنص الملاحظة.\n", encoding="utf-8")
    plan = render.render_site(project, site)
    assert not plan.full and plan.pages == ["notes/page.md"]
    assert (site / "notes" / "page" / "index.html").is_file()
    assert not (site / "en" / "notes").exists()
    assert "/en/notes/page/" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    (docs / "page.en.md").write_text("# Note\n\nThe note.\n", encoding="utf-8")
    plan = render.render_site(project, site)
    assert not plan.full and plan.pages == ["notes/page.en.md", "notes/page.md"]
    assert "en/notes/page/" in (site / "notes" / "page" / "index.html").read_text(
        encoding="utf-8")
    truth = tmp_path / "truth"
    render.mkdocs_build(project, truth)
    after_mkdocs = tuple(p.name for p in site.iterdir() if not (truth / p.name).exists())
    _assert_same_tree(site, truth, skip=after_mkdocs)
    # both gone: the twin-less state is gone too, back to the full render
    shutil.rmtree(docs)
    plan = render.render_site(project, site)
    assert not plan.full and plan.pages == []
    _assert_same_tree(site, grown["start"], skip=(SEARCH_BUNDLE,))


def test_removing_an_article_removes_its_pages(grown: dict) -> None:
    project: Path = grown["project"]
    gone = ARTICLES[-1]
    article_id = gone.stem.split("_", 1)[1]
    assert (project / "site" / "articles" / article_id / "index.html").is_file()
    for path in project.joinpath("corpus").glob(gone.stem + "*"):
        path.unlink()
    result = run_builder(project, "site")
    assert "incremental render" in result.stderr
    assert not (project / "site" / "articles" / article_id).exists()
    assert not (project / "site" / "en" / "articles" / article_id).exists()
    manifest = json.loads((project / ".cache" / render_plan.MANIFEST).read_text(encoding="utf-8"))
    assert not [f for f in manifest["outputs"] if article_id in f]


def test_a_failed_incremental_render_leaves_the_previous_site(
        grown: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    """An incremental render writes into a folder of its own; nothing reaches the site
    until the search index is made too.

    (Runs after the other tests of the grown project: a failed render leaves no manifest.)
    """
    project: Path = grown["project"]
    home_doc, home = project / "docs" / "index.md", project / "site" / "index.html"
    original_doc, before = home_doc.read_text(encoding="utf-8"), home.read_bytes()
    feed_doc = next((project / "docs" / "feeds").rglob("*.xml"))
    feed = project / "site" / feed_doc.relative_to(project / "docs")
    original_feed, feed_before = feed_doc.read_bytes(), feed.read_bytes()

    def fail(site: Path, pages: object = None, **_: object) -> None:
        raise render.SearchIndexError("search step failed")

    monkeypatch.setattr(render, "index_site", fail)
    try:
        home_doc.write_text(original_doc + "\nسطر جديد\n", encoding="utf-8")
        write_if_changed(feed_doc, original_feed + b"<!-- changed -->")
        with pytest.raises(render.RenderError):
            render.render_site(project, project / "site")
    finally:
        home_doc.write_text(original_doc, encoding="utf-8")
        write_if_changed(feed_doc, original_feed)
    assert home.read_bytes() == before
    assert feed.read_bytes() == feed_before
    assert sorted(p.name for p in project.iterdir() if p.name.startswith("site")) == ["site"]


def test_a_navigation_change_renders_everything(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    root, site, manifest = _fake_project(tmp_path)
    calls = []

    def fake_build(root: Path, site: Path, pages: list[str] | None = None,
                   jobs: int | None = None, verbatim: list[str] | None = None,
                   previous: Path | None = None, removed: list[str] | None = None) -> dict:
        calls.append((pages, previous is None))
        nav = [["About (new title)", "about/"]] if len(calls) == 1 else [["x", "about/"]]
        outputs = ["index.html", "articles/a/index.html", "sitemap.xml"]
        for name in outputs:
            (site / name).parent.mkdir(parents=True, exist_ok=True)
            (site / name).write_text(name, encoding="utf-8")
        return {"ar": {"outputs": outputs, "nav": nav, "pages": {}}}

    monkeypatch.setattr(render, "mkdocs_build", fake_build)
    monkeypatch.setattr(render, "index_site", lambda site, pages=None, **_: _FakeSearch())
    (root / "docs" / "articles" / "a.md").write_text("a, edited\n", encoding="utf-8")
    plan = render.render_site(root, site)
    assert calls == [(["articles/a.md"], False), (None, True)]
    assert plan.full and plan.reason == "navigation changed"
    saved = json.loads(manifest.read_text(encoding="utf-8"))
    assert saved["nav"] == {"ar": [["x", "about/"]]}
    calls.clear()
    (site / "pagefind").mkdir()
    (site / "pagefind" / "pagefind-entry.json").write_text("{}", encoding="utf-8")
    plan = render.render_site(root, site)  # nothing changed since: nothing to do
    assert not plan.full and plan.pages == [] and calls == []


class _FakeSearch:
    pages = words = bytes = 0
    seconds = 0.0
    removed: frozenset[str] = frozenset()
    folders: dict[str, bool] = {}  # noqa: RUF012 - read only


# --- the plan alone (no MkDocs run) ---------------------------------------------------

def _fake_project(tmp: Path) -> tuple[Path, Path, Path]:
    root = tmp / "p"
    (root / "docs" / "articles").mkdir(parents=True)
    (root / "overrides").mkdir()
    (root / "hooks").mkdir()
    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (root / "overrides" / "main.html").write_text("{% extends 'base.html' %}", encoding="utf-8")
    (root / "hooks" / "h.py").write_text("", encoding="utf-8")
    (root / "docs" / "index.md").write_text("# x\n", encoding="utf-8")
    (root / "docs" / "articles" / "a.md").write_text("a\n", encoding="utf-8")
    site = root / "site"
    (site / "articles" / "a").mkdir(parents=True)
    (site / "index.html").write_text("x", encoding="utf-8")
    (site / "sitemap.xml").write_text("<urlset></urlset>", encoding="utf-8")
    (site / "articles" / "a" / "index.html").write_text("a", encoding="utf-8")
    manifest = root / ".cache" / render_plan.MANIFEST
    manifest.parent.mkdir()
    manifest.write_text(json.dumps({
        "format": render_plan.FORMAT, "pages": {"index.md": ["index.html"],
                                           "articles/a.md": ["articles/a/index.html"]},
        "stamp": render_plan.stamp(root, site), "sources": render_plan.docs_hashes(root / "docs"),
        "nav": {"ar": [["x", "about/"]]}, "outputs": ["index.html", "articles/a/index.html"]}),
        encoding="utf-8")
    return root, site, manifest


def test_plan_nothing_changed_is_incremental_and_empty(tmp_path: Path) -> None:
    root, site, manifest = _fake_project(tmp_path)
    plan = render_plan.plan_render(root, site, manifest)
    assert not plan.full and plan.pages == []


def test_plan_lists_changed_and_new_pages_only(tmp_path: Path) -> None:
    root, site, manifest = _fake_project(tmp_path)
    (root / "docs" / "articles" / "a.md").write_text("a, edited\n", encoding="utf-8")
    (root / "docs" / "articles" / "b.en.md").write_text("b\n", encoding="utf-8")
    plan = render_plan.plan_render(root, site, manifest)
    assert not plan.full and plan.pages == ["articles/a.md", "articles/b.en.md"]


def test_plan_reads_only_pages_whose_size_or_time_changed(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    root, site, manifest = _fake_project(tmp_path)
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["stats"] = render_plan.scan_docs(root / "docs")[1]
    manifest.write_text(json.dumps(data), encoding="utf-8")
    page = root / "docs" / "articles" / "a.md"
    st = page.stat()
    page.write_text("b" * (st.st_size - 1) + "\n", encoding="utf-8")  # same size ...
    os.utime(page, ns=(st.st_atime_ns, st.st_mtime_ns))  # ... and time: taken as unchanged
    read = []
    original = render_plan._sha256
    monkeypatch.setattr(render_plan, "_sha256", lambda path: read.append(Path(path).name)
                        or original(path))
    assert render_plan.plan_render(root, site, manifest).pages == []
    assert read == []
    os.utime(page, ns=(st.st_atime_ns, st.st_mtime_ns + 1))  # a newer time: read again
    assert render_plan.plan_render(root, site, manifest).pages == ["articles/a.md"]
    assert read == ["a.md"]


@pytest.mark.parametrize("change", ["mkdocs.yml", "overrides/main.html", "hooks/h.py",
                                    "hooks/new.py"])
def test_plan_is_full_when_configuration_theme_or_hooks_change(tmp_path: Path,
                                                                change: str) -> None:
    root, site, manifest = _fake_project(tmp_path)
    with open(root / change, "a", encoding="utf-8") as fh:
        fh.write("# changed\n")
    plan = render_plan.plan_render(root, site, manifest)
    assert plan.full and "changed" in plan.reason


def test_plan_is_full_after_a_render_of_another_manifest_format(tmp_path: Path) -> None:
    root, site, manifest = _fake_project(tmp_path)
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["format"] = render_plan.FORMAT - 1  # e.g. no "pages": deleted pages' files unknown
    manifest.write_text(json.dumps(data), encoding="utf-8")
    assert render_plan.plan_render(root, site, manifest).full


def test_plan_renders_the_twins_of_added_and_deleted_pages(tmp_path: Path) -> None:
    root, site, manifest = _fake_project(tmp_path)
    docs = root / "docs" / "articles"
    (docs / "a.en.md").write_text("a\n", encoding="utf-8")  # a.md gets a twin
    plan = render_plan.plan_render(root, site, manifest)
    assert plan.pages == ["articles/a.en.md", "articles/a.md"]
    (docs / "a.en.md").unlink()
    (docs / "b.en.md").write_text("b\n", encoding="utf-8")  # no twin: alone
    assert render_plan.plan_render(root, site, manifest).pages == ["articles/b.en.md"]


def test_plan_is_full_when_site_url_changes(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    root, site, manifest = _fake_project(tmp_path)
    monkeypatch.setenv("SITE_URL", "https://elsewhere.example/")
    assert render_plan.plan_render(root, site, manifest).full


def test_plan_is_full_without_manifest_or_with_an_incomplete_site(tmp_path: Path) -> None:
    root, site, manifest = _fake_project(tmp_path)
    assert render_plan.plan_render(root, site, None).full
    (site / "articles" / "a" / "index.html").unlink()
    plan = render_plan.plan_render(root, site, manifest)
    assert plan.full and "incomplete" in plan.reason
    manifest.unlink()
    assert render_plan.plan_render(root, site, manifest).full


# --- moving an incremental render into the site ---------------------------------------

def _tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _interrupted_update(tmp_path: Path) -> tuple[Path, Path, swap.Changes]:
    """A site, and what an incremental render killed before moving it in left beside it."""
    site = tmp_path / "site"
    for name, text in {"index.html": "old home", "articles/a/index.html": "a",
                       "articles/gone/index.html": "deleted article",
                       "pagefind/pagefind-entry.json": "old entry",
                       "pagefind-recent/x.pf_fragment": "old recent"}.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    stage = tmp_path / "site.tmp-999999999"  # no such process
    for name, text in {"index.html": "new home", "articles/b/index.html": "new article",
                       "pagefind/pagefind-entry.json": "new entry",
                       "pagefind-recent/y.pf_fragment": "new recent"}.items():
        (stage / name).parent.mkdir(parents=True, exist_ok=True)
        (stage / name).write_text(text, encoding="utf-8")
    changes = swap.Changes({"articles/gone/index.html"}, {"pagefind-recent": True})
    return site, stage, changes


EXPECTED = {"index.html": "new home", "articles/a/index.html": "a",
            "articles/b/index.html": "new article", "pagefind/pagefind-entry.json": "new entry",
            "pagefind-recent/y.pf_fragment": "new recent"}


def test_an_incremental_render_moves_its_files_into_the_site(tmp_path: Path) -> None:
    site, stage, changes = _interrupted_update(tmp_path)
    swap.commit(site, stage, changes)
    assert _tree(site) == EXPECTED
    assert not (site / "articles" / "gone").exists()  # emptied folders go too
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_an_update_killed_while_moving_is_completed_by_the_next_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site, stage, changes = _interrupted_update(tmp_path)
    journal = tmp_path / f"site{swap.JOURNAL}999999999"
    journal.write_text(json.dumps({"stage": stage.name, "removed": sorted(changes.removed),
                                   "folders": changes.folders}), encoding="utf-8")
    # killed after the recent part and one page had moved
    (site / "pagefind-recent").rename(stage / swap._TRASH)
    (stage / "pagefind-recent").rename(site / "pagefind-recent")
    os.replace(stage / "index.html", site / "index.html")
    swap.recover(site)
    assert _tree(site) == EXPECTED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_journal_of_a_running_build_is_left_alone(tmp_path: Path) -> None:
    site, stage, changes = _interrupted_update(tmp_path)
    mine = tmp_path / f"site{swap.STAGE}{os.getpid()}"
    stage.rename(mine)
    journal = tmp_path / f"site{swap.JOURNAL}{os.getppid()}"  # alive
    journal.write_text(json.dumps({"stage": mine.name, "removed": [], "folders": {}}),
                       encoding="utf-8")
    before = _tree(site)
    swap.recover(site)
    assert _tree(site) == before and journal.exists()
