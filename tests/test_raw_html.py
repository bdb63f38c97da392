"""hooks/raw_html.py: generated pages skip Markdown, with the output Markdown would give."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
import yaml
from mkdocs.utils.meta import get_data

from builder.config import URLS
from hooks import raw_html


def _generated(docs: Path) -> list[Path]:
    pages = []
    for name in URLS.generated():
        root = docs / name
        pages.extend([root] if root.is_file() else sorted(root.rglob("*.md")))
    return [p for p in pages if p.suffix == ".md"]


def _extensions(project: Path) -> list:
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8")
                            .replace("!ENV", ""))
    return config["markdown_extensions"]


def _check_pages(project: Path) -> int:
    """Every generated page is marked, and its body is what Markdown would make of it."""
    pages = _generated(project / "docs")
    md = markdown.Markdown(extensions=_extensions(project))
    for path in pages:
        body, meta = get_data(path.read_text(encoding="utf-8"))
        assert meta.get(raw_html.KEY) == raw_html.VALUE, path
        md.reset()
        assert md.convert(body) == body.strip("\n"), path
    return len(pages)


def test_generated_pages_are_marked_and_unchanged_by_markdown(seed_project: Path) -> None:
    kinds = {p.relative_to(seed_project / "docs").parts[0]
             for p in _generated(seed_project / "docs")}
    assert {"articles", "tags", "timeline", "archive", "quotes", "index.md"} <= kinds
    assert _check_pages(seed_project) > 50


def test_hostile_text_is_unchanged_by_markdown_too(hostile_build) -> None:
    assert _check_pages(hostile_build.project) > 10


def test_hand_written_pages_stay_markdown(seed_site: Path) -> None:
    about = (seed_site / "about" / "index.html").read_text(encoding="utf-8")
    assert "<h1" in about  # its "# title" line was converted


class _Page:
    def __init__(self, text: str, meta: dict) -> None:
        self.markdown, self.meta = text, meta
        self.render = None


@pytest.mark.parametrize("meta", [{"markup": "html"}, {}, {"markup": "markdown"}])
def test_hook_replaces_render_only_for_marked_pages(meta: dict) -> None:
    page = _Page('\n<p id="p1">x</p>\n', meta)
    raw_html.on_page_markdown(page.markdown, page, None, None)
    if meta.get("markup") != "html":
        assert page.render is None
        return
    page.render(None, None)
    assert page.content == '<p id="p1">x</p>'
    assert page.present_anchor_ids == {"p1"}
    assert list(page.toc) == []
    assert page.links_to_anchors == {}
    assert not [name for name in vars(page) if name.startswith("_")]  # public attributes only
