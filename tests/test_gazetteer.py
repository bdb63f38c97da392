"""builder/extract/gazetteer.py: paragraphs prepared for matching, the Aho-Corasick matcher
(proclitics, the ل that swallows an article's alef, names written together, longest hit),
the gazetteer's automaton and typos in known people's names."""

from __future__ import annotations

import pytest

from builder.extract.gazetteer import (
    MIN_KEY,
    PROCLITICS,
    Hit,
    Matcher,
    fuzzy_people,
    gazetteer_matcher,
    paragraph,
    select_longest,
)
from builder.extract.lexicon import Name, gazetteer
from builder.normalize import normalize
from tests.helpers import SAUDI

#: A small automaton this module owns (payloads are plain strings).
PHRASES = {
    "موسكو": "Moscow",
    "واشنطن": "Washington",
    "جامعة الدول العربية": "Arab League",
    "الدول العربية": "Arab states",
    "الرقة": "Raqqa",
    "عبد ربه": "Abd Rabbuh",
    "عبدربه": "Abdrabbuh",
}


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher({normalize(k): (v,) for k, v in PHRASES.items()})


def _found(matcher: Matcher, text: str, longest: bool = True) -> list[tuple[str, str, str]]:
    """(payload, proclitic, original text of the hit) for every hit in ``text``."""
    para = paragraph(text)
    out = []
    for h in matcher.find(para, longest=longest):
        s, e = para.span(h.start, h.end)
        out.append(("/".join(map(str, h.payload)), h.prefix, text[s:e]))
    return out


# --------------------------------------------------------------------------- paragraph


def test_paragraph_cuts_the_normalised_text_into_words() -> None:
    para = paragraph("قال: «فلاديمير بوتين» أمس", index=3)
    assert para.index == 3 and para.original == "قال: «فلاديمير بوتين» أمس"
    assert para.norm == normalize(para.original)
    assert para.texts == ["قال", "فلاديمير", "بوتين", "امس"]
    assert para.gaps == ["", ": «", " ", "» ", ""]
    assert para.compact == "قالفلاديميربوتينامس"
    assert para.cstarts == [0, 3, 11, 16]
    assert [para.norm[t.start:t.end] for t in para.tokens] == para.texts
    assert para.tokens[1:3] == [para.tokens[1], para.tokens[2]]
    assert len(para.tokens) == 4


@pytest.mark.parametrize("text", [
    "مُوسْكُو العاصمة",  # tashkeel is left out of the normalised text
    "مـــوسكو العاصمة",  # and tatweel
    "موسكو ١٢٣ العاصمة",  # Arabic-Indic digits
    "إسطنبول، أنقرة؛ ومؤتمر",  # hamza forms and punctuation
])
def test_span_maps_normalised_offsets_back_to_the_original(text: str) -> None:
    para = paragraph(text)
    for tok in para.tokens:
        s, e = para.span(tok.start, tok.end)
        assert normalize(text[s:e]) == tok.text, (tok, text[s:e])
    assert para.span(0, 0) == (para.omap[0], para.omap[0])


def test_paragraph_without_letters_has_no_words(matcher: Matcher) -> None:
    para = paragraph("123 ، !")
    assert para.texts == [] and para.compact == ""
    assert matcher.find(para) == []


# --------------------------------------------------------------------------- Matcher


@pytest.mark.parametrize(("text", "expected"), [
    ("وصل إلى موسكو أمس", [("Moscow", "", "موسكو")]),
    ("وموسكو وبموسكو ولموسكو", [("Moscow", "و", "موسكو"), ("Moscow", "وب", "موسكو"),
                               ("Moscow", "ول", "موسكو")]),
    ("فموسكو كموسكو", [("Moscow", "ف", "موسكو"), ("Moscow", "ك", "موسكو")]),
    # the ل of للرقة swallows the article's alef: the hit is ل + (ا)لرقة
    ("دخلوا للرقة", [("Raqqa", "ل", "لرقة")]),
    ("والرقة وبالرقة", [("Raqqa", "و", "الرقة"), ("Raqqa", "وب", "الرقة")]),
    # two names written as one word (a missing space is a common typing slip)
    ("بين موسكووواشنطن", [("Moscow", "", "موسكو"), ("Washington", "موسكوو", "واشنطن")]),
    # spellings that differ only in spaces share one key and both payloads
    ("عبد ربه منصور", [("Abd Rabbuh/Abdrabbuh", "", "عبد ربه")]),
    ("عبدربه منصور", [("Abd Rabbuh/Abdrabbuh", "", "عبدربه")]),
    # the display keeps the editor's tashkeel
    ("ومُوسْكو", [("Moscow", "و", "مُوسْكو")]),
])
def test_find_hits_with_proclitics_and_merged_words(matcher: Matcher, text: str,
                                                     expected: list) -> None:
    assert _found(matcher, text) == expected


@pytest.mark.parametrize("text", [
    "موسكوفي",  # a longer word that begins like the name
    "هموسكو",  # letters before it that are no proclitic
    "وفبموسكو",  # nor a pair of them
    "الرقةالجديدة",  # nor after it (and no known name follows)
    "عبد، ربه",  # punctuation between the words of a phrase
    "الدولة العربية",  # a different word
])
def test_no_hit_inside_a_word_or_across_punctuation(matcher: Matcher, text: str) -> None:
    assert _found(matcher, text) == []


def test_longest_hit_wins_and_every_hit_is_kept_on_request(matcher: Matcher) -> None:
    text = "في جامعة الدول العربية اليوم"
    assert _found(matcher, text) == [("Arab League", "", "جامعة الدول العربية")]
    assert sorted(_found(matcher, text, longest=False)) == [
        ("Arab League", "", "جامعة الدول العربية"), ("Arab states", "", "الدول العربية")]


