"""Pagefind attributes and search forms on an article page.

The MkDocs hook ``hooks/search_index.py`` calls :func:`decorate_article` on article pages
(Pagefind meta, sort and filters, the ignored sections, and the words of the entities' names
that the text does not write, in an index-only block hidden from display and from screen
readers); the indexing step adds the search forms of every word to that block
(:func:`add_forms`).

``index_forms("أعلن الرئيس الروسى")`` -> ``["اعلن", "رئيس", "روسي"]``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence

from ..model import ENTITY_TYPES, parse_date
from .forms import Lexicon, pagefind_term
from .language import query_form, rules, words
from .layout import FORMS_ID
from .markup import body_open, element_end, indexed_text

#: Sections of an article page that repeat its text or show other articles (figures,
#: quotes, events, related articles): kept out of the index so that they neither match
#: nor fill the snippets (classes written by builder/templates/article.md.j2).
NOT_INDEXED = ("na-figures", "na-quotes", "na-events", "na-related")

_SECTION = re.compile('<section class="(?:' + "|".join(map(re.escape, NOT_INDEXED)) + ')"')


def decorate_article(page_html: str, meta: Mapping[str, object], lang: str) -> str:
    """Pagefind attributes, filters and entity names for a rendered article page.

    ``meta`` is the page's front matter (``date``, ``entities`` [{type, ar, en}], ...):
    the date becomes Pagefind meta, sort key and ``year`` filter; each entity a filter of
    its type (named in ``lang``); the words of the entities' names in both languages that
    the text does not write go into a hidden, index-only block (the indexing step adds the
    search forms of every word to it: :func:`add_forms`). Pages without a
    ``data-pagefind-body`` element are returned unchanged.
    """
    entities = [e for e in (meta.get("entities") or []) if isinstance(e, Mapping)]
    date = str(meta.get("date") or "")
    parts = parse_date(date)
    dated = parts is not None and parts.year is not None
    attrs = {"data-pagefind-meta": "kind:article"}
    if dated:
        attrs["data-pagefind-sort"] = f"date:{date}"
    filters = [("year", date[:4] if dated else "")]
    filters += [(str(e.get("type")), _name(e, lang)) for e in entities
                if e.get("type") in ENTITY_TYPES]
    hidden = [("data-pagefind-meta", "date", date if dated else "")]
    hidden += [("data-pagefind-filter", key, value) for key, value in filters]
    names = [str(e.get(k)) for e in entities for k in ("ar", "en") if e.get(k)]
    page_html = _SECTION.sub(lambda m: m.group(0) + " data-pagefind-ignore", page_html)
    extra = name_words(indexed_text(page_html), names)
    return _insert(page_html, attrs, _hidden(hidden) + _forms_block(extra))


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


def _name(entity: Mapping[str, object], lang: str) -> str:
    value = entity.get("en") if lang == "en" else entity.get("ar")
    return str(value or entity.get("ar") or entity.get("en") or "")


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
