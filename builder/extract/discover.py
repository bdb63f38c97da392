"""Names that are in no gazetteer, found from the words around them.

* people after a title or role (``الرئيس الروسي X``, ``المتحدثة باسم الخارجية، X``), before
  an apposition (``X، سفير دمشق لدى روسيا``) or as the subject of a speech verb followed by
  a comma or colon (``قال X Y،``);
* places after a head word (``مدينة``, ``بلدة``, ``محافظات حماة وإدلب``);
* organisations from a head word and its complement (``وزارة الدفاع الروسية``), the
  country given by a nisba adjective.

All word lists come from ``titles.yml``, ``heads.yml`` and ``common.yml``.
``[f.ar for f in find_people(paragraph("قال الجنرال إيغور كوناشينكوف، إن"), [])]`` ->
``["إيغور كوناشينكوف"]``.

One module (over 500 lines) for the three finders: they share the tests of what can be a
name word, the rules for where a name ends and the English gloss of a name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from ..normalize import normalize
from .gazetteer import Hit, Matcher, Paragraph
from .lexicon import Country, Name, OrgHead, gazetteer, heads, nisbas, titles, words
from .spelling import Spelled, spell_name, weakest
from .translit import known_word
from .wordclass import masdar_like, name_word, not_name_word, preposition_like, run_together

#: Characters that may stand between two words of one name (besides spaces).
_QUOTES = "«»\"“”„'‘’"
_COMMAS = "،,"


@dataclass(frozen=True)
class Found:
    """A discovered name: tokens ``[first, last]``, offsets, type and English."""

    type: str
    first: int
    last: int
    start: int
    end: int
    ar: str  #: canonical Arabic (the text's spelling, proclitics removed)
    en: str
    transliterated: bool
    how: str = ""  #: the rule that found it (title, apposition, speech, head)
    en_source: str = ""  #: composed | open-names | transliteration (see spelling.py)
    #: offset from which known names inside it stay names of their own (the place or
    #: person a body is named after, or where it is: جامعة حائل، القنصلية السعودية في هيوستن)
    keep_from: int = -1


# --------------------------------------------------------------------------- word classes


@lru_cache(maxsize=1)
def _not_names() -> frozenset[str]:
    h = heads()
    t = titles()
    title_words = {w for title in t.titles for w in title.split()}
    return (words("function") | words("verbs") | words("nouns") | words("adjectives")
            | words("time") | frozenset(h.orgs) | frozenset(h.places) | h.plural_places
            | frozenset(title_words) | t.speech_verbs | t.between | h.stop)


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    return words("function")


@lru_cache(maxsize=1)
def _verb_forms() -> frozenset[str]:
    return frozenset(p + v for v in titles().speech_verbs for p in ("", "و", "ف"))


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    return frozenset(t for t in titles().titles if " " not in t)


@lru_cache(maxsize=1)
def _roles() -> Matcher:
    """One automaton over titles (before or after a name) and appositions (after it)."""
    t = titles()
    phrases: dict[str, tuple[str, ...]] = {k: ("title",) for k in t.titles}
    for k in t.appositions:
        phrases[k] = (*phrases.get(k, ()), "apposition")
    return Matcher(phrases)


def _bare(text: str) -> str:
    """Drop a conjunction written onto a word: ``وقال`` -> ``قال``."""
    return text[1:] if len(text) > 3 and text[0] in "وف" else text


def _is_nisba(text: str) -> Country | None:
    table = nisbas()
    return table.get(text) or table.get(_bare(text))


@lru_cache(maxsize=32768)
def name_like(text: str, first: bool) -> bool:
    """Could this token be part of a person's name (``first``: its first word)?"""
    nn = _not_names()
    if len(text) < 2 or text in nn or text == "ال":
        return False
    if _bare(text) in nn and not name_word(text):
        return False  # وقال، فيصل: و/ف is a conjunction unless the word is a name (فيصل)
    if len(text) > 3 and text[0] in "بلك" and text[1:] in nn:
        return False  # نواف بن فيصل لأمير …: a preposition on a title or a common noun
    if len(text) > 3 and text.endswith("ا") and text[:-1] in nn:
        return False  # a common noun in the accusative: قائدا، رئيسا
    if (not_name_word(text) and (first or _open_names_count(text) < 20)) or \
            run_together(text):
        return False  # a verb, a verbal noun, an adjective or a common noun: يقيم، اعتذارا
        # (but a surname of many people of open data looks like one: فيدال)
    if _is_nisba(text):
        return False
    if text.startswith(("لل", "وال", "بال", "فال", "كال")) and len(text) > 4:
        return False
    if text.startswith("ال"):
        if text[2:] in nn or (first and known_word(text) is None):
            return False
        return not text.endswith(("يه", "يين", "يون", "ات"))
    if known_word(text) is not None:
        return True
    if len(text) >= 5 and text.endswith(("ها", "هم", "هما", "هن", "كم", "وا")):
        return False  # a pronoun suffix or a verb in the plural: علاقاتها، صوتوا
    if first:
        if text.endswith(("ه", "ات")) or text[0] in "وف":
            return False  # first names in ة are known (فاطمة); و/ف is a conjunction
        if preposition_like(text):
            return False  # لمجمع، لصوامع: a preposition (names are known: بندر، لبنى)
        rest = text[1:]
        if len(text) >= 4 and text[0] in "بلك" and (
                rest in nn or rest.startswith("ال") or known_word(rest) is not None
                or (len(rest) >= 4 and rest[0] in "يتنا") or not_name_word(rest)):
            return False  # لخوض، لينتهي، بقدرات: a preposition on a noun or a verb
    return True


