"""``python -m bench.search``: the search index at archive size, and what one query costs.

For each size N (default 2,000 and 10,000 articles: the real saudinewsnet articles, then
repeated under fresh ids, see ``bench/corpus.py``) it builds the whole site, re-runs the
Pagefind step alone to time it, reports the index size on disk, and then serves the site on
localhost and types queries into the header search box in Chromium (Playwright, Debian's
``/usr/bin/chromium``), each in a fresh browser context (empty cache), counting every byte
the browser fetches from the keystroke to the rendered results (``request.sizes()``:
headers and body as transferred). Two servers: a plain static server (no compression, the
worst case) and one that gzips text files as static hosts do.

Needs ``../shared/data/saudinewsnet``; corpora and sites go to a temporary folder (``--keep
DIR`` keeps them, ``--site DIR`` measures an already built site). Prints tables and, last,
one ``BENCH-SEARCH {...}`` JSON line.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from builder.search import index_site
from builder.search.layout import BUNDLE, ENTITY_BUNDLE, RECENT, WORDS_BUNDLE

from .corpus import make_corpus, real_articles
from .project import REPO, make_project, tree_size
from .search_queries import Query, arabic_queries, english_queries, read_articles

KB = 1024
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic"]
#: (page language, query): common and rare words, variants, two-word queries, English.
QUERIES = (
    ("ar", "ايران"),
    ("ar", "الرياض"),
    ("ar", "وزارة الصحة"),
    ("ar", "بالحكومة"),
    ("ar", "الملك سلمان بن عبدالعزيز"),
    ("ar", "مستشفى"),
    ("en", "Riyadh"),
)
TARGET_KB = 300


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files; with ``gzip=True`` text files are sent gzip-compressed."""

    gzip = False
    _TEXT = (".html", ".js", ".json", ".css", ".svg", ".xml", ".txt")

    def log_message(self, *args: object) -> None:
        pass

    def send_head(self):  # noqa: ANN201 - http.server's own signature
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.gzip and wants and path.suffix in self._TEXT and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(site: Path, compress: bool) -> Iterator[str]:
    """``site`` on a localhost port; yields the base URL."""
    handler = type("H", (_Handler,), {"gzip": compress})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def _kind(url: str) -> str:
    if f"/{ENTITY_BUNDLE}/" in url:
        return "entities"
    if f"/{RECENT}/" in url:
        return "recent part"
    name = url.split("?")[0].rsplit("/", 1)[-1]
    if f"/{WORDS_BUNDLE}/" in url:
        return "lexicon"
    for suffix, kind in ((".pf_fragment", "fragments"), (".pf_index", "index chunks"),
                         (".pf_filter", "filter chunks"), (".pf_meta", "meta"),
                         (".pagefind", "wasm"), ("pagefind.js", "pagefind.js"),
                         ("pagefind-entry.json", "entry"), ("search-rules.json", "rules")):
        if name.endswith(suffix):
            return kind
    return "other"


def measure_queries(site: Path, compress: bool) -> list[dict[str, object]]:
    """Bytes fetched for each query of :data:`QUERIES`, each in a cold browser context."""
    from playwright.sync_api import sync_playwright

    article = next((site / "articles").iterdir()).name
    results = []
    with serve(site, compress) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        for lang, query in QUERIES:
            context = browser.new_context()
            page = context.new_page()
            prefix = "/en" if lang == "en" else ""
            page.goto(f"{url}{prefix}/articles/{article}/", wait_until="networkidle")
            fetched: list[tuple[str, int]] = []
            page.on("requestfinished", lambda req, out=fetched: out.append(
                (req.url, _size(req))))
            start = time.perf_counter()
            page.fill("#na-search-input", query)
            page.wait_for_function(
                "q => { const r = document.querySelector('[data-na-search]');"
                " return r.dataset.state === 'done' && r.dataset.query === q; }",
                arg=query, timeout=60000)
            seconds = time.perf_counter() - start
            page.wait_for_timeout(500)  # let the last requestfinished events arrive
            count = page.locator(".na-search__status").text_content()
            first = dict(fetched)
            # a second query on the same page: what the next search costs
            fetched.clear()
            second = query + " " + ("السعودية" if lang == "ar" else "Saudi")
            page.fill("#na-search-input", second)
            page.wait_for_function(
                "q => { const r = document.querySelector('[data-na-search]');"
                " return r.dataset.state === 'done' && r.dataset.query === q; }",
                arg=second, timeout=60000)
            page.wait_for_timeout(500)
            again = sum(size for _, size in fetched)
            fetched.clear()
            page.click(".na-search__options > summary")
            page.wait_for_function(
                "document.querySelectorAll('[name=year] option').length > 1", timeout=60000)
            page.wait_for_timeout(500)
            filters = sum(size for _, size in fetched)
            by_kind: dict[str, int] = defaultdict(int)
            for req_url, size in first.items():
                by_kind[_kind(req_url)] += size
            results.append({
                "lang": lang, "query": query, "results": count, "seconds": round(seconds, 2),
                "requests": len(first), "bytes": sum(first.values()),
                "by_kind": dict(sorted(by_kind.items())), "next_query_bytes": again,
                "open_filters_bytes": filters,
            })
            context.close()
        browser.close()
    return results


