"""``python -m bench``: extraction speed and full / warm / one-article-added builds.

Prints a table per run and, last, one JSON line (``BENCH {...}``) with every figure.
Corpora and sites go to a temporary folder that is removed afterwards (``--keep`` keeps
it). Needs ``../shared/data/saudinewsnet``; nothing of it is copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
from pathlib import Path

from builder.model import TAG_KINDS

from .corpus import SAUDI, make_corpus, real_articles
from .measure import Run, run_worker
from .project import make_project, site_parts

MB = 1024 * 1024
PHASES = ("read+extract", "write pages", "mkdocs build", "search index", "post-process")


def machine() -> dict[str, object]:
    """Cores and memory of this machine."""
    mem = 0
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            mem = int(fh.readline().split()[1]) * 1024
    except OSError:
        pass
    return {"cores": os.cpu_count(), "memory_gb": round(mem / 1024**3),
            "python": platform.python_version()}


def _extract_result(folder: Path) -> dict[str, object]:
    import subprocess

    out = subprocess.run([sys.executable, "-m", "bench.worker", "extract", str(folder)],
                         capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parent.parent).stdout
    return json.loads(out.strip().splitlines()[-1])


def bench_build(n: int, work: Path, incremental: bool = True) -> list[dict[str, object]]:
    """Cold build, warm rebuild and (optionally) one added article, for ``n`` articles."""
    project = make_project(work / f"n{n}")
    make_corpus(project / "corpus", n)
    results = []
    scenarios = ["cold", "warm"] + (["add one"] if incremental else [])
    for scenario in scenarios:
        if scenario == "add one":
            make_corpus(project / "corpus", 1, start=n)
        log = work / f"n{n}-{scenario.replace(' ', '-')}.log"
        # the files the previous step wrote reach the disk before the clock starts, so
        # that their write-back is not counted against the next build
        os.sync()
        run = run_worker(["build", str(project)], log=log)
        parts = site_parts(project / "site")
        files = sum(p["files"] for p in parts.values())
        size = sum(p["bytes"] for p in parts.values())
        articles = int(run.info.get("articles", n))
        results.append({
            "n": n, "scenario": scenario, "articles": articles,
            "wall_s": round(run.wall_s, 2), "cpu_s": round(run.cpu_s, 2),
            "peak_mb": round(run.peak_bytes / MB), "site_files": files, "site_bytes": size,
            "site_bytes_per_article": round(size / max(articles, 1)),
            "ms_per_article": round(1000 * run.wall_s / max(articles, 1), 2),
            "pages_written": run.info.get("written"), "pages_unchanged": run.info.get("unchanged"),
            "phases": _phases(run), "tags": _tags(project / "site"),
            "site_parts": {name: {**p, "per_article": round(p["bytes"] / max(articles, 1))}
                           for name, p in parts.items()},
        })
        _print_run(results[-1])
    return results


def _tags(site: Path) -> int:
    """Distinct people, places and organisations with a page (one language)."""
    return sum(len(list((site / "tags" / kind).glob("*/index.html")))
               for kind in TAG_KINDS.values())


def _phases(run: Run) -> dict[str, dict[str, float]]:
    return {p.name: {"wall_s": round(p.wall_s, 2), "cpu_s": round(p.cpu_s, 2),
                     "peak_mb": round(p.peak_bytes / MB)} for p in run.phases}


def _print_run(r: dict) -> None:
    print(f"\n{r['n']:,} articles, {r['scenario']} build: {r['wall_s']:.1f} s wall, "
          f"{r['cpu_s']:.1f} s CPU, peak {r['peak_mb']:,} MB, {r['site_files']:,} files, "
          f"{r['site_bytes'] / MB:,.1f} MB ({r['site_bytes_per_article'] / 1024:,.1f} KB "
          f"and {r['ms_per_article']:.1f} ms per article); pages written "
          f"{r['pages_written']}, unchanged {r['pages_unchanged']}")
    print(f"  {'phase':<14} {'wall s':>8} {'CPU s':>8} {'peak MB':>8}")
    for name, p in r["phases"].items():
        print(f"  {name:<14} {p['wall_s']:8.1f} {p['cpu_s']:8.1f} {p['peak_mb']:8,}")
    print(f"  {'site part':<20} {'files':>7} {'MB':>8} {'KB/article':>10}   "
          f"({r['tags']:,} tags)")
    for name, p in r["site_parts"].items():
        print(f"  {name:<20} {p['files']:7,} {p['bytes'] / MB:8.1f} "
              f"{p['per_article'] / 1024:10.1f}")
    sys.stdout.flush()


def _summary(builds: list[dict]) -> None:
    print(f"\n{'N':>7} {'build':<8} {'wall s':>7} {'CPU s':>7} {'peak MB':>8} "
          + " ".join(f"{p[:12]:>12}" for p in PHASES[:4]) + f" {'KB/art':>7} {'ms/art':>7}")
    for r in builds:
        cells = " ".join(f"{r['phases'].get(p, {}).get('wall_s', 0):12.1f}" for p in PHASES[:4])
        print(f"{r['n']:>7,} {r['scenario']:<8} {r['wall_s']:7.1f} {r['cpu_s']:7.1f} "
              f"{r['peak_mb']:8,} {cells} {r['site_bytes_per_article'] / 1024:7.1f} "
              f"{r['ms_per_article']:7.1f}")


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``python -m bench``."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000,10000",
                        help="corpus sizes, comma-separated (default: 100,1000,10000)")
    parser.add_argument("--no-extract", action="store_true", help="skip the extraction run")
    parser.add_argument("--no-incremental", action="store_true",
                        help="skip the one-article-added rebuild")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    args = parser.parse_args(argv)
    try:
        real_articles()
    except FileNotFoundError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    result: dict[str, object] = {"machine": machine()}
    print(f"machine: {result['machine']}")
    if not args.no_extract:
        ex = _extract_result(SAUDI / "articles")
        rate = ex["articles"] / ex["extract_s"]
        cpu_rate = ex["articles"] / max(ex["extract_cpu_s"], 1e-9)
        result["extract"] = ex | {"articles_per_s": round(rate, 1),
                                  "articles_per_cpu_s": round(cpu_rate, 1)}
        print(f"extraction (one core): {ex['articles']} articles in {ex['extract_s']:.2f} s "
              f"= {rate:,.0f} articles/s wall, {cpu_rate:,.0f} per CPU second "
              f"(data files load {ex['warmup_s']:.2f} s, "
              f"reading {ex['read_s']:.2f} s), peak {ex['peak_bytes'] / MB:,.0f} MB, "
              f"failed {ex['failed']}")
    work = args.keep or Path(tempfile.mkdtemp(prefix="archive-bench-"))
    builds: list[dict] = []
    try:
        for n in (int(s) for s in args.sizes.split(",") if s.strip()):
            builds.extend(bench_build(n, work, incremental=not args.no_incremental))
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    result["builds"] = builds
    if builds:
        _summary(builds)
    print("BENCH " + json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
