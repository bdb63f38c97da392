"""Frozen dataclasses that cross module boundaries (stdlib only).

The pipeline is: ``corpus`` reads a :class:`Source`, ``clean`` turns it into an
:class:`Article`, ``extract`` produces its :class:`Metadata`, ``pages`` plans pages.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from typing import Any

#: Entity type -> kind of its tags (``tags/<kind>/<slug>/``), in the order pages list them.
TAG_KINDS: dict[str, str] = {"person": "people", "place": "places",
                             "organization": "organizations"}
#: Entity types that get tags, search filters and search result types.
ENTITY_TYPES: tuple[str, ...] = tuple(TAG_KINDS)
#: Kind of tags -> entity type (the inverse of :data:`TAG_KINDS`).
KIND_TYPES: dict[str, str] = {kind: type_ for type_, kind in TAG_KINDS.items()}

_FULL = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_NO_YEAR = re.compile(r"--([0-9]{2})-([0-9]{2})")
#: A leap year, so that ``--02-29`` is a valid date.
_ANY_YEAR = 2000


@dataclass(frozen=True)
class DateParts:
    """A date as the archive writes it (metadata, events, headers): ``YYYY-MM-DD``,
    ``YYYY-MM`` (``day`` None) or ``--MM-DD`` (``year`` None: the year is unknown)."""

    year: int | None
    month: int
    day: int | None

    @property
    def full(self) -> bool:
        """Year, month and day are all known."""
        return self.year is not None and self.day is not None

    def day_date(self) -> dt.date | None:
        """The calendar day of a :attr:`full` date, else None."""
        return dt.date(self.year, self.month, self.day) if self.full else None  # type: ignore[arg-type]


def parse_date(iso: str | None) -> DateParts | None:
    """The one parser of the archive's dates; None when ``iso`` is not a valid one.

    ``parse_date("--11-28")`` -> ``DateParts(None, 11, 28)``; ``parse_date("2015-11")`` ->
    ``DateParts(2015, 11, None)``; ``parse_date("2015-02-30")`` and
    ``parse_date("20 نوفمبر 2015")`` -> None.
    """
    if not iso:
        return None
    if m := _FULL.fullmatch(iso):
        parts = DateParts(int(m[1]), int(m[2]), int(m[3]))
    elif m := _NO_YEAR.fullmatch(iso):
        parts = DateParts(None, int(m[1]), int(m[2]))
    elif m := _MONTH.fullmatch(iso):
        parts = DateParts(int(m[1]), int(m[2]), None)
    else:
        return None
    try:
        dt.date(parts.year or _ANY_YEAR, parts.month, parts.day or 1)
    except ValueError:
        return None
    return parts


#: Header keys an article file may set in its optional YAML header.
HEADER_KEYS = ("date", "source", "url", "title", "title_en", "lang")


@dataclass(frozen=True)
class Header:
    """The optional YAML header of an article file, validated."""

    date: str | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None
    title_en: str | None = None
    lang: str | None = None


@dataclass(frozen=True)
class Source:
    """One article file as read from ``corpus/``: decoded text, not yet cleaned."""

    path: str  #: file name relative to the corpus folder, e.g. ``000_2365a23702f008e8.txt``
    id: str  #: permanent 16-hex article id
    order: int  #: the ``NNN`` number of the file name (or a large number for others)
    text: str  #: decoded body with the header removed
    header: Header = field(default_factory=Header)
    translation: str | None = None  #: text of ``<name>.en.txt`` when present
    encoding: str = "utf-8"


@dataclass(frozen=True)
class Article:
    """A cleaned article: paragraphs as the editor wrote them, plus what cleaning did."""

    id: str
    path: str
    order: int
    lang: str
    paragraphs: tuple[str, ...]
    header: Header = field(default_factory=Header)
    translation: tuple[str, ...] | None = None
    notes: tuple[str, ...] = ()  #: human-readable log of what cleaning changed

    @property
    def text(self) -> str:
        """The cleaned body, paragraphs separated by blank lines."""
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True)
class Span:
    """Where something was found: paragraph index (0-based) and character offsets."""

    paragraph: int
    start: int
    end: int


@dataclass(frozen=True)
class Entity:
    """A person, place or organisation mentioned in an article."""

    type: str  #: ``person`` | ``place`` | ``organization`` (:data:`ENTITY_TYPES`)
    ar: str  #: canonical Arabic name
    en: str  #: English name
    slug: str  #: stable ASCII slug from the English name
    mentions: int = 1
    #: ``gazetteer`` (an entry of the data files) | ``composed`` (the archive's word
    #: spellings and glossary) | ``open-names`` (a word's usual spelling in open data) |
    #: ``transliteration`` (a word spelled letter by letter): see extract/spelling.py
    en_source: str = "gazetteer"
    spans: tuple[Span, ...] = ()  #: where it is mentioned (first one is linked)


@dataclass(frozen=True)
class Event:
    """A dated statement: ISO date ``YYYY-MM-DD`` or ``--MM-DD`` when the year is unknown."""

    date: str
    text: str
    paragraph: int


@dataclass(frozen=True)
class Figure:
    """A numeric fact with the counted noun as unit."""

    value: float
    unit: str
    text: str
    paragraph: int = 0


@dataclass(frozen=True)
class Speaker:
    """Who said a quote: a named person or organisation, or (``anonymous``) a source the
    article does not name ("مصدر مطلع") or a title it never tied to a name ("الوزير"),
    shown as written and never given a speaker page."""

    ar: str
    en: str | None = None
    slug: str | None = None
    anonymous: bool = False


@dataclass(frozen=True)
class Quote:
    """A direct quotation with its speaker."""

    speaker: Speaker
    text: str
    paragraph: int


@dataclass(frozen=True)
class Metadata:
    """Everything the extractor knows about one article."""

    id: str
    lang: str
    title_ar: str
    title_en: str | None
    summary_ar: str
    summary_en: str | None
    date: str | None
    date_source: str | None  #: ``header`` | ``text`` | None
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()
    figures: tuple[Figure, ...] = ()
    quotes: tuple[Quote, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The CLI / evaluation form (see ``python -m builder extract --json``)."""
        return {
            "id": self.id,
            "lang": self.lang,
            "title": {"ar": self.title_ar, "en": self.title_en},
            "summary": {"ar": self.summary_ar, "en": self.summary_en},
            "date": self.date,
            "date_source": self.date_source,
            "entities": [_fields(e, "spans") for e in self.entities],
            "events": [_fields(e) for e in self.events],
            "figures": [
                {**_fields(f), "value": _plain_number(f.value)} for f in self.figures
            ],
            "quotes": [_fields(q) for q in self.quotes if not q.speaker.anonymous],
            "unattributed_quotes": [_fields(q) for q in self.quotes if q.speaker.anonymous],
        }


