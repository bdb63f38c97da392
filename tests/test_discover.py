"""builder/extract/discover/: names in no gazetteer, found from the words around them —
people after a title, before an apposition or after a speech verb; places after a head
word; organisations from a head word, its complement and a nisba adjective.

The names below (الزرنوخي، زرنوخ) are made up, so that no gazetteer entry finds them first.
"""

from __future__ import annotations

import re

import pytest

from builder.extract.discover import (
    Found,
    find_foreign_clubs,
    find_listed_places,
    find_orgs,
    find_people,
    find_places,
    name_like,
)
from builder.extract.gazetteer import Paragraph, gazetteer_matcher, paragraph
from builder.normalize import normalize
from tests.helpers import SAUDI

#: An English name: letters, none of them Arabic (accents allowed: António).
_LATIN = re.compile(r"^(?=.*[^\W\d_])[^\u0600-\u06ff\u0750-\u077f\ufb50-\ufeff]+$")
_NOT_LETTERS = re.compile(r"[\W\d_]+")


def _letters(text: str) -> str:
    """The letters of the normalised ``text``, without spaces or punctuation."""
    return _NOT_LETTERS.sub("", normalize(text))


def _discover(text: str) -> tuple[Paragraph, list[Found], list[Found], list[Found]]:
    """The order :func:`builder.extract.entities.extract_entities` uses: known names first,
    then organisations, places (around them) and people (around all of them)."""
    para = paragraph(text)
    known = gazetteer_matcher().find(para)
    orgs = find_orgs(para, known)
    places = find_places(para, [*known, *orgs])
    people = find_people(para, [*known, *orgs, *places])
    return para, orgs, places, people


def _check_found(para: Paragraph, found: Found) -> None:
    """A discovered name's offsets, tokens and display form agree with the text."""
    toks = para.tokens
    assert toks[found.first].start <= found.start < toks[found.first].end
    assert found.end == toks[found.last].end and found.first <= found.last
    s, e = para.span(found.start, found.end)
    written = para.original[s:e]
    # the display form is the text's spelling: quote marks dropped, an article's alef
    # that a ل swallowed (للجيش) written back, the head of an elliptic organisation
    # (الخارجية الروسية) written out
    shown, letters = _letters(found.ar), _letters(written)
    assert shown in (letters, "ا" + letters) or (
        found.type == "organization" and shown.endswith(letters)), (found, written)
    assert found.en and _LATIN.match(found.en), found


# --------------------------------------------------------------------------- people


