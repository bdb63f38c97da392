"""bench/hugo.py: the archive's generated pages handed to Hugo as they are."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench import hugo

ARTICLE = """---
title: عنوان
date: '2015-11-20'
url: https://example.com/a
summary: ملخص
lang: ar
entities:
- {type: person, ar: بوتين, url: x}
markup: html
---

<article><p>نص</p></article>
"""


def test_reserved_front_matter_keys_are_renamed() -> None:
    out = hugo._front_matter(ARTICLE)
    head = out.split("\n---\n")[0]
    assert "\nna_date: '2015-11-20'" in head and "\nna_url: https://example.com/a" in head
    assert "\nna_summary: ملخص" in head and "\nna_lang: ar" in head
    assert "\ntitle: عنوان" in head and "\nmarkup: html" in head
    assert "- {type: person, ar: بوتين, url: x}" in head  # nested keys are left alone
    assert out.endswith("<article><p>نص</p></article>\n")


def _docs(root: Path) -> Path:
    docs = root / "docs"
    for rel in ("index.md", "index.en.md", "articles/a.md", "articles/a.en.md",
                "tags/people/x/index.md", "tags/people/x/page/2/index.md", "about.md"):
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(ARTICLE, encoding="utf-8")
    (docs / "feeds" / "ar").mkdir(parents=True)
    (docs / "feeds" / "ar" / "rss.xml").write_text("<rss/>", encoding="utf-8")
    (docs / "assets").mkdir()
    (docs / "assets" / "x.md").write_text("not a page", encoding="utf-8")
    return docs


def test_the_hugo_project_holds_every_page_and_nothing_else(tmp_path: Path) -> None:
    pages = hugo.hugo_project(_docs(tmp_path), tmp_path / "hugo", "https://example.org/")
    assert pages == 7
    content = tmp_path / "hugo" / "content"
    assert sorted(p.relative_to(content).as_posix() for p in content.rglob("*.md")) == [
        "_index.en.md", "_index.md", "about.md", "articles/a.en.md", "articles/a.md",
        "tags/people/x/_index.md", "tags/people/x/page/2/_index.md"]
    assert (tmp_path / "hugo" / "layouts" / "_default" / "single.html").is_file()


@pytest.mark.skipif(hugo.available() is None, reason="hugo is not installed (benchmark tool)")
def test_hugo_renders_one_html_file_per_page(tmp_path: Path) -> None:
    docs = _docs(tmp_path)
    pages = hugo.hugo_project(docs, tmp_path / "hugo", "https://example.org/")
    run = hugo.run_hugo(tmp_path / "hugo", pages)
    out = tmp_path / "hugo" / "public"
    for rel in ("index.html", "en/index.html", "about/index.html", "articles/a/index.html",
                "en/articles/a/index.html", "tags/people/x/index.html",
                "tags/people/x/page/2/index.html"):
        assert "<p>نص</p>" in (out / rel).read_text(encoding="utf-8"), rel
    # beside them, Hugo's own section pages of folders without one (articles/, tags/)
    assert run.pages == 7 and run.html_files >= 7
