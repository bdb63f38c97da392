"""Retired article ids (builder/redirects.py): loading, resolving, pages, and a built site."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from builder.feeds import read_site_url
from builder.model import Article, Metadata
from builder.pages import Entry
from builder.redirects import Retired, load_retired, redirect_pages, resolve
from builder.writer import render
from tests.helpers import CORPUS, build_site, make_project

LIVE_A = "2365a23702f008e8"
LIVE_B = "07113fe9eb90c3c4"
OLD = "0123456789abcdef"
GONE = "fedcba9876543210"
CHAIN = "1111111111111111"


def _entry(article_id: str, title_ar: str, title_en: str | None = None) -> Entry:
    article = Article(id=article_id, path=f"000_{article_id}.txt", order=0, lang="ar",
                      paragraphs=("نص",))
    meta = Metadata(id=article_id, lang="ar", title_ar=title_ar, title_en=title_en,
                    summary_ar="ملخص", summary_en=None, date=None, date_source=None)
    return Entry(article, meta)


def test_load_retired_reads_mapping_and_reports_bad_entries(tmp_path: Path) -> None:
    (tmp_path / "retired.yml").write_text(
        f"# merged duplicates\n{OLD}: {LIVE_A}\n{GONE}: null\nnot-an-id: {LIVE_A}\n"
        f"{CHAIN}: nope\n",
        encoding="utf-8",
    )
    mapping, problems = load_retired(tmp_path)
    assert mapping == {OLD: LIVE_A, GONE: None}
    assert len(problems) == 2
    assert any("not-an-id" in p for p in problems)
    assert any(CHAIN in p and "nope" in p for p in problems)


@pytest.mark.parametrize("text", ["", "# nothing retired yet\n"])
def test_load_retired_empty_file(tmp_path: Path, text: str) -> None:
    (tmp_path / "retired.yml").write_text(text, encoding="utf-8")
    assert load_retired(tmp_path) == ({}, [])


def test_load_retired_missing_file_and_bad_yaml(tmp_path: Path) -> None:
    assert load_retired(tmp_path) == ({}, [])
    (tmp_path / "retired.yml").write_text("- a list\n- of ids\n", encoding="utf-8")
    assert load_retired(tmp_path)[1] == ["expected a mapping '<retired id>: <target id or null>'"]
    (tmp_path / "retired.yml").write_text("a: [unclosed\n", encoding="utf-8")
    assert load_retired(tmp_path)[1][0].startswith("not valid YAML")


def test_resolve_follows_chains_and_reports_problems() -> None:
    a, b, c, d = ("a" * 16, "b" * 16, "c" * 16, "d" * 16)
    retired = {
        OLD: LIVE_A,  # merged
        CHAIN: OLD,  # merged into an article that was merged in turn
        GONE: None,  # removed
        LIVE_B: LIVE_A,  # still in the corpus: refused
        a: b, b: a,  # cycle
        c: d,  # unknown target
    }
    result, problems = resolve(retired, {LIVE_A, LIVE_B})
    assert result == [Retired(OLD, LIVE_A), Retired(CHAIN, LIVE_A), Retired(GONE, None)]
    assert len(problems) == 4
    assert any(LIVE_B in p and "still in the corpus" in p for p in problems)
    assert sum("cycle" in p for p in problems) == 2
    assert any(p.startswith(c) and d in p for p in problems)


def test_redirect_pages_in_both_languages() -> None:
    entries = [_entry(LIVE_A, "بوتين <b>يثني</b>", "Putin praises")]
    specs = redirect_pages([Retired(OLD, LIVE_A), Retired(GONE, None)], entries)
    assert [s.path for s in specs] == [
        f"articles/{OLD}.md", f"articles/{GONE}.md",
        f"articles/{OLD}.en.md", f"articles/{GONE}.en.md",
    ]
    moved_ar, gone_ar, moved_en, _ = specs
    assert moved_ar.front_matter["redirect_to"] == f"../{LIVE_A}/"
    assert moved_ar.front_matter["retired"] is True
    assert "redirect_to" not in gone_ar.front_matter
    page = render(moved_ar)
    # the target's headline is the link text, escaped (article text is data, never markup)
    assert f'<a href="../{LIVE_A}/">بوتين &lt;b&gt;يثني&lt;/b&gt;</a>' in page
    assert 'lang="ar" dir="rtl"' in page
    page_en = render(moved_en)
    assert f'<a href="../{LIVE_A}/">Putin praises</a>' in page_en
    assert 'lang="en" dir="ltr"' in page_en
    assert '<a href="../../">' in render(gone_ar)


@pytest.fixture(scope="module")
def retired_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A two-article site whose retired.yml merges one id and removes another."""
    corpus = tmp_path_factory.mktemp("retired-corpus")
    for path in sorted(CORPUS.glob(f"*_{LIVE_A}*.txt")) + sorted(CORPUS.glob(f"*_{LIVE_B}*.txt")):
        shutil.copy2(path, corpus / path.name)
    (corpus / "retired.yml").write_text(
        f"{OLD}: {LIVE_A}\n{CHAIN}: {OLD}\n{GONE}: null\n", encoding="utf-8")
    project = make_project(tmp_path_factory.mktemp("retired-project"), corpus)
    return build_site(project)


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_built_redirect_pages(retired_site: Path, prefix: str) -> None:
    site_url = read_site_url(retired_site.parent)
    for old in (OLD, CHAIN):
        html = (retired_site / f"{prefix}articles/{old}/index.html").read_text(encoding="utf-8")
        assert f'<meta http-equiv="refresh" content="0; url=../{LIVE_A}/">' in html
        assert f'location.replace("../{LIVE_A}/" + location.hash)' in html
        canonical = re.findall(r'<link rel="canonical" href="([^"]+)">', html)
        assert canonical == [f"{site_url}{prefix}articles/{LIVE_A}/"]
        assert '<meta name="robots" content="noindex">' in html
        assert f'href="../{LIVE_A}/"' in html
        assert "application/ld+json" not in html  # not an article: no NewsArticle
    gone = (retired_site / f"{prefix}articles/{GONE}/index.html").read_text(encoding="utf-8")
    assert "http-equiv" not in gone
    assert '<meta name="robots" content="noindex">' in gone
    # the target itself is a normal article page
    target = (retired_site / f"{prefix}articles/{LIVE_A}/index.html").read_text(encoding="utf-8")
    assert "http-equiv" not in target and "noindex" not in target


def test_redirect_pages_stay_out_of_sitemap(retired_site: Path) -> None:
    sitemap = (retired_site / "sitemap.xml").read_text(encoding="utf-8")
    assert LIVE_A in sitemap
    for old in (OLD, CHAIN, GONE):
        assert old not in sitemap


def test_bad_retired_file_is_reported(tmp_path: Path) -> None:
    from tests.helpers import run_builder

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in CORPUS.glob(f"*_{LIVE_A}*.txt"):
        shutil.copy2(path, corpus / path.name)
    (corpus / "retired.yml").write_text(f"{OLD}: {'9' * 16}\n", encoding="utf-8")
    project = make_project(tmp_path / "project", corpus)
    result = run_builder(project, "build", "--strict", check=False)
    assert result.returncode == 1
    assert "retired.yml" in result.stderr and "9" * 16 in result.stderr
    # without --strict the rest of the archive is still built
    run_builder(project, "build")
    assert (project / "docs" / "articles" / f"{LIVE_A}.md").is_file()
    assert not (project / "docs" / "articles" / f"{OLD}.md").exists()
