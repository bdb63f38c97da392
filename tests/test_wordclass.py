"""Words that are never names (builder/extract/wordclass.py) and the names they keep out."""

from __future__ import annotations

import pytest

from builder.clean import clean
from builder.corpus import read_source
from builder.extract.entities import extract_entities
from builder.extract.lexicon import titles
from builder.extract.recogniser import person_words
from builder.extract.wordclass import common_word, masdar_like, not_name_word, shape_classes
from builder.model import Article
from builder.normalize import normalize
from tests.helpers import SAUDI

#: After these a word is a name whatever else it means: ابن تيمية، بن مساعد.
_LINKS = {"بن", "ابن", "بنت", "ابو", "ام", "ال", "عبد"}


def _article(*paragraphs: str) -> Article:
    return Article(id="0" * 16, path="t.txt", order=0, lang="ar", paragraphs=paragraphs)


def _ars(*paragraphs: str) -> set[str]:
    return {e.ar for e in extract_entities(_article(*paragraphs))}


@pytest.mark.parametrize("word", [
    "وعدم", "بإجراء", "تتابع", "التابعة", "يقيم", "قدّم", "شكره", "انهارت", "اعتذارا",
    "أخاه", "الملاهي", "المعالج", "دفع", "مواعيدك", "لتواجده", "سائلا", "يفتقر", "المنتقل",
    "تحاصره", "يستقبلهم", "تطويرها",  # a verb or a verbal noun with a pronoun
])
def test_verbs_verbal_nouns_adjectives_and_common_nouns(word: str) -> None:
    assert not_name_word(normalize(word))


@pytest.mark.parametrize("word", [
    "محمد", "سعيد", "تامر", "ياسر", "يوسف", "ابتسام", "حكمت", "مبارك", "ماريا", "دونيس",
    "سوكلين", "بوتين", "لافروف", "كاميرون", "كانساس", "بانكوك", "بخاري", "هيلدت", "عبدالرحمن",
    "علاونة", "الطراونة", "مكدونة",  # ة read as the pronoun ه on a verb's shape
])
def test_name_words_stay_names(word: str) -> None:
    assert not not_name_word(normalize(word))


def test_masdar_shapes() -> None:
    assert masdar_like(normalize("تنظيم")) and masdar_like(normalize("اجتماع"))
    assert not masdar_like(normalize("حزب"))


@pytest.mark.parametrize(("text", "not_names"), [
    # phrases taken for people after a title, an apposition or a speech verb
    ("وهو ما دفع أخاه، الملك جون، لاتباع السياسات نفسها", {"دفع أخاه"}),
    ("وقدم الفنان اعتذارا جميلا، مؤكدا أنه أخطأ", {"اعتذارا جميلا"}),
    ("سفير المملكة في الأردن يقيم حفل معايدة للمواطنين", {"يقيم حفل"}),
    ("وقد بدأ الحفل بكلمة للمحافظ الذي قدّم شكره للحضور", {"قدّم شكره"}),
    # names that swallowed the next word
    ("وقام المدرب اليوناني دونيس بإجراء عدة تغييرات", {"دونيس بإجراء"}),
    ("واستبعد اللاعب المدرب اليوناني دونيس وعدم ضمه للبعثة", {"دونيس وعدم"}),
    ("وقال: «إن شركة سوكلين تتابع جمع النفايات خارج إطار العقد»",
     {"شركة سوكلين تتابع"}),
    ("عرضت قناة المسيرة التابعة للجماعة تسجيلات مصورة", {"قناة المسيرة التابعة"}),
    # common nouns after a place's head word
    ("ومنع عدد من المتاحف ومدن الملاهي استخدام العصا", {"الملاهي"}),
    ("خصصت الفرق منطقة لفرز الحالات في الموقع", {"لفرز"}),
    ("ثم يبدأون تنظيم الندوات والمؤتمرات داخل المدارس", {"تنظيم الندوات والمؤتمرات"}),
])
def test_not_a_name_whatever_precedes_it(text: str, not_names: set[str]) -> None:
    assert not (_ars(text) & not_names)


def test_names_keep_their_words() -> None:
    ars = _ars("عرضت قناة المسيرة التابعة للجماعة تسجيلات مصورة",
               "وقال: «إن شركة سوكلين تتابع جمع النفايات»",
               "وأسست شركة محمد بن إبراهيم القابضة برأسمال مليوني ريال")
    # القابضة (holding) is part of the company's name: heads.yml suffixes
    assert {"قناة المسيرة", "شركة سوكلين", "شركة محمد بن إبراهيم القابضة"} <= ars
    assert not any(ar.endswith(" بن") for ar in ars)


