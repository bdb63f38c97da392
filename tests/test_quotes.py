"""Quotes and speakers (builder/extract/quotes.py), over real Arabic snippets."""

from __future__ import annotations

import pytest

from builder.extract.quotes import extract_quotes
from builder.model import Article, Entity, Span


def _article(*paragraphs: str) -> Article:
    return Article(id="t", path="t.txt", order=0, lang="ar", paragraphs=paragraphs)


def _entity(article: Article, type_: str, ar: str, en: str, *mentions: str) -> Entity:
    """A hand-made entity with spans at every occurrence of ``mentions`` in the article."""
    spans = []
    for p, text in enumerate(article.paragraphs):
        for mention in mentions:
            start = text.find(mention)
            while start >= 0:
                spans.append(Span(p, start, start + len(mention)))
                start = text.find(mention, start + 1)
    slug = en.lower().replace(" ", "-")
    return Entity(type=type_, ar=ar, en=en, slug=slug, mentions=len(spans),
                  spans=tuple(sorted(spans, key=lambda s: (s.paragraph, s.start))))


def _said(article: Article, entities: tuple[Entity, ...] = ()) -> list[tuple[str | None, str]]:
    """Named speakers and their quotes (anonymous sources left out)."""
    return [(q.speaker.en or q.speaker.ar, q.text) for q in extract_quotes(article, entities)
            if not q.speaker.anonymous]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # named subject right after the verb, without entities: the name as written
        ("وقالت زاخاروفا، فى تعليق على تقرير الأمم المتحدة: «نحن ننتظر أى تقارير»",
         [("زاخاروفا", "نحن ننتظر أى تقارير")]),
        ("وأضاف جمالي قائلا: ”خلال الفترة التي عملت فيها مع الروس تبين لي الكثير”.",
         [("جمالي", "خلال الفترة التي عملت فيها مع الروس تبين لي الكثير")]),
        ("وقالت وزارة الخارجية الروسية إن وجود التحالف الدولى فى سوريا «غير قانونى ولا شرعي»",
         [("وزارة الخارجية الروسية", "غير قانونى ولا شرعي")]),
        ("أكد المتحدث الرسمي باسم الرئيس الروسي، دميتري بيسكوف، أنه «لا حديث عن عملية برية»",
         [("دميتري بيسكوف", "لا حديث عن عملية برية")]),
        # a quote before its verb
        ("«سنواصل العمليات حتى النهاية»، قال بوتين للصحفيين.",
         [("بوتين", "سنواصل العمليات حتى النهاية")]),
        # guillemets around a bare name are not quotes
        ("والاستعداد لمؤتمر «أستانة7»، وانتقدت خروج مسلحى «داعش» دون عائق", []),
        ("لقصف مواقع تابعة لتنظيم ”الدولة الإسلامية” في سوريا", []),
        ("في مقابلة حصرية ل”سي أن أن”، قال إن الرئيس نجح", []),
        ("ذكرت شبكة \"أن تى في\" التركية الإخبارية أن طائرات قامت بطلعات", []),
        # an anonymous source is not a named speaker
        ("وأكد المصدر أن \"هذه هى المعركة الموعودة\"، مضيفاً أن غالبية القوات سورية", []),
        # a short quoted term or slogan is not a quote, whoever is named near it
        ("وهي مسألة اعتبرها كاميرون \"صراع جيلنا\" في خطابه", []),
        ("وقال المدرب إن لاعبي «فريق الأحلام» جاهزون", []),
        # a quoted title, whatever its length, is not a quote
        ("وذكر الدكتور بخاري أن الإشاعات كثيرة، مستعرضًا أبرزها وهو “اكتشاف ينهي معاناة مرضى السكري” "
         "وبيّن أن الأمر بدأ بمزحة", []),
        ("وطالب الفهيد في كلمته تحت عنوان \"أمن وسلامة الآثار والمنشآت السياحية\" بالاستفادة", []),
        # scripture has no speaker page
        ("وقال الله عز وجل: «وكان حقا علينا نصر المؤمنين»", []),
        ("قال تعالى: «وكان حقا علينا نصر المؤمنين»", []),
        # a quote inside a quote is part of it
        ('وقال بوتين: "تتزامن هذه التحركات مع انطلاق مبادرة "عسير وجهة سياحية" التي أطلقها الأمير".',
         [("بوتين", 'تتزامن هذه التحركات مع انطلاق مبادرة "عسير وجهة سياحية" التي أطلقها الأمير')]),

        # a bare subject that cannot be a name is no speaker
        ("وأكد أحوال المواطنين أن «الخدمات تصل إلى الجميع بلا استثناء»", []),
    ],
)
def test_quotes_without_entities(text: str, expected: list[tuple[str, str]]) -> None:
    assert _said(_article(text)) == expected