#: Tanween anywhere, or a short vowel ending a word (عَروسُ): never in a name.
_CASE_ENDING = re.compile("[\u064b-\u064d]|[\u064e-\u0650](?=\\s|$)")


def _clean_ar(text: str) -> str:
    """The displayed name: quote marks dropped, spaces collapsed."""
    return " ".join(text.translate(_NO_QUOTES).split())


_NO_QUOTES = str.maketrans("", "", _QUOTES)


def _soft(gap: str) -> bool:
    """Only spaces (and quote marks) between two words."""
    return not gap.strip(" \t" + _QUOTES)


def _has_comma(gap: str) -> bool:
    return any(c in gap for c in _COMMAS) and not gap.strip(" \t" + _COMMAS)


# --------------------------------------------------------------------------- people


def find_people(para: Paragraph, known: Sequence[Hit | Found]) -> list[Found]:
    """People named next to a title, an apposition or a speech verb."""
    toks = para.tokens
    n = len(toks)
    starts = {h.first: h for h in known}
    role_hits = _roles().find(para)
    title_hits = [h for h in role_hits if "title" in h.payload]
    out: list[Found] = []
    taken = {k for h in known if not _family_name(h) and not _first_name(para, h, starts)
             for k in range(h.first, h.last + 1)}

    connectors = titles().connectors

    def add(first: int, last: int, how: str, single: bool = False) -> None:
        if last - first >= 2 and toks[first + 2].text in connectors and \
                not name_word(toks[first].text) and name_word(toks[first + 1].text):
            first += 1  # محافظ بقيق محمد بن سعود: an unknown place before the name
        if last - first < (0 if single else 1) or any(k in taken for k in range(first, last + 1)) or \
                toks[first].text in ("بن", "بنت"):
            return  # بن سعود بن محمد: the name's first words were lost
        nxt = starts.get(last + 1)
        if nxt is not None and _is_person(nxt) and _soft(para.gaps[last + 1]):
            return  # the first names of a known person: عادل بن أحمد الجبير
        found = _person(para, first, last)
        if _CASE_ENDING.search(found.ar):
            return  # tanween or a case vowel marks an adverb, a noun or verse: إيجابياً
        out.append(replace(found, how=how))
        taken.update(range(first, last + 1))

    title_starts = {h.first: h for h in title_hits}
    for th in title_hits:
        # forward: TITLE [nisba / ال-words / places] [، ...،] NAME
        k = _after_title(para, th.last + 1, starts, title_starts)
        if k is not None:
            last = _name_forward(para, k, starts)
            if last is not None:
                add(k, last, "title")
        # backward: NAME، TITLE
        if th.first > 0 and _has_comma(para.gaps[th.first]):
            first = _name_backward(para, th.first - 1, starts)
            if first is not None:
                add(first, th.first - 1, "title-after")
    for ah in role_hits:
        if "title" not in ah.payload and ah.first > 0 and _has_comma(para.gaps[ah.first]):
            first = _name_backward(para, ah.first - 1, starts)
            if first is not None:
                add(first, ah.first - 1, "apposition")
    # a nisba used as a noun before a first name: البرازيلي فرناندو، للتشيلي أرتورو فيدال
    for k, text in enumerate(para.texts[:-1]):
        if k + 1 in starts or not _soft(para.gaps[k + 1]) or not _nisba_noun(text):
            continue
        first = para.texts[k + 1]
        if not _first_name_word(first) or \
                (k > 0 and _soft(para.gaps[k]) and not text.startswith(("لل", "بال")) and
                 not _after_nisba_ok(para.texts[k - 1])):
            continue
        last = _name_forward(para, k + 1, starts)
        j = k + 2
        if last is None and j < len(para.texts) and _soft(para.gaps[j]) and j not in starts \
                and not para.texts[j].startswith(("ال", "و")) and \
                name_like(para.texts[j], first=False):
            last = j  # باولو ديبالا: the first name is known, the next word is a name
        if last is not None:
            add(k + 1, last, "nisba")
        elif _first_name_word(first, 50) and (
                j >= len(para.texts) or not _soft(para.gaps[j]) or
                (para.texts[j] in _function_words() or para.texts[j].startswith("ال")) and
                _open_names_count(para.texts[j]) < 5):
            add(k + 1, k + 1, "nisba", single=True)  # اللاعب البرازيلي فرناندو الذي …
    verbs = _verb_forms()
    texts = para.texts
    if verbs.isdisjoint(texts):
        return out
    for k in range(n - 2):
        if texts[k] not in verbs:
            continue
        if k + 1 in starts or not _soft(para.gaps[k + 1]):
            continue
        last = _name_forward(para, k + 1, starts, max_words=3)
        if last is None or last + 1 > n:
            continue
        after = para.gaps[last + 1] if last + 1 < n else para.norm[toks[last].end:]
        nxt = toks[last + 1].text if last + 1 < n else ""
        if any(c in after for c in "،,:«\"“") or (_soft(after) and nxt in ("ان", "بان")):
            add(k + 1, last, "speech")
    return out


def _nisba_noun(text: str) -> bool:
    """A definite masculine nisba, with or without a preposition (للتشيلي، البرازيلي)."""
    if text.startswith("لل"):
        base = "ال" + text[2:]
    elif text.startswith(("وال", "بال", "فال")):
        base = text[1:]
    else:
        base = text
    return base.startswith("ال") and base.endswith("ي") and _is_nisba(base) is not None


def _open_names_count(text: str) -> int:
    """How many people of open data bear the word (``data/name_words.tsv``)."""
    from .recogniser import person_words

    return person_words().get(text, 0)


def _first_name_word(text: str, least: int = 10) -> bool:
    """A word at least ``least`` people of open data are named with (فرناندو، أرتورو),
    and no common word: what may follow a nisba used as a noun."""
    return _open_names_count(text) >= least and name_like(text, first=False) and \
        not text.startswith("ال")


