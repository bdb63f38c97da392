"""builder/writer.py: pages rendered by one process or several are the same files."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder import parallel, writer
from builder.writer import DuplicatePathError, PageSpec, write_pages


def _specs(n: int) -> list[PageSpec]:
    return [PageSpec(path=f"tags/people/p{i:04d}.md", template="redirect.md.j2",
                     front_matter={"title": f"<b>{i}</b>", "redirect": f"../x{i}/"},
                     context={"target": f"../x{i}/", "target_title": f"<b>{i}</b>",
                              "heading": "h", "lang": "ar", "dir": "rtl",
                              "t": {"redirect_text": "r", "removed_text": "x", "home": "h"}})
            for i in range(n)]


def _files(docs: Path) -> dict[str, bytes]:
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in sorted(docs.rglob("*"))
            if p.is_file()}


@pytest.fixture
def specs() -> list[PageSpec]:
    specs = _specs(parallel.PARALLEL_MIN + 7)
    assert "&lt;b&gt;1&lt;/b&gt;" in writer.render(specs[1])  # escaped, as every page
    return specs


def test_parallel_render_writes_the_same_files(tmp_path: Path, specs) -> None:
    one = write_pages(tmp_path / "one", specs, jobs=1)
    two = write_pages(tmp_path / "two", specs, jobs=2)
    assert one.written == two.written == len(specs)
    assert _files(tmp_path / "one") == _files(tmp_path / "two")
    again = write_pages(tmp_path / "two", specs, jobs=2)
    assert (again.written, again.unchanged) == (0, len(specs))


def test_stale_pages_are_removed_and_unchanged_ones_kept(tmp_path: Path, specs) -> None:
    write_pages(tmp_path, specs, jobs=2)
    kept = tmp_path / specs[1].path
    mtime = kept.stat().st_mtime_ns
    report = write_pages(tmp_path, specs[1:], jobs=2)
    assert report.removed == 1 and not (tmp_path / specs[0].path).exists()
    assert kept.stat().st_mtime_ns == mtime


def test_two_pages_for_one_path_are_refused(tmp_path: Path, specs) -> None:
    with pytest.raises(DuplicatePathError):
        write_pages(tmp_path, [specs[0], specs[0]])


def test_index_spares_reading_unchanged_pages(tmp_path: Path, specs,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    index = tmp_path / "pages.json"
    docs = tmp_path / "docs"
    write_pages(docs, specs, jobs=1, index=index)
    read = []
    original = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self) or original(self))
    again = write_pages(docs, specs, jobs=1, index=index)
    assert (again.written, again.unchanged, read) == (0, len(specs), [])
    # a page changed behind the builder's back (new time) is read, compared and rewritten
    page = docs / specs[3].path
    page.write_bytes(page.read_bytes().replace(b"redirect", b"REDIRECT"))
    read.clear()
    fixed = write_pages(docs, specs, jobs=1, index=index)
    assert fixed.written == 1 and read == [page]
    assert page.read_bytes() == writer.render(specs[3]).encode("utf-8")
    # a damaged index only costs the reads
    index.write_text("{not json", encoding="utf-8")
    assert write_pages(docs, specs, jobs=2, index=index).written == 0


def test_a_page_whose_key_is_unchanged_is_not_rendered(tmp_path: Path, specs,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    index = tmp_path / "pages.json"
    docs = tmp_path / "docs"
    keyed = [replace(s, key=f"k{i}") for i, s in enumerate(specs)]
    write_pages(docs, keyed, jobs=1, index=index)
    rendered = []
    original = writer.render
    monkeypatch.setattr(writer, "render", lambda spec: rendered.append(spec.path)
                        or original(spec))
    # the key stands for the page: another context under the same key is not even rendered
    other = [replace(s, context={**s.context, "heading": "changed"}) for s in keyed]
    again = write_pages(docs, other, jobs=1, index=index)
    assert (again.written, rendered) == (0, [])
    # a new key, a file changed behind the builder's back or new builder code: rendered
    other[0] = replace(other[0], key="new")
    page = docs / keyed[1].path
    page.write_bytes(page.read_bytes() + b" ")
    write_pages(docs, other, jobs=1, index=index)
    assert sorted(rendered) == sorted([keyed[0].path, keyed[1].path])
    assert b"changed" in (docs / keyed[0].path).read_bytes()
    rendered.clear()
    monkeypatch.setattr(writer, "code_stamp", lambda: "other code")
    write_pages(docs, keyed, jobs=1, index=index)
    assert len(rendered) == len(keyed)


def test_a_lazy_page_is_made_only_when_rendered(tmp_path: Path, specs,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """``make`` gives front matter and context when the page is rendered, and is not called
    for a page known unchanged by its key; lazy and eager pages are the same files."""
    from dataclasses import replace

    made: list[str] = []

    def lazy(spec: PageSpec) -> PageSpec:
        def make() -> tuple[dict, dict]:
            made.append(spec.path)
            return spec.front_matter, spec.context
        return PageSpec(spec.path, spec.template, key=f"k-{spec.path}", make=make)

    index = tmp_path / "pages.json"
    eager = write_pages(tmp_path / "eager", specs, jobs=1)
    lazy_specs = [lazy(s) for s in specs]
    first = write_pages(tmp_path / "lazy", lazy_specs, jobs=1, index=index)
    assert first.written == eager.written == len(specs) and len(made) == len(specs)
    assert _files(tmp_path / "eager") == _files(tmp_path / "lazy")
    assert lazy_specs[0].made() == replace(specs[0], key=lazy_specs[0].key)
    made.clear()
    again = write_pages(tmp_path / "lazy", lazy_specs, jobs=2, index=index)
    assert (again.written, made) == (0, [])


def test_with_an_index_stale_pages_are_found_in_it(tmp_path: Path, specs,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Stale pages are the indexed ones no longer planned, even those of a build stopped
    after writing them and before saving the index; no walk through docs/."""
    index, docs = tmp_path / "pages.json", tmp_path / "docs"
    write_pages(docs, specs[1:], jobs=1, index=index)
    stray = docs / "tags" / "people" / "stray.md"  # not the builder's: kept with an index
    stray.write_text("x", encoding="utf-8")

    def stop(*args: object) -> int:
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:  # a build that stops after writing specs[0]
        patch.setattr(writer, "_prune", stop)
        with pytest.raises(KeyboardInterrupt):
            write_pages(docs, specs, jobs=1, index=index)
    assert (docs / specs[0].path).is_file()
    monkeypatch.setattr(writer.os, "walk", stop)
    report = write_pages(docs, specs[2:], jobs=1, index=index)
    assert report.removed == 2 and stray.is_file()
    assert not (docs / specs[0].path).exists() and not (docs / specs[1].path).exists()
    assert (docs / specs[2].path).is_file()


