"""Names the recogniser adds to the extractor's entities (builder/extract/learned.py)."""

from __future__ import annotations

import pytest

from builder.extract import entities, learned
from builder.extract.gazetteer import gazetteer_matcher, paragraph
from builder.extract.learned import accept, confirm, proclitic, settings
from builder.extract.lexicon import LexiconError
from builder.extract.recogniser import Mention
from builder.model import Article


def _article(*paragraphs: str) -> Article:
    return Article(id="0" * 16, path="t.txt", order=0, lang="ar", paragraphs=paragraphs)


def _people(monkeypatch: pytest.MonkeyPatch | None, text: str) -> list[tuple[str, str]]:
    if monkeypatch is not None:
        monkeypatch.setattr(entities, "learned_names", lambda para, taken, guarded=(): [])
    return [(e.ar, e.en_source) for e in entities.extract_entities(_article(text))
            if e.type == "person"]


@pytest.mark.parametrize("text", [
    "وقال سامر الخطيب المدير العام للشركة إن الأرباح ارتفعت هذا العام",
    "وضمت القائمة اللاعبين نادر القاسم وسامر الخطيب وكريم الحداد",
])
def test_the_recogniser_adds_a_person_the_rules_miss(monkeypatch, text) -> None:
    assert ("سامر الخطيب", "transliteration") in _people(None, text)
    assert _people(monkeypatch, text) == []  # no title, no comma: the rules find no one


def test_an_added_name_is_spelled_as_the_rules_spell_one() -> None:
    ents = entities.extract_entities(_article(
        "وحضر الاجتماع كارلو ميتينين رئيس الأركان في مكتب وزير الدفاع",
        "وأضاف ميتينين أن التعاون سيستمر"))
    e = next(e for e in ents if e.ar == "كارلو ميتينين")
    assert (e.type, e.en, e.en_source) == ("person", "Carlo Mitinin", "transliteration")
    assert e.mentions == 2  # the surname alone is linked to the name


def test_a_body_gets_the_english_of_its_head_word() -> None:
    ents = entities.extract_entities(_article("وأعلنت وزارة الزراعة عن خطة جديدة للري"))
    e = next(e for e in ents if e.type == "organization")
    assert (e.ar, e.en) == ("وزارة الزراعة", "Ministry of Agriculture")


def _mention(text: str, typ: str, first: int, last: int, confidence: float):
    return accept(paragraph(text), [Mention(typ, first, last, confidence)], [])


def test_a_body_under_a_definite_head_composes_its_english_when_every_word_is_known() -> None:
    [found] = _mention("وقال البنك المركزي إن", "organization", 1, 2, 0.99)
    assert (found.ar, found.en, found.en_source) == ("البنك المركزي", "Central Bank", "composed")
    [found] = _mention("وقالت الجماعة الزرنوخية إن", "organization", 1, 2, 0.99)
    assert found.en_source == "transliteration"  # a word the glossary lacks: spelled
    # a nisba inside the name gives its demonym
    [found] = _mention("وقالت الهيئة السعودية للتخصصات الصحية إن", "organization", 1, 4, 0.99)
    assert (found.en, found.en_source) == ("Saudi Authority of the Health Specialties",
                                           "composed")


def test_a_name_word_said_twice_is_a_name() -> None:
    [found] = _mention("وقال محمد محمد إن", "person", 1, 2, 0.99)
    assert found.ar == "محمد محمد"


def test_a_name_spelled_like_i_without_hamza_stays() -> None:
    [found] = _mention("وضمت القائمة رود فاني أمس", "person", 2, 3, 0.99)
    assert found.ar == "رود فاني"


def test_a_low_confidence_name_is_refused() -> None:
    text = "وقال سامر الخطيب إن الأرباح ارتفعت"
    assert _mention(text, "person", 1, 2, settings()["threshold"]["person"] - 0.01) == []
    [found] = _mention(text, "person", 1, 2, 0.95)
    assert (found.ar, found.how) == ("سامر الخطيب", "model")