def _after_nisba_ok(prev: str) -> bool:
    """The word before a nisba used as a noun: a function word, a verb or a title (not a
    noun that the nisba describes: المنتخب البرازيلي، الرئيس السوري has its own rule)."""
    return prev in _function_words() or prev in _verb_forms() or \
        (not_name_word(prev) and not prev.startswith("ال")) or prev in _title_words()


def _after_title(para: Paragraph, k: int, starts: dict[int, Hit | Found],
                 title_starts: dict[int, Hit]) -> int | None:
    """Index of the first word of the name after a title, or None."""
    toks = para.tokens
    n = len(toks)
    between = titles().between
    steps = 0
    while k < n and steps < 12:
        steps += 1
        gap = para.gaps[k]
        if _has_comma(gap):
            # after a comma the name comes at once (or another title: handled on its own)
            return k if k not in starts and k not in title_starts else None
        if not _soft(gap):
            return None
        text = toks[k].text
        h = starts.get(k)
        if h is not None:
            if isinstance(h, Hit) and _first_name(para, h, starts):
                return k  # الأستاذ مبارك المورقي: a known surname as a first name
            if h.type == "person" if isinstance(h, Found) else _is_person(h):
                return None
            k = h.last + 1
            continue
        if k in title_starts:
            k = title_starts[k].last + 1
            continue
        if text.startswith(("ال", "لل")) or _is_nisba(text) or text in between:
            k += 1
            continue
        if name_like(text, first=True):
            if any(q in gap for q in "«“\""):
                return None  # المحلل في «يو إس إيه توداي»: a publication, not a person
            return k
        # an indefinite complement: the name may follow a comma a few words on
        for j in range(k + 1, min(n, k + 9)):
            g = para.gaps[j]
            if _has_comma(g):
                return j if j not in starts and j not in title_starts else None
            if not _soft(g):
                return None
        return None
    return None


def _first_name(para: Paragraph, h: Hit | Found, starts: dict[int, Hit | Found]) -> bool:
    """A one-word known person (مبارك, a surname) followed by a name word that is no
    known name: there it is someone's first name (مبارك المورقي)."""
    j = h.first + 1
    return isinstance(h, Hit) and h.first == h.last and " " not in h.key and \
        _is_person(h) and j < len(para.texts) and _soft(para.gaps[j]) and j not in starts \
        and name_like(para.texts[j], first=False) and not para.texts[j].startswith("و") \
        and not not_name_word(para.texts[j])  # دونيس الحصة: a common word follows


def _family_word(text: str, nxt: str | None) -> bool:
    """Could the ال-word ``text`` close a name of the form X بن Y as a family name
    (محمد بن عبدالرحمن المخرج)? Not a function or time word, a nisba, a head, a speech
    verb or a plural; a title word only when no name or ال-word follows it (الأمير …
    الرئيس العام)."""
    if not text.startswith("ال") or len(text) < 5 or text.endswith(("ات", "ين", "ون", "يه")):
        return False
    if text in heads().glossary:
        return False  # a word of the names of bodies: جامعة محمد بن سعود الإسلامية
    h = heads()
    t = titles()
    if text in _function_words() or text in words("time") or text in h.stop or \
            text in t.speech_verbs or _is_nisba(text) or text in h.orgs or text in h.places \
            or text[2:] in h.orgs or text[2:] in h.places or text[2:] in h.definite_heads:
        return False
    if text in _title_words():  # a trade as a family name: القاضي، المخرج
        return nxt is None or not (nxt.startswith("ال") or name_like(nxt, first=False))
    return text not in _not_names() and not not_name_word(text)  # not الحضاري، الأشقاء


def _is_person(h: Hit | Found) -> bool:
    if isinstance(h, Found):
        return h.type == "person"
    return any(getattr(p, "type", None) == "person" for p in h.payload)


def _name_forward(para: Paragraph, k: int, starts: dict[int, Hit | Found],
                  max_words: int = 4) -> int | None:
    """Last token of a name starting at ``k`` (two words, more with known name words)."""
    toks = para.tokens
    n = len(toks)
    connectors = titles().connectors
    if not name_like(toks[k].text, first=True):
        return None
    last = k
    words_ = 1
    j = k + 1
    while j < n and words_ < max_words and _soft(para.gaps[j]):
        if j in starts:
            if _family_name(starts[j]):
                last = j  # عبد الخالق الحوثي: a known word used as a family name
            break
        text = toks[j].text
        prev = toks[j - 1].text
        if text in connectors:
            j += 1
            continue
        after_link = prev in connectors and text not in _function_words() and \
            not text.startswith(("لل", "بال", "وال"))  # بن مساعد: a name after بن
        if not (name_like(text, first=False) or after_link) or \
                (text[0] == "و" and not name_word(text)):
            if prev not in connectors and not prev.startswith("ال") and \
                    not {"بن", "بنت"}.isdisjoint(para.texts[k:j]) and \
                    _family_word(text, toks[j + 1].text if j + 1 < n and
                                 _soft(para.gaps[j + 1]) else None):
                last = j  # محمد بن عبدالرحمن المخرج: the family name closes the name
            break  # وأخصائي، وياسر: a conjunction joins another word or another name
        if words_ >= 2 and prev not in connectors and known_word(text) is None:
            if text.startswith("ال"):  # a family name closes the name: عادل بن زيد الطريفي
                last = j
            elif words_ == 2 and not text.isascii() and j + 1 < n and \
                    any(c in para.gaps[j + 1] for c in "،,:؛"):
                last = j  # ويدعى ريان إبراهيم بابا، …: the third name closes at the comma
            break
        last = j
        words_ += prev not in connectors  # عبد العزيز, بن زيد: one word with its connector
        j += 1
    if last == k:
        return None
    return last