@pytest.mark.parametrize(("text", "ar", "how"), [
    # after a title
    ("وقال الوزير سامي الزرنوخي إن القرار نهائي", "سامي الزرنوخي", "title"),
    ("وقال اللاعب سامي الزرنوخي: سأغادر", "سامي الزرنوخي", "title"),
    ("وقال مدير عام الشركة فهد بن ناصر الزرنوخي، إن", "فهد بن ناصر الزرنوخي", "title"),
    ("وقالت المتحدثة باسم الخارجية، ماريا الزرنوخي، إن", "ماريا الزرنوخي", "title"),
    # before a comma and a title, or an apposition
    ("أكد سامي الزرنوخي، عضو مجلس الشورى، أن", "سامي الزرنوخي", "title-after"),
    ("أكد سامي الزرنوخي، نجل الوزير، أن", "سامي الزرنوخي", "apposition"),
    # the subject of a speech verb, before a comma, a colon or إن
    ("وقال سامي الزرنوخي، إن القرار نهائي", "سامي الزرنوخي", "speech"),
    ("وقال حمد الزرنوخي إن القرار نهائي", "حمد الزرنوخي", "speech"),
    ("وقال أحمد الزرنوخي: «سنواصل العمل»", "أحمد الزرنوخي", "speech"),
    # roles of sport, crime and daily news are titles too
    ("وتعاقد النادي مع الظهير الأيمن ناثانيال الزرنوخي من ساوثمبتون", "ناثانيال الزرنوخي",
     "title"),
    ("بالتنسيق مع منفذ الهجوم فهد الزرنوخي.", "فهد الزرنوخي", "title"),
    # أبان is a speech verb, not a first name
    ("من جانبه، أبان عبدالرحمن الزرنوخي، أن الضحية", "عبدالرحمن الزرنوخي", "speech"),
    # two or three words of people's names in open data, and no word of the language
    ("من جانبه، بيّن جوزيف شيبرد طالب الهندسة «أن الطلاب»", "جوزيف شيبرد", "name-words"),
    ("والسفير المتجول لجرائم الحرب ستيفن راب القضايا", "ستيفن راب", "name-words"),
    # a name built on بن, with or without a family name, that nothing introduces
    ("أقدم / مانع بن لافي بن مانع الزرنوخي على سرقة", "مانع بن لافي بن مانع الزرنوخي",
     "patronymic"),
    ("وأكد مطلق بن مشرف أن الخيل", "مطلق بن مشرف", "patronymic"),
    ("وصلت بلقيس بنت سعيد الزرنوخي أمس", "بلقيس بنت سعيد الزرنوخي", "patronymic"),
    # it ends before a word that names no one: a two-letter noun, a word before الله
    ("فقد كان فيصل بن عبدالعزيز رحمه الله قائدا", "فيصل بن عبدالعزيز", "patronymic"),
    ("استشهد حمزة بن عبدالمطلب عم الرسول", "حمزة بن عبدالمطلب", "patronymic"),
    # roles of the media, sport, letters and age
    ("وقال الإعلامي سامي الزرنوخي في تغريدته", "سامي الزرنوخي", "title"),
    ("وقدم المنشد فهد الزرنوخي أنشودة", "فهد الزرنوخي", "title"),
    ("وسقطت الطفلة لمى الزرنوخي في البئر", "لمى الزرنوخي", "title"),
    # after a title, a first name that is a common word too, and a third word of
    # people's names
    ("وأكد اللواء صالح آل الزرنوخي، دور الأمن", "صالح آل الزرنوخي", "title"),
    ("وسجل المدافع راميرو فونيس موري في الدقيقة", "راميرو فونيس موري", "title"),
])
def test_people_from_titles_appositions_and_speech_verbs(text: str, ar: str, how: str) -> None:
    para, _, _, people = _discover(text)
    assert [(f.ar, f.how, f.type) for f in people] == [(ar, how, "person")]
    _check_found(para, people[0])
    assert people[0].transliterated and people[0].en_source


@pytest.mark.parametrize("text", [
    "وقال سامي الزرنوخي القرار نهائي",  # a speech verb, but nothing closes the name
    "قال الرئيس إن الوضع صعب",  # a title alone
    "وقال مدير الشركة، إن",  # a title and its complement
    "وقال يقيم الزرنوخي، إن",  # a verb is no first name
    "وقال رئيس الوزراء البريطاني إن",
    "وقال الوزير صباح اليوم إن القرار نهائي",  # a common first name before a time word
    "وصول عبد الرقيب عبد الله أمس",  # الرقيب (sergeant) inside the name عبد الرقيب
    # name words that are a place, a body, or words apart
    "وقع التفجير في خان بني سعد أمس",
    "فاز على حساب هال سيتي، في مباراة",
    "هاتفها الجديد من جيل “آيفون” الأربعاء",
    # or the first words of a longer name, which other rules or the recogniser read whole
    "وصرح جورج هنري بوتييه أحد محامي الدفاع",
    "بحضور محمد جاسم السلطان أمس",
    "وقال بن سعيد الزرنوخي القرار نهائي",  # a chain that lost its first name
    "ثم يقيم بن سعيد",  # a verb before بن
    "نقل إلى مستشفى فهد بن سالم بعد الحادث",  # a body named after someone
])
def test_no_person_without_name_words(text: str) -> None:
    assert _discover(text)[3] == []


def test_known_people_are_not_found_again() -> None:
    """A name the gazetteer knows is left to it; without it, the title finds it."""
    text = "قال الرئيس الروسي فلاديمير بوتين، إن"
    para = paragraph(text)
    assert [f.ar for f in find_people(para, [])] == ["فلاديمير بوتين"]
    assert find_people(para, gazetteer_matcher().find(para)) == []


