"""axe-core on the built seed site: no serious or critical violation, both languages."""

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser


def _first(site: Path, pattern: str) -> str:
    found = sorted(p.parent for p in site.glob(pattern))
    assert found, f"no page matches {pattern}"
    return "/" + str(found[0].relative_to(site)) + "/"


@pytest.fixture(scope="module")
def pages(seed_site: Path) -> dict[str, str]:
    article = _first(seed_site, "articles/*/index.html")
    pages = {"home": "/", "article": article, "timeline": "/timeline/"}
    if any(seed_site.glob("tags/people/*/index.html")):
        pages["tag"] = _first(seed_site, "tags/people/*/index.html")
    pages.update({f"{name} (en)": "/en" + path for name, path in list(pages.items())})
    return pages


@pytest.mark.parametrize(
    "name", ["home", "article", "tag", "timeline",
             "home (en)", "article (en)", "tag (en)", "timeline (en)"]
)
def test_no_serious_axe_violation(browser, site_url: str, pages: dict[str, str], name: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page()
    try:
        assert name in pages, f"the seed site has no {name} page"
        response = page.goto(site_url + pages[name])
        assert response is not None and response.ok, pages[name]
        results = Axe().run(page)
        serious = [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5])
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        assert not serious, f"{pages[name]}: {serious}"
    finally:
        page.close()


def test_arabic_inside_english_pages_is_marked(browser, site_url: str, pages: dict[str, str]) -> None:
    """Arabic runs inside English pages carry lang="ar" so screen readers switch voice."""
    page = browser.new_page()
    try:
        page.goto(site_url + pages["article (en)"])
        unmarked = page.evaluate(
            """() => {
              const bad = [];
              const walker = document.createTreeWalker(
                document.querySelector('.md-content') || document.body, NodeFilter.SHOW_TEXT);
              while (walker.nextNode()) {
                const node = walker.currentNode;
                if (!/[\\u0600-\\u06FF]{3,}/.test(node.textContent)) continue;
                const el = node.parentElement;
                if (el.closest('[hidden], [aria-hidden="true"], .pagefind-ui, script, style')) continue;
                if (!el.closest('[lang="ar"]')) bad.push(node.textContent.trim().slice(0, 40));
              }
              return bad;
            }"""
        )
        assert not unmarked, unmarked[:10]
    finally:
        page.close()
