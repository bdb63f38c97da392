"""tools/eval_real.py: real articles get an editor's header, are extracted and keyed by stem."""

from __future__ import annotations

import csv
import importlib.util
from pathlib import Path

import pytest
import yaml

from tests.helpers import REPO

_SPEC = importlib.util.spec_from_file_location("eval_real", REPO / "tools" / "eval_real.py")
eval_real = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(eval_real)

ARTICLE = (
    "أعلن وزير الخارجية الروسي سيرغي لافروف في موسكو يوم 20 نوفمبر أن بلاده سترسل 4000 طن "
    "من المساعدات إلى سوريا.\n"
)


def test_header_gives_the_date_and_source() -> None:
    text = eval_real.with_header("نص", "2015-08-06", "was")
    assert text.startswith("---\ndate: 2015-08-06\nsource: was\n---\n")


def test_extract_split_keys_metadata_by_stem(tmp_path: Path) -> None:
    (tmp_path / "0001_test.txt").write_text(ARTICLE, encoding="utf-8")
    rows = [{"stem": "0001_test", "split": "dev", "date": "2015-11-21", "source": "test"}]
    [item] = eval_real.extract_split(rows, tmp_path)
    assert item["id"] == "0001_test"
    assert item["date"] == "2015-11-21"
    assert any(e["ar"] == "سيرغي لافروف" for e in item["entities"])
    assert {ev["date"] for ev in item["events"]} == {"2015-11-20"}


def test_gold_files_cover_the_table_and_hold_no_article_text() -> None:
    real = REPO / "eval" / "real"
    with (real / "articles.tsv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    for split in ("dev", "heldout"):
        gold = yaml.safe_load((real / f"{split}.gold.yml").read_text(encoding="utf-8"))
        stems = {r["stem"] for r in rows if r["split"] == split}
        assert set(gold) == stems, split
        for entry in gold.values():
            assert set(entry) >= {"people", "places", "organizations", "events", "figures",
                                  "quotes"}
            for quote in (entry["quotes"] or {}).get("must") or []:
                assert "text" not in quote  # speakers and counts only, never the words


def test_only_stems_keeps_the_listed_rows_and_gold() -> None:
    rows = [{"stem": s, "split": "dev", "date": "2015-07-21", "source": "x"} for s in "abc"]
    gold = {s: {"people": {"must": []}} for s in "abc"}
    kept, kept_gold = eval_real.only_stems(rows, gold, {"a", "c"})
    assert [r["stem"] for r in kept] == ["a", "c"]
    assert set(kept_gold) == {"a", "c"}


def test_only_stems_refuses_a_stem_outside_the_split() -> None:
    rows = [{"stem": "a", "split": "dev", "date": "2015-07-21", "source": "x"}]
    with pytest.raises(ValueError, match="zz"):
        eval_real.only_stems(rows, {"a": {}}, {"a", "zz"})


def test_dev4_stems_are_dev_articles() -> None:
    real = REPO / "eval" / "real"
    stems = (real / "dev4.stems").read_text(encoding="utf-8").split()
    dev = {r["stem"] for r in eval_real.articles("dev", real / "articles.tsv")}
    assert len(stems) == 13 and set(stems) <= dev
