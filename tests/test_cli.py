"""The command line (builder/cli.py): help, -q/-v anywhere, progress, exit codes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from builder.cli import _parser, main
from tests.helpers import CORPUS, REPO, make_project, run_builder


def test_no_command_prints_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: ")
    for command in ("site", "build", "extract", "add", "check", "size"):
        assert f"    {command} " in out, command


def test_python_m_builder_without_a_command_prints_the_help() -> None:
    out = subprocess.run([sys.executable, "-m", "builder"], cwd=REPO, capture_output=True,
                         text=True, check=True)
    assert out.stdout.startswith("usage: python -m builder ")


@pytest.mark.parametrize(("argv", "quiet", "verbose"), [
    (["check"], False, False),
    (["-q", "check"], True, False),
    (["check", "-q"], True, False),
    (["check", "--quiet"], True, False),
    (["-v", "site"], False, True),
    (["site", "--full", "-v"], False, True),
    (["--root", "x", "build", "-q", "--strict"], True, False),
    (["-q", "size", "--site-dir", "s"], True, False),
    (["extract", "-q", "--json", "a.txt"], True, False),
])
def test_quiet_and_verbose_before_or_after_the_command(argv: list[str], quiet: bool,
                                                      verbose: bool) -> None:
    args = _parser().parse_args(argv)
    assert (args.quiet, args.verbose) == (quiet, verbose)


def test_quiet_and_verbose_exclude_each_other(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        _parser().parse_args(["check", "-q", "-v"])
    assert info.value.code == 2
    assert "not allowed with" in capsys.readouterr().err


def test_progress_lines_and_quiet(tmp_path: Path) -> None:
    """Without a terminal, a build writes one line per phase; -q writes none of them."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in sorted(CORPUS.glob("00[01]_*"))[:4]:
        (corpus / seed.name).write_bytes(seed.read_bytes())
    project = make_project(tmp_path / "p", corpus)
    loud = run_builder(project, "build").stderr.splitlines()
    assert [line.split(":")[0] for line in loud
            if line.startswith(("extract:", "write pages:"))] == ["extract", "write pages"]
    assert any(line.startswith("extract: 2/2 in ") for line in loud)
    assert any(line.startswith("INFO ") for line in loud)
    quiet = run_builder(project, "build", "-q").stderr
    assert "extract:" not in quiet and "write pages:" not in quiet and "INFO " not in quiet
    assert "articles read: 2, skipped: 0" in quiet  # the summary stays