def _size(request) -> int:  # noqa: ANN001 - a Playwright Request
    sizes = request.sizes()
    return sizes["responseBodySize"] + sizes["responseHeadersSize"]


#: The search box's results as shown: kind and link of each row.
_SHOWN = """() => Array.from(document.querySelectorAll('.na-search__result'),
  (e) => [e.dataset.kind, e.querySelector('a').getAttribute('href')])"""
_DONE = ("q => { const r = document.querySelector('[data-na-search]');"
         " return r.dataset.state === 'done' && r.dataset.query === q; }")
#: Articles among which a query's target must be (the first rows of the list, after the
#: people, places and organisations offered above them).
TOP = 10


def box_results(page, query: str, top: int = TOP) -> list[str]:  # noqa: ANN001 - Playwright
    """Type ``query`` into the header search box; the first ``top`` article links shown
    (pressing "more results" while fewer are shown and there are more)."""
    page.fill("#na-search-input", query)
    page.wait_for_function(_DONE, arg=query, timeout=60000)
    articles = [href for kind, href in page.evaluate(_SHOWN) if kind == "article"]
    while len(articles) < top and page.is_visible(".na-search__more"):
        page.click(".na-search__more")
        page.wait_for_function(
            "n => document.querySelectorAll('.na-search__result[data-kind=article]').length > n"
            " || document.querySelector('.na-search__more').hidden", arg=len(articles),
            timeout=60000)
        articles = [href for kind, href in page.evaluate(_SHOWN) if kind == "article"]
    return articles[:top]


def run_query_set(site: Path, queries: list[Query], cold: int) -> dict[str, object]:
    """Hit rate of ``queries`` in the first :data:`TOP` articles of the search box (all
    queries, one warm page per side), and what each of the first ``cold`` queries fetches
    typed into a fresh browser (empty cache) on a host that gzips."""
    from playwright.sync_api import sync_playwright

    article = next((site / "articles").iterdir()).name
    misses, hits = [], []
    fetched: list[int] = []
    kinds: dict[str, int] = defaultdict(int)
    with serve(site, True) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        warm = {}
        for q in queries:
            if q.lang not in warm:
                context = browser.new_context()
                warm[q.lang] = context.new_page()
                prefix = "/en" if q.lang == "en" else ""
                warm[q.lang].goto(f"{url}{prefix}/articles/{article}/", wait_until="networkidle")
            shown = box_results(warm[q.lang], q.text)
            hit = q.url in shown
            hits.append(hit)
            if not hit:
                misses.append({"query": q.text, "lang": q.lang, "target": q.target,
                               "variants": list(q.variants), "shared": q.shared,
                               "shown": len(shown)})
        for q in queries[:cold]:
            by_kind = _cold_bytes(browser, url, article, q)
            fetched.append(sum(by_kind.values()))
            for kind, size in by_kind.items():
                kinds[kind] += size
        browser.close()
    found = sum(hits)
    return {"queries": len(queries), "found": found,
            "rate": round(found / len(queries), 4) if queries else None,
            "cold": len(fetched), "median_kb": round(statistics.median(fetched) / KB, 1)
            if fetched else None, "max_kb": round(max(fetched) / KB, 1) if fetched else None,
            "mean_by_kind_kb": {k: round(v / len(fetched) / KB, 1)
                                for k, v in sorted(kinds.items())} if fetched else {},
            "misses": misses}


def _cold_bytes(browser, url: str, article: str, q: Query) -> dict[str, int]:  # noqa: ANN001
    """Bytes fetched from typing ``q`` into a fresh page to its results shown, by kind."""
    context = browser.new_context()
    page = context.new_page()
    prefix = "/en" if q.lang == "en" else ""
    page.goto(f"{url}{prefix}/articles/{article}/", wait_until="networkidle")
    sizes: dict[str, int] = defaultdict(int)
    page.on("requestfinished", lambda req: sizes.__setitem__(
        _kind(req.url), sizes[_kind(req.url)] + _size(req)))
    page.fill("#na-search-input", q.text)
    page.wait_for_function(_DONE, arg=q.text, timeout=60000)
    page.wait_for_timeout(300)  # let the last requestfinished events arrive
    context.close()
    return dict(sizes)


