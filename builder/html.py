"""Small, escaped HTML pieces for the page templates (article text is data, never markup).

Text is escaped by MarkupSafe (``escape`` and ``Markup.__mod__``). The pieces every list
page repeats, an article's list item and a tag's name, are made once per article or tag
and language by the cached functions :func:`item_body` and :func:`entity_name`.

``linked("قال بوتين", [Link(4, 9, "../../tags/people/vladimir-putin/")])`` ->
``Markup('قال <a href="../../tags/people/vladimir-putin/">بوتين</a>')``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup, escape

from . import dates_display
from .ui import direction

_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
#: Entries kept by each cached function: more than the articles (or tags) of an archive
#: times its languages.
_CACHED = 1 << 16


@dataclass(frozen=True)
class Link:
    """A link to insert over ``text[start:end]``."""

    start: int
    end: int
    href: str
    title: str | None = None


def linked(text: str, links: Iterable[Link]) -> Markup:
    """``text`` escaped, with ``links`` inserted at their offsets.

    Links are taken in order of start (longer first on ties); one that overlaps a link
    already placed, is empty or lies outside the text is skipped.
    """
    out: list[str] = []
    pos = 0
    for link in sorted(links, key=lambda k: (k.start, -k.end, k.href)):
        if link.start < pos or link.end <= link.start or link.end > len(text) or link.start < 0:
            continue
        out.append(escape(text[pos:link.start]))
        title = Markup(' title="%s"') % link.title if link.title else ""
        out.append(Markup('<a href="%s"%s>%s</a>') % (
            link.href, title, text[link.start:link.end]))
        pos = link.end
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def isolate(text: str, lang: str | None = None) -> Markup:
    """Text in a ``<bdi>`` so that its direction cannot disturb the sentence around it.

    ``isolate("Vladimir Putin", "en")`` -> ``<bdi lang="en" dir="ltr">Vladimir Putin</bdi>``;
    without ``lang`` the browser picks the direction from the text itself.
    """
    if lang is None:
        return Markup("<bdi>%s</bdi>") % text
    return Markup('<bdi lang="%s" dir="%s">%s</bdi>') % (lang, direction(lang), text)


def text_lang(text: str | None, default: str = "ar") -> str:
    """The language a text is written in, as far as its script tells: ``"ar"`` or ``"en"``.

    ``text_lang("بوتين")`` -> ``"ar"``; ``text_lang("Putin")`` -> ``"en"``.
    """
    if not text:
        return default
    if _ARABIC.search(text):
        return "ar"
    return "en" if _LATIN.search(text) else default


def bidi_text(value: str | None, lang: str) -> Markup:
    """``value`` escaped for a page in ``lang``; isolated in a ``<bdi>`` when its script is
    another language's: ``bidi_text("Putin", "ar")`` -> ``<bdi lang="en" dir="ltr">Putin</bdi>``."""
    if not value:
        return Markup("")
    found = text_lang(value, lang)
    return escape(value) if found == lang else isolate(value, found)


@lru_cache(maxsize=_CACHED)
def entity_name(ar: str, en: str | None, lang: str) -> Markup:
    """An entity's name on a page in ``lang``: Arabic on Arabic pages, ``English (العربية)``
    on English ones: ``entity_name("بوتين", "Putin", "en")`` ->
    ``Putin (<bdi lang="ar" dir="rtl">بوتين</bdi>)``."""
    if lang == "ar" or not en:
        return bidi_text(ar, lang)
    return Markup("%s (%s)") % (bidi_text(en, lang), isolate(ar, "ar"))


def tag_chip(href: str, name: Markup, n: int | None = None) -> Markup:
    """A link to a tag's page showing its ``name`` (and a count ``n``):
    ``tag_chip("../x/", Markup("بوتين"), 3)`` ->
    ``<a href="../x/">بوتين</a> <small>3</small>``; the list around it gives the style
    (``.na-chips``, ``.na-ranked`` in archive.css)."""
    chip = Markup('<a href="%s">%s</a>') % (href, name)
    return chip if n is None else chip + Markup(' <small>%s</small>') % n


@lru_cache(maxsize=_CACHED)
def item_body(lang: str, iso: str | None, headline: str, summary: str | None) -> Markup:
    """What follows the link of an article's list item on a page in ``lang``: headline,
    Gregorian date (``iso``; the article's page gives the Hijri date beside it, a list of
    fifty would repeat it on every line) and summary (none when ``summary`` is empty),
    closing the item (see :func:`article_item`): ``item_body("ar", None, "عنوان", "ملخص")``
    -> ``عنوان</a><br><span class="na-summary">ملخص</span></li>``."""
    date = Markup(' <time datetime="%s">%s</time>') % (
        iso, dates_display.gregorian(iso, lang)) if iso else Markup("")
    more = Markup('<br><span class="na-summary">%s</span>') % bidi_text(summary, lang) \
        if summary else Markup("")
    return Markup("%s</a>%s%s</li>") % (bidi_text(headline, lang), date, more)


def article_item(href: str, body: Markup) -> Markup:
    """An article's list item: a link to ``href`` around the start of its :func:`item_body`;
    the list around it (``.na-list``) gives the style."""
    return Markup('<li><a href="%s">%s') % (href, body)
