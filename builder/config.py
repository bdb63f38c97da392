"""One typed, validated set of build settings, with the URL layout of every generated page.

:class:`Urls` holds the URL patterns (Pelican's ``ARTICLE_URL`` / ``TAG_SAVE_AS``): pages,
feeds, redirects, the search index and the MkDocs hooks all place and link pages through
it (:data:`URLS`, the layout of this site, is what :class:`Settings` carries by default
and what the hooks and the search indexer read). :data:`LANGS` are the site's languages,
the default first: its pages are served at the root, another language's at
:meth:`Urls.lang_root` (``en/``), as mkdocs-static-i18n places them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path

from .model import TAG_KINDS

#: The languages of the site, the default (Arabic) first; the same as the ``languages`` of
#: the i18n plugin in mkdocs.yml (``hooks/links.py`` refuses a build where they differ).
LANGS = ("ar", "en")
#: The language served at the root of the site.
DEFAULT_LANG = LANGS[0]


@dataclass(frozen=True)
class Urls:
    """Where each kind of page lives: a *location* below a language's root, ending in "/"
    ("" is the home page; the English twin of ``<loc>`` is served at ``en/<loc>``, see
    :meth:`lang_root`).

    Each field is a :meth:`str.format` pattern; ``Urls().tag_loc("people",
    "vladimir-putin")`` -> ``"tags/people/vladimir-putin/"``. A page at ``<loc>`` is written
    to ``docs/<loc>index.md`` (``index.en.md`` in English), an article page to
    :attr:`article_save_as` (``articles/<id>.md``, ``.en.md``).
    """

    article: str = "articles/{id}/"  #: an article page
    article_save_as: str = "articles/{id}.md"  #: its Markdown file below ``docs/``
    tag: str = "tags/{kind}/{slug}/"  #: a person's, place's or organisation's page
    tag_index: str = "tags/{kind}/"  #: every tag of one kind
    tags: str = "tags/"  #: the overview of the kinds
    speaker: str = "quotes/{slug}/"  #: one speaker's quotes
    quotes: str = "quotes/"  #: the speakers
    timeline: str = "timeline/"
    timeline_year: str = "timeline/{year:04d}/"
    timeline_unknown: str = "timeline/unknown-year/"  #: events whose year is unknown
    timeline_undated: str = "timeline/undated/"  #: articles without a date
    archive: str = "archive/"
    archive_month: str = "archive/{year:04d}/{month:02d}/"
    archive_undated: str = "archive/undated/"
    page: str = "{base}page/{number}/"  #: page 2 and later of a list at ``base``
    feeds: str = "feeds/{lang}/"  #: a language's feeds below ``docs/`` (a tag's: + its loc)

    def __post_init__(self) -> None:
        problems = [f"URL pattern {f.name!r}: {p}"
                    for f in fields(self) if (p := _pattern_problem(f.name, getattr(self, f.name)))]
        if problems:
            raise ValueError("; ".join(problems))

    def article_loc(self, article_id: str) -> str:
        """``article_loc("2365a23702f008e8")`` -> ``"articles/2365a23702f008e8/"``."""
        return self.article.format(id=article_id)

    def article_path(self, article_id: str, lang: str) -> str:
        """``article_path("2365a23702f008e8", "en")`` -> ``"articles/2365a23702f008e8.en.md"``."""
        return _in_lang(self.article_save_as.format(id=article_id), lang)

    def tag_loc(self, kind: str, slug: str) -> str:
        """``tag_loc("people", "vladimir-putin")`` -> ``"tags/people/vladimir-putin/"``."""
        return self.tag.format(kind=kind, slug=slug)

    def kind_loc(self, kind: str) -> str:
        """``kind_loc("people")`` -> ``"tags/people/"``."""
        return self.tag_index.format(kind=kind)

    def speaker_loc(self, slug: str) -> str:
        """``speaker_loc("vladimir-putin")`` -> ``"quotes/vladimir-putin/"``."""
        return self.speaker.format(slug=slug)

    def year_loc(self, year: int) -> str:
        """``year_loc(2015)`` -> ``"timeline/2015/"``."""
        return self.timeline_year.format(year=year)

    def month_loc(self, year: int, month: int) -> str:
        """``month_loc(2015, 11)`` -> ``"archive/2015/11/"``."""
        return self.archive_month.format(year=year, month=month)

    def page_loc(self, base: str, number: int) -> str:
        """``page_loc("tags/people/x/", 2)`` -> ``"tags/people/x/page/2/"``; page 1 is ``base``."""
        return base if number == 1 else self.page.format(base=base, number=number)

    def feed_base(self, lang: str) -> str:
        """``feed_base("en")`` -> ``"feeds/en/"``."""
        return self.feeds.format(lang=lang)

    def feed_folder(self) -> str:
        """The folder below ``docs/`` holding every feed (and nothing else): ``"feeds/"``."""
        return self.feeds.split("{", 1)[0]

    def source_path(self, loc: str, lang: str) -> str:
        """The Markdown file below ``docs/`` of a page (not an article) at ``loc``.

        ``source_path("tags/people/", "en")`` -> ``"tags/people/index.en.md"``.
        """
        return _in_lang(f"{loc}index.md", lang)

    def article_folder(self) -> str:
        """The folder holding every article page: ``"articles/"``."""
        return self.article.split("{", 1)[0]

    def lang_root(self, lang: str) -> str:
        """The folder of the site holding the pages of ``lang``: ``""`` for the default
        language, ``"<lang>/"`` for another (where mkdocs-static-i18n builds it with
        ``docs_structure: suffix``): ``lang_root("en")`` -> ``"en/"``."""
        if lang not in LANGS:
            raise ValueError(f"{lang!r} is not a language of the site {LANGS}")
        return "" if lang == DEFAULT_LANG else f"{lang}/"

    def served_loc(self, loc: str, lang: str) -> str:
        """Where the page at ``loc`` is served in ``lang``, below the site:
        ``served_loc("tags/", "en")`` -> ``"en/tags/"``; in Arabic ``"tags/"``."""
        return self.lang_root(lang) + loc

    def split_lang(self, served: str) -> tuple[str, str]:
        """A site path -> (its language, its path below that language's root):
        ``split_lang("en/tags/people/x/index.html")`` -> ``("en", "tags/people/x/index.html")``;
        ``split_lang("tags/")`` -> ``("ar", "tags/")``."""
        for lang in LANGS[1:]:
            root = self.lang_root(lang)
            if served.startswith(root):
                return lang, served[len(root):]
        return DEFAULT_LANG, served

    def split_source_lang(self, path: str) -> tuple[str, str]:
        """A Markdown file below ``docs/`` -> (its language, the default language's file):
        ``split_source_lang("articles/x.en.md")`` -> ``("en", "articles/x.md")``."""
        for lang in LANGS[1:]:
            if path.endswith(suffix := f".{lang}.md"):
                return lang, f"{path[:-len(suffix)]}.md"
        return DEFAULT_LANG, path

    def tag_page(self) -> re.Pattern[str]:
        """Matches (``fullmatch``) the location of the first page of a tag, with ``kind``
        and ``slug`` as groups: ``"tags/people/vladimir-putin/"``, not ``".../page/2/"``."""
        return _tag_page(self.tag)

    def tag_glob(self) -> str:
        """A glob of the folders of every tag's first page: ``"tags/*/*/"``."""
        return self.tag.format(kind="*", slug="*")

    def folders(self) -> tuple[str, ...]:
        """The top folders of ``docs/`` that hold generated pages and feeds, in a stable
        order: ``("articles", "tags", "quotes", "timeline", "archive", "feeds")``."""
        patterns = (getattr(self, f.name) for f in fields(self) if f.name != "page")
        return tuple(dict.fromkeys(p.split("/", 1)[0] for p in patterns))


@lru_cache(maxsize=8)
def _tag_page(pattern: str) -> re.Pattern[str]:
    """:meth:`Urls.tag_page` of the tag pattern ``pattern`` (compiled once)."""
    kinds = "|".join(map(re.escape, TAG_KINDS.values()))
    found = re.escape(pattern).replace(re.escape("{kind}"), f"(?P<kind>{kinds})")
    return re.compile(found.replace(re.escape("{slug}"), "(?P<slug>[^/]+)"))


def _in_lang(path: str, lang: str) -> str:
    """``path`` (``….md``) of the Arabic page -> that of the page in ``lang`` (``….en.md``)."""
    return path if lang == DEFAULT_LANG else f"{path[:-len('.md')]}.{lang}.md"


#: The fields each pattern must use (and may only use).
_FIELDS = {"article": {"id"}, "article_save_as": {"id"}, "tag": {"kind", "slug"},
           "tag_index": {"kind"}, "speaker": {"slug"}, "timeline_year": {"year"},
           "archive_month": {"year", "month"}, "page": {"base", "number"}, "feeds": {"lang"}}


def _pattern_problem(name: str, pattern: str) -> str | None:
    """What is wrong with one pattern, or None."""
    import string

    try:
        used = {f for _, f, _, _ in string.Formatter().parse(pattern) if f is not None}
    except ValueError as exc:
        return f"{pattern!r} is not a format pattern ({exc})"
    wanted = _FIELDS.get(name, set())
    if used != wanted:
        return (f"{pattern!r} must use {{{'}, {'.join(sorted(wanted))}}}" if wanted
                else f"{pattern!r} takes no {{fields}}")
    if name == "article_save_as":
        return None if pattern.endswith(".md") else f"{pattern!r} must end in .md"
    if pattern.startswith("/") or (pattern and not pattern.endswith("/")):
        return f"{pattern!r} must not start with '/' and must end with '/'"
    return None


#: The site's URL layout.
URLS = Urls()

#: Folders and files of ``docs/`` that the builder generates (git ignores them): the
#: folders of :data:`URLS`, the home pages and the subset web fonts.
GENERATED = (*URLS.folders(), *(URLS.source_path("", lang) for lang in LANGS), "assets/fonts")


@dataclass(frozen=True)
class Settings:
    """Paths and switches for one build."""

    root: Path  #: the project folder (holds mkdocs.yml)
    corpus: Path  #: where article files are read from (never written)
    docs: Path  #: where Markdown pages are written
    strict: bool = False  #: fail on any warning (bad article, dropped text)
    cache: Path | None = None  #: extraction cache folder, or None for no cache
    urls: Urls = field(default=URLS)  #: where every generated page lives

    @classmethod
    def from_root(cls, root: Path, **overrides: object) -> Settings:
        """Default layout below ``root``: ``corpus/``, ``docs/``, ``.cache/``."""
        root = root.resolve()
        values: dict[str, object] = {
            "root": root,
            "corpus": root / "corpus",
            "docs": root / "docs",
            "cache": root / ".cache" / "extract",
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
