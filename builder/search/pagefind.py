"""Pagefind runs (a subprocess each), their bundles' entry files, and reading a bundle back.
"""

from __future__ import annotations

import gzip
import json
import logging
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path

from .layout import BUNDLE, ENTRY, RECENT, part_folders
from .view import replace

log = logging.getLogger(__name__)


class SearchIndexError(RuntimeError):
    """Pagefind failed."""


def pagefind_version() -> str:
    """The installed Pagefind's version (its index format)."""
    try:
        return metadata.version("pagefind")
    except metadata.PackageNotFoundError:
        return "-"


@contextmanager
def run(config: Mapping[str, str], label: str) -> Iterator[Callable[[], tuple[int, int]]]:
    """Start one Pagefind run with ``config`` (its options: ``site``, ``glob``, ...); the
    body may work meanwhile and calls the yielded function to wait: pages and words
    indexed. The options go through a ``pagefind.json`` in the run's working folder."""
    with tempfile.TemporaryDirectory(prefix="pagefind-") as tmp:
        (Path(tmp) / "pagefind.json").write_text(json.dumps(config), encoding="utf-8")
        out_path = Path(tmp) / "out.txt"
        log.info("indexing %s for search with Pagefind", label)
        with open(out_path, "w+", encoding="utf-8") as out:
            proc = subprocess.Popen([sys.executable, "-m", "pagefind"], cwd=tmp, stdout=out,
                                    stderr=subprocess.STDOUT, text=True)
            done: list[tuple[int, int]] = []

            def finish() -> tuple[int, int]:
                if not done:
                    code = proc.wait()
                    out.seek(0)
                    done.append(_counts(code, out.read(), label))
                return done[0]

            try:
                yield finish
                finish()
            finally:
                if proc.poll() is None:
                    proc.kill()
                    proc.wait()


def _counts(code: int, stdout: str, label: str) -> tuple[int, int]:
    if code != 0:
        raise SearchIndexError(f"pagefind failed:\n{stdout}")
    total = stdout.rpartition("Total:")[2]
    pages = sum(int(n) for n in re.findall(r"Indexed (\d+) pages?", total))
    count = sum(int(n) for n in re.findall(r"Indexed (\d+) words?", total))
    if "Did not find a data-pagefind-body" in stdout:
        log.warning("search: no data-pagefind-body in %s: whole pages were indexed", label)
    return pages, count


def entry_bytes(entry: Mapping) -> bytes:
    return json.dumps(entry, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def write_entry(path: Path, entries: list[dict], extra: Mapping | None = None) -> None:
    """One entry for runs that indexed different languages into one bundle (sorted keys:
    Pagefind lists its languages in any order), with the keys of ``extra`` added."""
    merged = dict(entries[0])
    merged["languages"] = {}
    for entry in entries:
        if {k: v for k, v in entry.items() if k != "languages"} != \
                {k: v for k, v in entries[0].items() if k != "languages"}:
            raise SearchIndexError(f"Pagefind runs disagree on {ENTRY}: {entries}")
        merged["languages"].update(entry["languages"])
    merged.update(extra or {})
    replace(path, entry_bytes(merged))


def indexed_pages(site: Path) -> dict[str, dict]:
    """What the search bundles of ``site`` hold, part by part merged: page URL -> its
    Pagefind fragment (content, filters, meta, anchors). For tests and benchmarks."""
    pages: dict[str, dict] = {}
    for bundle in (BUNDLE, *part_folders(site), RECENT):
        for path in sorted((site / bundle / "fragment").glob("*.pf_fragment")):
            data = gzip.decompress(path.read_bytes())
            fragment = json.loads(data[len(b"pagefind_dcd"):])
            if fragment["url"] in pages:
                raise SearchIndexError(f"{fragment['url']} is indexed twice")
            pages[fragment["url"]] = fragment
    return pages
