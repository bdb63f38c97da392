"""Entities with English names (builder/extract/entities.py), on real Arabic snippets."""

from __future__ import annotations

import importlib.util
import json
import random
import re

import pytest

from builder.clean import clean
from builder.corpus import read_source
from builder.extract import extract
from builder.extract.entities import extract_entities
from builder.model import Article, Entity
from tests.helpers import CORPUS, REPO

SHARED = REPO.parent / "shared"
REAL = SHARED / "data" / "saudinewsnet" / "articles"


def _article(*paragraphs: str) -> Article:
    return Article(id="0" * 16, path="t.txt", order=0, lang="ar", paragraphs=paragraphs)


def _ents(*paragraphs: str) -> tuple[Entity, ...]:
    return extract_entities(_article(*paragraphs))


def _names(*paragraphs: str) -> set[tuple[str, str]]:
    return {(e.type, e.en) for e in _ents(*paragraphs)}


def _get(ents: tuple[Entity, ...], en: str) -> Entity:
    return next(e for e in ents if e.en == en)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("تعمل القوات الروسية في سوريا منذ عام", ("place", "Syria")),
        ("تعمل القوات الروسية في سورية منذ عام", ("place", "Syria")),
        ("وصل الوفد إلى الولايات المتحدة الأمريكية أمس", ("place", "United States")),
        ("قال مسؤول في أمريكا إن", ("place", "United States")),
        ("وصل الوزير إلى روسيا الاتحادية أمس", ("place", "Russia")),
        ("وتقع في بحر قزوين شمالا", ("place", "Caspian Sea")),
        ("صرح بذلك الرئيس عبد الفتاح السيسي", ("person", "Abdel Fattah el-Sisi")),
        ("صرح بذلك الرئيس عبدالفتاح السيسي", ("person", "Abdel Fattah el-Sisi")),
        ("عقد الاجتماع في إسطنبول", ("place", "Istanbul")),
        ("عقد الاجتماع في اسطنبول", ("place", "Istanbul")),
        ("أعلن حلف الناتو", ("organization", "NATO")),
        ("ذكرت سي إن إن", ("organization", "CNN")),
        ("ذكرت سي أن أن", ("organization", "CNN")),
        ("وأعلنت وكالة انباء الاناضول الحكومية", ("organization", "Anadolu Agency")),
        ("في العاصمة الكازاخية أستانا", ("place", "Astana")),
        ("زار الرئيس كوت ديفوار", ("place", "Ivory Coast")),
        ("أعلن تنظيم الدولة الإسلامية مسؤوليته", ("organization", "ISIS")),
        ("أكبر سوق في الشرق الأوسط وشمال أفريقيا", ("place", "Middle East and North Africa")),
        ("البطولة الأشهر في أمريكا الجنوبية", ("place", "South America")),
        ("مثل أستراليا ونيوزلندا", ("place", "New Zealand")),
        ("ارتفاعها في القاهرة الجديدة أمس", ("place", "New Cairo")),
        ("في أربعة مطارات (الأقصر، وأسوان، مرسى مطروح، وطابا)", ("place", "Marsa Matruh")),
        ("في أربعة مطارات (الأقصر، وأسوان، مرسى مطروح، وطابا)", ("place", "Taba")),
        ("قالت المقاومة الشعبية في إقليم تهامة غرب اليمن", ("place", "Tihama")),
        ("تحقق شرطة مدينة ويتشيتا بولاية كانساس", ("place", "Wichita")),
    ],
)
def test_gazetteer_variants(text: str, expected: tuple[str, str]) -> None:
    assert expected in _names(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وموسكو تدعو إلى الحوار", ("place", "Moscow")),
        ("ودمرت 8 آلاف هدف لداعش في سوريا", ("organization", "ISIS")),
        ("لذا فمهما حدث بسوريا ومهما سيحدث", ("place", "Syria")),
        ("شنت الطائرات غارات على مواقع للرقة الشرقية", ("place", "Raqqa")),
        ("وبالرياض عقد اللقاء", ("place", "Riyadh")),
        ("فلبنان يعاني", ("place", "Lebanon")),
        ("كالعراق وسوريا", ("place", "Iraq")),
    ],
)
def test_proclitics(text: str, expected: tuple[str, str]) -> None:
    assert expected in _names(text)


def test_proclitic_is_left_out_of_the_span() -> None:
    text = "ودمرت 8 آلاف هدف لداعش في سوريا"
    isis = _get(_ents(text), "ISIS")
    span = isis.spans[0]
    assert text[span.start:span.end] == "داعش"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("عميل مزدوج سابق بين موسكووواشنطن، كان يعمل", {"Moscow", "Washington"}),
        ("نحاول إقامة التعاون مع الولاياتالمتحدة وتركيا", {"United States", "Turkey"}),
    ],
)
def test_merged_words(text: str, expected: set[str]) -> None:
    assert expected <= {en for _, en in _names(text)}