def test_hit_offsets_and_tokens_agree(matcher: Matcher) -> None:
    para = paragraph("اجتماع جامعة الدول العربية في موسكو")
    league, moscow = matcher.find(para)
    assert (league.first, league.last, moscow.first, moscow.last) == (1, 3, 5, 5)
    assert para.norm[league.start:league.end] == league.key == normalize("جامعة الدول العربية")
    assert league.length == len(league.key) and not league.fuzzy


def test_short_phrases_are_not_matched() -> None:
    short = "ب" * (MIN_KEY - 1)
    m = Matcher({short: ("x",), "م ن": ("y",)})
    assert m.find(paragraph(f"قال {short} م ن")) == []
    assert Matcher({}).find(paragraph("موسكو")) == []


def test_proclitics_are_single_letters_and_their_pairs() -> None:
    assert "" in PROCLITICS and all(len(p) <= 2 for p in PROCLITICS)
    assert set("وفبلك") <= PROCLITICS and "ال" not in PROCLITICS


# --------------------------------------------------------------------------- select_longest


def _hit(start: int, end: int, key: str = "x") -> Hit:
    return Hit(0, 0, start, end, key, ())


def test_select_longest_drops_overlaps_longest_then_earliest_in_text_order() -> None:
    hits = [_hit(10, 14, "d"), _hit(0, 5, "a"), _hit(3, 9, "b"), _hit(8, 12, "c"),
            _hit(20, 22, "e")]
    # b (6) beats a (5) and c (4); d (4) does not overlap b; e stands alone
    assert [h.key for h in select_longest(hits)] == ["b", "d", "e"]
    # equal lengths: the earlier one wins
    assert [h.key for h in select_longest([_hit(4, 8, "late"), _hit(2, 6, "early")])] == \
        ["early"]
    assert select_longest([]) == []
    # touching hits do not overlap
    assert len(select_longest([_hit(0, 3), _hit(3, 6)])) == 2


# --------------------------------------------------------------------------- the gazetteer


def test_gazetteer_matcher_is_built_once_over_every_spelling() -> None:
    m = gazetteer_matcher()
    assert m is gazetteer_matcher()
    names = gazetteer()
    assert all(isinstance(p, Name) for payload in m.phrases.values() for p in payload)
    # every spelling of every entry is a phrase whose payloads include the entry
    for name in names[:: max(1, len(names) // 300)]:
        for variant in name.variants:
            assert name in m.phrases[variant], (name.en, variant)


@pytest.mark.parametrize(("text", "en", "kind"), [
    ("التقى فلاديمير بوتين نظيره", "Vladimir Putin", "person"),
    ("وصل الوفد إلى الولايات المتحدة", "United States", "place"),
    ("في مقر جامعة الدول العربية", "Arab League", "organization"),
    ("لعب موسمين في إنجلترا", "England", "place"),  # a nation of the UK, not the UK
    ("عاد الوفد إلى بريطانيا", "United Kingdom", "place"),
])
def test_gazetteer_matcher_finds_known_names(text: str, en: str, kind: str) -> None:
    hits = gazetteer_matcher().find(paragraph(text))
    assert [(n.en, n.type) for h in hits for n in h.payload] == [(en, kind)]


@pytest.mark.parametrize(("text", "written", "prefix"), [
    ("التقى فلادمير بوتين بالأمس", "فلادمير بوتين", ""),  # one letter missing
    ("التقى وفلادمير بوتين بالأمس", "فلادمير بوتين", "و"),  # with a conjunction on it
])
def test_fuzzy_people_finds_known_names_with_a_typo(text: str, written: str,
                                                    prefix: str) -> None:
    para = paragraph(text)
    hits = gazetteer_matcher().find(para)
    fuzzy = fuzzy_people(para, hits)
    assert len(fuzzy) == 1
    h = fuzzy[0]
    assert h.fuzzy and h.prefix == prefix and [n.en for n in h.payload] == ["Vladimir Putin"]
    s, e = para.span(h.start, h.end)
    assert text[s:e] == written


@pytest.mark.parametrize("text", [
    "التقى فلاديمير بوتين بالأمس",  # written right: the exact hit covers it
    "التقى فلادمير الرئيس بالأمس",  # only one word of the name is there
    "التقى فلادمي بوتين بالأمس",  # two edits in a short word
])
def test_fuzzy_people_finds_nothing_without_a_close_full_name(text: str) -> None:
    para = paragraph(text)
    assert fuzzy_people(para, gazetteer_matcher().find(para)) == []


@pytest.mark.skipif(not SAUDI.is_dir(), reason=f"{SAUDI} is not on this machine")
def test_hits_on_real_articles_are_words_of_the_text() -> None:
    """On real news, every hit is a spelling of its entries written in the text (after a
    proclitic, or after ل that swallowed the article), hits never overlap, and come in order."""
    m = gazetteer_matcher()
    checked = 0
    for path in sorted(SAUDI.glob("*.txt"))[:60]:
        for line in path.read_text(encoding="utf-8").splitlines():
            para = paragraph(line)
            hits = m.find(para)
            assert [h.start for h in hits] == sorted(h.start for h in hits)
            assert all(a.end <= b.start for a, b in zip(hits, hits[1:], strict=False))
            for h in hits:
                s, e = para.span(h.start, h.end)
                written = "".join(normalize(line[s:e]).split())
                key = "".join(h.key.split())
                assert written in (key, key[1:]), (path.name, line[s:e], h.key)
                assert written == key or h.prefix in ("ل", "ول", "فل")
                assert all(h.key in n.variants for n in h.payload)
                checked += 1
    assert checked > 300
