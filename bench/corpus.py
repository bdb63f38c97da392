"""Make benchmark corpora of N real articles in a folder outside the repository.

Article ``i`` is real article ``i % 1986`` (in file order) under a fresh, stable 16-hex
id. Beyond the first round, repeating articles as they are would only measure the
builder's duplicate detection (it skips exact and near duplicates), so round ``k >= 1``
joins the first half of article ``i % 1986`` to the second half of another real article
(cut at a sentence end): new text of the same kind and length, sharing no more than half
of its words with any other article. Its date is moved back by ``k`` years so that the
timeline and archive pages grow the way a real archive's do. Dates and sources come from
``meta.jsonl`` and are written as the YAML header an editor would write (``date``,
``source``); headlines are left to the builder.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

SAUDI = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "saudinewsnet"


@dataclass(frozen=True)
class RealArticle:
    """One article of the data set: its text and the newspaper's date and source."""

    name: str
    text: str
    date: str | None
    source: str | None


@lru_cache(maxsize=2)
def real_articles(folder: Path = SAUDI) -> tuple[RealArticle, ...]:
    """The data set's articles in file order (raises FileNotFoundError when absent)."""
    meta: dict[str, dict] = {}
    meta_path = folder / "meta.jsonl"
    if meta_path.is_file():
        for line in meta_path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                meta[item["file"]] = item
    files = sorted((folder / "articles").glob("*.txt"))
    if not files:
        raise FileNotFoundError(f"no articles in {folder / 'articles'}")
    result = []
    for path in files:
        item = meta.get(path.name, {})
        date = (item.get("date_extracted") or "")[:10] or None
        result.append(RealArticle(path.name, path.read_text(encoding="utf-8"), date,
                                  item.get("source")))
    return tuple(result)


def article_id(index: int) -> str:
    """The fresh, stable id of benchmark article ``index``."""
    return hashlib.sha256(f"bench-article-{index}".encode()).hexdigest()[:16]


_SENTENCE_END = re.compile(r"[.!?؟]\s+")


def _cut(text: str) -> int:
    """Offset of the sentence end nearest to the middle of ``text`` (or the middle word)."""
    middle = len(text) // 2
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    inner = [e for e in ends if 0 < e < len(text) - 1]
    if inner:
        return min(inner, key=lambda e: abs(e - middle))
    space = text.find(" ", middle)
    return space + 1 if space > 0 else middle


def _body(index: int, articles: tuple[RealArticle, ...]) -> str:
    n = len(articles)
    first = articles[index % n].text.strip()
    copy = index // n
    if copy == 0:
        return first
    other = articles[(index * 7 + copy * 389 + 1) % n].text.strip()
    if other == first:
        other = articles[(index + 1) % n].text.strip()
    return first[: _cut(first)].rstrip() + "\n" + other[_cut(other) :].lstrip()


def article_text(index: int, articles: tuple[RealArticle, ...] | None = None) -> str:
    """File content of benchmark article ``index`` (YAML header + real text)."""
    articles = articles or real_articles()
    real = articles[index % len(articles)]
    copy = index // len(articles)
    header: dict[str, str] = {}
    if real.date:
        year = int(real.date[:4]) - copy
        header["date"] = f"{year:04d}{real.date[4:]}"
        if header["date"].endswith("02-29"):
            header["date"] = header["date"][:-2] + "28"
    if real.source:
        header["source"] = real.source
    front = yaml.safe_dump(header, allow_unicode=True, sort_keys=False) if header else ""
    body = _body(index, articles) + "\n"
    return f"---\n{front}---\n{body}" if front else body


def file_name(index: int, width: int = 5) -> str:
    """``NNNNN_<id>.txt``: the builder's canonical article file name."""
    return f"{index:0{width}d}_{article_id(index)}.txt"


def make_corpus(target: Path, n: int, start: int = 0) -> list[Path]:
    """Write articles ``start .. start+n-1`` into ``target``; returns their paths."""
    target.mkdir(parents=True, exist_ok=True)
    articles = real_articles()
    paths = []
    for index in range(start, start + n):
        path = target / file_name(index)
        path.write_text(article_text(index, articles), encoding="utf-8")
        paths.append(path)
    return paths
