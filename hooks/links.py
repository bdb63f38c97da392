"""MkDocs hook: links that work everywhere (see guide/pages.md, "Links that work everywhere").

* ``on_config``, ``on_files``: a build stops, with one message, on URL patterns
  (``extra.urls``) that are not valid, a ``not_in_nav`` that misses the folder of the
  articles or the tags, or a ``nav`` naming a page ``docs/`` does not hold;
* ``on_env``: the interface strings of ``hooks/links.yml`` as the template global
  ``links_ui`` (``links_ui["en"]["copy_link"]``), the default language as
  ``links_default_lang``, and where pages and feeds live as ``na_urls``
  (the layout of ``extra.urls``, :func:`builder.config.extra_urls`) with the kinds of tags as
  ``na_tag_kinds``; it stops the build if the i18n plugin's languages are not
  :data:`builder.config.LANGS` (default first), where the builder puts them;
* ``on_post_build``: the strings links.js needs on article pages (:data:`ARTICLE_KEYS`),
  in every language, into one file beside it (:data:`UI_FILE`) that it fetches, rather
  than into every article page;
* ``on_page_context``: a redirect page (front matter ``redirect_to``, written by
  ``builder/redirects.py``) declares the article it points to as its canonical URL;
* ``on_post_template``: mkdocs-static-i18n renders ``404.html`` once per language into the
  same ``site/404.html``; the English one is moved to its folder (``site/en/404.html``) and the default
  (Arabic) one is kept at the root (in ``config.extra`` while the other languages are
  built: mkdocs-static-i18n builds them with the same configuration).
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import yaml
from mkdocs.exceptions import PluginError

try:
    from builder.config import LANGS, extra_urls
    from builder.model import TAG_KINDS
    from builder.render.shards import nav_pages
except ImportError:  # `mkdocs build` run by hand from the project folder
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from builder.config import LANGS, extra_urls
    from builder.model import TAG_KINDS
    from builder.render.shards import nav_pages

log = logging.getLogger("mkdocs.hooks.links")

_STRINGS = Path(__file__).with_name("links.yml")
#: Key of ``config.extra`` holding the default language's rendering of 404.html.
DEFAULT_404 = "na_default_404"
#: The strings of the copy-link and citation controls of article pages (links.js).
ARTICLE_KEYS = ("cite", "cite_separator", "copied", "copy_citation", "copy_failed",
                "copy_link", "copy_paragraph_link", "quote_close", "quote_open", "undated")
#: Where they are written, below the site: beside links.js, which fetches them.
UI_FILE = "assets/javascripts/links-ui.json"


def _languages(config: Any) -> tuple[str, list[str]]:
    """(default language, every built language) from mkdocs-static-i18n's configuration."""
    plugin = config.plugins.get("i18n")
    langs = [lang for lang in getattr(plugin, "config", {}).get("languages", []) or []
             if lang["build"]]
    current = config.theme["language"]
    default = next((lang["locale"] for lang in langs if lang["default"]), current)
    return default, [lang["locale"] for lang in langs] or [default]


def _load_strings(langs: list[str]) -> dict[str, dict[str, str]]:
    """``links.yml`` turned around: language -> key -> string; every key needs every language."""
    with open(_STRINGS, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    by_lang: dict[str, dict[str, str]] = {lang: {} for lang in langs}
    for key, values in data.items():
        for lang in langs:
            if not isinstance(values, dict) or not isinstance(values.get(lang), str):
                raise ValueError(f"{_STRINGS.name}: entry {key!r} needs a string for {lang!r}")
            by_lang[lang][key] = values[lang]
    return by_lang


def on_config(config: Any) -> Any:
    """Refuse, with one message, URL patterns (``extra.urls``) that are not valid, and a
    ``not_in_nav`` that leaves out a folder of article or tag pages."""
    try:
        urls = extra_urls(config.extra)
    except ValueError as exc:
        raise PluginError(str(exc)) from None
    hidden = config.not_in_nav
    for page in (urls.article_path("0" * 16, LANGS[0]),
                 urls.source_path(urls.tag_loc("people", "x"), LANGS[0])):
        if hidden is None or not hidden.match_file(page):
            folder = page.split("/", 1)[0]
            raise PluginError(f"mkdocs.yml: not_in_nav must list /{folder}/ (extra.urls puts "
                              f"pages there that the navigation never lists)")
    return config


def on_files(files: Any, config: Any) -> Any:
    """Refuse a navigation that names a page ``docs/`` does not hold (an index page that
    ``extra.urls`` moved, with ``nav`` left as it was): MkDocs would link it as it is."""
    missing = [page for page in nav_pages(config.nav) if files.get_file_from_path(page) is None]
    if missing:
        raise PluginError(f"mkdocs.yml: nav names {', '.join(missing)}, which docs/ does not "
                          f"hold (moved by extra.urls? edit nav with it: guide/pages.md)")
    return files


def on_env(env: Any, config: Any, files: Any) -> Any:
    """Expose the link strings and the default language to every template."""
    default, langs = _languages(config)
    if [default, *sorted(set(langs) - {default})] != [LANGS[0], *sorted(LANGS[1:])]:
        raise PluginError(f"mkdocs.yml: the i18n plugin builds {langs} with {default!r} as "
                          f"the default; the builder writes {list(LANGS)}, {LANGS[0]!r} first")
    env.globals["links_ui"] = _load_strings(langs)
    env.globals["links_default_lang"] = default
    env.globals["na_urls"] = extra_urls(config.extra)
    env.globals["na_tag_kinds"] = TAG_KINDS
    # tojson: keep Arabic readable in JSON-LD (<, >, & and ' are still escaped by Jinja)
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False,
                                         "separators": (",", ":")}
    return env


def article_strings(strings: dict[str, dict[str, str]]) -> str:
    """The JSON of :data:`UI_FILE`: language -> :data:`ARTICLE_KEYS` -> string, of the
    strings of ``links.yml`` (:func:`_load_strings`)."""
    return json.dumps({lang: {key: values[key] for key in ARTICLE_KEYS}
                       for lang, values in strings.items()},
                      ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def on_post_build(config: Any) -> None:
    """Write the strings of the article pages' controls beside links.js (:data:`UI_FILE`)."""
    _, langs = _languages(config)
    data = article_strings(_load_strings(langs))
    target = Path(config["site_dir"]) / UI_FILE
    if not target.is_file() or target.read_text(encoding="utf-8") != data:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(data, encoding="utf-8")


def on_page_context(context: dict, page: Any, config: Any, nav: Any) -> dict:
    """A redirect page's canonical URL is its target's (absolute, from ``site_url``)."""
    target = (page.meta or {}).get("redirect_to")
    if target and page.canonical_url:
        page.canonical_url = urljoin(page.canonical_url, target)
    return context


def on_post_template(output: str, template_name: str, config: Any) -> str:
    """Keep the default language's 404 page at the root, the others at ``<lang>/404.html``."""
    if template_name != "404.html":
        return output
    default, _ = _languages(config)
    lang = config.theme["language"]
    if lang == default:
        config.extra[DEFAULT_404] = output
        return output
    target = Path(config.site_dir) / extra_urls(config.extra).lang_root(lang) / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return config.extra.get(DEFAULT_404, output)
