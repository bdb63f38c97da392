"""``python -m bench.hugo PROJECT``: Hugo rendering the archive's generated pages, for scale.

The archive's build writes every page as Markdown with front matter and an HTML body
(``docs/``, ``markup: html``) and then renders them with MkDocs and Material, indexes them
with Pagefind and writes feeds. For a yardstick, the same pages are handed to Hugo (the
Debian package, ``apt-get install hugo``) with minimal layouts -- a ``<title>`` and the
body -- and the time Hugo takes to render them is set against the archive's whole build.

The pages are copied as they are, but for what Hugo reads differently: every ``index.md``
becomes ``_index.md`` (a section, so that ``tags/people/x/page/2/`` stays a page of its own),
and front matter keys that Hugo reserves (``date``, ``url``, ``summary``, ``lang``) are
renamed with a ``na_`` prefix (an article's ``url`` is its newspaper's address, not its
own). Languages come from the ``.en.md`` suffix, as mkdocs-static-i18n reads them.
Taxonomies, feeds, the sitemap and robots.txt are switched off: pages only.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

#: Front matter keys Hugo gives a meaning of its own, renamed ``na_<key>``.
RESERVED = ("date", "url", "summary", "lang", "slug", "aliases", "type", "layout", "weight",
            "draft", "publishDate", "expiryDate", "lastmod", "keywords", "outputs")
#: Generated folders and files of ``docs/`` that are not pages.
NOT_PAGES = ("assets", "feeds")
#: ``tags/`` is a folder of pages here, not Hugo's default taxonomy: the one taxonomy named
#: is one no page uses.
CONFIG = """baseURL = "{site_url}"
defaultContentLanguage = "ar"
defaultContentLanguageInSubdir = false
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[taxonomies]
na_unused = "na_unused"
[languages.ar]
languageName = "العربية"
weight = 1
[languages.en]
languageName = "English"
weight = 2
"""
LAYOUT = ('<!doctype html><html lang="{{ .Language.Lang }}"><head><meta charset="utf-8">'
          "<title>{{ .Title }}</title></head><body>{{ .Content }}</body></html>\n")


@dataclass(frozen=True)
class HugoRun:
    """One Hugo build: wall and CPU seconds, pages in, HTML files out."""

    wall_s: float
    cpu_s: float
    pages: int
    html_files: int
    version: str


def available() -> str | None:
    """The path of the ``hugo`` command, or None."""
    return shutil.which("hugo")


def _front_matter(text: str) -> str:
    """``text`` with the reserved keys of its YAML front matter renamed (line by line: the
    builder writes top-level keys at the start of a line)."""
    if not text.startswith("---\n"):
        return text
    end = text.find("\n---\n", 4)
    if end < 0:
        return text
    lines = text[4:end].split("\n")
    for i, line in enumerate(lines):
        for key in RESERVED:
            if line.startswith(f"{key}:"):
                lines[i] = f"na_{line}"
                break
    return "---\n" + "\n".join(lines) + text[end:]


def hugo_project(docs: Path, target: Path, site_url: str) -> int:
    """Write a Hugo project into ``target`` with the pages of ``docs``; returns how many."""
    if target.exists():
        shutil.rmtree(target)
    content = target / "content"
    pages = 0
    for folder, dirs, files in os.walk(docs):
        rel = Path(folder).relative_to(docs)
        if rel.parts and rel.parts[0] in NOT_PAGES:
            dirs[:] = []
            continue
        dirs.sort()
        out = content / rel
        for name in sorted(files):
            if not name.endswith(".md"):
                continue
            text = (Path(folder) / name).read_text(encoding="utf-8")
            new_name = f"_{name}" if name in ("index.md", "index.en.md") else name
            out.mkdir(parents=True, exist_ok=True)
            (out / new_name).write_text(_front_matter(text), encoding="utf-8")
            pages += 1
    (target / "layouts" / "_default").mkdir(parents=True)
    for name in ("single.html", "list.html"):
        (target / "layouts" / "_default" / name).write_text(LAYOUT, encoding="utf-8")
    (target / "hugo.toml").write_text(CONFIG.format(site_url=site_url), encoding="utf-8")
    return pages


def run_hugo(project: Path, pages: int) -> HugoRun:
    """Build ``project`` with Hugo into ``project/public``, timed."""
    hugo = available()
    if hugo is None:
        raise FileNotFoundError("hugo is not installed (apt-get install hugo)")
    version = subprocess.run([hugo, "version"], capture_output=True, text=True,
                             check=True).stdout.strip()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    subprocess.run([hugo, "--quiet", "--source", str(project), "--destination",
                    str(project / "public")], check=True, capture_output=True, text=True)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    html = sum(1 for _ in (project / "public").rglob("*.html"))
    return HugoRun(round(wall, 2), round(cpu, 2), pages, html, version)


def compare(project: Path, work: Path, site_url: str = "https://example.org/news-archive/"
            ) -> HugoRun:
    """Hugo over the generated pages of the archive project ``project`` (built already),
    in ``work`` (removed afterwards)."""
    try:
        pages = hugo_project(project / "docs", work, site_url)
        os.sync()
        return run_hugo(work, pages)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m bench.hugo``."""
    parser = argparse.ArgumentParser(prog="python -m bench.hugo", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("project", type=Path, help="a project built by the archive's builder")
    parser.add_argument("--build-seconds", type=float,
                        help="the archive's whole build time, for the ratio")
    args = parser.parse_args(argv)
    run = compare(args.project, args.project.parent / f"{args.project.name}-hugo")
    print(f"{run.version}\nHugo: {run.pages:,} pages -> {run.html_files:,} HTML files in "
          f"{run.wall_s:.1f} s wall, {run.cpu_s:.1f} s CPU")
    if args.build_seconds:
        print(f"archive build {args.build_seconds:.1f} s = {args.build_seconds / run.wall_s:.1f}x")
    print("HUGO " + json.dumps(run.__dict__))
    return 0


if __name__ == "__main__":
    sys.exit(main())
