"""Organisations in no gazetteer: a head word and its complement (``وزارة الدفاع
الروسية``, the country given by a nisba adjective), a body named by its definite head
(``الهيئة العامة للطيران المدني``), one named after a known person or place (``جامعة الملك
سعود``) or located in a known town (``القنصلية السعودية في هيوستن``), and clubs (a known
city and a masculine nisba: ``برشلونة الإسباني``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from ..gazetteer import Hit, Paragraph
from ..lexicon import Country, Name, heads, nisbas, titles, words
from ..spelling import spell_name, weakest
from ..wordclass import common_word, masdar_like, name_word, not_name_word
from .common import (
    Found,
    _bare,
    _clean_ar,
    _function_words,
    _head_forms,
    _is_nisba,
    _not_names,
    _open_names_count,
    _scan_context,
    _soft,
    _title_words,
    name_like,
)
from .english import _english, _gloss, _gloss_word
from .people import _name_forward


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


def find_foreign_clubs(para: Paragraph, taken: Sequence[Hit | Found]) -> list[Found]:
    """In a paragraph on sport (a word of ``sport_context`` in ``common.yml``), an unknown
    name of one to three words followed by the masculine nisba of a country is a club:
    ``سباهان الإيراني``, ``كاشيوا ريسول الياباني``. The name stops at
    punctuation, a known name, or a word of the project's lists (a title: اللاعب
    البرازيلي; a head word: الفريق الإيراني) or one that is no name (a verb, a common noun).
    Not after a title or a role (المدرب خليل المصري is a person), a competition (دوري اكسم
    السعودي), nor a name beginning with the article: a definite word there is a common
    word as often as a club (الحج، الملحن); Gulf clubs (السد القطري) are the gazetteer's.
    """
    texts = para.texts
    if not words("sport_context").intersection(texts) and \
            not words("sport_context").intersection(map(_bare, texts)):
        return []
    covered = {k for x in taken for k in range(x.first, x.last + 1)}
    out: list[Found] = []
    for j, text in enumerate(texts):
        if j == 0 or j in covered or not _soft(para.gaps[j]) or not (
                text.startswith("ال") and text.endswith("ي") and _is_nisba(text)):
            continue
        first = j
        while first > 0 and j - first < _CLUB_WORDS and first - 1 not in covered and \
                (first == j or _soft(para.gaps[first]) and not _conjoined(texts[first])) \
                and _club_word(texts[first - 1]):
            first -= 1  # back to the name's first word (a word in و begins one: زرنوخ وقصيبور)
        if first == j or out and out[-1].last >= first:
            continue
        before = texts[first - 1] if first > 0 and _soft(para.gaps[first]) else ""
        if before in _function_words():
            before = ""  # أمام زرنوخ الكوري: a preposition, not the title إمام
        if before and (first - 1 in covered or before in _CONNECTORS or (
                not _conjoined(texts[first]) and (
                    name_word(before) or _open_names_count(before) >= _NAME_WORD))):
            continue  # كوينز بارك رينجرز: the name began before; مبارك واكاسو: a person
        if _bare(before) in _role_words() or before in words("competition") or \
                texts[first].startswith("ال"):
            continue  # المدرب خليل المصري، دوري اكسم السعودي، الحج (a common word)
        start, end = para.starts[first], para.ends[j - 1]
        if _conjoined(texts[first]):
            start += 1  # وأودنيزي: the conjunction of a list of clubs
        s, e = para.span(start, end)
        ar = _clean_ar(para.original[s:e])
        spelled = spell_name(ar)
        out.append(Found("organization", first, j - 1, start, end, ar, spelled.en, True,
                         how="club", en_source=spelled.source))
    return out


#: The most words of a club's name found before a nisba.
_CLUB_WORDS = 3
#: Wikidata person labels that make the word before such a name a person's first name.
_NAME_WORD = 20
_CONNECTORS = frozenset({"بن", "ابن", "بنت", "ابو", "ام", "عبد", "ال"})


def _conjoined(text: str) -> bool:
    return text[0] == "و" and len(text) > 4


def _club_word(text: str) -> bool:
    """Could ``text`` be a word of a club's name before a nisba (see
    :func:`find_foreign_clubs`)? Not a word of the lists or of sport (المدافع، نجم), a
    common word even if also a name (الأخضر، الفرح), a word with ب/ل on a noun (لدوري),
    a definite adjective (الكوميدي) or a definite dual or plural (المحترفان، المنتخبين)."""
    if len(text) < 2 or _is_nisba(text):
        return False
    bare = _bare(text)
    nn, sport = _not_names(), words("sport_context")
    for word in {text, bare}:
        if word in nn or word in sport or common_word(word) or \
                word.startswith("ال") and (word[2:] in nn or word[2:] in sport):
            return False
    if bare != text and not_name_word(bare):
        return False
    if text.startswith(("لل", "بال", "كال", "وال", "فال")):
        return False
    if len(text) > 3 and text[0] in "بل" and (text[1:] in sport or text[1:] in nn):
        return False
    if text.startswith("ال") and (text.endswith("ي") or len(text) >= 7 and
                                  text.endswith(("ان", "ين", "ون", "ات"))):
        return False
    if len(bare) >= 4 and bare.endswith(("ه", "ي")) and any(
            w in nn or w in sport or common_word(w) or not_name_word(w)
            for w in (bare[:-1], bare[:-2] + "ه" if bare.endswith("ته") else bare[:-1])):
        return False  # a pronoun on a noun or a verb: ناديه، ظهيره، كليته، أفسده، عقدي
    return not not_name_word(text) or name_word(text)


@lru_cache(maxsize=1)
def _role_words() -> frozenset[str]:
    """Titles and sport roles: a name after them is a person's (المدرب خليل المصري)."""
    return frozenset(w for t in titles().titles for w in t.split()) | words("sport_context")




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
        prev = texts[i - 1] if i > 0 and _soft(para.gaps[i]) else ""
        if prev in words("trophy") or _bare(prev) in words("trophy"):
            continue  # كأس رابطة الأندية: the body names the cup, it is not spoken of
        result = None
        if text in org_forms:
            if i not in starts or starts[i].last == i:  # الاتحاد (a club) السعودي لكرة القدم
                result = _org(para, i, org_forms[text][0], None, starts)
        else:
            prefix, bare = ell_forms[text]
            if not prefix and prev.startswith("ال") and len(prev) > 3 and \
                    prev not in _title_words():
                continue  # the adjective of a noun: السياسة الخارجية الأمريكية
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
    s, e = para.span(toks[k].start, toks[k].end)
    if head_word.endswith("ه") and head_word[:-1] in h.orgs and \
            para.original[s:e].endswith("ه"):
        return None  # مكتبه "his office" (مكتب and a pronoun), not مكتبة "a library"
    if prefix.endswith("ل") and head_word not in h.orgs and (
            "ا" + head_word in h.orgs or head_word[1:] in h.definite_heads):
        head_word = "ا" + head_word
    if head_word.startswith("ال") and not elliptic and (
            head_word in h.definite_heads or
            head_word not in h.orgs and head_word[2:] in h.definite_heads):
        return _definite_org(para, k, prefix, head_word, starts)
    if elliptic:
        head_word = " ".join(elliptic.split()[:1])
        from ...normalize import normalize

        head_word = normalize(head_word)
        comp, j = [k], k + 1
    else:
        comp, j = [], k + 1
    head = h.orgs.get(head_word)
    if head is None:
        return None
    country: Country | None = None
    second: Country | None = None  # مجلس الأعمال السعودي الأمريكي: a body of two countries
    proper = False
    named: Name | None = None
    complement: list[int] = []
    nouns: list[int] = []
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
        if not comp and not head.of_name and not elliptic and (
                getattr(_named(x), "type", "") == "person" and
                _complement(para, x.last + 1, starts) or
                not head.proper and x is None and not text.startswith("ال") and
                name_like(text, first=True) and _complement(para, j + 1, starts)):
            # a body named after a person or by a name, with what it is for:
            # مركز محمد بن نايف للمناصحة والرعاية، جمعية زمزم للخدمات الصحية
            named = _named(x)
            comp.extend(range(j, x.last + 1) if x is not None else [j])
            j = comp[-1] + 1
            complement = _complement(para, j, starts)
            proper = named is None
            break
        nouns = [] if comp or x is not None or elliptic else _nouns_of_place(para, j, starts)
        if nouns:  # محكمة استئناف دبي، هيئة كهرباء ومياه دبي، إدارة تعليم صبيا
            x = starts[nouns[-1] + 1]
            named = _named(x)
            comp.extend([*nouns, *range(x.first, x.last + 1)])
            j = x.last + 1
            proper = True
            break
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
                if not (head.alone or head.domestic):  # one country's army or ministry
                    second = _second_nisba(para, j, c, starts)
                    j += second is not None
            break
        if text in h.stop or text in _title_words() or text in _function_words() or \
                (text.startswith("وال") and (text[1:] in _title_words() or text[1:] in h.orgs
                                              or text[3:] in h.orgs)):
            break  # حزب البعث إلى: a preposition ends the name; والجمعية: another body
        if x is not None and any(getattr(p, "type", "") in ("person", "place", "organization")
                                 for p in x.payload) and not _quoted_beyond(para, j, x.last):
            break
        if text.startswith("لل") and not comp:
            break  # شركة للاستشارات العقارية: "a company for ...", no name
        if text.startswith("وال") and comp and _restated(para, comp, j + 1):
            break  # وزارة الصحة والشؤون الصحية: the adjective restates the body, a second one
        if text.startswith(("ال", "لل")) or (text.startswith("وال") and comp):
            if text.startswith("لل") and comp and j + 1 < n and _soft(para.gaps[j + 1]) and \
                    toks[j + 1].text in _function_words() and not text.endswith("ات"):
                break  # a verbal noun with its object: وكالة الضمان الاجتماعي للحصول على
            comp.append(j)
            j += 1
            continue
        if head.proper and not comp and any(q in para.gaps[j] for q in "«“”\""):
            quoted = _quoted(para, j)
            if quoted is not None:
                proper = True
                comp.extend(range(j, quoted + 1))
            break
        if head.proper and not comp and name_like(text, first=True) and (
                len(text) > 2 or j + 1 < n and _soft(para.gaps[j + 1]) and
                name_like(toks[j + 1].text, first=False)):
            proper = True  # not a two-letter word alone: شركة حج "a Hajj company"
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
            more = _complement(para, comp[-1] + 1, starts)
            if not more:  # شركة عبدالرحمن سعد الراشد للحراسات: a longer name, then لل
                extra = []
                m = comp[-1] + 1
                while len(comp) + len(extra) < 4 and m < n and _soft(para.gaps[m]) and \
                        m not in starts and name_like(toks[m].text, first=False):
                    extra.append(m)
                    m += 1
                more = _complement(para, m, starts) if extra else []
                if more:
                    comp.extend(extra)
            if more:
                complement = more
            else:
                m = comp[-1] + 1
                if m < n and _soft(para.gaps[m]) and toks[m].text.startswith("ال") and \
                        m not in starts and name_word(toks[m].text) and \
                        not toks[m].text.endswith("ي") and not _is_nisba(toks[m].text):
                    return None  # مجموعة زيد الحسين وإخوانه: the name goes on, no clear end
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
                comp[-1] + 1 not in starts and (toks[comp[-1] + 1].text in h.suffixes or
                                                named is not None and len(suffix) == 0 and
                                                _named_adjective(head_word,
                                                                 toks[comp[-1] + 1].text)):
            comp.append(comp[-1] + 1)
            suffix.append(_gloss_word(toks[comp[-1]].text) or "")
    if elliptic and country is None:
        return None
    if head.place_only and getattr(named, "type", "") != "place":
        return None  # إدارة الأزمات، إدارة النادي: management, not a department of a town
    must_locate = False
    if head.needs_country and country is None and named is None and not complement:
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
    if complement and country is None and not suffix:
        last = complement[-1]
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
        source = "gazetteer"
        if complement and last == complement[-1]:
            segments, source = _gloss(para, complement)
            tail = " " + " ".join(text for text, _ in segments)
            source = "gazetteer" if source == "composed" else source
        if nouns:  # the town first: Dubai Appeal Court, Sabya Education Department
            glossed, noun_source = _gloss_nouns(para, nouns)
            tail = f" {glossed}{tail}"
            source = "gazetteer" if noun_source == "composed" else noun_source
        en = head.en.replace("{x}", named.en + tail)
        en = f"{country.demonym} {en}" if country else en
    elif proper:
        cs, ce = para.span(toks[comp[0]].start, toks[comp[len(comp) - len(suffix) - 1]].end)
        spelled = spell_name(_clean_ar(para.original[cs:ce]))
        source = spelled.source
        if last != comp[-1] and country is None:  # the complement's words: Security Guards
            segments, gloss_source = _gloss(para, complement)
            tail = " " + " ".join(text for text, _ in segments)
            source = weakest(source, gloss_source)
        en = head.en.replace("{x}", spelled.en + tail)
        en = f"{country.demonym} {en}" if country else en
    else:
        en, source = _english(para, head, head_word, comp, country,
                              [toks[k].text] if elliptic else [])
    if second is not None and country is not None:
        en = en.replace(country.demonym, f"{country.demonym}-{second.demonym}", 1)
    found = Found("organization", k, last, start, end, ar, en, source != "composed",
                  how="named" if named is not None else "proper" if proper else "",
                  en_source=source,
                  # a place it is named after stays a place (جامعة حائل); a person does
                  # not: مستشفى الملك خالد does not mention King Khalid
                  keep_from=toks[comp[len(nouns)]].start if named is not None and
                  named.type == "place" else -1)
    if must_locate:
        located = _with_location(para, found, starts)
        return located if located is not found else None
    return found


