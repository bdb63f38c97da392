"""Article date and dated events.

Dates are found in the *normalised* text (builder/normalize.py) and reported with the
editor's original sentence. Month, weekday and relative words come from
``data/months.yml`` and ``data/relative.yml``; this module only sees their numbers.

What is read: "20 نوفمبر/تشرين الثاني" (paired names), "30 أيلول/سبتمبر 2015", Arabic-Indic
digits, "الجمعة 20 نوفمبر" (a weekday confirms or chooses the year), "الفاتح من أكتوبر" and
"مطلع أكتوبر" (day 1), "30 سبتمبر الماضي" / "28 نوفمبر المقبل" / "الشهر الجاري", numeric
"20/11/2015", Hijri dates ("5 شوال 1436 هـ", converted with hijridate), and, when the article
date is known from the header, "أمس", "اليوم", "أول أمس", "غدا" and bare weekdays
("الخميس الماضي"). A day and month without a year take the year a year word names earlier
in their sentence ("في عام 1993، عندما ... في الرابع من يوليو"); one whose year cannot be
known is kept as ``--MM-DD``: a year is never invented. Paragraph numbers of events are
0-based indexes into ``article.paragraphs``.

One module (over 500 lines): finding date expressions and dating them share the patterns
built from the word lists, and the article date inferred from the text depends on both.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

from hijridate import Gregorian, Hijri

from ..model import Article, Event, parse_date
from ..normalize import normalize
from ._data import load, norm_map, normalized
from .clause import date_clause

#: Years outside this range are not read as years (a 4-digit number may be a count).
MIN_YEAR, MAX_YEAR = 1000, 2200
#: How far (in years) from a year mentioned in the article a weekday may move the year.
WEEKDAY_YEAR_RANGE = 2


_DIGIT = re.compile(r"\d")
_QUOTE_MARK = re.compile("[«“\"]")
#: A quoted passage of one paragraph.
_QUOTED = re.compile("[«“\"][^«»“”\"]*[»”\"]")
_LAST_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class _Found:
    """One date expression in a normalised paragraph."""

    start: int
    end: int
    kind: str  #: "full" (day+month), "adverb" (أمس…), "weekday"
    day: int = 0
    month: int = 0  #: 0 = relative to the article's month ("الشهر الجاري")
    year: int = 0  #: 0 = unknown
    hijri: bool = False
    weekday: int = -1
    rel: str = ""  #: "past" | "future" | "current" | ""
    offset: int = 0  #: for adverbs: days from the article date
    month_rel: int = 0  #: for "الشهر الماضي/المقبل": months from the article's month
    anchored: bool = False  #: a full date right after "أمس"/"اليوم": offset applies
    future_clause: bool = False  #: its clause speaks of the future (سـ, المقرر…)


def _alt(words: tuple[str, ...]) -> str:
    """Regex alternation of normalised words, spaces matching any run of white space."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in normalized(words))


def _lookup(table: dict[int, tuple[str, ...]]) -> dict[str, int]:
    return {" ".join(normalize(w).split()): n for n, ws in table.items() for w in ws}


