"""Derive ``builder/extract/data/common_words.tsv``: Arabic words that are never a name.

    python tools/build_common_words.py [--shared DIR] [--out FILE]

A word is listed when it is common in running text outside names and is no known name
word:

* NewsFANE Gold (``DIR/ner/newsfane``, CC BY-SA 3.0): tagged outside any entity at least
  ``MIN_O`` times and inside one at most ``MAX_ENTITY_SHARE`` of the time;
* the SaudiNewsNet sample (``DIR/data/saudinewsnet``; every article except the held-out
  ones of ``eval/real/articles.tsv``): seen at least ``MIN_FREQ`` times and also with a
  possessive pronoun (``شكره`` for ``شكر``, ``قيادته`` for ``قيادة``), which names never
  take;

minus every word of a name (those that have the shape of a verb or a verbal noun in
``data/wordclass.yml`` or of ب/ل on a noun, انتصار, تامر, لبنى, are listed with the
evidence ``name``; common words
that are name words too, شكر, get ``+name``: they are names, but with a possessive
pronoun, شكره, they are not): the Arabic side of the Wikidata name words
(``DIR/data/open-names``, CC0) used by at least two labels, the people gazetteer, and
NewsFANE words tagged inside entities. Only the words are written (normalised, one a
line, with the evidence), never any text. The output is sorted, so a rerun gives the same
file.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder.extract.lexicon import gazetteer, titles  # noqa: E402
from builder.extract.wordclass import _shapes  # noqa: E402
from builder.normalize import normalize  # noqa: E402

OUT = ROOT / "builder" / "extract" / "data" / "common_words.tsv"
MIN_O = 2
MAX_ENTITY_SHARE = 0.1
MIN_FREQ = 4
MIN_NAME_LABELS = 2
_WORD = re.compile(r"[\u0621-\u064a]+")
_MARKS = str.maketrans("", "", "\u200e\u200f\ufeff")
#: Possessive pronouns (a bare ه is left out: it is also ة normalised, بخاريه).
_POSSESSIVE = ("ها", "هم", "هما", "هن", "كم", "نا")


#: NewsFANE classes of people's names, and of places' (bodies are named with common nouns,
#: وزارة الدفاع, and so are places of several words, البحر الأحمر: only a place named by
#: one word makes that word a name word).
_PERSON_CLASSES = {"Politician", "Athlete", "Artist", "Other_PER", "Religious_PER",
                   "Scientist", "Businessperson", "Lawyer", "Engineer"}
_NAME_CLASSES = _PERSON_CLASSES | {"Nation", "Population-Center", "State-or-Province",
                                   "County-or-District", "Continent", "Water-Body"}


def newsfane(path: Path) -> tuple[Counter, Counter]:
    """(outside any entity, inside a person's name or a one-word place name) counts of
    the normalised words of NewsFANE Gold."""
    outside: Counter = Counter()
    inside: Counter = Counter()
    rows: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.translate(_MARKS).rstrip("\r\n")
            if "\t" in line:
                word, tag = line.split("\t", 1)
                rows.append((normalize(word.strip()), tag.strip()))
            else:
                rows.append(("", "O"))
    for i, (word, tag) in enumerate(rows):
        if not _WORD.fullmatch(word):
            continue
        nxt = rows[i + 1][1] if i + 1 < len(rows) else "O"
        if tag == "O":
            outside[word] += 1
        elif tag[2:] in _PERSON_CLASSES or (
                tag[2:] in _NAME_CLASSES and tag.startswith("B-") and not nxt.startswith("I-")):
            inside[word] += 1  # a person's name word, or a place named by one word
    return outside, inside


def saudi(folder: Path, skip: set[str]) -> Counter:
    """Counts of normalised words of the SaudiNewsNet articles not in ``skip``."""
    counts: Counter = Counter()
    for path in sorted(folder.glob("*.txt")):
        if path.stem in skip:
            continue
        counts.update(_WORD.findall(normalize(path.read_text(encoding="utf-8"))))
    return counts


def heldout(table: Path) -> set[str]:
    with table.open(encoding="utf-8") as fh:
        return {r["stem"] for r in csv.DictReader(fh, delimiter="\t") if r["split"] != "dev"}


def name_words(path: Path) -> set[str]:
    """Arabic words of the open name data used by at least ``MIN_NAME_LABELS`` labels
    (over all their English spellings),
    and every word of the people gazetteer and of titles' connectors."""
    labels: Counter = Counter()  # an Arabic word, over all its English spellings
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = line.rstrip("\n").split("\t")
            if len(row) >= 3 and row[2].isdigit():
                labels[normalize(row[1].replace(" ", ""))] += int(row[2])
    out = {word for word, n in labels.items() if n >= MIN_NAME_LABELS}
    for name in gazetteer():
        if name.type == "person":
            for variant in name.variants:
                out.update(variant.split())
    out.update(titles().connectors)
    return out


def _possessed(word: str, counts: Counter) -> bool:
    if word.endswith("ه"):
        return any(counts[word[:-1] + "ت" + s] for s in ("ه", *_POSSESSIVE))
    return any(counts[word + s] for s in _POSSESSIVE)


def build(shared: Path) -> dict[str, str]:
    """word -> evidence (``newsfane`` and/or ``possessive``)."""
    outside, inside = newsfane(shared / "data" / "ner" / "newsfane" / "NewsFANE_Gold_2014_170K.txt")
    counts = saudi(shared / "data" / "saudinewsnet" / "articles",
                   heldout(ROOT / "eval" / "real" / "articles.tsv"))
    names = name_words(shared / "data" / "open-names" / "wikidata-person-name-tokens.tsv")
    names |= {w for w, n in inside.items() if n > MAX_ENTITY_SHARE * outside[w]}
    out: dict[str, str] = {}
    for word, n in outside.items():
        if n >= MIN_O and inside[word] <= MAX_ENTITY_SHARE * n:
            out[word] = "newsfane"
    for word, n in counts.items():
        if n >= MIN_FREQ and len(word) > 2 and _possessed(word, counts):
            out[word] = "newsfane+possessive" if word in out else "possessive"
    for word in list(out):
        bare = word[2:] if word.startswith("ال") else word
        if len(word) < 3:
            del out[word]
        elif word in names or bare in names:  # شكر: a name word too, yet شكره is no name
            out[word] += "+name"
    shapes = _shapes()
    for word in names:  # name words that look like a verb, a verbal noun or ب/ل on a noun
        if len(word) >= 4 and word not in out and (any(
                shapes[k].fullmatch(word) for k in ("masdar", "verbs", "adjectives", "indefinite", "nouns"))
                or (word[0] in "بل" and word[1] not in "اوي")):
            out[word] = "name"
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    words = build(args.shared)
    with args.out.open("w", encoding="utf-8") as fh:
        fh.write("# Arabic words that are never a name (normalised), made by\n"
                 "# tools/build_common_words.py from NewsFANE Gold (CC BY-SA 3.0, Alotaibi &\n"
                 "# Lee 2014) and word counts of the SaudiNewsNet sample, minus Wikidata name\n"
                 "# words (CC0). See builder/extract/data/README.md. word<TAB>evidence\n")
        for word in sorted(words):
            fh.write(f"{word}\t{words[word]}\n")
    print(f"{len(words)} words -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