@pytest.mark.parametrize(
    ("text", "person", "written"),
    [
        ("هدد الرئيس الروسي فلادمير بوتين أن القوات", "Vladimir Putin", "فلادمير بوتين"),
        ("قال وزير الخارجية سيرجي لافروف إن", "Sergei Lavrov", "سيرجي لافروف"),
        ("قال وزير الخارجية سيرغى لافروف إن", "Sergei Lavrov", "سيرغى لافروف"),
    ],
)
def test_typos_in_names(text: str, person: str, written: str) -> None:
    e = _get(_ents(text), person)
    span = e.spans[0]
    assert text[span.start:span.end] == written


@pytest.mark.parametrize(
    ("text", "ar"),
    [
        ("وأكد رياض حداد، سفير دمشق لدى روسيا، أن القصف", "رياض حداد"),
        ("وقال نافيد جمالي، وهو عميل مزدوج سابق، إن", "نافيد جمالي"),
        ("وأعلن وزير الخارجية الأوزبكي عبد العزيز كاملوف أن بلاده", "عبد العزيز كاملوف"),
        ("وقالت المتحدثة باسم وزارة الخارجية النمساوية، آنا كوفاتش، إن", "آنا كوفاتش"),
        ("واستقبل الأسد وفدا على رأسه يوري كوزنتسوف، المبعوث الخاص للرئيس", "يوري كوزنتسوف"),
        ("وقال الجنرال ميخائيل ميزنتسيف إن", "ميخائيل ميزنتسيف"),
        ("وبحث الوزير مع نظيره الأوزبكي عبد العزيز كاملوف", "عبد العزيز كاملوف"),
        ("وأعلن وزير الثقافة والإعلام الدكتور فهد بن زيد الطريفي أن", "فهد بن زيد الطريفي"),
    ],
)
def test_people_found_from_titles_and_roles(text: str, ar: str) -> None:
    people = [e for e in _ents(text) if e.type == "person" and e.en_source != "gazetteer"]
    assert [e.ar for e in people] == [ar]
    assert people[0].en_source in ("composed", "open-names", "transliteration")
    assert re.fullmatch(r"[A-Z][\w' -]+", people[0].en), people[0].en


@pytest.mark.parametrize(
    "text",
    [
        "وقال مصدر عسكري إن القوات",
        "وكان الرئيس الروسي، قد أوعز يوم 30 أيلول",
        "وتابع قائلاً: «أمامنا عمل كبير»",
        "أكد الرئيس الروسي أن نتائج العمل لا تزال غير كافية",
        "وقال رداً على سؤال: «نعم»",
        "وكلف بوتين رئيس هيئة الأركان العامة برفع تقارير منتظمة",
        "ما زالت تمثل تحديا، وهي أقل إيجابية",
        "وقال مسؤول أمريكي إن",
    ],
)
def test_no_person_from_common_words(text: str) -> None:
    assert not [e for e in _ents(text) if e.en_source != "gazetteer" and e.type == "person"]


@pytest.mark.parametrize(
    ("paragraphs", "person", "mentions"),
    [
        (("أعلن وزير الخارجية التركي مولود جاويش أوغلو أن تركيا دعت روسيا للهدوء",
          "كما أكد أوغلو ان نشر قوات تركية إضافية تم"), "Mevlüt Çavuşoğlu", 2),
        (("وقال نافيد جمالي، وهو عميل مزدوج سابق، إن الرئيس نجح.",
          "وأضاف جمالي: «الحقيقة أن ما فعله كبير»"), "Naveed Jamali", 2),
        (("وقال الجنرال ميخائيل ميزنتسيف إن الوضع مستقر.",
          "وأضاف ميزنتسيف أن القوات تقدمت"), None, 2),
    ],
)
def test_surname_linked_to_full_name(paragraphs: tuple[str, ...], person: str | None,
                                     mentions: int) -> None:
    people = [e for e in _ents(*paragraphs) if e.type == "person"]
    assert len(people) == 1
    if person is not None and people[0].en_source == "gazetteer":
        assert people[0].en == person
    assert people[0].mentions == mentions
    assert people[0].spans[1].paragraph == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("قصفت الطائرات بلدة حيش في ريف إدلب",
         {("place", "حيش", "transliteration"), ("place", "Idlib", "gazetteer")}),
        ("في محافظات حماة وإدلب والرقة واللاذقية",
         {("place", "Hama", "gazetteer"), ("place", "Idlib", "gazetteer"),
          ("place", "Raqqa", "gazetteer"), ("place", "Latakia", "gazetteer")}),
        ("بلدتي كفرعويد والهبيط", {("place", "كفرعويد", "transliteration"),
                                  ("place", "الهبيط", "transliteration")}),
        ("وذكرت وزارة الدفاع الروسية أن",
         {("organization", "Russian Ministry of Defence", "composed")}),
        ("وقالت وزارة الزراعة الأردنية إن",
         {("organization", "Jordanian Ministry of Agriculture", "composed")}),
        ("ودعت المتحدثة باسم الخارجية الروسية",
         {("organization", "Russian Ministry of Foreign Affairs", "composed")}),
        ("فاز حزب العدالة والتنمية",
         {("organization", "Justice and Development Party", "composed")}),
        ("وكلف رئيس هيئة الأركان العامة للقوات المسلحة التركية",
         {("organization", "General Staff of the Turkish Armed Forces", "composed")}),
        ("يدعمون هجمات الجيش السورى جنوبى حلب",
         {("organization", "Syrian Army", "composed"), ("place", "Aleppo", "gazetteer")}),
        ("أعلنت جبهة الإنقاذ الوطني", {("organization", "National Salvation Front",
                                        "composed")}),
    ],
)
def test_head_words_discover_places_and_bodies(text: str,
                                               expected: set[tuple[str, str, str]]) -> None:
    found = {(e.type, e.en if e.en_source in ("gazetteer", "composed") else e.ar, e.en_source)
             for e in _ents(text)}
    assert found == expected


