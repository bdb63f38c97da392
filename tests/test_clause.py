"""builder/extract/clause.py: the words around a date that a timeline entry shows — the
whole sentence when short, else the date's clause widened by its neighbours, cut with "…",
never ending on a dangling word."""

from __future__ import annotations

import pytest

from builder.extract._data import load
from builder.extract.clause import date_clause

LIMIT: int = load("headline.yml")["event_max_words"]
WORDS = " ".join(["كلمة"] * 40)
TEXTS = " ".join(["نص"] * 40)


def _clause(text: str, date: str) -> str:
    at = text.index(date)
    return date_clause(text, at, at + len(date))


def _count(text: str) -> int:
    return len(text.replace("…", " ").split())


def test_a_short_sentence_is_given_whole_and_alone() -> None:
    text = "جملة أولى قصيرة. وفي 3 مارس 2016 افتتح الوزير المعرض الجديد. جملة أخرى."
    assert _clause(text, "3 مارس 2016") == "وفي 3 مارس 2016 افتتح الوزير المعرض الجديد."


@pytest.mark.parametrize(("text", "date", "expected"), [
    # a comma, then an opener word (مشيرا) close the clause; the rest is marked cut
    (f"قال الوزير إن الاجتماع عقد يوم 20 نوفمبر 2015 في العاصمة، مشيرا إلى أن {WORDS}.",
     "20 نوفمبر 2015", "قال الوزير إن الاجتماع عقد يوم 20 نوفمبر 2015 في العاصمة …"),
    (f"وصل الوفد في 5 مايو 2016 إلى المدينة حيث {WORDS}",
     "5 مايو 2016", "وصل الوفد في 5 مايو 2016 إلى المدينة …"),
    # a bracket opens a clause of its own
    (f"افتتح الوزير يوم 5 مايو 2016 المعرض ({WORDS})",
     "5 مايو 2016", "افتتح الوزير يوم 5 مايو 2016 المعرض …"),
    # the clause before the date's joins it while the words fit (it names who acted)
    (f"{WORDS}، أعلن الوزير، أنه في 5 مايو 2016 سيفتتح المعرض، {WORDS}",
     "5 مايو 2016", "… أعلن الوزير، أنه في 5 مايو 2016 سيفتتح المعرض …"),
])
def test_a_long_sentence_gives_the_clause_of_its_date(text: str, date: str,
                                                      expected: str) -> None:
    assert _clause(text, date) == expected


def test_a_long_clause_is_a_window_around_the_date_cut_on_both_sides() -> None:
    text = f"{WORDS} في 5 مايو 2016 {TEXTS}"
    out = _clause(text, "5 مايو 2016")
    assert out.startswith("… ") and out.endswith(" …")
    assert "5 مايو 2016" in out and _count(out) <= LIMIT
    # the date sits in the first third of the window: what happened follows it
    before = out.split("5 مايو 2016")[0]
    assert _count(before) <= LIMIT // 3 + 1


def test_a_window_never_ends_on_a_dangling_word() -> None:
    text = f"{WORDS} في 5 مايو 2016 {' '.join(['نص'] * 13)} في {TEXTS}"
    out = _clause(text, "5 مايو 2016")
    assert out.endswith("نص …") and not out.endswith("في …")


def test_the_words_are_the_editors() -> None:
    """Matching ignores tashkeel and spelling variants; the clause keeps them."""
    text = f"أعلنَ الوزيرُ يومَ 20 نوفمبر 2015 عن الاتفاقِ، مُشيراً إلى أن {WORDS}"
    assert _clause(text, "20 نوفمبر 2015") == "أعلنَ الوزيرُ يومَ 20 نوفمبر 2015 عن الاتفاقِ …"
