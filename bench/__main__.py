"""``python -m bench``: extraction speed and full / warm / one-article-added builds.

Prints a table per run (phases; bytes and files of each kind of page and file), then a
summary and a table of growth per article across the sizes (time, memory, bytes, files),
and, last, one JSON line (``BENCH {...}``) with every figure.
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

from . import hugo
from .corpus import SAUDI, make_corpus, real_articles
from .measure import Run, run_worker
from .project import make_project, site_kinds, tar_size

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


SCENARIOS = ("cold", "warm", "add one")


def bench_build(n: int, work: Path, scenarios: tuple[str, ...] = SCENARIOS,
                with_hugo: bool = False, memory_limit: int | None = None
                ) -> list[dict[str, object]]:
    """The ``scenarios`` for ``n`` articles, in this order: a cold build, a warm rebuild,
    one article added; after the cold build, Hugo over the same pages when ``with_hugo``
    (:mod:`bench.hugo`). A build whose memory passes ``memory_limit`` (bytes) is stopped
    and reported, and the later scenarios are skipped."""
    project = make_project(work / f"n{n}")
    make_corpus(project / "corpus", n)
    results = []
    scenarios = tuple(s for s in SCENARIOS if s in scenarios)
    for scenario in scenarios:
        if scenario == "add one":
            make_corpus(project / "corpus", 1, start=n)
        log = work / f"n{n}-{scenario.replace(' ', '-')}.log"
        # the files the previous step wrote reach the disk before the clock starts, so
        # that their write-back is not counted against the next build
        os.sync()
        run = run_worker(["build", str(project)], log=log, memory_limit=memory_limit)
        if run.stopped:
            stop = run.stopped
            results.append({"n": n, "scenario": scenario, "stopped": {
                **stop, "pss_mb": round(stop["pss_bytes"] / MB),
                "by_kind_mb": {k: round(v / MB) for k, v in stop["by_kind"].items()}},
                "phases": _phases(run),
                "by_kind_mb": {k: round(v / MB) for k, v in run.by_kind.items()}})
            print(f"\n{n:,} articles, {scenario} build: STOPPED after {stop['after_s']} s in "
                  f"'{stop['phase']}': {stop['pss_bytes'] / MB:,.0f} MB (PSS) passed the "
                  f"limit of {memory_limit / MB:,.0f} MB; largest process of each kind then: "
                  + ", ".join(f"{k} {v / MB:,.0f} MB" for k, v in stop["by_kind"].items()))
            sys.stdout.flush()
            break
        kinds = site_kinds(project / "site")
        files = sum(k["files"] for k in kinds.values())
        size = sum(k["bytes"] for k in kinds.values())
        articles = int(run.info.get("articles", n))
        results.append({
            "n": n, "scenario": scenario, "articles": articles,
            "wall_s": round(run.wall_s, 2), "cpu_s": round(run.cpu_s, 2),
            "peak_mb": round(run.peak_bytes / MB), "peak_rss_mb": round(run.peak_rss_bytes / MB),
            "site_files": files, "site_bytes": size,
            "site_bytes_per_article": round(size / max(articles, 1)),
            "site_tar_bytes": tar_size(project / "site"),
            "ms_per_article": round(1000 * run.wall_s / max(articles, 1), 2),
            "pages_written": run.info.get("written"), "pages_unchanged": run.info.get("unchanged"),
            "phases": _phases(run), "tags": _tags(project / "site"),
            "by_kind_mb": {k: round(v / MB) for k, v in run.by_kind.items()},
            "site_kinds": {name: {**k, "per_article": round(k["bytes"] / max(articles, 1))}
                           for name, k in kinds.items()},
        })
        _print_run(results[-1])
        if scenario == "cold" and with_hugo:
            run_h = hugo.compare(project, work / f"n{n}-hugo")
            results[-1]["hugo"] = run_h.__dict__ | {
                "ratio": round(run.wall_s / max(run_h.wall_s, 1e-9), 1),
                "ratio_cpu": round(run.cpu_s / max(run_h.cpu_s, 1e-9), 1)}
            print(f"  Hugo, same {run_h.pages:,} pages, minimal layouts: {run_h.wall_s:.1f} s "
                  f"wall, {run_h.cpu_s:.1f} s CPU; the archive's whole build "
                  f"{results[-1]['hugo']['ratio']}x the wall time, "
                  f"{results[-1]['hugo']['ratio_cpu']}x the CPU time "
                  f"({run_h.version.split()[1]})")
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
          f"{r['cpu_s']:.1f} s CPU, peak {r['peak_mb']:,} MB (RSS sum {r['peak_rss_mb']:,} MB), "
          f"{r['site_files']:,} files, "
          f"{r['site_bytes'] / MB:,.1f} MB ({r['site_bytes_per_article'] / 1024:,.1f} KB "
          f"and {r['ms_per_article']:.1f} ms per article); pages written "
          f"{r['pages_written']}, unchanged {r['pages_unchanged']}")
    print(f"  {'phase':<14} {'wall s':>8} {'CPU s':>8} {'peak MB':>8}")
    for name, p in r["phases"].items():
        print(f"  {name:<14} {p['wall_s']:8.1f} {p['cpu_s']:8.1f} {p['peak_mb']:8,}")
    print("  largest process of each kind: "
          + ", ".join(f"{k} {v:,} MB" for k, v in sorted(r["by_kind_mb"].items())))
    print(f"  as one tar archive (GitHub Pages uploads one): {r['site_tar_bytes'] / MB:,.1f} MB")
    print(f"  {'kind':<14} {'files':>7} {'MB':>8} {'KB/file':>8} {'KB/article':>10}   "
          f"({r['tags']:,} tags)")
    for name, k in r["site_kinds"].items():
        print(f"  {name:<14} {k['files']:7,} {k['bytes'] / MB:8.1f} "
              f"{k['bytes'] / max(k['files'], 1) / 1024:8.1f} {k['per_article'] / 1024:10.1f}")
    sys.stdout.flush()


def _growth(builds: list[dict]) -> None:
    """Per article, at each size (cold builds): time, memory, bytes and files."""
    cold = [r for r in builds if r["scenario"] == "cold" and not r.get("stopped")]
    if not cold:
        return
    print(f"\nper article, cold builds\n{'N':>7} {'ms wall':>8} {'ms CPU':>7} "
          f"{'peak KB':>8} {'site KB':>8} {'files':>6}")
    for r in cold:
        a = max(r["articles"], 1)
        print(f"{r['n']:>7,} {1000 * r['wall_s'] / a:8.1f} {1000 * r['cpu_s'] / a:7.1f} "
              f"{r['peak_mb'] * 1024 / a:8.1f} {r['site_bytes'] / 1024 / a:8.1f} "
              f"{r['site_files'] / a:6.2f}")


def _hugo(builds: list[dict]) -> None:
    """The archive's cold build against Hugo rendering the same pages."""
    rows = [r for r in builds if r.get("hugo")]
    if rows:
        print(f"\n{'N':>7} {'pages':>7} {'Hugo s':>7} {'archive s':>9} {'ratio':>6} "
              f"{'Hugo CPU s':>10} {'archive CPU s':>13} {'ratio':>6}")
    for r in rows:
        h = r["hugo"]
        print(f"{r['n']:>7,} {h['pages']:7,} {h['wall_s']:7.1f} {r['wall_s']:9.1f} "
              f"{h['ratio']:5.1f}x {h['cpu_s']:10.1f} {r['cpu_s']:13.1f} "
              f"{h.get('ratio_cpu', 0):5.1f}x")


