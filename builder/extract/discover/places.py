"""Places in no gazetteer, named after a head word: ``بلدة كفرنبل``, ``محافظات حماة
وإدلب`` (the heads and their English templates in ``heads.yml``).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from ...normalize import normalize
from ..gazetteer import Hit, Paragraph
from ..lexicon import Name, gazetteer, heads, titles, words
from ..spelling import Spelled, spell_name
from ..wordclass import common_word, name_word, not_name_word, run_together
from .common import (
    Found,
    _bare,
    _clean_ar,
    _head_forms,
    _is_nisba,
    _not_names,
    _scan_context,
    _soft,
)


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
        if head in words("side_heads") and not found[0] and k > 0 and para.texts[k - 1] == "من":
            continue  # من ناحية البحر: "on the side of", not a district
        template = h.places.get(head, "{x}")
        plural = head in h.plural_places
        j = k + 1
        if head in words("word_heads") and j < n and _known_word(toks[j].text):
            continue  # قضاء عادل "a just judiciary", بقضاء العيد "spending the feast"
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




def _known_word(text: str) -> bool:
    """A given name or a common word (also with the accusative alef: عادلا)."""
    forms = (text, text[:-1]) if text.endswith("ا") and len(text) > 3 else (text,)
    return any(name_word(w) or common_word(w) or not_name_word(w) for w in forms)


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


def find_listed_places(para: Paragraph, places: Sequence[Hit | Found],
                       taken: Sequence[Hit | Found]) -> list[Found]:
    """Places listed after a known one, joined by و, the list closed by punctuation or the
    end of the paragraph: ``في الطائف والخرمة وتربة ورنية ،`` -> الخرمة، تربة، رنية.

    A list is taken whole or not at all: it holds at least :data:`LIST_MIN` words after the
    known place, each one word long or a place prefix and its word (بني سعد), each a known
    place or a word that can be a place's name: no word of the project's lists (function
    words, titles, head words), nisba, plural or pronoun suffix. A word that looks like a
    common noun, or is one as well as a name (تربة "soil", المحاني، الخير), is let in a list of :data:`LIST_LONG` or more
    where at most one word in three looks so. ``places``: the places known in ``para``;
    ``taken``: every name found there.
    """
    if not places:
        return []
    toks = para.tokens
    n = len(toks)
    starts = {x.first: x for x in taken}
    place_firsts = {x.first for x in places}
    out: list[Found] = []
    done: set[int] = set()
    for x in sorted(places, key=lambda x: x.first):
        if x.first in done:
            continue
        items: list[tuple[int, int] | None] = []  # None: a known place of the list
        common = 0
        j = x.last + 1
        closed = j >= n or not _soft(para.gaps[j])
        while not closed and toks[j].text.startswith("و") and len(toks[j].text) > 2:
            known = starts.get(j)
            if known is not None:
                if j not in place_firsts:
                    break
                done.add(j)
                items.append(None)
                j = known.last + 1
            else:
                last, looks_common = _listed_place(para, j)
                if last is None:
                    break
                common += looks_common
                items.append((j, last))
                j = last + 1
            closed = j >= n or not _soft(para.gaps[j])
        if not closed or len(items) < LIST_MIN or j < n and not _closes(para.gaps[j]):
            continue
        if common and (len(items) < LIST_LONG or 3 * common > len(items)):
            continue
        out += [_place(para, a, b, "{x}", conj=True) for a, b in filter(None, items)]
    return out


#: The fewest words a list of places joined by و holds after the known place that opens it.
LIST_MIN = 2
#: The fewest words of a list that may hold a word looking like a common noun.
LIST_LONG = 4


def _closes(gap: str) -> bool:
    """Punctuation that ends a list: a comma, a full stop, a colon, a bracket or a dash."""
    return any(c in gap for c in "،,؛;.:()-–—/")


def _listed_place(para: Paragraph, j: int) -> tuple[int | None, bool]:
    """Last token of a place's name at token ``j`` in a list joined by و (else None), and
    whether its word looks like a common noun."""
    toks = para.tokens
    text = toks[j].text[1:]
    if text in heads().place_prefixes:
        if j + 1 < len(toks) and _soft(para.gaps[j + 1]):
            word = _list_word(toks[j + 1].text)
            if word is not None:
                return j + 1, word
        return None, False
    word = _list_word(text)
    return (None, False) if word is None else (j, word)


def _list_word(text: str) -> bool | None:
    """None when this word cannot name a place in a list of places (see
    :func:`find_listed_places`), else whether it looks like a common noun."""
    if len(text) < 2:
        return None
    nn = _not_names()
    if text in nn or (text.startswith("ال") and text[2:] in nn) or _is_nisba(text) \
            or text in titles().connectors or text in heads().stop or run_together(text):
        return None
    if text.endswith(("ها", "هم", "هما", "نا", "كم", "ات", "ين", "ون")):
        return None  # a pronoun suffix or a plural
    return not_name_word(text) or common_word(text)
