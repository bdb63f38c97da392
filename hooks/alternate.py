"""MkDocs hook: Material's JavaScript bundle without its sitemap look-ups (issue 10).

Material's bundle (``integrations/alternate``, ``setupAlternate``) fetches ``sitemap.xml``
relative to the address of *every* ``<link rel="alternate">`` of a page, to map the current
page into another language or version when one of those links is clicked. In this archive
every hreflang alternate already is the page's twin (mkdocs-static-i18n), and the feeds are
alternates too, so the look-ups are 404s (``/articles/<id>/sitemap.xml``,
``/feeds/ar/sitemap.xml``: console errors) or, on the home page, the download and parsing
of the whole root sitemap; the mapping then sends a language link to the twin's address
without its final slash (one redirect more).

The bundle's selector is narrowed to ``link[rel=alternate][data-md-sitemap]`` (an opt-in no
page uses), so Material looks nothing up and the language links are plain links to the twin
page. The file is patched as MkDocs copies it from the theme; a Material release without
that selector fails the build (look at the integration again before upgrading).

The bundle's ``<script>`` is also made ``defer`` (as the archive's own scripts are): Material
puts it at the end of ``<body>``, where it still held up the first paint until it had been
downloaded and run (Lighthouse: render-blocking). Deferred, it runs at the same point --
the page parsed, before ``DOMContentLoaded``, which is what the bundle waits for.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

#: The theme's bundle, e.g. ``assets/javascripts/bundle.a5f9d56c.min.js``.
BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js")
SELECTOR = b'"link[rel=alternate]"'
OPT_IN = b'"link[rel=alternate][data-md-sitemap]"'
#: Material's ``<script>`` of the bundle (base.html, block ``scripts``).
_SCRIPT = re.compile(r'(<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js")'
                     r'></script>')


class BundleError(Exception):
    """Material's bundle does not look as this hook expects."""


def patch_bundle(code: bytes) -> bytes:
    """The bundle with ``setupAlternate``'s selector narrowed to the opt-in attribute."""
    if code.count(OPT_IN) == 1 and SELECTOR not in code:
        return code
    if code.count(SELECTOR) != 1:
        raise BundleError(f"expected the selector {SELECTOR.decode()} once in Material's "
                          "bundle (hooks/alternate.py): has Material changed?")
    return code.replace(SELECTOR, OPT_IN)


@event_priority(-150)  # after mkdocs-static-i18n (-100) has chosen this build's files
def on_files(files: Any, config: Any) -> Any:
    """Swap the theme's bundle for the patched copy (in every language's build)."""
    found = [f for f in files if BUNDLE.fullmatch(f.src_uri) and f.abs_src_path
             and not Path(f.abs_src_path).is_relative_to(config.docs_dir)]
    if not found:
        raise BundleError("Material's bundle was not found among the theme's files")
    for file in found:
        patched = patch_bundle(Path(file.abs_src_path).read_bytes())
        files.remove(file)
        files.append(File.generated(config, file.src_uri, content=patched))
    return files


def defer_bundle(html: str) -> str:
    """``html`` with Material's bundle loaded with ``defer``."""
    return _SCRIPT.sub(r"\1 defer></script>", html, count=1)


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Every page loads the bundle deferred."""
    return defer_bundle(output)


@event_priority(50)  # before hooks/links.py writes the English 404 page of this output
def on_post_template(output: str, template_name: str, config: Any) -> str:
    """The theme's static pages (404.html) too."""
    return defer_bundle(output) if template_name.endswith(".html") else output