def _name_backward(para: Paragraph, k: int, starts: dict[int, Hit | Found]) -> int | None:
    """First token of a name ending at ``k`` (before a comma and an apposition)."""
    toks = para.tokens
    connectors = titles().connectors
    first = None
    j = k
    if k in starts and _family_name(starts[k]):
        first, j = k, k - 1
    while j >= 0 and k - j < 3:
        if j in starts or any(h.first < j <= h.last for h in starts.values()):
            break
        text = toks[j].text
        if not (name_like(text, first=False) or text in connectors):
            break
        first = j
        if not _soft(para.gaps[j]):
            break
        j -= 1
    if first is None:
        return None
    while first <= k and toks[first].text not in _STARTERS and (
            toks[first].text.startswith("ال") or toks[first].text in connectors
            or not name_like(toks[first].text, first=True)):
        first += 1
    if k - first < 1:
        return None
    if k - first == 2 and toks[first + 1].text not in connectors and \
            known_word(toks[first].text) is None:
        first += 1
    return first


#: Connectors that can begin a name: عبد الخالق، أبو بكر، أم كلثوم.
_STARTERS = frozenset({"عبد", "ابو", "ام", "ابي"})


def _family_name(h: Hit | Found) -> bool:
    """A one-word known name with ال that can end a person's name (الحوثي، الأسد)."""
    return isinstance(h, Hit) and h.first == h.last and not h.prefix and \
        h.key.startswith("ال") and " " not in h.key


def _person(para: Paragraph, first: int, last: int) -> Found:
    toks = para.tokens
    start, end = toks[first].start, toks[last].end
    word = toks[first].text
    if word[0] in "وف" and len(word) > 3 and not name_word(word) and \
            not _first_name_word(word, 50):
        start += 1  # وآدم سزوبين: the conjunction is not part of the name (فرناندو keeps it)
    s, e = para.span(start, end)
    ar = _clean_ar(para.original[s:e])
    spelled = spell_name(ar)
    return Found("person", first, last, start, end, ar, spelled.en, True,
                 en_source=spelled.source)


# --------------------------------------------------------------------------- places, orgs


_PROCLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل")


@lru_cache(maxsize=4)
def _head_forms(kind: str) -> dict[str, tuple[str, str]]:
    """Every written form of the heads of ``kind`` -> (proclitic, head): ``للجيش``."""
    h = heads()
    table = {"places": [*h.places, *h.plural_places], "orgs": list(h.orgs),
             "elliptic": list(h.elliptic)}[kind]
    forms: dict[str, tuple[str, str]] = {}
    if kind == "orgs":  # اللجنة الأولمبية السعودية: the definite form of a head
        table += ["ال" + head for head in h.definite_heads if "ال" + head not in h.orgs]
    for head in table:
        for p in _PROCLITICS:
            forms.setdefault(p + head, (p, head))
            if p.endswith("ل") and head.startswith("ال"):
                forms.setdefault(p + head[1:], (p, head))  # للجيش = ل + الجيش
    return forms


def _scan_context(para: Paragraph, known: Sequence[Hit]):
    """Head data, tokens, their count, known hits by first token, tokens they cover."""
    toks = para.tokens
    starts = {x.first: x for x in known}
    covered = {j for x in known for j in range(x.first, x.last + 1)}
    return heads(), toks, len(toks), starts, covered


def find_places(para: Paragraph, known: Sequence[Hit]) -> list[Found]:
    """Places named after a head word: ``بلدة كفرنبل``, ``محافظات حماة وإدلب``."""
    h, toks, n, starts, covered = _scan_context(para, known)
    out: list[Found] = []
    forms = _head_forms("places")
    for k, text in enumerate(para.texts):
        found = forms.get(text)
        if found is None or k + 1 >= n or k in covered:
            continue
        head = found[1]
        template = h.places.get(head, "{x}")
        plural = head in h.plural_places
        j = k + 1
        while j < n and _soft(para.gaps[j]):
            if j in starts:
                x = starts[j]
                j = x.last + 1
            else:
                last = _place_name(para, j, conj=j > k + 1, plural=plural)
                if last is None:
                    break
                out.append(_place(para, j, last, template, conj=j > k + 1))
                j = last + 1
            if not plural or j >= n or not toks[j].text.startswith("و"):
                break
    return out


def _place_name(para: Paragraph, j: int, conj: bool, plural: bool = False) -> int | None:
    """Last token of a place's name at token ``j`` after a head word (``plural``: after
    a head that lists places, محافظات، مدن, where a definite word is a genitive, not a
    name: "مدن العالم"; known places there are gazetteer names)."""
    h = heads()
    toks = para.tokens
    text = toks[j].text[1:] if conj else toks[j].text
    if len(text) < 3:
        return None
    if text in h.place_prefixes:  # خان شيخون، ساو باولو; جبل alone is no name
        if j + 1 < len(toks) and _soft(para.gaps[j + 1]) and _place_word(toks[j + 1].text):
            return j + 1
        return None
    if not _place_word(text):
        return None
    if plural and not conj and text.startswith("ال"):
        return None  # the first word after the head: مدن العالم (but حماة واللطامنة)
    return j


