"""The built seed site: URLs, language attributes, anchors, escaping, self-hosted font."""

import re
from pathlib import Path

import pytest

from tests.helpers import CORPUS

IDS = sorted(re.match(r"\d+_([0-9a-f]{16})\.txt$", p.name).group(1)
             for p in CORPUS.glob("*.txt") if not p.name.endswith(".en.txt"))


def _html(site: Path, rel: str) -> str:
    return (site / rel / "index.html").read_text(encoding="utf-8")


def test_five_seed_articles() -> None:
    assert len(IDS) == 5


@pytest.mark.parametrize("article_id", IDS)
def test_article_pages_exist_in_both_languages(seed_site: Path, article_id: str) -> None:
    ar = _html(seed_site, f"articles/{article_id}")
    en = _html(seed_site, f"en/articles/{article_id}")
    assert '<html lang="ar"' in ar and 'dir="rtl"' in ar
    assert '<html lang="en"' in en and 'dir="ltr"' in en


@pytest.mark.parametrize("article_id", IDS)
def test_paragraph_anchors(seed_site: Path, article_id: str) -> None:
    html = _html(seed_site, f"articles/{article_id}")
    anchors = re.findall(r'<p id="p(\d+)"', html)
    assert anchors and anchors == [str(i) for i in range(1, len(anchors) + 1)]


def test_home_lists_every_article(seed_site: Path) -> None:
    home = (seed_site / "index.html").read_text(encoding="utf-8")
    for article_id in IDS:
        assert f"articles/{article_id}/" in home


def test_articles_are_not_in_the_navigation(seed_site: Path) -> None:
    about = _html(seed_site, "about")
    nav = about.split('<nav class="md-tabs"', 1)[1].split("</nav>", 1)[0]
    assert nav.count("<a href=") == 8 and "articles/" not in nav
    assert re.findall(r'<a href="([^"]*)" aria-current="page">', nav) == ["./"]  # this page


def test_no_font_cdn_anywhere(seed_site: Path) -> None:
    for path in seed_site.rglob("*"):
        if path.suffix in {".html", ".css", ".js", ".xml", ".json"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "fonts.googleapis.com" not in text, path
            assert "fonts.gstatic.com" not in text, path


def test_arabic_font_is_served_by_the_site(seed_site: Path) -> None:
    fonts = list((seed_site / "assets" / "fonts").glob("*.woff2"))
    assert any("arabic" in f.name for f in fonts)
    css = (seed_site / "assets" / "stylesheets" / "archive.css").read_text(encoding="utf-8")
    for url in re.findall(r'url\("\.\./fonts/([^"]+)"\)', css):
        assert (seed_site / "assets" / "fonts" / url).is_file(), url


def test_article_text_is_escaped(tmp_path: Path) -> None:
    """Markup in an article comes out as text, never as live HTML or Markdown."""
    from tests.helpers import build_site, make_project

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "000_00000000000000aa.txt").write_text(
        "قال المتحدث <script>alert(1)</script> و**عريض** و[رابط](javascript:alert(2)) "
        "و{{ config.site_name }} و<img src=x onerror=alert(3)>.",
        encoding="utf-8",
    )
    site = build_site(make_project(tmp_path / "p", corpus))
    html = (site / "articles" / "00000000000000aa" / "index.html").read_text(encoding="utf-8")
    body = html.split('<div class="na-body"', 1)[1].split("</div>", 1)[0]
    assert "<script>alert" not in body and "&lt;script&gt;" in body
    assert "<img" not in body
    assert "<strong>" not in body and "**عريض**" in body
    assert 'href="javascript' not in html
    assert "{{ config.site_name }}" in body
