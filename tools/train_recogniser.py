"""Train the name recogniser (``builder/extract/recogniser.py``) on NewsFANE Gold.

    python tools/train_recogniser.py [--newsfane FILE] [--out DIR] [--iterations N]
                                     [--c1 X] [--c2 Y]

``make model`` runs it with the shared data (``../shared/data/ner/newsfane/``, CC BY-SA 3.0,
Alotaibi & Lee, COLING 2014) and writes into ``builder/extract/model/``:

- ``names.crfsuite``: the model, trained on the first 80 % of the sentences;
- ``scores.json``: mention-level precision, recall and F1 per type on the last 20 %
  (exact spans), and the same for the mentions whose confidence reaches each threshold.

How NewsFANE's text is made to look like what the extractor sees: U+200E/U+200F and the BOM
are removed; the clitics NewsFANE writes as words of their own are written back onto their
word, as in the archive's text (``و الرسوم`` -> ``والرسوم``, ``ل الاتحاد`` -> ``للاتحاد``,
``ان ها`` -> ``انها``); the sentence is joined with spaces and cut into words by the
extractor's own :func:`builder.extract.gazetteer.paragraph` (the builder's normaliser,
words as letter runs, punctuation and digits between them). A word takes the label of the
NewsFANE token it starts in (the word a clitic was written onto keeps its own label). The 50
fine classes fold to person, place and organisation; groups of people (العرب, the
``Group`` class), products, vehicles, weapons, planets and parts of buildings are not names
here.

Same data and options give the same model and the same scores (no randomness: L-BFGS from
zero weights, sentences in file order).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from builder.extract import recogniser  # noqa: E402
from builder.extract.gazetteer import paragraph  # noqa: E402

SHARED = REPO.parent / "shared" / "data"
NEWSFANE = SHARED / "ner" / "newsfane" / "NewsFANE_Gold_2014_170K.txt"

#: Fine classes -> PER / LOC / ORG (others are not names for the archive).
FOLD = {
    "PER": ("Politician Athlete Artist Other_PER Religious_PER Scientist Businessperson "
            "Lawyer Engineer Police"),
    "LOC": ("Nation Population-Center State-or-Province County-or-District Continent "
            "GPE-Cluster Water-Body Land-Region-Natural Building-Grounds Airport Path"),
    "ORG": ("Government Non-Governmental Commercial Media Sports Educational Religious_ORG "
            "Medical-Science Entertainment"),
}
_FOLD = {fine: coarse for coarse, fines in FOLD.items() for fine in fines.split()}

#: Clitics NewsFANE writes as words: proclitics go onto the next word, enclitics onto the
#: previous one.
PROCLITICS = frozenset({"و", "ف", "ب", "ل", "ك", "س"})
ENCLITICS = frozenset({"ه", "ها", "هم", "هما", "هن", "نا", "ي", "ني", "كم", "كما", "كن", "ن"})

#: Model hyper-parameters (L-BFGS with elastic-net regularisation).
PARAMS = {"c1": 0.1, "c2": 0.05, "max_iterations": 150,
          "feature.possible_transitions": True}
#: Share of the sentences (from the start) the shipped model is trained on.
TRAIN_SHARE = 0.8
#: Confidence thresholds reported in scores.json.
THRESHOLDS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95)

Token = tuple[str, str]  # (text, label)


def read_conll(path: Path) -> list[list[Token]]:
    """Sentences of a token<TAB>label file (blank lines between sentences)."""
    raw = path.read_text(encoding="utf-8-sig")
    for mark in ("\u200e", "\u200f", "\ufeff"):
        raw = raw.replace(mark, "")
    out: list[list[Token]] = []
    cur: list[Token] = []
    for line in raw.splitlines():
        parts = line.strip().split("\t")
        if len(parts) != 2 or not parts[0].strip():
            if cur:
                out.append(cur)
            cur = []
            continue
        cur.append((parts[0].strip(), parts[1].strip()))
    if cur:
        out.append(cur)
    return out


def fold(sentence: Sequence[Token]) -> list[Token]:
    """Fine labels folded to B-/I- PER, LOC, ORG or O; an I- that starts a name becomes B-."""
    out: list[Token] = []
    prev = "O"
    for text, label in sentence:
        kind, _, fine = label.partition("-")
        coarse = _FOLD.get(fine)
        if kind not in ("B", "I") or coarse is None:
            new = "O"
        elif kind == "I" and prev[2:] != coarse:
            new = "B-" + coarse
        else:
            new = f"{kind}-{coarse}"
        out.append((text, new))
        prev = new
    return out


def _arabic_word(text: str) -> bool:
    return bool(text) and all("\u0621" <= c <= "\u064a" for c in text)


def rejoin(sentence: Sequence[Token]) -> list[Token]:
    """Clitics written back onto their word: (و, O) (الرسوم, O) -> (والرسوم, O)."""
    toks = [list(t) for t in sentence]
    # enclitics onto the previous Arabic word: ان ها -> انها, علي ه -> عليه
    out: list[list[str]] = []
    for i, (text, label) in enumerate(toks):
        nxt = toks[i + 1][0] if i + 1 < len(toks) else ""
        enclitic = text in ENCLITICS or (text == "ك" and not _arabic_word(nxt))
        if enclitic and out and _arabic_word(out[-1][0]):
            out[-1][0] += text
            continue
        out.append([text, label])
    # proclitics onto the next word, right to left so that و ب ما -> وبما
    res: list[list[str]] = []
    for text, label in reversed(out):
        if text in PROCLITICS and res and _arabic_word(res[-1][0]) and len(res[-1][0]) >= 2:
            host = res[-1]
            if text.endswith("ل") and host[0].startswith("ال"):
                host[0] = text + host[0][1:]  # ل الاتحاد -> للاتحاد
            else:
                host[0] = text + host[0]
            if label.startswith("B-") and host[1] == "I-" + label[2:]:
                host[1] = label
            continue
        res.append([text, label])
    return [(t, lab) for t, lab in reversed(res)]


def to_words(sentence: Sequence[Token]) -> tuple[recogniser.Sentence, list[str]]:
    """The sentence as the extractor sees it, and one label per word."""
    text = " ".join(t for t, _ in sentence)
    starts, pos = [], 0
    for t, _ in sentence:
        starts.append(pos)
        pos += len(t) + 1
    para = paragraph(text)
    labels: list[str] = []
    tok = 0
    prev_tok = -1
    for k in range(len(para.texts)):
        orig = para.omap[para.starts[k]]
        while tok + 1 < len(starts) and starts[tok + 1] <= orig:
            tok += 1
        label = sentence[tok][1]
        if label.startswith("B-") and tok == prev_tok:
            label = "I-" + label[2:]  # a second word inside one NewsFANE token
        labels.append(label)
        prev_tok = tok
    return recogniser.prepare(para), labels


def prepare_data(sentences: Sequence[Sequence[Token]]):
    """(features, labels) of every sentence, as the extractor would see it."""
    data = []
    for s in sentences:
        sent, labels = to_words(rejoin(fold(s)))
        if labels:
            data.append((recogniser.sentence_features(sent), labels))
    return data


def train(data, model: Path, params: dict) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in data:
        trainer.append(xseq, yseq)
    trainer.set_params(params)
    trainer.train(str(model))


def evaluate(data, model: Path) -> dict:
    """Mention-level P/R/F1 per type (exact spans), overall and by confidence threshold."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    gold: set[tuple] = set()
    pred: list[tuple[tuple, float]] = []
    for i, (xseq, yseq) in enumerate(data):
        gold.update((i, *s) for s in recogniser.spans(yseq))
        labels = tagger.tag(xseq)
        for typ, first, last in recogniser.spans(labels):
            conf = min(tagger.marginal(labels[k], k) for k in range(first, last + 1))
            pred.append(((i, typ, first, last), conf))
    out = {}
    for t in THRESHOLDS:
        kept = {p for p, c in pred if c >= t}
        out[f"{t:.2f}"] = _prf(gold, kept)
    return out


