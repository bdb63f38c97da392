"""What a page costs the browser (issue 10, Lighthouse): no sitemap look-ups, off-site or
failed requests and no console error, and the language switch goes straight to the twin
page, with the page's alternate links in place once it has loaded
(docs/assets/javascripts/header.js); the off-screen blocks laid out lazily (content-visibility,
archive.css) leave the layout as it was and give axe-core no false contrast failure."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 412, "height": 823}

#: Box of every element of the content and the footer, after scrolling through the page.
_BOXES = """async () => {
  await document.fonts.ready;
  for (let y = 0; y < document.documentElement.scrollHeight; y += 600) {
    window.scrollTo(0, y);
    await new Promise(r => requestAnimationFrame(r));
  }
  const out = [];
  for (const e of document.querySelectorAll('.md-content *, .md-footer')) {
    const r = e.getBoundingClientRect();
    out.push([e.tagName, Math.round(r.top + scrollY), Math.round(r.left),
              Math.round(r.width), Math.round(r.height)]);
  }
  return [document.documentElement.scrollHeight, out];
}"""


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
    assert page.locator(".md-header a[hreflang]").count() == 1  # the other language only
    with page.expect_navigation() as nav:
        page.click(f'.md-header a.na-lang[hreflang="{lang}"]')
    response = nav.value
    assert response is not None and response.ok
    assert response.request.redirected_from is None  # no detour by a slash-less URL
    assert page.url == f"{site_url}{twin}/articles/{article_id}/"
    assert page.get_attribute("html", "lang") == lang


@pytest.mark.parametrize("path", ["/", "/articles/{id}/", "/en/articles/{id}/"])
def test_alternate_links_are_back_once_the_page_has_loaded(context, site_url: str,
                                                           seed_site: Path, article_id: str,
                                                           path: str) -> None:
    """header.js hides them from Material while the page loads, and only then."""
    path = path.format(id=article_id)
    html = (seed_site / path.strip("/") / "index.html").read_text(encoding="utf-8")
    served = html.count('<link rel="alternate"')
    assert served >= 3  # hreflang twins, x-default, feeds
    page = context.new_page()
    page.goto(site_url + path, wait_until="load")
    page.wait_for_function(
        f"document.querySelectorAll('link[rel=alternate]').length === {served}")
    assert page.evaluate("document.querySelectorAll('link:not([rel])').length") == 0


@pytest.mark.parametrize("path", ["/", "/articles/{id}/", "/en/articles/{id}/"])
def test_lazily_laid_out_blocks_leave_the_layout_unchanged(context, site_url: str,
                                                           article_id: str, path: str) -> None:
    page = context.new_page()
    page.goto(site_url + path.format(id=article_id))
    # what a page adds after load: its fonts, and on article pages the controls links.js
    # adds once it has fetched their strings
    page.evaluate("document.fonts.ready.then(() => true)")
    if "articles" in path:
        page.wait_for_selector(".na-article[data-na-links] .na-cite", state="attached")
    lazy = page.evaluate("""() => Array.from(document.querySelectorAll('.md-content *'))
        .filter(e => getComputedStyle(e).contentVisibility === 'auto').length""")
    assert lazy >= 3
    lazily = page.evaluate(_BOXES)
    page.add_style_tag(content="* { content-visibility: visible !important; }")
    eagerly = page.evaluate(_BOXES)
    assert lazily[0] == eagerly[0]
    moved = [(a, b) for a, b in zip(lazily[1], eagerly[1], strict=True)
             if a[0] != b[0] or any(abs(x - y) > 1 for x, y in zip(a[1:], b[1:], strict=True))]
    assert not moved, moved[:5]


@pytest.mark.parametrize("width", [412, 800])
def test_no_contrast_failure_in_blocks_not_yet_rendered(browser, site_url: str,
                                                        seed_site: Path, width: int) -> None:
    """axe-core measures the text of a block not yet rendered where its placeholder ends;
    without the clip of .md-content that fell on the dark footer on some article pages."""
    from axe_playwright_python.sync_playwright import Axe

    ids = sorted(p.parent.name for p in (seed_site / "articles").glob("*/index.html"))
    context = browser.new_context(viewport={"width": width, "height": 800})
    failures = {}
    try:
        page = context.new_page()
        for path in [f"{lang}/articles/{i}/" for lang in ("", "/en") for i in ids]:
            page.goto(site_url + path)
            result = Axe().run(page, options={"runOnly": ["color-contrast"]}).response
            if result["violations"]:
                failures[path] = [n["target"] for v in result["violations"] for n in v["nodes"]]
    finally:
        context.close()
    assert not failures