def query_sets(project: Path, n: int, seed: int) -> dict[str, list[Query]]:
    """The benchmark's query sets for the built ``project`` (:mod:`bench.search_queries`)."""
    articles = read_articles(project)
    plain, clitics = arabic_queries(articles, n, seed)
    english = english_queries(articles, n, seed)
    return {"arabic": plain, "arabic with clitics": clitics,
            "english names, English side": [q for q in english if q.lang == "en"],
            "english names, Arabic side": [q for q in english if q.lang == "ar"]}


def recall_report(project: Path, n: int, cold: int, seed: int,
                  only: str = "") -> dict[str, object]:
    """Hit rate and transfer of every query set (whose name starts with ``only``), printed
    as they come."""
    out: dict[str, object] = {}
    for name, queries in query_sets(project, n, seed).items():
        if not name.startswith(only):
            continue
        result = run_query_set(project / "site", queries, cold)
        out[name] = result
        print(f"   {name:<28} {result['found']}/{result['queries']} in the first {TOP} "
              f"({100 * (result['rate'] or 0):.1f} %); transfer over {result['cold']} cold "
              f"queries: median {result['median_kb']} KB, max {result['max_kb']} KB")
        print("      mean by kind (KB): " + ", ".join(
            f"{k} {v}" for k, v in result["mean_by_kind_kb"].items()))
        for miss in result["misses"][:8]:
            print(f"      miss: {miss['query']} ({miss['lang']}, {miss['target']}, "
                  f"{'/'.join(miss['variants'])}, {miss['shared']} sharing, "
                  f"{miss['shown']} shown)")
        sys.stdout.flush()
    return out



def index_figures(site: Path) -> dict[str, object]:
    """Index size on disk, in total and per kind of file, and a fresh indexing run."""
    bundle = site / BUNDLE
    report = index_site(site)
    by_kind: dict[str, int] = defaultdict(int)
    for path in bundle.rglob("*"):
        if path.is_file():
            by_kind[_kind(path.name)] += path.stat().st_size
    entity_files, by_kind["entities"] = tree_size(site / ENTITY_BUNDLE)
    lexicon_files, by_kind["lexicon"] = tree_size(site / WORDS_BUNDLE)
    files, size = tree_size(bundle)
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    return {
        "pages": report.pages, "words": report.words, "index_s": round(report.seconds, 2),
        "entities": report.entities, "entity_files": entity_files,
        "lexicon_files": lexicon_files,
        "files": files, "bytes": size, "by_kind": dict(sorted(by_kind.items())),
        "languages": {k: v["page_count"] for k, v in entry["languages"].items()},
    }


def incremental_figures(site: Path, added: int) -> dict[str, object]:
    """Add ``added`` article pages (copies of the first ones under new ids, in both
    languages) as an incremental render would, and index them: into the recent part."""
    docs = []
    for i, source in enumerate(sorted(p.name for p in (site / "articles").iterdir())[:added]):
        new = f"added{i:04d}{source[9:]}"
        for prefix, suffix in (("", ".md"), ("en/", ".en.md")):
            if (site / prefix / "articles" / source).is_dir():
                shutil.copytree(site / prefix / "articles" / source,
                                site / prefix / "articles" / new)
                docs.append(f"articles/{new}{suffix}")
    report = index_site(site, docs)
    files, size = tree_size(site / RECENT) if (site / RECENT).is_dir() else (0, 0)
    return {"added_pages": len(docs), "mode": report.mode, "index_s": round(report.seconds, 2),
            "recent_pages": report.recent, "recent_files": files, "recent_bytes": size}


def build(n: int, work: Path) -> tuple[Path, float]:
    """Build a site of ``n`` benchmark articles; returns (site folder, seconds)."""
    project = make_project(work / f"search-{n}")
    make_corpus(project / "corpus", n)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "builder", "--root", str(project), "-q", "site"],
                   cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    return project / "site", time.perf_counter() - start


@dataclass(frozen=True)
class Options:
    """What to measure: ``added`` articles indexed into the recent part first; query sets
    of ``queries`` queries (``cold`` of them in a fresh browser, ``seed``), only those whose
    name starts with ``sets``; ``recall_only`` leaves out the indexing run and the fixed
    queries."""

    added: int = 0
    queries: int = 200
    cold: int = 40
    seed: int = 20
    recall_only: bool = False
    sets: str = ""


