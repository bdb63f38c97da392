"""builder/check.py: ``python -m builder check`` — every problem of a corpus, each naming
its file, in corpus order, with nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder import check
from builder.check import CheckResult, check_corpus
from tests.golden import GOLDEN_CORPUS


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The golden fixture's three articles (two retired ids) in a folder of their own."""
    return Path(shutil.copytree(GOLDEN_CORPUS, tmp_path / "corpus"))


def test_a_clean_corpus_has_no_problem(corpus: Path) -> None:
    assert check_corpus(corpus) == CheckResult(3, ())


def test_every_problem_is_listed_in_corpus_order_and_nothing_is_written(corpus: Path) -> None:
    (corpus / "000_00000000000000aa.txt").write_text("", encoding="utf-8")  # empty
    (corpus / "002_00000000000000bb.txt").write_text(  # an unknown header key
        "---\nauthor: x\n---\nنص المقال هنا.\n", encoding="utf-8")
    text = (corpus / "001_901de00000000001.txt").read_text(encoding="utf-8")
    (corpus / "004_00000000000000cc.txt").write_text(text, encoding="utf-8")  # a duplicate
    (corpus / "retired.yml").write_text(  # still live, and pointing nowhere
        "901de00000000002: 901de00000000001\n00000000000000dd: 00000000000000ee\n",
        encoding="utf-8")
    before = _tree(corpus)
    result = check_corpus(corpus)
    assert _tree(corpus) == before
    assert result.articles == 3
    files = [p.path for p in result.problems]
    assert files == ["000_00000000000000aa.txt", "002_00000000000000bb.txt",
                     "004_00000000000000cc.txt", "retired.yml", "retired.yml"]
    lines = result.lines()
    assert all(line.startswith(f"{p.path}: ") and p.message for line, p in
               zip(lines, result.problems, strict=True))
    assert "author" in lines[1]
    assert any("901de00000000002" in line and "still in the corpus" in line for line in lines)


def test_an_unexpected_error_is_a_problem_of_its_file(corpus: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    real = check.extract

    def extract(article):  # noqa: ANN001, ANN202 - the extractor's own signature
        if article.path.startswith("002_"):
            raise RuntimeError("boom")
        return real(article)

    monkeypatch.setattr(check, "extract", extract)
    result = check_corpus(corpus)
    assert result.articles == 2
    assert [(e.path, e.message) for e in result.problems] == [
        ("002_901de00000000002.txt", "could not process: RuntimeError('boom')")]
