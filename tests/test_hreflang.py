"""hooks/hreflang.py: hreflang alternates with absolute URLs, plus ``x-default`` (the
Arabic page)."""

from __future__ import annotations

from types import SimpleNamespace

from hooks.hreflang import on_post_page

HEAD = ('<html><head>\n'
        '<link rel="alternate" href="./" hreflang="ar">\n'
        '<link rel="alternate" href="../../en/articles/0123456789abcdef/" hreflang="en">\n'
        '</head><body><a href="./" hreflang="ar">x</a></body></html>')
SITE = "https://example.org/news-archive/"


def _page(url: str) -> SimpleNamespace:
    return SimpleNamespace(url=url)


def test_alternates_become_absolute_and_the_arabic_page_is_the_default() -> None:
    out = on_post_page(HEAD, _page("articles/0123456789abcdef/"), {"site_url": SITE})
    arabic = f"{SITE}articles/0123456789abcdef/"
    assert f'<link rel="alternate" href="{arabic}" hreflang="ar">' in out
    assert (f'<link rel="alternate" href="{SITE}en/articles/0123456789abcdef/" '
            'hreflang="en">') in out
    assert out.count('hreflang="x-default"') == 1
    assert f'<link rel="alternate" href="{arabic}" hreflang="x-default">\n</head>' in out
    assert '<a href="./" hreflang="ar">' in out  # the language switch is not touched


def test_site_url_without_a_final_slash_and_the_home_page() -> None:
    out = on_post_page(HEAD.replace("../../en/articles/0123456789abcdef/", "en/"), _page(""),
                       {"site_url": SITE.rstrip("/")})
    assert f'<link rel="alternate" href="{SITE}" hreflang="ar">' in out
    assert f'<link rel="alternate" href="{SITE}en/" hreflang="en">' in out


def test_a_page_run_twice_keeps_one_default() -> None:
    config = {"site_url": SITE}
    once = on_post_page(HEAD, _page("articles/0123456789abcdef/"), config)
    assert on_post_page(once, _page("articles/0123456789abcdef/"), config) == once


def test_without_site_url_or_alternates_the_page_is_unchanged() -> None:
    assert on_post_page(HEAD, _page("x/"), {"site_url": None}) == HEAD
    plain = "<html><head></head><body></body></html>"
    assert on_post_page(plain, _page("x/"), {"site_url": SITE}) == plain