def test_pronoun_verbs_take_the_last_named_speaker() -> None:
    article = _article(
        "وشدد بوتين على أن نتائج هذا العمل «لا تزال غير كافية لتطهير سوريا». "
        "وتابع قائلاً: «أمامنا عمل كبير، وأنا آمل أن تكون المراحل اللاحقة على المستوى نفسه».",
        "أكد المتحدث الرسمي باسم الرئيس الروسي، دميتري بيسكوف، أنه لا يجري الحديث عن عملية برية.",
        "وقال رداً على سؤال ل»الجزيرة» حول هذا الموضوع: «نعم، بالتأكيد، لا حديث عن العملية البرية».",
    )
    said = _said(article)
    assert [s for s, _ in said] == ["بوتين", "بوتين", "دميتري بيسكوف"]
    assert said[2][1] == "نعم، بالتأكيد، لا حديث عن العملية البرية"
    assert [q.paragraph for q in extract_quotes(article, ())] == [0, 0, 2]


def test_entities_give_speakers_their_names_and_resolve_descriptions() -> None:
    article = _article(
        "وفي شأن متصل، قال نافيد جمالي، وهو عميل مزدوج سابق بين موسكو وواشنطن، إن الرئيس "
        "الروسي، فلاديمير بوتين، قد نجح في مهمته.",
        "وأضاف جمالي: ”الحقيقة أن ما فعله فلاديمير بوتين لم يتمكن منه غيره”.",
        "وتابع الجاسوس المزدوج السابق قائلا: ”بالنظر إلى ما تمكن بوتين من إنجازه، فقد دخل المنطقة”.",
        "وقال الرئيس الروسي في اجتماع لمجلس قادة رابطة الدول المستقلة: «حقق عسكريونا نتائج ملموسة»",
        "ووصف المصدر ذلك بأنه \"المعركة الموعودة في الشمال\".",
    )
    jamali = _entity(article, "person", "نافيد جمالي", "Naveed Jamali", "نافيد جمالي", "جمالي")
    putin = _entity(article, "person", "فلاديمير بوتين", "Vladimir Putin", "فلاديمير بوتين")
    cis = _entity(article, "organization", "رابطة الدول المستقلة",
                  "Commonwealth of Independent States", "رابطة الدول المستقلة")
    said = _said(article, (jamali, putin, cis))
    assert [s for s, _ in said] == ["Naveed Jamali", "Naveed Jamali", "Vladimir Putin"]
    quote = extract_quotes(article, (jamali, putin, cis))[0]
    assert quote.speaker.slug == "naveed-jamali" and quote.speaker.ar == "نافيد جمالي"


def test_apposition_with_entities() -> None:
    article = _article(
        "وأعلن المبعوث الأممى الخاص إلى سوريا، ستيفان دى ميستورا، نيته عقد الجولة الثامنة، "
        "وشدد فى تقريره على ضرورة عقد «اجتماع موفق وناجح للجميع» فى الرياض."
    )
    mistura = _entity(article, "person", "ستيفان دي ميستورا", "Staffan de Mistura",
                      "ستيفان دى ميستورا")
    syria = _entity(article, "place", "سوريا", "Syria", "سوريا")
    assert _said(article, (syria, mistura)) == [("Staffan de Mistura", "اجتماع موفق وناجح للجميع")]


