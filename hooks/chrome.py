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

The theme's templates are indented for their authors. The templates are compiled without
the blank space that follows a line break (:class:`Unindent`, a Jinja loader; the line break stays, so the
browser sees white space where there was some), and the cached parts are unindented once
when they are made; the page's content is left as the builder wrote it. The chrome has no
``<pre>``, ``<textarea>`` or multi-line ``<script>`` or ``<style>`` (checked on every page
by ``tests/test_chrome.py``). What the templates' own tags still left -- empty lines where
a ``{% if %}`` wrote nothing -- goes from the written page (:func:`without_empty_lines`,
``on_post_page``), unless the page holds something whose line breaks count; so do the
line breaks between two tags of the head and the chrome (:func:`joined_chrome`: the
content is left as written).

The cache belongs to one Jinja environment (one language build, ``on_env``), so nothing
is shared between languages; the theme's static pages (``404.html``, ``sitemap.xml``)
have no shape. ``ARCHIVE_CHROME_CACHE=off`` renders every part of every page again:
``tests/test_chrome.py`` checks that the site comes out the same with and without the cache.

Material's ``lang.t(key)`` (interface strings) is looked up once per language and key
(``na_lang_t``, used by ``overrides/partials/language.html``) rather than by evaluating a
dictionary of every string at each of its dozen calls per page.

The icons of the chrome (:data:`ICONS`: logo, menu, palette, search, back to
top) were inline SVG paths on every page, 2.5 KB of each of them; the same loader gives
each of them as an empty ``<svg viewBox="0 0 24 24" class="na-i-menu">`` that the
stylesheet paints with the icon as a CSS mask in the text colour (the way Material draws
its own navigation arrows), so Material's rules size and colour it as before. The rules
are in ``docs/assets/stylesheets/archive.css`` between the markers of :func:`icon_css`
(``tests/test_chrome.py`` checks them against Material's icons; a missing or stale block
fails the build). An icon not listed stays inline.

The search box and the palette button are the same on every page but for their language:
their strings and settings are not written into each page but into the scripts that make
and drive them, as the first line of each (:func:`script_data`, ``on_files``):
``search.js`` makes the box in its empty place (``overrides/partials/search.html``) and
``header.js`` gives the palette button its options (``overrides/partials/palette.html``).
The project's scripts (``links.js``, ``search.js``, ``header.js``) are published as one
file, :data:`SCRIPT` (one ``<script>`` a page, not three).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import BaseLoader
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.utils import normalize_url

#: Static files the cached parts link to (relative to the site root).
STATIC = ("assets/",)
#: Environment variable: ``off`` renders every part of every page (tests compare).
SWITCH = "ARCHIVE_CHROME_CACHE"
#: Icons of Material's set (``.icons/<name>.svg``) the chrome shows, painted by the
#: stylesheet instead of inlined: logo, menu, palette toggles, search, to the top.
ICONS = ("material/library", "material/menu", "material/weather-night",
         "material/weather-sunny", "material/magnify",
         "material/arrow-up")
#: The stylesheet holding their rules, below ``docs_dir``, and the markers of the block.
ICON_STYLESHEET = "assets/stylesheets/archive.css"
ICON_BLOCK = ("/* ==== Icons of the chrome: made by hooks/chrome.py (icon_css), do not edit ==== */",
              "/* ==== End of the icons of the chrome ==== */")
_VIEWBOX = 'viewBox="0 0 24 24"'


def icon_class(icon: str) -> str:
    """``icon_class("material/menu")`` -> ``"na-i-menu"``."""
    return "na-i-" + icon.rsplit("/", 1)[-1]


def icon_markup(icon: str) -> str:
    """What stands for ``icon`` in a page: an empty SVG box the stylesheet paints."""
    return f'<svg {_VIEWBOX} class="{icon_class(icon)}"></svg>'