def report(n: int | None, site: Path, build_s: float | None,
           options: Options = Options()) -> dict[str, object]:
    """All figures for one site (of the project folder above it), printed as they come."""
    added = options.added
    if options.recall_only:
        print(f"\n== {n or '?'} articles ({site})")
        return {"n": n, "build_s": build_s and round(build_s, 1),
                "recall": recall_report(site.parent, options.queries, options.cold,
                                        options.seed, options.sets)}
    figures = index_figures(site)
    print(f"\n== {n or '?'} articles: {figures['pages']:,} pages indexed "
          f"({figures['languages']}), {figures['words']:,} words, {figures['entities']:,} "
          f"entity pages in the lookup; Pagefind + lookup "
          f"{figures['index_s']:.1f} s" + (f", whole build {build_s:.0f} s" if build_s else ""))
    print(f"   index on disk: {figures['bytes'] / KB / KB:,.1f} MB in {figures['files']:,} "
          f"files: " + ", ".join(f"{k} {v / KB / KB:,.1f} MB"
                                 for k, v in figures["by_kind"].items()))
    result: dict[str, object] = {"n": n, "build_s": build_s and round(build_s, 1),
                                 "index": figures, "queries": {}}
    if added:
        result["incremental"] = inc = incremental_figures(site, added)
        print(f"   {added} article(s) added: {inc['mode']} index in {inc['index_s']:.2f} s, "
              f"recent part {inc['recent_pages']} pages, {inc['recent_bytes'] / KB:,.1f} KB "
              f"in {inc['recent_files']} files")
    for compress in (False, True):
        label = "gzip" if compress else "plain"
        rows = measure_queries(site, compress)
        result["queries"][label] = rows
        print(f"   first query, {label} server: (KB fetched; next query; opening filters)")
        for r in rows:
            flag = "ok" if r["bytes"] <= TARGET_KB * KB else "OVER"
            kinds = ", ".join(f"{k} {v / KB:.0f}" for k, v in r["by_kind"].items())
            print(f"   {r['lang']} {r['query']!s:<28} {r['bytes'] / KB:7.1f} KB {flag:<4} "
                  f"{r['requests']:3} req {r['seconds']:5.2f} s  [{kinds}]  next "
                  f"{r['next_query_bytes'] / KB:.1f} KB, filters "
                  f"{r['open_filters_bytes'] / KB:.1f} KB  ({r['results']})")
    sys.stdout.flush()
    if options.queries:
        result["recall"] = recall_report(site.parent, options.queries, options.cold,
                                         options.seed, options.sets)
    return result


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m bench.search``."""
    parser = argparse.ArgumentParser(prog="python -m bench.search", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="2000,10000",
                        help="corpus sizes, comma-separated (default: 2000,10000)")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument("--site", type=Path, help="measure this built site instead")
    parser.add_argument("--add", type=int, default=0, metavar="N",
                        help="then add N articles, indexed into the recent part, and "
                             "measure the queries over both parts")
    parser.add_argument("--queries", type=int, default=200, metavar="N",
                        help="queries per query set (default 200; 0: none)")
    parser.add_argument("--cold", type=int, default=40, metavar="N",
                        help="of which N typed into a fresh browser to count the bytes "
                             "fetched (default 40)")
    parser.add_argument("--seed", type=int, default=20, help="of the query sets (default 20)")
    parser.add_argument("--recall-only", action="store_true",
                        help="only the query sets (no indexing run, no fixed queries)")
    parser.add_argument("--sets", default="", metavar="PREFIX",
                        help="only the query sets whose name starts with PREFIX "
                             "(arabic, english)")
    args = parser.parse_args(argv)
    options = Options(args.add, args.queries, args.cold, args.seed, args.recall_only,
                      args.sets)
    results = []
    if args.site:
        results.append(report(None, args.site, None, options))
    else:
        try:
            real_articles()
        except FileNotFoundError as exc:
            print(f"bench.search: {exc}", file=sys.stderr)
            return 2
        work = args.keep or Path(tempfile.mkdtemp(prefix="archive-search-bench-"))
        try:
            for n in (int(s) for s in args.sizes.split(",") if s.strip()):
                site, seconds = build(n, work)
                results.append(report(n, site, seconds, options))
        finally:
            if args.keep is None:
                shutil.rmtree(work, ignore_errors=True)
    print("BENCH-SEARCH " + json.dumps(results, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