@lru_cache(maxsize=1)
def _patterns() -> dict[str, object]:
    """Compile every date regex once from the YAML data."""
    months = load("months.yml")
    rel = load("relative.yml")
    greg = _alt(tuple(w for ws in months["gregorian"].values() for w in ws))
    hij = _alt(tuple(w for ws in months["hijri"].values() for w in ws))
    wday = _alt(tuple(w for ws in months["weekdays"].values() for w in ws))
    first = _alt(months["first_day"])
    ordinal = _alt(tuple(w for ws in months["ordinal_days"].values() for w in ws))
    g_era = _alt(months["gregorian_era"])
    h_era = _alt(months["hijri_era"])
    yw = _alt(months["year_words"])
    past, future, current = _alt(rel["past"]), _alt(rel["future"]), _alt(rel["current"])
    mword = _alt(rel["month_words"])
    pre = r"(?<![\w])(?:[وف]?(?:[بل]|ب?ال|لل)?)"  # proclitics before a word
    b = r"(?![\w])"
    relg = rf"(?:\s+(?:(?P<past>{past})|(?P<future>{future})|(?P<current>{current})){b})?"
    wd = rf"(?:{pre}(?P<wd>{wday}){b}\s*[،,]?\s*(?:(?:الموافق|يوم)\s+)?)?"
    days = r"(?:[وف]?(?:ال)?)(?P<d1>\d{1,2})(?:\s*(?:و|-|–|الي|حتي)\s*(?P<d2>\d{1,2}))?(?!\d|[.,/]\d)"
    month_name = (
        rf"(?:(?:من\s+)?(?:شهر\s+)?)(?P<m>{greg}){b}"
        rf"(?:\s*[/(\-]\s*(?P<m2>{greg}){b}\s*\)?)?"
    )
    month_rel = rf"(?:من\s+)?(?P<mw>{mword})\s+(?:(?P<mpast>{past})|(?P<mfut>{future})|(?P<mcur>{current})){b}"
    year = (
        rf"(?:\s*[،,]?\s*(?:(?:من\s+)?(?:{yw})\s+)?(?P<y>\d{{4}})(?!\d)"
        rf"(?:\s*(?:{g_era}){b})?)?"
    )
    hyear = rf"(?:\s*[،,]?\s*(?:(?:من\s+)?(?:{yw})\s+)?(?P<y>\d{{4}})(?!\d))?(?:\s*(?:{h_era}){b})?"
    return {
        "numeric": re.compile(
            r"(?<![\d/.\-])(?<!\d\s/\s)(?:(?P<d>\d{1,2})(?P<s>\s?/\s?|[.\-])(?P<m>\d{1,2})"
            r"(?P=s)(?P<y>\d{4})"
            r"|(?P<y2>\d{4})(?P<s2>\s?/\s?|[.\-])(?P<m2>\d{1,2})(?P=s2)(?P<d2>\d{1,2}))"
            r"(?![\d/.\-]\d)(?!\s/\s\d)"
            rf"(?P<h>\s*(?:{h_era}){b})?"
        ),
        "hijri": re.compile(rf"{wd}(?<![\w]){days}\s*(?:من\s+)?(?:شهر\s+)?(?P<m>{hij}){b}{hyear}"),
        "gregorian": re.compile(rf"{wd}(?<![\w/]){days}\s*{month_name}{year}{relg}"),
        "day_of_rel_month": re.compile(rf"{wd}(?<![\w/]){days}\s*{month_rel}"),
        "first": re.compile(
            rf"{wd}{pre}(?P<first>{first}){b}\s*(?:(?:{month_name}{year}{relg})|{month_rel})"
        ),
        # "التاسع من يوليو", "السابع من شهر جمادى الأولى 1344هـ"
        "ordinal": re.compile(
            rf"{wd}{pre}(?P<ord>{ordinal}){b}\s*من\s+(?:شهر\s+)?(?:(?P<hm>{hij}){b}"
            rf"{hyear.replace('P<y>', 'P<hy>')}|(?P<m>{greg}){b}"
            rf"(?:\s*[/(\-]\s*(?P<m2>{greg}){b}\s*\)?)?{year}{relg})"
        ),
        "adverb": re.compile(
            rf"{pre}(?P<adv>{_alt(tuple(rel['days']))}){b}"
            rf"(?:\s*[،,(]?\s*(?P<wd>{wday}){b}\)?)?(?P<after>\s+[\w]+)?"
        ),
        # a bare weekday needs a word that makes it a time ("يوم", "مساء", "في") or a
        # modifier after it ("الماضي"): "محمد الخميس" is a name.
        "weekday": re.compile(
            rf"(?:(?<![\w])[وف]?(?:{_alt(rel['weekday_cues'])})\s+{pre}(?P<wd>{wday}){b}{relg}"
            rf"|{pre}(?P<wd2>{wday}){b}\s+(?:(?P<past2>{past})|(?P<future2>{future})){b})"
        ),
        "first_word": re.compile(rf"(?:{first})(?![\w])"),
        "anchor": re.compile(rf"{pre}(?P<adv>{_alt(tuple(rel['days']))}){b}\s*[،,]?\s*"),
        "year": re.compile(rf"(?:(?<![\w])(?:{yw})\s+(?P<y>\d{{4}})(?!\d)|(?<!\d)(?P<y2>\d{{4}})(?=\s*(?:{g_era}){b}))"),
    }


