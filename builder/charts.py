"""Small inline SVG charts drawn at build time (no JavaScript).

``month_chart({"2015-10": 3, "2015-11": 5}, "ar")`` returns an ``<svg role="img">`` bar
chart of articles per month whose accessible name (its ``<title>``) reads
``"عدد المقالات شهرياً: من 2015-10 إلى 2015-11، أعلى شهر 2015-11 (5)"``.

A long span whose counts sit in a few months (the events of a year of news, plus a birth
in 1799) is drawn over the shortest run of months that holds :data:`CORE_SHARE` of them;
the counts left out are said below the bars ("12 earlier (1799–2014)").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from html import escape

#: More months than this are drawn per year instead of per month.
MAX_BARS = 36
WIDTH = 600
#: Bars are never wider than this (a few months must not look like a wall).
MAX_BAR_WIDTH = 40
HEIGHT = 120
#: Share of the counts the drawn span must hold when the whole span is too long to draw.
CORE_SHARE = 0.9
#: A drawn span of at most this many months is drawn per week (given the days).
WEEKLY_MONTHS = 3
_LABEL = {
    "ar": "عدد {what} {unit}: من {first} إلى {last}، أعلى {peak_unit} {peak} ({count})",
    "en": "{what} per {unit}: {first} to {last}, peak {peak} ({count})",
}
_WHAT = {
    "ar": {"articles": "المقالات", "events": "الأحداث"},
    "en": {"articles": "Articles", "events": "Dated events"},
}
_OUTSIDE = {
    "ar": {"before": "{n} قبل ذلك ({first}–{last})", "after": "{n} بعد ذلك ({first}–{last})"},
    "en": {"before": "{n} earlier ({first}–{last})", "after": "{n} later ({first}–{last})"},
}
_UNITS = {
    "ar": {"month": ("شهرياً", "شهر"), "year": ("سنوياً", "سنة"), "week": ("أسبوعياً", "أسبوع")},
    "en": {"month": ("month", "month"), "year": ("year", "year"), "week": ("week", "week")},
}


def _months_between(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    out = []
    while (year, month) <= end:
        out.append(f"{year:04d}-{month:02d}")
        month += 1
        if month == 13:
            year, month = year + 1, 1
    return out


def core_span(counts: Mapping[str, int], share: float = CORE_SHARE
              ) -> tuple[dict[str, int], list[tuple[str, int, str, str]]]:
    """The counts of the shortest run of months holding ``share`` of all, and what is left
    out as ``(side, count, first month, last month)``; everything when the whole span
    fits :data:`MAX_BARS` months.

    ``core_span({"1799-06": 1, **{f"2015-{m:02d}": 5 for m in range(1, 13)}})`` keeps 2015
    and gives ``[("before", 1, "1799-06", "1799-06")]``.
    """
    months = sorted(k for k in counts if len(k) == 7 and k[4] == "-" and counts[k] > 0)
    if not months or len(_months_between(months[0], months[-1])) <= MAX_BARS:
        return {m: counts[m] for m in months}, []
    total = sum(counts[m] for m in months)
    need = share * total
    index = {m: i for i, m in enumerate(_months_between(months[0], months[-1]))}
    best: tuple[int, int, int] | None = None  # (length in months, i, j)
    inside, i = 0, 0
    for j, m in enumerate(months):
        inside += counts[m]
        while inside - counts[months[i]] >= need:
            inside -= counts[months[i]]
            i += 1
        if inside >= need:
            length = index[m] - index[months[i]]
            if best is None or length < best[0]:
                best = (length, i, j)
    assert best is not None
    _, i, j = best
    out: list[tuple[str, int, str, str]] = []
    if i > 0:
        out.append(("before", sum(counts[m] for m in months[:i]), months[0], months[i - 1]))
    if j + 1 < len(months):
        out.append(("after", sum(counts[m] for m in months[j + 1:]), months[j + 1],
                    months[-1]))
    return {m: counts[m] for m in months[i:j + 1]}, out


def bucket_counts(counts: Mapping[str, int]) -> tuple[str, list[tuple[str, int]]]:
    """Fill the gaps between the first and last month; per year when the range is long.

    ``bucket_counts({"2015-10": 1, "2015-12": 2})`` ->
    ``("month", [("2015-10", 1), ("2015-11", 0), ("2015-12", 2)])``.
    """
    months = sorted(k for k in counts if len(k) == 7 and k[4] == "-")
    if not months:
        return "month", []
    span = _months_between(months[0], months[-1])
    if len(span) <= MAX_BARS:
        return "month", [(m, counts.get(m, 0)) for m in span]
    first, last = int(months[0][:4]), int(months[-1][:4])
    step = -(-(last - first + 1) // MAX_BARS)  # years per bar, so that they fit
    years: dict[str, int] = {}
    for m in span:
        y = first + (int(m[:4]) - first) // step * step
        key = str(y) if step == 1 else f"{y}–{min(y + step - 1, last)}"
        years[key] = years.get(key, 0) + counts.get(m, 0)
    return "year", list(years.items())


def weekly(days: Mapping[str, int], months: Iterable[str]) -> list[tuple[str, int]]:
    """Counts of ``days`` (``YYYY-MM-DD``) within ``months`` per week, each week named by
    its Monday, gaps filled: ``weekly({"2015-07-01": 2, "2015-07-14": 1}, ["2015-07"])``
    -> ``[("2015-06-29", 2), ("2015-07-06", 0), ("2015-07-13", 1), ...]``."""
    months = sorted(months)
    first = dt.date.fromisoformat(months[0] + "-01")
    y, m = int(months[-1][:4]), int(months[-1][5:7])
    last = dt.date(y + m // 12, m % 12 + 1, 1) - dt.timedelta(days=1)
    start = first - dt.timedelta(days=first.weekday())
    weeks: dict[str, int] = {}
    day = start
    while day <= last:
        weeks[day.isoformat()] = 0
        day += dt.timedelta(days=7)
    for key, n in days.items():
        try:
            d = dt.date.fromisoformat(key)
        except ValueError:
            continue
        if first <= d <= last:
            monday = (d - dt.timedelta(days=d.weekday())).isoformat()
            weeks[monday] += n
    return list(weeks.items())


def count_by_day(dates: Iterable[str | None]) -> dict[str, int]:
    """``count_by_day(["2015-11-20", "2015-11-20", "--11-28"])`` -> ``{"2015-11-20": 2}``."""
    counts: dict[str, int] = {}
    for date in dates:
        if date and len(date) == 10 and date[:4].isdigit():
            counts[date] = counts.get(date, 0) + 1
    return counts


def count_by_month(dates: Iterable[str | None]) -> dict[str, int]:
    """``count_by_month(["2015-11-20", "2015-11-02", None])`` -> ``{"2015-11": 2}``."""
    counts: dict[str, int] = {}
    for date in dates:
        if date and len(date) >= 7 and date[:4].isdigit():
            counts[date[:7]] = counts.get(date[:7], 0) + 1
    return counts


def month_chart(counts: Mapping[str, int], lang: str, what: str = "articles") -> str:
    """An accessible inline SVG bar chart of ``counts`` (``YYYY-MM`` -> number; given
    ``YYYY-MM-DD`` days, a drawn span of at most :data:`WEEKLY_MONTHS` is drawn per week)."""
    days = {k: n for k, n in counts.items() if len(k) == 10}
    if days:
        counts = count_by_month(k for k, n in days.items() for _ in range(n))
    core, outside = core_span(counts)
    unit, bars = bucket_counts(core)
    if days and core and unit == "month" and len(bars) <= WEEKLY_MONTHS:
        unit, bars = "week", weekly(days, core)
    if len(bars) < 2:
        return ""  # one bar tells nothing a number does not
    peak_label, peak = max(bars, key=lambda b: (b[1], b[0]))
    per, peak_unit = _UNITS[lang][unit]
    label = _LABEL[lang].format(
        what=_WHAT[lang][what], unit=per, first=bars[0][0], last=bars[-1][0], peak=peak_label, count=peak,
        peak_unit=peak_unit,
    )
    notes = [_OUTSIDE[lang][side].format(n=n, first=a, last=b) for side, n, a, b in outside]
    if notes:
        label += ("؛ " if lang == "ar" else "; ") + ("، " if lang == "ar" else ", ").join(notes)
    gap = 2
    bar_w = min(MAX_BAR_WIDTH, max(2.0, (WIDTH - gap * len(bars)) / len(bars)))
    top = max(peak, 1)
    parts = [
        # the accessible name is the <title> (SVG-AAM): an aria-label would say it again
        f'<svg class="na-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT + 18}" direction="ltr" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(label)}</title>",
    ]
    # Bars run in reading order: right to left on Arabic pages.
    for i, (key, value) in enumerate(bars):
        h = round(HEIGHT * value / top, 1)
        # bars start on the reading side: from the left in English, the right in Arabic
        x = round(i * (bar_w + gap), 1) if lang != "ar" else round(
            WIDTH - (i + 1) * bar_w - i * gap, 1)
        parts.append(
            f'<rect x="{x}" y="{round(HEIGHT - h, 1)}" width="{round(bar_w, 1)}" '
            f'height="{h}"><title>{escape(key)}: {value}</title></rect>'
        )
    first_x, anchor = (0, "start") if lang != "ar" else (WIDTH, "end")
    span = bars[0][0] if len(bars) == 1 else f"{bars[0][0]} – {bars[-1][0]}"
    if notes:
        span += " · " + " · ".join(notes)
    parts.append(
        f'<text x="{first_x}" y="{HEIGHT + 14}" text-anchor="{anchor}">{escape(span)}</text>'
    )
    parts.append(f'<line x1="0" y1="{HEIGHT}" x2="{WIDTH}" y2="{HEIGHT}"/>')
    parts.append("</svg>")
    return "".join(parts)
