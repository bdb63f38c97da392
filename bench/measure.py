"""Run a worker process and measure it: wall and CPU time per phase, peak memory.

Memory is sampled from ``/proc`` every 50 ms over the worker and all its descendants
(MkDocs subprocesses, the extraction pool, forked page writers, Pagefind), two ways:

* *peak* (``peak_bytes``): the largest sum of their proportional set sizes (PSS, from
  ``smaps_rollup``): a page shared by n processes counts 1/n in each, so the sum is the
  memory the tree really holds -- what a 4 GB machine or cgroup limit sees;
* *RSS sum* (``peak_rss_bytes``): the largest sum of their resident sizes, counting a
  page shared by forked processes once per process (the figure of earlier benchmarks;
  it errs on the high side).

Once a second the PSS of each process is kept by kind (:func:`process_kind`: the worker,
MkDocs, Pagefind, other Python processes), and the largest of each kind is reported
(``Run.by_kind``). With a memory limit, a run whose PSS sum passes it is stopped (its
whole process group killed) and reported as such (``Run.stopped``) rather than left to
take the memory of a shared machine.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _children() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat[stat.rfind(b")") + 2 :].split()[1])
        children.setdefault(ppid, []).append(int(name))
    return children


def _pss(pid: int) -> int | None:
    """Proportional set size of ``pid`` in bytes (None when the kernel does not tell)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            for line in fh:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def tree_memory(root: int) -> tuple[int, int]:
    """``(PSS sum, RSS sum)`` in bytes of ``root`` and every descendant process; a process
    whose PSS cannot be read counts its RSS in both ((0, 0) if not on Linux)."""
    try:
        children = _children()
    except FileNotFoundError:
        return 0, 0
    pss_total = rss_total = 0
    todo = [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, ()))
        try:
            with open(f"/proc/{pid}/statm", "rb") as fh:
                rss = int(fh.read().split()[1]) * PAGE
        except OSError:
            continue
        pss = _pss(pid)
        rss_total += rss
        pss_total += rss if pss is None else pss
    return pss_total, rss_total


def process_kind(pid: int, root: int) -> str:
    """``worker`` (``root``), ``mkdocs``, ``pagefind`` or ``python`` (extraction pool,
    forked page writers), from the process's command line."""
    if pid == root:
        return "worker"
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            argv = fh.read().split(b"\0")
    except OSError:
        return "other"
    if argv and argv[0].endswith(b"/pagefind"):
        return "pagefind"
    return "mkdocs" if b"mkdocs" in argv else "python"


def tree_by_kind(root: int) -> dict[str, int]:
    """The largest PSS of one process of each :func:`process_kind` in ``root``'s tree."""
    children = _children()
    peaks: dict[str, int] = {}
    todo = [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, ()))
        pss = _pss(pid)
        if pss:
            kind = process_kind(pid, root)
            peaks[kind] = max(peaks.get(kind, 0), pss)
    return peaks


def tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and every descendant process (0 if not on Linux)."""
    return tree_memory(root)[1]


@dataclass
class Phase:
    """One measured phase."""

    name: str
    wall_s: float
    cpu_s: float
    peak_bytes: int


@dataclass
class Run:
    """A measured worker run: its phases and the extra fields of its marks."""

    phases: list[Phase] = field(default_factory=list)
    info: dict[str, object] = field(default_factory=dict)
    peak_bytes: int = 0  #: PSS sum
    peak_rss_bytes: int = 0  #: RSS sum (shared pages once per process)
    wall_s: float = 0.0
    cpu_s: float = 0.0
    #: the largest PSS of one process of each kind (:func:`process_kind`)
    by_kind: dict[str, int] = field(default_factory=dict)
    #: set when the run passed the memory limit and was stopped: phase, PSS, by kind
    stopped: dict[str, object] | None = None


def run_worker(args: list[str], log: Path | None = None,
               env: dict[str, str] | None = None, memory_limit: int | None = None) -> Run:
    """Run ``python -m bench.worker ARGS`` and measure it phase by phase.

    The worker's log (stderr) goes to ``log`` when given; its tail is shown on failure.
    ``memory_limit`` (bytes): stop the run when its PSS sum passes it (``Run.stopped``).
    """
    cmd = [sys.executable, "-m", "bench.worker", *args]
    err = open(log, "w", encoding="utf-8") if log else None  # noqa: SIM115 - closed below
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=err, text=True,
                            env={**os.environ, **(env or {})}, start_new_session=True)
    samples: list[tuple[float, int, int]] = []
    by_kind: dict[str, int] = {}
    over: list[tuple[float, int, dict[str, int]]] = []
    done = threading.Event()

    def sample() -> None:
        last = 0.0
        while not done.is_set():
            now = time.monotonic()
            samples.append((now, *tree_memory(proc.pid)))
            if now - last >= 1.0:
                last = now
                for kind, pss in tree_by_kind(proc.pid).items():
                    by_kind[kind] = max(by_kind.get(kind, 0), pss)
            if memory_limit and samples[-1][1] > memory_limit and not over:
                over.append((now, samples[-1][1], tree_by_kind(proc.pid)))
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(proc.pid, signal.SIGKILL)
            done.wait(0.05)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    marks: list[dict] = []
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("{"):
            marks.append(json.loads(line))
    code = proc.wait()
    done.set()
    thread.join()
    if err:
        err.close()
    run = Run(by_kind=dict(by_kind))
    if over:
        when, pss, kinds = over[0]
        phase = next((m["mark"] for m in reversed(marks) if m["t"] <= when), "start")
        run.stopped = {"phase": phase, "pss_bytes": pss, "after_s": round(when - (
            marks[0]["t"] if marks else when), 1), "by_kind": kinds}
    elif code != 0:
        tail = log.read_text(encoding="utf-8")[-3000:] if log else ""
        raise RuntimeError(f"{' '.join(cmd)} failed with exit code {code}\n{tail}")
    for mark in marks:
        run.info.update({k: v for k, v in mark.items() if k not in ("mark", "t", "cpu")})
    for here, after in zip(marks, marks[1:], strict=False):
        if here["mark"] in ("start", "end") or after["t"] <= here["t"]:
            continue
        peak = max((pss for t, pss, _ in samples if here["t"] <= t <= after["t"]), default=0)
        phase = Phase(here["mark"], after["t"] - here["t"], after["cpu"] - here["cpu"], peak)
        run.phases.append(phase)
    if marks:
        run.wall_s = marks[-1]["t"] - marks[0]["t"]
        run.cpu_s = marks[-1]["cpu"] - marks[0]["cpu"]
    run.peak_bytes = max((pss for _, pss, _ in samples), default=0)
    run.peak_rss_bytes = max((rss for _, _, rss in samples), default=0)
    return run
