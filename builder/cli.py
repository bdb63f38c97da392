"""Command line: ``python -m builder COMMAND`` (``news-archive COMMAND`` once installed).

* ``site``: corpus/ -> docs/ -> the rendered site/ with its search index (``make site``)
* ``build``: corpus/ -> docs/ only (MkDocs renders them; ``make serve`` previews them)
* ``extract [--json] FILE...``: print the metadata of article files
* ``add FILE...``: copy new articles into corpus/ under their canonical names
* ``check``: validate the corpus alone; non-zero exit with the list of problems
* ``size``: the published size of site/ against GitHub Pages' limit; non-zero when over

``-q`` (warnings and errors only, no progress) and ``-v`` (debug messages too) go before
or after the command. Without a command, this help is printed.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from . import __version__
from .apart import apart
from .check import check_corpus
from .clean import clean
from .config import Settings
from .corpus import (
    CANONICAL_NAME,
    TRANSLATION_SUFFIX,
    ArticleError,
    content_id,
    list_article_files,
    read_source,
)
from .extract import extract
from .progress import LineHandler
from .render import RenderError, render_site
from .site import build
from .sitesize import PAGES_LIMIT, measure, too_large

log = logging.getLogger("builder")


def _verbosity(default: object) -> argparse.ArgumentParser:
    """``-q``/``-v`` for the main parser (``default`` False) and for every command
    (``argparse.SUPPRESS``, so that an option given before the command is kept)."""
    options = argparse.ArgumentParser(add_help=False)
    group = options.add_mutually_exclusive_group()
    group.add_argument("-q", "--quiet", action="store_true", default=default,
                       help="only warnings and errors, no progress")
    group.add_argument("-v", "--verbose", action="store_true", default=default,
                       help="debug messages too")
    return options


def _prog() -> str:
    """``python -m builder``, or the name of the installed script (``news-archive``)."""
    name = Path(sys.argv[0]).name
    return "python -m builder" if name in {"__main__.py", "-c", ""} else name


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=_prog(), description=__doc__,
                                     parents=[_verbosity(False)],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=__version__)
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="project folder (default: current folder)")
    parser.add_argument("--corpus", type=Path, help="corpus folder (default: ROOT/corpus)")
    parser.add_argument("--docs", type=Path, help="docs folder (default: ROOT/docs)")
    common = [_verbosity(argparse.SUPPRESS)]
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    s = sub.add_parser("site", parents=common,
                       help="build the pages, then render the site with MkDocs and Pagefind")
    s.add_argument("--strict", action="store_true", help="fail on any bad article")
    s.add_argument("--site-dir", type=Path, help="output folder (default: ROOT/site)")
    s.add_argument("--full", action="store_true",
                   help="render every page again (default: only what changed, see bench/README.md)")
    b = sub.add_parser("build", parents=common, help="write the generated pages into docs/")
    b.add_argument("--strict", action="store_true", help="fail on any bad article")
    e = sub.add_parser("extract", parents=common, help="print the metadata of article files")
    e.add_argument("--json", action="store_true", help="a JSON array, one object per file")
    e.add_argument("files", nargs="+", type=Path)
    a = sub.add_parser("add", parents=common, help="copy new article files into the corpus")
    a.add_argument("files", nargs="+", type=Path)
    sub.add_parser("check", parents=common,
                   help="validate the corpus; exit 1 if any file is bad")
    z = sub.add_parser("size", parents=common,
                       help="the published size of the site against GitHub Pages' limit")
    z.add_argument("--site-dir", type=Path, help="the site folder (default: ROOT/site)")
    z.add_argument("--limit", type=int, default=PAGES_LIMIT,
                   help=f"the limit in bytes (default: {PAGES_LIMIT:,}, GitHub Pages' 1 GB)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the process exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 0
    level = logging.WARNING if args.quiet else logging.DEBUG if args.verbose else logging.INFO
    handler = LineHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    try:
        settings = Settings.from_root(args.root, corpus=args.corpus, docs=args.docs,
                                      strict=getattr(args, "strict", False))
    except ValueError as exc:  # mkdocs.yml's extra.urls
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.command == "extract":
        return _extract(args.files, args.json)
    if args.command == "add":
        return _add(settings.corpus, args.files)
    if args.command == "check":
        return _check(settings.corpus)
    if args.command == "size":
        return _size(args.site_dir or settings.root / "site", args.limit)
    # `site` renders afterwards: the pages are written in a forked process whose memory
    # (the whole archive) is given back before MkDocs and Pagefind run (builder/apart.py)
    report = apart(build, settings) if args.command == "site" else build(settings)
    print(report.summary(), file=sys.stderr)
    if settings.strict and report.errors:
        print("strict mode: failing because of the problems above", file=sys.stderr)
        return 1
    if args.command == "site":
        try:
            render_site(settings.root, args.site_dir or settings.root / "site",
                        incremental=not args.full)
        except RenderError as exc:
            print(exc, file=sys.stderr)
            return 1
    return 0


def _extract(files: list[Path], as_json: bool) -> int:
    results, status = [], 0
    for path in files:
        try:
            meta = extract(clean(read_source(path)))
        except ArticleError as exc:
            print(f"error: {exc}", file=sys.stderr)
            status = 1
            continue
        results.append(meta.to_json())
    if as_json:
        json.dump(results, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for item in results:
            _print_human(item)
    return status


def _print_human(item: dict) -> None:
    print(f"# {item['id']}  {item['title']['ar']}")
    if item["title"]["en"]:
        print(f"  en: {item['title']['en']}")
    print(f"  date: {item['date']} ({item['date_source']})")
    for e in item["entities"]:
        print(f"  {e['type']:12s} {e['ar']} = {e['en']} ×{e['mentions']}")
    for ev in item["events"]:
        print(f"  event {ev['date']}: {ev['text'][:80]}")
    for f in item["figures"]:
        print(f"  figure {f['value']} {f['unit']}")
    for q in item["quotes"]:
        print(f"  quote {q['speaker']['ar']}: {q['text'][:70]}")
    for q in item.get("unattributed_quotes", ()):
        print(f"  quote ({q['speaker']['ar']}, unattributed): {q['text'][:60]}")
    print()


def _add(corpus: Path, files: list[Path]) -> int:
    corpus.mkdir(parents=True, exist_ok=True)
    existing = {}
    numbers = [0]
    for path in list_article_files(corpus):
        m = CANONICAL_NAME.match(path.name)
        if m:
            numbers.append(int(m.group(1)) + 1)
        try:
            existing[content_id(read_source(path).text)] = path.name
        except ArticleError:
            continue
    next_number, status = max(numbers), 0
    for path in files:
        try:
            source = read_source(path)
        except (ArticleError, OSError) as exc:
            print(f"refused {path}: {exc}", file=sys.stderr)
            status = 1
            continue
        key = content_id(source.text)
        if key in existing:
            print(f"refused {path}: already in the corpus as {existing[key]}", file=sys.stderr)
            status = 1
            continue
        name = f"{next_number:03d}_{key}.txt"
        text = path.read_bytes()
        target = corpus / name
        target.write_text(_utf8(text, path.name), encoding="utf-8")
        sidecar = path.with_name(path.name[:-4] + TRANSLATION_SUFFIX)
        if path.name.endswith(".txt") and sidecar.is_file():
            (corpus / (name[:-4] + TRANSLATION_SUFFIX)).write_text(
                _utf8(sidecar.read_bytes(), sidecar.name), encoding="utf-8")
        existing[key] = name
        next_number += 1
        print(f"added {path} as corpus/{name}")
    return status


def _utf8(data: bytes, name: str) -> str:
    from .corpus import decode

    return decode(data, name)[0].replace("\r\n", "\n")


def _check(corpus: Path) -> int:
    result = check_corpus(corpus)
    for line in result.lines():
        print(line)
    print(f"{result.articles} article(s) ok, {len(result.problems)} problem(s)",
          file=sys.stderr)
    return 1 if result.problems else 0


def _size(site: Path, limit: int) -> int:
    if not site.is_dir():
        print(f"error: {site} is not a folder: build the site first (make site)",
              file=sys.stderr)
        return 1
    size = measure(site)
    problem = too_large(size, limit)
    if problem is None:
        print(size.describe(limit))
        return 0
    print(problem, file=sys.stderr)
    if os.environ.get("GITHUB_ACTIONS") == "true":  # an annotation on the run's summary
        print(f"::error title=Site too large for GitHub Pages::{problem.splitlines()[0]}")
    return 1
