"""The learned name recogniser (builder/extract/recogniser.py) and its training script."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from builder.extract import recogniser
from builder.extract.gazetteer import paragraph
from builder.extract.recogniser import features, prepare, sentence_features, spans, tag
from tests.helpers import REPO

_SPEC = importlib.util.spec_from_file_location("train_recogniser",
                                               REPO / "tools" / "train_recogniser.py")
train = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(train)


def _feats(text: str, k: int) -> list[str]:
    return features(prepare(paragraph(text)), k)


def test_features_describe_the_word_and_its_context() -> None:
    f = _feats("قال الرئيس بوتين، إن", 2)
    assert "w=بوتين" in f
    assert "T-1" in f and "w-1=رئيس" in f  # the word before is a title word
    assert "tp" in f and "vp" in f  # a title and a speech verb precede
    assert "g+=," in f and "gz=B-person" in f  # a comma follows; the gazetteer knows him
    g = _feats("وصل الوفد إلى وبيروت", 3)
    assert {"w=وبيروت", "c=بيروت", "s3=روت", "p2=وب"} <= set(g)
    h = _feats("أعلنت وزارة الخارجية", 2)
    assert {"b=خارجيه", "a=ال", "H-1"} <= set(h)
    assert len(h) == len(set(h))  # distinct names: crfsuite would add a repeated one twice


def test_features_are_pure_and_deterministic() -> None:
    s = prepare(paragraph("أكد الوزير الفنلندي كارلو ميتينين أن بلاده"))
    first = sentence_features(s)
    again = sentence_features(s)
    assert first == again and list(first[3]) == list(again[3])  # same features, same order
    assert s == prepare(paragraph("أكد الوزير الفنلندي كارلو ميتينين أن بلاده"))
    assert [f for f in first[0] if f.startswith("w-")] == ["w-2=<s>", "w-1=<s>"]


def test_spans_read_bio_labels() -> None:
    assert spans(["O", "B-PER", "I-PER", "O", "B-LOC"]) == [("person", 1, 2), ("place", 4, 4)]
    assert spans(["I-ORG", "I-ORG", "B-ORG"]) == [("organization", 0, 1),
                                                  ("organization", 2, 2)]
    assert spans(["B-PER", "I-LOC"]) == [("person", 0, 0), ("place", 1, 1)]
    assert spans([]) == []


def test_model_finds_a_person_after_a_title_it_never_saw() -> None:
    para = paragraph("وأكد الوزير الفنلندي كارلو ميتينين أن بلاده ستدعم الاتفاق")
    found = [(m.type, para.texts[m.first], para.texts[m.last]) for m in tag(para)]
    assert ("person", "كارلو", "ميتينين") in found
    m = next(m for m in tag(para) if m.type == "person")
    assert 0.5 < m.confidence <= 1.0


def test_tag_of_an_empty_paragraph() -> None:
    assert tag(paragraph("... 2015 !")) == []


@pytest.mark.parametrize(("tokens", "expected"), [
    ([("و", "O"), ("الرسوم", "O")], [("والرسوم", "O")]),
    ([("ل", "O"), ("الاتحاد", "B-ORG"), ("الدولي", "I-ORG")],
     [("للاتحاد", "B-ORG"), ("الدولي", "I-ORG")]),
    ([("ان", "O"), ("ها", "O"), ("و", "O"), ("ب", "O"), ("ما", "O")],
     [("انها", "O"), ("وبما", "O")]),
    ([("علي", "O"), ("ه", "O"), (".", "O")], [("عليه", "O"), (".", "O")]),
    ([("ك", "O"), ("ما", "O")], [("كما", "O")]),
    ([("2006", "O"), ("كم", "O")], [("2006", "O"), ("كم", "O")]),
])
def test_clitics_are_written_back_onto_their_word(tokens, expected) -> None:
    assert train.rejoin(tokens) == expected


def test_fine_classes_fold_to_three_types() -> None:
    sent = [("بوش", "B-Politician"), ("العرب", "B-Group"), ("لبنان", "I-Nation"),
            ("رويترز", "B-Media"), ("فيراري", "B-Land")]
    assert [lab for _, lab in train.fold(sent)] == ["B-PER", "O", "B-LOC", "B-ORG", "O"]


def test_a_word_takes_the_label_of_its_token() -> None:
    sent, labels = train.to_words([("قال", "O"), ("جون", "B-PER"), ("بولتون", "I-PER"),
                                   ("(", "O"), ("د.ب.ا", "B-ORG"), (")", "O")])
    assert list(sent.words) == ["قال", "جون", "بولتون", "د", "ب", "ا"]
    assert labels == ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "I-ORG"]
    assert sent.gaps[3] == "(" and sent.gaps[6] == ")"


def _synthetic(path: Path) -> None:
    """A tiny NewsFANE-like file: names after titles and prepositions, clitics split."""
    people = [("سامر", "الخطيب"), ("كارين", "موللر"), ("ليو", "تشانغ"), ("نادر", "القاسم")]
    places = ["فالنسيا", "بنغازي", "اوساكا", "تامبيري"]
    lines = ["\ufeff"]
    for i in range(40):
        first, last = people[i % 4]
        place = places[(i // 4) % 4]
        for tok, lab in [("\u200eو", "O"), ("\u200eقال", "O"), ("\u200eالوزير", "O"),
                         (f"\u200e{first}", "B-Politician"), (f"\u200e{last}", "I-Politician"),
                         ("\u200eفي", "O"), (f"\u200e{place}", "B-Population-Center"),
                         ("\u200eان", "O"), ("\u200eه", "O"), (".", "O")]:
            lines.append(f"{tok}\t{lab}\r")
        lines.append("\t\r")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_training_script_runs_end_to_end_on_tiny_data(tmp_path: Path) -> None:
    data = tmp_path / "tiny.txt"
    _synthetic(data)
    out = tmp_path / "model"
    assert train.main(["--newsfane", str(data), "--out", str(out), "--iterations", "30"]) == 0
    scores = json.loads((out / "scores.json").read_text(encoding="utf-8"))
    assert scores["sentences"] == {"train": 32, "held_out": 8}
    assert scores["held_out"]["0.00"]["person"]["gold"] == 8
    assert scores["held_out"]["0.00"]["all"]["F1"] > 0.9  # learned what a name looks like
    first = (out / "names.crfsuite").read_bytes()
    train.main(["--newsfane", str(data), "--out", str(out), "--iterations", "30"])
    assert (out / "names.crfsuite").read_bytes() == first  # same data, same model


def test_shipped_model_and_scores_agree() -> None:
    scores = json.loads((recogniser.MODEL_DIR / "scores.json").read_text(encoding="utf-8"))
    assert recogniser.MODEL.stat().st_size < 4_000_000
    assert scores["params"] == {**train.PARAMS}
    assert scores["held_out"]["0.00"]["all"]["F1"] > 0.65


def test_a_paragraph_is_tagged_sentence_by_sentence() -> None:
    s = prepare(paragraph("قال الرئيس إن. وأضاف الوزير؟ نعم 3.5 مليون"))
    assert recogniser.sentences(s) == [(0, 3), (3, 5), (5, 6), (6, 7)]
    long = prepare(paragraph(" ".join(["كلمة"] * (recogniser.MAX_WORDS * 2 + 5))))
    assert recogniser.sentences(long) == [(0, 150), (150, 300), (300, 305)]
    para = paragraph("وصل الوفد أمس. وأكد الوزير الفنلندي كارلو ميتينين أن بلاده ستدعم الاتفاق")
    found = [(m.type, m.first, m.last) for m in tag(para)]
    assert ("person", 6, 7) in found  # offsets in the paragraph, not in its sentence