def test_unbalanced_marks_never_swallow_the_article() -> None:
    long_tail = " ".join(["كلمة"] * 400)
    article = _article(f"وقال بوتين: «{long_tail}", "وأضاف لافروف: «هذا نص قصير وواضح»")
    said = _said(article)
    assert all(len(text.split()) <= 220 for _, text in said)
    assert said[-1] == ("لافروف", "هذا نص قصير وواضح")


def test_a_surname_without_span_is_linked_to_the_entity() -> None:
    article = _article("وقال بوتين: «أود أن أشكر مجددا عسكريينا»")
    putin = Entity(type="person", ar="فلاديمير بوتين", en="Vladimir Putin",
                   slug="vladimir-putin")
    assert _said(article, (putin,)) == [("Vladimir Putin", "أود أن أشكر مجددا عسكريينا")]


@pytest.mark.parametrize(
    ("text", "written", "english"),
    [
        ("وقال مصدر مطلع: «الاجتماع سيعقد الأسبوع المقبل في الرياض»", "مصدر مطلع", "a source"),
        ("وأكدت مصادر مطلعة أن «القرار صدر بعد مشاورات طويلة»", "مصادر مطلعة", "sources"),
        ("وقال أحد المسؤولين: «لن نسمح بتكرار ما حدث»", "أحد المسؤولين", "someone"),
        ("وصرح مسؤول في الوزارة: «العمل مستمر على قدم وساق»", "مسؤول", "an official"),
    ],
)
def test_anonymous_sources_are_marked_and_shown_as_written(text: str, written: str,
                                                           english: str) -> None:
    (quote,) = extract_quotes(_article(text), ())
    assert quote.speaker.anonymous and quote.speaker.slug is None
    assert (quote.speaker.ar, quote.speaker.en) == (written, english)


def test_a_title_alone_is_the_person_named_with_it_or_nobody() -> None:
    article = _article(
        "حدد رئيس الوزراء البريطاني ديفيد كاميرون، اليوم، ملامح استراتيجية للتصدي للتطرف.",
        "كما أكد رئيس الوزراء البريطاني أن المجتمع \"مجتمع ديمقراطي متعدد الأعراق والأديان\".",
        "وقال الوزير: «سنعمل مع الجميع من أجل هذا الهدف»",
    )
    cameron = _entity(article, "person", "ديفيد كاميرون", "David Cameron", "ديفيد كاميرون")
    quotes = extract_quotes(article, (cameron,))
    assert [(q.speaker.en, q.speaker.anonymous) for q in quotes] == [
        ("David Cameron", False), (None, True)]
    assert quotes[1].speaker.ar == "الوزير"


def test_a_name_right_after_a_title_is_the_speaker() -> None:
    article = _article("فيما أكد مدير عام شالكه هورشت هيلدت أن \"يوفنتوس تقدم بطلب خطي للتفاوض\".")
    assert _said(article) == [("هورشت هيلدت", "يوفنتوس تقدم بطلب خطي للتفاوض")]


def test_an_honorific_is_the_person_named_before() -> None:
    article = _article("تفقد الأمير جلوي بن عبدالعزيز أحوال المواطنين.",
                       "وقال سموه: «جئنا اليوم لتفقد أحوالكم والتأكد من وصول الخدمات»")
    prince = _entity(article, "person", "جلوي بن عبدالعزيز", "Jiluwi bin Abdulaziz",
                     "جلوي بن عبدالعزيز")
    assert _said(article, (prince,)) == [
        ("Jiluwi bin Abdulaziz", "جئنا اليوم لتفقد أحوالكم والتأكد من وصول الخدمات")]


