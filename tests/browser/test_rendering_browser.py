"""What a page costs the browser (issue 10, Lighthouse; hooks/alternate.py): no sitemap
look-ups, off-site or failed requests and no console error, and the language switch goes
straight to the twin page."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 412, "height": 823}


@pytest.fixture(scope="module")
def article_id(seed_site: Path) -> str:
    return sorted(p.parent.name for p in (seed_site / "articles").glob("*/index.html"))[0]


@pytest.fixture()
def context(browser):
    context = browser.new_context(viewport=PHONE)
    yield context
    context.close()


def _pages(article_id: str) -> list[str]:
    return ["/", "/en/", f"/articles/{article_id}/", f"/en/articles/{article_id}/",
            "/tags/people/vladimir-putin/"]


def test_no_sitemap_lookups_and_no_failed_requests(context, site_url: str,
                                                   article_id: str) -> None:
    problems: list[str] = []
    page = context.new_page()
    page.on("request", lambda r: "sitemap" in r.url and problems.append(f"request {r.url}"))
    page.on("request", lambda r: not r.url.startswith((site_url, "data:"))
            and problems.append(f"off-site request {r.url}"))
    page.on("response", lambda r: r.status >= 400 and problems.append(f"{r.status} {r.url}"))
    page.on("console", lambda m: m.type == "error" and problems.append(f"console {m.text}"))
    page.on("pageerror", lambda e: problems.append(f"uncaught {e}"))
    for path in _pages(article_id):
        page.goto(site_url + path, wait_until="networkidle")
    assert not problems


@pytest.mark.parametrize(("start", "lang", "twin"), [("", "en", "/en"), ("/en", "ar", "")])
def test_language_switch_goes_straight_to_the_twin(context, site_url: str, article_id: str,
                                                   start: str, lang: str, twin: str) -> None:
    page = context.new_page()
    page.goto(f"{site_url}{start}/articles/{article_id}/")
    page.hover(".md-header .md-select")
    with page.expect_navigation() as nav:
        page.click(f'.md-select__link[hreflang="{lang}"]')
    response = nav.value
    assert response is not None and response.ok
    assert response.request.redirected_from is None  # no detour by a slash-less URL
    assert page.url == f"{site_url}{twin}/articles/{article_id}/"
    assert page.get_attribute("html", "lang") == lang
