"""The English name of a body found from its head word: the head's template, the
glossary of ``heads.yml`` word by word (``لل`` -> "of the"), the nisba's demonym, and a
transliteration for any word the glossary lacks (:func:`..spelling.spell_name`).
"""

from __future__ import annotations

from ..gazetteer import Paragraph
from ..lexicon import Country, OrgHead, heads, nisbas
from ..spelling import spell_name, weakest


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
    """English of a name's words (the glossary's, a nisba's demonym), as segments split at
    ``لل`` ("of the"), and the weakest source of their spellings."""
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
        country = nisbas().get(text) if word is None else None
        word = word or _gloss_word(text) or (country.demonym if country else None)
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
