"""links.js in Chromium: copy-link buttons for the article and each paragraph anchor, and the
citation line, on the built seed site in both languages."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture()
def page(browser, site_url: str):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page = context.new_page()
    page.bring_to_front()  # the clipboard answers only the focused page (other contexts stay open)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, errors


def _clipboard(page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_copy_article_and_paragraph_links(page, site_url: str, article_id: str,
                                          prefix: str) -> None:
    page.goto(f"{site_url}{prefix}/articles/{article_id}/")
    canonical = page.get_attribute('link[rel="canonical"]', "href")
    assert canonical.endswith(f"{prefix}/articles/{article_id}/")

    page.click(".na-copy-link")
    page.wait_for_function("document.querySelector('.na-copy-link').dataset.copied")
    assert _clipboard(page) == canonical

    anchors = page.locator(".na-article p[id^='p'] > button.na-anchor")
    paragraphs = page.locator(".na-article p[id^='p']")
    assert anchors.count() == paragraphs.count() > 1
    second = page.locator("#p2 > button.na-anchor")
    assert second.get_attribute("aria-label")
    second.focus()  # keyboard users reach it; it shows on focus
    second.press("Enter")
    page.wait_for_function("document.querySelector('#p2 > .na-anchor').dataset.copied")
    assert _clipboard(page) == f"{canonical}#p2"
    assert page.evaluate("location.hash") == "#p2"


@pytest.mark.parametrize(("prefix", "quotes"), [("", "«»"), ("/en", "“”")])
def test_citation_line(page, site_url: str, article_id: str, prefix: str, quotes: str) -> None:
    page.goto(f"{site_url}{prefix}/articles/{article_id}/")
    canonical = page.get_attribute('link[rel="canonical"]', "href")
    ld = page.evaluate("JSON.parse(document.getElementById('na-article-ld').textContent)")
    text = page.inner_text(".na-cite__text")
    assert f"{quotes[0]}{ld['headline']}{quotes[1]}" in text
    assert text.endswith(canonical)
    if ld.get("datePublished"):
        assert ld["datePublished"] in text
    if ld.get("sourceOrganization"):
        assert text.startswith(ld["sourceOrganization"]["name"])
    page.click(".na-copy-cite")
    page.wait_for_function("document.querySelector('.na-copy-cite').dataset.copied")
    assert _clipboard(page) == text
