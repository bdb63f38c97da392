"""Pagefind attributes and search forms on an article page.

The MkDocs hook ``hooks/search_index.py`` calls :func:`decorate_article` on article pages
(Pagefind meta and sort on the ``data-pagefind-body`` element, the ignored sections): that
is all the served page carries for the search. The index-only part -- the date meta and
the filters (year, people, places, organisations) in hidden elements, and the words of the
entities' names that the text does not write, in a block hidden from display and from
screen readers -- is made from the page itself (its sort date and its JSON-LD, which name
the same entities) when the indexing step copies the page for Pagefind
(:func:`with_search_block`, :mod:`.slim`), and the search forms of every word are added to
that block (:func:`add_forms`). So no page needs to keep it: a page rendered long ago is
indexed again from what it serves.

``index_forms("أعلن الرئيس الروسى")`` -> ``["اعلن", "رئيس", "روسي"]``.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping, Sequence

from ..model import ENTITY_TYPES, parse_date
from .forms import Lexicon, pagefind_term
from .language import query_form, rules, words
from .layout import ARTICLE_LD_ID, FORMS_ID
from .markup import body_open, element_end, indexed_text

#: Sections of an article page that repeat its text or show other articles (figures,
#: quotes, events, related articles): kept out of the index so that they neither match
#: nor fill the snippets (classes written by builder/templates/article.md.j2).
NOT_INDEXED = ("na-figures", "na-quotes", "na-events", "na-related")

_SECTION = re.compile('<section class="(?:' + "|".join(map(re.escape, NOT_INDEXED)) + ')"')


def decorate_article(page_html: str, meta: Mapping[str, object]) -> str:
    """Pagefind attributes of a rendered article page: ``kind:article`` meta and, when the
    page's ``date`` (front matter ``meta``) has a year, the sort key on the
    ``data-pagefind-body`` element; ``data-pagefind-ignore`` on the sections that show
    other articles or repeat the text (:data:`NOT_INDEXED`). Pages without a
    ``data-pagefind-body`` element are returned unchanged. (The filters and names are made
    at indexing: :func:`with_search_block`.)
    """
    date = str(meta.get("date") or "")
    parts = parse_date(date)
    attrs = {"data-pagefind-meta": "kind:article"}
    if parts is not None and parts.year is not None:
        attrs["data-pagefind-sort"] = f"date:{date}"
    page_html = _SECTION.sub(lambda m: m.group(0) + " data-pagefind-ignore", page_html)
    return _insert(page_html, attrs, "")


#: Schema.org types of the JSON-LD ``mentions`` -> entity types (filters): ``Person`` ->
#: ``person``, as ``overrides/partials/archive-meta.html`` names them.
LD_TYPES = {kind.capitalize(): kind for kind in ENTITY_TYPES}

_SORT_DATE = re.compile(r'\bdata-pagefind-sort="date:([^"]*)"')

_LD_START = f'<script type="application/ld+json" id="{ARTICLE_LD_ID}">'


def with_search_block(body: str, page_html: str) -> str:
    """``body`` (the ``data-pagefind-body`` element of ``page_html``) with its index-only
    part before its end tag: the date meta and the filters in a hidden, index-ignored
    element, then the words of the entities' names that the text does not write
    (:func:`name_words`, in the block :func:`add_forms` fills).

    The date is the body's sort date (:func:`decorate_article`); the entities are the
    ``mentions`` of the page's JSON-LD (``overrides/partials/archive-meta.html``): each a
    filter of its type named in the page's language (``name``), both its names
    (``name``, ``alternateName``) in the block. A body that has such a part already (a
    slim copy) or a page without JSON-LD is returned as it is, but for the date.
    """
    if not body or '<div hidden data-pagefind-ignore>' in body \
            or f'<div id="{FORMS_ID}"' in body:
        return body
    start = body[: body.find(">") + 1]
    sort = _SORT_DATE.search(start)
    date = html.unescape(sort.group(1)) if sort else ""
    filters = [("year", date[:4])] if date else []
    names: list[str] = []
    for thing in _mentions(page_html):
        kind, name = LD_TYPES.get(str(thing.get("@type"))), str(thing.get("name") or "")
        other = str(thing.get("alternateName") or "")
        if kind is None or not name:
            continue
        filters.append((kind, name))
        names += [name, other] if other else [name]
    hidden = _hidden([("data-pagefind-meta", "date", date)]
                     + [("data-pagefind-filter", key, value) for key, value in filters])
    block = hidden + _forms_block(name_words(indexed_text(body), names))
    if not block:
        return body
    opened = body_open(body)
    end = body.rfind("</")
    if opened is None or end < opened.end() or not body.startswith(f"</{opened.group(1)}", end):
        end = len(body)  # (an element never closed)
    return body[:end] + block + body[end:]


def _mentions(page_html: str) -> list[Mapping[str, object]]:
    """The ``mentions`` of the JSON-LD NewsArticle in the head of ``page_html`` ([] when
    there is none or it cannot be read)."""
    head_end = page_html.find("</head>")
    at = page_html.find(_LD_START, 0, head_end if head_end >= 0 else len(page_html))
    if at < 0:
        return []
    at += len(_LD_START)
    end = page_html.find("</script>", at)
    try:
        ld = json.loads(page_html[at: end if end >= 0 else len(page_html)])
    except ValueError:
        return []
    mentions = ld.get("mentions") if isinstance(ld, dict) else None
    return [m for m in mentions if isinstance(m, dict)] if isinstance(mentions, list) else []


def name_words(text: str, names: Iterable[str]) -> list[str]:
    """The words of ``names`` (entity names) that the page's ``text`` does not write: the
    index-only block of the page (:func:`add_forms` adds the search forms to it).

    ``name_words("زار لافروف", ["سيرغي لافروف", "Sergey Lavrov"])`` ->
    ``["سيرغي", "sergey", "lavrov"]``; a word written with marks inside is also kept whole
    (``al-sa'di``, ``al``, ``sa``, ``di``), as Pagefind reads it in an English text.
    """
    written = {word.lower() for word in words(text)}
    out: dict[str, None] = {}
    for name in names:
        for chunk in name.split():
            parts = [w.lower() for w in words(chunk)]
            whole = _NAME_EDGES.sub("", chunk).lower()  # al-Sa'di as Pagefind reads it
            for word in [whole] * bool(_JOINED.match(whole)) + parts:
                if len(word) > 1 and word not in written:
                    out.setdefault(word)
    return list(out)


#: Characters around a word of a name that are not part of it.
_NAME_EDGES = re.compile(r"^[^\w]+|[^\w]+$")

#: A word of a name made of words joined by a hyphen, an apostrophe or a dot.
_JOINED = re.compile(r"^\w+(?:[-'’.]\w+)+$")

FORMS_BLOCK = re.compile(f'<div id="{FORMS_ID}"[^>]*>([^<]*)</div>')


def add_forms(page_html: str, lexicon: Lexicon | None) -> str:
    """The page with the search forms of its words (:func:`index_forms` with ``lexicon``)
    in its index-only block (made if it has none; nothing if it has no
    ``data-pagefind-body`` element). The block's own words, names that the text does not
    write (:func:`name_words`), are kept and given their forms too."""
    block = FORMS_BLOCK.search(page_html)
    names = html.unescape(block.group(1)) if block else ""
    text = indexed_text(FORMS_BLOCK.sub(" ", page_html) if block else page_html)
    if not text and not body_open(page_html):
        return page_html
    forms = names.split() + index_forms(text, [names], lexicon)
    forms = list(dict.fromkeys(forms))
    if block:
        return page_html[: block.start()] + _forms_block(forms) + page_html[block.end():]
    body = body_open(page_html)
    assert body is not None  # (returned above otherwise)
    end = element_end(page_html, body.group(1), body.end())
    close = page_html.rfind("</", body.end(), end)  # the body's end tag, if it has one
    if close < 0 or not page_html.startswith(f"</{body.group(1)}", close):
        close = end
    return page_html[:close] + _forms_block(forms) + page_html[close:]


def index_forms(text: str, names: Iterable[str] = (), lexicon: Lexicon | None = None
                ) -> list[str]:
    """Search forms to add to the index for a page whose indexed text is ``text``.

    A word's form (:func:`query_form` with ``lexicon``, as Pagefind is given it:
    :func:`forms.pagefind_term`) is added when it differs from the word as written; every
    word of ``names`` (entity names, which the text may spell differently or not contain)
    is added as written (lower case) and as a form. First occurrence order, no duplicates.
    ``index_forms("أعلن الرئيس الروسى")`` -> ``["اعلن", "رئيس", "روسي"]``.
    """
    c = rules().clitics
    seen: set[str] = set()
    out: list[str] = []

    form_of = (lambda word: lexicon.term(word, c)) if lexicon is not None else \
        (lambda word: pagefind_term(query_form(word), c))

    def add(form: str) -> None:
        if len(form) > 1 and form not in seen:
            seen.add(form)
            out.append(form)

    unique = {word: word.lower() for word in words(text)}  # first occurrence order
    written = set(unique.values())
    for word, lower in unique.items():
        form = form_of(word)
        if form != lower and form not in written and len(form) > 1 and form not in seen:
            seen.add(form)
            out.append(form)
    for name in names:
        for word in words(name):
            if word.lower() not in written:
                add(word.lower())
            if form_of(word) not in written:
                add(form_of(word))
    return out


def _attrs(values: Mapping[str, str]) -> str:
    return "".join(f' {k}="{html.escape(v, quote=True)}"' for k, v in values.items() if v)


def _hidden(items: Iterable[tuple[str, str, str]]) -> str:
    """Hidden, index-ignored elements carrying Pagefind meta and filter values.

    Each item is ``(attribute, key, value)``, e.g. ``("data-pagefind-filter", "year",
    "2015")``; values are element text, so commas and colons in names are safe.
    """
    spans = "".join(
        f'<span {attr}="{html.escape(key, quote=True)}">{html.escape(value)}</span>'
        for attr, key, value in dict.fromkeys(items) if value
    )
    return f'<div hidden data-pagefind-ignore>{spans}</div>' if spans else ""


def _forms_block(forms: Sequence[str]) -> str:
    if not forms:
        return ""
    return (f'<div id="{FORMS_ID}" hidden aria-hidden="true">'
            f'{html.escape(" ".join(forms))}</div>')


def _insert(page_html: str, attrs: Mapping[str, str], inner_end: str) -> str:
    """Add ``attrs`` to the ``data-pagefind-body`` start tag and ``inner_end`` before its end."""
    match = body_open(page_html)
    if not match:
        return page_html
    start_tag = match.group(0)
    new_tag = start_tag[:-1].rstrip("/") + _attrs(attrs) + ">"
    closing = f"</{match.group(1)}>"
    end = page_html.rfind(closing)
    if end < match.end():
        end = len(page_html)
        closing = ""
    return (page_html[: match.start()] + new_tag + page_html[match.end(): end] + inner_end
            + page_html[end:])