def test_words_after_a_colon_are_a_quote_up_to_the_end_of_their_sentence() -> None:
    article = _article(
        "تعاقد النادي مع اللاعب السوري عمر السومة لثلاثة مواسم.",
        "وقال اللاعب لبرنامج رياضي: سأغادر الكويت فور انتهاء المباراة إلى جدة لتوقيع العقد. "
        "وذكرت الصحيفة أن الصفقة كبيرة.",
        "ونفى سومة أن يكون من مشجعي الفريق المنافس، وقال: أنا من متابعي الدوري منذ سنوات، "
        "واعترف بأنه سيحتاج لفترة ويقول: سأحتاج لوقت كي أتأقلم مع الفريق الجديد.",
        "وأضاف في الساعة 10:30 صباحا أن الفريق جاهز",
    )
    somah = _entity(article, "person", "عمر السومة", "Omar Al Somah", "عمر السومة")
    said = _said(article, (somah,))
    assert said == [
        ("Omar Al Somah", "سأغادر الكويت فور انتهاء المباراة إلى جدة لتوقيع العقد"),
        ("Omar Al Somah", "أنا من متابعي الدوري منذ سنوات"),
        ("Omar Al Somah", "سأحتاج لوقت كي أتأقلم مع الفريق الجديد"),
    ]


def test_participle_carries_the_speaker_of_a_condemnation() -> None:
    article = _article("استنكر الأمين العام لمجلس التعاون الدكتور عبداللطيف الزياني بشدة تصريحات "
                       "نوري المالكي، واصفا تلك التصريحات بأنها \"لا مسؤولة واتهامات باطلة ومشينة\".")
    people = (_entity(article, "person", "عبداللطيف الزياني", "Abdullatif al-Zayani", "عبداللطيف الزياني"),
              _entity(article, "person", "نوري المالكي", "Nouri al-Maliki", "نوري المالكي"))
    assert _said(article, people) == [("Abdullatif al-Zayani", "لا مسؤولة واتهامات باطلة ومشينة")]


def test_the_outlet_the_words_were_said_to_is_not_the_speaker() -> None:
    article = _article("وقال لـ«عكاظ» حسن جعفري شقيق الطفل «إن العريف أنقذ شقيقي عندما كان في البحر»")
    people = (_entity(article, "person", "حسن جعفري", "Hassan Jafari", "حسن جعفري"),)
    assert _said(article, people) == [("Hassan Jafari", "إن العريف أنقذ شقيقي عندما كان في البحر")]


@pytest.mark.parametrize("text", [
    "ويرى أستاذ العلاقات الدولية د.حسن المومني أن البيئة معقدة. وقال: «كيف للأردن أن يتصرف في هذه البيئة»",
    "وأكد د. حسن المومني: «كيف للأردن أن يتصرف في هذه البيئة»",
    "ويرى حسن المومني أن البيئة معقدة. وتابع المومني «كيف للأردن أن يتصرف في هذه البيئة»",
    "وقال لـ \"الاقتصادية\" حسن المومني «كيف للأردن أن يتصرف في هذه البيئة»",
])
def test_speaker_after_abbreviations_surnames_and_outlets(text: str) -> None:
    article = _article(text)
    people = (_entity(article, "person", "حسن المومني", "Hassan al-Momani", "حسن المومني"),)
    assert _said(article, people) == [("Hassan al-Momani", "كيف للأردن أن يتصرف في هذه البيئة")]


def test_an_anonymous_source_after_an_outlet_keeps_its_quotes() -> None:
    article = _article('وأكد لـ "الاقتصادية"، مصدر من الشركة أن الحدث سيكون مميزا. '
                       'وأضاف: "يعد القضاء على السوق السوداء أمرا صعبا في مسألة التذاكر".')
    quotes = extract_quotes(article, ())
    assert [(q.speaker.ar, q.speaker.anonymous) for q in quotes] == [("مصدر", True)]


