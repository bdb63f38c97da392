"""Arabic normalisation for *matching* (never for display).

``normalize("أعلنَ الرئيسُ الروسى")`` -> ``"اعلن الرئيس الروسي"``.

The folding follows common Arabic search practice (as Lucene's ArabicNormalizer): alef and
hamza-on-alef forms to bare alef, alef maqsura to ya, ta marbuta to ha, tashkeel and
tatweel removed, Arabic-Indic digits to ASCII digits, presentation forms to base letters,
zero-width and bidi control characters removed. :func:`normalize_with_map` also returns,
for every character of the normalised text, its offset in the original, so that a match
found in normalised text can be sliced out of the editor's original words.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pyarabic import araby

#: Characters deleted for matching: tashkeel, tatweel, zero-width and bidi controls.
_DELETE = set(araby.TASHKEEL) | {
    araby.TATWEEL,
    "\u0670",  # superscript alef
    "\u200b", "\u200c", "\u200d", "\u200e", "\u200f",
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
    "\u2066", "\u2067", "\u2068", "\u2069", "\u061c", "\ufeff", "\u00ad",
}

#: One-to-one character foldings.
_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه",
    **{chr(0x0660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
    **{chr(0x06F0 + i): str(i) for i in range(10)},  # Eastern Arabic-Indic digits
    "٫": ".", "٬": ",",
}

#: Characters that can spoof the display order of text: removed from displayed text.
BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
#: Invisible or control characters that could hide text or break XML/HTML output: C0 and C1
#: controls (not white space), word joiner and invisible operators, Mongolian vowel
#: separator, grapheme joiner, interlinear annotation marks, tag characters, noncharacters.
_INVISIBLE = ("\x00-\x08\x0e-\x1f\x7f-\x9f\u2060-\u2064\u180e\u034f\ufff9-\ufffb"
              "\U000e0000-\U000e007f\ufffe\uffff")
_BIDI_RE = re.compile(f"[{BIDI_CONTROLS}\ufeff\u200b{_INVISIBLE}]")
#: Combining marks (Arabic tashkeel and Quranic marks, Latin combining diacritics).
_MARKS = ("\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8"
          "\u06ea-\u06ed\u08d3-\u08ff\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff"
          "\ufe20-\ufe2f")
#: More marks than this on one letter are cut for display (a stack of marks can cover
#: neighbouring lines); real Arabic needs at most shadda + vowel (+ a Quranic mark).
MAX_MARKS = 4
_MARK_RUN = re.compile(f"([{_MARKS}]{{{MAX_MARKS}}})[{_MARKS}]+")


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """Fold one character (presentation forms expand through NFKC)."""
    if ch in _DELETE:
        return ""
    if ch in _FOLD:
        return _FOLD[ch]
    code = ord(ch)
    if 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
        expanded = unicodedata.normalize("NFKC", ch)
        if expanded != ch:  # unassigned code points (U+FDD0) expand to themselves
            return "".join(_fold_char(c) for c in expanded)
    return ch


_TABLE = str.maketrans({c: _fold_char(c) for c in list(_DELETE) + list(_FOLD)})
_PRESENTATION = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")
#: :data:`_TABLE` plus the presentation forms, each to its folded expansion (whose
#: characters :data:`_TABLE` leaves alone): folds any text in one ``str.translate``.
_FULL_TABLE = {
    **_TABLE,
    **{code: _fold_char(chr(code)) for code in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF)]},
}


#: The same table as deletions and one-character replacements: for long texts a regex
#: deletion plus ``str.replace`` of the folded characters present is cheaper than
#: ``str.translate``, which looks up every character of a non-ASCII string.
_DELETE_RE = re.compile("[" + re.escape("".join(sorted(_DELETE))) + "]")
_FOLD_PAIRS = tuple(sorted((c, f) for c, f in _FOLD.items() if c not in _DELETE))
#: Texts from this length on are folded by replacement, shorter ones by ``str.translate``.
_REPLACE_FROM = 48


def normalize(text: str) -> str:
    """Fold ``text`` for matching: ``normalize("إيران")`` -> ``"ايران"``."""
    if len(text) < _REPLACE_FROM:
        return text.translate(_FULL_TABLE)
    if _PRESENTATION.search(text):
        text = _PRESENTATION.sub(lambda m: _fold_char(m.group()), text)
    text = _DELETE_RE.sub("", text)
    for char, folded in _FOLD_PAIRS:  # folded characters are never deleted nor folded again
        if char in text:
            text = text.replace(char, folded)
    return text


def normalize_with_map(text: str) -> tuple[str, list[int]]:
    """Like :func:`normalize`, plus the original offset of every output character.

    ``normalize_with_map("أَب")`` -> ``("اب", [0, 2])``. The map has one extra entry,
    ``len(text)``, so that an end offset maps too.
    """
    out: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold_char(ch)
        out.append(folded)
        offsets.extend([i] * len(folded))
    offsets.append(len(text))
    return "".join(out), offsets


def strip_al(word: str) -> str:
    """Drop a leading definite article: ``strip_al("الرقه")`` -> ``"رقه"``."""
    return word[2:] if word.startswith("ال") and len(word) > 3 else word


def display_safe(text: str) -> str:
    """Remove characters that could reorder or hide displayed text (bidi overrides,
    zero-width, controls) and cut stacks of more than :data:`MAX_MARKS` marks on a letter.

    ``display_safe("abc\u202edef")`` -> ``"abcdef"``; ``display_safe("أهلاً")`` -> ``"أهلاً"``.
    """
    return _MARK_RUN.sub(r"\1", _BIDI_RE.sub("", text))
