"""Key figures: numbers with their counted noun.

Numbers are read in the normalised text (Arabic-Indic digits become ASCII) and shown with
the editor's original words. Read: digits ("2289 طلعة جوية"), words ("ثمانية وأربعين يوماً"
= 48), multipliers ("4 آلاف" = 4000, "5 و 7 آلاف" = 5000 and 7000, "1,2 مليار" = 1.2e9),
percentages ("40 بالمائة", "90%"). Not figures: dates and years, labels ("القرار 2254",
"الساعة 10"), ordinals and names ("الجولة الثامنة", "مجموعة العشرين", "أستانة7"), vague
counts ("آلاف", "عشرات"), times and scores ("10:30", "3-1"). Word lists live in
``data/numbers.yml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..clean import sentence_spans
from ..model import Article, Figure
from ..normalize import normalize
from ._data import load, norm_map, normalized
from .dates import date_spans

#: A four-digit number in this range without multiplier or percent is a year.
YEAR_RANGE = (1900, 2100)
#: Words of context kept around a figure in ``Figure.text``.
CONTEXT_WORDS = 24

_PROCLITIC = re.compile(r"^(?:[وف]?(?:ال|بال|لل|ب|ل|ك)?|[وف])$")
_NISBA = re.compile(r"(?:يه|يا|يين|يون)$")
_WORD = re.compile(r"[\w%٪]+")


@dataclass(frozen=True)
class _Num:
    start: int
    end: int  #: end of the number words (before any multiplier)
    value: float
    kind: str  #: "digits" | "words"


@lru_cache(maxsize=1)
def _tables() -> dict[str, object]:
    data = load("numbers.yml")
    months = load("months.yml")
    words: dict[str, tuple[str, int]] = {}
    for kind in ("units", "tens", "hundreds"):
        for value, spellings in data[kind].items():
            for w in spellings:
                words[normalize(w)] = (kind, value)
    mult = {normalize(w): v for v, ws in data["multipliers"].items() for w in ws}
    return {
        "words": words,
        "mult": mult,
        "duals": set(normalized(data["duals"])),
        "plurals": set(normalized(data["plurals"])),
        "teen": set(normalized(data["teen_word"])),
        "eleven": set(normalized(data["eleven"])),
        "twelve": set(normalized(data["twelve"])),
        "labels": set(normalized(data["label_words"])),
        "not_units": set(normalized(data["not_units"])),
        "percent": re.compile(
            r"\s*(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in normalized(data["percent"])) + r")(?![\w])"
        ),
        "approx": set(normalized(data["approx"])),
        # words that can start a run of number words (see _word_numbers)
        "eleven_twelve": set(normalized(data["eleven"])) | set(normalized(data["twelve"])),
        "starters": (set(words) | set(mult) | set(normalized(data["eleven"]))
                     | set(normalized(data["twelve"]))),
        "eras": set(normalized(months["gregorian_era"] + months["hijri_era"])),
    }


def _strip_clitic(word: str) -> str:
    """``"وأربعين"`` -> ``"أربعين"`` (normalised); a definite word keeps its ``ال``."""
    if word.startswith(("و", "ف", "ب", "ل")) and len(word) > 3 and not word.startswith("ال"):
        rest = word[1:]
        if rest.startswith("ال"):
            return word  # "بالعشرين": definite
        return rest
    return word


_NUMBER = re.compile(
    r"(?<!\d)(?P<num>\d{1,3}(?:,\d{3})+(?![\d,])|\d{1,3}(?:\.\d{3}){2,}(?![\d.])"
    r"|\d+(?:[.,]\d+)?)(?![\d])"
)
_THOUSANDS_COMMA = re.compile(r"\d+,\d{3}(?:,\d{3})*")  # 1,500,000
_THOUSANDS_DOT = re.compile(r"\d+(?:\.\d{3}){2,}")  # 1.500.000
_TOKEN = re.compile(r"\S+")
_PREFIX = re.compile(r"[^\W\d]*$")


def _digit_numbers(norm: str, tab: dict) -> list[_Num]:
    out: list[_Num] = []
    for m in _NUMBER.finditer(norm):
        num = m.group("num")
        pre = _PREFIX.search(norm, max(0, m.start() - 12), m.start()).group()
        if pre and not _PROCLITIC.match(pre):
            continue  # "أستانة7", "G20"
        if pre.endswith("ال"):
            continue  # "الـ24": an ordinal or a label
        s, e = m.start("num"), m.end("num")
        before, after = norm[max(0, s - 1):s], norm[e:e + 2]
        if not norm[:s].strip() and after[:1] in ("-", ")", "."):
            continue  # "1- الهوية": a list item number
        if before in (":", "/", "-", "+") or (after[:1] in (":", "/", "-") and after[1:2].isdigit()):
            continue  # time, fraction, score, phone
        if _THOUSANDS_COMMA.fullmatch(num):
            value = float(num.replace(",", ""))
        elif _THOUSANDS_DOT.fullmatch(num):
            value = float(num.replace(".", ""))
        else:
            value = float(num.replace(",", "."))
        if num.startswith("0") and len(num) > 1 and "." not in num and "," not in num:
            continue  # phone numbers, codes
        if len(num.replace(",", "").replace(".", "")) > 12:
            continue
        out.append(_Num(s, e, value, "digits"))
    return out


_PUNCT = "،,.:؛()«»\"”“"


def _word_numbers(norm: str, tab: dict) -> list[_Num]:
    """Runs of number words: "ثمانية وأربعين" -> 48, "ثلاثة آلاف" -> 3000."""
    words, mult, teen, eleven_twelve = tab["words"], tab["mult"], tab["teen"], tab["eleven_twelve"]
    # the number word of every token (clitic and punctuation removed); most paragraphs
    # have none, and then no offsets are needed
    keys = [_strip_clitic(raw.strip(_PUNCT)) for raw in norm.split()]
    if tab["starters"].isdisjoint(keys):
        return []
    out: list[_Num] = []
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(norm)]
    i = 0
    while i < len(tokens):
        tok = keys[i]
        if tok not in tab["starters"]:
            i += 1
            continue
        s, e, raw = tokens[i]
        prev_tok = tokens[i - 1][2] if i else ""
        if tok in mult and prev_tok[-1:].isdigit():
            i += 1
            continue  # "4 آلاف": the multiplier belongs to the digits
        if tok in teen and prev_tok.startswith("ال"):
            i += 1
            continue  # "الحادي عشر": an ordinal
        teen_next = i + 1 < len(tokens) and tokens[i + 1][2].strip("،,.") in teen
        if tok in words or tok in mult or (tok in eleven_twelve and teen_next):
            total, current, j, end = 0.0, 0.0, i, e
            used = False
            while j < len(tokens):
                w = keys[j]
                if j > i and not tokens[j][2].startswith("و") and w in words:
                    break  # "ثلاثة خمسة": two numbers
                if w in words:
                    kind, v = words[w]
                    if kind == "units" and j + 1 < len(tokens) and tokens[j + 1][2].strip("،,.") in teen:
                        current += v + 10
                        j += 1
                    else:
                        current += v
                elif w in eleven_twelve and j + 1 < len(tokens) and tokens[j + 1][2].strip("،,.") in teen:
                    current += 11 if w in tab["eleven"] else 12
                    j += 1
                elif w in mult:
                    if w in tab["plurals"] and not current:
                        break  # "آلاف الأشخاص": vague
                    factor = mult[w] * (2 if w in tab["duals"] and not current else 1)
                    total += (current or 1) * factor
                    current = 0
                else:
                    break
                used = True
                end = tokens[j][1] - len(tokens[j][2]) + len(tokens[j][2].rstrip(_PUNCT))
                j += 1
            value = total + current
            if used and value:
                out.append(_Num(s + (len(raw) - len(raw.lstrip("«\"“("))), end, value, "words"))
            i = max(j, i + 1)
        else:
            i += 1
    return out


def _next_words(norm: str, pos: int, n: int) -> list[tuple[int, int, str]]:
    out = []
    for m in _WORD.finditer(norm, pos):
        out.append((m.start(), m.end(), m.group()))
        if len(out) == n:
            break
    return out


def _prev_word(norm: str, pos: int) -> str:
    words = _WORD.findall(norm[max(0, pos - 40):pos])
    return words[-1] if words else ""


def _context(paragraph: str, start: int, end: int) -> str:
    """The sentence around a figure, cut to about ``CONTEXT_WORDS`` words at clause marks."""
    for s, e in sentence_spans(paragraph) or [(0, len(paragraph))]:
        if s <= start < e:
            break
    else:
        s, e = 0, len(paragraph)
    sentence = paragraph[s:e]
    if len(sentence.split()) <= CONTEXT_WORDS:
        return sentence
    cuts = [s] + [s + m.end() for m in re.finditer(r"[،,؛]\s*", sentence)] + [e]
    left = max(c for c in cuts if c <= start)
    right = min(c for c in cuts if c >= end)
    while len(paragraph[left:right].split()) < 8 and (left > s or right < e):
        left = max([c for c in cuts if c < left] or [s])
        right = min([c for c in cuts if c > right] or [e])
    return paragraph[left:right].strip(" ،,؛")


def extract_figures(article: Article) -> tuple[Figure, ...]:
    """Numeric facts of ``article`` in text order, one per (value, unit).

    ``"نفذت ... 2289 طلعة جوية"`` -> ``Figure(value=2289, unit="طلعة جوية", ...)``;
    ``"ما بين 5 و 7 آلاف شخص"`` -> 5000 and 7000 (``شخص``).
    """
    tab = _tables()
    figures: list[Figure] = []
    seen: set[tuple[float, str]] = set()
    for index, paragraph in enumerate(article.paragraphs):
        norm, offsets = norm_map(paragraph)
        dates = date_spans(norm)
        nums = sorted(_digit_numbers(norm, tab) + _word_numbers(norm, tab), key=lambda n: n.start)
        nums = [n for n in nums if not any(a <= n.start < b for a, b in dates)]
        resolved = _apply_suffixes(norm, nums, tab)
        for num, value, unit_span, percent, end in resolved:
            if not _is_figure(norm, num, value, percent, unit_span, tab):
                continue
            unit = "%" if percent else (
                paragraph[offsets[unit_span[0]]:offsets[unit_span[1]]] if unit_span else ""
            )
            key = (value, normalize(unit))
            if key in seen:
                continue
            seen.add(key)
            text = _context(paragraph, offsets[num.start], offsets[end])
            figures.append(Figure(value=value, unit=unit, text=text, paragraph=index))
    return tuple(figures)


def _apply_suffixes(
    norm: str, nums: list[_Num], tab: dict
) -> list[tuple[_Num, float, tuple[int, int] | None, bool, int]]:
    """Attach multipliers, percent signs and the counted noun; spread them over pairs
    ("5 و 7 آلاف", "20 إلى 30 في المائة")."""
    out = []
    for k, num in enumerate(nums):
        pos, value, percent = num.end, num.value, False
        if num.kind == "digits":
            nxt = _next_words(norm, pos, 1)
            if nxt and nxt[0][2] in tab["mult"] and norm[pos:nxt[0][0]].strip() == "":
                value *= tab["mult"][nxt[0][2]]
                pos = nxt[0][1]
        m = tab["percent"].match(norm, pos)
        if m:
            percent, pos = True, m.end()
        elif norm[max(0, num.start - 1):num.start] in ("%", "٪"):
            percent = True
        if value == num.value and not percent and k + 1 < len(nums):
            # "5 و 7 آلاف", "20 إلى 30 في المائة": the second number's suffix applies
            link = norm[pos:nums[k + 1].start].strip()
            if link in ("و", "الي", "او", "-", "–", "حتي"):
                nxt_num = nums[k + 1]
                after = _next_words(norm, nxt_num.end, 1)
                if nxt_num.kind == "digits" and after and after[0][2] in tab["mult"]:
                    value *= tab["mult"][after[0][2]]
                    pos = after[0][1]
                elif tab["percent"].match(norm, nxt_num.end):
                    percent = True
                    pos = tab["percent"].match(norm, nxt_num.end).end()
                if value != num.value or percent:
                    unit = _unit(norm, pos, tab) if not percent else None
                    out.append((num, value, unit, percent, pos))
                    continue
        unit = None if percent else _unit(norm, pos, tab)
        out.append((num, value, unit, percent, unit[1] if unit else pos))
    return out


def _unit(norm: str, pos: int, tab: dict) -> tuple[int, int] | None:
    """Span of the counted noun after ``pos`` (plus a nisba adjective: "طلعة جوية")."""
    words = _next_words(norm, pos, 2)
    if not words or norm[pos:words[0][0]].strip(" "):
        return None  # punctuation between number and word
    s, e, w = words[0]
    if w == "من" and len(words) > 1 and words[1][2].startswith("ال") and len(words[1][2]) > 4:
        return words[1][0], words[1][1]  # "6 من الحكام"
    if w in tab["not_units"] or w[0].isdigit() or w in tab["words"] or w in tab["mult"]:
        return None
    if len(words) > 1:
        s2, e2, w2 = words[1]
        if (not norm[e:s2].strip() and not w2.startswith(("ال", "لل", "بال", "وال"))
                and _NISBA.search(w2)
                and w2 not in tab["not_units"] and len(w2) > 3):
            e = e2
    return s, e


def _is_figure(norm: str, num: _Num, value: float, percent: bool,
               unit: tuple[int, int] | None, tab: dict) -> bool:
    prev = _prev_word(norm, num.start)
    if prev in tab["labels"] or _strip_clitic(prev) in tab["labels"]:
        return False
    nxt = _next_words(norm, num.end, 1)
    if nxt and nxt[0][2] in tab["eras"] and norm[num.end:nxt[0][0]].strip() == "":
        return False  # "1436 هـ", "2015م": a year
    plain = value == num.value and not percent
    year_like = YEAR_RANGE[0] <= value <= YEAR_RANGE[1] and value.is_integer()
    if num.kind == "digits" and plain and year_like and prev not in tab["approx"]:
        return False  # a year
    # "ست" alone is too ambiguous without a counted noun
    return not (num.kind == "words" and plain and unit is None and value < 10)
