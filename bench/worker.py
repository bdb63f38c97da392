"""Run one build in this process and report phase boundaries on stdout (JSON lines).

``python -m bench.worker build PROJECT`` runs what ``python -m builder site`` runs, with
marks around the phases: read+extract (``site.extract_corpus``), write pages (the rest of
``site.build``, in a forked process as the CLI runs it), mkdocs build and search index
(the parts of ``render.render_site``).
``python -m bench.worker extract FOLDER`` times cleaning + extraction on one core.
"""

from __future__ import annotations

import json
import logging
import resource
import sys
import time
from pathlib import Path

#: Names of the search-index step in builder.render, whichever exists.
SEARCH_STEPS = ("pagefind_index", "build_search_index", "search_index", "run_pagefind",
                "index_site", "pagefind")


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def mark(name: str, **extra: object) -> None:
    """One phase boundary: monotonic time and CPU seconds so far (self + children)."""
    record = {"mark": name, "t": time.monotonic(), "cpu": _cpu(), **extra}
    sys.stdout.write(json.dumps(record) + "\n")
    sys.stdout.flush()


def _wrap(module: object, name: str, before: str, after: str | None) -> None:
    original = getattr(module, name)

    def wrapped(*args: object, **kwargs: object) -> object:
        mark(before)
        try:
            return original(*args, **kwargs)
        finally:
            if after:
                mark(after)

    setattr(module, name, wrapped)


def build(project: Path) -> int:
    """The full build of ``project`` with phase marks."""
    from builder import render, site
    from builder.apart import apart
    from builder.config import Settings

    _wrap(site, "extract_corpus", "read+extract", "write pages")
    for name in SEARCH_STEPS:
        if callable(getattr(render, name, None)):
            _wrap(render, name, "search index", "post-process")
            break
    settings = Settings.from_root(project)
    mark("start")
    report = apart(site.build, settings)  # as `python -m builder site` does
    mark("mkdocs build", articles=report.articles, errors=len(report.errors),
         written=report.pages.written, unchanged=report.pages.unchanged)
    render.render_site(settings.root, settings.root / "site")
    mark("end")
    return 0


def extract_speed(folder: Path) -> int:
    """Clean + extract every ``*.txt`` of ``folder`` on one core; print the figures."""
    from builder.clean import clean
    from builder.corpus import read_source
    from builder.extract import extract

    paths = sorted(folder.glob("*.txt"))
    t0 = time.monotonic()
    sources = [read_source(p) for p in paths]
    t1 = time.monotonic()
    w0 = time.monotonic()
    extract(clean(sources[0]))  # loads the data files once (timed separately)
    t1 = time.monotonic()
    warmup = t1 - w0
    c0 = time.process_time()
    failed = 0
    for source in sources:
        try:
            extract(clean(source))
        except Exception:  # noqa: BLE001 - counted, not fatal, in a benchmark
            failed += 1
    t2 = time.monotonic()
    cpu = time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"articles": len(paths), "failed": failed, "read_s": w0 - t0,
                      "warmup_s": warmup,
                      "extract_s": t2 - t1, "extract_cpu_s": cpu, "peak_bytes": peak}))
    return 0


def main(argv: list[str]) -> int:
    """``build PROJECT`` or ``extract FOLDER``."""
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    command, folder = argv[0], Path(argv[1])
    return build(folder) if command == "build" else extract_speed(folder)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