@pytest.mark.parametrize(("text", "typ", "first", "last"), [
    ("قال الرئيس إن", "person", 0, 1),  # a verb and a title
    ("وكان اللقاء الأول بين الجانبين", "place", 1, 2),  # common words
    ("وأعلنت الوكالة الأمريكية أمس", "organization", 1, 2),  # which agency is not said
    ("وأعلنت وزارة أمس", "organization", 1, 1),  # a head word alone
    ("واستقبل عبدالرحمن بن الضيوف", "person", 1, 2),  # ends with a connector
    ("وأكد بن مشرف أن", "person", 1, 2),  # begins with one
    ("يقول سامر الخطيب، إن", "person", 1, 3),  # punctuation inside
    ("وقال خالد إن", "person", 1, 1),  # a given name alone
    ("وقالت جيل برايس إن", "person", 1, 1),  # a name word after it: the model cut a name
    ("التنسيق مستمر مع الوزارة", "person", 1, 1),  # one word, a common word (wordclass.py)
    ("وصعد المتسلقون إلى منطقة جبل في الشمال", "place", 4, 4),  # a place's first word
    ("وظهر جيل أبيض من الشباب", "person", 1, 2),  # an adjective (wordclass.py)
    ("وضمت القائمة مادو ـ فابيان أمس", "person", 2, 3),  # a tatweel as a dash: two names
    ("وقال فيدال الخطيب إن", "person", 1, 2),  # a first word of that shape stays refused
    ("مثل «شاطر شاطر» و", "person", 1, 2),  # a word said twice
    ("ولم يركز الدين الحنيف على", "person", 2, 3),  # a name's tail does not begin one
    ("والله إنِّي لأموت ولا", "person", 1, 2),  # "I" written with hamza
    ("تعود ملكية الأسهم لكونسورتيوم تقوده", "place", 3, 3),  # ل on an unknown word
    ("اتفاق يقضي بإنشاء صندوق دعم للسينمائيين", "organization", 3, 4),  # "a support fund"
    ("المحددة في اتحاد للطاقة أوروبي، يجب", "organization", 2, 4),  # "a European union"
])
def test_what_is_not_a_name_is_refused_however_sure(text, typ, first, last) -> None:
    assert _mention(text, typ, first, last, 0.99) == []


def test_one_word_needs_more_confidence_than_a_longer_name() -> None:
    text = "وسجل ريفاس هدف الفوز"  # a surname open data knows, no common word
    one_word = settings()["one_word"]["person"]
    assert one_word > settings()["threshold"]["person"]
    assert _mention(text, "person", 1, 1, one_word - 0.01) == []
    [found] = _mention(text, "person", 1, 1, one_word)
    assert found.ar == "ريفاس"


@pytest.mark.parametrize(("text", "first", "name"), [
    ("وأمين الطائف المهندس محمد المخرج وأمين", 3, "محمد المخرج"),  # a title word
    ("وكشف وزير التخطيط أشرف العربي أن", 3, "أشرف العربي"),  # a nisba
    ("وقال الموسيقار ناصر الصالح إن", 2, "ناصر الصالح"),  # an adjective
    ("خلفا لمواطنه فيكتور بيتوركا في تدريب", 2, "فيكتور بيتوركا"),  # a verb's shape
])
def test_a_family_name_that_looks_like_a_common_word_follows_a_given_name(text, first, name
                                                                           ) -> None:
    [found] = _mention(text, "person", first, first + 1, 0.9)
    assert found.ar == name


@pytest.mark.parametrize(("text", "first"), [
    ("ولكن على الأقل هناك", 1),  # على (on) is no علي
    ("حتى صالح سافروا إلى", 1),  # a verb's ending
    ("وظهر مارجريت تاتشر", 1),  # مارجريت: too few people of open data for a given name
])
def test_what_follows_no_given_name_or_is_a_verb_is_no_family_name(text, first) -> None:
    assert _mention(text, "person", first, first + 1, 0.99) == []


