"""Small inline SVG charts drawn at build time (no JavaScript).

``month_chart({"2015-10": 3, "2015-11": 5}, "ar")`` returns an ``<svg role="img">`` bar
chart of articles per month whose accessible name reads
``"عدد المقالات شهرياً: من 2015-10 إلى 2015-11، أعلى شهر 2015-11 (5)"``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape

#: More months than this are drawn per year instead of per month.
MAX_BARS = 36
WIDTH = 600
#: Bars are never wider than this (a few months must not look like a wall).
MAX_BAR_WIDTH = 40
HEIGHT = 120
_LABEL = {
    "ar": "عدد {what} {unit}: من {first} إلى {last}، أعلى {peak_unit} {peak} ({count})",
    "en": "{what} per {unit}: {first} to {last}, peak {peak} ({count})",
}
_WHAT = {
    "ar": {"articles": "المقالات", "events": "الأحداث"},
    "en": {"articles": "Articles", "events": "Dated events"},
}
_UNITS = {
    "ar": {"month": ("شهرياً", "شهر"), "year": ("سنوياً", "سنة")},
    "en": {"month": ("month", "month"), "year": ("year", "year")},
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
    years: dict[str, int] = {}
    for m in span:
        years[m[:4]] = years.get(m[:4], 0) + counts.get(m, 0)
    return "year", sorted(years.items())


def count_by_month(dates: Iterable[str | None]) -> dict[str, int]:
    """``count_by_month(["2015-11-20", "2015-11-02", None])`` -> ``{"2015-11": 2}``."""
    counts: dict[str, int] = {}
    for date in dates:
        if date and len(date) >= 7 and date[:4].isdigit():
            counts[date[:7]] = counts.get(date[:7], 0) + 1
    return counts


def month_chart(counts: Mapping[str, int], lang: str, what: str = "articles") -> str:
    """An accessible inline SVG bar chart of ``counts`` (``YYYY-MM`` -> number)."""
    unit, bars = bucket_counts(counts)
    if len(bars) < 2:
        return ""  # one bar tells nothing a number does not
    peak_label, peak = max(bars, key=lambda b: (b[1], b[0]))
    per, peak_unit = _UNITS[lang][unit]
    label = _LABEL[lang].format(
        what=_WHAT[lang][what], unit=per, first=bars[0][0], last=bars[-1][0], peak=peak_label, count=peak,
        peak_unit=peak_unit,
    )
    gap = 2
    bar_w = min(MAX_BAR_WIDTH, max(2.0, (WIDTH - gap * len(bars)) / len(bars)))
    top = max(peak, 1)
    parts = [
        f'<svg class="na-chart" role="img" aria-label="{escape(label)}" '
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
    parts.append(
        f'<text x="{first_x}" y="{HEIGHT + 14}" text-anchor="{anchor}">{escape(span)}</text>'
    )
    parts.append(f'<line x1="0" y1="{HEIGHT}" x2="{WIDTH}" y2="{HEIGHT}"/>')
    parts.append("</svg>")
    return "".join(parts)