def test_a_newspaper_described_before_its_name_is_the_one_quoted_not_the_outlet() -> None:
    article = _article(
        "ونقلت صحيفة “ذا تايمز” البريطانية تفاصيل القضية. وقالت الصحيفة: “المتهم وصل إلى "
        "المطار قبل يومين من الموعد”.",
        "رابط الخبر بصحيفة المرصد",
    )
    times = _entity(article, "organization", "ذا تايمز", "The Times", "ذا تايمز")
    outlet = _entity(article, "organization", "صحيفة المرصد", "Al-Marsad", "صحيفة المرصد")
    assert [s for s, _ in _said(article, (times, outlet))] == ["The Times"]


def test_a_description_taken_for_an_organisation_stands_for_the_name_after_it() -> None:
    article = _article(
        "خفضت وكالة التصنيف الائتماني \"موديز\" تصنيف البلاد، ثم عادت وكالة التصنيف "
        "الائتماني إلى الملف. وقالت الوكالة إن \"الديون ارتفعت بسرعة خلال العامين الماضيين\".",
    )
    desc = _entity(article, "organization", "وكالة التصنيف الائتماني", "Credit Rating Agency",
                   "وكالة التصنيف الائتماني")
    moodys = _entity(article, "organization", "موديز", "Moody's", "موديز")
    assert [s for s, _ in _said(article, (desc, moodys))] == ["Moody's"]


@pytest.mark.parametrize("text", [
    # » used to open a quote right after a colon
    "وقال كريم سليمان:»نتابع كل المعلومات المتاحة عن الحادث».",
])
def test_a_closing_guillemet_after_a_colon_opens(text: str) -> None:
    assert _said(_article(text)) == [("كريم سليمان", "نتابع كل المعلومات المتاحة عن الحادث")]


def test_a_guillemet_after_a_one_letter_word_closes() -> None:
    article = _article("وقال كريم سليمان إن القرار رفع موظفين إلى درجة «مساعد أ»، وعين آخرين "
                       "على درجة «مساعد ب»، مؤكدا أن هذا الأمر يخدم الجميع في المرحلة المقبلة.")
    assert _said(article) == []


def test_a_quoted_list_of_names_is_not_a_quote() -> None:
    article = _article("وقال كريم سليمان إن المنصة متاحة بخمس لغات \"العربية، الإنجليزية، "
                       "الفرنسية، الألمانية والإسبانية\".")
    assert _said(article) == []
    article = _article("وقال كريم سليمان إن \"الموظفين ولاؤهم أولا وأخيرا للمؤسسة\".")
    assert _said(article) == [("كريم سليمان", "الموظفين ولاؤهم أولا وأخيرا للمؤسسة")]


def test_a_name_before_a_comma_and_a_title_is_the_speaker() -> None:
    article = _article("وقالت زين كمال المصري، مديرة المنتجات في الشركة: \"نعمل على تطوير "
                       "خدمات جديدة للمستخدمين هذا العام\".")
    assert _said(article) == [("زين كمال المصري", "نعمل على تطوير خدمات جديدة للمستخدمين هذا العام")]


def test_a_name_after_a_description_is_the_speaker_when_no_entity_matches() -> None:
    article = _article(
        "وصل الوفد إلى مدينة بوسطن صباح السبت.",
        "وأوضح الرقيب في شرطة «بوسطن» بول كيمبل أن التحقيق مستمر. وقال: «لقد تم نقل "
        "المصاب إلى المستشفى القريب من موقع الحادث».",
    )
    boston = _entity(article, "place", "بوسطن", "Boston", "بوسطن")
    assert _said(article, (boston,)) == [
        ("بول كيمبل", "لقد تم نقل المصاب إلى المستشفى القريب من موقع الحادث")]


@pytest.mark.parametrize("text", [
    # an accusative word after the verb is its object, not a speaker
    "وشدد على أنه لا يرى دوراً لبشار في مستقبل البلاد، مضيفاً «لا أستطيع أن أرى كيف يتوقف العنف».",
    # a conjunction and a preposition are no subject; "رأيت" (I saw) is no speech verb
    "تم إصلاح ثغرات منها «ستيدج فرايت» ومن المنتظر أن تطرح الشركة «مشروع أندرويد مفتوح المصدر».",
])
def test_words_that_are_not_a_subject_give_no_speaker(text: str) -> None:
    assert _said(_article(text)) == []