def _stem(text: str) -> str:
    """The word without ال/لل/وال and a feminine or nisba ending: الصحية, الصحة -> صح."""
    for p in ("وال", "لل", "ال"):
        if text.startswith(p):
            text = text[len(p):]
            break
    for e in ("يه", "ي", "ه"):
        if text.endswith(e) and len(text) - len(e) >= 2:
            return text[: -len(e)]
    return text


def _restated(para: Paragraph, comp: Sequence[int], j: int) -> bool:
    """Whether the definite adjective at token ``j`` is the nisba of a word already in the
    body's complement ``comp`` (الصحية after الصحة): the noun in وال before it opens a
    second body (وزارة الصحة والشؤون الصحية), not more of the first one's name."""
    texts = para.texts
    if j >= len(texts) or not _soft(para.gaps[j]) or not texts[j].startswith("ال") or \
            not texts[j].endswith(("ي", "يه")):
        return False
    stem = _stem(texts[j])
    return len(stem) >= 2 and any(_stem(texts[c]) == stem for c in comp)


def _second_nisba(para: Paragraph, j: int, first: Country,
                  starts: dict[int, Hit]) -> Country | None:
    """The country of a second definite nisba at token ``j``, right after the first one
    (``first``), of a body of two countries: ``مجلس الأعمال السعودي الأمريكي``; else None."""
    if j >= len(para.texts) or not _soft(para.gaps[j]) or not para.texts[j].startswith("ال"):
        return None
    if j in starts and starts[j].last != j:
        return None
    c = _is_nisba(para.texts[j])
    return c if c is not None and c.code != first.code else None


