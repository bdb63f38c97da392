"""Score the extractor on annotated real news (``eval/real/``).

    python tools/eval_real.py dev|heldout [--data DIR] [--show] [--json OUT] [--stems FILE]

Each article of the split (``eval/real/articles.tsv``: stem, split, date, source) is read
from ``DIR/<stem>.txt`` (default ``../shared/data/saudinewsnet/articles``), given the
header an editor would write (``date``, ``source``), cleaned and extracted in a temporary
folder; the metadata, keyed by stem, is scored by ``../shared/eval/score.py`` against
``eval/real/<split>.gold.yml``. ``--stems FILE`` (one stem a line, e.g.
``eval/real/dev4.stems``) scores only those articles of the split. Only annotations live in
the repository, never the text.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder.clean import clean  # noqa: E402
from builder.corpus import read_source  # noqa: E402
from builder.extract import extract  # noqa: E402

REAL = ROOT / "eval" / "real"
SHARED = ROOT.parent / "shared"


def articles(split: str, table: Path = REAL / "articles.tsv") -> list[dict[str, str]]:
    """The rows of ``table`` whose split is ``split``."""
    with table.open(encoding="utf-8") as f:
        rows = csv.DictReader(f, delimiter="\t")
        return [row for row in rows if row["split"] == split]


def only_stems(rows: list[dict[str, str]], gold: dict, stems: set[str]) -> tuple[list, dict]:
    """The rows and gold entries of ``stems``; a stem outside the split is an error."""
    unknown = stems - {row["stem"] for row in rows}
    if unknown:
        raise ValueError(f"not in this split: {', '.join(sorted(unknown))}")
    return [r for r in rows if r["stem"] in stems], {k: v for k, v in gold.items() if k in stems}


def with_header(body: str, date: str, source: str) -> str:
    """The article as an editor would add it: a YAML header, then the text."""
    return f"---\ndate: {date}\nsource: {source}\n---\n{body}"


def extract_split(rows: list[dict[str, str]], data: Path) -> list[dict]:
    """Metadata of each row's article (``to_json``), its id replaced by the stem."""
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for row in rows:
            body = (data / f"{row['stem']}.txt").read_text(encoding="utf-8")
            path = Path(tmp) / f"{row['stem']}.txt"
            path.write_text(with_header(body, row["date"], row["source"]), encoding="utf-8")
            item = extract(clean(read_source(path))).to_json()
            item["id"] = row["stem"]
            out.append(item)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", choices=["dev", "heldout"])
    parser.add_argument("--data", type=Path, default=SHARED / "data" / "saudinewsnet" / "articles")
    parser.add_argument("--score", type=Path, default=SHARED / "eval" / "score.py")
    parser.add_argument("--json", type=Path, help="also keep the extracted metadata here")
    parser.add_argument("--show", action="store_true", help="list every miss and false hit")
    parser.add_argument("--stems", type=Path, help="score only the stems listed in this file")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"no articles at {args.data}: the real-news evaluation needs them", file=sys.stderr)
        return 2
    rows, gold_path = articles(args.split), REAL / f"{args.split}.gold.yml"
    with tempfile.TemporaryDirectory() as tmp:
        if args.stems:
            gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
            stems = set(args.stems.read_text(encoding="utf-8").split())
            rows, gold = only_stems(rows, gold, stems)
            gold_path = Path(tmp) / "gold.yml"
            gold_path.write_text(yaml.safe_dump(gold, allow_unicode=True), encoding="utf-8")
        items = extract_split(rows, args.data)
        out = args.json or Path(tmp) / "extracted.json"
        out.write_text(json.dumps(items, ensure_ascii=False, indent=1), encoding="utf-8")
        cmd = [sys.executable, str(args.score), str(gold_path), str(out)]
        return subprocess.run(cmd + (["--show"] if args.show else [])).returncode


if __name__ == "__main__":
    sys.exit(main())