def test_a_name_is_cut_where_it_cannot_go_on() -> None:
    [found] = _mention("استقبل محمد بن عبدالعزيز ويتلقى التهاني", "person", 1, 4, 0.99)
    assert found.ar == "محمد بن عبدالعزيز"
    [found] = _mention("ونقل جيمي كارتر لخادم الحرمين تحيات", "person", 1, 3, 0.99)
    assert found.ar == "جيمي كارتر"
    assert _mention("ونقل كارتر لخادم الحرمين تحيات", "person", 1, 2, 0.99) == []
    # a verb takes no preposition: بابان is a name, not ب + أبان (a speech verb)
    [found] = _mention("بحضور جون كريستوف بابان وضيوف", "person", 1, 3, 0.99)
    assert found.ar == "جون كريستوف بابان"


def test_a_common_word_that_is_a_common_name_may_be_in_a_persons_name() -> None:
    [found] = _mention("وأوضح محمد بن علي القحطاني أن", "person", 1, 4, 0.99)
    assert found.ar == "محمد بن علي القحطاني"  # علي is also the preposition على
    assert _mention("وأوضح محمد بعد القحطاني أن", "person", 1, 3, 0.99) == []


def test_a_surname_of_many_people_of_open_data_may_look_like_a_verb() -> None:
    """فيدال has the shape ف + يCCC (a verb) and 77 Wikidata person labels."""
    [found] = _mention("والانتقال المتوقع للتشيلي ارتورو فيدال الى", "person", 3, 4, 0.99)
    assert found.ar == "ارتورو فيدال"


def test_a_body_with_a_nisba_only_when_its_head_names_one() -> None:
    [found] = _mention("وتقدم الجيش العراقي نحو", "organization", 1, 2, 0.99)
    assert found.ar == "الجيش العراقي"
    assert _mention("وقالت الوكالة الأمريكية إن", "organization", 1, 2, 0.99) == []


@pytest.mark.parametrize(("text", "last"), [
    ("وأكدت الوزارة العدل الصلاحيات في", 3),  # a definite noun after a definite head
    ("وبدأت الأمانة إكمال المشروع", 2),  # an indefinite verbal noun
    ("ونقل المستشفى الشفرة الخضراء إلى", 3),  # a feminine word after a masculine head
    ("وأطلقت الوزارة الإلكتروني الجديد", 2),  # a masculine word after a feminine head
    ("وأعلنت الوزارة للشؤون العمالية أن", 3),  # a preposition: not the ministry's name
])
def test_a_definite_head_is_followed_by_its_adjective(text, last) -> None:
    assert _mention(text, "organization", 1, last, 0.99) == []


@pytest.mark.parametrize(("text", "last", "ar"), [
    ("وقضت المحكمة العليا أمس", 2, "المحكمة العليا"),
    ("وأعلن المجلس الأعلى للقضاء أن", 3, "المجلس الأعلى للقضاء"),
    ("وأعلنت الهيئة العامة للسياحة أن", 3, "الهيئة العامة للسياحة"),
])
def test_a_definite_head_with_its_adjective_is_a_body(text, last, ar) -> None:
    [found] = _mention(text, "organization", 1, last, 0.99)
    assert found.ar == ar


@pytest.mark.parametrize(("text", "typ", "last"), [
    ("وقال هال سيتي في بيان", "person", 2),
    ("ونشرت دويتشه بوست تقريرا", "person", 2),
    ("وفاز بوكا جونيورز على", "person", 2),
    ("وذكرت كيودو نيوز أن", "place", 2),
])
def test_a_bodys_foreign_last_word_ends_no_person_or_place(text, typ, last) -> None:
    assert _mention(text, typ, 1, last, 0.99) == []


def test_a_name_the_gazetteer_holds_stays_the_gazetteers() -> None:
    para = paragraph("وصل فلاديمير بوتين إلى موسكو")
    hits = gazetteer_matcher().find(para)
    assert accept(para, [Mention("person", 1, 2, 0.99)], hits) == []