def _complement(para: Paragraph, j: int, starts: dict[int, Hit]) -> list[int]:
    """The complement in لل that ends a body's proper name at token ``j``, with the
    adjectives and the nouns in وال after it (``شركة إيوان للحراسات الأمنية``, ``مصنع رامة
    للألمنيوم``, ``شركة مدينة نصر للإسكان والتعمير``), or [] when ``j`` opens none: no لل
    word, a verbal noun with its object (للحصول على), a known name or a word of the lists
    (للمرة) after the name. It ends before a plural of people (الراغبين)."""
    h = heads()
    toks, n = para.tokens, len(para.tokens)
    if j >= n or j in starts or not _soft(para.gaps[j]) or not toks[j].text.startswith("لل") \
            or len(toks[j].text) < 5 or toks[j].text[2:] in _loose_words():
        return []
    if j + 1 < n and toks[j + 1].text in _function_words():
        return []  # شركة أرامكو للحصول على: what it does, not its name
    out = [j]
    k = j + 1
    while k < n and len(out) < 4 and _soft(para.gaps[k]) and k not in starts:
        text = toks[k].text
        if text in h.stop or _bare(text) in h.stop or text in _title_words() or \
                _bare(text) in h.orgs or _bare(text)[2:] in h.orgs or \
                not text.startswith(("ال", "وال")) or _is_nisba(text) or \
                len(text) > 5 and text.endswith(("ين", "ون")) or \
                k + 1 < n and toks[k + 1].text in _function_words() and \
                not text.endswith(("ي", "يه")):
            break  # the name ends: another body, a time word, what follows it
        out.append(k)
        k += 1
    return out


def _nouns_of_place(para: Paragraph, j: int, starts: dict[int, Hit]) -> list[int]:
    """The indefinite nouns from token ``j`` that a known place completes, as a body's
    name after its head: ``استئناف`` in محكمة استئناف دبي, ``كهرباء ومياه`` in هيئة كهرباء
    ومياه دبي (one noun, or two joined by و); [] when the words are no such nouns (a
    definite word, a person's name word, a word of the lists, a word neither glossed nor
    known as a common word) or no known place follows, or one whose name goes on."""
    toks, n = para.tokens, len(para.tokens)
    out: list[int] = []
    k = j
    while k < n and len(out) < 2 and _soft(para.gaps[k]) and k not in starts:
        text = toks[k].text
        if out and not (text[:1] == "و" and len(text) > 3):
            break
        if not out and text[:1] == "و":
            return []  # حكومة وشعب بوليفيا: two nouns of the place, not a name
        word = text[1:] if out else text
        if len(word) < 3 or word.startswith("ال") or word in _not_names() or \
                word in heads().orgs or word[:1] in "بل" and word[1:] in heads().orgs or \
                name_word(word) or _is_nisba(word) or word in _function_words():
            return []
        if not (_gloss_word("ال" + word) or common_word(word) or not_name_word(word)):
            return []  # جامعة نورث فلوريدا: a word of a foreign name, not a noun
        out.append(k)
        k += 1
    x = starts.get(k)
    if not out or x is None or x.prefix or not _soft(para.gaps[k]) or \
            getattr(_named(x), "type", "") != "place" or _named(x).ar in _country_names():
        return []
    after = toks[x.last + 1].text if x.last + 1 < n and _soft(para.gaps[x.last + 1]) else ""
    if _is_nisba(after) or after.startswith("ال") and after not in heads().stop and \
            after not in _title_words():
        return []  # جمهورية أفريقيا الوسطى، معرض جدة الدولي: the name goes on
    return out


def _gloss_nouns(para: Paragraph, nouns: list[int]) -> tuple[str, str]:
    """English of indefinite nouns from the glossary (its entries carry ال), each word
    spelled where the glossary lacks it, and the weakest source."""
    words_, source = [], "composed"
    for k in nouns:
        text = para.tokens[k].text
        conj = k != nouns[0] and text[:1] == "و"
        word = text[1:] if conj else text
        en = _gloss_word("ال" + word) or _gloss_word(word)
        if en is None:
            s, e = para.span(para.tokens[k].start + conj, para.tokens[k].end)
            spelled = spell_name(para.original[s:e])
            en, source = spelled.en, weakest(source, spelled.source)
        words_.append(f"and {en}" if conj else en)
    return " ".join(words_), source


@lru_cache(maxsize=1)
def _loose_words() -> frozenset[str]:
    """Common nouns and time words of the lists: never what a body is for (للمرة)."""
    return words("nouns") | words("time") | words("function")


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


def _agrees_with(noun: str, text: str) -> bool:
    """Could the ال-word ``text`` follow the complement's word ``noun``? Not a masculine
    relative adjective after a plural in ات, which takes a feminine one (للجوازات
    الإلكترونية): such a word describes what the name is in (موقع … للجوازات الإلكتروني)."""
    return not (noun.endswith("ات") and text.endswith("ي") and not text.endswith("وي"))


def _named_adjective(head: str, text: str) -> bool:
    """Could ``text`` close the name of a body named after a known name: a relative
    adjective of the glossary that agrees with ``head`` and names no country (بنك قطر
    الوطني، مستشفى الملك فهد العسكري)?"""
    return text.startswith("ال") and text.endswith(("ي", "يه")) and \
        text in heads().glossary and _is_nisba(text) is None and _adjective_of(head, text)


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
    head = h.orgs.get(head_word) or h.orgs[head_word[2:]]
    toks = para.tokens
    n = len(toks)
    adjectives: list[int] = []
    complement: list[int] = []
    country: Country | None = None
    second: Country | None = None
    nisba = k
    j = k + 1
    while j < n and _soft(para.gaps[j]):
        text = toks[j].text
        if j in starts and not (_is_nisba(text) and starts[j].last == j):
            break  # a known name (but السعودية after a head is a nisba)
        if text in h.stop or text in _title_words() or text in _function_words() or \
                _bare(text) in h.orgs or _bare(text)[2:] in h.definite_heads or \
                text.startswith("وال") and not getattr(h.orgs.get(text[3:]), "place_only", True):
            break  # اللجنة العليا والمجلس، المعهد … والمكتبة العامة: another body begins
        c = _is_nisba(text)
        if c is not None:
            if complement or country is not None or not text.startswith("ال"):
                break
            country, nisba = c, j
            second = None if head.alone or head.domestic else \
                _second_nisba(para, j + 1, c, starts)
            if second is not None:  # اللجنة السعودية الروسية المشتركة
                j = nisba = j + 1
                if j + 1 < n and _soft(para.gaps[j + 1]) and j + 1 not in starts and \
                        toks[j + 1].text not in _function_words() and \
                        toks[j + 1].text not in h.stop and \
                        _adjective_of(head_word, toks[j + 1].text):
                    j = nisba = j + 1
                    adjectives.append(j)
        elif complement and (text.startswith(("ال", "لل")) or text.startswith("وال")):
            before = toks[complement[-1]].text
            if text.startswith("ال") and not (before[:1] == "ل" and before[:2] != "لل") and \
                    not _agrees_with(before, text):
                break  # موقع المديرية العامة للجوازات الإلكتروني: the site's adjective
            complement.append(j)
        elif complement and text[:1] == "و" and masdar_like(text[1:]) and j + 1 < n and \
                _soft(para.gaps[j + 1]) and toks[j + 1].text.startswith("ال") and \
                j + 1 not in starts and toks[j + 1].text[2:] not in h.orgs:
            complement += [j, j + 1]  # للدعوة والإرشاد وتوعية الجاليات
            j += 1
        elif text.startswith("لل") or (text[:1] == "ل" and len(text) > 3 and j + 1 < n and
                                        _soft(para.gaps[j + 1]) and
                                        toks[j + 1].text.startswith("ال")):
            if j + 1 < n and toks[j + 1].text in _function_words() and \
                    not text.endswith("ات"):
                break  # a verbal noun with its object: اللجنة المكلفة للنظر في
            if text[1:2] == "ي" and not text.startswith("لل"):
                break  # a verb: المكتب الاستشاري ليتم البت
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
    # two countries name a body whose head word has an English of its own (the Saudi-Russian
    # Committee), not one that is only its complement (الشركة السعودية المصرية: which one?)
    evidence = sum(map(bool, (adjectives, country, complement,
                              second is not None and head.en != "{x}")))
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
    if second is not None and country is not None:
        en = en.replace(country.demonym, f"{country.demonym}-{second.demonym}", 1)
    found = Found("organization", k, last, start, toks[last].end, ar, en, source != "composed",
                  how="definite", en_source=source)
    if evidence < 2 and any(toks[a].text not in h.glossary and toks[a].text not in h.suffixes
                            for a in adjectives):
        return None  # الشركة الكورية في نيويورك: an adjective the glossary lacks, no name
    if evidence < 2:  # the town it serves is the second: المحكمة الجزائية بخميس مشيط
        located = _with_location(para, found, starts)
        return located if located is not found else None
    return found


def _quoted_beyond(para: Paragraph, j: int, last: int) -> bool:
    """Whether quotes open before token ``j`` and close after ``last``: a name that begins
    with a known one (صحيفة «ويتشيتا إيغل»: a city, then the newspaper's name)."""
    if not any(q in para.gaps[j] for q in "«“\""):
        return False
    end = _quoted(para, j)
    return end is not None and end > last


def _quoted(para: Paragraph, j: int) -> int | None:
    """Last token of a name in quotes opened before token ``j``: صحيفة «ديلي ميرور»."""
    for last in range(j, min(len(para.texts), j + 5)):
        nxt = para.gaps[last + 1] if last + 1 < len(para.texts) else para.norm[para.ends[last]:]
        if any(q in nxt for q in "»”\""):
            return last
        if nxt.strip():
            return None
    return None
