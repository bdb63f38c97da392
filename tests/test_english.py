"""English headline and summary (builder/extract/english.py), table-driven."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.clean import clean
from builder.corpus import read_source
from builder.extract import english, extract
from builder.extract.english import arabic_title_summary, english_title_summary, shorten_headline
from builder.model import Article, Entity, Event, Figure, Header
from tests.helpers import CORPUS

PUTIN = Entity("person", "فلاديمير بوتين", "Vladimir Putin", "vladimir-putin", mentions=5)
PESKOV = Entity("person", "دميتري بيسكوف", "Dmitry Peskov", "dmitry-peskov", mentions=1)
MOD = Entity(
    "organization", "وزارة الدفاع الروسية", "Russian Ministry of Defence", "mod", mentions=2
)
JAZEERA = Entity("organization", "الجزيرة", "Al Jazeera", "al-jazeera", mentions=3)
SYRIA = Entity("place", "سوريا", "Syria", "syria", mentions=9)
RUSSIA = Entity("place", "روسيا", "Russia", "russia", mentions=4)
MOSCOW = Entity("place", "موسكو", "Moscow", "moscow", mentions=1)
USA = Entity("place", "الولايات المتحدة", "United States", "united-states", mentions=4)

AR_TEXT = ("أثنى الرئيس الروسي فلاديمير بوتين على نتائج الغارات الجوية الروسية في سوريا.",)
EN_LEAD = (
    "Russian President Vladimir Putin praised the results of the Russian air strikes "
    "against terrorists in Syria, but indicated that they are not enough. He went on."
)


def _article(
    paragraphs: tuple[str, ...] = AR_TEXT,
    translation: tuple[str, ...] | None = None,
    lang: str = "ar",
    **header: str,
) -> Article:
    return Article(
        id="0123456789abcdef",
        path="000_0123456789abcdef.txt",
        order=0,
        lang=lang,
        paragraphs=paragraphs,
        header=Header(**header),
        translation=translation,
    )


@pytest.mark.parametrize(
    ("article", "entities", "title"),
    [
        # 1. A header title_en wins over everything.
        (_article(title_en="Editor's title"), (PUTIN, SYRIA), "Editor's title"),
        (_article(translation=(EN_LEAD,), title_en="Editor's title"), (), "Editor's title"),
        # 2. The translation's first sentence, shortened at a boundary (<= 14 words).
        (
            _article(translation=(EN_LEAD,)),
            (PUTIN,),
            "Russian President Vladimir Putin praised the results of the Russian air strikes "
            "against terrorists",
        ),
        # A short first sentence is the headline as it is, without its full stop.
        (_article(translation=("Putin visits Syria. More text.",)), (), "Putin visits Syria"),
        # An empty first translation paragraph is skipped.
        (_article(translation=("", "Putin visits Syria.")), (), "Putin visits Syria"),
        # 3. No translation: a topic line from the metadata (who / where), never a sentence.
        (
            _article(),
            (MOSCOW, PESKOV, SYRIA, MOD, PUTIN, RUSSIA),
            "On Syria and Russia: Vladimir Putin, Dmitry Peskov and the Russian Ministry "
            "of Defence",
        ),
        (_article(), (USA, JAZEERA), "On the United States: Al Jazeera"),
        (_article(), (SYRIA,), "On Syria: an Arabic news report"),
        (_article(), (PUTIN,), "About Vladimir Putin: an Arabic news report"),
        (_article(date="2015-11-20"), (), "Arabic news report of 20 November 2015"),
        (_article(source="RT Arabic"), (), "Arabic news report from RT Arabic"),
        (_article(), (), "Arabic news report 0123456789abcdef"),
        # 4. An English-language article: its own first sentence.
        (
            _article(paragraphs=("Putin visits Syria. He met Assad.",), lang="en"),
            (PUTIN,),
            "Putin visits Syria",
        ),
    ],
)
def test_english_title(article: Article, entities: tuple[Entity, ...], title: str) -> None:
    assert english_title_summary(article, entities, (), ())[0] == title


@pytest.mark.parametrize(
    ("sentence", "headline"),
    [
        # a comma-delimited insert goes first, then "said that" becomes "said"
        (
            "Russian President Vladimir Putin announced, during a meeting with senior Russian "
            "officers and prosecutors, that more than 90% of Syrian territory has been "
            "liberated from the control of terrorists; the Ministry agreed.",
            "Russian President Vladimir Putin announced more than 90% of Syrian territory has "
            "been liberated",
        ),
        # a leading insert up to the subject ("Rome," still belongs to it)
        (
            "At a press conference in the Italian capital, Rome, Lavrov said that Moscow is "
            "open to partnership with the West to cooperate in combating terrorism.",
            "Lavrov said Moscow is open to partnership with the West to cooperate",
        ),
        # never inside a list, never a dangling "with" or auxiliary
        (
            "Russian President Vladimir Putin revealed yesterday that Russia has been in "
            "contact with Egypt, Saudi Arabia, the UAE, Jordan and Israel to discuss it.",
            "Russian President Vladimir Putin revealed yesterday that Russia has been in "
            "contact",
        ),
        # no cut inside a name ("Ministry of Defence")
        (
            "The Russian Ministry of Defence announced in a statement that progress has been "
            "made towards a possible agreement with the US Department of Defense.",
            "The Russian Ministry of Defence announced in a statement that progress has been "
            "made",
        ),
        # a cut inside a quotation is marked and the quotation closed
        (
            'Putin stressed that the results of this work "are still not enough to clear '
            'Syria of militants and terrorists and to protect Russia".',
            'Putin stressed the results of this work "are still not enough to clear Syria …"',
        ),
        # an abbreviation does not end the sentence (handled by the summary splitter)
        ("Putin met U.S. envoys", "Putin met U.S. envoys"),
    ],
)
def test_shorten_headline(sentence: str, headline: str) -> None:
    result = shorten_headline(sentence)
    assert result == headline
    words = result.replace(" …", "").split()
    assert len(words) <= english._config()["headline"]["max_words"]
    assert words[-1].lower() not in english._config()["headline"]["dangling"]


def test_summary_from_translation_takes_one_or_two_sentences() -> None:
    short = _article(translation=("Putin visits Syria. He met Assad. Third sentence.",))
    assert english_title_summary(short)[1] == "Putin visits Syria. He met Assad."
    long_lead = _article(translation=(EN_LEAD,))
    assert english_title_summary(long_lead)[1] == EN_LEAD


def test_summary_sentence_split_ignores_abbreviations() -> None:
    article = _article(translation=("Putin met U.S. envoys in Moscow. " + "word " * 60,))
    title, summary = english_title_summary(article)
    assert title == "Putin met U.S. envoys in Moscow"
    assert summary == "Putin met U.S. envoys in Moscow."


def test_metadata_summary_is_labelled_as_generated() -> None:
    events = (Event("2015-11-20", "...", 1), Event("--09-30", "...", 4))
    figures = (Figure(2289.0, "طلعة", "2289 طلعة جوية", 5), Figure(90.0, "%", "90%", 0))
    title, summary = english_title_summary(_article(), (PUTIN, SYRIA), events, figures)
    assert title == "On Syria: Vladimir Putin"
    assert summary.startswith("Summary generated from the article's metadata")
    assert "not a translation" in summary or "no English translation" in summary
    assert "Mentions Vladimir Putin." in summary
    assert "Places: Syria." in summary
    assert "Dated events: 20 November 2015; 30 September." in summary
    assert "Figures: 2,289 sorties; 90%." in summary
    empty = english_title_summary(_article())[1]
    assert "no names or dates were found" in empty


def test_english_article_gets_an_arabic_title_from_metadata() -> None:
    article = _article(paragraphs=("Putin visits Syria. He met Assad.",), lang="en")
    title_ar, summary_ar = arabic_title_summary(article, (PUTIN, SYRIA, RUSSIA), (), ())
    assert title_ar == "عن سوريا وروسيا: فلاديمير بوتين"
    assert summary_ar.startswith("ملخص مولَّد")
    assert "يذكر فلاديمير بوتين." in summary_ar
    header = _article(paragraphs=("Putin visits Syria.",), lang="en", title="عنوان المحرر")
    assert arabic_title_summary(header, (PUTIN,))[0] == "عنوان المحرر"


def test_extract_fills_english_fields() -> None:
    """Wired into extract(): a seed with its translation gets an English headline."""
    path = sorted(p for p in CORPUS.glob("*.txt") if not p.name.endswith(".en.txt"))[0]
    article = clean(read_source(path))
    meta = extract(article)
    assert article.translation
    assert meta.title_en and meta.title_en.split()[0] in article.translation[0]
    assert len(meta.title_en.split()) <= english._config()["headline"]["max_words"]
    assert meta.summary_en and article.translation[0].startswith(meta.summary_en[:40])
    english_article = _article(paragraphs=("Putin visits Syria. He met Assad.",), lang="en")
    meta_en = extract(english_article)
    assert meta_en.title_en == "Putin visits Syria"
    assert meta_en.title_ar != "Putin visits Syria"
    assert meta_en.summary_ar.startswith("ملخص مولَّد")


def test_config_validation_names_file_and_key() -> None:
    data = {"headline": {}, "summary": {"max_words": 60}, "metadata": {}, "extra": 1}
    with pytest.raises(ValueError, match=r"english\.yml.*extra"):
        english._check_keys(data, english._SCHEMA, "")
    good = english._config()
    assert good["headline"]["max_words"] > good["headline"]["min_words"] > 0


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Putin", "said", "that", "the", "army", "in", "Syria,", "and", "of", '"war',
             'ends"', "(UN)", "with", "Egypt,", "-", "U.S.", "90%", "2,289", "during"]
        ),
        min_size=1,
        max_size=40,
    )
)
def test_shorten_headline_properties(words: list[str]) -> None:
    """Any sentence gives a non-empty headline of at most max_words words."""
    sentence = " ".join(words) + "."
    headline = shorten_headline(sentence)
    assert headline.replace("…", "").strip(' ."')
    limit = english._config()["headline"]["max_words"]
    assert len(headline.replace(" …", "").split()) <= max(limit, 1)


def test_metadata_summary_says_what_figures_count_and_who_is_quoted() -> None:
    from builder.model import Quote, Speaker

    figures = (Figure(65e9, "ريال", "65 مليار ريال", 1), Figure(3.0, "", "3", 2),
               Figure(1.0, "", "1", 2), Figure(12.0, "قتيلا", "12 قتيلا", 3),
               Figure(1.5e6, "برميل يوميا", "1.5 مليون برميل يوميا", 4))
    quotes = (Quote(Speaker("فلاديمير بوتين", "Vladimir Putin", "vladimir-putin"), "...", 1),
              Quote(Speaker("مصدر مطلع", "a source", None, True), "...", 2))
    summary = english_title_summary(_article(), (PUTIN,), (), figures, None, quotes)[1]
    assert "Figures: 65 billion riyals; 12 dead; 1.5 million barrels." in summary
    assert "Quoted: Vladimir Putin." in summary
    assert not re.search(r"Figures:[^.]*\b[13]\b;", summary)  # no bare numbers
