"""bench/search_queries.py: the benchmark's query sets, from synthetic articles."""

from __future__ import annotations

from bench.search_queries import (
    Article,
    arabic_queries,
    bench_key,
    clitic_forms,
    english_queries,
    name_candidates,
    spellings,
)


def test_bench_key_groups_a_word_with_its_clitics_and_endings() -> None:
    assert bench_key("والمعلنة") == bench_key("المعلنة") == bench_key("معلنات") == "معلن"
    assert bench_key("لمزارعي") == bench_key("مزارع")
    assert bench_key("حكومتها") == "حكوم"


def test_reader_spellings() -> None:
    assert spellings("الأميرة") == [("hamza", "الاميرة"), ("ta", "الأميره"), ("al", "أميرة")]
    assert spellings("الروسي") == [("ya", "الروسى"), ("al", "روسي")]
    assert spellings("موسكو") == []


def test_clitic_forms() -> None:
    known = frozenset({"تابع", "سبب", "الوحده", "وحده"})
    assert clitic_forms("والمعلنة") == [("-وال", "المعلنة")]
    assert clitic_forms("للمخيم") == [("-لل", "المخيم")]
    assert clitic_forms("الرياض") == [("+و", "والرياض"), ("+ب", "بالرياض"),
                                      ("+ل", "للرياض"), ("+ف", "فالرياض")]
    assert clitic_forms("وتابع", known) == [("-و", "تابع")]
    assert clitic_forms("وحدة", known)[0] == ("+و", "ووحدة")  # الوحدة: its و is its own
    assert clitic_forms("وتتمنى", known) == []  # a conjunction on an unknown word
    assert clitic_forms("بسبب", known) == [("+و", "وبسبب"), ("+ف", "فبسبب")]


def _articles() -> list[Article]:
    common = "قال المسؤول إن الحكومة ناقشت الخطة في الاجتماع الأسبوعي"
    rare = ["المهرجان السنوي للتمور", "مزارعي النخيل الشمالية", "الإسطبلات الجديدة للفرسان",
            "والتبرعات النقدية للأسر", "المخيم الكشفي الصيفي", "الميزانية الجامعية الجديدة"]
    entities = [("person", "محمد جواد ظريف", "Mohammad Javad Zarif"),
                ("place", "جازان", "Jazan"), ("organization", "الحوثيون", "Houthis")]
    return [Article(f"{i:016x}", f"{common} {rare[i % len(rare)]} {rare[(i + 1) % 6]}",
                    (entities[i % 3],), f"On {entities[i % 3][2]}: news") for i in range(12)]


def test_arabic_queries_are_rare_pairs_from_their_article() -> None:
    articles = _articles()
    plain, clitics = arabic_queries(articles, 5, max_shared=3)
    assert len(plain) == len(clitics) == 5
    texts = {a.id: a.text for a in articles}
    for q, c in zip(plain, clitics, strict=True):
        assert len(q.text.split()) == 2 and q.lang == "ar" and 1 <= q.shared <= 3
        assert q.target == c.target and q.text != c.text
        keys = {bench_key(w) for w in texts[q.target].split()}
        assert {bench_key(w) for w in q.text.split()} <= keys
    assert arabic_queries(articles, 5, max_shared=3) == (plain, clitics)  # fixed seed


def test_english_queries_name_entities_on_both_sides() -> None:
    assert name_candidates("Mohammad Javad Zarif") == ["Mohammad", "Javad", "Zarif",
                                                       "Mohammad Javad Zarif"]
    assert name_candidates("Jazan") == ["Jazan"]
    queries = english_queries(_articles(), 3, max_shared=4)
    assert [q.lang for q in queries] == ["en", "ar"] * 3
    for q in queries:
        assert q.text in {"Mohammad", "Javad", "Zarif", "Jazan", "Houthis"}, q
        assert q.shared <= 4