def icon_css(icons: Path) -> str:
    """The stylesheet block painting :data:`ICONS` (``icons``: Material's ``.icons``
    folder), markers included: each icon's SVG as a mask over the text colour."""
    lines = [ICON_BLOCK[0],
             '[class^="na-i-"]{background-color:currentcolor;'
             "-webkit-mask:var(--na-i) center/contain no-repeat;"
             "mask:var(--na-i) center/contain no-repeat}",
             '@media (forced-colors:active){[class^="na-i-"]{forced-color-adjust:none;'
             "background-color:CanvasText}}"]
    for icon in ICONS:
        svg = (icons / f"{icon}.svg").read_text(encoding="utf-8").strip()
        if _VIEWBOX not in svg:
            raise ValueError(f"{icon}.svg: expected {_VIEWBOX}")
        data = quote(svg.replace('"', "'"), safe=" /:=.,-'")  # < > # % and the like escaped
        lines.append(f'.{icon_class(icon)}{{--na-i:url("data:image/svg+xml,{data}")}}')
    lines.append(ICON_BLOCK[1])
    return "\n".join(lines)


def check_icon_css(docs_dir: Path, icons: Path) -> None:
    """Fail the build when the stylesheet's icon block is not :func:`icon_css`'s (another
    Material release, or an icon added to :data:`ICONS`)."""
    text = (docs_dir / ICON_STYLESHEET).read_text(encoding="utf-8")
    if icon_css(icons) not in text:
        raise PluginError(f"hooks/chrome.py: the icon block of {ICON_STYLESHEET} is missing or "
                          "stale; write it again with `python -m hooks.chrome`")


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


#: The one script every page loads (``mkdocs.yml``, ``extra_javascript``), made by
#: ``on_files`` from the project's scripts (:data:`PARTS`, under ``docs/``), in this order.
SCRIPT = "assets/javascripts/archive.js"
SEARCH_SCRIPT = "assets/javascripts/search.js"
HEADER_SCRIPT = "assets/javascripts/header.js"
PARTS = ("assets/javascripts/links.js", SEARCH_SCRIPT, HEADER_SCRIPT)
#: The search box's strings that ``search.js`` needs before anything is fetched (the
#: others come with ``search-rules.json``).
SEARCH_KEYS = ("open", "label", "placeholder", "unavailable")


def search_site(search: dict) -> dict:
    """What ``search.js`` needs to make the box (``config.extra.na_search``, set by
    ``hooks/search_index.py``): paths from the site root (``script``: the script's own,
    which tells the root), its icon, and per language the strings of :data:`SEARCH_KEYS`."""
    ui = search.get("ui") or {}
    langs = sorted({lang for key in SEARCH_KEYS for lang in (ui.get(key) or {})})
    return {
        "script": SCRIPT,
        "bundle": search.get("bundle") or "pagefind/",
        "rules": search.get("rules") or "assets/javascripts/search-rules.json",
        "entities": search.get("entities"),
        "icon": icon_class("material/magnify"),
        "ui": {lang: {key: (ui.get(key) or {}).get(lang, "") for key in SEARCH_KEYS}
               for lang in langs},
    }


def palette_options(palette: list, names: dict[str, list[str]]) -> dict:
    """What ``header.js`` needs for the palette button: each option of the theme's
    ``palette`` (colours, media query, the icon class of its toggle) and, per language,
    the options' names (``names``: language -> names, in the options' order)."""
    options = []
    for option in palette:
        toggle = option.get("toggle") or {}
        options.append({
            "media": option.get("media"),
            "scheme": str(option.get("scheme") or "default").replace(" ", "-"),
            "primary": str(option.get("primary") or "indigo").replace(" ", "-"),
            "accent": str(option.get("accent") or "indigo").replace(" ", "-"),
            "icon": icon_class(toggle.get("icon") or "material/brightness-6"),
        })
    return {"options": options, "names": names}


def palette_names(config: Any) -> dict[str, list[str]]:
    """Per language, the names of the palette's options: the theme's, or those a language
    of mkdocs-static-i18n sets (``languages: [{theme: {palette: [{toggle: {name}}]}}]``).
    The theme's are the default language's: the other languages' builds, whose theme the
    plugin has changed, copy no static files."""
    palette = config.theme.get("palette") or []
    if isinstance(palette, dict):
        palette = [palette]
    base = [str((o.get("toggle") or {}).get("name") or "") for o in palette]
    plugin = config.plugins.get("i18n") if getattr(config, "plugins", None) else None
    langs = list(getattr(plugin, "config", {}).get("languages", []) or []) if plugin else []
    if not langs:
        return {str(config.theme["language"]): base}
    names = {}
    for lang in langs:
        own = (lang.get("theme") or {}).get("palette") or []
        names[str(lang["locale"])] = [
            str(((own[i] if i < len(own) else {}).get("toggle") or {}).get("name") or name)
            for i, name in enumerate(base)]
    return names


