import xml.etree.ElementTree as ET

from builder.charts import (
    MAX_BARS,
    bucket_counts,
    core_span,
    count_by_day,
    count_by_month,
    month_chart,
    weekly,
)

SVG = "{http://www.w3.org/2000/svg}"


def test_gaps_are_filled_with_zero_months() -> None:
    unit, bars = bucket_counts({"2015-10": 1, "2015-12": 2})
    assert unit == "month"
    assert bars == [("2015-10", 1), ("2015-11", 0), ("2015-12", 2)]


def test_long_ranges_are_drawn_per_year() -> None:
    unit, bars = bucket_counts({"2010-01": 1, "2015-06": 4, "2015-07": 1})
    assert unit == "year"
    assert bars[0] == ("2010", 1) and bars[-1] == ("2015", 5)
    assert len(bars) <= MAX_BARS


def test_chart_is_valid_accessible_svg() -> None:
    svg = month_chart({"2015-09": 1, "2015-11": 3}, "en")
    root = ET.fromstring(svg)
    assert root.get("role") == "img" and root.get("aria-label") is None  # named by <title>
    assert "peak 2015-11 (3)" in root.find(f"{SVG}title").text
    rects = root.findall(f"{SVG}rect")
    assert len(rects) == 3
    heights = [float(r.get("height")) for r in rects]
    assert heights[2] == max(heights) and heights[1] == 0


def test_arabic_chart_runs_right_to_left() -> None:
    svg = month_chart({"2015-09": 1, "2015-10": 2}, "ar")
    rects = ET.fromstring(svg).findall(f"{SVG}rect")
    # the first month is drawn on the right
    assert float(rects[0].get("x")) > float(rects[1].get("x"))
    assert "عدد المقالات" in svg


def test_empty_or_single_month_draws_nothing() -> None:
    assert month_chart({}, "ar") == ""
    assert month_chart({"2015-11": 4}, "ar") == ""
    assert month_chart({"undated": 3}, "en") == ""


def test_count_by_month_skips_undated_and_year_unknown() -> None:
    assert count_by_month(["2015-11-20", "2015-11-02", None, "--11-28", "2015-09-30"]) == {
        "2015-11": 2, "2015-09": 1}


def test_events_chart_says_what_it_counts() -> None:
    counts = {"2015-10": 1, "2015-11": 2}
    assert "Dated events per month" in month_chart(counts, "en", "events")
    assert "عدد الأحداث" in month_chart(counts, "ar", "events")


def _news_year() -> dict[str, int]:
    """A news archive's events: most in two months of 2015, a few reaching back to 1799."""
    counts = {"1799-06": 1, "1910-10": 1, "1952-07": 2, "2013-06": 3, "2014-11": 4,
              "2015-03": 6, "2015-06": 20, "2015-07": 600, "2015-08": 900, "2015-09": 8,
              "2016-01": 2}
    return counts


def test_a_long_sparse_span_is_clipped_to_where_the_counts_are() -> None:
    core, outside = core_span(_news_year())
    assert sum(core.values()) >= 0.9 * sum(_news_year().values())
    assert min(core) >= "2015-01" and max(core) <= "2015-12"
    assert outside[0][0] == "before" and outside[0][2] == "1799-06"
    assert outside[-1][0] == "after" and outside[-1][3] == "2016-01"
    assert sum(n for _, n, _, _ in outside) + sum(core.values()) == sum(_news_year().values())


def test_the_events_chart_of_a_news_archive_is_not_blank() -> None:
    svg = month_chart(_news_year(), "en", "events")
    root = ET.fromstring(svg)
    heights = [float(r.get("height")) for r in root.findall(f"{SVG}rect")]
    assert len(heights) <= MAX_BARS
    # most bars of the drawn span carry a visible height, and two of them more than a tenth
    assert sum(h >= 0.1 * max(heights) for h in heights) >= 2
    assert "earlier (1799-06–" in root.find(f"{SVG}title").text
    assert "earlier" in root.find(f"{SVG}text").text


def test_spans_too_long_even_when_spread_are_binned_to_fit() -> None:
    counts = {f"{y}-01": 1 for y in range(1900, 2016)}
    unit, bars = bucket_counts(core_span(counts, share=1.0)[0])
    assert unit == "year" and len(bars) <= MAX_BARS
    assert sum(n for _, n in bars) == len(counts)


def test_a_short_drawn_span_of_days_is_drawn_per_week() -> None:
    dates = ["1799-06-06", "2013-06-30"] + ["2015-07-21"] * 40 + ["2015-08-06"] * 60 + \
        ["2015-08-20"] * 5
    svg = month_chart(count_by_day(dates), "en", "events")
    root = ET.fromstring(svg)
    assert "Dated events per week" in root.find(f"{SVG}title").text
    bars = [r.find(f"{SVG}title").text for r in root.findall(f"{SVG}rect")]
    assert bars[0].startswith("2015-06-29") and any(b == "2015-08-03: 60" for b in bars)
    assert "2 earlier (1799-06–2013-06)" in root.find(f"{SVG}title").text


def test_weeks_fill_gaps_and_start_on_monday() -> None:
    weeks = weekly({"2015-07-01": 2, "2015-07-14": 1}, ["2015-07"])
    assert weeks[:3] == [("2015-06-29", 2), ("2015-07-06", 0), ("2015-07-13", 1)]
    assert weeks[-1][0] == "2015-07-27"
