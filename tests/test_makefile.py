"""The Makefile's set-up: a broken .venv is made again, `make site` needs Python only."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")

#: What the set-up targets read.
FILES = ("Makefile", "requirements.txt", "requirements-test.txt", "constraints.txt")


def _project(tmp: Path) -> Path:
    for name in FILES:
        shutil.copy2(REPO / name, tmp / name)  # keeps the times: stamps stay newer
    return tmp


def _make(project: Path, *args: str) -> subprocess.CompletedProcess:
    # nothing from an outer make (its flags, or PYTHON=... given to it on the command line)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("MAKE", "MFLAGS")) and k not in ("PYTHON", "VENV", "STRICT")}
    return subprocess.run(["make", *args], cwd=project, capture_output=True, text=True,
                          env=env)


def _script(path: Path, body: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(0o755)
    return path


def test_a_half_made_venv_is_made_again(tmp_path: Path) -> None:
    """`python3 -m venv` without python3-venv leaves .venv/bin/python, but no pip."""
    project = _project(tmp_path)
    _script(project / ".venv" / "bin" / "python", 'echo "No module named pip" >&2; exit 1')
    (project / ".venv" / ".deps-site").touch()  # even a stamp left from before
    plan = _make(project, "-n", "deps").stdout.splitlines()
    start = plan.index("rm -rf .venv")
    assert plan[start + 1] == "python3 -m venv .venv || { rm -rf .venv; \\"
    assert any("pip install -q -r requirements.txt" in line for line in plan)


def test_a_failed_venv_is_removed_with_a_hint(tmp_path: Path) -> None:
    project = _project(tmp_path)
    python = _script(tmp_path / "fake" / "python3",
                     f'[ "$1" = -c ] && exec {sys.executable} "$@"\n'  # the version check
                     'mkdir -p .venv/bin && touch .venv/bin/python && chmod +x .venv/bin/python\n'
                     'echo "ensurepip is not available" >&2; exit 1')
    for _ in range(2):  # and the next run starts afresh, failing the same way
        out = _make(project, "deps", f"PYTHON={python}")
        assert out.returncode != 0
        assert "ensurepip is not available" in out.stderr
        assert "sudo apt-get install -y python3-venv" in out.stderr
        assert not (project / ".venv").exists()


def test_an_old_python_is_named(tmp_path: Path) -> None:
    project = _project(tmp_path)
    python = _script(tmp_path / "fake" / "python3",
                     f'[ "$1" = -c ] && exec {sys.executable} -c "import sys; sys.exit(1)"\n'
                     'echo "must not be reached" >&2; exit 1')
    out = _make(project, "deps", f"PYTHON={python}")
    assert out.returncode != 0
    assert "is not Python 3.11 or newer" in out.stderr
    assert "must not be reached" not in out.stderr and not (project / ".venv").exists()


def test_a_working_venv_is_kept(tmp_path: Path) -> None:
    project = _project(tmp_path)
    _script(project / ".venv" / "bin" / "python",
            '[ "$*" = "-m pip --version" ] && echo "pip 25.0 from .venv" || exit 1')
    for stamp in (".deps-site", ".deps-test"):
        (project / ".venv" / stamp).touch()
    plan = _make(project, "-n", "deps")
    assert plan.returncode == 0, plan.stderr
    assert "Nothing to be done" in plan.stdout, plan.stdout
    requirements = project / "requirements.txt"
    requirements.touch()  # a changed pin is installed into the same .venv
    os.utime(requirements, (requirements.stat().st_atime, requirements.stat().st_mtime + 5))
    plan = _make(project, "-n", "deps").stdout.splitlines()
    assert plan[0] == ".venv/bin/python -m pip install -q -r requirements.txt -c constraints.txt"
    assert not any("-m venv" in line for line in plan)


def test_make_site_needs_python_only() -> None:
    plan = _make(REPO, "-n", "-B", "site").stdout
    assert "-m builder site" in plan
    for tool in ("npm", "node", "npx"):
        assert not any(line.split()[:1] == [tool] for line in plan.splitlines()), plan
    assert not (REPO / "package.json").exists()
