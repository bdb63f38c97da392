"""Cleaning on the seed articles' real quirks."""

from pathlib import Path

import pytest

from builder.clean import clean, detect_language, normalize_whitespace, sentence_spans
from builder.corpus import read_source
from builder.model import Source
from tests.helpers import CORPUS


def _seed(prefix: str):
    path = next(CORPUS.glob(f"{prefix}_????????????????.txt"))
    return clean(read_source(path))


def test_trailing_boilerplate_is_dropped_and_logged() -> None:
    article = _seed("002")
    assert all("تعليق" not in p for p in article.paragraphs)
    assert any("boilerplate" in n for n in article.notes)


def test_repeated_clause_of_seed_000_is_dropped_once() -> None:
    article = _seed("000")
    text = article.text
    assert text.count("غير كافية لتطهير هذا البلد منهم") == 1
    # ...but the sentence that carried the repeat keeps its new information.
    assert "دميتري بيسكوف" in text
    assert any("repeated" in n for n in article.notes)


def test_repeated_clause_of_seed_002_is_dropped() -> None:
    article = _seed("002")
    assert article.text.count("ألحقت خسائر كبيرة بالبنية التحتية لداعش") == 1


def test_exact_repeated_paragraph_is_dropped() -> None:
    para = "قال الوزير إن المحادثات ستستأنف الأسبوع المقبل في جنيف بمشاركة جميع الأطراف."
    src = Source(path="x.txt", id="0" * 16, order=0, text=f"{para}\n\nفقرة أخرى جديدة تماما هنا.\n\n{para}")
    article = clean(src)
    assert article.paragraphs == (para, "فقرة أخرى جديدة تماما هنا.")
    assert any("repeated" in n for n in article.notes)


@pytest.mark.parametrize("prefix", ["000", "003", "004"])
def test_one_line_articles_are_split_into_paragraphs(prefix: str) -> None:
    raw = next(CORPUS.glob(f"{prefix}_????????????????.txt")).read_text(encoding="utf-8")
    assert raw.strip().count("\n") == 0
    article = _seed(prefix)
    assert len(article.paragraphs) >= 5
    assert all(len(p.split()) <= 120 for p in article.paragraphs)


def test_spelling_is_kept_as_written() -> None:
    article = _seed("000")
    assert "ننائج" in article.text  # the editor's typo stays
    assert "الروسى" in _seed("001").text  # Egyptian ى stays


def test_multi_line_article_keeps_its_paragraphs() -> None:
    article = _seed("001")
    assert len(article.paragraphs) == 6


def test_sentence_spans_keep_decimals_and_quotes() -> None:
    text = "ارتفع 1.2 مليار. وقال: «نعم». انتهى"
    parts = [text[a:b] for a, b in sentence_spans(text)]
    assert parts == ["ارتفع 1.2 مليار.", "وقال: «نعم».", "انتهى"]


def test_whitespace_and_line_ends() -> None:
    assert normalize_whitespace("أ  ب\r\nج\rد\u202e") == "أ ب\nج\nد"


def test_detect_language() -> None:
    assert detect_language("قال بوتين") == "ar"
    assert detect_language("Putin said on Friday") == "en"


def test_header_lang_wins(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("---\nlang: en\n---\nقال بوتين", encoding="utf-8")
    assert clean(read_source(f)).lang == "en"


def test_sentences_do_not_split_inside_a_quotation() -> None:
    text = "وقال بوتين: «حقق عسكريونا نتائج. وتم تدمير العشرات». وأضاف المتحدث."
    parts = [text[a:b] for a, b in sentence_spans(text)]
    assert parts == ["وقال بوتين: «حقق عسكريونا نتائج. وتم تدمير العشرات».", "وأضاف المتحدث."]


def test_unbalanced_quotation_does_not_swallow_the_text() -> None:
    text = "قال «نعم. " + "كلمة " * 200 + ". وانتهى."
    assert len(sentence_spans(text)) >= 2
