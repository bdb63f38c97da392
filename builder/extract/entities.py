"""People, places and organisations of an article, each with an English name.

1. Known names: every spelling of the gazetteer (``data/people.yml``, ``places.yml`` with
   all CLDR countries, ``organizations.yml``) is matched by :mod:`.gazetteer` over the
   normalised text, with proclitics, merged words and small typos in people's names.
2. Unknown names: :mod:`.discover` finds people from titles, appositions and speech verbs,
   places and organisations from head words; their English is composed word by word
   (:mod:`.spelling`: ``en_source`` composed, open-names or transliteration).
3. A surname alone (``أوغلو``) is linked to the full name met in the same article.

Spans point into ``article.paragraphs`` (original text); the first span is the first
mention. ``extract_entities(article)`` for "أعلن الرئيس الروسي فلاديمير بوتين" gives
``Entity(type="person", ar="فلاديمير بوتين", en="Vladimir Putin", slug="vladimir-putin")``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from slugify import slugify

from ..model import Article, Entity, Span
from .discover import (
    Found,
    find_clubs,
    find_foreign_clubs,
    find_listed_people,
    find_listed_places,
    find_orgs,
    find_people,
    find_places,
    name_like,
)
from .gazetteer import Hit, Paragraph, fuzzy_people, gazetteer_matcher, paragraph, select_longest
from .learned import learned_names
from .lexicon import Name, heads, nisbas, titles, words
from .wordclass import common_word, not_name_word

_QUOTES = "«»\"“”„"


@dataclass
class _Acc:
    """Mentions of one entity while the article is read."""

    type: str
    ar: str
    en: str
    source: str
    spans: list[tuple[int, int, int]] = field(default_factory=list)  # (para, start, end)
    order: tuple[int, int] = (0, 0)


@lru_cache(maxsize=8192)
def _slug(text: str) -> str:
    """``slugify(text)``, remembered: the same English names recur in many articles."""
    return slugify(text)


def extract_entities(article: Article) -> tuple[Entity, ...]:
    """Entities of ``article``, most mentioned first (then by first mention)."""
    paras = [paragraph(text, i) for i, text in enumerate(article.paragraphs)]
    hits_by_para = [_known(p) for p in paras]
    countries = _countries_mentioned(hits_by_para)
    sure = frozenset(n for hits in hits_by_para for h in hits for n in h.payload
                     if isinstance(n, Name) and h.key not in n.guarded)
    acc: dict[tuple[str, str], _Acc] = {}
    found_by_para: list[list[Found]] = []
    for p, hits in zip(paras, hits_by_para, strict=True):
        raw_hits = hits
        hits = [q for h in hits if (q := _quoted_or_not(p, h)) is not None]
        hits = [h for h in hits if not _misread(p, h)]
        guarded = [h for h in hits if not _guard_ok(p, h, hits, sure)]
        hits = [h for h in hits if h not in guarded]
        clubs = find_clubs(p, hits)
        if clubs:
            hits = [h for h in hits if not any(c.first == h.first for c in clubs)]
        orgs = [*clubs, *find_orgs(p, hits)]
        hits = _drop_inside(hits, orgs)
        places = find_places(p, [*hits, *orgs])
        people = find_people(p, [*hits, *orgs, *places])
        if people:  # a known word used as a family name: عبد الخالق الحوثي
            hits = [h for h in hits if not any(f.start <= h.start < f.end for f in people)]
            hits_by_para[p.index] = hits
        found = [*orgs, *places, *people]
        known_places = [*places, *(h for h in hits if _names_place(h))]
        found += find_listed_places(p, known_places, [*hits, *found])
        found += find_foreign_clubs(p, [*raw_hits, *found])
        found_by_para.append(found)
        # names the recogniser is sure of, where the gazetteer and rules found none, and
        # guarded spellings it reads as names of their type (فريق ليفربول)
        found_by_para[-1] += learned_names(p, [*raw_hits, *found_by_para[-1]], guarded)
        found_by_para[-1] += find_listed_people(p, [*hits, *found_by_para[-1]])
        for h in hits:
            name = _choose(h, countries)
            _add(acc, name.type, name.ar, name.en, "gazetteer", p, h.start, h.end)
        for f in found_by_para[-1]:
            _add(acc, f.type, f.ar, f.en, f.en_source or ("transliteration" if
                 f.transliterated else "gazetteer"), p, f.start, f.end)
    _link_surnames(paras, hits_by_para, found_by_para, acc)
    entities = []
    for a in acc.values():
        spans = tuple(Span(*s) for s in sorted(set(a.spans)))
        entities.append(Entity(type=a.type, ar=a.ar, en=a.en, slug=_slug(a.en),
                               mentions=len(spans), en_source=a.source, spans=spans))
    entities.sort(key=lambda e: (-e.mentions, e.spans[0].paragraph, e.spans[0].start))
    return tuple(entities)


def _known(p: Paragraph) -> list[Hit]:
    hits = gazetteer_matcher().find(p)
    fuzzy = fuzzy_people(p, hits)
    if fuzzy:
        hits = select_longest([*fuzzy, *hits])
    return hits


def _drop_inside(hits: list[Hit], found: list[Found]) -> list[Hit]:
    """Known names inside a longer discovered one give way (وزارة الدفاع الروسية), but the
    place or person a body is named after stays (جامعة حائل: Ha'il too)."""
    if not found:
        return hits
    out = []
    for h in hits:
        if any(f.start <= h.start and h.end <= f.end and (f.end - f.start) > h.length
               and not 0 <= f.keep_from <= h.start for f in found):
            continue
        out.append(h)
    return out


def _countries_mentioned(hits_by_para: list[list[Hit]]) -> frozenset[str]:
    codes = set()
    for hits in hits_by_para:
        for h in hits:
            if len(h.payload) == 1:
                n = h.payload[0]
                if isinstance(n, Name) and n.country:
                    codes.add(n.country)
    return frozenset(codes)


def _choose(h: Hit, countries: frozenset[str]) -> Name:
    """The entry a shared spelling stands for: the one whose country the article names."""
    names = [n for n in h.payload if isinstance(n, Name)]
    if len(names) > 1 and names[0].country not in countries:
        for n in names[1:]:
            if n.country and n.country in countries:
                return n
    return names[0]


def _is_quoted(p: Paragraph, h: Hit) -> bool:
    after = p.gaps[h.last + 1] if h.last + 1 < len(p.texts) else p.norm[p.ends[h.last]:]
    return any(q in p.gaps[h.first] for q in _QUOTES) and any(q in after[:3] for q in _QUOTES)


def _quoted_or_not(p: Paragraph, h: Hit) -> Hit | None:
    """«الشرق الأوسط» in quote marks is the newspaper, without them the region."""
    names = [n for n in h.payload if isinstance(n, Name)]
    quoted = tuple(n for n in names if h.key in n.quoted)
    if not quoted:
        return h
    if _is_quoted(p, h):
        return replace(h, payload=quoted)
    rest = tuple(n for n in names if h.key not in n.quoted)
    return replace(h, payload=rest) if rest else None


def _guard_ok(p: Paragraph, h: Hit, hits: list[Hit], sure: frozenset[Name]) -> bool:
    """A spelling that is also a common word needs a context that makes it a name.

    ``sure`` holds the entries the article names with an unambiguous spelling: once
    "نبيه بري" is there, "بري" alone is him too. Otherwise a place (سورية, مالي, حديثة)
    needs a preposition, a head word, a proclitic ب/ل or a neighbouring place; a body
    (الجزيرة, فتح) quote marks or a head word (قناة, حركة); a person a title before it.
    """
    names = [n for n in h.payload if isinstance(n, Name)]
    if not any(h.key in n.guarded for n in names):
        return True
    if any(n in sure for n in names):
        return True
    typ = names[0].type
    if names[0].ar.endswith("ة") and p.original[p.span(h.start, h.end)[1] - 1] == "ه":
        return False  # حديثه (his talk) is not حديثة (Haditha)
    gap = p.gaps[h.first]
    after = p.gaps[h.last + 1] if h.last + 1 < len(p.texts) else ""
    quoted = any(q in gap for q in _QUOTES) and any(q in after for q in _QUOTES)
    prev = p.texts[h.first - 1] if h.first > 0 else ""
    bare = prev[1:] if prev[:1] in "وف" and len(prev) > 3 else prev
    if typ == "person":
        return prev in _title_words() or bare in _title_words()
    if typ == "organization":  # or a body joined by و to another: فريقي النصر والهلال
        return quoted or prev in words("org_context") or bare in words("org_context") or (
            h.prefix.startswith("و") and any(x.last == h.first - 1 and _names_body(x)
                                             for x in hits)) or _club_nisba(p, h)
    if quoted or any(c in h.prefix for c in "بلك") and (
            h.key.startswith("ال") or not not_name_word(p.texts[h.first])):
        return True  # but بتاتا "at all" is a word, not ب + تاتا
    if prev in words("place_context") or bare in words("place_context"):
        # a feminine noun and a spelling that is a feminine adjective agree: دولة حديثة
        return not (bare.endswith("ه") and h.key.endswith("ه") and not h.prefix and
                    not_name_word(h.key))
    if h.prefix.startswith("و") and any(x.last == h.first - 1 for x in hits):
        return True
    return any(x.first == h.last + 1 and x.prefix.startswith("و") for x in hits)


def _club_nisba(p: Paragraph, h: Hit) -> bool:
    """A masculine nisba of the body's country right after the spelling (النصر السعودي): a
    body's name such as a club's, not the common word (النصر "victory"); the nisba of
    another country names another body (القادسية الكويتي is not the Saudi club)."""
    k = h.last + 1
    if k >= len(p.texts) or p.gaps[k].strip() or _org_head(h.key):
        return False  # الاتحاد السعودي: a head word with a nisba is the federation
    word = p.texts[k]
    country = nisbas().get(word) if word.startswith("ال") and word.endswith("ي") else None
    return country is not None and any(
        n.type == "organization" and n.country in (None, country.code)
        for n in h.payload if isinstance(n, Name))


def _org_head(key: str) -> bool:
    orgs = heads().orgs
    return key in orgs or key[2:] in orgs or key in heads().definite_heads or \
        key[2:] in heads().definite_heads


def _misread(p: Paragraph, h: Hit) -> bool:
    """A known name that the text does not name here: a person after بن is the father in
    a longer name (فيصل بن سلمان بن عبدالعزيز), and a name in ل read from a word in لل is
    the article's preposition on a common word (للحج is not ل + لحج)."""
    if h.first > 0 and p.texts[h.first - 1] in ("بن", "بنت") and not p.gaps[h.first].strip() \
            and any(getattr(n, "type", "") == "person" for n in h.payload):
        return True
    if h.prefix.endswith("ل") and h.key.startswith("ل") and not h.key.startswith("ال"):
        word = "ال" + h.key[1:]
        return word in _common() or word in heads().glossary
    return _adjective(p, h) or _construct(p, h) or _competition_region(p, h) or _idiom(p, h)


def _idiom(p: Paragraph, h: Hit) -> bool:
    """A place's spelling inside a phrase of ``place_idioms`` (مسقط رأسه, متلازمة الشرق
    الأوسط): the words around it are the phrase's (its last word may go on: رأسه)."""
    if not _names_place(h):
        return False
    key = h.key.split()
    for idiom in words("place_idioms"):
        parts = idiom.split()
        for i in range(len(parts) - len(key) + 1):
            if parts[i:i + len(key)] != key:
                continue
            first, last = h.first - i, h.last + len(parts) - i - len(key)
            if first < 0 or last >= len(p.texts) or \
                    any(p.gaps[k].strip() for k in range(first + 1, last + 1)):
                continue
            texts = p.texts[first:last + 1]
            if texts[:-1] == parts[:-1] and texts[-1].startswith(parts[-1]):
                return True
    return False


def _construct(p: Paragraph, h: Hit) -> bool:
    """A one-word place spelled as a common word, right before a definite common noun
    that is its genitive: a noun in construct (ميدان السياسة "the field of politics",
    حماة الوطن "the homeland's guardians"), not the place. A proper name takes no
    genitive; a nisba or an adjective in ي after it (حماة السورية) keeps the place."""
    k = h.last + 1
    if h.first != h.last or k >= len(p.texts) or p.gaps[k].strip() or not _names_place(h):
        return False
    names = [n for n in h.payload if isinstance(n, Name)]
    if not (any(h.key in n.guarded for n in names) or common_word(h.key)):
        return False
    word = p.texts[k]
    if word.endswith(("ك", "ها", "هم", "هن", "كم", "نا")) and len(word) > 4:
        return not_name_word(word)  # a noun with a pronoun is definite too: ميدان اهتمامك
    return word.startswith("ال") and len(word) > 4 and not _ADJECTIVE.fullmatch(word) and \
        word not in nisbas() and word not in words("time") and not_name_word(word)


#: Definite words shaped as adjectives, which follow a place as its epithet (سورية القريبة,
#: الخبر التابع): a nisba, فاعل, فعيل(ة) and the participles in م (المقام، المتواجد).
_ADJECTIVE = re.compile(r"ال(?:.+يه?|.ا..ه?|..ي.ه?|م.{3,})")


def _competition_region(p: Paragraph, h: Hit) -> bool:
    """A region of no one country (a continent, الشرق الأوسط) that names a competition:
    after a competition word, with أبطال, أمم or a side between (دوري أبطال أوروبا،
    بطولة غرب آسيا، كأس آسيا)."""
    names = [n for n in h.payload if isinstance(n, Name)]
    if h.prefix or not names or any(n.type != "place" or n.country for n in names):
        return False
    k = h.first - 1
    between, competition = _competition_words()
    while k >= 0 and not p.gaps[k + 1].strip() and p.texts[k] in between:
        k -= 1
    return k >= 0 and not p.gaps[k + 1].strip() and (
        p.texts[k] in competition or p.texts[k][1:] in competition)


@lru_cache(maxsize=1)
def _competition_words() -> tuple[frozenset[str], frozenset[str]]:
    return words("competition_region"), words("competition")


def _adjective(p: Paragraph, h: Hit) -> bool:
    """A one-word place spelled as an adjective (a nisba, الأقصى "the utmost") right after
    a definite noun, with no proclitic or punctuation between: the adjective of that noun
    (الخيل السعودية, القصائد النبطية, الحد الأقصى), not the place (في السعودية)."""
    if h.first == 0 or h.first != h.last or h.prefix or not h.key.startswith("ال") or \
            p.gaps[h.first].strip() or not _names_place(h) or \
            not (h.key in nisbas() or not_name_word(h.key) or common_word(h.key)):
        return False
    prev = p.texts[h.first - 1]
    bare = prev[1:] if prev[:1] in "وفبك" and prev[1:3] == "ال" else prev
    if bare.startswith("لل"):
        bare = "ال" + bare[2:]
    # after a nisba the place is in apposition: العاصمة النمساوية فيينا
    return bare.startswith("ال") and len(bare) > 3 and bare not in _adjective_heads() and \
        bare not in nisbas()


@lru_cache(maxsize=1)
def _adjective_heads() -> frozenset[str]:
    """Definite words a place follows as a name, not as an adjective: العاصمة الرياض,
    المملكة العربية السعودية."""
    return words("place_context") | frozenset(heads().definite_heads) | {"العربيه"}


@lru_cache(maxsize=1)
def _common() -> frozenset[str]:
    return words("nouns") | words("verbs") | words("adjectives") | words("time")


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    return frozenset(w for t in titles().titles for w in t.split() if len(w) > 2)


def _names_place(h: Hit) -> bool:
    return all(getattr(n, "type", "") == "place" for n in h.payload)


def _names_body(h: Hit) -> bool:
    return any(getattr(n, "type", "") == "organization" for n in h.payload)


def _add(acc: dict[tuple[str, str], _Acc], typ: str, ar: str, en: str, source: str,
         p: Paragraph, start: int, end: int) -> None:
    key = (typ, _slug(en) or ar)
    s, e = p.span(start, end)
    a = acc.get(key)
    if a is None:
        a = acc[key] = _Acc(typ, ar, en, source, order=(p.index, s))
    a.spans.append((p.index, s, e))


def _link_surnames(paras: list[Paragraph], hits_by_para: list[list[Hit]],
                   found_by_para: list[list[Found]], acc: dict[tuple[str, str], _Acc]) -> None:
    """``أوغلو`` alone -> the person ``مولود جاويش أوغلو`` named in the same article."""
    aliases: dict[str, tuple[str, str]] = {}
    blocked: set[str] = set()
    connectors = titles().connectors
    people = [(key, a) for key, a in acc.items() if a.type == "person"]
    for key, a in people:
        parts = [w for w in _norm_words(a.ar)]
        if len(parts) < 2:
            continue
        last = parts[-1]
        cands = {last}
        if len(parts) >= 3 and parts[-2] in connectors:
            cands.add(f"{parts[-2]} {last}")
        for c in cands:
            if len(c) < 3 or not name_like(c.split()[-1], first=False) and \
                    not c.split()[-1].startswith("ال"):
                continue
            if c in aliases and aliases[c] != key:
                blocked.add(c)
            aliases[c] = key
    for c in blocked:
        aliases.pop(c, None)
    _merge_one_word(people, aliases, acc, connectors)
    if not aliases:
        return
    tails = {a.split()[0][-3:] for a in aliases} | {a[-3:] for a in aliases}
    for p, hits, found in zip(paras, hits_by_para, found_by_para, strict=True):
        covered = {k for x in [*hits, *found] for k in range(x.first, x.last + 1)}
        toks = p.tokens
        for k, word in enumerate(p.texts):
            if word[-3:] not in tails or k in covered:
                continue
            tok = toks[k]
            for text, cut in _clitic_forms(word):
                key = aliases.get(text)
                if key is None and k + 1 < len(toks):
                    key2 = aliases.get(f"{text} {toks[k + 1].text}")
                    if key2 is not None and not p.gaps[k + 1].strip():
                        s, e = p.span(tok.start + cut, toks[k + 1].end)
                        acc[key2].spans.append((p.index, s, e))
                        covered.update((k, k + 1))
                        break
                if key is not None:
                    s, e = p.span(tok.start + cut, tok.end)
                    acc[key].spans.append((p.index, s, e))
                    break


def _merge_one_word(people: list[tuple[tuple[str, str], _Acc]], surnames: dict[str, tuple[str, str]],
                    acc: dict[tuple[str, str], _Acc], connectors: frozenset[str]) -> None:
    """A person of one word that is the surname (``surnames``) or the first name of exactly
    one person named in full in the article is that person: كيندال and ليز are ليز كيندال."""
    firsts: dict[str, tuple[str, str] | None] = {}
    for key, a in people:
        parts = _norm_words(a.ar)
        if len(parts) >= 2 and parts[0] not in connectors:
            firsts[parts[0]] = None if firsts.get(parts[0], key) != key else key
    for key, a in people:
        parts = _norm_words(a.ar)
        if len(parts) != 1:
            continue
        target = surnames.get(parts[0]) or firsts.get(parts[0])
        if target is not None and target != key:
            acc[target].spans += a.spans
            del acc[key]


def _norm_words(text: str) -> list[str]:
    from ..normalize import normalize

    return normalize(text).split()


def _clitic_forms(text: str) -> list[tuple[str, int]]:
    """The word and the word without a proclitic: ``ولافروف`` -> [(ولافروف,0), (لافروف,1)]."""
    out = [(text, 0)]
    for p in ("و", "ف", "ب", "ل", "ك", "وب", "ول", "فب"):
        if text.startswith(p) and len(text) - len(p) >= 3:
            out.append((text[len(p):], len(p)))
    return out
