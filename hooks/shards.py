"""MkDocs hook: the share of the site one MkDocs process renders (``builder/render/``).

In every build the files of the :meth:`~builder.config.Urls.verbatim` folders (feeds) are
taken out of MkDocs' list (nothing in them is for MkDocs or mkdocs-static-i18n to process)
and copied as they are by the default language's build.

When ``ARCHIVE_RENDER_PLAN`` names a :class:`~builder.render.shards.ShardPlan` (a render
by ``builder/render/run.py``), the process builds its share only, through MkDocs' events:

* ``on_files``: the files :func:`builder.render.shards.select` names -- the pages it
  renders, the navigation's pages (read), the language twins and link targets (listed as
  excluded: neither read nor rendered) -- and the static files in the first process only;
* ``on_page_content``, ``on_post_page``: a navigation page that is not its own is
  rendered without its content (MkDocs renders every page it reads) and not written
  (MkDocs writes no empty output);
* ``on_env``: its report for this language (navigation, pages, files) and the theme's
  templates compiled once for all processes (a Jinja bytecode cache in
  ``.cache/templates/``).

Without a plan (``mkdocs build`` or ``mkdocs serve`` run by hand) MkDocs builds everything.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files, InclusionLevel

try:
    from builder.config import extra_urls
    from builder.render import shards
except ImportError:  # `mkdocs build` run by hand from the project folder
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from builder.config import extra_urls
    from builder.render import shards


def _languages(config: Any) -> tuple[str, list[str]]:
    """(default language, every language) from mkdocs-static-i18n's configuration."""
    plugin = config.plugins.get("i18n")
    langs = list(getattr(plugin, "config", {}).get("languages", []) or [])
    current = str(config.theme["language"])
    default = next((str(lang["locale"]) for lang in langs if lang["default"]), current)
    return default, [str(lang["locale"]) for lang in langs] or [default]


#: After hooks that look at the whole list (hooks/search_index.py: are there tag pages?),
#: before mkdocs-static-i18n (-100), which then handles only this process's files.
@event_priority(-50)
def on_files(files: Files, config: Any) -> Files:
    """The files of this process (module docstring); copies the verbatim files."""
    plan = shards.current_plan()
    docs = str(config.docs_dir)
    inside = os.path.join(docs, "")
    urls = extra_urls(config.extra)
    verbatim = {f.src_uri for f in files if f.src_uri.startswith(urls.verbatim())
                and (f.abs_src_path or "").startswith(inside)}
    default, languages = _languages(config)
    if config.theme["language"] == default and (plan is None or plan.shard == 0):
        names = verbatim if plan is None or plan.verbatim is None \
            else verbatim & set(plan.verbatim)
        _copy_changed(Path(docs), Path(config.site_dir), sorted(names))
    listed = [f for f in files if f.src_uri not in verbatim]
    if plan is None:
        return Files(listed)
    selection = shards.select(
        [f.src_uri for f in listed if f.is_documentation_page()], plan,
        shards.nav_pages(config.nav), languages,
        lambda uri: Path(docs, uri).read_text(encoding="utf-8-sig"), urls)
    built = selection.render | selection.read
    keep = []
    for file in listed:
        if file.is_documentation_page():
            if file.src_uri in selection.excluded:
                file.inclusion = InclusionLevel.EXCLUDED
            elif file.src_uri not in built:
                continue
        elif plan.shard != 0 and file.src_uri not in config.extra_templates:
            continue  # static files: copied by the first process
        keep.append(file)
    return Files(keep)


def _copy_changed(docs: Path, site: Path, names: list[str]) -> None:
    """Link the files ``names`` of ``docs`` into ``site`` unless the site has them already
    (same size, not older)."""
    for name in names:
        src, dest = docs / name, site / name
        try:
            s, d = src.stat(), dest.stat()
            if s.st_size == d.st_size and s.st_mtime <= d.st_mtime:
                continue
        except FileNotFoundError:
            pass
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.unlink(missing_ok=True)
        try:
            os.link(src, dest)  # docs/ files are replaced, never written into (writer.py)
        except OSError:
            shutil.copyfile(src, dest)


def on_env(env: jinja2.Environment, config: Any, files: Files) -> jinja2.Environment:
    """With a plan: the shared template cache, and this language's report."""
    plan = shards.current_plan()
    if plan is None:
        return env
    cache = Path(config.config_file_path).parent / ".cache" / "templates"
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(template_cache(cache)))
    lang = str(config.theme["language"] or "")
    nav = []
    for uri in shards.nav_pages(config.nav):
        file = files.get_file_from_path(uri)
        if file is not None and file.page is not None:
            nav.append([file.page.title, file.page.url])
    report = {"lang": lang, "site_url": config.site_url, "nav": nav,
              "pages": {f.src_uri: f.dest_uri for f in files.documentation_pages()},
              "outputs": sorted(f.dest_uri for f in files if f.inclusion.is_included())}
    path = Path(plan.report) / f"report-{plan.shard}-{lang}.json"
    path.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    return env


@event_priority(100)  # first: later hooks have nothing to work on either
def on_page_content(html: str, page: Any, config: Any, files: Files) -> str:
    """No content for a page this process only reads: its title, front matter and table of
    contents are known by now, and only the page itself shows its content."""
    plan = shards.current_plan()
    if plan is not None and not plan.renders(page.file.src_uri):
        return ""
    return html


@event_priority(-300)  # last: MkDocs writes what the last hook returns
def on_post_page(output: str, page: Any, config: Any) -> str:
    """Nothing to write for a page this process only reads."""
    plan = shards.current_plan()
    if plan is not None and not plan.renders(page.file.src_uri):
        return ""
    return output


#: Packages that shape what a template compiles to (Jinja, and the environment it is in).
TEMPLATE_PACKAGES = ("Jinja2", "MarkupSafe", "mkdocs", "mkdocs-material", "mkdocs-static-i18n")


def template_cache(cache: Path) -> Path:
    """The folder of compiled templates below ``cache`` for these package versions.

    Jinja keys a compiled template by the template's source only; what it compiles to also
    depends on Jinja itself, the environment MkDocs and its plugins set up and Python, so
    the folder is named after their versions and those of other versions are removed.
    """
    versions = [f"python={sys.version}"]
    for package in TEMPLATE_PACKAGES:
        try:
            versions.append(f"{package}={metadata.version(package)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{package}=-")
    name = hashlib.sha256("\0".join(versions).encode()).hexdigest()[:16]
    if cache.is_dir():
        for other in cache.iterdir():
            if other.name != name:  # left by other versions (or the unversioned layout)
                if other.is_dir():
                    shutil.rmtree(other, ignore_errors=True)
                else:
                    other.unlink(missing_ok=True)
    folder = cache / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder
