"""People in no gazetteer, found next to a title or role (``الرئيس الروسي X``,
``المتحدثة باسم الخارجية، X``), before an apposition (``X، سفير دمشق لدى روسيا``), after a
nisba used as a noun (``البرازيلي فرناندو``) or as the subject of a speech verb followed by
a comma or colon (``قال X Y،``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..gazetteer import Hit, Paragraph
from ..lexicon import heads, titles, words
from ..spelling import spell_name
from ..translit import known_word
from ..wordclass import common_word, name_word, not_name_word
from .common import (
    Found,
    _clean_ar,
    _function_words,
    _has_comma,
    _head_forms,
    _is_nisba,
    _not_names,
    _open_names_count,
    _roles,
    _soft,
    _title_words,
    _verb_forms,
    name_like,
)

#: Tanween anywhere, or a short vowel ending a word (عَروسُ): never in a name.
_CASE_ENDING = re.compile("[\u064b-\u064d]|[\u064e-\u0650](?=\\s|$)")


def find_people(para: Paragraph, known: Sequence[Hit | Found]) -> list[Found]:
    """People named next to a title, an apposition or a speech verb."""
    toks = para.tokens
    n = len(toks)
    starts = {h.first: h for h in known}
    role_hits = [h for h in _roles().find(para)  # عبد الرقيب is a name, not a sergeant
                 if h.first == 0 or para.texts[h.first - 1] not in _STARTERS]
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
            last = _name_forward(para, k, starts, after_title=True)
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
    for k in _patronymics(para, starts, taken):
        last = _name_forward(para, k, starts, max_words=6)
        if last is not None:
            last = _chain_end(para, k, last)
        if last is not None and not {"بن", "بنت"}.isdisjoint(para.texts[k + 1:last]):
            add(k, last, "patronymic")
    for k, last in _name_runs(para, starts, taken):
        add(k, last, "name-words")
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


def find_listed_people(para: Paragraph, known: Sequence[Hit | Found]) -> list[Found]:
    """People named in a list after a known or found person (see :func:`_list_items`)."""
    starts = {h.first: h for h in known}
    taken = {k for h in known for k in range(h.first, h.last + 1)}
    anchors = [h.last for h in known if _is_person(h)]
    out = []
    for k, last in _list_items(para, anchors, starts, taken):
        found = _person(para, k, last)
        if not _CASE_ENDING.search(found.ar):
            out.append(replace(found, how="list"))
    return out


def _list_items(para: Paragraph, anchors: list[int], starts: dict[int, Hit | Found],
                taken: set[int]) -> list[tuple[int, int]]:
    """Two-word names joined to a person's name in a list by و or a comma (``ووليد محبوب
    وإبراهيم بيضي وصفوان هوساوي``): after the last word of a person, a first name the
    archive spells or people of open data bear, then one name-like word that a comma,
    the end or a word with و closes; each name found continues the list."""
    texts = para.texts
    n = len(texts)
    out: list[tuple[int, int]] = []
    queue = sorted(set(anchors))
    while queue:
        j = queue.pop(0) + 1
        k = j + 1
        if k >= n or j in starts or j in taken or k in starts or k in taken:
            continue
        word = texts[j]
        joined = word.startswith("و") and len(word) > 3 and _soft(para.gaps[j])
        if not (joined or _has_comma(para.gaps[j])):
            continue
        first = word[1:] if joined or (word.startswith("و") and len(word) > 3) else word
        if not (known_word(first) is not None or _open_names_count(first) >= _RUN_NEXT) or \
                not_name_word(first) or common_word(first) or first in _not_names() or \
                first in _title_words():
            continue
        if not _soft(para.gaps[k]) or texts[k].startswith("و") or \
                not name_like(texts[k], first=False) or texts[k] in _function_words():
            continue
        if k + 1 < n and _soft(para.gaps[k + 1]) and not (
                texts[k + 1].startswith("و") and len(texts[k + 1]) > 3):
            continue  # a longer phrase: ووليد محبوب في ...
        out.append((j, k))
        queue.append(k)
    return out


def _patronymics(para: Paragraph, starts: dict[int, Hit | Found], taken: set[int]) -> list[int]:
    """First words of names built on بن/بنت that no title introduces (``أقدم / ساير بن لافي
    بن ساير الرشيدي``، ``مطلق بن مشرف``): a word that can begin a name, then بن and a word
    that can continue one, outside every known name; a known first name just before it
    begins the name (``عبدالله سعود بن عبدالوحيد``)."""
    texts = para.texts
    n = len(texts)
    out = []
    for k in range(n - 2):
        if texts[k + 1] not in ("بن", "بنت") or k in starts or k in taken or \
                not _soft(para.gaps[k + 1]) or not _soft(para.gaps[k + 2]) or \
                k + 2 in starts or not name_like(texts[k], first=True) or \
                not_name_word(texts[k]) or not name_like(texts[k + 2], first=False):
            continue
        if k > 0 and (texts[k - 1] in ("بن", "بنت") or _soft(para.gaps[k]) and
                       _named_after(texts[k - 1])):
            continue  # the middle of a chain, or a body named after someone: مدرسة أسامة بن زيد
        first = k
        if k > 0 and _soft(para.gaps[k]) and k - 1 not in starts and k - 1 not in taken and \
                known_word(texts[k - 1]) is not None and name_like(texts[k - 1], first=True):
            first = k - 1
        out.append(first)
    return out


def _name_runs(para: Paragraph, starts: dict[int, Hit | Found], taken: set[int]
               ) -> list[tuple[int, int]]:
    """Two or three words in a row, spaces alone between them, that are all words of
    people's names in open data and none a word of the language (``جوزيف شيبرد``، ``ستيفن
    راب``): a first name many people bear, then name words; no word before or after them
    that could continue the name, no head of a place first (خان بني سعد) and no last word
    of a body's name (هال سيتي، دارين مول)."""
    from ..recogniser import person_words  # (imported here: recogniser imports discover)

    counts = person_words()
    texts = para.texts
    n = len(texts)
    out = []
    k = 0
    while k < n - 1:
        if counts.get(texts[k], 0) < _RUN_FIRST or k in starts or k in taken or \
                not _run_word(texts[k], _RUN_FIRST) or \
                (k > 0 and _soft(para.gaps[k]) and (k - 1 in starts or
                                                     _may_continue(texts[k - 1], False))):
            k += 1
            continue
        if texts[k] in heads().place_prefixes:
            k += 1
            continue  # خان بني سعد: a place
        last = k
        while last + 1 < n and last - k < 2 and not para.gaps[last + 1].strip() and \
                last + 1 not in starts and last + 1 not in taken and \
                counts.get(texts[last + 1], 0) >= _RUN_NEXT and \
                _run_word(texts[last + 1], _RUN_NEXT):
            last += 1
        if last > k and texts[last] not in words("body_tails") and \
                not (last + 1 < n and _soft(para.gaps[last + 1]) and (
                    last + 1 in starts or _may_continue(texts[last + 1], True))):
            out.append((k, last))
            k = last + 1
        else:
            k += 1
    return out


