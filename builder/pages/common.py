"""What every page planner shares: entries, page locations, relative URLs, pagination and
the per-page ``View`` that templates use to format dates, names and mixed-direction text.

A *location* is a page's URL below the language root, without a leading slash:
``""`` (home), ``"articles/2365a23702f008e8/"``, ``"tags/people/vladimir-putin/page/2/"``;
:class:`builder.config.Urls` says where each kind of page lives.
The Arabic page is served at ``/<loc>`` and its English twin at ``/en/<loc>``, so a relative
link between two pages of the same language is the same in both languages.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Generic, TypeVar

from markupsafe import Markup

from .. import dates_display
from ..config import DEFAULT_LANG, URLS, Urls
from ..html import article_item, bidi_text, entity_name, isolate, item_body, tag_chip, text_lang
from ..model import Article, Metadata
from ..ui import direction, strings
from ..writer import PageSpec

T = TypeVar("T")



@dataclass(frozen=True)
class Entry:
    """An article with its metadata: what every page planner works from.

    ``digest`` identifies the source and the code that extracted it (the extraction
    cache's key): equal digests, equal article and metadata. Empty when unknown.
    """

    article: Article
    meta: Metadata
    digest: str = field(default="", compare=False)


def shows_text(article: Article, lang: str) -> bool:
    """Whether the page of ``article`` in ``lang`` shows its text: in the article's own
    language and in the archive's (Arabic) always; in English only when there is English
    text (the article itself or its translation). An English page without it shows the
    headline, names, summary and metadata and links to the original instead."""
    return lang in (article.lang, DEFAULT_LANG) or article.translation is not None


def relative(source: str, target: str, anchor: str | None = None) -> str:
    """Relative URL from the page at ``source`` to ``target`` (both locations).

    ``relative("articles/x/", "tags/people/y/")`` -> ``"../../tags/people/y/"``.
    """
    src = source.split("/")[:-1] if source else []
    dst = target.split("/")[:-1] if target else []
    common = 0
    for a, b in zip(src, dst, strict=False):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(src) - common) + dst[common:]
    url = "/".join(parts) + "/" if parts else "./"
    return f"{url}#{anchor}" if anchor else url




#: Words of a sentence that a page quotes again beside the paragraph holding it (figures
#: and events of an article, an entity's small timeline): :func:`excerpt`.
EXCERPT_WORDS = 16
_ELLIPSIS = "…"


def excerpt(text: str, near: str | None = None, words: int = EXCERPT_WORDS) -> str:
    """``text`` cut to at most ``words`` words, with an ellipsis where it was cut: from
    its start, or around the first word that holds ``near`` (a figure's unit) when that
    word lies beyond the first ``words``.

    ``excerpt("a b c d e", words=3)`` -> ``"a b c …"``;
    ``excerpt("a b c d e f", "e", words=3)`` -> ``"… d e f"``.
    """
    parts = text.split()
    if len(parts) <= words:
        return text
    start = 0
    if near:
        hit = next((i for i, w in enumerate(parts) if near in w), None)
        if hit is not None and hit >= words:
            start = min(hit - words // 2, len(parts) - words)
    head = f"{_ELLIPSIS} " if start else ""
    tail = f" {_ELLIPSIS}" if start + words < len(parts) else ""
    return head + " ".join(parts[start:start + words]) + tail


def newest_first(entries: Sequence[Entry]) -> list[Entry]:
    """Dated articles newest first, then undated ones by corpus order (newest first)."""
    return sorted(
        entries,
        key=lambda e: (e.meta.date or "", e.article.order, e.article.id),
        reverse=True,
    )


def title(meta: Metadata, lang: str) -> str:
    """The headline in ``lang``, falling back to the Arabic one."""
    return (meta.title_en if lang == "en" else None) or meta.title_ar


def summary(meta: Metadata, lang: str) -> str:
    """The summary in ``lang``, falling back to the Arabic one."""
    return (meta.summary_en if lang == "en" else None) or meta.summary_ar


_BLANKS = re.compile(r"\s+")
#: What may end a headline cut from the lead sentence.
_HEADLINE_END = " \t\n.,;:!?…،؛؟-–—"
#: The extractor's data file whose ``metadata.<lang>.summary_label`` opens a summary made
#: from the metadata when the article has no text in that language.
_ENGLISH_DATA = Path(__file__).resolve().parent.parent / "extract" / "data" / "english.yml"


@lru_cache(maxsize=1)
def generated_labels() -> tuple[str, ...]:
    """The labels that open a summary generated from an article's metadata (one per
    language, from ``builder/extract/data/english.yml``)."""
    import yaml

    with open(_ENGLISH_DATA, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    metadata = data.get("metadata") or {}
    return tuple(str(phrases["summary_label"]) for phrases in metadata.values()
                 if isinstance(phrases, dict) and phrases.get("summary_label"))


def summary_adds(headline: str | None, text: str | None) -> bool:
    """Whether a list of articles shows the summary ``text`` under ``headline``: not when
    it only repeats it -- a headline cut from the lead sentence that the summary begins
    with, or a summary generated from the names, places and dates of the metadata -- nor
    when there is none.

    ``summary_adds("أكد بلاتر أنه", "أكد بلاتر أنه لن يترشح.")`` -> False;
    ``summary_adds("Putin praises the strikes", "The Russian president said …")`` -> True.
    """
    if not text or not text.strip():
        return False
    if text.startswith(generated_labels()):
        return False
    head = _BLANKS.sub(" ", headline or "").strip().rstrip(_HEADLINE_END)
    body = _BLANKS.sub(" ", text).strip()
    return not head or not (body.startswith(head) or head.startswith(body.rstrip(_HEADLINE_END)))


@dataclass(frozen=True)
class Pager(Generic[T]):
    """One page of a paginated list: ``items`` of page ``number`` (1-based) of ``count``."""

    base: str  #: location of page 1; page n is ``<base>page/<n>/`` (:attr:`Urls.page`)
    number: int
    count: int
    items: Sequence[T]
    offset: int = 0  #: index of ``items[0]`` in the whole list
    total: int = 0  #: length of the whole list
    urls: Urls = field(default=URLS, repr=False, compare=False)

    @property
    def loc(self) -> str:
        """Location of this page."""
        return self.urls.page_loc(self.base, self.number)

    def at(self, number: int) -> str:
        """Location of page ``number`` of the same list."""
        return self.urls.page_loc(self.base, number)

    def window(self, width: int = 2) -> list[int | None]:
        """Page numbers to show: first, last and ``width`` around the current; None = gap."""
        shown = sorted({1, self.count, *range(self.number - width, self.number + width + 1)})
        out: list[int | None] = []
        for n in shown:
            if 1 <= n <= self.count:
                if out and out[-1] is not None and n - out[-1] > 1:
                    out.append(None)
                out.append(n)
        return out


def paginate(base: str, items: Sequence[T], size: int, urls: Urls = URLS) -> list[Pager[T]]:
    """Split ``items`` into pages of ``size`` (at least one page, possibly empty), the first
    at ``base`` and the others where ``urls`` puts them."""
    count = max(1, -(-len(items) // size))
    return [
        Pager(base, n + 1, count, items[n * size:(n + 1) * size], n * size, len(items), urls)
        for n in range(count)
    ]


@dataclass(frozen=True)
class View:
    """Formatting helpers bound to one page (its language and location) for templates."""

    lang: str
    loc: str
    t: dict[str, str] = field(default_factory=dict)
    urls: Urls = URLS  #: where the pages it links to live

    @classmethod
    def of(cls, lang: str, loc: str, urls: Urls = URLS) -> View:
        """The view of the page at ``loc`` in ``lang``."""
        return cls(lang, loc, strings(lang), urls)

    @property
    def dir(self) -> str:
        """``rtl`` or ``ltr``."""
        return direction(self.lang)

    def url(self, target: str, anchor: str | None = None) -> str:
        """Relative URL from this page to the location ``target``."""
        return relative(self.loc, target, anchor)

    def date(self, iso: str | None) -> str:
        """Gregorian date with the Hijri date in brackets, in this page's language."""
        return dates_display.full(iso, self.lang)

    def gregorian(self, iso: str | None) -> str:
        """Gregorian date only."""
        return dates_display.gregorian(iso, self.lang)

    def month(self, year: int | None, month: int) -> str:
        """``"نوفمبر 2015"``, or the month alone when the year is unknown."""
        if year is None:
            return dates_display.month_name(month, self.lang)
        return dates_display.gregorian(f"{year:04d}-{month:02d}", self.lang)

    def text(self, value: str | None) -> Markup:
        """``value`` escaped; isolated in a ``<bdi>`` when its script is not the page's."""
        return bidi_text(value, self.lang)

    def excerpt(self, value: str | None, near: str | None = None) -> str:
        """:func:`excerpt` of ``value`` (plain text: the template escapes it)."""
        return excerpt(value, near) if value else ""

    def attrs(self, value: str | None) -> Markup:
        """``lang``/``dir`` attributes for an element holding ``value`` (its own script),
        placed in the page's text: none when that is the page's language, which the element
        inherits."""
        lang = text_lang(value, self.lang)
        if lang == self.lang:
            return Markup("")
        return Markup(' lang="%s" dir="%s"') % (lang, direction(lang))

    def other_name(self, ar: str, en: str | None) -> Markup:
        """The name in the other language, isolated, in brackets (empty when none)."""
        other = en if self.lang == "ar" else ar
        if not other or other == (ar if self.lang == "ar" else en):
            return Markup("")
        return Markup("(%s)") % isolate(other, text_lang(other, "en" if self.lang == "ar" else "ar"))

    def page_suffix(self, pager: Pager | None) -> str:
        """``" – صفحة 2"`` on page 2 and later of a list, else empty."""
        if pager is None or pager.number == 1:
            return ""
        return " – " + self.t["page_n"].format(n=pager.number)

    def name(self, ar: str, en: str | None) -> Markup:
        """An entity name: Arabic on Arabic pages, ``English (العربية)`` on English ones."""
        return entity_name(ar, en, self.lang)

    def headline(self, meta: Metadata) -> Markup:
        """The article's headline in this language (isolated if in the other script)."""
        return self.text(title(meta, self.lang))

    def summary(self, meta: Metadata) -> Markup:
        """The article's summary in this language (isolated if in the other script)."""
        return self.text(summary(meta, self.lang))

    def item(self, entry: Entry) -> Markup:
        """The list item of an article in a list of articles: link, headline, date and,
        when it says more than the headline (:func:`summary_adds`), summary
        (:func:`~builder.html.article_item`)."""
        meta = entry.meta
        headline, text = title(meta, self.lang), summary(meta, self.lang)
        return article_item(self.article(meta.id), item_body(
            self.lang, meta.date, headline, text if summary_adds(headline, text) else None))

    def chip(self, tag: Any, n: int | None = None) -> Markup:
        """A link to a tag's page showing its name (and a count ``n``); ``tag``: a catalog
        tag, with ``ar``, ``en`` and ``loc`` (:func:`~builder.html.tag_chip`)."""
        return tag_chip(self.url(tag.loc), entity_name(tag.ar, tag.en, self.lang), n)

    def article(self, article_id: str, anchor: str | None = None) -> str:
        """Relative URL of an article page (``anchor`` e.g. ``"p2"``)."""
        return relative(self.loc, self.urls.article_loc(article_id), anchor)

    def original(self, article: Article, anchor: str | None = None) -> str:
        """Relative URL of the article's page in its own language (``anchor`` e.g.
        ``"p2"``): from the English page of an Arabic article, ``../../../articles/<id>/``."""
        here = self.urls.served_loc(self.loc, self.lang)
        there = self.urls.served_loc(self.urls.article_loc(article.id), article.lang)
        return relative(here, there, anchor)

    def paragraph(self, entry: Entry, index: int) -> str:
        """Relative URL of paragraph ``index`` (0-based) of an article: on its page in
        this language (``#p<n>`` from that page itself), or on its page in its own language
        when the page in this language does not show its text (:func:`shows_text`)."""
        anchor = f"p{index + 1}"
        if not shows_text(entry.article, self.lang):
            return self.original(entry.article, anchor)
        loc = self.urls.article_loc(entry.meta.id)
        return f"#{anchor}" if loc == self.loc else relative(self.loc, loc, anchor)

    def paragraph_link(self, entry: Entry, index: int) -> Markup:
        """``href`` (:meth:`paragraph`) of a link to a paragraph of an article, with
        ``hreflang`` when it leads to a page in another language."""
        attrs = Markup(' href="%s"') % self.paragraph(entry, index)
        if not shows_text(entry.article, self.lang):
            attrs += Markup(' hreflang="%s"') % entry.article.lang
        return attrs

    def number(self, value: float) -> str:
        """A number formatted for this language (``2289`` -> ``"2,289"``)."""
        from babel.numbers import format_decimal

        return format_decimal(value, locale=self.lang)

    def count(self, key: str, n: int) -> str:
        """``"{n} <noun>"`` from a ``ui.yml`` entry ``key`` holding ``{n}``."""
        return self.t[key].format(n=n)


def spec(loc: str, lang: str, template: str, front: dict[str, Any], *, urls: Urls,
         key: str | None = None, lazy: Callable[[], dict[str, Any]] | None = None,
         **context: Any) -> PageSpec:
    """A page at ``loc`` in ``lang`` rendered from ``template`` with a :class:`View` ``v``
    (``urls``: the site's layout; ``key``: see :func:`page_key`; ``lazy``: more context,
    made only when the page is rendered, see :attr:`PageSpec.make`)."""
    view = View.of(lang, loc, urls)
    base = {"lang": lang, "t": view.t, "v": view, **context}
    path = urls.source_path(loc, lang)
    if lazy is not None:
        return PageSpec(path=path, template=template, key=key,
                        make=lambda: (front, {**base, **lazy()}))
    return PageSpec(
        path=path,
        template=template,
        front_matter=front,
        context=base,
        key=key,
    )


def page_key(*parts: Any) -> str:
    """:attr:`PageSpec.key` of a page made of ``parts``: strings, numbers, None and tuples or
    lists of them, an article standing for itself by its :attr:`Entry.digest`."""
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


def digests(entries: Iterable[Entry]) -> list[str] | None:
    """The digests of ``entries``; None when one is unknown (its page cannot have a key)."""
    found = [e.digest for e in entries]
    return found if all(found) else None


def digest_of(entries: Iterable[Entry]) -> str | None:
    """One digest standing for ``entries`` in their order; None when one is unknown."""
    found = digests(entries)
    if found is None:
        return None
    return hashlib.sha256("\0".join(found).encode("utf-8")).hexdigest()
