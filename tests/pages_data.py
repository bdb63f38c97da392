"""Hand-made articles and metadata for the page tests (no extractor involved).

Spans are computed by finding the names in the text, as the extractor would report them.
"""

from __future__ import annotations

from functools import partial

import pytest

from builder.model import Article, Entity, Event, Figure, Header, Metadata, Quote, Span, Speaker
from builder.pages import Entry, archive, quotes, tags, timeline
from builder.pages.related import related_articles

PEOPLE = {"فلاديمير بوتين": "Vladimir Putin", "جون كيري": "John Kerry",
          "ماريا زاخاروفا": "Maria Zakharova"}
PLACES = {"سوريا": "Syria", "موسكو": "Moscow", "فيينا": "Vienna"}
ORGS = {"وزارة الدفاع الروسية": "Russian Ministry of Defence"}
KIND = {**{k: "person" for k in PEOPLE}, **{k: "place" for k in PLACES},
        **{k: "organization" for k in ORGS}}
ENGLISH = {**PEOPLE, **PLACES, **ORGS}


def slug(en: str) -> str:
    return en.lower().replace(" ", "-")


def entity(ar: str, paragraphs: tuple[str, ...], en: str | None = None,
           kind: str | None = None, slug_: str | None = None) -> Entity:
    """An entity with a span at each occurrence of ``ar`` in ``paragraphs``."""
    spans = []
    for i, p in enumerate(paragraphs):
        start = p.find(ar)
        while start >= 0:
            spans.append(Span(i, start, start + len(ar)))
            start = p.find(ar, start + 1)
    en = en if en is not None else ENGLISH[ar]
    return Entity(kind or KIND[ar], ar, en, slug_ if slug_ is not None else slug(en),
                  max(len(spans), 1), "gazetteer", tuple(spans))


def make_entry(n: int, names: list[str], date: str | None = "2015-11-20",
               events: tuple[Event, ...] = (), quotes: tuple[Quote, ...] = (),
               translation: tuple[str, ...] | None = None, lang: str = "ar",
               paragraphs: tuple[str, ...] | None = None,
               extra: tuple[Entity, ...] = (), source: str | None = None) -> Entry:
    """Article number ``n`` mentioning ``names`` (Arabic) in two paragraphs."""
    if paragraphs is None:
        paragraphs = (
            f"قال {names[0]} في المقال رقم {n} إن الوضع صعب." if names else f"مقال رقم {n}.",
            "وأضاف أن " + " و".join(names[1:] or ["الأمر"]) + " في قلب الأحداث.",
        )
    article_id = f"{n:016x}"
    article = Article(id=article_id, path=f"{n:03d}_{article_id}.txt", order=n, lang=lang,
                      paragraphs=paragraphs, header=Header(date=date, source=source),
                      translation=translation)
    meta = Metadata(
        id=article_id, lang=lang, title_ar=f"عنوان المقال {n}",
        title_en=f"Headline of article {n}", summary_ar=f"ملخص المقال {n}",
        summary_en=f"Summary of article {n}", date=date, date_source="header" if date else None,
        entities=tuple(entity(name, paragraphs) for name in names) + extra,
        events=events, figures=(Figure(2289.0, "طلعة جوية", "2289 طلعة جوية", 0),),
        quotes=quotes)
    return Entry(article, meta)


def putin_quote(text: str = "أمامنا عمل كبير", paragraph: int = 0) -> Quote:
    return Quote(Speaker("فلاديمير بوتين", "Vladimir Putin", "vladimir-putin"), text, paragraph)


def small_archive() -> list[Entry]:
    """Four articles: dated, year-unknown and undated events, quotes, a translation."""
    return [
        make_entry(1, ["فلاديمير بوتين", "سوريا", "وزارة الدفاع الروسية"], "2015-11-20",
                   events=(Event("2015-11-20", "اجتماع الجمعة 20 نوفمبر", 0),
                           Event("2015-09-30", "بدء العمليات يوم 30 سبتمبر", 1),
                           Event("2015-11-15", "اتصال هاتفي في 15 نوفمبر", 1)),
                   quotes=(putin_quote(),),
                   translation=("Putin said in article 1 that things are hard.",
                                "He added that Syria is at the heart of events.")),
        make_entry(2, ["ماريا زاخاروفا", "سوريا", "موسكو"], "2017-11-28",
                   events=(Event("--11-28", "في 28 نوفمبر", 0),),
                   quotes=(Quote(Speaker("ماريا زاخاروفا", "Maria Zakharova",
                                         "maria-zakharova"), "لا تعليق", 1),)),
        make_entry(3, ["جون كيري", "فيينا", "فلاديمير بوتين"], None,
                   events=(Event("2015-11-17", "لقاء فيينا في 17 نوفمبر", 1),),
                   source="RT Arabic"),
        make_entry(4, [], "2015-10-01", lang="en",
                   paragraphs=("Putin spoke in Moscow on Friday.", "More text."),
                   extra=(Entity("person", "فلاديمير بوتين", "Vladimir Putin",
                                 "vladimir-putin", 1, "gazetteer", (Span(0, 0, 5),)),)),
    ]


#: The list sizes :func:`small_lists` sets, as ``module.NAME`` of ``builder.pages``.
LIST_SIZES = ("tags.PAGE_SIZE", "tags.INDEX_PAGE_SIZE", "timeline.PAGE_SIZE",
              "timeline.SINGLE_PAGE_LIMIT", "timeline.UNDATED_PAGE_SIZE", "archive.PAGE_SIZE",
              "quotes.PAGE_SIZE", "quotes.INDEX_PAGE_SIZE")


def small_lists(monkeypatch: pytest.MonkeyPatch, **sizes: int) -> None:
    """Lists of one item a page (or ``sizes``, by ``module_NAME``: ``tags_PAGE_SIZE=2``), so
    that every kind of list in a small archive is paginated and the timeline is in years;
    related articles by shared tags only (in so small an archive, text similarity would
    relate every article to every other)."""
    modules = {"tags": tags, "timeline": timeline, "archive": archive, "quotes": quotes}
    wanted = {name: 1 for name in LIST_SIZES} | {k.replace("_", ".", 1): v
                                                   for k, v in sizes.items()}
    for name, size in wanted.items():
        module, attr = name.split(".")
        assert hasattr(modules[module], attr), name
        monkeypatch.setattr(modules[module], attr, size)
    monkeypatch.setattr("builder.pages.related_articles",
                        partial(related_articles, similar=None))
