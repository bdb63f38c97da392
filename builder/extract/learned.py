"""Names the recogniser (:mod:`.recogniser`) is sure of that the gazetteer and rules missed.

A span the model labels becomes a candidate entity only when

* its confidence (the smallest marginal probability of its labels) reaches the threshold
  of its type in ``data/recogniser.yml``, chosen on annotated real news;
* it touches no name the gazetteer or the rules found (they win where they are sure), and
  no spelling the gazetteer knows but its guard refused (حديثه "his talk");
* its words stand together (only spaces between them) and none is a word the project's
  lists know as something else (function words, verbs, time words; for people and places
  also common nouns, adjectives, titles, head words and nisbas: ``common.yml``,
  ``titles.yml``, ``heads.yml``).

Its Arabic is the text's spelling without the proclitic written on its first word
(``وبيروت`` -> ``بيروت``, ``للحرس الثوري`` -> ``الحرس الثوري``); its English is composed as
the rules compose it for every unknown name: a body with a head word from the glossary of
``heads.yml``, anything else word by word by :func:`.spelling.spell_name` (``en_source``
composed, open-names or transliteration).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from .discover import Found
from .discover.english import _english as compose_org  # the rules' composition of a body's English
from .gazetteer import Hit, Paragraph, gazetteer_matcher
from .lexicon import LexiconError, Name, heads, load, titles
from .lexicon import words as word_list
from .recogniser import Mention, _base, lists, person_words, tag
from .spelling import spell_name
from .translit import known_word
from .wordclass import common_word, name_word, not_name_word, preposition_like

#: Characters that may stand between two words of one name (besides spaces).
_JOINERS = " \t\u00a0-"
_QUOTES = "«»\"“”„'‘’"
_TYPES = ("person", "place", "organization")


@lru_cache(maxsize=1)
def settings() -> dict[str, dict[str, float]]:
    """``data/recogniser.yml``: per type, the confidence threshold, the fewest words, and the
    confidence that makes a guarded place a body named after it (see :func:`confirm`)."""
    data = load("recogniser") or {}
    out: dict[str, dict[str, float]] = {}
    for key in ("threshold", "min_words", "one_word", "confirm"):
        table = data.get(key)
        if not isinstance(table, dict) or set(table) != set(_TYPES):
            raise LexiconError(f"recogniser.yml: '{key}' must give a number for each of "
                               f"{', '.join(_TYPES)}")
        for typ, value in table.items():
            if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
                raise LexiconError(f"recogniser.yml: {key}.{typ} must be a number >= 0")
        out[key] = {t: float(v) for t, v in table.items()}
    unknown = set(data) - set(out)
    if unknown:
        raise LexiconError(f"recogniser.yml: unknown key(s) {', '.join(sorted(unknown))}")
    return out


def learned_names(para: Paragraph, taken: Sequence[Hit | Found],
                  guarded: Sequence[Hit] = ()) -> list[Found]:
    """Candidate entities of ``para`` from the model, outside the names in ``taken`` (the
    gazetteer's hits in ``para``, as matched, and the names the rules found), and bodies
    named after a place among the ``guarded`` hits (spellings that are also words, whose
    context did not make them names; see :func:`confirm`)."""
    mentions = tag(para, [h for h in taken if isinstance(h, Hit) and not h.fuzzy])
    if not mentions:
        return []
    return [*confirm(para, mentions, guarded), *accept(para, mentions, taken)]


def confirm(para: Paragraph, mentions: Sequence[Mention], guarded: Sequence[Hit]
            ) -> list[Found]:
    """Bodies named after a place: a guarded spelling of a place (one that is also a word
    or a name: ليفربول is a city and a club) that a mention covers exactly as an
    organisation, sure enough (``confirm`` in ``recogniser.yml``), and whose spelling is no
    common word (:mod:`.wordclass`: not الخبر "the news") -> the body, with the place's
    English (Liverpool). The model is not trusted to say that a guarded spelling names the
    gazetteer's entry of its own type: on real news it took النصر "victory" for the club,
    مالي "financial" for Mali, ظريف "nice" for the minister as often as it was right."""
    if not guarded:
        return []
    bar = settings()["confirm"]
    sure = {(m.first, m.last): m for m in mentions if m.confidence >= bar[m.type]}
    out: list[Found] = []
    for h in guarded:
        m = sure.get((h.first, h.last))
        if m is None or common_word(h.key) or not_name_word(h.key):
            continue
        names = [n for n in h.payload if isinstance(n, Name)]
        if m.type != "organization" or not names or any(n.type != "place" for n in names):
            continue
        s, e = para.span(h.start, h.end)
        ar = para.original[s:e].translate(_NO_QUOTES).strip()
        out.append(Found(m.type, h.first, h.last, h.start, h.end, ar, names[0].en, False,
                         how="model", en_source="gazetteer"))
    return out


def accept(para: Paragraph, mentions: Sequence[Mention], taken: Sequence[Hit | Found]
           ) -> list[Found]:
    """The mentions sure enough and name-like enough to be entities (see the module)."""
    conf = settings()
    covered = {k for x in taken for k in range(x.first, x.last + 1)}
    out: list[Found] = []
    for m in mentions:
        if m.confidence < conf["threshold"][m.type]:
            continue
        m = _trimmed(para, m)
        if m.last - m.first + 1 < conf["min_words"][m.type] and not (
                m.first == m.last and m.confidence >= conf["one_word"][m.type]
                and _one_word(para, m.first)):
            continue
        if any(k in covered for k in range(m.first, m.last + 1)):
            continue
        found = _found(para, m)
        if found is not None:
            out.append(found)
            covered.update(range(m.first, m.last + 1))
    return out


def _one_word(para: Paragraph, k: int) -> bool:
    """Can word ``k`` alone be a name where ``min_words`` asks for more (the model being
    sure enough, ``one_word`` in ``recogniser.yml``)? Not when it has a proclitic or the
    article (وأبان، الأسد), nor when it is a common word of the running text or has the
    shape of one (:mod:`.wordclass`; جودة، حلاوة) unless open data's people bear it as a
    name (بيليه، ميسي، أدونيس); not a given name (the gazetteer's, or many people's of open
    data: :data:`_GIVEN_ALONE`), which alone is most often the model's cut of a longer name
    (إبراهيم النقيب) or a title's (الأمير سلطان); nor a word cut from the name word after
    it (جيل برايس، مارشال ويتمان)."""
    word = para.texts[k]
    if k + 1 < len(para.texts) and not para.gaps[k + 1].strip() and \
            _name_like(para.texts[k + 1]):
        return False
    if proclitic(word)[0] or word.startswith("ال") or len(word) < 3 or name_word(word):
        return False
    count = person_words().get(word, 0)
    if count >= _GIVEN_ALONE:
        return False
    return not (common_word(word) or not_name_word(word)) or count >= _NAME_WORD


def _name_like(word: str) -> bool:
    """A word of people's names (open data or the gazetteer) that no list or the running
    text knows as a common word."""
    return not _listed(word) and not common_word(word) and (
        name_word(word) or person_words().get(word, 0) > 0)


def _trimmed(para: Paragraph, m: Mention) -> Mention:
    """The mention without the words a name cannot end with: a connector (عبدالرحمن بن),
    for a body a title or a function word (مجلس القضاء الشيخ), and for a person anything
    from a word joined by و on (محمد بن عبدالعزيز ويتلقى) or a preposition on a common word
    (كارتر لخادم الحرمين)."""
    texts = para.texts
    last = m.last
    if m.type == "person":
        for k in range(m.first + 1, m.last + 1):
            word = texts[k]
            if len(word) > 3 and (word[0] == "و" or word[0] in "بل" and (
                    word[1:].startswith("ال") or _listed(word[1:]) - {"V"})):
                last = k - 1  # وقال، لخادم، بالرياض: the name ended before (a verb takes
                # no preposition: بابان is a name, not ب + أبان)
                break
            if k >= m.first + 2 and word in _role_nouns() and k + 1 < len(texts) and \
                    texts[k + 1].startswith("ال") and not para.gaps[k + 1].strip():
                last = k - 1  # منصور الحسين مشرف الإعلام: a role and its field end the name
                break
    connectors = titles().connectors
    while last > m.first and (texts[last] in connectors or m.type == "organization" and (
            _bare(texts[last]) in _one_word_titles()
            or _listed(_bare(texts[last])) & {"F", "D"})):
        last -= 1
    return replace(m, last=last) if last != m.last else m


def _found(para: Paragraph, m: Mention) -> Found | None:
    texts = para.texts
    if any(para.gaps[k].strip(_JOINERS) for k in range(m.first + 1, m.last + 1)):
        return None  # punctuation inside: not one name
    if any(_DASH in para.original[slice(*para.span(para.ends[k - 1], para.starts[k]))]
           for k in range(m.first + 1, m.last + 1)):
        return None  # ادريان ـ فابيان are two names
    cut, article = proclitic(texts[m.first])
    words = [texts[m.first][cut:], *texts[m.first + 1:m.last + 1]]
    if article:
        words[0] = "ا" + words[0]
    given = m.type == "person" and _given_name(words[0], _shown(para, m.first))
    if not all(_name_word(w, i == 0, m.type, given) for i, w in enumerate(words)):
        return None
    if m.type == "organization" and getattr(heads().orgs.get(_base(words[0])), "place_only",
                                            False):
        return None  # إدارة الأزمات: such a head names a body only with its town (the rules')
    if m.type == "organization" and m.first > 0 and not para.gaps[m.first].strip() and \
            _competition(texts[m.first - 1]):
        return None  # كأس رابطة الأندية: the body names the cup, it is not spoken of
    if m.type == "place" and not cut and preposition_like(words[0]):
        return None  # ب/ل on an unknown word: لكونسورتيوم "to a consortium"
    if m.type == "person" and (words[0] in _name_tails() or any(
            _TASHKEEL.sub("", _shown(para, k)) in _first_person()
            for k in range(m.first, m.last + 1))):
        return None  # الدين الحنيف; ابن الأزرق فإني أشاء
    if m.type == "person" and words[0] in _role_nouns() and \
            person_words().get(words[0], 0) < _NAME_WORD:
        return None  # خطيب جامع أبي بكر: a role and its place, not a person's name
    if m.type == "person" and _quoted_whole(para, m) and known_word(words[0]) is None and \
            person_words().get(words[0], 0) < _QUOTED_FIRST:
        return None  # «بلو مون», «ديلي شو»: a quoted term, brand or title, not a person
        # (but «جورج بايرون», «سامانثا إيلاوف»: a first name begins a quoted person)
    if not _whole_name(words, m.type):
        return None
    if m.type in ("person", "place") and words[-1] in _body_tails():
        return None  # هال سيتي، دويتشه بوست: a body's name, not a person's or a place's
    if m.type == "organization" and m.last > m.first and words[0].startswith("ال") and \
            _is_head(words[0]) and not _agrees(_shown(para, m.first), _shown(para, m.first + 1)):
        return None  # a definite head word is followed by its adjective, or ends the name
    start = para.starts[m.first] + cut
    end = para.ends[m.last]
    s, e = para.span(start, end)
    ar = " ".join(para.original[s:e].translate(_NO_QUOTES).split())
    if article:
        ar = "ا" + ar
    if len(ar.replace(" ", "")) < 3:
        return None
    en, source = _english(para, m, words[0], ar)
    return Found(m.type, m.first, m.last, start, end, ar, en, True, how="model",
                 en_source=source)


def _english(para: Paragraph, m: Mention, head_word: str, ar: str) -> tuple[str, str]:
    """English and its source as the rules compose them: a body from its head word (with or
    without ال) and the glossary (:mod:`.discover.english`), any other name word by word (:func:`.spelling.spell_name`)."""
    orgs = heads().orgs if m.type == "organization" else {}
    head = orgs.get(head_word)
    if head is not None and m.last > m.first:
        return compose_org(para, head, head_word, list(range(m.first + 1, m.last + 1)), None, [])
    head = orgs.get(head_word[2:]) if head_word.startswith("ال") else None
    if head is not None and m.last > m.first and head.en.strip() != "{x}":
        # البنك المركزي: the definite head composes as بنك when every word is known
        en, source = compose_org(para, head, head_word, list(range(m.first + 1, m.last + 1)),
                                 None, [])
        if source == "composed":
            return en, source
    spelled = spell_name(ar)
    return spelled.en, spelled.source


def _competition(word: str) -> bool:
    """A word of a trophy's name (كأس، دوري), with or without و/ف before it."""
    return word in word_list("trophy") or \
        len(word) > 3 and word[0] in "وف" and word[1:] in word_list("trophy")


_NO_QUOTES = str.maketrans("", "", _QUOTES)
_DASH = "\u0640"  # a tatweel between two words (not inside one) stands for a dash


def _name_word(word: str, first: bool, typ: str, given: bool = False) -> bool:
    """Can ``word`` be part of a name of type ``typ`` (``first``: its first word;
    ``given``: the name is a person's that begins with a given name, see
    :func:`_given_name`)?

    The model has read the context; what is checked here is the word itself: a function
    word, a verb, a time word never; a common noun or adjective (the lists, and
    :func:`.wordclass.not_name_word`), a title, a head word or a nisba not in a person's or
    a place's name (an organisation's may hold them after its first word: وزارة الشؤون
    الإسلامية، مركز الملك عبدالله).
    """
    if len(word) < 2:
        return False
    flags = _listed(word) | _listed(_bare(word))
    if typ == "person" and flags and flags <= {"F", "C"} and \
            person_words().get(word, 0) >= _NAME_WORD:
        flags = frozenset()  # a common word that is also a common name: علي، فيصل، مساعد
    if flags & {"F", "V", "D"}:
        return False
    if given and not first and _family_name(word, flags):
        return True
    if typ == "organization":  # a common noun may begin one (كلية الطب): checked as a whole
        return not first or "H" in flags or not flags & {"T", "S"}
    if flags & {"C", "T", "H", "P", "S"} or (word.startswith("ال") and word[2:] in _nouns()):
        return False
    if not flags and not_name_word(word) and (
            typ != "person" or first or person_words().get(word, 0) < _NAME_WORD):
        return False  # a verb, verbal noun, adjective or common noun (wordclass.py), but
        # a surname many people of open data bear may look like one: ارتورو فيدال
    if typ == "person":
        if first and word.startswith("ال") and known_word(word) is None:
            return False  # a person's name does not begin with the article (الملك، الشيخ)
        return not (len(word) >= 5 and word.endswith(_PRONOUN_ENDS))
    return not word.endswith(("يين", "يون", "ات"))  # a plural is no place


def _given_name(word: str, shown: str) -> bool:
    """Is ``word`` (normalised; ``shown`` as written) a given name many people of open data
    bear (:data:`_NAME_WORD`)? على (on) is no علي."""
    return person_words().get(word, 0) >= _NAME_WORD and not shown.endswith("ى")


def _family_name(word: str, flags: frozenset[str]) -> bool:
    """Can ``word``, after a given name in a person's name the model found, be a family
    name although it looks like a common word? With the article, anything but the head
    word of a body or a place (أشرف العربي، محمد المخرج، ناصر الصالح); without it, a word
    only the shape templates of :mod:`.wordclass` take for a common word, one the running
    text of ``common_words.tsv`` never shows as one (تاتشر، زواوي، لاوسون)."""
    if len(word) >= 5 and word.endswith(_PRONOUN_ENDS):
        return False  # سافروا، بيوتهم
    if word.startswith("ال") and len(word) > 4:
        return not flags & {"H", "P"}
    return not flags and not common_word(word)


#: Wikidata person labels that make a word a given name rather than a surname to stand
#: alone (توماس، لويس، تشارلز; لوبيز and جاكسون fewer).
_GIVEN_ALONE = 300

#: Endings of a verb's or a possessed noun's, never a person's name word.
_PRONOUN_ENDS = ("ها", "هم", "هما", "هن", "كم", "وا")

#: Wikidata person labels the first word of a quoted mention needs to read as a first name.
_QUOTED_FIRST = 30


#: Wikidata person labels a listed common word needs to count as a name word in a person's
#: name the model found (علي 8,000 and more; فيصل، مساعد dozens).
_NAME_WORD = 20


@lru_cache(maxsize=1)
def _nouns() -> frozenset[str]:
    """Common words whose definite form (ال + word) is not a name either."""
    return frozenset().union(*(m for flag, m in lists() if flag in "CTHPS"))


def _whole_name(words: list[str], typ: str) -> bool:
    """Shapes that are not a name as a whole: one ending with a connector; one word said
    twice that is no name word (شاطر شاطر, but محمد محمد); a person beginning
    with a connector other than عبد/أبو/أم (بن مشرف); a body that is one word with the
    article (الشباب), a head word or a common noun alone (وزارة), or one with the article
    and only a nisba after it (الوكالة الأمريكية: which agency is not said) unless its head
    names a body with a nisba alone (``alone`` in heads.yml: الجيش العراقي)."""
    connectors = titles().connectors
    if words[-1] in connectors:
        return False
    if len(words) > 1 and len(set(words)) == 1 and not name_word(words[0]):
        return False  # a word said twice (شاطر شاطر, a song's title), no name
    if typ == "person":
        if len(words) > 1 and all(_SOUND_PLURAL.fullmatch(w) for w in words):
            return False  # سالمين غانمين "safe and with spoils": plural participles
        return words[0] not in connectors or words[0] in _STARTERS
    if typ == "place" and words[-1] in heads().place_prefixes:
        return False  # جبل، دير، خان: the first word of a place's name, not one
    if typ == "organization":
        flags = _listed(words[0]) | _listed(_base(words[0]))
        common = bool(flags & {"H", "C"})
        if len(words) == 1:
            return not (common or words[0].startswith("ال"))
        if common and words[0].startswith("ال") and all("S" in _listed(w) for w in words[1:]):
            head = heads().orgs.get(words[0]) or heads().orgs.get(_base(words[0]))
            return head is not None and head.alone  # الجيش العراقي, not الوكالة الأمريكية
        if "H" in _listed(words[0]) and (  # an indefinite head and what it is: a description
                not words[-1].startswith("ال") and words[-1].endswith(("ي", "يه")) and (
                    "S" in _listed(words[-1]) or common_word(words[-1]))  # اتحاد … أوروبي
                or len(words) == 2 and ("C" in _listed(words[1]) or words[1][:1] == "و" and
                                        "H" in _listed(words[1][1:]))):
            return False  # صندوق دعم "a support fund", إذاعة وتلفزيون "radio and television"
    return True


#: An active participle in the sound masculine plural (فاعلين، فاعلون): سالمين، غانمين.
_SOUND_PLURAL = re.compile("\\w\u0627\\w\\w(?:\u064a\u0646|\u0648\u0646)")


def _quoted_whole(para: Paragraph, m: Mention) -> bool:
    """Is the mention alone between quotation marks (``«بلو مون»``)?"""
    before = para.norm[:para.starts[m.first]].rstrip()
    after = para.norm[para.ends[m.last]:].lstrip()
    return before[-1:] in ("«", '"', "“") and after[:1] in ("»", '"', "”")


@lru_cache(maxsize=1)
def _role_nouns() -> frozenset[str]:
    return word_list("role_nouns")


@lru_cache(maxsize=1)
def _name_tails() -> frozenset[str]:
    return word_list("name_tails")


@lru_cache(maxsize=1)
def _first_person() -> frozenset[str]:
    """``first_person`` of ``common.yml`` as written (hamza kept, tashkeel off)."""
    data = load("common") or {}
    return frozenset(_TASHKEEL.sub("", str(w)) for w in data.get("first_person") or [])


_TASHKEEL = re.compile("[\u064b-\u0652\u0670\u0640]")


@lru_cache(maxsize=1)
def _body_tails() -> frozenset[str]:
    return word_list("body_tails")


def _shown(para: Paragraph, k: int) -> str:
    """Token ``k`` as the text writes it."""
    return para.original[slice(*para.span(para.starts[k], para.ends[k]))]


def _is_head(word: str) -> bool:
    orgs = heads().orgs
    return word in orgs or _base(word) in orgs or word[2:] in heads().definite_heads


def _agrees(head: str, word: str) -> bool:
    """Can ``word`` (as written) be the adjective of the definite head word ``head``? A
    definite noun takes no genitive, so what follows it describes it: definite too, and of
    its gender (``الهيئة العامة``، ``المحكمة العليا``، ``المجلس الأعلى``; a plural in ات
    takes either): not ``الوزارة العدل``، ``الأمانة إكمال``، ``المستشفى الشفرة``."""
    word = word.lstrip(_QUOTES)
    if not word.startswith(("ال", "آل", "أل", "إل")):
        return False
    if head.endswith("ات"):
        return True
    if head.endswith(("ة", "ه")):
        return word.endswith(("ة", "ى", "ا", "ه"))
    return not word.endswith("ة")


@lru_cache(maxsize=1)
def _one_word_titles() -> frozenset[str]:
    return frozenset(t for t in titles().titles if " " not in t)


#: Connectors that can begin a person's name: عبد الخالق، أبو بكر، أم كلثوم.
_STARTERS = frozenset({"عبد", "ابو", "ام", "ابي", "ابن", "ال"})


def _bare(word: str) -> str:
    """Without a conjunction: ``والعلوم`` -> ``العلوم``."""
    return word[1:] if len(word) > 3 and word[0] in "وف" else word


@lru_cache(maxsize=32768)
def _listed(word: str) -> frozenset[str]:
    """Flags (see :func:`.recogniser.lists`) of the lists that hold ``word`` itself."""
    return frozenset(flag for flag, members in lists() if word in members)


@lru_cache(maxsize=1)
def _gazetteer_words() -> frozenset[str]:
    return frozenset(w for phrase in gazetteer_matcher().phrases for w in phrase.split())


@lru_cache(maxsize=32768)
def _known(word: str) -> int:
    """How well ``word`` is known as a word of its own: :data:`_LISTED` when a list, the
    gazetteer or the transliteration table has it, else the number of Wikidata person
    labels that use it."""
    if _listed(word) or word in _gazetteer_words() or known_word(word) is not None:
        return _LISTED
    return person_words().get(word, 0)


#: What a word of the project's own lists counts for in :func:`_known` (more than any name
#: word of Wikidata: the lists are curated).
_LISTED = 100_000


def proclitic(word: str) -> tuple[int, bool]:
    """Letters written before a name on its first word, and whether ``ل`` swallowed the
    article's alef: ``وبيروت`` -> (1, False), ``للحرس`` -> (1, True), ``وزارة`` -> (0, False).

    و and ف are cut when the rest is a better-known word than the whole (``وزارة`` is a head
    word), و also when neither is known (ف is rarely written onto a name); ب and ل only
    when the whole is unknown and the rest is known (``بمجلس``; ``باسم`` is a first name);
    ك never (``كلية``، ``كفريا``).
    """
    for p in ("وبال", "فبال", "وكال", "وال", "فال", "بال", "كال"):
        if word.startswith(p) and len(word) - len(p) >= 2:
            return len(p) - 2, False
    for p in ("ولل", "فلل", "لل"):
        if word.startswith(p) and len(word) - len(p) >= 2:
            return len(p) - 1, True
    cut = 0
    if len(word) >= 4 and word[0] in "وف":
        rest, whole = _known(word[1:]), _known(word)
        if rest > whole or (rest == whole == 0 and word[0] == "و"):
            cut, word = 1, word[1:]
    if len(word) >= 4 and word[0] in "بل" and not _known(word) and _known(word[1:]) >= 2:
        cut += 1
    return cut, False