def _place_word(text: str) -> bool:
    """Could this token be the name of a place after a head word?"""
    nn = _not_names()
    if text in nn or _bare(text) in nn or _is_nisba(text) or text in heads().stop or \
            text in titles().connectors:
        return False
    if not_name_word(text) or run_together(text):
        return False  # a common noun, a verbal noun or an adjective: الحريق، المعالج
    if len(text) == 4 and text[0] == "ل" and text[1] not in "اوي":
        return False  # a preposition on a three-letter noun: منطقة لفرز الحالات
    if text.startswith("ال"):
        return text[2:] not in nn and not text.endswith(("يين", "يون", "ات"))
    if text.endswith(("ي", "ه", "ها", "هم", "نا", "ات", "ين", "ون")):
        return False  # an indefinite adjective (مدينة ساحلية), a plural or a pronoun suffix
    if text[0] in "يتنو":
        return False  # a verb (يحل، ينظر) or a conjunction
    return not (len(text) > 3 and text[0] in "فبلك" and
                (text[1:] in nn or text[1:].startswith("ال")))


def _place(para: Paragraph, first: int, last: int, template: str, conj: bool) -> Found:
    toks = para.tokens
    start = toks[first].start + (1 if conj else 0)
    end = toks[last].end
    s, e = para.span(start, end)
    ar = _clean_ar(para.original[s:e])
    known = _known_places().get(" ".join(normalize(ar).split()))
    spelled = Spelled(known.en, "gazetteer") if known else spell_name(ar)
    en = template.replace("{x}", spelled.en)
    return Found("place", first, last, start, end, ar, en, True, en_source=spelled.source)


@lru_cache(maxsize=1)
def _known_places() -> dict[str, Name]:
    """Spellings of gazetteer places (a guarded one is found after its head word:
    مدينة فرانكفورت -> Frankfurt)."""
    out: dict[str, Name] = {}
    for n in gazetteer():
        if n.type == "place":
            for v in n.variants:
                out.setdefault(v, n)
    return out


def find_clubs(para: Paragraph, known: Sequence[Hit]) -> list[Found]:
    """A known city followed by a masculine nisba is its club (a city is feminine):
    ``برشلونة الإسباني``, ``شالكه الألماني``; the English is the city's."""
    out: list[Found] = []
    n = len(para.texts)
    for h in known:
        j = h.last + 1
        if j >= n or not _soft(para.gaps[j]):
            continue
        text = para.texts[j]
        if not (text.startswith("ال") and text.endswith("ي") and _is_nisba(text)):
            continue
        names = [x for x in h.payload if isinstance(x, Name)]
        if not names or any(x.type != "place" for x in names) or any(
                x.ar == c.ar for x in names for c in [_is_nisba(text)]):
            continue  # a country with its own nisba is no club
        s, e = para.span(h.start, h.end)
        out.append(Found("organization", h.first, h.last, h.start, h.end,
                         _clean_ar(para.original[s:e]), names[0].en, False, how="club",
                         en_source="gazetteer"))
    return out


def find_orgs(para: Paragraph, known: Sequence[Hit]) -> list[Found]:
    """Organisations from a head and its complement: ``وزارة الدفاع الروسية``."""
    h, toks, n, starts, covered = _scan_context(para, known)
    out: list[Found] = []
    org_forms, ell_forms = _head_forms("orgs"), _head_forms("elliptic")
    texts = para.texts
    k = 0  # the first word not yet inside a found organisation
    for i, text in enumerate(texts):
        if i < k or (i in covered and not (i in starts and starts[i].last == i)) or \
                (text not in org_forms and text not in ell_forms):
            continue
        result = None
        if text in org_forms:
            if i not in starts or starts[i].last == i:  # الاتحاد (a club) السعودي لكرة القدم
                result = _org(para, i, org_forms[text][0], None, starts)
        else:
            prefix, bare = ell_forms[text]
            result = _org(para, i, prefix, h.elliptic[bare], starts)
        if result is not None:
            if result.how not in ("named", "proper"):  # not جامعة الملك فيصل بالأحساء
                result = _with_location(para, result, starts)
            out.append(result)
            k = result.last + 1
    return out


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    return frozenset(c.ar for c in nisbas().values())


def _with_location(para: Paragraph, org: Found, starts: dict[int, Hit]) -> Found:
    """The body with the known place that follows it as ``في X`` or ``بX`` (a consulate,
    a court or a branch is named with its town: القنصلية السعودية في هيوستن،
    المحكمة الجزائية بخميس مشيط); the place stays a place of its own."""
    toks = para.tokens
    j = org.last + 1
    if j < len(toks) and toks[j].text == "في" and _soft(para.gaps[j]) and \
            j + 1 < len(toks) and _soft(para.gaps[j + 1]):
        x = starts.get(j + 1)
        if x is not None and x.prefix:
            x = None
    else:
        x = starts.get(j)
        if x is not None and x.prefix != "ب":
            x = None
    if x is None or not _soft(para.gaps[j]) or \
            getattr(_named(x), "type", "") != "place" or x.last + 1 < len(toks) and \
            _soft(para.gaps[x.last + 1]) and _is_nisba(toks[x.last + 1].text):
        return org
    place = _named(x)
    if place.ar in _country_names():
        return org  # جامعة بغداد بالعراق: the country adds nothing to the body's name
    s, e = para.span(org.start, x.end)
    return replace(org, last=x.last, end=x.end, ar=_clean_ar(para.original[s:e]),
                   en=f"{org.en} in {place.en}",
                   keep_from=org.keep_from if org.keep_from >= 0 else x.start)


