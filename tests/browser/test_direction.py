"""Layout direction in Chromium: an article page in Arabic is laid out right to left (the
navigation drawer slides in on the right, the site title sits on the right of the header)
and its English twin left to right. Screenshots are written next to the test's temporary
files (``direction-ar.png``, ``direction-en.png``) and their paths printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_site import IDS

pytestmark = pytest.mark.browser

#: A phone-sized viewport: the navigation (Material's tabs) slides in as a drawer.
PHONE = {"width": 480, "height": 900}
DESKTOP = {"width": 1280, "height": 900}


@pytest.mark.parametrize("lang,prefix,direction", [("ar", "", "rtl"), ("en", "/en", "ltr")])
def test_article_layout_direction(browser, site_url: str, tmp_path: Path, lang: str,
                                  prefix: str, direction: str) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(f"{site_url}{prefix}/articles/{IDS[0]}/")
        assert page.evaluate("document.documentElement.dir") == direction
        assert page.evaluate("getComputedStyle(document.body).direction") == direction
        page.click('label.md-header__button[for="__drawer"]')
        drawer = page.locator(".md-tabs")
        page.wait_for_function(
            "() => { const r = document.querySelector('.md-tabs')"
            ".getBoundingClientRect(); return r.left >= -1 && r.right <= innerWidth + 1; }")
        page.wait_for_timeout(300)  # let the slide-in transition finish for the screenshot
        shot = tmp_path / f"direction-{lang}.png"
        page.screenshot(path=str(shot))
        print(f"screenshot: {shot}")
        box = drawer.bounding_box()
        assert box is not None and 0 < box["width"] < PHONE["width"]
        assert drawer.locator("a").first.is_visible()
        assert len(drawer.locator("a").all()) == 8
        if direction == "rtl":
            assert abs(box["x"] + box["width"] - PHONE["width"]) <= 2, box  # on the right
            assert box["x"] > 10, box
        else:
            assert abs(box["x"]) <= 2, box  # on the left
            assert box["x"] + box["width"] < PHONE["width"] - 10, box
        # on a wide screen the site title and logo sit on the reading side of the header
        page.set_viewport_size(DESKTOP)
        page.goto(f"{site_url}{prefix}/articles/{IDS[0]}/")
        title = page.locator(".md-header__title").bounding_box()
        logo = page.locator(".md-header__button.md-logo").bounding_box()
        assert title and logo
        if direction == "rtl":
            assert logo["x"] > DESKTOP["width"] / 2 and title["x"] < logo["x"]
        else:
            assert logo["x"] < DESKTOP["width"] / 2 and title["x"] > logo["x"]
        page.screenshot(path=str(tmp_path / f"direction-{lang}-desktop.png"))
    finally:
        context.close()
