"""MkDocs hook: the language switcher of the theme's own pages (``404.html``).

mkdocs-static-i18n points Material's language switcher (``config.extra.alternate``) at each
page's twin as it renders pages, and leaves it at the last page of the previous language
otherwise: the 404 page's switcher depended on the page rendered last, and so on the
MkDocs process that rendered it. It is reset to the plugin's list before the theme's pages
are rendered.

What Material's bundle does with ``<link rel="alternate">`` is dealt with in the browser:
``docs/assets/javascripts/header.js``.
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any


def on_env(env: Any, config: Any, files: Any) -> Any:
    """Reset the language switcher to mkdocs-static-i18n's list for this language."""
    plugin = config.plugins.get("i18n")
    if getattr(plugin, "extra_alternate", None):
        # the plugin sets ``config.extra.alternate`` as an attribute, which hides the item
        vars(config.extra).pop("alternate", None)
        config.extra["alternate"] = deepcopy(plugin.extra_alternate)
    return env
