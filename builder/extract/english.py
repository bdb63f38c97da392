"""English headline and summary; for an English-language article, the Arabic ones.

A header ``title_en`` always wins. Otherwise the English headline is the first sentence of
the English text (the translation sidecar, or the article itself when it is in English),
shortened at a clause boundary; without any English text it is a topic line built from the
metadata ("On Syria: Vladimir Putin, ...") that does not pretend to be a translation. The
summary is the first one or two sentences of the English text, or a metadata summary that
says it was generated. Phrases and word lists live in ``data/english.yml``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from babel.dates import format_date
from babel.numbers import format_decimal

from ..clean import sentence_spans
from ..model import Article, Entity, Event, Figure, Quote
from ..normalize import normalize

_DATA = Path(__file__).parent / "data" / "english.yml"

_SCHEMA: dict[str, dict[str, type]] = {
    "headline": {
        "max_words": int,
        "min_words": int,
        "clause_openers": list,
        "prepositions": list,
        "dangling": list,
        "name_prepositions": list,
        "reporting_verbs": list,
        "parenthetical_openers": list,
        "abbreviations": list,
    },
    "summary": {"max_words": int},
    "metadata": {
        "max_places": int,
        "max_actors": int,
        "the_place_prefixes": list,
        "org_no_article_first_words": list,
        "units": dict,
        "scales": dict,
        "en": dict,
        "ar": dict,
    },
}
_PHRASES = (
    "title_where_who", "title_where", "title_who", "title_date", "title_source", "title_none",
    "summary_label", "summary_who", "summary_where", "summary_events", "summary_figures",
    "summary_quotes", "summary_none", "join_and", "join_list",
)  # fmt: skip
#: Bonus of a cut by boundary strength: punctuation, clause opener, preposition.
_BONUS = {"punct": 3, "clause": 2, "prep": 0}
_TRAIL = ",;:.!?…-–—"
_MAX_EVENTS = 3
_MAX_FIGURES = 3


def english_title_summary(
    article: Article,
    entities: Sequence[Entity] = (),
    events: Sequence[Event] = (),
    figures: Sequence[Figure] = (),
    date: str | None = None,
    quotes: Sequence[Quote] = (),
) -> tuple[str, str]:
    """``(title_en, summary_en)`` of one article; never empty.

    For the Arabic seed ``أثنى الرئيس الروسي فلاديمير بوتين على ننائج الغارات ...`` with
    its translation, the title is ``"Russian President Vladimir Putin praised the results
    of the Russian air strikes against terrorists"``.
    """
    english = _english_text(article)
    if english:
        title = article.header.title_en or shorten_headline(_first_sentences(english, 1))
        return title, _first_sentences(english, 2)
    title = article.header.title_en or _metadata_title(
        "en", article, entities, date or article.header.date
    )
    return title, _metadata_summary("en", entities, events, figures, quotes)


def arabic_title_summary(
    article: Article,
    entities: Sequence[Entity] = (),
    events: Sequence[Event] = (),
    figures: Sequence[Figure] = (),
    date: str | None = None,
) -> tuple[str, str]:
    """``(title_ar, summary_ar)`` of an English-language article, from its metadata.

    A header ``title`` wins. With ``Entity(type="place", ar="سوريا", en="Syria", ...)`` and
    ``Entity(type="person", ar="فلاديمير بوتين", ...)``: ``"عن سوريا: فلاديمير بوتين"``.
    """
    title = article.header.title or _metadata_title(
        "ar", article, entities, date or article.header.date
    )
    return title, _metadata_summary("ar", entities, events, figures)


def shorten_headline(sentence: str) -> str:
    """A headline of at most ``max_words`` words from one English sentence.

    Inserts such as ", during a meeting with X," are left out first; then the sentence is
    cut at the clause boundary (or, failing that, the preposition) that keeps most of it,
    never inside a list, a name or a quotation, and never after a dangling word.
    ``shorten_headline("Putin said, during a visit to Moscow, that the war is over.")``
    -> ``"Putin said that the war is over"``.
    """
    cfg = _config()["headline"]
    words = sentence.split()
    if len(words) > cfg["max_words"]:
        words = _drop_inserts(words, cfg)
    if len(words) > cfg["max_words"]:
        words = _drop_that(words, cfg)
    if len(words) <= cfg["max_words"]:
        return _finish(words) or sentence.strip()
    best: tuple[int, list[str]] | None = None
    for k, kind in _cuts(words, cfg):
        prefix = _strip_dangling(words[:k], cfg)
        if not cfg["min_words"] <= len(prefix) <= cfg["max_words"] or not _balanced(prefix):
            continue
        score = len(prefix) + _BONUS[kind]
        if best is None or score > best[0]:
            best = (score, prefix)
    if best is not None:
        return _finish(best[1])
    prefix = _strip_dangling(words[: cfg["max_words"]], cfg) or words[: cfg["max_words"]]
    text = " ".join(prefix)
    closing = '"' if text.count('"') % 2 else "”" if text.count("“") > text.count("”") else ""
    return _finish(prefix) + " …" + closing


@lru_cache(maxsize=1)
def _config() -> dict[str, Any]:
    """``data/english.yml``, validated once: every key required, no unknown key."""
    with open(_DATA, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    _check_keys(data, _SCHEMA, "")
    for lang in ("en", "ar"):
        phrases = data["metadata"][lang]
        _check_keys(phrases, dict.fromkeys(_PHRASES, str), f"metadata.{lang}.")
    lists = [k for k, t in _SCHEMA["headline"].items() if t is list and k != "abbreviations"]
    for key in lists:
        data["headline"][key] = frozenset(str(w).lower() for w in data["headline"][key])
    data["headline"]["abbreviations"] = frozenset(data["headline"]["abbreviations"])
    return data


def _check_keys(data: Any, schema: dict[str, Any], prefix: str) -> None:
    if not isinstance(data, dict):
        raise ValueError(f"{_DATA}: '{prefix.rstrip('.') or 'top level'}' must be a mapping")
    unknown = sorted(set(data) - set(schema))
    missing = sorted(set(schema) - set(data))
    if unknown or missing:
        raise ValueError(
            f"{_DATA}: unknown key(s) {[prefix + k for k in unknown]}, "
            f"missing key(s) {[prefix + k for k in missing]}"
        )
    for key, kind in schema.items():
        if isinstance(kind, dict):
            _check_keys(data[key], kind, f"{prefix}{key}.")
        elif not isinstance(data[key], kind):
            raise ValueError(f"{_DATA}: '{prefix}{key}' must be a {kind.__name__}")


def _english_text(article: Article) -> tuple[str, ...]:
    """The English paragraphs: the article itself when English, else its translation."""
    if article.lang == "en":
        return article.paragraphs
    return article.translation or ()


def _sentences(paragraph: str) -> list[str]:
    """Sentences of one paragraph; a full stop after an abbreviation ends none."""
    abbreviations = _config()["headline"]["abbreviations"]
    out: list[str] = []
    for start, end in sentence_spans(paragraph):
        sentence = paragraph[start:end]
        if out and out[-1].split()[-1] in abbreviations:
            out[-1] = f"{out[-1]} {sentence}"
        else:
            out.append(sentence)
    return out


def _first_sentences(paragraphs: Sequence[str], most: int) -> str:
    """The first sentence, plus following ones (up to ``most``) while short enough."""
    limit = _config()["summary"]["max_words"]
    for paragraph in paragraphs:
        sentences = _sentences(paragraph)
        if not sentences:
            continue
        out = [sentences[0]]
        for sentence in sentences[1:most]:
            if len(" ".join([*out, sentence]).split()) > limit:
                break
            out.append(sentence)
        return " ".join(out)
    return ""


def _bare(word: str) -> str:
    return word.strip("\"'“”‘’«»()[]" + _TRAIL).lower()


def _drop_inserts(words: list[str], cfg: dict[str, Any]) -> list[str]:
    """Leave out a leading "In X, ..." and inner ", during X," inserts."""
    openers = cfg["parenthetical_openers"]
    if _bare(words[0]) in openers:
        end = _leading_insert_end(words, cfg)
        if end is not None:
            words = [words[end][:1].upper() + words[end][1:], *words[end + 1 :]]
    i = 0
    while i < len(words) - 1:
        if words[i].endswith(",") and _bare(words[i + 1]) in openers:
            for j in range(i + 2, len(words) - 1):
                if not (words[j].endswith(",") and _balanced(words[i + 1 : j + 1])):
                    continue
                if words[j + 1][:1].isdigit():
                    continue  # a date inside the insert: ", on Friday, 20 November,"
                if words[j + 1][:1].islower():  # not an appositive: ", X, Putin"
                    words = [*words[:i], words[i][:-1], *words[j + 1 :]]
                break
        i += 1
    return words


def _leading_insert_end(words: list[str], cfg: dict[str, Any]) -> int | None:
    """Index of the word after a leading insert, where the main clause's subject starts.

    "At a press conference in the Italian capital, Rome, Lavrov said" -> index of Lavrov;
    "In a related development, Naveed Jamali, a former agent, said" -> index of Naveed.
    """
    for i, word in enumerate(words[:-1]):
        rest = words[i + 1 :]
        if not word.endswith(",") or not _can_start(rest[0], cfg) or not _balanced(rest):
            continue
        comma = next((j for j in range(min(4, len(rest) - 1)) if rest[j].endswith(",")), None)
        if comma is not None and rest[comma + 1][:1].isupper():
            continue  # "Rome, Lavrov": the short segment still belongs to the insert
        return i + 1
    return None


def _can_start(word: str, cfg: dict[str, Any]) -> bool:
    """Whether ``word`` can begin a main clause (not a number, preposition or opener)."""
    bare = _bare(word)
    return (
        bool(bare)
        and bare[0].isalpha()
        and bare not in cfg["prepositions"]
        and bare not in cfg["clause_openers"]
        and bare not in cfg["parenthetical_openers"]
        and bare not in cfg["reporting_verbs"]
    )


def _cuts(words: list[str], cfg: dict[str, Any]) -> list[tuple[int, str]]:
    """Positions ``k`` where ``words[:k]`` may end, with the kind of boundary."""
    cuts: list[tuple[int, str]] = []
    for k in range(1, len(words)):
        before, word = words[k - 1], words[k]
        bare = _bare(word)
        if before[-1] in ",;:" or word in "-–—":
            if before[-1] == "," and (_in_list(words, k) or _continues_subject(word, cfg)):
                continue
            cuts.append((k, "punct"))
        elif bare in cfg["clause_openers"]:
            if bare in ("and", "or") and any(w.endswith(",") for w in words[max(0, k - 4) : k]):
                continue  # the last item of a list: "Egypt, Jordan and Israel"
            cuts.append((k, "clause"))
        elif bare in cfg["prepositions"]:
            nxt = words[k + 1] if k + 1 < len(words) else ""
            if bare in cfg["name_prepositions"] and before[:1].isupper() and nxt[:1].isupper():
                continue  # inside a name: "Ministry of Defence"
            cuts.append((k, "prep"))
    return cuts


def _in_list(words: list[str], k: int) -> bool:
    """Whether the comma before ``words[k]`` separates short items ("Egypt, Jordan and")."""
    if words[k].endswith(","):
        return True
    return any(
        words[j].endswith(",") or _bare(words[j]) in ("and", "or")
        for j in range(k + 1, min(k + 4, len(words)))
    )


def _continues_subject(word: str, cfg: dict[str, Any]) -> bool:
    """After "X, Y," a lowercase non-opener ("announced") is the verb of subject X."""
    return word[:1].islower() and _bare(word) not in cfg["clause_openers"]


def _drop_that(words: list[str], cfg: dict[str, Any]) -> list[str]:
    """Headline style: "said that X" -> "said X" (only after a reporting verb)."""
    out: list[str] = []
    for word in words:
        if word == "that" and out and _bare(out[-1]) in cfg["reporting_verbs"]:
            continue
        out.append(word)
    return out


def _strip_dangling(words: list[str], cfg: dict[str, Any]) -> list[str]:
    words = list(words)
    while words and (
        _bare(words[-1]) in cfg["dangling"]
        or _bare(words[-1]) in cfg["reporting_verbs"]
        or not _bare(words[-1])
    ):
        words.pop()
    return words


def _balanced(words: list[str]) -> bool:
    text = " ".join(words)
    return (
        text.count('"') % 2 == 0
        and text.count("“") == text.count("”")
        and text.count("«") == text.count("»")
        and text.count("(") == text.count(")")
    )


def _finish(words: list[str]) -> str:
    """Join words, drop trailing punctuation; a headline starts with a capital."""
    text = " ".join(words).rstrip(_TRAIL + " ")
    return text[:1].upper() + text[1:]


def _ranked(entities: Sequence[Entity], types: tuple[str, ...]) -> list[Entity]:
    """Entities of ``types`` by type order, then most mentioned, then first found."""
    chosen = [(i, e) for i, e in enumerate(entities) if e.type in types]
    chosen.sort(key=lambda pair: (types.index(pair[1].type), -pair[1].mentions, pair[0]))
    return [e for _, e in chosen]


def _name(entity: Entity, lang: str) -> str:
    """Display name in ``lang``; English organisations and some places take "the"."""
    if lang == "ar":
        return entity.ar
    meta = _config()["metadata"]
    name = entity.en
    if entity.type == "place" and any(
        name == p or name.startswith(p + " ") for p in meta["the_place_prefixes"]
    ):
        return f"the {name}"
    if entity.type == "organization":
        first = name.split()[0] if name.split() else ""
        no_article = meta["org_no_article_first_words"]
        is_acronym = first.upper() == first
        if not (
            is_acronym
            or first in no_article
            or first.endswith("'s")
            or any(p.endswith("-") and name.startswith(p) for p in no_article)
        ):
            return f"the {name}"
    return name


def _join(names: list[str], phrases: dict[str, str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return phrases["join_list"].join(names[:-1]) + phrases["join_and"] + names[-1]


def _who_where(lang: str, entities: Sequence[Entity]) -> tuple[str, str]:
    meta = _config()["metadata"]
    phrases = meta[lang]
    places = [_name(e, lang) for e in _ranked(entities, ("place",))][: meta["max_places"]]
    actors = [_name(e, lang) for e in _ranked(entities, ("person", "organization"))]
    return _join(actors[: meta["max_actors"]], phrases), _join(places, phrases)


def _metadata_title(
    lang: str, article: Article, entities: Sequence[Entity], date: str | None
) -> str:
    phrases = _config()["metadata"][lang]
    who, where = _who_where(lang, entities)
    if who and where:
        text = phrases["title_where_who"].format(where=where, who=who)
    elif where:
        text = phrases["title_where"].format(where=where)
    elif who:
        text = phrases["title_who"].format(who=who)
    elif _display_date(date, lang):
        text = phrases["title_date"].format(date=_display_date(date, lang))
    elif article.header.source:
        text = phrases["title_source"].format(source=article.header.source)
    else:
        text = phrases["title_none"].format(id=article.id)
    return text[:1].upper() + text[1:]


def _metadata_summary(
    lang: str, entities: Sequence[Entity], events: Sequence[Event], figures: Sequence[Figure],
    quotes: Sequence[Quote] = (),
) -> str:
    phrases = _config()["metadata"][lang]
    who, where = _who_where(lang, entities)
    dates = list(dict.fromkeys(d for e in events if (d := _display_date(e.date, lang))))
    shown = (_display_figure(f, lang) for f in figures)
    numbers = list(dict.fromkeys(n for n in shown if n))[:_MAX_FIGURES]
    speakers = list(dict.fromkeys(
        name for q in quotes if not q.speaker.anonymous
        and (name := (q.speaker.ar if lang == "ar" else q.speaker.en))))[:_MAX_FIGURES]
    parts = []
    if who:
        parts.append(phrases["summary_who"].format(who=who))
    if where:
        parts.append(phrases["summary_where"].format(where=where))
    if dates:
        parts.append(phrases["summary_events"].format(events="; ".join(dates[:_MAX_EVENTS])))
    if numbers:
        parts.append(phrases["summary_figures"].format(figures="; ".join(numbers)))
    if speakers:
        parts.append(phrases["summary_quotes"].format(speakers=_join(speakers, phrases)))
    body = " ".join(p[:1].upper() + p[1:] for p in parts) or phrases["summary_none"]
    return f"{phrases['summary_label']} {body}"


def _display_date(iso: str | None, lang: str) -> str:
    """``"2015-11-20"`` -> ``"20 November 2015"``, ``"--11-28"`` -> ``"28 November"``."""
    if not iso:
        return ""
    m = re.fullmatch(r"(\d{4}|-)-(\d{2})-(\d{2})", iso)
    if not m:
        return ""
    year = int(m[1]) if m[1] != "-" else None
    try:
        day = dt.date(year or 2000, int(m[2]), int(m[3]))
    except ValueError:
        return ""
    return format_date(day, "d MMMM y" if year else "d MMMM", locale=lang)


def _display_figure(figure: Figure, lang: str) -> str:
    """A figure with what it counts: ``"65 billion riyals"``, ``"40%"``; on the English
    side ``""`` when the counted noun has no English in ``english.yml`` (no bare numbers).
    On the Arabic side (English articles) the unit is shown when written in Arabic."""
    if lang == "ar":
        number = format_decimal(figure.value, locale=lang)
        is_arabic = any("\u0600" <= c <= "\u06ff" for c in figure.unit)
        return f"{number} {figure.unit}" if figure.unit and is_arabic else number
    unit = _unit_en(figure.unit)
    if unit is None:
        return ""
    singular, plural = unit
    if singular == "percent":
        return f"{format_decimal(figure.value, locale='en')}%"
    number = format_decimal(figure.value, locale="en")
    for scale, word in sorted(_config()["metadata"]["scales"].items(), reverse=True):
        if abs(figure.value) >= scale:
            number = f"{format_decimal(round(figure.value / scale, 2), locale='en')} {word}"
            break
    return f"{number} {singular if figure.value == 1 else plural}"


def _unit_en(unit: str) -> tuple[str, str] | None:
    """English (singular, plural) of a figure's counted noun, from its first word."""
    words = normalize(unit).split()
    if not words:
        return None
    table = _units()
    for word in (words[0], words[0][1:] if words[0][:1] in "وبل" else ""):
        if word in table:
            return table[word]
    return None


@lru_cache(maxsize=1)
def _units() -> dict[str, tuple[str, str]]:
    out = {}
    for ar, en in _config()["metadata"]["units"].items():
        if not (isinstance(en, list) and len(en) == 2):
            raise ValueError(f"{_DATA}: 'metadata.units.{ar}' must be [singular, plural]")
        out[normalize(str(ar))] = (str(en[0]), str(en[1]))
    return out
