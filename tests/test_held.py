"""hooks/held.py: a page's content waits compressed for its turn and is let go once written;
what the theme and the other hooks see is unchanged."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import yaml

from hooks import held
from tests.helpers import REPO

ARABIC = "<p>أعلنت وزارة الصحة السعودية اليوم عن خطة جديدة</p>\n" * 50


def _page(content: str | None = None) -> SimpleNamespace:
    return SimpleNamespace(markdown="---\nmarkup: html\n---\n\n" + ARABIC, content=content)


def test_content_waits_compressed_and_comes_back_for_its_rendering() -> None:
    page = _page()
    assert held.on_page_content(ARABIC, page=page, config=None, files=None) == ""
    assert page.markdown is None
    assert len(held._HELD[id(page)]) < len(ARABIC.encode("utf-8")) / 5
    page.content = ""  # what MkDocs sets from the hook's result
    context = {"page": page}
    assert held.on_page_context(context, page=page, config=None, nav=None) is context
    assert page.content == ARABIC
    assert id(page) not in held._HELD
    assert held.on_post_page("<html>x</html>", page=page, config=None) == "<html>x</html>"
    assert page.content is None


def test_empty_content_and_unknown_pages_are_left_alone() -> None:
    page = _page()
    assert held.on_page_content("", page=page, config=None, files=None) == ""
    assert id(page) not in held._HELD
    other = _page("<p>as it is</p>")
    held.on_page_context({}, page=other, config=None, nav=None)
    assert other.content == "<p>as it is</p>"


def test_nothing_is_held_past_a_build() -> None:
    page = _page()
    held.on_page_content(ARABIC, page=page, config=None, files=None)
    held.on_post_build(config=None)
    assert not held._HELD


def _hooks() -> list:
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8")
                            .replace("!ENV", ""))
    return [importlib.import_module(Path(h).with_suffix("").as_posix().replace("/", "."))
            for h in config["hooks"]]


def test_it_holds_after_every_other_hook_and_gives_back_before_them() -> None:
    """No other hook of mkdocs.yml sees a held page's empty content."""
    hooks = _hooks()
    assert held in hooks

    def priority(fn: object) -> float:
        return getattr(fn, "mkdocs_priority", 0)

    for event, last in (("on_page_content", True), ("on_page_context", False),
                        ("on_post_page", True)):
        mine = priority(getattr(held, event))
        for hook in hooks:
            fn = getattr(hook, event, None)
            if hook is held or fn is None:
                continue
            assert (priority(fn) > mine) if last else (priority(fn) < mine), (hook, event)


def _mkdocs_build(project: Path, config: Path, site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    env.pop("ARCHIVE_RENDER_PLAN", None)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config),
         "-d", str(site)], cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_site_is_the_same_without_the_hook(seed_project: Path, tmp_path: Path) -> None:
    """Every page of the seed site, byte for byte, with and without hooks/held.py."""
    config = seed_project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines(keepends=True) if "hooks/held.py" in x)
    without = seed_project / "mkdocs-without-held.yml"
    without.write_text(text.replace(line, ""), encoding="utf-8")
    try:
        _mkdocs_build(seed_project, config, tmp_path / "with")
        _mkdocs_build(seed_project, without, tmp_path / "without")
    finally:
        without.unlink()
    a = {p.relative_to(tmp_path / "with").as_posix(): p.read_bytes()
         for p in sorted((tmp_path / "with").rglob("*")) if p.is_file()}
    b = {p.relative_to(tmp_path / "without").as_posix(): p.read_bytes()
         for p in sorted((tmp_path / "without").rglob("*")) if p.is_file()}
    assert sorted(a) == sorted(b)
    assert sum(name.endswith(".html") for name in a) > 20
    assert [name for name in a if a[name] != b[name]] == []
