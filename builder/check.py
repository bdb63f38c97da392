"""Validate a corpus without building anything: ``python -m builder check``.

Runs everything a build runs up to the pages (read, duplicates, clean, extract) and the
checks of ``retired.yml``, and collects every problem instead of stopping at the first,
each naming its file. Nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .clean import clean
from .corpus import ArticleError, file_order, read_corpus
from .extract import extract
from .redirects import RETIRED_FILE, load_retired, resolve


@dataclass(frozen=True)
class CheckResult:
    """How many articles would be published, and every problem found."""

    articles: int
    problems: tuple[ArticleError, ...]

    def lines(self) -> list[str]:
        """One ``file: reason`` line per problem, in corpus order."""
        return [f"{p.path}: {p.message}" for p in self.problems]


def check_corpus(corpus: Path) -> CheckResult:
    """Every problem of ``corpus``: ``check_corpus(Path("corpus")).problems`` -> ``()``."""
    result = read_corpus(corpus)
    problems = list(result.errors)
    live: set[str] = set()
    for source in result.sources:
        try:
            extract(clean(source))
        except ArticleError as exc:
            problems.append(exc)
            continue
        except Exception as exc:  # noqa: BLE001 - report it like the build does
            problems.append(ArticleError(source.path, f"could not process: {exc!r}"))
            continue
        live.add(source.id)
    retired, retired_problems = load_retired(corpus)
    _, cycle_problems = resolve(retired, live)
    problems.extend(ArticleError(RETIRED_FILE, p) for p in [*retired_problems, *cycle_problems])
    problems.sort(key=lambda p: file_order(p.path))
    return CheckResult(len(live), tuple(problems))