def _org(para: Paragraph, k: int, prefix: str, elliptic: str | None,
         starts: dict[int, Hit]) -> Found | None:
    h = heads()
    toks = para.tokens
    n = len(toks)
    head_word = toks[k].text[len(prefix):]
    if prefix.endswith("ل") and head_word not in h.orgs and (
            "ا" + head_word in h.orgs or head_word[1:] in h.definite_heads):
        head_word = "ا" + head_word
    if head_word not in h.orgs and head_word.startswith("ال") and \
            head_word[2:] in h.definite_heads and not elliptic:
        return _definite_org(para, k, prefix, head_word, starts)
    if elliptic:
        head_word = " ".join(elliptic.split()[:1])
        from ..normalize import normalize

        head_word = normalize(head_word)
        comp, j = [k], k + 1
    else:
        comp, j = [], k + 1
    head = h.orgs.get(head_word)
    if head is None:
        return None
    country: Country | None = None
    proper = False
    named: Name | None = None
    while j < n and len(comp) < 7 and _soft(para.gaps[j]):
        text = toks[j].text
        x = starts.get(j)
        if head.of_name and not head.proper and not comp and x is None and \
                text in _head_forms("places") and \
                j + 1 < n and _soft(para.gaps[j + 1]) and \
                getattr(_named(starts.get(j + 1)), "type", "") == "place":
            comp.append(j)  # إمارة منطقة عسير، شرطة مدينة ويتشيتا
            j += 1
            x = starts[j]
        if head.of_name and _named(x) and (not comp or comp == [j - 1]):
            named = _named(x)  # شرطة دبي، جامعة الملك سعود، مستشفى الملك فهد التخصصي
            comp.extend(range(j, x.last + 1))
            j = x.last + 1
            proper = True
            break
        c = _is_nisba(text)
        if c is not None:
            if head.proper and comp:
                break  # نادي الجزيرة الإماراتي: the nisba is not part of a proper name
            if text.startswith("ال") and (comp or head.alone) and \
                    not (elliptic and not text.endswith("ه")):
                country = c
                j += 1
            break
        if text in h.stop or text in _title_words() or text in _function_words() or \
                (text.startswith("وال") and (text[1:] in _title_words() or text[1:] in h.orgs)):
            break  # حزب البعث إلى: a preposition ends the name
        if x is not None and any(getattr(p, "type", "") in ("person", "place", "organization")
                                 for p in x.payload):
            break
        if text.startswith("لل") and not comp:
            break  # شركة للاستشارات العقارية: "a company for ...", no name
        if text.startswith(("ال", "لل")) or (text.startswith("وال") and comp):
            if text.startswith("لل") and comp and j + 1 < n and _soft(para.gaps[j + 1]) and \
                    toks[j + 1].text in _function_words():
                break  # a verbal noun with its object: وكالة الضمان الاجتماعي للحصول على
            comp.append(j)
            j += 1
            continue
        if head.proper and not comp and any(q in para.gaps[j] for q in "«“\""):
            quoted = _quoted(para, j)
            if quoted is not None:
                proper = True
                comp.extend(range(j, quoted + 1))
            break
        if head.proper and not comp and name_like(text, first=True):
            proper = True
            comp.append(j)
            connectors = titles().connectors
            if j + 1 < n and toks[j + 1].text[:1] == "و" and name_word(toks[j + 1].text[1:]):
                return None  # مؤسسة محمد وعبدالله إبراهيم …: names joined, no clear end
            if j + 1 < n and toks[j + 1].text in connectors:
                # a person's name: شركة محمد بن إبراهيم القاضي
                last = _name_forward(para, j, starts)
                if last is None or toks[last].text in connectors:
                    return None
                comp.extend(range(j + 1, last + 1))
            elif j + 1 < n and _soft(para.gaps[j + 1]) and j + 1 not in starts and \
                    name_like(toks[j + 1].text, first=False) and \
                    not toks[j + 1].text.startswith("ال"):
                comp.append(j + 1)
            while toks[comp[-1]].text in connectors:  # كتائب أبو …: the name goes on
                nxt = comp[-1] + 1
                if nxt >= n or not _soft(para.gaps[nxt]) or nxt in starts or \
                        not name_like(toks[nxt].text, first=False):
                    return None
                comp.append(nxt)
        break
    while comp and (toks[comp[-1]].text in h.stop or toks[comp[-1]].text == "ال"):
        comp.pop()  # الأسبوع …, or a lone ال (للرئاسة الـ…)
        country = None
    ends = [i for i, j in enumerate(comp) if toks[j].text in h.suffixes and i > 0]
    if not proper and named is None and ends and ends[0] + 1 < len(comp) and \
            toks[comp[ends[0] + 1]].text.startswith("ال"):  # not للقوات: the name goes on
        comp = comp[:ends[0] + 1]  # مؤسسة آل الجميح الخيرية | الرعاة البرونزيين
        country = None
        j = comp[-1] + 1
    suffix: list[str] = []
    if proper and country is None:  # مؤسسة … الخيرية، مستشفى … التخصصي
        while comp and comp[-1] + 1 < n and _soft(para.gaps[comp[-1] + 1]) and \
                comp[-1] + 1 not in starts and toks[comp[-1] + 1].text in h.suffixes:
            comp.append(comp[-1] + 1)
            suffix.append(_gloss_word(toks[comp[-1]].text) or "")
    if elliptic and country is None:
        return None
    must_locate = False
    if head.needs_country and country is None and named is None:
        # وزارة الدفاع of which country? A domestic head (وزارة الحج) names its body with
        # the words of the glossary: وزارة الحج والقطاعات الحكومية ends at الحج. Another
        # head needs the shape of a name: an adjective that closes it (مركز طب الأسنان
        # التخصصي), a complement in لل after its first word (مركز التأهيل الشامل للبنات),
        # or the town it serves (مركز القيادة بجدة, checked once it is made)
        if proper or elliptic or not comp or not toks[comp[0]].text.startswith("ال"):
            return None
        words_ = [toks[j].text for j in comp]
        if head.domestic:
            known = 0
            while known < len(comp) and _gloss_word(_definite(words_[known])):
                known += 1
            if not known:
                return None
            comp = comp[:known]
        elif len(comp) > 4 or any(w.startswith("وال") for w in words_) and \
                any(w.startswith("لل") for w in words_):
            return None  # الجيش الوطني المساند للشرعية والمقاومة الشعبية: a description
        elif not (words_[-1] in h.suffixes or any(w.startswith("لل") for w in words_[1:])):
            if words_[0][2:] in _not_names() or len(comp) > 3:
                return None  # مركز الشرطة بجدة: a police station
            must_locate = True
    if not comp and not (head.alone and country):
        return None
    if not proper and not elliptic and not head.needs_country and comp and \
            toks[comp[0]].text[2:] in _not_names():
        return None  # a common noun after the head: تنظيم الحياة، نادي المرحلة
    if not proper and not elliptic and country is None and len(comp) == 1 and \
            toks[comp[0]].text.endswith("ات") and not_name_word(toks[comp[0]].text):
        return None  # شركة الكيميائيات، وكالة الاستخبارات: what it does, not its name
    if comp and not elliptic and country is None and masdar_like(head_word) and (
            all(not_name_word(toks[j].text) for j in comp)
            or toks[comp[0]].text.endswith("ات")):
        return None  # a verbal noun and its object: تنظيم الندوات، تنظيم الفعاليات
    last = j - 1 if country is not None else (comp[-1] if comp else k)
    if elliptic:
        comp = comp[1:]
    start = toks[k].start + len(prefix)
    end = toks[last].end
    s, e = para.span(start, end)
    ar = _clean_ar(para.original[s:e])
    if elliptic:
        ar = f"{elliptic.split()[0]} {ar}"
    elif head_word != toks[k].text[len(prefix):]:
        ar = "ا" + ar  # للقوات -> القوات
    tail = " ".join(["", *filter(None, suffix)])
    if named is not None:
        en, source = head.en.replace("{x}", named.en + tail), "gazetteer"
        en = f"{country.demonym} {en}" if country else en
    elif proper:
        cs, ce = para.span(toks[comp[0]].start, toks[comp[len(comp) - len(suffix) - 1]].end)
        spelled = spell_name(_clean_ar(para.original[cs:ce]))
        en = head.en.replace("{x}", spelled.en + tail)
        en, source = (f"{country.demonym} {en}" if country else en), spelled.source
    else:
        en, source = _english(para, head, head_word, comp, country,
                              [toks[k].text] if elliptic else [])
    found = Found("organization", k, last, start, end, ar, en, source != "composed",
                  how="named" if named is not None else "proper" if proper else "",
                  en_source=source,
                  keep_from=toks[comp[0]].start if named is not None else -1)
    if must_locate:
        located = _with_location(para, found, starts)
        return located if located is not found else None
    return found