@lru_cache(maxsize=1)
def _needs() -> dict[str, tuple[re.Pattern, ...]]:
    """For each pattern of :func:`_patterns`, text it cannot match without (all of these
    must be found somewhere in the paragraph). Each is a fast search: a pattern that opens
    with a look-behind is tried at every position, these skip to a likely first letter."""
    months = load("months.yml")
    rel = load("relative.yml")
    greg = re.compile(_alt(tuple(w for ws in months["gregorian"].values() for w in ws)))
    hij = re.compile(_alt(tuple(w for ws in months["hijri"].values() for w in ws)))
    wday = re.compile(_alt(tuple(w for ws in months["weekdays"].values() for w in ws)))
    month_or_rel = re.compile(
        _alt(tuple(w for ws in months["gregorian"].values() for w in ws) + rel["month_words"])
    )
    return {
        "numeric": (re.compile(r"\d\s?[/.\-]\s?\d"),),
        "hijri": (_DIGIT, hij),
        "gregorian": (_DIGIT, greg),
        "day_of_rel_month": (_DIGIT, re.compile(_alt(rel["month_words"]))),
        "first": (re.compile(rf"(?:{_alt(months['first_day'])})(?![\w])"), month_or_rel),
        "ordinal": (re.compile(r"من\s"), re.compile(_alt(tuple(
            w for ws in months["ordinal_days"].values() for w in ws))), re.compile(
            _alt(tuple(w for ws in [*months["gregorian"].values(), *months["hijri"].values()]
                       for w in ws)))),
        "adverb": (re.compile(_alt(tuple(rel["days"]))),),
        "weekday": (wday,),
        "year": (re.compile(r"\d{4}"),),
    }


def _finditer(name: str, norm: str) -> Iterator[re.Match]:
    """``_patterns()[name].finditer(norm)``, skipped when text it needs is missing."""
    if all(need.search(norm) for need in _needs()[name]):
        return _patterns()[name].finditer(norm)
    return iter(())


@lru_cache(maxsize=1)
def _tables() -> dict[str, object]:
    months = load("months.yml")
    rel = load("relative.yml")
    return {
        "greg": _lookup(months["gregorian"]),
        "hijri": _lookup(months["hijri"]),
        "wday": _lookup(months["weekdays"]),
        "first": set(normalized(months["first_day"])),
        "ordinal": _lookup(months["ordinal_days"]),
        "ordinal_not_after": set(normalized(months["ordinal_not_after"])),
        "adverbs": {" ".join(normalize(k).split()): v for k, v in rel["days"].items()},
        "not_after": set(normalized(rel["today_not_after"])),
        "not_before": set(normalized(rel["today_not_before"])),
        "not_before_endings": normalized(rel["today_not_before_endings"]),
        "future_markers": re.compile(
            rf"(?<![\w])[وف]?(?:{_alt(rel['future_markers'])})(?![\w])"
        ),
    }


def _key(text: str) -> str:
    return " ".join(text.split())


def _rel(m: re.Match, prefix: str = "") -> str:
    gd = m.groupdict()
    for name in ("past", "future", "current"):
        if gd.get(prefix + name if prefix else name):
            return name
    return ""


