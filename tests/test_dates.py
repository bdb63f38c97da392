"""Dates and events (builder/extract/dates.py), table-driven over real Arabic snippets."""

from __future__ import annotations

import pytest

from builder.extract import _data
from builder.extract.dates import _finditer, _needs, _patterns, extract_dates
from builder.model import Article, Header
from builder.normalize import normalize
from tests.helpers import SAUDI


def _article(*paragraphs: str, date: str | None = None) -> Article:
    return Article(id="t", path="t.txt", order=0, lang="ar", paragraphs=paragraphs,
                   header=Header(date=date))


def _dates(*paragraphs: str, date: str | None = None) -> list[str]:
    return [e.date for e in extract_dates(_article(*paragraphs, date=date))[2]]


@pytest.mark.parametrize(
    ("text", "header", "expected"),
    [
        # Levantine/Western pairs with an explicit year
        ("وكان الرئيس الروسي، قد أوعز يوم 30 أيلول/سبتمبر 2015، ببدء عمليات عسكرية.", None,
         ["2015-09-30"]),
        ("اعتقل في 22 يوليو (تموز) 2014 في طهران.", None, ["2014-07-22"]),
        # Arabic-Indic digits
        ("وصل الوفد في ٣ مارس ٢٠١٦ إلى جنيف.", None, ["2016-03-03"]),
        # day and month without any year: --MM-DD, never an invented year
        ("نيته عقد الجولة الثامنة في جنيف في 28 نوفمبر المقبل.", None, ["--11-28"]),
        ("وكانت موسكو قد شرعت منذ 30 سبتمبر الماضي في قصف مواقع.", None, ["--09-30"]),
        ("خلال الاتصال الأول بينهما في الفاتح من أكتوبر الحالي.", None, ["--10-01"]),
        ("تبدأ الحملة مطلع ديسمبر.", None, []),  # early December: a month, not a day
        # a weekday without another year in the article proves nothing
        ("وفي اجتماع أجراه الجمعة 20 نوفمبر/تشرين الثاني مع القادة.", None, ["--11-20"]),
        # relative words against the header date (2015-10-12 is a Monday)
        ("وأعلنت وزارة الدفاع الروسية، أمس الأحد، أن طيرانها نفذ 64 طلعة.", "2015-10-12",
         ["2015-10-11"]),
        ("لقي طالب مصرعه صباح أول من أمس داخل الحرم الجامعي.", "2015-08-10", ["2015-08-08"]),
        ("وقعت طائرات تركية يوم الخميس الماضي بطلعات مشتركة.", "2015-10-12", ["2015-10-08"]),
        ("يغادر الفريق إلى لندن الإثنين المقبل.", "2015-08-06", ["2015-08-10"]),
        ("يواجه الفريق مساء اليوم أودينيزي الإيطالي.", "2015-08-06", ["2015-08-06"]),
        # "اليوم" as "nowadays": after a pronoun, "في", or a noun with "our"
        ("لأن تقليل استهلاكنا اليوم من الموارد سيتيح لنا التكيف.", "2015-07-22", []),
        ("وهي اليوم تلفظ أنفاسها الأخيرة.", "2015-07-22", []),
        ("توفر البطاقات المعلومات على مدار اليوم.", "2015-07-21", []),
        # a weekday in a timetable's present tense or a future clause is the coming one
        # (2015-08-10 is a Monday)
        ("ويستقبل المقر الرئيسي صباح يوم الثلاثاء الراغبين في التوظيف.", "2015-08-10",
         ["2015-08-11"]),
        ("وفي يوم الخميس تطرح الشركة 50 وظيفة نسائية.", "2015-08-10", ["2015-08-13"]),
        ("وفي يوم الخميس طرحت الشركة 50 وظيفة نسائية.", "2015-08-10", ["2015-08-06"]),
        ("وبدأت الحملة مطلع سبتمبر المقبل.", "2015-08-06", []),
        ("30 سبتمبر الماضي", "2015-10-12", ["2015-09-30"]),
        ("28 نوفمبر المقبل", "2015-10-12", ["2015-11-28"]),
        ("يومي 28 و29 من تموز (يوليو) الجاري", "2015-07-21", ["2015-07-28", "2015-07-29"]),
        ("في 20 من الشهر الجاري", "2015-07-05", ["2015-07-20"]),
        # Hijri, converted (Umm al-Qura); with its Gregorian equivalent given too
        ("الدمام 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس", None, ["2015-08-10"]),
        ("يبدأ التسجيل في 5 ذو القعدة", "2015-08-10", ["2015-08-20"]),
        ("بتاريخ 2/6/1436هـ", None, ["2015-03-22"]),
        # not dates: a surname, a newspaper name, "today" as a noun, a month without day
        ("وأكد محمد الخميس، أن العاملين في البرنامج", "2015-08-10", []),
        ("عين اليوم – الرياض", "2015-08-06", []),
        ("احتفلت المملكة باليوم الوطني حتى اليوم الأخير", "2015-08-06", []),
        ("في نوفمبر 2015 بدأت العمليات", None, []),
        ("أمس الأحد", None, []),
    ],
)
def test_events(text: str, header: str | None, expected: list[str]) -> None:
    assert _dates(text, date=header) == expected