@pytest.mark.parametrize("text", [
    # a plural noun after a preposition, a noun with a pronoun, a noun in construct
    "وقال بنبرات حزينة: «لقد فقدنا صديقا عزيزا».",
    "وكل واحد لا يرى قبعته: «من يعرف لونها يفوز».",
    "إن هذا العمل يؤكد ضلال الفكر الذي يقف خلفه: «لن ينجحوا في مسعاهم».",
])
def test_an_object_after_the_verb_is_no_bare_name(text: str) -> None:
    assert _said(_article(text)) == []


@pytest.mark.parametrize("text, speaker", [
    ("وقال زاميديو: «التحليل يكشف الحقيقة».", "زاميديو"),
    ("وأضاف غابريال الذي كان يتحدث للصحفيين: «العلاقات جيدة».", "غابريال"),
    ("وقال بوريس المسؤول عن المشروع: «العمل مستمر».", "بوريس"),
])
def test_a_bare_name_after_the_verb_is_still_the_speaker(text: str, speaker: str) -> None:
    assert [s for s, _ in _said(_article(text))] == [speaker]


def test_plural_participles_and_villagers() -> None:
    article = _article("وأضاف كريم سليمان قائلين: «نحن نتابع التطورات عن كثب منذ أيام».",
                       "يقول قرويون: المنزل قاعدة محلية للمسلحين منذ شهور.")
    quotes = extract_quotes(article, ())
    assert [q.speaker.anonymous for q in quotes] == [False, True]
    assert quotes[0].speaker.ar == "كريم سليمان"


def test_indirect_speech_after_a_colon_is_not_a_quote() -> None:
    article = _article("وقال عيدان: إنه استلم الحزام من إحدى المناطق المتاخمة للحدود.",
                       "وقال عيدان: «إن الهدف كان فقط هدم المسجد».",
                       "وقال ناصر القضيعي: إننا سنبقى أوفياء لهذا الوطن مهما حدث.")
    quotes = extract_quotes(article, ())
    assert [q.text for q in quotes] == ["إن الهدف كان فقط هدم المسجد",
                                        "إننا سنبقى أوفياء لهذا الوطن مهما حدث"]


def test_a_verb_with_its_object_introduces_its_subjects_words() -> None:
    article = _article("وزار وزير العدل عادل الحربي المحكمة أمس.",
                       "فسأله الوزير: «أين الموظفون اليوم؟».",
                       "سألته سارة الفهد: «هل ستعود إلى المدرسة غدا؟».")
    people = (_entity(article, "person", "عادل الحربي", "Adel al-Harbi", "عادل الحربي"),
              _entity(article, "person", "سارة الفهد", "Sara al-Fahd", "سارة الفهد"))
    quotes = extract_quotes(article, people)
    assert [q.speaker.ar for q in quotes] == ["عادل الحربي", "سارة الفهد"]


def test_a_short_quoted_phrase_after_a_preposition_is_not_speech() -> None:
    article = _article("ودعا رئيس الوزراء كريم سليمان النواب إلى «التكيف مع الواقع الجديد».",
                       "وقال كريم سليمان في كلمته: «علينا التكيف مع الواقع الجديد».")
    quotes = extract_quotes(article, ())
    assert [q.text for q in quotes] == ["علينا التكيف مع الواقع الجديد"]


def test_relayed_words_belong_to_whom_they_are_relayed_from() -> None:
    article = _article("ونقلت «رويترز» عن رئيس البورصة محمد عمران قوله: «تمت الموافقة على قيد "
                       "الشركة في السوق».",
                       "ونقلت وكالة الأنباء عن نقابة الصحفيين قولها في بيان «إن 13 صحفيا ما زالوا "
                       "مختفين».")
    people = (_entity(article, "person", "محمد عمران", "Mohamed Omran", "محمد عمران"),
              _entity(article, "organization", "رويترز", "Reuters", "رويترز"))
    quotes = extract_quotes(article, people)
    assert [q.speaker.ar for q in quotes] == ["محمد عمران", "نقابة الصحفيين"]