@lru_cache(maxsize=4096)
def scan(norm: str) -> tuple[_Found, ...]:
    """Date expressions of one normalised paragraph, in text order, none overlapping.

    ``scan(normalize("الجمعة 20 نوفمبر"))[0]`` -> day 20, month 11, weekday 4.
    """
    pats = _patterns()
    tab = _tables()
    found: list[_Found] = []
    taken: list[tuple[int, int]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    def add(f: _Found) -> None:
        found.append(f)
        taken.append((f.start, f.end))

    def wd_of(m: re.Match) -> int:
        w = m.groupdict().get("wd")
        return tab["wday"].get(_key(w), -1) if w else -1

    for m in _finditer("numeric", norm):
        if m.group("d"):
            d, mo, y = int(m.group("d")), int(m.group("m")), int(m.group("y"))
        else:
            d, mo, y = int(m.group("d2")), int(m.group("m2")), int(m.group("y2"))
        hijri = bool(m.group("h")) or 1300 <= y <= 1500
        if 1 <= mo <= 12 and 1 <= d <= 31 and free(m.start(), m.end()):
            add(_Found(m.start(), m.end(), "full", d, mo, y, hijri))
    for name, hijri in (("hijri", True), ("gregorian", False)):
        table = tab["hijri"] if hijri else tab["greg"]
        for m in _finditer(name, norm):
            if not free(m.start(), m.end()):
                continue
            mo = table[_key(m.group("m"))]
            y = int(m.group("y")) if m.group("y") else 0
            if y and not hijri and not MIN_YEAR <= y <= MAX_YEAR:
                y = 0
            rel = "" if hijri else _rel(m)
            for dg in ("d1", "d2"):
                if m.group(dg) and 1 <= int(m.group(dg)) <= 31:
                    add(_Found(m.start(), m.end(), "full", int(m.group(dg)), mo, y, hijri,
                               wd_of(m), rel))
    for m in _finditer("day_of_rel_month", norm):
        if free(m.start(), m.end()):
            add(_Found(m.start(), m.end(), "full", int(m.group("d1")), 0, 0, False, wd_of(m),
                       "", month_rel=_month_rel(m)))
    for m in _finditer("first", norm):
        if not free(m.start(), m.end()):
            continue
        if m.group("m"):
            y = int(m.group("y")) if m.group("y") else 0
            add(_Found(m.start(), m.end(), "full", 1, tab["greg"][_key(m.group("m"))],
                       y if MIN_YEAR <= y <= MAX_YEAR else 0, False, wd_of(m), _rel(m)))
        else:
            add(_Found(m.start(), m.end(), "full", 1, 0, 0, False, wd_of(m), "",
                       month_rel=_month_rel(m)))
    for m in _finditer("ordinal", norm):
        if not free(m.start(), m.end()):
            continue
        before = (_LAST_WORD.findall(norm, max(0, m.start() - 20), m.start()) or [""])[-1]
        if before in tab["ordinal_not_after"]:
            continue  # الأسبوع الثاني من يوليو
        day = tab["ordinal"][_key(m.group("ord"))]
        if m.group("hm"):
            y = int(m.group("hy")) if m.group("hy") else 0
            add(_Found(m.start(), m.end(), "full", day, tab["hijri"][_key(m.group("hm"))], y,
                       True, wd_of(m)))
        else:
            y = int(m.group("y")) if m.group("y") else 0
            add(_Found(m.start(), m.end(), "full", day, tab["greg"][_key(m.group("m"))],
                       y if MIN_YEAR <= y <= MAX_YEAR else 0, False, wd_of(m), _rel(m)))
    for m in _finditer("adverb", norm):
        s, e = m.start("adv"), m.end("adv")
        if m.group("wd"):
            e = m.end("wd")
        if not free(s, e):
            continue
        adv = _key(m.group("adv"))
        if adv == "اليوم" and not m.group("wd"):
            before = (_LAST_WORD.findall(norm, max(0, s - 30), s) or [""])[-1]
            after = (m.group("after") or "").strip()
            if before in tab["not_before"] or after in tab["not_after"] or after.startswith("ال") \
                    or (len(before) > 3 and before.endswith(tab["not_before_endings"])):
                continue
        add(_Found(s, e, "adverb", weekday=wd_of(m), offset=tab["adverbs"][adv]))
    for m in _finditer("weekday", norm):
        if free(m.start(), m.end()):
            rel = _rel(m) or ("past" if m.group("past2") else "future" if m.group("future2") else "")
            wd = m.group("wd") or m.group("wd2")
            if not rel:
                clause_start = max(norm.rfind(c, 0, m.start()) for c in "،,.؛:")
                ends = [i for i in (norm.find(c, m.end()) for c in "،,.؛:") if i >= 0]
                clause_end = min(ends, default=len(norm))  # "وفي يوم الخميس تطرح الشركة"
                if tab["future_markers"].search(norm, clause_start + 1, clause_end):
                    rel = "future_soft"
            add(_Found(m.start(), m.end(), "weekday", weekday=tab["wday"][_key(wd)], rel=rel))
    found = [_context(f, norm, pats["anchor"], tab) if f.kind == "full" else f for f in found]
    found.sort(key=lambda f: (f.start, f.day))
    return tuple(found)


def _context(f: _Found, norm: str, anchor: re.Pattern, tab: dict) -> _Found:
    """Mark a full date anchored by a day adverb ("أمس 20 نوفمبر") or in a future clause."""
    m = anchor.search(norm, max(0, f.start - 25), f.start)
    offset, anchored = f.offset, False
    if m and m.end() == f.start:
        offset, anchored = tab["adverbs"][_key(m.group("adv"))], True
    clause_start = max(norm.rfind(c, 0, f.start) for c in "،,.؛:")
    future = bool(tab["future_markers"].search(norm, clause_start + 1, f.start))
    return _Found(**{**f.__dict__, "offset": offset, "anchored": anchored, "future_clause": future})


def _month_rel(m: re.Match) -> int:
    if m.group("mpast"):
        return -1
    if m.group("mfut"):
        return 1
    return 0


def date_spans(norm: str) -> tuple[tuple[int, int], ...]:
    """Spans of dates in a normalised paragraph (figures.py skips numbers inside them)."""
    return tuple((f.start, f.end) for f in scan(norm) if f.kind == "full")


def _years_mentioned(norms: list[str]) -> list[int]:
    """Years the article names explicitly (in dates, after عام/سنة, before م)."""
    years: set[int] = set()
    for norm in norms:
        for f in scan(norm):
            if f.kind == "full" and f.year and not f.hijri:
                years.add(f.year)
        for m in _finditer("year", norm):
            y = int(m.group("y") or m.group("y2"))
            if MIN_YEAR <= y <= MAX_YEAR:
                years.add(y)
    return sorted(years)


#: The end of a sentence (not a decimal point).
_SENTENCE_END = re.compile(r"[.!?؟؛](?=\s|$)|\n")


def _sentence_year(norm: str, pos: int) -> int:
    """The last year a year word names ("عام 1993") in the sentence before ``pos``; 0 if
    none ("كأس آسيا 2019م" is a name, not the year of what follows)."""
    start = max((m.end() for m in _SENTENCE_END.finditer(norm, 0, pos)), default=0)
    year = 0
    for m in _finditer("year", norm[start:pos]):
        if m.group("y") and MIN_YEAR <= int(m.group("y")) <= MAX_YEAR:
            year = int(m.group("y"))
    return year


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _from_hijri(y: int, m: int, d: int) -> dt.date | None:
    try:
        g = Hijri(y, m, d).to_gregorian()
        return dt.date(g.year, g.month, g.day)
    except (ValueError, OverflowError):
        return None


def _add_months(day: dt.date, months: int) -> tuple[int, int]:
    total = day.year * 12 + day.month - 1 + months
    return total // 12, total % 12 + 1


def _resolve(f: _Found, ref: dt.date | None, years: list[int]) -> str | None:
    """ISO date (or ``--MM-DD``) of one found expression, or None when it cannot be dated."""
    if f.kind == "adverb":
        if ref is None:
            return None
        day = ref + dt.timedelta(days=f.offset)
        if f.weekday >= 0 and day.weekday() != f.weekday:
            # trust the named weekday: the nearest such day to the adverb's day
            delta = (f.weekday - day.weekday() + 3) % 7 - 3
            day += dt.timedelta(days=delta)
        return day.isoformat()
    if f.kind == "weekday":
        if ref is None or f.weekday < 0:
            return None
        back = (ref.weekday() - f.weekday) % 7
        ahead = (f.weekday - ref.weekday()) % 7
        if f.rel == "past":
            day = ref - dt.timedelta(days=back or 7)
        elif f.rel == "future":
            day = ref + dt.timedelta(days=ahead or 7)
        elif f.rel == "future_soft":
            day = ref + dt.timedelta(days=ahead)
        else:
            day = ref - dt.timedelta(days=back)
        return day.isoformat()
    # full: day + month (+ year)
    month = f.month
    if month == 0:  # "20 من الشهر الجاري"
        if ref is None:
            return None
        y, month = _add_months(ref, f.month_rel)
        day = _safe_date(y, month, f.day)
        return day.isoformat() if day else None
    if f.hijri:
        return _resolve_hijri(f, ref)
    if f.year:
        day = _safe_date(f.year, month, f.day)
        return day.isoformat() if day else None
    if ref is not None:
        return _nearest_year(f, ref)
    if f.weekday >= 0 and years:
        fits = sorted(
            {y for base in years for y in range(base - WEEKDAY_YEAR_RANGE, base + WEEKDAY_YEAR_RANGE + 1)
             if (d := _safe_date(y, month, f.day)) and d.weekday() == f.weekday},
            key=lambda y: (min(abs(y - b) for b in years), -y),
        )
        if fits:
            return dt.date(fits[0], month, f.day).isoformat()
    if _safe_date(2000, month, f.day) is None:  # 2000 is a leap year: 29 Feb passes
        return None
    return f"--{month:02d}-{f.day:02d}"


def _nearest_year(f: _Found, ref: dt.date) -> str | None:
    """Day+month without year, dated against the article's date."""
    options = [d for y in (ref.year - 1, ref.year, ref.year + 1)
               if (d := _safe_date(y, f.month, f.day))]
    if not options:
        return None
    if f.rel == "past":
        pool = [d for d in options if d <= ref] or options
        best = max(pool)
    elif f.rel == "future":
        pool = [d for d in options if d >= ref] or options
        best = min(pool)
    elif f.rel == "current":
        best = next((d for d in options if d.year == ref.year), options[0])
    else:
        if f.weekday >= 0:
            matching = [d for d in options if d.weekday() == f.weekday]
            options = matching or options
        best = min(options, key=lambda d: (abs((d - ref).days), d))
    return best.isoformat()


def _resolve_hijri(f: _Found, ref: dt.date | None) -> str | None:
    if f.year:
        day = _from_hijri(f.year, f.month, f.day)
        return day.isoformat() if day else None
    if ref is None:
        return None
    hy = Gregorian(ref.year, ref.month, ref.day).to_hijri().year
    options = [d for y in (hy - 1, hy, hy + 1) if (d := _from_hijri(y, f.month, f.day))]
    if not options:
        return None
    return min(options, key=lambda d: abs((d - ref).days)).isoformat()


def _header_date(article: Article) -> dt.date | None:
    parts = parse_date(article.header.date)
    return parts.day_date() if parts else None


def extract_dates(article: Article) -> tuple[str | None, str | None, tuple[Event, ...]]:
    """``(date, date_source, events)``; the header date wins over one found in the text.

    Without a header, ``"وفي اجتماع أجراه الجمعة 20 نوفمبر ... 30 أيلول/سبتمبر 2015"`` gives
    the event ``2015-11-20`` (2015 is named, and 20 Nov 2015 is a Friday) and the article
    date ``("2015-11-20", "text")``. ``Event.paragraph`` is a 0-based paragraph index.
    """
    ref = _header_date(article)
    mapped = [norm_map(p) for p in article.paragraphs]
    norms = [n for n, _ in mapped]
    years = [] if ref else _years_mentioned(norms)
    events: list[Event] = []
    seen: set[str] = set()
    text_dates: list[dt.date] = []  # weekday-confirmed past dates
    anchored: list[dt.date] = []  # "أمس الأحد 20 نوفمبر 2015" -> article date 21 Nov
    for index, (paragraph, (norm, offsets)) in enumerate(zip(article.paragraphs, mapped, strict=True)):
        quoted = [m.span() for m in _QUOTED.finditer(norm)] if _QUOTE_MARK.search(norm) else []
        for f in scan(norm):
            if f.kind != "full" and any(a < f.start < b for a, b in quoted):
                continue  # «جئنا اليوم»: a speaker's "today" is the day they spoke
            if f.kind == "full" and not (f.year or f.hijri or f.rel) and f.month:
                year = _sentence_year(norm, f.start)
                if year and _safe_date(year, f.month, f.day):
                    f = replace(f, year=year)  # "في عام 1993، عندما ... في الرابع من يوليو"
            iso = _resolve(f, ref, years)
            if iso is None:
                continue
            if ref is None and not iso.startswith("--"):
                if f.anchored:
                    anchored.append(dt.date.fromisoformat(iso) - dt.timedelta(days=f.offset))
                elif f.weekday >= 0 and f.rel != "future" and not f.future_clause:
                    text_dates.append(dt.date.fromisoformat(iso))
            if iso in seen:
                continue
            seen.add(iso)
            text = date_clause(paragraph, offsets[f.start], offsets[f.end])
            events.append(Event(date=iso, text=text, paragraph=index))
    if ref is not None:
        return ref.isoformat(), "header", tuple(events)
    if anchored or text_dates:
        return max(anchored or text_dates).isoformat(), "text", tuple(events)
    return None, None, tuple(events)
