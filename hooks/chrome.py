"""MkDocs hook: Material's page chrome rendered once per URL shape, not once per page.

Most of what Material writes around a page's content -- the navigation drawer, the tabs,
the logo, colour palette and search box of the header, the stylesheets, the ``__config``
JSON and the scripts -- is the same on every page of a language build, except for its
relative links (``../../timeline/``), which depend on where the page is.

``overrides/main.html`` and ``overrides/partials/header.html`` wrap those parts in
``{% call na_cached("name", na_shape) %}…{% endcall %}``: the first page of a given *shape*
renders a part, later pages of the same shape reuse the text. A page's shape
(:func:`shape`, put into the page's template context as ``na_shape``) is its ``base_url``
together with the relative URL, from the page, of every navigation page and of the theme's
and the archive's static files -- every link a cached part can hold -- or, when none of
them lies in the page's folder, the folder's parent, which determines them all. Pages that the
cached parts treat specially have no shape and are rendered in full as before: pages of
the navigation (their tab and entry are highlighted), pages with a table of contents or
``hide`` in their front matter, and files under ``assets/``.

The theme's templates are indented for their authors. The templates are compiled without the blank space that
follows a line break (:class:`Unindent`, a Jinja loader; the line break stays, so the
browser sees white space where there was some), and the cached parts are unindented once
when they are made; the page's content is left as the builder wrote it. The chrome has no ``<pre>``, ``<textarea>`` or multi-line ``<script>``
or ``<style>`` (checked on every page by ``tests/test_chrome.py``).

The cache belongs to one Jinja environment (one language build, ``on_env``), so nothing
is shared between languages; the theme's static pages (``404.html``, ``sitemap.xml``)
have no shape. ``ARCHIVE_CHROME_CACHE=off`` renders every part of every page again:
``tests/test_chrome.py`` checks that the site comes out the same with and without the cache.

Material's ``lang.t(key)`` (interface strings) is looked up once per language and key
(``na_lang_t``, used by ``overrides/partials/language.html``) rather than by evaluating a
dictionary of every string at each of its dozen calls per page.
"""

from __future__ import annotations

import os
import re
from typing import Any

from jinja2 import BaseLoader
from mkdocs.utils import normalize_url

#: Static files the cached parts link to (relative to the site root).
STATIC = ("assets/",)
#: Environment variable: ``off`` renders every part of every page (tests compare).
SWITCH = "ARCHIVE_CHROME_CACHE"


def shape(page: Any, nav: Any, base_url: str, config: Any) -> tuple | None:
    """What the cached parts of ``page`` depend on, or None when they must be rendered."""
    if page is None or nav is None or page.toc or (page.meta or {}).get("hide"):
        return None
    url = page.url or ""
    if url.startswith(STATIC) or any(p is page for p in nav.pages):
        return None
    targets = [p.url for p in nav.pages]
    targets += [str(getattr(s, "path", s)) for s in config.extra_css or []]
    targets += [str(getattr(s, "path", s)) for s in config.extra_javascript or []]
    targets += STATIC
    if url.endswith("/") and not any(t.startswith(url) for t in targets):
        # a link from the page to a target outside its own folder depends on that folder's
        # parent only: every article page (articles/<id>/) has the same links
        return (base_url, url[: url.rstrip("/").rfind("/") + 1])
    return (base_url, tuple(normalize_url(t, page, base_url) for t in targets))


def on_env(env: Any, config: Any, files: Any) -> Any:
    """A fresh cache and the ``na_cached`` global for this language's templates."""
    cache: dict[tuple, Any] = {}
    enabled = os.environ.get(SWITCH, "on") != "off"

    def na_cached(name: str, key: Any, caller: Any) -> Any:
        """``caller()`` unindented, rendered once per ``(name, key)``; every time when
        ``key`` is None."""
        if not enabled or not isinstance(key, tuple):
            return _unindented(caller())
        try:
            return cache[name, key]
        except KeyError:
            text = cache[name, key] = _unindented(caller())
            return text

    strings: dict[tuple[str, str], str] = {}

    def na_lang_t(key: str) -> str:
        """Material's ``lang.t(key)`` (``overrides/partials/language.html``), memoized."""
        language = str(config.theme["language"])
        try:
            return strings[language, key]
        except KeyError:
            own = env.get_template(f"partials/languages/{language}.html").module.t(key)
            text = own or env.get_template("partials/languages/en.html").module.t(key) or key
            strings[language, key] = text = str(text)
            return text

    if not isinstance(env.loader, Unindent):
        env.loader = Unindent(env.loader)
    env.globals["na_cached"] = na_cached
    env.globals["na_lang_t"] = na_lang_t
    return env


def on_page_context(context: dict, page: Any, config: Any, nav: Any) -> dict:
    """The page's shape (``na_shape``) for the templates."""
    context["na_shape"] = shape(page, nav, context.get("base_url", ""), config)
    return context


#: Blank space after a line break: indentation and empty lines.
_INDENT = re.compile(r"\n[ \t\n]+")


def unindent(source: str) -> str:
    """Template text without the blank space after its line breaks (one line break stays)."""
    return _INDENT.sub("\n", source)


def _unindented(text: Any) -> Any:
    return type(text)(unindent(text))  # str, or Markup under autoescape


class Unindent(BaseLoader):
    """The theme's loader, giving HTML templates as :func:`unindent`-ed text.

    A loader rather than a Jinja extension's ``preprocess``: the bytecode cache
    (``hooks/shards.py``) is keyed by the source the loader gives, so that compiled
    templates of the indented text are never taken for these.
    """

    def __init__(self, loader: BaseLoader) -> None:
        self.loader = loader

    def get_source(self, environment: Any, template: str) -> tuple[str, str | None, Any]:
        source, filename, uptodate = self.loader.get_source(environment, template)
        return (unindent(source) if template.endswith(".html") else source), filename, uptodate

    def list_templates(self) -> list[str]:
        return self.loader.list_templates()