# --------------------------------------------------------------------------- places


@pytest.mark.parametrize(("text", "places"), [
    ("سيطرت القوات على بلدة زرنوخ أمس", ["زرنوخ"]),
    ("سيطرت القوات على بلدة خان زرنوخ أمس", ["خان زرنوخ"]),  # a place prefix
    ("قصفت الطائرات قرى زرنوخ والقصيبة", ["زرنوخ", "القصيبة"]),  # a plural head lists
    ("قصفت الطائرات محافظات زرنوخ وحماة", ["زرنوخ"]),  # حماة is the gazetteer's
])
def test_places_after_a_head_word(text: str, places: list[str]) -> None:
    para, _, found, _ = _discover(text)
    assert [f.ar for f in found] == places
    for f in found:
        assert f.type == "place"
        _check_found(para, f)


@pytest.mark.parametrize(("text", "suffix"), [
    ("افتتح مطار زرنوخ الجديد", " Airport"),
    ("وصل الوفد إلى مخيم زرنوخ أمس", " camp"),
])
def test_the_head_word_gives_the_english_its_shape(text: str, suffix: str) -> None:
    (place,) = _discover(text)[2]
    assert place.ar == "زرنوخ" and place.en.endswith(suffix)
    assert place.en[: -len(suffix)] == find_places(paragraph(f"بلدة {place.ar}"), [])[0].en


def test_a_district_after_another_preposition_is_a_place() -> None:
    (place,) = _discover("ونقلت الأسلحة إلى ناحية زرنوخ")[2]
    assert place.ar == "زرنوخ"


def test_a_known_place_after_a_head_keeps_its_english() -> None:
    """Without the gazetteer's hit (a guarded spelling), the head finds the place, and
    its English is the gazetteer's."""
    (place,) = find_places(paragraph("وصل الوفد إلى مدينة حلب"), [])
    assert (place.ar, place.en, place.en_source) == ("حلب", "Aleppo", "gazetteer")
    para = paragraph("وصل الوفد إلى مدينة حلب")
    assert find_places(para, gazetteer_matcher().find(para)) == []


@pytest.mark.parametrize("text", [
    "في مدينة ساحلية جميلة",  # an indefinite adjective
    "في مدينة تقع شمالا",  # a verb
    "زار مدينة يحلم بها",
    "في منطقة لفرز الحالات",  # a preposition on a noun
    "وتقدمت القوات من ناحية البحر",  # من ناحية: "on the side of", not a district
])
def test_no_place_from_words_that_cannot_be_names(text: str) -> None:
    assert _discover(text)[2] == []


def _listed(text: str) -> list[str]:
    """Places :func:`find_listed_places` adds after the gazetteer's places of ``text``."""
    para = paragraph(text)
    hits = gazetteer_matcher().find(para)
    places = [h for h in hits if all(n.type == "place" for n in h.payload)]
    found = find_listed_places(para, places, hits)
    for f in found:
        assert f.type == "place"
        _check_found(para, f)
    return [f.ar for f in found]


@pytest.mark.parametrize(("text", "places"), [
    ("تشمل المراكز في الطائف وزرنوخ والقصيبة ، وتعريفهم", ["زرنوخ", "القصيبة"]),
    ("تشمل المراكز في الطائف وزرنوخ وبني قصيب.", ["زرنوخ", "بني قصيب"]),  # a place prefix
    ("في الطائف وحائل وزرنوخ", ["زرنوخ"]),  # a known place in the list, closed by the end
    # a word that looks like a common noun (تربة) in a long list
    ("في الطائف والخرمة وتربة ورنية والمويه وميسان، وتعريفهم",
     ["الخرمة", "تربة", "رنية", "المويه", "ميسان"]),
])
def test_places_listed_after_a_known_place(text: str, places: list[str]) -> None:
    assert _listed(text) == places


