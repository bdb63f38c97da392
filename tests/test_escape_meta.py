"""hooks/escape_meta.py: a page's title and description reach the theme as escaped text,
escaped once, whatever the article file holds."""

from __future__ import annotations

from types import SimpleNamespace

import jinja2
import pytest
from markupsafe import Markup

from hooks import escape_meta

HOSTILE = "</title><script>alert(1)</script> \"' &amp; عنوان"


def _page(**meta: object) -> SimpleNamespace:
    return SimpleNamespace(meta=dict(meta))


def test_title_and_description_are_escaped_once() -> None:
    page = _page(title=HOSTILE, description=HOSTILE, source=HOSTILE)
    assert escape_meta.on_page_markdown("# body", page, None, None) == "# body"
    for key in escape_meta.TEXT_KEYS:
        value = page.meta[key]
        assert isinstance(value, Markup) and "<script>" not in value
        assert value.unescape() == HOSTILE
        # a second pass (or a template's `| e`) leaves it as it is
        escape_meta.on_page_markdown("", page, None, None)
        assert page.meta[key] is value and str(Markup.escape(value)) == str(value)
    assert page.meta["source"] == HOSTILE  # other keys are the templates' business


@pytest.mark.parametrize("meta", [{}, {"title": None}, {"title": 2016}, {"description": ["x"]}])
def test_missing_or_non_text_values_are_left_alone(meta: dict) -> None:
    page = _page(**meta)
    escape_meta.on_page_markdown("", page, None, None)
    assert page.meta == meta


@pytest.mark.parametrize("autoescape", [False, True])
def test_a_theme_template_prints_the_text(autoescape: bool) -> None:
    """Material's templates print the title raw, MkDocs renders without autoescape: the
    reader sees the text either way, never markup, never ``&amp;amp;``."""
    page = _page(title="أ & ب <b>")
    escape_meta.on_page_markdown("", page, None, None)
    env = jinja2.Environment(autoescape=autoescape)
    out = env.from_string("<title>{{ page.meta.title }}</title>").render(page=page)
    assert out == "<title>أ &amp; ب &lt;b&gt;</title>"


def test_it_runs_before_every_other_hook() -> None:
    assert escape_meta.on_page_markdown.mkdocs_priority == 100
