"""The archive's header and navigation in Chromium, in both languages (overrides/main.html,
overrides/partials/header.html, palette.html, alternate.html, docs/assets/javascripts/
header.js, archive.css): the palette button switches the colour scheme and keeps it across
pages, the header's topic is the page's heading, the tabs are the navigation on a wide
screen and the drawer on a narrow one (by the menu button or the keyboard), and the
back-to-top button takes the reader to the top."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 412, "height": 823}
DESKTOP = {"width": 1280, "height": 900}
LANGUAGES = [("", "الوضع الداكن", "الوضع الفاتح"), ("/en", "Dark mode", "Light mode")]


@pytest.fixture()
def context(browser):
    context = browser.new_context(viewport=DESKTOP)
    yield context
    context.close()


def _scheme(page) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


@pytest.mark.parametrize(("prefix", "dark", "light"), LANGUAGES)
def test_the_palette_button_switches_the_scheme_and_keeps_it(context, site_url: str,
                                                            article_id: str, prefix: str,
                                                            dark: str, light: str) -> None:
    page = context.new_page()
    page.goto(f"{site_url}{prefix}/articles/{article_id}/")
    button = page.locator(".md-header button.na-palette")
    assert button.count() == 1 and button.is_visible()
    assert _scheme(page) == "default" and button.get_attribute("title") == dark
    assert button.locator("svg").get_attribute("class") == "na-i-weather-night"
    assert page.evaluate("document.querySelector('meta[name=color-scheme]').content") == "light"
    button.click()
    assert _scheme(page) == "slate"
    assert button.get_attribute("title") == light
    assert button.locator("svg").get_attribute("class") == "na-i-weather-sunny"
    assert page.evaluate("document.querySelector('meta[name=color-scheme]').content") == "dark"
    # the header's colour, as Material writes it (the same indigo in both schemes)
    assert re.fullmatch(r"#[0-9a-f]{6}", page.evaluate(
        "document.querySelector('meta[name=theme-color]').content"))
    # the next page is painted dark from the start (Material's inline script reads the choice)
    page.goto(f"{site_url}{prefix}/tags/people/")
    assert _scheme(page) == "slate"
    page.keyboard.press("Tab")  # the keyboard reaches and presses it too
    page.locator(".md-header button.na-palette").focus()
    page.keyboard.press("Enter")
    assert _scheme(page) == "default"
    page.goto(f"{site_url}{prefix}/")
    assert _scheme(page) == "default"


def test_the_palette_follows_the_system_preference_at_first(browser, site_url: str) -> None:
    context = browser.new_context(viewport=DESKTOP, color_scheme="dark")
    try:
        page = context.new_page()
        page.goto(f"{site_url}/en/")
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
        assert page.locator("button.na-palette").get_attribute("title") == "Light mode"
    finally:
        context.close()


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_header_topic_is_the_page_heading(context, site_url: str, article_id: str,
                                              prefix: str) -> None:
    page = context.new_page()
    page.goto(f"{site_url}{prefix}/articles/{article_id}/")
    heading = page.locator(".md-content h1").inner_text().strip()
    topic = page.locator('[data-md-component="header-topic"]')
    assert heading and topic.text_content() == heading
    page.mouse.wheel(0, 1500)
    page.wait_for_function(
        "document.querySelector('.md-header__title').classList.contains('md-header__title--active')")
    assert topic.is_visible()


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_tabs_are_the_navigation_on_every_screen(browser, site_url: str, article_id: str,
                                                     prefix: str) -> None:
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(f"{site_url}{prefix}/articles/{article_id}/")
        tabs = page.locator(".md-tabs")
        links = page.locator(".md-tabs a")
        assert links.count() == 8
        # closed: off the screen, yet reachable by the keyboard, which brings it in
        box = tabs.bounding_box()
        assert box is not None and (box["x"] + box["width"] <= 1 or box["x"] >= PHONE["width"] - 1)
        links.nth(1).focus()
        page.wait_for_timeout(400)
        box = tabs.bounding_box()
        assert box is not None and box["x"] >= -1 and box["x"] + box["width"] <= PHONE["width"] + 1
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.endswith(f"{prefix}/timeline/")
        # the menu button opens it; a link in it leads to its page
        page.click('label.md-header__button[for="__drawer"]')
        page.wait_for_timeout(400)
        assert links.nth(2).is_visible()
        with page.expect_navigation():
            links.nth(2).click()
        assert page.url.endswith(f"{prefix}/tags/people/")
        # a wide screen shows them under the header, every link visible
        page.set_viewport_size(DESKTOP)
        page.goto(f"{site_url}{prefix}/articles/{article_id}/")
        assert all(links.nth(i).is_visible() for i in range(8))
        assert page.locator(".md-sidebar--primary").count() == 0
    finally:
        context.close()


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_back_to_top(context, site_url: str, article_id: str, prefix: str) -> None:
    page = context.new_page()
    page.set_viewport_size(PHONE)
    page.goto(f"{site_url}{prefix}/articles/{article_id}/")
    top = page.locator(".md-top")
    page.mouse.wheel(0, 2000)
    page.wait_for_timeout(300)
    page.mouse.wheel(0, -300)
    page.wait_for_function("!document.querySelector('.md-top').hidden")
    top.click()
    page.wait_for_function("window.scrollY === 0")


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP])
def test_the_search_box_is_made_in_a_place_of_its_size(browser, site_url: str,
                                                       article_id: str, prefix: str,
                                                       viewport: dict) -> None:
    """The page holds the search box's empty place only; search.js makes the box in it, in
    the page's language, and nothing else in the header moves when it comes."""
    where = """() => ['.na-lang', '.na-palette', '.md-header__title', '.na-search'].map(s => {
        const r = document.querySelector(s).getBoundingClientRect();
        return [r.x, r.y, r.width, r.height]; })"""
    boxes = {}
    for made in (False, True):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        if not made:
            page.route("**/archive.js", lambda route: route.abort())
        page.goto(f"{site_url}{prefix}/articles/{article_id}/")
        page.wait_for_load_state("load")
        assert page.locator(".na-search__input").count() == int(made)
        if made:
            label = "Search the archive" if prefix else "البحث في الأرشيف"
            form = page.locator("form.na-search__form[role=search]")
            assert form.get_attribute("aria-label") == label
            assert page.locator("label[for=na-search-input]").text_content() == label
            assert page.locator(".na-search").get_attribute("dir") == ("ltr" if prefix else "rtl")
            assert page.locator(".na-search__toggle").get_attribute("aria-label")
        boxes[made] = page.evaluate(where)
        context.close()
    assert boxes[True] == boxes[False]