#: Field names of the dataclasses :func:`_fields` has seen.
_NAMES: dict[type, tuple[str, ...]] = {}


def _fields(obj: Any, skip: str = "") -> dict[str, Any]:
    """``asdict(obj)`` without the field ``skip``, for a dataclass whose fields hold plain
    values or such dataclasses (no deep copy of strings and numbers, unlike ``asdict``)."""
    names = _NAMES.get(type(obj))
    if names is None:
        names = _NAMES[type(obj)] = tuple(f.name for f in fields(obj))
    out = {}
    for name in names:
        if name != skip:
            value = getattr(obj, name)
            if is_dataclass(value):
                value = _fields(value)
            elif isinstance(value, (list, tuple, dict)):
                value = asdict(obj)[name]
            out[name] = value
    return out


def _plain_number(value: float) -> int | float:
    """2289.0 -> 2289; 1.2e9 stays a float only when it has a fraction."""
    return int(value) if float(value).is_integer() else value


def metadata_to_dict(meta: Metadata) -> dict[str, Any]:
    """Full, lossless dict form (for the extraction cache)."""
    return asdict(meta)


def metadata_from_dict(data: dict[str, Any]) -> Metadata:
    """Inverse of :func:`metadata_to_dict`."""
    return Metadata(
        id=data["id"],
        lang=data["lang"],
        title_ar=data["title_ar"],
        title_en=data["title_en"],
        summary_ar=data["summary_ar"],
        summary_en=data["summary_en"],
        date=data["date"],
        date_source=data["date_source"],
        entities=tuple(
            Entity(**{**e, "spans": tuple(Span(**s) for s in e["spans"])})
            for e in data["entities"]
        ),
        events=tuple(Event(**e) for e in data["events"]),
        figures=tuple(Figure(**f) for f in data["figures"]),
        quotes=tuple(
            Quote(speaker=Speaker(**q["speaker"]), text=q["text"], paragraph=q["paragraph"])
            for q in data["quotes"]
        ),
    )