def test_quoted_name_after_a_head_is_a_body() -> None:
    e = next(e for e in _ents("نقلت صحيفة «كومرسانت» عن مصادر") if e.type == "organization")
    assert (e.ar, e.en_source) == ("صحيفة كومرسانت", "transliteration")


@pytest.mark.parametrize(
    ("text", "ar"),
    [
        ("ووفقا لصحيفة \"بانكوك بوست\" فإن القيود", "صحيفة بانكوك بوست"),
        ("مفاوضات مع شركة \"قطر غاز\" لرعاية", "شركة قطر غاز"),
    ],
)
def test_quoted_name_after_a_head_that_begins_with_a_place(text: str, ar: str) -> None:
    assert ("organization", ar) in {(e.type, e.ar) for e in _ents(text)}
    assert not [e for e in _ents(text) if e.type == "place"]


def test_quoted_known_name_after_a_head_keeps_its_entry() -> None:
    assert ("organization", "Reuters") in _names("في تقرير لوكالة «رويترز» إن المؤتمر")


def test_unknown_village_gets_a_transliterated_tag() -> None:
    e = next(e for e in _ents("قصفت الطائرات قرية كفرعويد شمال حماة") if e.ar == "كفرعويد")
    assert (e.type, e.en_source) == ("place", "transliteration")
    assert e.slug == e.slug.lower() and e.slug.isascii()


@pytest.mark.parametrize(
    "text",
    [
        "أثنى الرئيس الروسي على نتائج الغارات الجوية الروسية",
        "والذي أطلقه الرئيسان الروسي والأميركي",
        "وأكد أن طائرات سورية حلقت فوق المنطقة",
        "القوات التركية والإيرانية",
        "الدعم المالي للمشروع",
    ],
)
def test_adjectives_are_not_places(text: str) -> None:
    assert not [e for e in _ents(text) if e.type == "place"]


@pytest.mark.parametrize(
    "text",
    [
        "واختتم الحفل بالعرضة السعودية أمس",  # a nisba after a definite noun
        "عادت الأسهم السعودية للارتفاع",
        "وألقيت القصائد النبطية في الحفل",  # النبطية: the adjective, not Nabatiye
        "وهو الحد الأقصى لعدد اللاعبين",  # الأقصى "the utmost"
    ],
)
def test_place_spelled_as_an_adjective_after_a_definite_noun(text: str) -> None:
    assert not [e for e in _ents(text) if e.type == "place"]


@pytest.mark.parametrize(
    "text",
    [
        "ووصل إلى نهائي دوري أبطال أوروبا",
        "عقب المباراة النهائية لبطولة غرب آسيا",
        "حتى حصل على كأس آسيا",
    ],
)
def test_region_that_names_a_competition_is_no_place(text: str) -> None:
    assert not [e for e in _ents(text) if e.type == "place"]


@pytest.mark.parametrize(
    "text",
    [
        "لتحقيق قضاء عادل وناجز",  # قضاء "judiciary", عادل "just"
        "وعد بقضاء العيد مع أسرته",
        "لدفنه بمكة المكرمة مسقط رأسه",  # مسقط رأسه "his birthplace"
        "يلعبون على الباب وهو يجري بالكرة",  # الباب "the door"
        "تسجيل إصابة بفيروس متلازمة الشرق الأوسط التنفسية",  # MERS
    ],
)
def test_common_words_that_spell_places(text: str) -> None:
    assert not [e for e in _ents(text) if e.type == "place" and e.en != "Mecca"]


