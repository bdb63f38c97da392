"""``python -m bench.pages [N ...]``: the index pages at scale (issue 4).

Builds N real articles (default 500 and 2,000, from ``../shared/data/saudinewsnet``, via
``bench.corpus``) in a temporary project with ``python -m builder site``, then reports:
build time, number of pages of each kind, and the largest HTML page of each kind. Tag
pages must paginate, and no page may grow with N except by adding pages: the largest page
of every kind of index page at the biggest N must stay within 1.5× of the smallest N's
(home, tag, tag index, timeline, archive, quotes pages), and so must every article page
that both corpora share (the biggest article depends on the article, not on N). ``--crawl`` also checks every internal
link of the largest site (slow). Exit status 1 when a check fails.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from .corpus import make_corpus
from .project import make_project

REPO = Path(__file__).resolve().parent.parent
#: (kind, pattern on the site-relative path of an index.html)
KINDS = (
    ("home", r"^(en/)?index\.html$"),
    ("article", r"^(en/)?articles/[^/]+/index\.html$"),
    ("tag", r"^(en/)?tags/(people|places|organizations)/[^/]+/(page/\d+/)?index\.html$"),
    ("tag index", r"^(en/)?tags/((people|places|organizations)/)?(page/\d+/)?index\.html$"),
    ("timeline", r"^(en/)?timeline/"),
    ("archive", r"^(en/)?archive/"),
    ("quotes", r"^(en/)?quotes/"),
)
GROWTH = 1.5
#: site -> article page -> bytes (filled by ``measure``)
ARTICLE_SIZES: dict[Path, dict[str, int]] = {}


def _kind(rel: str) -> str | None:
    for kind, pattern in KINDS:
        if re.search(pattern, rel):
            return kind
    return None


def measure(site: Path) -> dict[str, dict[str, int]]:
    """Per kind: number of pages, largest page (bytes), paginated pages."""
    stats: dict[str, dict[str, int]] = defaultdict(lambda: {"pages": 0, "max": 0, "paged": 0})
    for path in site.rglob("index.html"):
        rel = path.relative_to(site).as_posix()
        kind = _kind(rel)
        if kind is None:
            continue
        if kind == "article":
            ARTICLE_SIZES.setdefault(site, {})[rel] = path.stat().st_size
        s = stats[kind]
        s["pages"] += 1
        s["max"] = max(s["max"], path.stat().st_size)
        s["paged"] += "/page/" in rel
    return dict(stats)


def build(n: int, work: Path) -> tuple[float, dict[str, dict[str, int]], Path]:
    """Build ``n`` articles; (seconds, stats, site folder)."""
    project = make_project(work / f"n{n}")
    make_corpus(project / "corpus", n)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "builder", "--root", str(project), "-q", "site"],
                   cwd=REPO, check=True, capture_output=True)
    seconds = time.perf_counter() - start
    return seconds, measure(project / "site"), project / "site"


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; non-zero exit when a check fails."""
    parser = argparse.ArgumentParser(prog="python -m bench.pages", description=__doc__)
    parser.add_argument("sizes", nargs="*", type=int, default=[500, 2000])
    parser.add_argument("--crawl", action="store_true", help="check every link of the site")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    results, failures, sites = {}, [], {}
    try:
        site = None
        for n in sorted(args.sizes):
            seconds, stats, site = build(n, work)
            sites[n] = site
            results[n] = {"seconds": round(seconds, 1), "kinds": stats}
            print(f"\nN = {n}: build {seconds:.1f} s ({seconds / n * 1000:.0f} ms/article)")
            print(f"  {'kind':10s} {'pages':>7s} {'paginated':>9s} {'largest':>10s}")
            for kind, _ in KINDS:
                s = stats.get(kind, {"pages": 0, "max": 0, "paged": 0})
                print(f"  {kind:10s} {s['pages']:7d} {s['paged']:9d} {s['max']:10d}")
        small, large = min(results), max(results)
        if results[large]["kinds"].get("tag", {}).get("paged", 0) == 0:
            failures.append(f"no tag page paginates at N = {large}")
        for kind, _ in KINDS:
            if kind == "article":
                before, after = ARTICLE_SIZES[sites[small]], ARTICLE_SIZES[sites[large]]
                ratios = [after[p] / before[p] for p in before if p in after and before[p]]
                worst = max(ratios, default=1.0)
                results[large]["article_growth"] = round(worst, 3)
                print(f"  shared article pages: {len(ratios)}, largest growth ×{worst:.2f}")
                if worst > GROWTH:
                    failures.append(f"article: a shared article page grew ×{worst:.2f}")
                continue
            a = results[small]["kinds"].get(kind, {}).get("max", 0)
            b = results[large]["kinds"].get(kind, {}).get("max", 0)
            if small != large and a and b > a * GROWTH:
                failures.append(f"{kind}: largest page grew from {a} to {b} bytes")
        if args.crawl and site is not None:
            sys.path.insert(0, str(REPO))
            from tests.test_links import crawl

            problems = crawl(site)
            print(f"\ncrawl: {len(problems)} broken link(s)")
            failures.extend(problems[:20])
        for failure in failures:
            print(f"FAIL {failure}")
        print("BENCH_PAGES " + json.dumps({"results": results, "failures": failures}))
    finally:
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
