"""Material's bundle as Material ships it, loaded deferred, with the archive's script that
keeps it from looking up sitemaps (docs/assets/javascripts/header.js); the 404 pages'
language switcher (hooks/alternate.py). On the built seed site; what the browser does is
checked by tests/browser/test_rendering_browser.py."""

from __future__ import annotations

import re
from pathlib import Path

from material import templates

MATERIAL = Path(templates.__file__).parent


def _pages(site: Path) -> list[Path]:
    pages = [site / "404.html", site / "en" / "404.html",
             *(p for p in sorted(site.rglob("index.html")) if "pagefind" not in p.parts)]
    assert len(pages) > 20
    return pages


def test_the_site_serves_materials_bundle_unchanged(seed_site: Path) -> None:
    bundles = list((seed_site / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert len(bundles) == 1
    assert bundles[0].read_bytes() == (MATERIAL / "assets" / "javascripts" /
                                       bundles[0].name).read_bytes()


def test_every_page_loads_the_bundle_deferred_and_the_header_script(
        seed_site: Path) -> None:
    script = seed_site / "assets" / "javascripts" / "archive.js"  # header.js's part
    assert 'removeAttribute("rel")' in script.read_text(encoding="utf-8")
    for page in _pages(seed_site):
        html = page.read_text(encoding="utf-8")
        tags = re.findall(r"<script[^>]*bundle\.[0-9a-f]+\.min\.js[^>]*>", html)
        assert len(tags) == 1 and tags[0].endswith(" defer>"), (page, tags)
        ours = re.findall(r'<script src="([^"]*archive\.js)"([^>]*)>', html)
        assert len(ours) == 1 and ours[0][1] == " defer", (page, ours)
        if page.name == "index.html":  # the 404 pages' links are absolute
            assert (page.parent / ours[0][0]).resolve() == script.resolve(), page


def test_pages_keep_their_alternate_links(seed_site: Path) -> None:
    """The hreflang and feed alternates stay in the HTML (the script only hides them from
    Material while the page loads)."""
    html = (seed_site / "articles").glob("*/index.html")
    page = next(html).read_text(encoding="utf-8")
    assert re.search(r'<link rel="alternate" href="[^"]+/en/articles/[^"]+/" hreflang="en">',
                     page)
    assert 'hreflang="x-default"' in page


def test_the_404_pages_switch_to_the_other_home(seed_site: Path) -> None:
    """Whatever page a process rendered last, the 404 pages' switcher leads home."""
    (to_en, en), (to_ar, ar) = (
        re.findall(r'<a href="([^"]*)" hreflang="([a-z]+)" lang="\2" class="md-header__button',
                   page.read_text(encoding="utf-8"))[0]
        for page in (seed_site / "404.html", seed_site / "en" / "404.html"))
    assert (en, ar) == ("en", "ar")
    assert to_ar.endswith("/") and to_en == f"{to_ar}en/", (to_ar, to_en)
