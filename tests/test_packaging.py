"""pyproject.toml: the builder package with all its data files, and `news-archive`."""

from __future__ import annotations

import configparser
import os
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from builder import __version__
from tests.helpers import CORPUS, REPO, copy_repository, make_project


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel of a copy of the repository (building writes beside the sources)."""
    tmp = tmp_path_factory.mktemp("packaging")
    source = copy_repository(tmp / "source", corpus=CORPUS)  # no corpus needed
    out = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                          "--no-build-isolation", "--no-index", "-q", "-w", str(tmp / "dist"),
                          str(source)], capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    (built,) = (tmp / "dist").glob("*.whl")
    return built


def test_the_wheel_holds_every_file_of_the_builder_package(wheel: Path) -> None:
    tracked = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard",
                              "builder"], cwd=REPO, capture_output=True, text=True,
                             check=True).stdout.split()
    tracked = {name for name in tracked if (REPO / name).is_file()}
    packed = {name for name in zipfile.ZipFile(wheel).namelist() if name.startswith("builder/")}
    assert packed == tracked
    assert any(name.endswith(".woff2") for name in packed)
    assert wheel.name.startswith(f"arabic_news_archive-{__version__}-")


def test_the_wheel_declares_news_archive_and_the_pinned_packages(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    info = next(n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt"))
    entry_points = configparser.ConfigParser()
    entry_points.read_string(archive.read(info).decode())
    assert dict(entry_points["console_scripts"]) == {"news-archive": "builder.cli:main"}
    metadata = archive.read(next(n for n in archive.namelist()
                                 if n.endswith(".dist-info/METADATA"))).decode()
    requires = {line.split(": ", 1)[1] for line in metadata.splitlines()
                if line.startswith("Requires-Dist: ")}
    pinned = {line.strip() for line in (REPO / "requirements.txt").read_text().splitlines()
              if line.strip() and not line.startswith("#")}
    assert requires == pinned


def test_news_archive_builds_from_the_installed_package(wheel: Path, tmp_path: Path) -> None:
    """Installed (not from the source folder), the command finds its data, templates and
    fonts: it checks and builds a project."""
    target = tmp_path / "installed"
    out = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index",
                          "-q", "--target", str(target), str(wheel)],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    script = target / "bin" / "news-archive"
    project = make_project(tmp_path / "project", CORPUS)
    env = {**os.environ, "PYTHONPATH": str(target)}

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, str(script), *args], cwd=project, env=env,
                              capture_output=True, text=True)

    usage = run()
    assert usage.returncode == 0 and usage.stdout.startswith("usage: news-archive ")
    check = run("check")
    assert check.returncode == 0, check.stderr
    assert "5 article(s) ok" in check.stderr
    build = run("build", "-q")
    assert build.returncode == 0, build.stderr
    assert (project / "docs" / "assets" / "fonts").is_dir()
    assert len(list((project / "docs" / "articles").glob("*.md"))) >= 5
    where = run("--version")
    assert where.stdout.strip() == __version__
    imported = subprocess.run([sys.executable, "-c", "import builder; print(builder.__file__)"],
                              cwd=tmp_path, env=env, capture_output=True, text=True)
    assert imported.stdout.startswith(str(target))


def test_every_pinned_package_runs_on_the_oldest_python_allowed() -> None:
    """requires-python is what the README promises (Debian 12's Python is 3.11.2): every
    package pinned in constraints.txt must install there. pymdown-extensions 13 needs
    3.11.5, so it is pinned at 12.3 (the site uses none of its extensions)."""
    from importlib import metadata

    from packaging.specifiers import SpecifierSet
    from packaging.utils import canonicalize_name

    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    oldest = re.fullmatch(r">=\s*(\d+\.\d+)", project["requires-python"]).group(1) + ".0"
    pins = dict(line.split("==") for line in (REPO / "constraints.txt").read_text().splitlines()
                if "==" in line and not line.startswith("#"))
    installed = {canonicalize_name(d.metadata["Name"]): d for d in metadata.distributions()}
    refused = []
    for name, version in pins.items():
        dist = installed.get(canonicalize_name(name))
        assert dist is not None and dist.version == version, f"{name}=={version} not installed"
        needs = dist.metadata.get("Requires-Python")
        if needs and not SpecifierSet(needs).contains(oldest):
            refused.append(f"{name}=={version} needs Python {needs}")
    assert not refused, f"not installable on Python {oldest}: {refused}"