def test_weekday_chooses_the_year_from_a_year_named_elsewhere() -> None:
    article = _article(
        "وفي اجتماع أجراه الجمعة 20 نوفمبر/تشرين الثاني مع قادة وزارة الدفاع.",
        "وكان الرئيس قد أوعز يوم 30 أيلول/سبتمبر 2015، ببدء عمليات عسكرية.",
        "أثناء لقائهما على هامش قمة مجموعة العشرين في أنطاليا، الأحد 15 نوفمبر/تشرين الثاني.",
    )
    date, source, events = extract_dates(article)
    assert [e.date for e in events] == ["2015-11-20", "2015-09-30", "2015-11-15"]
    assert [e.paragraph for e in events] == [0, 1, 2]  # 0-based paragraph indexes
    assert events[0].text.startswith("وفي اجتماع أجراه الجمعة 20 نوفمبر")
    assert (date, source) == ("2015-11-20", "text")


def test_weekday_that_fits_no_nearby_year_keeps_the_date_open() -> None:
    # 20 Nov is a Wednesday only in 2013, 2019, 2024 and 2030 — none within two years
    # of 2016, so the year stays open.
    events = _dates("الأربعاء 20 نوفمبر", "وفي عام 2016 بدأ المشروع.")
    assert events == ["--11-20"]


def test_header_date_wins() -> None:
    date, source, _ = extract_dates(_article("الجمعة 20 نوفمبر 2015", date="2015-11-21"))
    assert (date, source) == ("2015-11-21", "header")


def test_no_date_at_all() -> None:
    assert extract_dates(_article("قال بوتين إن العمليات مستمرة.")) == (None, None, ())


def test_events_are_unique_per_date() -> None:
    assert _dates("الجمعة 20 نوفمبر 2015", "وفي 20 نوفمبر 2015 أيضا") == ["2015-11-20"]


def test_data_errors_name_the_file_and_entry(tmp_path, monkeypatch) -> None:
    with pytest.raises(_data.DataError, match=r"months\.yml.*'مايو'.*5.*6"):
        _data._check("months.yml", "gregorian", "numbered", {5: ["مايو"], 6: ["مايو"]})
    (tmp_path / "relative.yml").write_text("bogus: [x]\n", encoding="utf-8")
    monkeypatch.setattr(_data, "DATA", tmp_path)
    _data.load.cache_clear()
    try:
        with pytest.raises(_data.DataError, match=r"relative\.yml: unknown key 'bogus'"):
            _data.load("relative.yml")
    finally:
        monkeypatch.undo()
        _data.load.cache_clear()


def test_every_data_file_loads() -> None:
    for name in ("months.yml", "relative.yml", "numbers.yml", "speech_verbs.yml", "headline.yml"):
        assert _data.load(name)


def test_skipped_patterns_could_not_have_matched() -> None:
    """A date pattern skipped for want of a word it needs finds nothing anyway."""
    texts = [
        "وكان الرئيس الروسي، قد أوعز يوم 30 أيلول/سبتمبر 2015، ببدء عمليات عسكرية.",
        "أمس الأحد 20 نوفمبر ثم في 1 من الشهر الجاري وفي غرة محرم 1437 هـ و 12/3/2015",
        "يوم الخميس الماضي وعام 2014 والأول من مارس المقبل",
    ]
    if SAUDI.is_dir():
        for path in sorted(SAUDI.glob("*.txt"))[:150]:
            texts += path.read_text(encoding="utf-8").split("\n")
    skipped = 0
    for norm in map(normalize, texts):
        for name in _needs():
            expected = [m.span() for m in _patterns()[name].finditer(norm)]
            assert [m.span() for m in _finditer(name, norm)] == expected, (name, norm)
            skipped += not all(need.search(norm) for need in _needs()[name])
    assert skipped  # the shortcut is taken