@pytest.mark.parametrize(
    "text",
    [
        "ولكنها في المدى المتوسط والبعيد ليست مهمة",  # المتوسط "medium", after a noun
        "لكن منبع النجاح في ميدان السياسة الداخلية",  # ميدان "field" in construct
        "استعراض القوات داخل ميدان العرض",
        "قد يجعلك تتميز في ميدان اهتمامك، فإذا",  # a noun with a pronoun is definite too
        "حتى تعبر الجزيئات حاجز منطقة الدم في الدماغ",  # الدم "blood" after a head word
        "لم تتغير سياسة واشنطن تجاه حلفائها بتاتا، مؤكدا",  # بتاتا "at all"
        "من أجل دولة حديثة لا تكون خاضعة للمصالح",  # حديثة "modern" agrees with دولة
        "وتشمل العربية والتركية والبنغالية والبنجابية والألمانية.",  # languages
    ],
)
def test_common_words_and_phrases_are_not_places(text: str) -> None:
    assert not [e for e in _ents(text) if e.type == "place" and e.en != "Washington"]


@pytest.mark.parametrize(("text", "en"), [
    ("في مستشفى الملك فهد الجامعي بالخبر التابع لجامعة الدمام", "Khobar"),  # an epithet
    ("على حدودنا الشمالية مع العراق وسورية القريبة منا", "Syria"),
    ("فالشاطئ يحتضن مياه الخليج الدافئة", "Gulf"),
    ("وقعت اشتباكات في حديثة غرب العراق", "Haditha"),
    ("إخراج الجنود الأجانب من جزيرة العرب", "Arabian Peninsula"),
])
def test_places_before_an_adjective_stay_places(text: str, en: str) -> None:
    assert ("place", en) in _names(text)


@pytest.mark.parametrize(("text", "bodies"), [
    ("مثل جمعية المكفوفين الخيرية والجمعية السعودية للإعاقة السمعية",  # two bodies
     {"جمعية المكفوفين الخيرية", "الجمعية السعودية للإعاقة السمعية"}),
    ("وقال رئيس نادي الرياض إن الفريق", {"نادي الرياض"}),  # a club named after its town
    ("رابط الخبر: وظائف أكاديمية بجامعة بيشة", {"جامعة بيشة"}),  # بجامعة: no name word
    ("وطالب صاحب شركة حج الوزارة بإعادة النظر", set()),  # "a Hajj company"
    ("وتعزو الأحداث الداخلية الفلسطينية إلى", set()),  # an adjective, not the ministry
    ("تكريم أعضاء هيئة التدريس والطلاب في ويتشيتا", set()),  # هيئة التدريس: the faculty
    # the adjective restates the first body's word: a second body, not its name
    ("أعلنت وزارة الصحة والشؤون الصحية في المنطقة عن حملة", {"وزارة الصحة"}),
    # و and a head word open a second body after one of two countries
    ("زار الوفد المعهد العالي السعودي الياباني للسيارات والمكتبة العامة، وأشاد",
     {"المعهد العالي السعودي الياباني للسيارات"}),
    ("فاز الفريق بكأس رابطة الأندية أمس", set()),  # the body names the cup
    ('حقق "الدوري وكأس رابطة الأندية" معا', set()),  # the recogniser's, in a list of cups
    # the championship of a body still names the body
    ("شارك في بطولة الاتحاد العربي للرماية أمس", {"الاتحاد العربي للرماية"}),
    # a company of a nation the glossary does not know, in a town: a description
    ("أعلنت الشركة الكورية في نيويورك عن منتج", set()),
    ("التقى الوزير في مكتبه بجدة الوفد الزائر", set()),  # مكتبه: his office, no library
])
def test_bodies_end_where_another_begins(text: str, bodies: set[str]) -> None:
    assert {e.ar for e in _ents(text) if e.type == "organization"} == bodies


@pytest.mark.parametrize(("text", "en"), [
    ("لماذا يصرخ مشجعو الهلال من مدح النصر؟", "Al-Hilal"),  # fans of a club
    ("تغادر البعثة إلى لندن لمواجهة النصر في كأس السوبر", "Al-Nassr"),
])
def test_a_clubs_short_name_after_its_fans_or_a_match(text: str, en: str) -> None:
    assert ("organization", en) in _names(text)


@pytest.mark.parametrize(("text", "ar", "en"), [
    ("بالتعاون مع مجلس الأعمال السعودي الأمريكي، ندوة", "مجلس الأعمال السعودي الأمريكي",
     "Saudi-US Business Council"),
    ("اجتماع اللجنة السعودية الروسية المشتركة أمس", "اللجنة السعودية الروسية المشتركة",
     "Saudi-Russian Joint Committee"),
    ("وشارك الجيش السوري اللبناني", "الجيش السوري", "Syrian Army"),  # one country's army
])
def test_a_body_of_two_countries_takes_both_nisbas(text: str, ar: str, en: str) -> None:
    assert ("organization", ar, en) in {(e.type, e.ar, e.en) for e in _ents(text)}