def test_a_speech_verb_in_a_clause_of_time_does_not_change_who_speaks_next() -> None:
    article = _article("وأكد المتحدث الرسمي عدنان المعيبد أن القرار جاء بعد أن رأت لجنة الانضباط "
                       "عدم وجود مسوغ قانوني، وقال: «اللجنة استندت إلى المادة الرابعة من اللائحة».")
    people = (_entity(article, "person", "عدنان المعيبد", "Adnan al-Muaibed", "عدنان المعيبد"),)
    quotes = extract_quotes(article, people)
    assert [q.speaker.ar for q in quotes] == ["عدنان المعيبد"]


def test_an_addressee_or_an_object_after_the_verb_is_not_the_speaker() -> None:
    article = _article("وهو ما أكده الظواهري حين قال لهاني السباعي: «أنا الذي كنت أميرا على هذه "
                       "المجموعة».",
                       "وقال جون كيري إن الاتفاق تاريخي. لكنه دعا إيران إلى أن «تخصص القسم الأكبر من هذا "
                       "المال لشعبها».",
                       "لكنه يضيف أن «الاتفاق يبقى أفضل الخيارات المتاحة اليوم».")
    people = (_entity(article, "person", "جون كيري", "John Kerry", "جون كيري"),)
    quotes = extract_quotes(article, people)
    assert [q.speaker.ar for q in quotes] == ["جون كيري"]
    assert quotes[0].text.startswith("الاتفاق يبقى")


@pytest.mark.parametrize(("text", "speaker"), [
    # a foreign name after the title, then the rest of the subject
    ("وقال المسؤول الإقليمي يوهان كرامر للصحافيين «سنعيد فتح الطريق خلال أيام قليلة»",
     "يوهان كرامر"),
    # a definite family name after a known first name, past a description with a preposition
    ("وقال المهندس في بلدية الخبر سعد الدوسري للحضور: «المشروع سيكتمل قبل نهاية العام المقبل»",
     "سعد الدوسري"),
])
def test_a_name_inside_a_longer_title_is_the_speaker(text: str, speaker: str) -> None:
    assert _said(_article(text)) == [(speaker, text.split("«")[1].rstrip("»"))]


def test_a_place_after_a_title_is_not_the_speakers_name() -> None:
    article = _article("وصرح وكيل محافظة ينبع نايف الحربي لصحافيين أن «الطريق سيفتح أمام "
                       "السيارات غدا»")
    yanbu = _entity(article, "place", "ينبع", "Yanbu", "ينبع")
    assert _said(article, (yanbu,)) == [("نايف الحربي", "الطريق سيفتح أمام السيارات غدا")]


def test_a_club_the_player_came_from_is_not_the_speaker() -> None:
    article = _article("وقال اللاعب القادم إلى الفريق من ريال مدريد: «سأبذل كل جهدي مع فريقي "
                       "الجديد هذا الموسم»")
    club = _entity(article, "organization", "ريال مدريد", "Real Madrid", "ريال مدريد")
    quotes = extract_quotes(article, (club,))
    assert [q.speaker.anonymous for q in quotes] == [True]


def test_a_verb_after_a_relative_pronoun_has_the_name_before_it_as_subject() -> None:
    article = _article("وقال الوزير سامي الحربي إن الطريق سيفتح قريبا.",
                       "وبحسب الخبير مارك هولدن، الذي يرى «أن الاتفاق لن يصمد طويلا أمام "
                       "الضغوط»، فإن الأزمة مستمرة.")
    harbi = _entity(article, "person", "سامي الحربي", "Sami Al-Harbi", "سامي الحربي")
    holden = _entity(article, "person", "مارك هولدن", "Mark Holden", "مارك هولدن")
    assert _said(article, (harbi, holden)) == [
        ("Mark Holden", "أن الاتفاق لن يصمد طويلا أمام الضغوط")]
