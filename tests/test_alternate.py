"""hooks/alternate.py: Material's bundle without its sitemap look-ups, loaded deferred; on the
patch itself and on the built seed site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hooks import alternate

#: What the bundle's alternate integration looks like (a shortened copy of the real code).
CODE = (b'function ui({document$:e}){let t=new Map;e.pipe(b(()=>M("link[rel=alternate]")),'
        b'm(r=>new URL(r.href)))}ui({document$:ct});')


def test_patch_narrows_the_selector_to_an_opt_in() -> None:
    patched = alternate.patch_bundle(CODE)
    assert b'"link[rel=alternate]"' not in patched
    assert patched.count(b'"link[rel=alternate][data-md-sitemap]"') == 1
    assert patched.replace(alternate.OPT_IN, alternate.SELECTOR) == CODE
    assert alternate.patch_bundle(patched) == patched  # a second build changes nothing


@pytest.mark.parametrize("code", [b"function ui(){}", CODE + CODE])
def test_an_unexpected_bundle_fails_the_build(code: bytes) -> None:
    with pytest.raises(alternate.BundleError, match="has Material changed"):
        alternate.patch_bundle(code)


def test_the_installed_material_bundle_can_be_patched() -> None:
    from material import templates

    bundles = list((Path(templates.__file__).parent / "assets/javascripts").glob(
        "bundle.*.min.js"))
    assert len(bundles) == 1 and alternate.BUNDLE.fullmatch(
        f"assets/javascripts/{bundles[0].name}")
    assert alternate.SELECTOR in bundles[0].read_bytes()
    alternate.patch_bundle(bundles[0].read_bytes())


def test_defer_bundle() -> None:
    html = ('<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>\n'
            '<script src="../assets/javascripts/links.js" defer></script>')
    out = alternate.defer_bundle(html)
    assert out.startswith('<script src="../assets/javascripts/bundle.a5f9d56c.min.js" defer>')
    assert alternate.defer_bundle(out) == out
    assert alternate.defer_bundle("<p>no script</p>") == "<p>no script</p>"


def test_the_site_serves_the_patched_bundle(seed_site: Path) -> None:
    bundles = list((seed_site / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert len(bundles) == 1
    code = bundles[0].read_bytes()
    assert alternate.SELECTOR not in code and alternate.OPT_IN in code
    assert len(code) > 100_000  # the whole bundle, not a stub


def test_every_page_loads_the_bundle_deferred(seed_site: Path) -> None:
    pages = [seed_site / "404.html", seed_site / "en" / "404.html",
             *sorted(seed_site.rglob("index.html"))]
    assert len(pages) > 20
    for page in pages:
        if "pagefind" in page.parts:
            continue
        html = page.read_text(encoding="utf-8")
        tags = re.findall(r"<script[^>]*bundle\.[0-9a-f]+\.min\.js[^>]*>", html)
        assert len(tags) == 1 and tags[0].endswith(" defer>"), (page, tags)
        # no page asks Material for the sitemap look-up
        assert "data-md-sitemap" not in html