@pytest.mark.parametrize(("text", "ar", "en"), [
    ("تقع في قضاء الحويجة جنوب كركوك", "الحويجة", None),  # an unknown word after قضاء
    ("وصل الوفد إلى مسقط أمس", "مسقط", "Muscat"),
    ("سيطر التنظيم على مدينة الباب", "الباب", "Al-Bab"),  # after its head word
])
def test_places_after_those_words(text: str, ar: str, en: str | None) -> None:
    place = next(e for e in _ents(text) if e.type == "place" and e.ar == ar)
    assert en is None or place.en == en


def test_region_outside_a_competition_is_a_place() -> None:
    assert ("place", "Asia") in _names("ثالث أكبر اقتصاد في آسيا بعد الصين")


@pytest.mark.parametrize(
    ("text", "en"),
    [
        ("وصل الوفد إلى السعودية أمس", "Saudi Arabia"),
        ("في العاصمة النمساوية فيينا", "Vienna"),  # after a nisba: apposition
        ("وصل إلى العاصمة الرياض", "Riyadh"),
        ("صلى في المسجد الأقصى", "Al-Aqsa Mosque"),
    ],
)
def test_place_after_a_definite_word_that_names_it(text: str, en: str) -> None:
    assert ("place", en) in _names(text)


@pytest.mark.parametrize(("text", "club"), [
    ("سمعة النصر السعودي في الخارج كبيرة", True),  # the club's country after it
    ("تحقيق النصر في المعركة", False),  # "victory"
    ("قدم القادسية الكويتي عرضا للاعب", False),  # another country: another club
    ("قرر الاتحاد السعودي إقامة المباراة", False),  # a head word: the federation
])
def test_a_clubs_common_word_name_with_its_countrys_nisba(text: str, club: bool) -> None:
    found = {e.en for e in _ents(text) if e.type == "organization"}
    if club:
        assert found == {"Al-Nassr"}
    else:
        assert not found & {"Al-Nassr", "Al-Qadsiah FC", "Al-Ittihad"}


@pytest.mark.parametrize(
    ("text", "en"),
    [
        ("مواقع تابعة ل”داعش” في مختلف المناطق", "ISIS"),
        ("وقال رداً على سؤال ل»الجزيرة» حول هذا", "Al Jazeera"),
        ("خروج مسلحى «داعش» دون عائق", "ISIS"),
        ('أطلقت روسيا صواريخ على عناصر "داعش" فى سوريا', "ISIS"),
    ],
)
def test_names_in_quote_marks(text: str, en: str) -> None:
    assert en in {e.en for e in _ents(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("كشفت مصادر خاصة لـ«الشرق الأوسط» معلومات", ("organization", "Asharq Al-Awsat")),
        ("في منطقة الشرق الأوسط", ("place", "Middle East")),
        ("وقال لقناة «العربية» إن", ("organization", "Al Arabiya")),
    ],
)
def test_quoted_spelling_names_the_newspaper(text: str, expected: tuple[str, str]) -> None:
    assert _names(text) == {expected}


def test_known_word_as_family_name() -> None:
    text = "يعتقد أنه عبد الخالق الحوثي، شقيق زعيم المتمردين"
    assert {(e.type, e.ar) for e in _ents(text)} == {("person", "عبد الخالق الحوثي")}


def test_longest_match_wins() -> None:
    found = _names("اجتمع وزراء جامعة الدول العربية في القاهرة")
    assert ("organization", "Arab League") in found
    assert not [en for _, en in found if en not in ("Arab League", "Cairo")]


def test_spans_point_at_the_original_text() -> None:
    text = "أَعلنَ الرئيسُ الروسيُّ فلاديمير بُوتِين، أنّ موسكو"
    ents = _ents(text)
    putin = _get(ents, "Vladimir Putin")
    span = putin.spans[0]
    assert text[span.start:span.end] == "فلاديمير بُوتِين"
    moscow = _get(ents, "Moscow")
    assert text[moscow.spans[0].start:moscow.spans[0].end] == "موسكو"


def test_entities_sorted_by_mentions_with_stable_slugs() -> None:
    ents = _ents("زار بوتين سوريا ثم عاد بوتين إلى موسكو.", "وقال بوتين إن سوريا")
    assert [(e.en, e.mentions) for e in ents[:2]] == [("Vladimir Putin", 3), ("Syria", 2)]
    assert {e.slug for e in ents} == {"vladimir-putin", "syria", "moscow"}
    assert all(e.spans[0] == min(e.spans, key=lambda s: (s.paragraph, s.start)) for e in ents)


def test_shared_spelling_follows_the_country_of_the_article() -> None:
    libya = _names("اشتباكات في طرابلس بين الفصائل")
    lebanon = _names("اشتباكات في طرابلس شمال لبنان")
    assert ("place", "Tripoli") in libya
    assert ("place", "Tripoli (Lebanon)") in lebanon


# --------------------------------------------------------------------------- dev set


def _scorer():
    path = SHARED / "eval" / "score.py"
    if not path.exists():
        pytest.skip("shared/eval/score.py is not beside the repository")
    spec = importlib.util.spec_from_file_location("eval_score", path)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


