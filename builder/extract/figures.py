"""Key figures: numbers with their counted noun.

Numbers are read in the normalised text (Arabic-Indic digits become ASCII) and shown with
the editor's original words. Read: digits ("2289 طلعة جوية", "5.964 طلعة" = 5964, "(493)
بلاغاً"), words ("ثمانية وأربعين يوماً" = 48, "السنوات الثلاث" = 3), multipliers ("4 آلاف" =
4000, "5 و 7 آلاف" = 5000 and 7000, "1,2 مليار" = 1.2e9, "مليون ونصف" = 1.5e6), wire-copy
decimals ("5ر45 مليون" = 45.5e6), percentages ("40 بالمائة", "90%"). Not figures: dates
and years ("عام 1837", "1959" unless it counts: "1959 فرعًا"), labels and codes
("القرار 2254", "الساعة 10", "(994)", "أينشتاين 3": a number with no unit), ordinals and
names ("الجولة الثامنة", "مجموعة العشرين", "أستانة7", "ثماني النواة"), vague counts ("آلاف",
"عشرات"), times, scores, dimensions and formulas ("10:30", "3-1", "16×9", "5+1"). Word
lists live in ``data/numbers.yml``.
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
#: Numbers in this range after a year word ("عام 1837") are years.
YEAR_WORD_RANGE = (1000, 2100)
#: Tanween fath: the accusative of a counted noun ("1959 فرعًا"), which a year never has.
_TANWEEN_FATH = "\u064b"
#: Marks of a formula or a dimension on either side of a number ("5+1", "16×9").
_FORMULA = "+×*/"
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
    raw: str = ""  #: the digits as written (normalised)
    definite: bool = False  #: written with the article: "الـ24", "ال37 مليون"
    noun: tuple[int, int] | None = None  #: the counted noun before it ("السنوات الثلاث")


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
        "teen_first": set(normalized(data["teen_first"])),
        "eleven": set(normalized(data["eleven"])),
        "twelve": set(normalized(data["twelve"])),
        "labels": set(normalized(data["label_words"])),
        "not_units": set(normalized(data["not_units"])),
        "carriers": {w.lower() for w in normalized(data["carriers"])},
        "percent": re.compile(
            r"\s*(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in normalized(data["percent"])) + r")(?![\w])"
        ),
        "approx": set(normalized(data["approx"])),
        # words that can start a run of number words (see _word_numbers)
        "eleven_twelve": set(normalized(data["eleven"])) | set(normalized(data["twelve"])),
        "starters": (set(words) | set(mult) | set(normalized(data["eleven"]))
                     | set(normalized(data["twelve"]))),
        "eras": set(normalized(months["gregorian_era"] + months["hijri_era"])),
        "year_words": set(normalized(months["year_words"])),
        "year_before": set(normalized(months["year_words"] + data["year_before"])),
        "months": {normalize(w) for kind in ("gregorian", "hijri")
                   for ws in months[kind].values() for w in ws},
        "count_words": set(normalized(data["count_words"])),
        "count_window": data["count_window"],
        "half": set(normalized(data["half"])),
        "fractions": {**{w: 0.5 for w in normalized(data["half"])},
                      **{w: 0.25 for w in normalized(data["quarter"])}},
        "definite": {normalize("ال" + w): v for v in data["definite_units"]
                     for w in data["units"][v]},
        "definite_not_after": set(normalized(data["definite_not_after"])),
        "definite_re": re.compile("|".join(sorted(
            (normalize("ال" + w) for v in data["definite_units"] for w in data["units"][v]),
            key=len, reverse=True))),
        "decimal": re.compile(r"(?<![\d.,])(\d{1,3})" + re.escape(normalize(data["decimal_letter"]))
                              + r"(\d{1,9})(?![\d\w])"),
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
#: "(493", "( من 10 إلى 15": a number or a range alone in brackets (normalised text)
_BRACKETED = re.compile(r"\(\s*(?:من\s+)?(?:[\d.,ر]+\s*(?:-|–|الي|و)\s*)?[\d.,ر]+\s*$")
_PREFIX = re.compile(r"[^\W\d]*$")


def _neighbours(norm: str, s: int, e: int) -> tuple[str, str, str, str]:
    """The characters beside ``norm[s:e]``, spaces skipped: (second before, before, after,
    second after)."""
    left, right = norm[max(0, s - 8):s].rstrip(), norm[e:e + 8].lstrip()
    return left[:-1].rstrip()[-1:], left[-1:], right[:1], right[1:].lstrip()[:1]


def _digit_numbers(norm: str, tab: dict) -> list[_Num]:
    out: list[_Num] = []
    decimals = [(m.start(), m.end(), m) for m in tab["decimal"].finditer(norm)]
    for s, e, m in decimals:  # "5ر45" = 45.5
        out.append(_Num(s, e, float(f"{m.group(2)}.{m.group(1)}"), "digits", m.group()))
    for m in _NUMBER.finditer(norm):
        if any(a <= m.start() < b for a, b, _m in decimals):
            continue
        num = m.group("num")
        pre = _PREFIX.search(norm, max(0, m.start() - 12), m.start()).group()
        if pre and not _PROCLITIC.match(pre):
            continue  # "أستانة7", "G20"
        definite = pre.endswith("ال")  # "الـ24": an ordinal or a label, unless a multiplier follows
        s, e = m.start("num"), m.end("num")
        before, after = norm[max(0, s - 1):s], norm[e:e + 2]
        if not norm[:s].strip() and after[:1] in ("-", ")", "."):
            continue  # "1- الهوية": a list item number
        if before in (":", "/", "-", "+") or (after[:1] in (":", "/", "-") and after[1:2].isdigit()):
            continue  # time, fraction, score, phone
        far_before, near_before, near_after, far_after = _neighbours(norm, s, e)
        if (near_before and near_before in _FORMULA and far_before.isdigit()) or \
                (near_after and near_after in _FORMULA and far_after.isdigit()):
            continue  # "5+1", "16×9", "17 /5 / 1436": a formula, a size, a date
        if not norm[:s].strip() and near_after in ("-", ")", ".") and far_after.isalpha():
            continue  # "2 - إذا": a list item number
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
        out.append(_Num(s, e, value, "digits", num, definite))
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
        prev_tok = tokens[i - 1][2].strip(_PUNCT) if i else ""
        if tok in mult and prev_tok[-1:].isdigit():
            i += 1
            continue  # "4 آلاف": the multiplier belongs to the digits
        if tok in teen and _definite_teen_first(prev_tok, tab):
            i += 1
            continue  # "الحادي عشر": an ordinal
        teen_next = i + 1 < len(tokens) and tokens[i + 1][2].strip("،,.") in teen
        if tok in words or tok in mult or (tok in eleven_twelve and teen_next):
            total, current, j, end = 0.0, 0.0, i, e
            used, last_factor = False, 0.0
            while j < len(tokens):
                w = keys[j]
                if last_factor and w in tab["half"] and tokens[j][2].startswith("و"):
                    total += last_factor / 2  # "مليون ونصف (المليون)"
                    nxt_key = keys[j + 1] if j + 1 < len(tokens) else ""
                    if (nxt_key[2:] in mult and nxt_key.startswith("ال")) or nxt_key in mult:
                        j += 1  # "ونصف المليون", "ونصف مليون"
                    end = tokens[j][1] - len(tokens[j][2]) + len(tokens[j][2].rstrip(_PUNCT))
                    j += 1
                    break
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
                    if last_factor and not current:
                        if mult[w] > last_factor:
                            total *= mult[w]  # "ألف مليون" = 1e9
                        last_factor = mult[w]  # "ستة ملايين مليون": written twice
                    else:
                        if w in tab["plurals"] and not current:
                            break  # "آلاف الأشخاص": vague
                        factor = mult[w] * (2 if w in tab["duals"] and not current else 1)
                        total += (current or 1) * factor
                        current, last_factor = 0, float(mult[w])
                else:
                    break
                if w not in mult:
                    last_factor = 0.0
                used = True
                end = tokens[j][1] - len(tokens[j][2]) + len(tokens[j][2].rstrip(_PUNCT))
                j += 1
            value = total + current
            start = s + (len(raw) - len(raw.lstrip("«\"“(")))
            fraction = tab["fractions"].get(_strip_clitic(prev_tok)) if tok in mult else None
            if used and value and fraction and value in mult.values():
                value, start = value * fraction, tokens[i - 1][0]  # "نصف مليون" = 500000
            if used and value:
                out.append(_Num(start, end, value, "words"))
            i = max(j, i + 1)
        else:
            i += 1
    return out


def _definite_teen_first(word: str, tab: dict) -> bool:
    """``word`` is the definite first word of 11..19: "الحادي", "(الحادية", "والخامسة" (not
    "الشعبي", "إلى")."""
    word = word.strip(_PUNCT + "[]")
    if word[:1] in "وف":
        word = word[1:].lstrip(_PUNCT + "[]")  # "و(الحادية"
    return word.startswith("ال") and word[2:] in tab["teen_first"]


def _definite_numbers(norm: str, tab: dict) -> list[_Num]:
    """Definite cardinals right after the noun they count: "السنوات الخمس" -> 5 (السنوات),
    "نسخها الأربع" -> 4; not "دور الثمانية", "الخمسة عشر", "يوم الاثنين"."""
    definite = tab["definite"]
    if not tab["definite_re"].search(norm):
        return []
    out: list[_Num] = []
    tokens = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(norm)]
    for i in range(1, len(tokens)):
        s, e, raw = tokens[i]
        word = raw.rstrip(_PUNCT)
        if word not in definite:
            continue
        ps, pe, prev = tokens[i - 1]
        if prev != prev.strip(_PUNCT) or prev in tab["definite_not_after"] or prev in definite:
            continue  # "... ، الخمسة": not the same phrase
        nxt = tokens[i + 1][2].strip(_PUNCT) if i + 1 < len(tokens) and word == raw else ""
        if nxt in tab["teen"] and i + 2 < len(tokens) and nxt == tokens[i + 1][2]:
            noun = tokens[i + 2][2].rstrip(_PUNCT)
            if noun.endswith("ا") and len(noun) > 3 and not noun.startswith("ال") and \
                    _strip_clitic(noun) not in tab["words"] and _strip_clitic(noun) not in tab["mult"]:
                # "الثمانية عشر شهراً" = 18: a definite 13..19 before its accusative noun
                out.append(_Num(s, tokens[i + 1][1], float(definite[word]) + 10, "words"))
            continue
        if nxt in tab["teen"] or _strip_clitic(nxt) in tab["mult"]:
            continue  # "الخمسة عشر" (an ordinal), "الأربعة مليارات"
        noun = (prev.startswith(("ال", "وال", "بال", "لل", "فال")) and len(prev) > 4) or \
            (prev.endswith(("ها", "هم", "هما")) and len(prev) > 4)
        if noun and _strip_clitic(prev) not in tab["words"]:
            out.append(_Num(s, s + len(word), float(definite[word]), "words", noun=(ps, pe)))
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
        nums = sorted(_digit_numbers(norm, tab) + _word_numbers(norm, tab)
                      + _definite_numbers(norm, tab), key=lambda n: n.start)
        nums = [n for n in nums if not any(a <= n.start < b for a, b in dates)]
        resolved = _apply_suffixes(norm, nums, tab)
        for num, value, unit_span, percent, end in resolved:
            written = paragraph[offsets[unit_span[0]]:offsets[unit_span[1]]] if unit_span else ""
            if unit_span and _not_counted_noun(norm, num, value, percent, unit_span, written):
                unit_span, written = None, ""
            if not _is_figure(norm, num, value, percent, unit_span, tab, written):
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
    skip: set[int] = set()
    for k, num in enumerate(nums):
        if k in skip:
            continue  # the smaller part of a compound: "3 آلاف و500"
        if num.noun:  # "السنوات الخمس": the noun comes first
            out.append((num, num.value, num.noun, False, num.end))
            continue
        pos, value, percent = num.end, num.value, False
        if num.kind == "digits":
            nxt = _next_words(norm, pos, 3)
            if nxt and nxt[0][2] in tab["mult"] and norm[pos:nxt[0][0]].strip(" )") == "":
                factor = tab["mult"][nxt[0][2]]
                value *= factor
                pos = nxt[0][1]
                if len(nxt) > 1 and nxt[1][2][:1] == "و" and nxt[1][2][1:] in tab["half"]:
                    value += factor / 2  # "7 ملايين ونصف (المليون)"
                    pos = nxt[1][1]
                    if len(nxt) > 2 and nxt[2][2].startswith("ال") and nxt[2][2][2:] in tab["mult"]:
                        pos = nxt[2][1]
            elif re.fullmatch(r"\d{1,3}\.\d{3}", num.raw) and not tab["percent"].match(norm, pos):
                value = float(num.raw.replace(".", ""))  # "5.964 طلعة": a thousands point
        j = k + 1  # "3 آلاف و500 شخص" = 3500, "مليون و336 ألفا و989 نسمة" = 1336989
        while j < len(nums) and (compound := _compound(norm, num, value, pos, nums[j], tab)):
            value, pos = compound
            skip.add(j)
            j += 1
        m = tab["percent"].match(norm, pos)
        if m:
            percent, pos = True, m.end()
        elif norm[max(0, num.start - 1):num.start] in ("%", "٪"):
            percent = True
        if value == num.value and not percent and k + 1 < len(nums) and not _year_like(num):
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
                if _unit(norm, pos, tab) is None:  # "من 10 إلى 15 دقيقة": the range's unit
                    unit = _unit(norm, nxt_num.end, tab)
                    if unit:
                        out.append((num, value, unit, False, pos))
                        continue
        unit = None if percent else _unit(norm, pos, tab)
        out.append((num, value, unit, percent, unit[1] if unit else pos))
    return out


def _compound(norm: str, num: _Num, value: float, pos: int, nxt: _Num,
              tab: dict) -> tuple[float, int] | None:
    """(value, end) of a number with a multiplier and a smaller part joined by "و" ("3 آلاف
    و500" = 3500, "خمسة ملايين و300 ألف" = 5300000), or None."""
    factors = [f for f in tab["mult"].values() if value >= f and value % f == 0]
    if not factors or (num.kind == "digits" and value == num.value) or nxt.kind == "words" or \
            norm[pos:nxt.start].strip() != "و" or nxt.noun:
        return None
    nv, end = nxt.value, nxt.end
    if nxt.kind == "digits":
        after = _next_words(norm, nxt.end, 1)
        if after and after[0][2] in tab["mult"] and norm[nxt.end:after[0][0]].strip() == "":
            nv, end = nv * tab["mult"][after[0][2]], after[0][1]
    return (value + nv, end) if nv < max(factors) else None


def _year_like(num: _Num) -> bool:
    """Four digits in :data:`YEAR_RANGE`: "في 2015 و4.4% في 2016" does not make 2015 a
    percentage."""
    return num.kind == "digits" and num.value.is_integer() and \
        YEAR_RANGE[0] <= num.value <= YEAR_RANGE[1] and len(num.raw) == 4


def _unit(norm: str, pos: int, tab: dict) -> tuple[int, int] | None:
    """Span of the counted noun after ``pos`` (plus a nisba adjective: "طلعة جوية")."""
    words = _next_words(norm, pos, 2)
    between = norm[pos:words[0][0]].strip(" ") if words else ""
    if not words or (between and not (between == ")" and _BRACKETED.search(norm, max(0, pos - 40), pos))):
        return None  # punctuation between number and word ("(493) بلاغاً" is fine)
    s, e, w = words[0]
    if w == "من" and len(words) > 1 and len(words[1][2]) > 2 and norm[e:words[1][0]].strip() == "":
        w2 = words[1][2]
        if not (w2 in tab["not_units"] or w2[0].isdigit() or w2 in tab["words"] or w2 in tab["mult"]):
            return words[1][0], words[1][1]  # "6 من الحكام", "22 من ميليشيات"
    if w in tab["not_units"] or any(c.isdigit() for c in w) or w in tab["words"] or w in tab["mult"]:
        return None  # "700 ألف و800 ألف": the next number, not a unit
    if len(words) > 1:
        s2, e2, w2 = words[1]
        if (not norm[e:s2].strip() and not w2.startswith(("ال", "لل", "بال", "وال"))
                and _NISBA.search(w2)
                and w2 not in tab["not_units"] and len(w2) > 3):
            e = e2
    return s, e


def _counted(norm: str, pos: int, tab: dict) -> bool:
    """A count word ("عدد", "بلغ") earlier in the sentence before ``pos``."""
    sentence = re.split(r"[.!؟?؛\n]", norm[max(0, pos - 400):pos])[-1]
    words = _WORD.findall(sentence)[-tab["count_window"]:]
    return any(w in tab["count_words"] or _strip_clitic(w) in tab["count_words"] for w in words)


def _not_counted_noun(norm: str, num: _Num, value: float, percent: bool,
                      unit: tuple[int, int], written: str) -> bool:
    """A definite word after a plain number is not what it counts ("ثماني النواة",
    "(994) للرد", "5635 والإناث"): a counted noun is indefinite, or follows "من"."""
    return value == num.value and not percent and not num.noun and \
        written.startswith(("ال", "لل", "بال", "وال")) and "من" not in norm[num.end:unit[0]].split()


def _is_figure(norm: str, num: _Num, value: float, percent: bool,
               unit: tuple[int, int] | None, tab: dict, written: str = "") -> bool:
    """Whether a number read with its multiplier, percent and counted noun (``written``
    as in the original text) is a key figure."""
    accusative = _TANWEEN_FATH in written  # "1959 فرعًا": a count, not a year
    if unit and norm[unit[0]:unit[1]] in tab["months"]:
        return False  # "19 شوال" that the date reader left: a day, not a count
    if unit and num.kind == "digits" and norm[unit[0]:unit[1]].split()[0].lower() in tab["carriers"]:
        return False  # "636250 موبايلي": a phone number
    prev = _prev_word(norm, num.start)
    if prev in tab["labels"] or _strip_clitic(prev) in tab["labels"]:
        return False
    nxt = _next_words(norm, num.end, 1)
    if nxt and nxt[0][2] in tab["eras"] and norm[num.end:nxt[0][0]].strip() == "":
        return False  # "1436 هـ", "2015م": a year
    if norm[max(0, num.start - 1):num.start] in ("«", "\"", "“") and \
            norm[num.end:num.end + 1] in ("»", "\"", "”"):
        return False  # "سوق عكاظ «9»": a label
    plain = value == num.value and not percent
    if num.definite and plain:
        return False  # "الـ24": an ordinal or a label
    if num.kind == "digits" and plain and value.is_integer():
        if YEAR_WORD_RANGE[0] <= value <= YEAR_WORD_RANGE[1] and (
                prev in tab["year_words"] or _strip_clitic(prev) in tab["year_words"]):
            return False  # "عام 1837": a year
        year_like = YEAR_RANGE[0] <= value <= YEAR_RANGE[1]
        if year_like and prev not in tab["approx"] and (
                not accusative or prev in tab["year_before"] or _strip_clitic(prev) in tab["year_before"]):
            return False  # a year ("حتى نهاية 2019 راتبًا": the noun is the verb's object)
    if num.kind == "digits" and plain and unit is None and not _counted(norm, num.start, tab):
        return False  # "(994)", "أينشتاين 3": a code or a label, not a quantity
    # "ست" alone is too ambiguous without a counted noun
    return not (num.kind == "words" and plain and unit is None and value < 10)