@pytest.mark.parametrize("text", [
    "في الطائف وزرنوخ ، وتعريفهم",  # one word is no list
    "في الطائف وزرنوخ والقصيبة يوم الأحد",  # not closed by punctuation
    "في الطائف وزرنوخ والمنطقة ،",  # a common word of the lists
    "في الطائف وتربة والقصيبة ،",  # a common-looking word in a short list
    "في الطائف وزرنوخ ومراكزها ،",  # a pronoun suffix
    "في الطائف وزرنوخ والسعوديين ،",  # a plural
    "في الطائف وزرنوخ وأكد ،",  # a verb
])
def test_no_list_of_places_without_the_shape_of_one(text: str) -> None:
    assert _listed(text) == []


def _clubs(text: str) -> list[str]:
    para = paragraph(text)
    found = find_foreign_clubs(para, gazetteer_matcher().find(para))
    for f in found:
        assert f.type == "organization"
        _check_found(para, f)
    return [f.ar for f in found]


@pytest.mark.parametrize(("text", "clubs"), [
    ("تقدم الفريق بفارق نقطة عن زرنوخ الإيراني في البطولة", ["زرنوخ"]),
    ("خسر المنتخب أمام زرنوخ قصيب الياباني", ["زرنوخ قصيب"]),  # after a preposition
    ("ولعب اللاعب مع زرنوخ وقصيبور التركي", ["قصيبور"]),  # the conjunction is cut
])
def test_an_unknown_name_with_a_countrys_nisba_is_a_club_in_sport(text, clubs) -> None:
    assert _clubs(text) == clubs


@pytest.mark.parametrize("text", [
    "وقعت الشركة عقدا مع زرنوخ الإيراني",  # no sport in the paragraph
    "وأشرف المدرب زرنوخ الإيراني على التدريب",  # after a role: a person
    "ولعب اللاعب مبارك زرنوخ الغاني مع الفريق",  # after a first name: a person
    "وتأهل الفريق إلى دوري زرنوخ السعودي",  # a competition
    "وأدى اللاعبون الحج الإيراني في الموسم",  # a definite word
    "ورحل المهاجم عن ناديه الإيطالي",  # a pronoun on a noun
    "وبدأ الظهير الأيمن الإيطالي المباراة",  # sport words
])
def test_no_club_from_a_nisba_after_what_is_no_clubs_name(text) -> None:
    assert _clubs(text) == []


# --------------------------------------------------------------------------- organisations


@pytest.mark.parametrize(("text", "ar", "en"), [
    ("أعلنت وزارة الدفاع الروسية أن", "وزارة الدفاع الروسية", "Russian Ministry of Defence"),
    ("وقال مسؤول في وزارة الداخلية الأردنية إن", "وزارة الداخلية الأردنية",
     "Jordanian Ministry of Interior"),
    ("أعلنت هيئة الإغاثة الكويتية", "هيئة الإغاثة الكويتية", "Kuwaiti Relief Authority"),
    # a proclitic is not part of the name; ل's swallowed alef is written back
    ("وقال بيان لوزارة الدفاع الروسية إن", "وزارة الدفاع الروسية",
     "Russian Ministry of Defence"),
    ("أشاد للجيش السوري", "الجيش السوري", "Syrian Army"),
])
def test_organisations_from_a_head_its_complement_and_a_nisba(text: str, ar: str,
                                                              en: str) -> None:
    para, orgs, _, _ = _discover(text)
    assert [(f.type, f.ar, f.en, f.en_source) for f in orgs] == [
        ("organization", ar, en, "composed")]
    _check_found(para, orgs[0])
    assert not orgs[0].transliterated