def test_seeds_entity_f1(capsys: pytest.CaptureFixture[str]) -> None:
    score = _scorer()
    import yaml

    gold = yaml.safe_load((SHARED / "eval" / "dev" / "seeds.gold.yml").read_text("utf-8"))
    pred = {}
    for path in sorted(CORPUS.glob("*.txt")):
        if path.name.endswith(".en.txt"):
            continue
        meta = extract(clean(read_source(path))).to_json()
        pred[meta["id"]] = json.loads(json.dumps(meta, ensure_ascii=False))
    tallies = score.score(gold, pred, show=False)
    p, r, f = tallies["entities"].prf()
    assert f >= 0.95, (p, r, f)


# --------------------------------------------------------------------------- real articles


def test_real_articles_give_well_formed_entities() -> None:
    if not REAL.is_dir():
        pytest.skip("the saudinewsnet articles are not beside the repository")
    files = sorted(REAL.glob("*.txt"))
    random.Random(3).shuffle(files)
    junk = re.compile(r"[\u0600-\u06ff]")
    total = translit = 0
    for path in files[:60]:
        article = clean(read_source(path))
        for e in extract_entities(article):
            total += 1
            translit += e.en_source == "transliteration"
            assert e.type in ("person", "place", "organization")
            assert e.en and not junk.search(e.en), e
            assert e.slug and e.slug.isascii()
            assert e.mentions == len(e.spans)
            for s in e.spans:
                assert 0 <= s.start < s.end <= len(article.paragraphs[s.paragraph])
    assert total > 300
    assert translit / total < 0.35


def _orgs(*paragraphs: str) -> set[str]:
    return {e.ar for e in _ents(*paragraphs) if e.type == "organization"}


@pytest.mark.parametrize(
    ("text", "org"),
    [
        # the definite form of a head, with two of: adjectives, a nisba, a complement in ل
        ("أصدرت اللجنة الأولمبية السعودية كتيبا", "اللجنة الأولمبية السعودية"),
        ("برعاية الهيئة العامة للطيران المدني وأمانة جدة", "الهيئة العامة للطيران المدني"),
        ("أعلن الاتحاد السعودي لكرة القدم أمس", "الاتحاد السعودي لكرة القدم"),
        ("ينظمه المكتب التعاوني للدعوة والإرشاد وتوعية الجاليات في جنوب جدة",
         "المكتب التعاوني للدعوة والإرشاد وتوعية الجاليات"),
        # a domestic ministry without a nisba, its name ending with the glossary's words
        ("في حفل أقامته وزارة الحج والقطاعات الحكومية", "وزارة الحج"),
        ("وزارة الزراعة ووزارة الشؤون البلدية والقروية إلى جانب المواطنين",
         "وزارة الشؤون البلدية والقروية"),
        ("بتعيين 25 قاضيا بديوان المظالم", "ديوان المظالم"),
        # a body named after a known place or person, with the adjectives that close it
        ("قال نائب رئيس شرطة دبي إن", "شرطة دبي"),
        ("برعاية الهيئة العامة للطيران المدني وأمانة جدة", "أمانة جدة"),
        ("وأكدت إمارة منطقة عسير أن", "إمارة منطقة عسير"),
        ("نقل إلى مستشفى الملك فهد التخصصي بالدمام", "مستشفى الملك فهد التخصصي"),
        ("ومؤسسة سليمان بن عبدالعزيز الراجحي الخيرية الرعاة", "مؤسسة سليمان بن عبدالعزيز الراجحي الخيرية"),
        ("ومؤسسة آل الجميح الخيرية الرعاة البرونزيين", "مؤسسة آل الجميح الخيرية"),
        # no nisba, but the shape of a name: a complement in لل, a closing adjective, a town
        ("ثم مركز صوت الفجر ومركز التأهيل الشامل للبنات، حيث قام", "مركز التأهيل الشامل للبنات"),
        ("نقل إلى مركز المساعدية التخصصي لعلاجه", "مركز المساعدية التخصصي"),
        ("أقامت جمعية الثقافة والفنون بجدة أمسية", "جمعية الثقافة والفنون بجدة"),
    ],
)
def test_long_names_of_bodies(text: str, org: str) -> None:
    assert org in _orgs(text)


@pytest.mark.parametrize(
    "text",
    [
        "وتوزع اللجنة الإعلامية هذا الكتيب",  # an adjective alone: a committee, not a name
        "ذكرت الصحيفة البريطانية أن",  # a nisba alone
        "وحل الفريق في المركز الرابع للمسابقة",  # a rank
        "وقال الاتحاد السعودي لاتخاذ القرار النهائي",  # a verbal noun: what it will do
        "وأكدت الوزارة أن",  # a head alone
        "نقل إلى مركز الشرطة بجدة",  # a head and a common noun: a police station
        "عقد مجلس الإدارة اجتماعه",
        "وقالت وزارة إن",
    ],
)
def test_common_phrases_after_a_definite_head_are_not_bodies(text: str) -> None:
    assert not _orgs(text)