#: Wikidata person labels the first word of a run of name words needs (جوزيف 526), and
#: each following word (شيبرد 50).
_RUN_FIRST = 50
_RUN_NEXT = 5


def _may_continue(text: str, after: bool) -> bool:
    """Could ``text`` be one more word of a name next to a run of name words: a name-like
    word, a word the lists and the common words do not know (فيفريه، بوتييه look like
    verbal nouns but are no words of the language), or ``after`` it a known name word with
    the article (محمد جاسم السلطان)."""
    return name_like(text, first=False) or (after and text.startswith("ال") and name_word(text)) or (
        len(text) > 2 and text not in _not_names() and not common_word(text) and
        not text.startswith(("ال", "و", "لل", "بال")))


def _run_word(text: str, least: int) -> bool:
    """A word of at least ``least`` people's names in open data that is no word of the
    language (lists, common words, verb or noun shapes) and carries no article."""
    return _open_names_count(text) >= least and len(text) > 2 and \
        not text.startswith(("ال", "و")) and \
        text not in titles().connectors and name_like(text, first=True) and \
        not not_name_word(text) and not common_word(text) and text not in _not_names()


def _named_after(word: str) -> bool:
    """An indefinite head word of a body or a place, which the name it is named after
    follows (``بمدرسة``، ``شارع``; not ``بالجامعة``, which the name of a person may follow)."""
    for kind in ("orgs", "places"):
        form = _head_forms(kind).get(word)
        if form is not None and not form[1].startswith("ال"):
            return True
    return False


def _chain_end(para: Paragraph, first: int, last: int) -> int | None:
    """The last word of a name built on بن before a word no name holds: a two-letter word
    (حمزة بن عبدالمطلب عم الرسول) or one that the word الله follows (فيصل بن عبدالعزيز
    رحمه الله)."""
    texts = para.texts
    connectors = titles().connectors
    for k in range(first + 1, last + 1):
        if texts[k] in connectors:
            continue
        if len(texts[k]) <= 2 or k + 1 < len(texts) and texts[k + 1] == "الله":
            k -= 1
            while k > first and texts[k] in connectors:
                k -= 1
            return k if k > first else None
    return last


def _nisba_noun(text: str) -> bool:
    """A definite masculine nisba, with or without a preposition (للتشيلي، البرازيلي)."""
    if text.startswith("لل"):
        base = "ال" + text[2:]
    elif text.startswith(("وال", "بال", "فال")):
        base = text[1:]
    else:
        base = text
    return base.startswith("ال") and base.endswith("ي") and _is_nisba(base) is not None


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
        if name_like(text, first=True) or _common_first_name(text):
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
                  max_words: int = 4, after_title: bool = False) -> int | None:
    """Last token of a name starting at ``k`` (two words, more with known name words);
    ``after_title``, it may begin with a first name that is a common word too (اللواء صالح
    آل طالب)."""
    toks = para.tokens
    n = len(toks)
    connectors = titles().connectors
    if not name_like(toks[k].text, first=True):
        nxt = toks[k + 1].text if k + 1 < n else ""
        if not (after_title and _common_first_name(toks[k].text)) or common_word(nxt) or \
                nxt in words("time"):
            return None  # الوزير صباح اليوم: a common word and a time word
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
        if prev == "لو" and _open_names_count(text) == 0:
            break  # لو is also "if": only a word of people's names follows it (لو دريان)
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
            elif after_title and words_ == 2 and _run_word(text, _RUN_NEXT):
                last = j  # المدافع راميرو فونيس موري: a third word of people's names
            break
        last = j
        words_ += prev not in connectors  # عبد العزيز, بن زيد: one word with its connector
        j += 1
    if last == k:
        return None
    return last


def _common_first_name(text: str) -> bool:
    """A common word that the archive spells as a first name (صالح، أمين، كامل، رائد): no
    article, no function word, title, word between a title and a name or head of a body."""
    return known_word(text) is not None and not text.startswith("ال") and \
        text not in _function_words() and text not in _title_words() and \
        text not in titles().between and text not in heads().orgs and \
        text not in heads().places


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