@pytest.mark.parametrize(("word", "expected"), [
    ("وبيروت", (1, False)), ("للحرس", (1, True)), ("والحرس", (1, False)),
    ("بالرياض", (1, False)), ("وزاره", (0, False)), ("باسم", (0, False)),
    ("بمجلس", (1, False)), ("كليه", (0, False)), ("فيصل", (0, False)),
    ("وماسيميليانو", (1, False)), ("بيروت", (0, False)),
])
def test_proclitics_are_cut_only_when_the_rest_is_the_better_word(word, expected) -> None:
    assert proclitic(word) == expected


def _guarded(text: str) -> list:
    para = paragraph(text)
    return para, [h for h in gazetteer_matcher().find(para)
                  if any(h.key in n.guarded for n in h.payload)]


def test_a_guarded_place_the_model_reads_as_a_body_is_the_body_named_after_it() -> None:
    para, guarded = _guarded("وافق فريق ليفربول الإنجليزي على ضم المهاجم")
    [hit] = guarded
    bar = settings()["confirm"]["organization"]
    [found] = confirm(para, [Mention("organization", hit.first, hit.last, bar)], guarded)
    assert (found.type, found.ar, found.en, found.en_source) == (
        "organization", "ليفربول", "Liverpool", "gazetteer")
    assert confirm(para, [Mention("organization", hit.first, hit.last, bar - 0.01)],
                   guarded) == []  # not sure enough
    assert confirm(para, [Mention("place", hit.first, hit.last, 0.99)], guarded) == []
    assert confirm(para, [Mention("organization", hit.first, hit.last + 1, 0.99)],
                   guarded) == []  # not the spelling's words


def test_a_guarded_common_word_is_never_confirmed() -> None:
    para, guarded = _guarded("نشرت الخبر وكالة الأنباء أمس")  # الخبر: Khobar, or "the news"
    assert guarded
    mentions = [Mention("organization", h.first, h.last, 0.99) for h in guarded]
    assert confirm(para, mentions, guarded) == []


def test_settings_are_checked(monkeypatch) -> None:
    assert set(settings()["threshold"]) == {"person", "place", "organization"}
    monkeypatch.setattr(learned, "load", lambda name: {"threshold": {"person": 0.5},
                                                       "min_words": {}})
    learned.settings.cache_clear()
    try:
        with pytest.raises(LexiconError, match="recogniser.yml"):
            learned.settings()
    finally:
        monkeypatch.undo()
        learned.settings.cache_clear()


@pytest.mark.parametrize(("text", "first", "last"), [
    ("وعاد الجنود إلى ذويهم سالمين غانمين بعد المعركة", 4, 5),  # plural participles
    ("وتحدث عن ظاهرة «بلو مون» في برنامجه", 3, 4),  # a quoted term, no first name
    ("وقال خطيب جامع الرحمن إن الخطبة انتهت", 1, 3),  # a role and its mosque
    ("وغاب مهاجما نادي سانتوس اللذان أصيبا أمس", 3, 4),  # a relative pronoun
])
def test_what_is_no_persons_name_is_not_accepted(text, first, last) -> None:
    assert _mention(text, "person", first, last, 0.99) == []


def test_a_quoted_name_that_begins_with_a_first_name_stays_a_person() -> None:
    [found] = _mention("واستشهد بشعر «جورج بايرون» في كلمته", "person", 2, 3, 0.99)
    assert found.ar == "جورج بايرون"


def test_a_role_and_its_field_end_a_full_name() -> None:
    [found] = _mention("وأوضح سامر الخطيب مشرف النشاط الطلابي بالإدارة", "person", 1, 3, 0.99)
    assert found.ar == "سامر الخطيب"
    [found] = _mention("وقال الرئيس الأسبق برويز مشرف إن", "person", 3, 4, 0.99)
    assert found.ar == "برويز مشرف"  # a role word as a surname: no field after it