def test_a_body_keeps_the_place_it_is_named_after() -> None:
    found = {(e.type, e.ar) for e in _ents("افتتحت جامعة حائل مبنى جديدا")}
    assert {("organization", "جامعة حائل"), ("place", "حائل")} <= found


@pytest.mark.parametrize(("text", "ar"), [
    ("وأعلنت المديرية العامة للجوازات عن تمديد المهلة", "المديرية العامة للجوازات"),
    ("بالتعاون مع المديرية العامة لمكافحة المخدرات واللجنة الوطنية",
     "المديرية العامة لمكافحة المخدرات"),
    # the site's adjective (masculine after a plural in ات) is not the body's
    ("عبر موقع المديرية العامة للجوازات الإلكتروني", "المديرية العامة للجوازات"),
])
def test_a_directorate_by_its_definite_head(text: str, ar: str) -> None:
    assert {e.ar for e in _ents(text) if e.type == "organization"} == {ar}


def test_a_directorate_without_ال_is_a_district() -> None:
    assert not [e for e in _ents("زار المحافظ مديرية صرواح أمس") if e.type == "organization"]


@pytest.mark.parametrize(("text", "ar", "en"), [
    ("وقال حاكم مصرف لبنان المركزي إن الاحتياطي", "مصرف لبنان المركزي",
     "Lebanon Central Bank"),
    ("ارتفع سهم بنك قطر الوطني أمس", "بنك قطر الوطني", "Qatar National Bank"),
    # an adjective of the glossary closes a body named after a known name
    ("أقام نادي جدة الأدبي أمسية شعرية", "نادي جدة الأدبي", "Jeddah Literary Club"),
    ("نقل إلى مستشفى الملك سلمان العسكري للعلاج", "مستشفى الملك سلمان العسكري",
     "King Salman Military Hospital"),
])
def test_a_body_named_after_a_place_or_person_with_its_adjective(text: str, ar: str,
                                                                  en: str) -> None:
    assert ("organization", ar, en) in {(e.type, e.ar, e.en) for e in _ents(text)}


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("نقل المصاب إلى مستشفى الملك خالد بالخرج لتلقي العلاج", "مستشفى الملك خالد"),
        ("افتتح مدير جامعة الملك فيصل معرضا للكتاب", "جامعة الملك فيصل"),
        ("استعار الكتب من مكتبة الملك فهد العامة أمس", "مكتبة الملك فهد العامة"),
    ],
)
def test_a_body_named_after_a_person_does_not_name_the_person(text: str, body: str) -> None:
    found = _ents(text)
    assert ("organization", body) in {(e.type, e.ar) for e in found}
    assert not [e for e in found if e.type == "person"]


def test_le_in_a_french_name_joins_it_and_if_does_not() -> None:
    found = _ents("قال وزير الدفاع الفرنسي جان إيف لو دريان اليوم الخميس إن")
    assert ("جان إيف لو دريان", "Jean-Yves Le Drian") in {
        (e.ar, e.en) for e in found if e.type == "person"}
    found = _ents("تعادل أضعاف ما يدفعه القطاع الخاص للطبيب كراتب لو تفرغ للمستشفى الخاص")
    assert not [e for e in found if e.type == "person"]


def test_the_person_a_body_is_named_after_stays_when_the_text_names_him() -> None:
    found = _ents("زار الملك سلمان بن عبدالعزيز مستشفى الملك سلمان في الرياض")
    assert "King Salman" in {e.en for e in found if e.type == "person"}


@pytest.mark.parametrize(
    ("text", "person"),
    [
        # a known person after بن is the father in a longer name
        ("ولصاحب السمو الملكي الأمير فيصل بن سلمان بن عبدالعزيز أمير منطقة المدينة المنورة",
         "فيصل بن سلمان بن عبدالعزيز"),
        # a family name that is also a common word closes a name with بن
        ("وأوضح رئيس اللجنة المهندس محمد بن عبدالرحمن المخرج أن مختصين سيتولون",
         "محمد بن عبدالرحمن المخرج"),
        # a known surname used as a first name after a title
        ("رعى محافظ بدر الأستاذ مبارك المورقي حفل الأهالي", "مبارك المورقي"),
        ("حول هوية الطالب السعودي ويدعى ريان إبراهيم بابا، تواصل مع", "ريان إبراهيم بابا"),
    ],
)
def test_saudi_names_whole(text: str, person: str) -> None:
    people = {e.ar for e in _ents(text) if e.type == "person"}
    assert person in people
    assert not any(p != person and p in person for p in people)