def _definite(text: str) -> str:
    """``للطيران``, ``والطيران`` -> ``الطيران`` (else the word)."""
    if text.startswith("لل"):
        return "ال" + text[2:]
    return text[1:] if text.startswith("وال") else text


def _adjective_of(head: str, text: str) -> bool:
    """Could the ال-word ``text`` be an adjective of a body's name after ``head``? A
    relative adjective (التنفيذية، التعاوني) or a word of the glossary (العامة، العليا,
    الأعلى) that agrees with the head in gender: not a noun (الجامعة الشكر) or a
    participle that describes it (الشركة المسوقة)."""
    if text.endswith("ات") or head.endswith("ه") != text.endswith(("ه", "يا")):
        return False  # العليا is feminine, الأعلى (الاعلي) masculine
    return text.endswith(("ي", "يه")) or text in heads().glossary or text in heads().suffixes


def _named(x: Hit | None) -> Name | None:
    """The person or place a known hit names (None for a body or no hit)."""
    if x is None:
        return None
    return next((p for p in x.payload if isinstance(p, Name) and p.type in ("person", "place")),
                None)


def _definite_org(para: Paragraph, k: int, prefix: str, head_word: str,
                  starts: dict[int, Hit]) -> Found | None:
    """A body named by the definite form of its head, its adjectives, a nisba and a
    complement in لل: ``اللجنة الأولمبية السعودية``, ``الهيئة العامة للطيران المدني``,
    ``الاتحاد السعودي لكرة القدم``. It needs two of the three (an adjective, a nisba, a
    complement), so that "اللجنة الإعلامية" or "الصحيفة البريطانية" stay common nouns."""
    h = heads()
    head = h.orgs[head_word[2:]]
    toks = para.tokens
    n = len(toks)
    adjectives: list[int] = []
    complement: list[int] = []
    country: Country | None = None
    nisba = k
    j = k + 1
    while j < n and _soft(para.gaps[j]):
        text = toks[j].text
        if j in starts and not (_is_nisba(text) and starts[j].last == j):
            break  # a known name (but السعودية after a head is a nisba)
        if text in h.stop or text in _title_words() or text in _function_words() or \
                _bare(text) in h.orgs or _bare(text)[2:] in h.definite_heads:
            break  # اللجنة العليا والمجلس: another body begins
        c = _is_nisba(text)
        if c is not None:
            if complement or country is not None or not text.startswith("ال"):
                break
            country, nisba = c, j
        elif complement and (text.startswith(("ال", "لل")) or text.startswith("وال")):
            complement.append(j)
        elif complement and text[:1] == "و" and masdar_like(text[1:]) and j + 1 < n and \
                _soft(para.gaps[j + 1]) and toks[j + 1].text.startswith("ال") and \
                j + 1 not in starts and toks[j + 1].text[2:] not in h.orgs:
            complement += [j, j + 1]  # للدعوة والإرشاد وتوعية الجاليات
            j += 1
        elif text.startswith("لل") or (text[:1] == "ل" and len(text) > 3 and j + 1 < n and
                                        _soft(para.gaps[j + 1]) and
                                        toks[j + 1].text.startswith("ال")):
            if j + 1 < n and toks[j + 1].text in _function_words():
                break  # a verbal noun with its object: اللجنة المكلفة للنظر في
            if not adjectives and masdar_like(_definite(text)[2:] if text.startswith("لل")
                                              else text[1:]):
                break  # الاتحاد السعودي لاتخاذ القرار: what it does, not its name
            complement.append(j)  # للطيران المدني، لكرة القدم
        elif text.startswith("ال") and country is None and not complement and \
                _adjective_of(head_word, text):
            adjectives.append(j)
        else:
            break
        j += 1
    while complement and (toks[complement[-1]].text in h.stop or (
            toks[complement[-1]].text[:1] == "ل" and not toks[complement[-1]].text.startswith("لل"))):
        complement.pop()  # المجلس الأعلى لمدينة …: the genitive of لمدينة is another name
    evidence = sum(map(bool, (adjectives, country, complement)))
    if not evidence:
        return None
    last = complement[-1] if complement else max([*adjectives, nisba])
    start = toks[k].start + len(prefix)
    s, e = para.span(start, toks[last].end)
    ar = _clean_ar(para.original[s:e])
    if not ar.startswith("ال"):
        ar = "ا" + ar  # للجنة -> اللجنة
    en, source = _english(para, head, head.head, [*adjectives, *complement], None, [])
    en = f"{country.demonym} {en}" if country else en
    found = Found("organization", k, last, start, toks[last].end, ar, en, source != "composed",
                  how="definite", en_source=source)
    if evidence < 2:  # the town it serves is the second: المحكمة الجزائية بخميس مشيط
        located = _with_location(para, found, starts)
        return located if located is not found else None
    return found


