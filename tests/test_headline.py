"""Generated headline and summary (builder/extract/headline.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builder.clean import clean
from builder.extract._data import load
from builder.extract.headline import make_headline, make_summary
from builder.model import Article, Header, Source
from builder.normalize import normalize

SAUDI = Path(__file__).resolve().parents[2] / "shared" / "data" / "saudinewsnet"


def _article(*paragraphs: str, title: str | None = None) -> Article:
    return Article(id="t", path="t.txt", order=0, lang="ar", paragraphs=paragraphs,
                   header=Header(title=title, title_en="English" if title else None))


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        # cut at the comma that ends the first clause (14 words)
        ("أثنى الرئيس الروسي فلاديمير بوتين على نتائج الغارات الجوية الروسية ضد الإرهابيين في "
         "سوريا، لكنه أشار إلى أنها غير كافية لتطهير هذا البلد منهم.",
         "أثنى الرئيس الروسي فلاديمير بوتين على نتائج الغارات الجوية الروسية ضد الإرهابيين في سوريا"),
        # a short lead sentence is kept whole, without its full stop
        ("اجتذب الاتفاق الإيراني عاصفة الانتقادات المتوقعة. وقال مسؤولون إنه مهم.",
         "اجتذب الاتفاق الإيراني عاصفة الانتقادات المتوقعة"),
        # no dangling preposition or conjunction at the end
        ("كشف الرئيس الروسى فلاديمير بوتين أمس عن أن روسيا تواصلت مع مصر والسعودية والإمارات "
         "والأردن وإسرائيل لبحث التعاون.",
         "كشف الرئيس الروسى فلاديمير بوتين أمس عن أن روسيا تواصلت مع مصر والسعودية والإمارات"),
        # a dateline prefix is skipped
        ("سبق- الرياض: استقبل مدير عام صحيفة سبق بمكتبه صباح أمس وفداً من شركة صينية.",
         "استقبل مدير عام صحيفة سبق بمكتبه صباح أمس وفداً من شركة صينية"),
        # a quote left open by the cut is dropped
        ("أنعش معرض \"هواة الطوابع البريدية\" الذي ينظمه البريد السعودي بمركز الملك فهد الثقافي "
         "\"قرية المفتاحة\" ذاكرة الزوار.",
         "أنعش معرض \"هواة الطوابع البريدية\" الذي ينظمه البريد السعودي بمركز الملك فهد الثقافي"),
    ],
)
def test_generated_headline(lead: str, expected: str) -> None:
    title, title_en = make_headline(_article(lead), ())
    assert title == expected
    assert title_en is None


def test_dateline_paragraph_is_skipped() -> None:
    article = _article("الدمام 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس",
                       "أنهى برنامج الشباب أمس تسع دورات تدريبية أقامتها لجنة التنمية الاجتماعية.")
    assert make_headline(article, ())[0].startswith("أنهى برنامج الشباب")


def test_header_title_wins() -> None:
    article = _article("أعلن الرئيس شيئا مهما جدا اليوم في العاصمة.", title="عنوان المحرر")
    assert make_headline(article, ()) == ("عنوان المحرر", "English")


def test_summary_is_one_or_two_lead_sentences() -> None:
    article = _article("قال بوتين إن العملية مستمرة. وأضاف أن النتائج جيدة. ثم غادر القاعة.")
    assert make_summary(article, ())[0] == "قال بوتين إن العملية مستمرة. وأضاف أن النتائج جيدة."
    long = "أعلن " + "، ".join(["الرئيس الروسي كلاما طويلا"] * 30) + "."
    summary, summary_en = make_summary(_article(long), ())
    assert len(summary.split()) <= load("headline.yml")["summary_max_words"] + 1
    assert summary.endswith("…") and summary_en is None


@pytest.mark.skipif(not SAUDI.is_dir(), reason="saudinewsnet sample not available")
def test_real_headlines_are_short_and_end_cleanly() -> None:
    """On 300 real articles: ≤ 14 words, no dangling word, balanced marks, never empty."""
    dangling = {normalize(w) for w in load("headline.yml")["dangling"]}
    lines = (SAUDI / "meta.jsonl").read_text(encoding="utf-8").splitlines()[::6][:300]
    for line in lines:
        meta = json.loads(line)
        text = (SAUDI / "articles" / meta["file"]).read_text(encoding="utf-8")
        article = clean(Source(path=meta["file"], id="x", order=0, text=text))
        title, _ = make_headline(article, ())
        words = title.split()
        assert 0 < len(words) <= 14, (meta["file"], title)
        assert normalize(words[-1]).strip("،,.:؛\"'«»“”()") not in dangling, (meta["file"], title)
        assert title.count("«") == title.count("»"), (meta["file"], title)