@pytest.mark.parametrize(("text", "ar", "en"), [
    ("وتطرح شركة زرنوخ للحراسات الأمنية الخاصة الراغبين 30 وظيفة",
     "شركة زرنوخ للحراسات الأمنية الخاصة", "Zarnukh Special Security Guards"),
    ("وتستقبل شركة سالم فهد الزرنوخي للمقاولات المتقدمين",
     "شركة سالم فهد الزرنوخي للمقاولات", "Contracting"),
    ("ووقع مصنع زرنوخ للألمنيوم عقدا", "مصنع زرنوخ للألمنيوم", "Aluminium Factory"),
    # a word of a title (وزير الطاقة) may say what a company is for
    ("وأسست الهيئة شركة زرنوخ للطاقة لتطوير المشروع", "شركة زرنوخ للطاقة", "Zarnukh Energy"),
    # ” opens a quoted name too; the name in quotes is spelled as a whole
    ("وظائف لدى شركة ” زرنوخ للحراسات الأمنية” للنساء", "شركة زرنوخ للحراسات الأمنية",
     "Zarnukh Lalherasat al-Amnia"),
])
def test_a_proper_name_runs_on_through_its_complement(text: str, ar: str, en: str) -> None:
    para, orgs, _, _ = _discover(text)
    assert [f.ar for f in orgs] == [ar]
    assert orgs[0].en.endswith(en)
    _check_found(para, orgs[0])


@pytest.mark.parametrize("text", [
    "وقالت شركة زرنوخ للمرة الأولى إن",  # للمرة: no complement of a name
    "وسعت شركة زرنوخ للحصول على عقد",  # a verbal noun and its object
])
def test_no_complement_where_the_name_ends(text: str) -> None:
    assert [f.ar for f in _discover(text)[1]] == ["شركة زرنوخ"]


@pytest.mark.parametrize(("text", "ar", "en"), [
    # a known person, then what the body is for
    ("وتخرج المستفيدون من مركز محمد بن نايف للمناصحة والرعاية بالرياض",
     "مركز محمد بن نايف للمناصحة والرعاية", "Mohammed bin Nayef Counselling and Care Center"),
    # an unknown name under a head that otherwise needs a nisba
    ("برعاية جمعية زرنوخ للخدمات الصحية التطوعية وذكر", "جمعية زرنوخ للخدمات الصحية التطوعية",
     "Zarnukh Voluntary Health Services Society"),
])
def test_a_body_named_by_a_name_and_what_it_is_for(text: str, ar: str, en: str) -> None:
    para, orgs, _, _ = _discover(text)
    assert [(f.ar, f.en) for f in orgs] == [(ar, en)]
    _check_found(para, orgs[0])


def test_no_body_from_a_head_a_common_word_and_a_complement() -> None:
    assert not _discover("وافتتح مركز جديد للدراسات في المدينة")[1]


@pytest.mark.parametrize(("text", "ar", "en"), [
    ("وصادقت محكمة استئناف دبي على الحكم", "محكمة استئناف دبي", "Dubai Appeal Court"),
    ("وأقيمت الندوة بمسرح إدارة تعليم صبيا أمس", "إدارة تعليم صبيا",
     "Sabya Education Department"),
    ("وأعلنت إدارة مرور جدة أن", "إدارة مرور جدة", "Jeddah Traffic Department"),
    ("وقالت بلدية جدة إن", "بلدية جدة", "Jeddah Municipality"),
    ("وأعلنت غرفة أبها أن", "غرفة أبها", "Abha Chamber"),
    ("وكانت صحة عسير قد أعلنت", "صحة عسير", "Asir Health Affairs"),
    ("في مسجد قوة طوارئ عسير ظهر اليوم", "قوة طوارئ عسير", "Asir Emergency Force"),
])
def test_a_body_named_by_nouns_and_the_town_it_serves(text: str, ar: str, en: str) -> None:
    para, orgs, _, _ = _discover(text)
    assert [(f.ar, f.en) for f in orgs] == [(ar, en)]
    _check_found(para, orgs[0])


@pytest.mark.parametrize("text", [
    "وشكر حكومة وشعب دبي على",  # two nouns of the place
    "وقرر تنظيم معرض جدة الدولي للكتاب",  # the name goes on after the place
    "وقالت إدارة الأزمات إن",  # management, not a department of a town
    "وقالت إدارة النادي إن",
    "حفاظا على صحة المواطنين",  # health, not a directorate
    "بفضل قوة الاقتصاد السعودي",  # strength, not a force
])
def test_no_body_of_a_town_without_its_shape(text: str) -> None:
    assert not _discover(text)[1]


