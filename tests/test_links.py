"""Crawl the built seed site: every internal link and ``#anchor`` in ``site/`` resolves.

Links are read from every HTML page (``a``/``link`` ``href``, ``script``/``img``/``source``
``src``), resolved against the page's URL, and checked against the files of ``site/``;
fragments are checked against the ``id``/``name`` attributes of the target page.
Absolute links under ``site_url`` count as internal.
"""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

SITE_URL = "https://example.org/news-archive/"
#: Root-absolute links (the 404 page uses them) start with the path of ``SITE_URL``.
SITE_PATH = urlsplit(SITE_URL).path
_ATTRS = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src",
          "iframe": "src"}


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name") if tag != "meta" else ():
            if values.get(key):
                self.ids.add(values[key])
        wanted = _ATTRS.get(tag)
        if wanted and values.get(wanted):
            if tag == "link" and values.get("rel") in ("preconnect", "dns-prefetch"):
                return
            self.links.append(values[wanted])


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _target(site: Path, page_url: str, link: str) -> tuple[Path | None, str, str]:
    """(file the link points to or None if external, its URL, fragment)."""
    if link.startswith(SITE_URL):
        link = "/" + link[len(SITE_URL):]
    elif link.startswith(SITE_PATH):
        link = "/" + link[len(SITE_PATH):]
    parts = urlsplit(urljoin(f"http://site{page_url}", link))
    if parts.scheme not in ("http", "https") or parts.netloc != "site":
        return None, link, ""
    path = unquote(parts.path)
    rel = posixpath.normpath(path.lstrip("/")) if path.strip("/") else ""
    if rel.startswith(".."):
        return site / "__outside__", path, parts.fragment
    target = site / rel if rel else site
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, path, parts.fragment


def crawl(site: Path) -> list[str]:
    """Every broken internal link or anchor of ``site`` as ``"page -> link (why)"``."""
    pages: dict[Path, _Page] = {}

    def parsed(path: Path) -> _Page:
        if path not in pages:
            pages[path] = _parse(path)
        return pages[path]

    problems: list[str] = []
    for html in sorted(site.rglob("*.html")):
        rel = html.relative_to(site).as_posix()
        url = "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        for link in parsed(html).links:
            target, path, fragment = _target(site, url, link)
            if target is None:
                continue
            if not target.is_file():
                problems.append(f"{rel} -> {link} (no file {path})")
            elif fragment and target.suffix == ".html" and fragment not in parsed(target).ids:
                problems.append(f"{rel} -> {link} (no #{fragment})")
    return problems


def test_every_internal_link_and_anchor_resolves(seed_site: Path) -> None:
    problems = crawl(seed_site)
    assert not problems, "\n".join(problems[:50])


def test_the_crawler_sees_broken_links(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<p id="x"></p><a href="../b/">b</a><a href="#x">ok</a><a href="#y">bad anchor</a>'
        '<a href="../a/#x">ok</a><a href="https://example.com/">external</a>'
        f'<a href="{SITE_URL}a/">absolute ok</a><a href="{SITE_URL}c/">absolute bad</a>',
        encoding="utf-8")
    problems = crawl(tmp_path)
    assert len(problems) == 3, problems
    assert any("../b/" in p for p in problems)
    assert any("#y" in p for p in problems)
    assert any("/c/" in p for p in problems)


@pytest.mark.parametrize("link,expected", [
    ("../../tags/people/x/", "tags/people/x/index.html"),
    ("./", "articles/a/index.html"),
    ("#p1", "articles/a/index.html"),
])
def test_relative_links_resolve_from_the_page_url(tmp_path: Path, link: str,
                                                   expected: str) -> None:
    target, _, _ = _target(tmp_path, "/articles/a/", link)
    assert target == tmp_path / expected