def test_an_event_is_the_clause_of_its_date_not_the_whole_sentence() -> None:
    from builder.extract.clause import date_clause
    long = ("وفي تطور لافت على صعيد الأزمة التي تعيشها المنطقة منذ سنوات طويلة دون حل، "
            "وبعد مشاورات مكثفة بين الأطراف المعنية في العواصم الإقليمية والدولية، "
            "أعلن وزير الخارجية يوم 20 نوفمبر 2015 عن اتفاق جديد لوقف إطلاق النار، "
            "مشيرا إلى أن الاتفاق يشمل كل المناطق التي شهدت مواجهات عنيفة خلال الأشهر "
            "الماضية وأن لجنة مشتركة ستتابع تنفيذه على الأرض.")
    at = long.index("20 نوفمبر")
    text = date_clause(long, at, at + len("20 نوفمبر 2015"))
    assert "أعلن وزير الخارجية يوم 20 نوفمبر 2015" in text
    assert len(text.replace("…", "").split()) <= 25
    short = "وصل الوفد إلى الرياض يوم 20 نوفمبر 2015."
    assert date_clause(short, short.index("20"), short.index("2015") + 4) == short


def test_a_bare_year_is_no_event() -> None:
    article = Article(id="t", path="t.txt", order=0, lang="ar",
                      paragraphs=("شاركت مجموعة العشرين 2015 في قمة عام 2014 وبلغ العدد 2013 شخصا.",))
    assert extract_dates(article)[2] == ()


def test_spaced_numeric_dates_weekdays_in_brackets_and_quoted_relative_days() -> None:
    header = Header(date="2015-07-21")
    article = Article(id="t", path="t.txt", order=0, lang="ar", header=header, paragraphs=(
        "صرح المتحدث بأنه إلحاقا لما سبق الإعلان عنه بتاريخ 2 / 6 / 1436ه عن تخريج الدورة.",
        "حدد رئيس الوزراء، اليوم (الاثنين)، ملامح استراتيجية جديدة.",
        "وقال المحافظ: «جئنا اليوم لتفقد أحوالكم» وذلك خلال زيارته.",
        "وبلغت النسبة 3 / 4 من المجموع.",
    ))
    events = extract_dates(article)[2]
    assert [e.date for e in events] == ["2015-03-22", "2015-07-20"]


@pytest.mark.parametrize(("text", "expected"), [
    ("لكنه غير رأيه في التاسع من يوليو ما دفع الحكومة إلى الموافقة", ["2015-07-09"]),
    ("وقع ذلك في الحادي والعشرين من سبتمبر 2014", ["2014-09-21"]),
    ("يوم السابع من شهر جمادى الأولى 1344هـ", ["1925-11-23"]),  # Umm al-Qura
    ("خلال الأسبوع الثاني من يوليو المقبل", []),
    ("في الفصل الثالث من الكتاب", []),
    ("استأجر شقة قرب مدينة السادس من أكتوبر على طريق الواحات", []),
])
def test_ordinal_days(text: str, expected: list[str]) -> None:
    article = Article(id="t", path="t.txt", order=0, lang="ar",
                      header=Header(date="2015-07-21"), paragraphs=(text,))
    assert [e.date for e in extract_dates(article)[2]] == expected


def test_a_year_word_earlier_in_the_sentence_gives_a_day_and_month_their_year() -> None:
    text = ("وكانت الحادثة السابقة في عام 1998، عندما أصيب شخصان في الرابع من يوليو أثناء "
            "الاحتفال. وسيقام الحفل المقبل في 12 أغسطس.")
    assert _dates(text, date="2015-08-10") == ["1998-07-04", "2015-08-12"]
    # a year in a name ("كأس آسيا 2019م") is not the year of the date after it
    assert _dates("المؤهلة لكأس آسيا 2019 م حيث يبدأ المعسكر في 29 أغسطس",
                  date="2015-08-06") == ["2015-08-29"]