def script_data(source: str, name: str, data: Any) -> str:
    """``source`` with a first line setting ``window[name]`` to ``data`` (JSON, whose
    ``<`` is escaped so that no text ends a script)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"window.{name}={text.replace('<', chr(92) + 'u003c')};\n{source}"


def joined(parts: list[tuple[str, str]]) -> str:
    """One script of ``parts`` (name, source), each run on its own: an error in one is
    logged and leaves the next to run, as when they were files of their own."""
    return "".join(f"/* {name} */\ntry {{\n{source.rstrip()}\n}} catch (err) {{ console.error(err); }}\n"
                   for name, source in parts)


@event_priority(-110)  # after search_index.py (are there tag pages?), shards.py and i18n
def on_files(files: Files, config: Any) -> Files:
    """The project's scripts (:data:`PARTS`) as one file, :data:`SCRIPT` (:func:`joined`),
    the search and header scripts with the site's data as their first line
    (:func:`script_data`). Left as they are where this build copies no static files (the
    other languages' builds, the other processes of a parallel render)."""
    found = [files.get_file_from_path(uri) for uri in PARTS]
    if not all(f is not None and f.abs_src_path and not f.generated_by for f in found):
        return files
    palette = config.theme.get("palette") or []
    data = {
        SEARCH_SCRIPT: ("naSearchSite", search_site(config.extra.get("na_search") or {})),
        HEADER_SCRIPT: ("naPalette", palette_options(
            palette if isinstance(palette, list) else [palette], palette_names(config))),
    }
    parts = []
    for uri, file in zip(PARTS, found, strict=True):
        source = Path(file.abs_src_path).read_text(encoding="utf-8")
        if uri in data:
            source = script_data(source, *data[uri])
        parts.append((uri.rsplit("/", 1)[-1], source))
        files.remove(file)
    files.append(File.generated(config, SCRIPT, content=joined(parts)))
    return files


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
    if config is not None and getattr(config, "docs_dir", None):
        check_icon_css(Path(config.docs_dir), _icons_folder(config))
    env.globals["na_cached"] = na_cached
    env.globals["na_lang_t"] = na_lang_t
    env.globals["na_icon_class"] = icon_class
    return env


def on_page_context(context: dict, page: Any, config: Any, nav: Any) -> dict:
    """The page's shape (``na_shape``) for the templates."""
    context["na_shape"] = shape(page, nav, context.get("base_url", ""), config)
    return context


#: Blank space after a line break: indentation and empty lines.
_INDENT = re.compile(r"\n[ \t\n]+")
#: Empty lines (only blanks between two line breaks), after a line break.
_EMPTY_LINES = re.compile(r"\n(?:[ \t\r]*\n)+")
#: Elements whose text keeps its line breaks (``<pre>``, ``<textarea>``), and scripts and
#: styles of more than one line (a JavaScript template string keeps them too).
_VERBATIM = re.compile(r"<(pre|textarea)\b|<(script|style)\b[^>]*>[^<]*\n", re.I)


def without_empty_lines(html: str) -> str:
    """``html`` without its empty lines (one line break stays where there were several),
    or as it is when it holds an element whose line breaks count (:data:`_VERBATIM`)."""
    if _VERBATIM.search(html):
        return html
    return _EMPTY_LINES.sub("\n", html)


#: Where Material puts a page's content: from this tag to the last ``</article>``.
CONTENT = '<article class="md-content__inner'
#: Line breaks between the end of one tag and the start of the next.
_BETWEEN_TAGS = re.compile(r">\n+<")


def joined_chrome(html: str) -> str:
    """``html`` without the line breaks between two tags outside the page's content (its
    head and Material's chrome, :data:`CONTENT`), which the browser ignores there: the
    chrome's elements are blocks, flex items and table-less lists, and a line break next
    to text stays. The content is left as written; so is a page without the content's
    marks, or whose chrome holds an element whose line breaks count (:data:`_VERBATIM`)."""
    start, end = html.find(CONTENT), html.rfind("</article>")
    if not 0 <= start < end:
        return html
    head, tail = html[: start + 1], html[end:]  # the head up to the content's "<"
    if _VERBATIM.search(head) or _VERBATIM.search(tail):
        return html
    return _BETWEEN_TAGS.sub("><", head) + html[start + 1: end] + _BETWEEN_TAGS.sub("><", tail)


#: What Material writes on every page for features the archive does not use, as written
#: (:func:`joined_chrome`): the generator notice of the head, the places of the "skip to
#: content" link (none without a table of contents) and of an announcement bar (none), which
#: its bundle looks for and does without.
UNUSED = re.compile(r'<meta name="generator" content="mkdocs-[^"<>]*">'
                    r'|<div data-md-component="(?:skip|announce)"></div>')
#: Material's dialog, where its bundle says "copied to clipboard" after a copy button of a
#: code block (feature ``content.code.copy``) or an element with ``data-clipboard-*`` was
#: used; the archive's copy-link buttons (links.js) say it on the button itself.
DIALOG = ('<div class="md-dialog" data-md-component="dialog">'
          '<div class="md-dialog__inner md-typeset"></div></div>')


def without_unused(html: str, features: list[str] | tuple[str, ...] = ()) -> str:
    """``html`` without :data:`UNUSED` and, unless ``features`` (the theme's) or the page
    copy to the clipboard through Material, its :data:`DIALOG`."""
    html = UNUSED.sub("", html)
    if "content.code.copy" not in features and "data-clipboard-" not in html:
        html = html.replace(DIALOG, "", 1)
    return html


def written(html: str, features: list[str] | tuple[str, ...] = ()) -> str:
    """A page as written: :func:`without_empty_lines`, :func:`joined_chrome`, then
    :func:`without_unused`."""
    return without_unused(joined_chrome(without_empty_lines(html)), features)


def _features(config: Any) -> list[str]:
    return list(config.theme.get("features") or []) if getattr(config, "theme", None) else []


@event_priority(-200)  # after the hooks that add to the page, before hooks/shards.py
def on_post_page(output: str, page: Any, config: Any) -> str:
    """The written page (:func:`written`)."""
    return written(output, _features(config))


@event_priority(50)  # before hooks/links.py writes the other languages' 404.html
def on_post_template(output: str, template_name: str, config: Any) -> str:
    """The theme's own pages (``404.html``) as a page (:func:`written`)."""
    return written(output, _features(config)) if template_name.endswith(".html") else output


def unindent(source: str) -> str:
    """Template text without the blank space after its line breaks (one line break stays)."""
    return _INDENT.sub("\n", source)


def _unindented(text: Any) -> Any:
    return type(text)(unindent(text))  # str, or Markup under autoescape


def _icons_folder(config: Any) -> Path:
    """Material's ``.icons`` folder (the last theme folder that has one)."""
    for folder in reversed(list(getattr(config.theme, "dirs", []) or [])):
        if (Path(folder) / ".icons").is_dir():
            return Path(folder) / ".icons"
    import material

    return Path(material.__file__).parent / "templates" / ".icons"


_ICON_TEMPLATES = {f".icons/{icon}.svg": icon for icon in ICONS}


class Unindent(BaseLoader):
    """The theme's loader, giving HTML templates as :func:`unindent`-ed text and the icons
    of :data:`ICONS` as :func:`icon_markup`.

    A loader rather than a Jinja extension's ``preprocess``: the bytecode cache
    (``hooks/shards.py``) is keyed by the source the loader gives, so that compiled
    templates of the indented text are never taken for these.
    """

    def __init__(self, loader: BaseLoader) -> None:
        self.loader = loader

    def get_source(self, environment: Any, template: str) -> tuple[str, str | None, Any]:
        source, filename, uptodate = self.loader.get_source(environment, template)
        icon = _ICON_TEMPLATES.get(template)
        if icon is not None and _VIEWBOX in source:
            return icon_markup(icon), filename, uptodate
        return (unindent(source) if template.endswith(".html") else source), filename, uptodate

    def list_templates(self) -> list[str]:
        return self.loader.list_templates()


if __name__ == "__main__":  # python -m hooks.chrome: the icon block of the stylesheet
    import material

    print(icon_css(Path(material.__file__).parent / "templates" / ".icons"))