def test_a_verb_after_a_definite_body_is_no_complement() -> None:
    assert not _discover("وأحيلت الأوراق إلى المكتب الاستشاري ليتم البت فيها")[1]


def test_a_head_of_a_town_inside_another_name_does_not_end_it() -> None:
    assert [f.ar for f in _discover("وافتتح مستشفى الصحة النفسية بجدة")[1]] == [
        "مستشفى الصحة النفسية بجدة"]


def test_a_name_that_goes_on_is_not_cut_short() -> None:
    assert not _discover("وظائف لدى مجموعة زيد الحسين وإخوانه")[1]
    assert not [f for f in _discover("وظائف لدى شركة زيد الحسين وإخوانه")[1]
                if f.ar == "شركة زيد"]


def test_an_unknown_complement_is_transliterated() -> None:
    (org,) = _discover("افتتحت جامعة الزرنوخ الأهلية")[1]
    assert org.ar == "جامعة الزرنوخ الأهلية" and org.en_source == "transliteration"
    assert "University" in org.en and "Zarnukh" in org.en


@pytest.mark.parametrize(("text", "en"), [
    ("وقال المدرب لصحيفة «Daily News» البريطانية إن", "Daily News"),
    ("ونقلت صحيفة «Le Monde» الفرنسية أن", "Le Monde"),
    ("وقالت صحيفة sport ro إن", "Sport Ro"),
])
def test_names_written_in_latin_letters_keep_them_in_english(text: str, en: str) -> None:
    (org,) = _discover(text)[1]
    assert en in org.en


def test_head_inside_a_known_name_is_not_a_new_organisation() -> None:
    para = paragraph("أعلنت وزارة الدفاع الروسية أن")
    (org,) = find_orgs(para, [])
    assert find_orgs(para, [org]) == []  # its head is covered: nothing new


# --------------------------------------------------------------------------- name_like


@pytest.mark.parametrize(("word", "first", "expected"), [
    ("كوناشينكوف", True, True),
    ("محمد", True, True),
    ("زرنوخ", False, True),
    ("قال", True, False),  # a speech verb
    ("الرئيس", True, False),  # a title
    ("وزارة", False, False),  # an organisation's head
    ("قائدا", False, False),  # a common noun in the accusative
    ("يقيم", True, False),  # a verb
    ("علاقاتها", False, False),  # a pronoun suffix
    ("لخوض", True, False),  # a preposition on a verbal noun
    ("الروسي", False, False),  # a nisba adjective
])
def test_name_like(word: str, first: bool, expected: bool) -> None:
    assert name_like(normalize(word), first) is expected


# --------------------------------------------------------------------------- real news


@pytest.mark.skipif(not SAUDI.is_dir(), reason=f"{SAUDI} is not on this machine")
def test_found_names_on_real_articles_agree_with_their_text() -> None:
    """On real news, every discovered name points at its words, shows them as written
    and has an English name; people never take the words of a known person."""
    matcher = gazetteer_matcher()
    counts = {"organization": 0, "place": 0, "person": 0}
    for path in sorted(SAUDI.glob("*.txt"))[:80]:
        for line in path.read_text(encoding="utf-8").splitlines():
            para = paragraph(line)
            known = matcher.find(para)
            orgs = find_orgs(para, known)
            places = find_places(para, [*known, *orgs])
            people = find_people(para, [*known, *orgs, *places])
            known_people = {k for h in known if " " in h.key
                            and any(getattr(n, "type", "") == "person" for n in h.payload)
                            for k in range(h.first, h.last + 1)}
            for f in [*orgs, *places, *people]:
                _check_found(para, f)
                counts[f.type] += 1
            for f in people:
                assert known_people.isdisjoint(range(f.first, f.last + 1)), (path.name, f)
            for group in (orgs, places, people):
                spans = sorted((f.start, f.end) for f in group)
                assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert all(n >= 10 for n in counts.values()), counts
