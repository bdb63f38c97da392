"""The published size of the site against GitHub Pages' limit (builder/sitesize.py)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from builder.sitesize import PAGES_LIMIT, README_SECTION, SiteSize, human, measure, too_large
from tests.helpers import REPO, run_builder


def _site(root: Path) -> Path:
    """A small site with what upload-pages-artifact treats specially."""
    site = root / "site"
    (site / "articles" / "a").mkdir(parents=True)
    (site / "articles" / "a" / "index.html").write_bytes(b"x" * 1000)
    (site / "index.html").write_bytes(b"y" * 513)
    (site / "feeds").mkdir()
    (site / "feeds" / "rss.xml").write_bytes(b"z" * 2048)
    os.link(site / "feeds" / "rss.xml", site / "feeds" / "rss-again.xml")  # hard link
    (site / ".hidden").write_bytes(b"h" * 4096)  # hidden files are not published
    (site / ".well").mkdir()
    (site / ".well" / "known.txt").write_bytes(b"w" * 4096)
    (site / "articles" / ".DS_Store").write_bytes(b"d" * 4096)
    outside = root / "outside.bin"
    outside.write_bytes(b"o" * 300)
    (site / "linked.bin").symlink_to(outside)  # packed as the file it points to
    return site


def test_measure_counts_what_is_published(tmp_path: Path) -> None:
    size = measure(_site(tmp_path))
    assert size == SiteSize(files=5, bytes=1000 + 513 + 2048 + 2048 + 300)


def _tar_files(site: Path) -> tuple[int, int]:
    """Files and bytes of the archive actions/upload-pages-artifact makes (its tar call)."""
    archive = subprocess.run(
        ["tar", "--dereference", "--hard-dereference", "--directory", str(site), "-cf", "-",
         "--exclude=.git", "--exclude=.github", "--exclude=.[^/]*", "."],
        capture_output=True, check=True).stdout
    listing = subprocess.run(["tar", "-tvf", "-"], input=archive, capture_output=True,
                             check=True).stdout.decode()
    sizes = [int(line.split()[2]) for line in listing.splitlines() if line.startswith("-")]
    return len(sizes), sum(sizes)


@pytest.mark.skipif(shutil.which("tar") is None, reason="GNU tar is not installed")
def test_measure_agrees_with_the_pages_artifact(tmp_path: Path, seed_site: Path) -> None:
    assert _tar_files(_site(tmp_path)) == (5, 1000 + 513 + 2048 + 2048 + 300)
    size = measure(seed_site)
    assert (size.files, size.bytes) == _tar_files(seed_site)


def test_too_large_says_how_large_and_what_to_do() -> None:
    assert too_large(SiteSize(10, PAGES_LIMIT)) is None
    message = too_large(SiteSize(79_123, 1_154_000_000))
    assert message is not None
    assert "79,123 files" in message and "1,154,000,000 bytes" in message
    assert "1.07 GiB" in message and f"{PAGES_LIMIT:,} bytes" in message
    assert README_SECTION in message


def test_the_guide_has_the_section_the_message_names() -> None:
    page = (REPO / README_SECTION.split(",")[0]).read_text(encoding="utf-8")
    parts = re.findall(r'"([^"]+)"', README_SECTION)
    assert parts and all(re.search(rf"^#+ {re.escape(p)}$", page, re.M) for p in parts)


def test_human_sizes() -> None:
    assert human(1 << 30) == "1.00 GiB"
    assert human(3 * (1 << 20) // 2) == "1.5 MiB"


def test_size_command(tmp_path: Path) -> None:
    site = _site(tmp_path)
    ok = run_builder(tmp_path, "size", "--site-dir", str(site))
    assert ok.stdout.startswith("site: 5 files, ")
    over = run_builder(tmp_path, "size", "--site-dir", str(site), "--limit", "4000",
                       check=False)
    assert over.returncode == 1
    assert "5,909 bytes" in over.stderr and "4,000 bytes" in over.stderr
    assert README_SECTION in over.stderr
    assert "::error" not in over.stdout
    default = run_builder(tmp_path, "size")  # ROOT/site
    assert default.stdout == ok.stdout
    none = run_builder(tmp_path / "articles-only", "size", check=False)
    assert none.returncode == 1 and "build the site first" in none.stderr


def test_size_command_annotates_github_runs(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    over = run_builder(tmp_path, "size", "--site-dir", str(_site(tmp_path)), "--limit", "1",
                       check=False)
    assert over.returncode == 1
    assert over.stdout.startswith("::error title=Site too large for GitHub Pages::error: ")