def _quoted(para: Paragraph, j: int) -> int | None:
    """Last token of a name in quotes opened before token ``j``: صحيفة «ديلي ميرور»."""
    for last in range(j, min(len(para.texts), j + 5)):
        nxt = para.gaps[last + 1] if last + 1 < len(para.texts) else para.norm[para.ends[last]:]
        if any(q in nxt for q in "»”\""):
            return last
        if nxt.strip():
            return None
    return None


def _english(para: Paragraph, head: OrgHead, head_word: str, comp: list[int],
             country: Country | None, lead: list[str]) -> tuple[str, str]:
    """English name of a body from its head template, glossary words and nisba, and its
    source (``composed`` when every word is in the glossary)."""
    h = heads()
    toks = para.tokens
    words_ = [head_word, *lead, *(toks[j].text for j in comp)]
    base = None
    used = 0
    for m in range(min(len(words_), 5), 1, -1):
        key = " ".join(words_[:m])
        if key in h.phrases:
            base, used = h.phrases[key], m - 1 - len(lead)
            break
    if base is None and lead:
        base, used = head.en.replace("{x}", _gloss_word(lead[0]) or lead[0]), 0
    segments, source = _gloss(para, comp[max(used, 0):])
    parts: list[str] = []
    if base is not None:
        parts.append(base)
        rest = segments
    else:
        first = segments[0][0] if segments and not segments[0][1] else ""
        parts.append(head.en.replace("{x}", first).strip())
        rest = segments[1:] if first else segments
    for text, of in rest:
        if of:
            parts.append(f"of the {text}")
        elif text.startswith("and "):
            parts.append(text)
        else:
            parts.insert(0, text)
    if country is not None:
        of_parts = [i for i, p in enumerate(parts) if p.startswith("of the ")]
        if of_parts:
            i = of_parts[-1]
            parts[i] = "of the " + country.demonym + " " + parts[i][len("of the "):]
        else:
            parts.insert(0, country.demonym)
    en = " ".join(" ".join(parts).split())
    return en[:1].upper() + en[1:], source


def _gloss_word(text: str) -> str | None:
    g = heads().glossary
    for form in (text, text[:-1] if text.endswith("يه") else None):
        if form:
            word = g.get(form) or (g.get(form[2:]) if form.startswith("ال") else None)
            if word:
                return word
    return None


def _gloss(para: Paragraph, comp: list[int]) -> tuple[list[tuple[str, bool]], str]:
    """English of a name's words, as segments split at ``لل`` ("of the"), and the weakest
    source of their spellings."""
    toks = para.tokens
    segments: list[tuple[list[str], bool]] = []
    source = "composed"
    i = 0
    while i < len(comp):
        j = comp[i]
        text = toks[j].text
        of = and_ = False
        if text.startswith("لل"):
            text, of = "ال" + text[2:], True
        elif text[:1] == "ل" and i == 0 and len(comp) > 1 and len(text) > 3:
            text, of = text[1:], True  # لكرة القدم
        elif text.startswith("وال"):
            text, and_ = text[1:], True
        word = None
        if i + 1 < len(comp):
            word = _gloss_word(f"{text} {toks[comp[i + 1]].text}")
            if word:
                i += 1
        word = word or _gloss_word(text)
        if word is None:
            s, e = para.span(toks[j].start, toks[j].end)
            orig = para.original[s:e]
            if of:
                orig = "ال" + orig[2:]
            elif and_:
                orig = orig[1:]
            spelled = spell_name(orig)
            word, source = spelled.en, weakest(source, spelled.source)
        if of or not segments:
            segments.append(([], of))
        if and_ and segments[-1][0]:
            segments[-1][0][-1] = f"{segments[-1][0][-1]} and {word}"
        else:
            segments[-1][0].append(word)
        i += 1
    return [(" ".join(reversed(ws)), of) for ws, of in segments], source