@pytest.mark.skipif(not SAUDI.is_dir(), reason="the saudinewsnet articles are not beside the repository")
def test_no_entity_of_real_articles_is_a_verb_or_a_verbal_noun(tmp_path) -> None:
    """Over 300 real articles, no discovered name has a word that is not a name word
    (a surname many people of open data bear may have a verb's shape: ريكي لامبرت; so may
    a family name after a common given name: سعيد الطاير)."""
    bad = []
    for path in sorted(SAUDI.glob("*.txt"))[::6]:
        article = clean(read_source(path))
        for e in extract_entities(article):
            words = normalize(e.ar).split()
            if e.en_source != "gazetteer" and e.type == "person" and any(
                    not_name_word(w) for k, w in enumerate(words)
                    if (k == 0 or words[k - 1] not in _LINKS) and not _trade_surname(words, k)
                    and not (k > 0 and person_words().get(w, 0) >= 20)
                    and not _family_name(words, k)):
                bad.append((path.name, e.ar))
    assert not bad, bad


def _family_name(words: list[str], k: int) -> bool:
    """A word after a given name many people of open data bear that the running text
    (``common_words.tsv``) never shows as a common word, or one with the article: a family
    name may have the shape of a verb or an adjective (فيكتور بيتوركا، أشرف العربي)."""
    return k > 0 and person_words().get(words[0], 0) >= 20 and (
        words[k].startswith("ال") or not common_word(words[k]))


def _trade_surname(words: list[str], k: int) -> bool:
    """The last word of a name with بن that is a trade (محمد بن عبدالرحمن المخرج): a
    family name, as القاضي or الخطيب are."""
    return k == len(words) - 1 and "بن" in words and words[k] in _TRADES


_TRADES = frozenset(w for t in titles().titles for w in t.split() if w.startswith("ال"))


@pytest.mark.parametrize(("text", "not_names"), [
    ("وأشاد المدير بجهود العاملين لمجمع الفقه الإسلامي في الدورة", {"لمجمع الفقه"}),
    ("وقالت المصادر إن الأمير نواف بن فيصل لأمير المنطقة رسالة", {"نواف بن فيصل لأمير"}),
    ("وحضر الحفل الأمير بن سعود بن محمد وعدد من المسؤولين", {"بن سعود بن محمد"}),
    ("تعمل مؤسسة ستاندرد آند بورز على تقييم الديون", {"مؤسسة ستاندرد آند"}),
])
def test_names_do_not_start_or_end_with_a_preposition_or_a_link(text: str,
                                                                  not_names: set[str]) -> None:
    assert not (_ars(text) & not_names)


def test_known_names_that_look_like_a_preposition_stay_names() -> None:
    from builder.extract.discover import name_like

    for word in ("بندر", "لبنى", "برهان", "بسام", "لمياء"):
        assert name_like(normalize(word), first=True), word


@pytest.mark.parametrize(("text", "not_names"), [
    ("وقال إن حزب عدائي يقف وراء الهجوم", {"حزب عدائي"}),
    ("وأعلنت شركة الكيميائيات عن أرباحها", {"شركة الكيميائيات"}),
    ("وصعد المتسلقون إلى منطقة جبل في الشمال", {"جبل"}),
    ("وانتشرت الظاهرة في مدن العالم الكبرى", {"العالم"}),
])
def test_common_words_after_a_head_are_no_names(text: str, not_names: set[str]) -> None:
    assert not (_ars(text) & not_names)


def test_names_after_heads_stay_whole() -> None:
    assert "ساو باولو" in _ars("طور المخترع في مدينة ساو باولو دراجة نارية")
    assert {"حماة", "إدلب"} <= _ars("في محافظات حماة وإدلب")
    # a family name of the shape of an indefinite nisba (عدائي) keeps its article: الحمادي
    assert "ماجد بن سالم الحمادي" in _ars(
        "وأدان الأمين العام للمجلس الدكتور ماجد بن سالم الحمادي التصريحات")


def test_a_name_run_together_with_a_word_is_no_name() -> None:
    from builder.extract.wordclass import run_together

    assert run_together(normalize("فرنسايواصل")) and run_together(normalize("العربيةمؤتمر"))
    for word in ("عبدالرحمن", "ماساتشوستس", "كفرزيتا", "سالزبورغ"):
        assert not run_together(normalize(word)), word


@pytest.mark.parametrize(("word", "classes"), [
    ("اجتماع", "m"),  # a verbal noun
    ("يكتب", "v"),  # a verb
    ("بيروت", ""),  # no shape
    ("من", ""),  # too short for any
])
def test_shape_classes_name_the_templates_a_word_fits(word: str, classes: str) -> None:
    assert shape_classes(word) == classes
