"""Derive ``builder/extract/data/common_words.tsv``: Arabic words that are never a name.

    python tools/build_common_words.py [--shared DIR] [--out FILE]

A word is listed when it is common in running text outside names and is no known name
word:

* NewsFANE Gold (``DIR/data/ner/newsfane``, CC BY-SA 3.0): tagged outside any entity at least
  ``MIN_O`` times and inside one at most ``MAX_ENTITY_SHARE`` of the time;
* NewsFANE Gold again, whose clitics are split off: followed at least ``MIN_POSSESSED``
  times by a possessive (or object) pronoun of its own token, both tagged outside any
  entity (``شكر ه`` for ``شكر``, ``قيادت ه`` for ``قيادة``), which names never take;
* NewsFANE Gold once outside any entity and never inside one, with the shape of a verb, a
  verbal noun, an adjective or a plural of ``data/wordclass.yml`` (``مواعيد``);

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
MIN_POSSESSED = 1
MIN_NAME_LABELS = 2
#: Shapes of ``data/wordclass.yml`` that common words have.
_COMMON_SHAPES = ("masdar", "verbs", "adjectives", "indefinite", "nouns")
_WORD = re.compile(r"[\u0621-\u064a]+")
_MARKS = str.maketrans("", "", "\u200e\u200f\ufeff")
#: Possessive and object pronouns, split off as tokens of their own in NewsFANE (a bare ه
#: is unambiguous there: ة is never split off).
_PRONOUNS = frozenset({"ه", "ها", "هم", "هما", "هن", "كم", "نا"})


#: NewsFANE classes of people's names, and of places' (bodies are named with common nouns,
#: وزارة الدفاع, and so are places of several words, البحر الأحمر: only a place named by
#: one word makes that word a name word).
_PERSON_CLASSES = {"Politician", "Athlete", "Artist", "Other_PER", "Religious_PER",
                   "Scientist", "Businessperson", "Lawyer", "Engineer"}
_NAME_CLASSES = _PERSON_CLASSES | {"Nation", "Population-Center", "State-or-Province",
                                   "County-or-District", "Continent", "Water-Body"}


def _base(word: str, alone: Counter) -> str:
    """The form of ``word`` written before a pronoun that stands alone: ``قيادت`` ->
    ``قياده``, ``اباي`` -> ``اباء``, ``احرزو`` -> ``احرزوا``; itself when no other form is
    seen alone (``جمعت``)."""
    if alone[word]:
        return word
    alternates = {"ت": ("ه",), "ئ": ("ء",), "ؤ": ("ء",), "و": ("وا",)}.get(word[-1:], ())
    for alt in alternates:
        if alone[word[:-1] + alt]:
            return word[:-1] + alt
    return word


def newsfane(path: Path) -> tuple[Counter, Counter, Counter]:
    """(outside any entity, inside a person's name or a one-word place name, before a
    pronoun of its own token) counts of the normalised words of NewsFANE Gold; a word
    before a pronoun is counted in its form that stands alone (``_base``)."""
    rows: list[tuple[str, str]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.translate(_MARKS).rstrip("\r\n")
            if "\t" in line:
                word, tag = line.split("\t", 1)
                rows.append((normalize(word.strip()), tag.strip()))
            else:
                rows.append(("", "O"))
    rows.append(("", "O"))
    alone: Counter = Counter(w for i, (w, _) in enumerate(rows[:-1])
                             if _WORD.fullmatch(w) and rows[i + 1][0] not in _PRONOUNS)
    outside: Counter = Counter()
    inside: Counter = Counter()
    possessed: Counter = Counter()
    for i, (word, tag) in enumerate(rows[:-1]):
        if not _WORD.fullmatch(word):
            continue
        nxt_word, nxt = rows[i + 1]
        if tag == "O" and nxt == "O" and nxt_word in _PRONOUNS:
            word = _base(word, alone)
            possessed[word] += 1
        if tag == "O":
            outside[word] += 1
        elif tag[2:] in _PERSON_CLASSES or (
                tag[2:] in _NAME_CLASSES and tag.startswith("B-") and not nxt.startswith("I-")):
            inside[word] += 1  # a person's name word, or a place named by one word
    return outside, inside, possessed


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


def build(shared: Path) -> dict[str, str]:
    """word -> evidence (``newsfane``, ``possessive``, ``shape``, ``name``, joined by +)."""
    outside, inside, possessed = newsfane(
        shared / "data" / "ner" / "newsfane" / "NewsFANE_Gold_2014_170K.txt")
    names = name_words(shared / "data" / "open-names" / "wikidata-person-name-tokens.tsv")
    names |= {w for w, n in inside.items() if n > MAX_ENTITY_SHARE * outside[w]}
    shapes = _shapes()
    out: dict[str, str] = {}
    for word, n in outside.items():
        if n >= MIN_O and inside[word] <= MAX_ENTITY_SHARE * n:
            out[word] = "newsfane"
        elif not inside[word] and len(word) >= 4 and any(
                shapes[k].fullmatch(word) for k in _COMMON_SHAPES):
            out[word] = "shape"  # seen once, outside entities, with a common word's shape
    for word, n in possessed.items():
        if n >= MIN_POSSESSED and len(word) > 2 and inside[word] <= MAX_ENTITY_SHARE * outside[word]:
            out[word] = "newsfane+possessive" if word in out else "possessive"
    for word in list(out):
        bare = word[2:] if word.startswith("ال") else word
        if len(word) < 3:
            del out[word]
        elif word in names or bare in names:  # شكر: a name word too, yet شكره is no name
            out[word] += "+name"
    for word in names:  # name words that look like a verb, a verbal noun or ب/ل on a noun
        if len(word) >= 4 and word not in out and (any(
                shapes[k].fullmatch(word) for k in _COMMON_SHAPES)
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
                 "# Lee 2014; its words outside entities, and before a possessive pronoun),\n"
                 "# minus Wikidata name words (CC0). See builder/extract/data/README.md.\n"
                 "# word<TAB>evidence\n")
        for word in sorted(words):
            fh.write(f"{word}\t{words[word]}\n")
    print(f"{len(words)} words -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
