"""``python -m bench.lighthouse [--site SITE]``: Lighthouse scores of the built site.

Builds the archive for the address it is served at (``SITE_URL`` = a free localhost port,
as a deployment builds for its own address; ``--site`` takes an already built site
instead), serves it the way a static host does (gzip, cache headers), runs Lighthouse (npm ``lighthouse``, installed under ``tools/lighthouse`` by
``make lighthouse``) with Debian's chromium against the home page, one article page and one
tag page (the largest person's page) in both languages, three times each (``--runs``), and prints the median Performance,
Accessibility, Best Practices and SEO per page with the lowest and highest run, then one
JSON line ``LIGHTHOUSE {...}``.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run --disable-quic"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt")


class StaticHostHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with gzip and long cache lifetimes for fingerprinted assets."""

    def log_message(self, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        path = self.path.split("?", 1)[0]
        if "/assets/" in path or path.endswith((".woff2", ".pf_fragment", ".pf_index")):
            self.send_header("Cache-Control", "public, max-age=31536000, immutable")
        else:
            self.send_header("Cache-Control", "public, max-age=600")
        super().end_headers()

    def send_head(self):  # type: ignore[override]
        raw = Path(self.translate_path(self.path))
        if raw.is_dir() and not self.path.split("?", 1)[0].endswith("/"):
            return super().send_head()  # the base class redirects to the slash URL
        path = raw / "index.html" if raw.is_dir() else raw
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    """A file-like body for ``SimpleHTTPRequestHandler.do_GET``'s copyfile."""

    def __init__(self, data: bytes):
        self._data = data

    def read(self, n: int = -1) -> bytes:
        data, self._data = (self._data, b"") if n < 0 else (self._data[:n], self._data[n:])
        return data

    def close(self) -> None:
        pass


def free_port() -> int:
    """A localhost port nobody listens on (for the site's address before building it)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_for(port: int, out: Path) -> Path:
    """Build the repository's archive into ``out`` for ``http://127.0.0.1:PORT/``."""
    env = {**os.environ, "SITE_URL": f"http://127.0.0.1:{port}/"}
    subprocess.run([sys.executable, "-m", "builder", "-q", "site", "--full", "--site-dir",
                    str(out)], cwd=ROOT, env=env, check=True)
    return out


def serve(site: Path, port: int = 0) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``site`` on localhost (``port`` 0: a free one); returns server and base URL."""
    handler = functools.partial(StaticHostHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def first_article(site: Path) -> str:
    """The id of the first article page in ``site``."""
    return sorted(p.name for p in (site / "articles").iterdir() if p.is_dir())[0]


def largest_tag(site: Path) -> str:
    """The location of the largest first page of a person's tag in ``site``
    (``tags/people/<slug>/``), the heaviest tag page a reader opens."""
    pages = sorted((p.stat().st_size, p.parent.name)
                   for p in (site / "tags" / "people").glob("*/index.html"))
    return f"tags/people/{pages[-1][1]}/"


def run_lighthouse(url: str, preset: str | None) -> dict[str, float]:
    """Category scores (0-100) of one URL."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        cmd = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
               f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(CATEGORIES)}"]
        if preset:
            cmd.append(f"--preset={preset}")
        env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
        subprocess.run(cmd, check=True, env=env, capture_output=True, text=True)
        report = json.loads(out.read_text(encoding="utf-8"))
    return {k: round(v["score"] * 100) for k, v in report["categories"].items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site", type=Path, default=None,
                        help="an already built site (default: build one for localhost)")
    parser.add_argument("--preset", choices=("desktop", "perf"), default=None,
                        help="Lighthouse preset (default: mobile emulation)")
    parser.add_argument("--runs", type=int, default=RUNS,
                        help=f"runs per page; the median is reported (default {RUNS})")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print("lighthouse is not installed: run 'make lighthouse'", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        if args.site is None:
            port = free_port()
            site = build_for(port, Path(tmp) / "site")
        else:
            port, site = 0, args.site
        return _measure(site, port, args.preset, max(1, args.runs))


#: Runs per page: Lighthouse's own advice for a score that varies with the machine's load
#: is the median of several runs.
RUNS = 3


def _median_scores(runs: list[dict[str, float]]) -> dict[str, float]:
    return {c: statistics.median_low([r.get(c, 0) for r in runs]) for c in CATEGORIES}


def _measure(site: Path, port: int, preset: str | None, runs: int = RUNS) -> int:
    server, base = serve(site, port)
    article = first_article(site)
    tag = largest_tag(site)
    pages = {
        "home (ar)": "/",
        "home (en)": "/en/",
        "article (ar)": f"/articles/{article}/",
        "article (en)": f"/en/articles/{article}/",
        "tag (ar)": f"/{tag}",
        "tag (en)": f"/en/{tag}",
    }
    results, every = {}, {}
    try:
        print(f"median of {runs} run(s) per page (lowest-highest)")
        print(f"{'page':14s} " + " ".join(f"{c:>16s}" for c in CATEGORIES))
        for name, path in pages.items():
            every[name] = [run_lighthouse(base + path, preset) for _ in range(runs)]
            results[name] = scores = _median_scores(every[name])
            spread = {c: (min(r.get(c, 0) for r in every[name]),
                          max(r.get(c, 0) for r in every[name])) for c in CATEGORIES}
            print(f"{name:14s} " + " ".join(
                f"{scores[c]:5d} ({spread[c][0]:3d}-{spread[c][1]:3d})" for c in CATEGORIES))
    finally:
        server.shutdown()
    print("LIGHTHOUSE " + json.dumps({"preset": preset or "mobile", "runs": runs,
                                      "pages": results, "every_run": every}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