def test_the_preposition_on_a_common_word_is_no_place() -> None:
    assert "لحج" not in {e.ar for e in _ents("وكيل الوزارة لشؤون الحرمين للحج والعمرة")}
    assert "لحج" in {e.ar for e in _ents("تقدمت القوات في محافظة لحج جنوب اليمن")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a city followed by a masculine nisba is its club
        ("حيث خسر امام برشلونة الاسباني في النهائي", ("organization", "برشلونة")),
        ("تقدمت القوات نحو برشلونة الإسبانية", ("place", "برشلونة")),
        # a nisba used as a noun before a well-known first name
        ("بسبب مستحقات اللاعب البرازيلي فرناندو الذي غرد", ("person", "فرناندو")),
        ("والانتقال المتوقع للأرجنتيني باولو ديبالا إلى النادي", ("person", "باولو ديبالا")),
    ],
)
def test_clubs_and_players_from_a_nisba(text: str, expected: tuple[str, str]) -> None:
    assert expected in {(e.type, e.ar) for e in _ents(text)}


def test_a_nisba_describing_a_noun_introduces_no_one() -> None:
    assert not [e for e in _ents("فاز المنتخب البرازيلي فيكتور على منافسه") if e.type == "person"]


@pytest.mark.parametrize(
    ("text", "org", "place"),
    [
        ("تواصل مع القنصلية السعودية في هيوستن ومع السلطات", "القنصلية السعودية في هيوستن",
         "هيوستن"),
        ("رفع عضو اللجنة بالمحكمة الجزائية بخميس مشيط خطابا", "المحكمة الجزائية بخميس مشيط",
         "خميس مشيط"),
        # a country adds nothing to a body's name
        ("أوفدت السفارة السعودية في مصر وفدا", "السفارة السعودية", "مصر"),
        ("وحكمت المحكمة الجزئية في جدة على المتهم", "المحكمة الجزئية في جدة", "جدة"),
    ],
)
def test_a_body_with_its_town(text: str, org: str, place: str) -> None:
    found = {(e.type, e.ar) for e in _ents(text)}
    assert {("organization", org), ("place", place)} <= found


def test_saudi_clubs_by_their_short_names() -> None:
    found = {(e.type, e.en) for e in _ents("ستقام المباراة بين فريقي النصر والهلال على ملعب لوفتس رود")}
    assert {("organization", "Al-Nassr"), ("organization", "Al-Hilal")} <= found
    # the same words with no sports word before them are common words
    assert not [e for e in _ents("احتفل المسلمون بالنصر ورؤية الهلال") if e.type == "organization"]
    # and a club's name as a head still opens the body's name
    assert "الاتحاد السعودي لكرة القدم" in _orgs("مهاجم الاتحاد السعودي لكرة القدم")


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("وقدمت الجامعة الشكر للطلاب المشاركين", "الشكر"),  # a noun, not an adjective
        ("وأوضحت الشركة المسوقة للاعب أن", "المسوقة"),  # a participle that describes it
        ("وذكر دونيس الحصة التدريبية", "الحصة"),  # a known surname before a common word
        # a head, a description and another body joined by و
        ("بما حققته قوات الجيش الوطني المساند للشرعية والمقاومة الشعبية في عدن", "والمقاومة"),
    ],
)
def test_descriptions_are_not_names(text: str, word: str) -> None:
    assert not [e for e in _ents(text) if word in e.ar]


@pytest.mark.parametrize(("text", "people"), [
    # names joined to a person's by و or a comma, each continuing the list
    ("وشارك في اللقاء فلاديمير بوتين وصفوان الزرنوخي وصقر العطيفي، ثم غادروا.",
     {"فلاديمير بوتين", "صفوان الزرنوخي", "صقر العطيفي"}),
    ("ويؤدي الأدوار فلاديمير بوتين، سلطان الزرنوخي، نعيم العطيفي، وغيرهم.",
     {"فلاديمير بوتين", "سلطان الزرنوخي", "نعيم العطيفي"}),
    # no first name after the و: no name of the list
    ("والتقى فلاديمير بوتين ورؤساء الوفود في القاعة.", {"فلاديمير بوتين"}),
])
def test_people_in_a_list_after_a_person(text: str, people: set[str]) -> None:
    assert {e.ar for e in _ents(text) if e.type == "person"} == people


@pytest.mark.parametrize("alone", ["كيندال", "ليز"])
def test_one_word_name_of_a_person_named_in_full_is_that_person(monkeypatch, alone) -> None:
    """A surname or first name the recogniser found alone is not a second person."""
    from builder.extract import entities
    from builder.extract.discover import Found

    def learned(para, taken, guarded=()):
        k = para.texts.index(alone) if alone in para.texts else -1
        if k < 0 or para.index == 0:
            return []
        return [Found("person", k, k, para.starts[k], para.ends[k], alone, "X", True,
                      how="model")]

    monkeypatch.setattr(entities, "learned_names", learned)
    ents = extract_entities(_article("وقالت الوزيرة ليز كيندال إن الخطة جاهزة",
                                     f"وأضافت {alone} أن التنفيذ يبدأ غدا"))
    people = [e for e in ents if e.type == "person"]
    assert [(e.ar, e.mentions) for e in people] == [("ليز كيندال", 2)]
