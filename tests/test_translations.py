"""The English translation sidecars of the seed articles (tests/fixtures/seeds/)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from builder.clean import clean, detect_language
from builder.corpus import read_source
from tests.helpers import CORPUS

ARTICLES = sorted(
    p for p in CORPUS.glob("*.txt") if not p.name.endswith(".en.txt")
)


def _numbers(text: str) -> set[str]:
    return set(re.findall(r"\d+", text.replace(",", "")))


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_seed_has_english_translation(path: Path) -> None:
    sidecar = path.with_name(path.stem + ".en.txt")
    assert sidecar.is_file(), f"{sidecar.name} is missing"
    article = clean(read_source(path))
    assert article.translation, f"{sidecar.name} is empty"
    # one English paragraph per cleaned Arabic paragraph (the English page body)
    assert abs(len(article.translation) - len(article.paragraphs)) <= max(
        1, len(article.paragraphs) // 10
    )
    english = "\n".join(article.translation)
    assert detect_language(english) == "en"
    assert not re.search(r"[\u0600-\u06ff]", english), "Arabic script left in translation"
    # every number written in digits in the Arabic text appears in the translation
    english_numbers = " ".join(sorted(_numbers(english)))
    missing = [n for n in _numbers(article.text) if n not in english_numbers]
    assert not missing, f"numbers of the original missing from {sidecar.name}: {missing}"
    # length: a faithful translation is neither a summary nor padded
    ratio = len(english.split()) / len(article.text.split())
    assert 1.0 <= ratio <= 2.0, ratio
