"""What the browser tests share: a site served on localhost, its two home pages opened
once, and a query typed into the header's search box (and the articles it finds)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Callable, Iterator
from pathlib import Path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # noqa: D401 - silence the access log
        pass


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """``directory`` served by a plain static file server on localhost; yields its URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@contextlib.contextmanager
def language_pages(browser, url: str,
                   watch: Callable[[object, list[str]], None] | None = None) -> Iterator[dict]:
    """The Arabic (``/``) and English (``/en/``) home pages of ``url``, keyed ``ar``/``en``.

    Script errors, and whatever ``watch(page, problems)`` adds to ``problems``, fail the
    test module when the pages are closed.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    opened = {}
    for lang, path in (("ar", "/"), ("en", "/en/")):
        page = context.new_page()
        page.on("pageerror", lambda exc: problems.append(str(exc)))
        if watch:
            watch(page, problems)
        page.goto(url + path)
        opened[lang] = page
    yield opened
    context.close()
    assert not problems, problems


def type_query(page, query: str) -> None:
    """Type ``query`` into the header search box and wait until its results are shown."""
    page.fill("#na-search-input", query)
    page.wait_for_function(
        "q => { const r = document.querySelector('[data-na-search]');"
        " return r.dataset.state === 'done' && r.dataset.query === q; }",
        arg=query, timeout=15000)


def found_articles(page, query: str) -> list[str]:
    """Type ``query`` into the search box: the ids of the articles listed, in order."""
    type_query(page, query)
    hrefs = page.eval_on_selector_all(
        ".na-search__result[data-kind=article] a", "as => as.map(a => a.getAttribute('href'))")
    return [h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs]
