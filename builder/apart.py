"""Run a step of the build in a forked process, so that its memory is given back after it.

Writing the pages holds the whole archive in memory (articles, metadata, the catalog, the
planned pages); CPython keeps most of what it frees for itself, so a process that goes on
to render the site with MkDocs and index it with Pagefind would carry all of it through
those steps, beside them. ``python -m builder site`` writes the pages in a forked child
(:func:`apart`) and renders from this, smaller, process.
"""

from __future__ import annotations

import multiprocessing as mp
import pickle
from collections.abc import Callable
from typing import Any, TypeVar

R = TypeVar("R")


def apart(func: Callable[..., R], *args: Any) -> R:
    """``func(*args)`` in a forked process: its result, or its exception raised here.

    In this process when the platform cannot fork.
    """
    if "fork" not in mp.get_all_start_methods():
        return func(*args)
    ctx = mp.get_context("fork")
    reader, writer = ctx.Pipe(duplex=False)
    child = ctx.Process(target=_run, args=(writer, func, args))
    child.start()
    writer.close()
    try:
        ok, value = reader.recv()
    except EOFError:
        child.join()
        raise RuntimeError(f"{getattr(func, '__name__', func)} ended without a result "
                           f"(exit code {child.exitcode})") from None
    finally:
        reader.close()
    child.join()
    if ok:
        return value
    raise value


def _run(conn: Any, func: Callable[..., Any], args: tuple) -> None:
    try:
        message = (True, func(*args))
    except BaseException as exc:  # noqa: BLE001 - handed to the parent, which raises it
        message = (False, exc)
    try:
        conn.send(message)
    except (pickle.PicklingError, TypeError, AttributeError) as exc:
        conn.send((False, RuntimeError(f"could not send the result back: {exc!r}; "
                                       f"{message[1]!r}")))
    finally:
        conn.close()
