"""Places in no gazetteer, named after a head word: ``بلدة كفرنبل``, ``محافظات حماة
وإدلب`` (the heads and their English templates in ``heads.yml``).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from ...normalize import normalize
from ..gazetteer import Hit, Paragraph
from ..lexicon import Name, gazetteer, heads, titles
from ..spelling import Spelled, spell_name
from ..wordclass import not_name_word, run_together
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