# --- incremental builds of a project (the builder alone, no MkDocs) ----------------------


def _generated(docs: Path) -> dict[str, bytes]:
    from builder.config import URLS

    return {name: data for name, data in _files(docs).items()
            if name.split("/", 1)[0] in URLS.generated()}


def test_incremental_builds_write_the_pages_of_a_cold_build(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    """A project built again after articles are added, changed and removed has in docs/ the
    very files (pages and feeds) of a project built once from its final corpus; a build
    with nothing changed renders nothing. Small pages, so that every list shifts."""
    import shutil

    from builder import site
    from builder.config import Settings
    from builder.pages import archive, quotes, tags, timeline
    from tests.helpers import CORPUS, make_project

    for module, name, size in ((tags, "PAGE_SIZE", 1), (tags, "INDEX_PAGE_SIZE", 2),
                               (tags, "OVERVIEW_TOP", 2), (timeline, "PAGE_SIZE", 2),
                               (timeline, "SINGLE_PAGE_LIMIT", 2), (archive, "PAGE_SIZE", 1),
                               (quotes, "PAGE_SIZE", 1), (quotes, "INDEX_PAGE_SIZE", 2)):
        monkeypatch.setattr(module, name, size)
    monkeypatch.setattr(site, "copy_fonts", lambda *args: None)  # not a page: not compared
    articles = sorted(p for p in CORPUS.glob("*.txt") if not p.name.endswith(".en.txt"))

    def put(path: Path, corpus: Path) -> None:
        for one in (path, path.with_name(path.name[:-4] + ".en.txt")):
            if one.exists():
                shutil.copy2(one, corpus / one.name)

    warm = make_project(tmp_path / "warm")
    (warm / "corpus").mkdir(exist_ok=True)
    for path in articles[:3]:
        put(path, warm / "corpus")
    settings = Settings.from_root(warm)
    first = site.build(settings).pages
    put(articles[3], warm / "corpus")  # one article added
    added = site.build(settings).pages
    assert 0 < added.written < first.written
    assert site.build(settings).pages.written == 0  # nothing changed: nothing rendered
    changed = warm / "corpus" / articles[1].name  # one changed, one removed, one added
    changed.write_text("أعلن المتحدث أن الاجتماع المقبل سيعقد في موسكو يوم 2 ديسمبر 2017.\n"
                       + changed.read_text(encoding="utf-8"), encoding="utf-8")
    (warm / "corpus" / articles[0].name).unlink()
    put(articles[4], warm / "corpus")
    assert site.build(settings).pages.removed >= 2
    cold = make_project(tmp_path / "cold", warm / "corpus")
    site.build(Settings.from_root(cold))
    assert _generated(warm / "docs") == _generated(cold / "docs")


@pytest.mark.parametrize("front", [
    {"title": "قال بوتين: «نعم»", "n": 3, "x": 2.5, "big": 1.2e20, "ok": True, "none": None,
     "empty": [], "nested": {"a": [{"b": "yes", "c": "123", "d": ""}, "- x", "a: b"]},
     "odd": "\u0085 next line\u2028sep", "keys": {"null": "~", "1": "on"},
     "hostile": "---\n<script>x</script>: [a, {b: c}] # not a comment"},
    {"same": (shared := {"k": [1, 2]}), "again": shared},  # an alias
])
def test_front_matter_is_yaml_that_reads_back_as_it_was(front):
    import yaml

    dumped = writer.dump_front(front)
    assert yaml.safe_load(dumped) == front
    assert list(yaml.safe_load(dumped)) == list(front)  # keys in their order
    assert "\\u" not in dumped  # Unicode as it is, not escaped


def test_front_matter_of_other_types_is_refused():
    import yaml

    with pytest.raises(yaml.representer.RepresenterError):
        writer.dump_front({"object": object()})