def _prf(gold: set[tuple], pred: set[tuple]) -> dict:
    res = {}
    for typ in (*recogniser.TYPES.values(), "all"):
        g = {x for x in gold if typ in ("all", x[1])}
        p = {x for x in pred if typ in ("all", x[1])}
        tp = len(g & p)
        prec = tp / len(p) if p else 1.0
        rec = tp / len(g) if g else 1.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        res[typ] = {"P": round(prec, 4), "R": round(rec, 4), "F1": round(f1, 4),
                    "gold": len(g), "found": len(p)}
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--newsfane", type=Path, default=NEWSFANE)
    ap.add_argument("--out", type=Path, default=recogniser.MODEL_DIR)
    ap.add_argument("--iterations", type=int, default=PARAMS["max_iterations"])
    ap.add_argument("--c1", type=float, default=PARAMS["c1"], help="L1 regularisation")
    ap.add_argument("--c2", type=float, default=PARAMS["c2"], help="L2 regularisation")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    sentences = read_conll(args.newsfane)
    cut = math.floor(len(sentences) * TRAIN_SHARE)
    train_data = prepare_data(sentences[:cut])
    test_data = prepare_data(sentences[cut:])
    params = {**PARAMS, "max_iterations": args.iterations, "c1": args.c1, "c2": args.c2}
    model = args.out / recogniser.MODEL.name
    train(train_data, model, params)
    scores = {
        "data": args.newsfane.name,
        "sentences": {"train": cut, "held_out": len(sentences) - cut},
        "words": {"train": sum(len(y) for _, y in train_data),
                  "held_out": sum(len(y) for _, y in test_data)},
        "params": params,
        "held_out": evaluate(test_data, model),
    }
    (args.out / "scores.json").write_text(json.dumps(scores, indent=1, ensure_ascii=False)
                                          + "\n", encoding="utf-8")
    best = scores["held_out"]["0.00"]
    for typ, s in best.items():
        print(f"{typ:13s} P {s['P']:.3f}  R {s['R']:.3f}  F1 {s['F1']:.3f}  "
              f"(gold {s['gold']}, found {s['found']})")
    print(f"model {model} ({model.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