def _summary(builds: list[dict]) -> None:
    print(f"\n{'N':>7} {'build':<8} {'wall s':>7} {'CPU s':>7} {'peak MB':>8} "
          + " ".join(f"{p[:12]:>12}" for p in PHASES[:4]) + f" {'KB/art':>7} {'ms/art':>7}")
    for r in builds:
        if r.get("stopped"):
            print(f"{r['n']:>7,} {r['scenario']:<8} stopped in '{r['stopped']['phase']}' at "
                  f"{r['stopped']['pss_mb']:,} MB")
            continue
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
    parser.add_argument("--cold-only", default="",
                        help="sizes, comma-separated, built cold only (e.g. 50000)")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument("--memory-limit", type=int, default=0, metavar="MB",
                        help="stop a build whose memory (PSS of the process tree) passes MB "
                             "and report where (default: no limit)")
    parser.add_argument("--no-hugo", action="store_true",
                        help="skip Hugo over the same pages (run when hugo is installed)")
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
        scenarios = SCENARIOS[:2] if args.no_incremental else SCENARIOS
        cold_only = {int(s) for s in args.cold_only.split(",") if s.strip()}
        sizes = {int(s) for s in args.sizes.split(",") if s.strip()} | cold_only
        for n in sorted(sizes):
            builds.extend(bench_build(n, work, ("cold",) if n in cold_only else scenarios,
                                      with_hugo=not args.no_hugo and hugo.available() is not None
                                      and n not in cold_only,
                                      memory_limit=args.memory_limit * MB or None))
            if args.keep is None:
                shutil.rmtree(work / f"n{n}", ignore_errors=True)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    result["builds"] = builds
    if builds:
        _summary(builds)
        _growth(builds)
        _hugo(builds)
    print("BENCH " + json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
