"""The builder command: stable output, the add command, check, and the build summary."""

import shutil
from pathlib import Path

from tests.helpers import CORPUS, make_project, run_builder


def _snapshot(docs: Path) -> dict[str, bytes]:
    return {str(p.relative_to(docs)): p.read_bytes() for p in sorted(docs.rglob("*.md"))}


def test_building_twice_gives_byte_identical_pages(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", CORPUS)
    run_builder(project, "build")
    first = _snapshot(project / "docs")
    mtimes = {p: p.stat().st_mtime_ns for p in (project / "docs").rglob("*.md")}
    run_builder(project, "build")
    assert _snapshot(project / "docs") == first
    assert {p: p.stat().st_mtime_ns for p in (project / "docs").rglob("*.md")} == mtimes


def test_adding_an_article_keeps_other_urls(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", CORPUS)
    run_builder(project, "build")
    before = set(_snapshot(project / "docs"))
    new = tmp_path / "new.txt"
    new.write_text("أعلن وزير الخارجية الفرنسي اليوم عن مبادرة جديدة للسلام.", encoding="utf-8")
    out = run_builder(project, "add", str(new))
    assert "added" in out.stdout
    run_builder(project, "build")
    after = set(_snapshot(project / "docs"))
    assert before <= after
    assert len([p for p in after - before if p.startswith("articles/")]) == 2


def test_add_uses_next_number_and_refuses_duplicates(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    project = make_project(tmp_path / "p", corpus)
    new = tmp_path / "story.txt"
    new.write_text("خبر جديد عن الاقتصاد المصري وارتفاع الأسعار.", encoding="utf-8")
    run_builder(project, "add", str(new))
    added = sorted((project / "corpus").glob("005_*.txt"))
    assert len(added) == 1
    again = run_builder(project, "add", str(new), check=False)
    assert again.returncode == 1
    assert "already in the corpus" in again.stderr
    # a seed article dropped in again under another name is refused too
    seed = next(CORPUS.glob("001_????????????????.txt"))
    copy = tmp_path / "copy.txt"
    copy.write_bytes(seed.read_bytes())
    assert run_builder(project, "add", str(copy), check=False).returncode == 1


def test_build_summary_names_bad_files_and_builds_the_rest(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    (corpus / "009_00000000000000ff.txt").write_bytes(b"\x00\x01binary")
    project = make_project(tmp_path / "p", corpus)
    out = run_builder(project, "build")
    assert "009_00000000000000ff.txt" in out.stderr
    assert "articles read: 5, skipped: 1" in out.stderr
    assert run_builder(project, "build", "--strict", check=False).returncode == 1
    check = run_builder(project, "check", check=False)
    assert check.returncode == 1 and "009_00000000000000ff.txt" in check.stdout


def test_corpus_is_never_written(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", CORPUS)
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in (project / "corpus").iterdir()}
    run_builder(project, "build")
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in (project / "corpus").iterdir()}
    assert before == after
