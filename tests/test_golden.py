"""Golden output: the fixture corpus ``tests/fixtures/golden/`` gives, byte for byte, the
``docs/`` kept in ``tests/golden/docs/`` (as Pelican compares against ``tests/output/``).

When the output changes on purpose, regenerate the expected tree with ``make golden``
(``.venv/bin/python -m tests.golden``), read ``git diff tests/golden/`` and commit it with
the change that caused it. See :mod:`tests.golden`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.golden import (
    EXPECTED,
    GOLDEN_CORPUS,
    PARTS,
    build_docs,
    differences,
    generated_files,
    write_expected,
)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return generated_files(build_docs(tmp_path_factory.mktemp("golden")))


def test_generated_docs_equal_the_golden_tree(generated: dict[str, bytes]) -> None:
    message = differences(generated_files(EXPECTED), generated)
    assert not message, message


def test_golden_tree_covers_every_kind_of_page(generated: dict[str, bytes]) -> None:
    """The fixture exercises what the archive is made of (a golden tree of empty pages
    would prove little): every part, articles in both languages, tag pages of the three
    kinds, quote pages, redirects of retired ids, and per-tag feeds."""
    assert {p.split("/")[0] for p in generated} == {p.split("/")[0] for p in PARTS
                                                   if p != "assets/fonts"}
    ids = sorted(p.name.split("_")[1][:16] for p in GOLDEN_CORPUS.glob("*_*.txt")
                 if p.name.count(".") == 1)
    for article_id in ids:
        assert f"articles/{article_id}.md" in generated
        assert f"articles/{article_id}.en.md" in generated
    for kind in ("people", "places", "organizations"):
        assert any(p.startswith(f"tags/{kind}/") and p.count("/") == 3 for p in generated), kind
    assert any(p.startswith("quotes/") and p.count("/") == 2 for p in generated)
    assert any(p.startswith("feeds/ar/tags/") for p in generated)
    for retired in ("901de000000000aa", "901de000000000bb"):
        assert f"articles/{retired}.md" in generated


def test_golden_tree_is_small_and_holds_no_local_detail() -> None:
    files = generated_files(EXPECTED)
    assert files, f"{EXPECTED} is empty: run `make golden`"
    assert sum(map(len, files.values())) < 600_000
    for path, data in files.items():
        text = data.decode("utf-8")
        assert str(Path.home()) not in text and "/tmp/" not in text, path


def test_differences_name_each_file_and_show_a_diff(tmp_path: Path) -> None:
    expected = {"a.md": b"one\ntwo\n", "b.md": b"same\n", "c.md": b"gone\n"}
    actual = {"a.md": b"one\nTWO\n", "b.md": b"same\n", "d.md": b"new\n"}
    message = differences(expected, actual)
    assert "1 missing, 1 unexpected, 1 changed" in message
    assert "missing:    c.md" in message and "unexpected: d.md" in message
    assert "-two" in message and "+TWO" in message and "b.md" not in message
    assert differences(expected, dict(expected)) == ""
    assert "different bytes" in differences({"e.md": b"x\n"}, {"e.md": b"x\r\n"})
    write_expected(actual, tmp_path / "out")
    assert generated_files(tmp_path / "out") == {}  # only PARTS are read
    write_expected({"articles/x.md": b"x"}, tmp_path / "out")
    assert generated_files(tmp_path / "out") == {"articles/x.md": b"x"}
