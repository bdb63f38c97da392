import xml.etree.ElementTree as ET

from builder.charts import MAX_BARS, bucket_counts, count_by_month, month_chart

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
    assert root.get("role") == "img"
    assert "peak 2015-11 (3)" in root.get("aria-label")
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
