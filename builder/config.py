"""One typed, validated set of build settings, with the URL layout of every generated page.

:class:`Urls` holds the URL patterns (Pelican's ``ARTICLE_URL`` / ``TAG_SAVE_AS``): pages,
feeds, redirects, the search index and the MkDocs hooks all place and link pages through
it. The defaults are this site's layout (:data:`URLS`); a site sets its own in mkdocs.yml
(``extra.urls``, :func:`read_urls`), which :class:`Settings`, the renderer, the search
indexer and the hooks all read (guide/pages.md). :data:`LANGS` are the site's languages,
the default first: its pages are served at the root, another language's at
:meth:`Urls.lang_root` (``en/``), as mkdocs-static-i18n places them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
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
        problems = [f"{f.name}: {p}"
                    for f in fields(self) if (p := _pattern_problem(f.name, getattr(self, f.name)))]
        if not problems:
            problems = _layout_problems(self)
        if problems:
            raise ValueError("; ".join(problems))

    @classmethod
    def from_settings(cls, values: object) -> Urls:
        """The layout ``extra.urls`` of mkdocs.yml asks for: its keys are the fields of this
        class, a key not given keeps its default (``article`` alone also moves
        ``article_save_as``). ``None`` -> :data:`URLS`. Raises ValueError, naming the key
        and what is wrong, for an unknown key or a bad pattern."""
        if values is None:
            return URLS
        if not isinstance(values, Mapping):
            raise ValueError(f"mkdocs.yml: extra.urls must map pattern names to patterns, "
                             f"not {values!r}")
        names = [f.name for f in fields(cls)]
        unknown = sorted(str(k) for k in values if k not in names)
        if unknown:
            raise ValueError(f"mkdocs.yml: extra.urls: unknown key {', '.join(unknown)} "
                             f"(the keys: {', '.join(names)})")
        bad = sorted(str(k) for k, v in values.items() if not isinstance(v, str))
        if bad:
            raise ValueError(f"mkdocs.yml: extra.urls: {', '.join(bad)} must be a string")
        given = dict(values)
        if "article" in given and "article_save_as" not in given \
                and _pattern_problem("article", given["article"]) is None:
            given["article_save_as"] = given["article"].rstrip("/") + ".md"
        try:
            return cls(**given)
        except ValueError as exc:
            raise ValueError(f"mkdocs.yml: extra.urls: {exc}") from None

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

    def generated(self) -> tuple[str, ...]:
        """What the builder generates below ``docs/`` (git ignores it; the writer prunes
        it): the folders of :meth:`folders`, the home pages and the subset web fonts."""
        return (*self.folders(), *(self.source_path("", lang) for lang in LANGS), "assets/fonts")

    def verbatim(self) -> tuple[str, ...]:
        """Folders of ``docs/`` whose files MkDocs never lists: they are copied as they are
        (the feeds: thousands of files, where mkdocs-static-i18n alone costs more than
        copying them)."""
        return (self.feed_folder(),)

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
    if name == "page":
        return None if pattern.startswith("{base}") and pattern.endswith("/") \
            else f"{pattern!r} must start with {{base}} and end with '/'"
    if name == "article_save_as":
        return None if pattern.endswith(".md") else f"{pattern!r} must end in .md"
    if not pattern or pattern.startswith("/") or not pattern.endswith("/") or "//" in pattern:
        return f"{pattern!r} must be a folder: not empty, no '/' first, one '/' last"
    if "{" in pattern.split("/", 1)[0]:
        return f"{pattern!r} must start with a fixed folder (no {{field}} in it)"
    return None


#: Top folders of the site that are not the builder's to fill: static files, the search
#: bundles, the folders of the languages.
_RESERVED = ("assets", "pagefind", "search-entities", "search-words",
             *(lang for lang in LANGS[1:]))


def _layout_problems(urls: Urls) -> list[str]:
    """What is wrong with the patterns taken together (each one valid alone)."""
    problems = []
    if urls.article_save_as not in (urls.article[:-1] + ".md", urls.article + "index.md"):
        problems.append(f"article_save_as: {urls.article_save_as!r} is not where MkDocs "
                        f"serves {urls.article!r} from (use {urls.article[:-1] + '.md'!r})")
    if not urls.article.endswith("{id}/") or "{" in urls.article[:-len("{id}/")]:
        problems.append(f"article: {urls.article!r} must be a fixed folder then {{id}}/")
    fixed = {}
    for f in fields(urls):
        value = getattr(urls, f.name)
        if "{" not in value:
            if value in fixed:
                problems.append(f"{f.name}: {value!r} is the location of {fixed[value]} too")
            fixed[value] = f.name
    for f in fields(urls):
        top = getattr(urls, f.name).split("/", 1)[0]
        if f.name != "page" and top in _RESERVED:
            problems.append(f"{f.name}: the folder {top!r} is not the builder's "
                            f"(reserved: {', '.join(_RESERVED)})")
    return problems


def read_mkdocs_yml(root: Path) -> dict:
    """The settings of ``root/mkdocs.yml`` read with MkDocs' own loader (``!ENV`` tags
    honoured); ``{}`` when there is none."""
    from mkdocs.utils.yaml import yaml_load

    path = root / "mkdocs.yml"
    if not path.is_file():
        return {}
    with open(path, "rb") as fh:
        data = yaml_load(fh) or {}
    return data if isinstance(data, dict) else {}


def read_urls(root: Path) -> Urls:
    """The URL layout of the site of ``root``: ``extra.urls`` of its mkdocs.yml over the
    defaults (:meth:`Urls.from_settings`)."""
    return extra_urls(read_mkdocs_yml(root).get("extra"))


def extra_urls(extra: object) -> Urls:
    """The URL layout that mkdocs.yml's ``extra`` (a mapping; MkDocs' ``config.extra`` in a
    hook) asks for in its ``urls`` (:meth:`Urls.from_settings`)."""
    values = extra.get("urls") if isinstance(extra, Mapping) else None
    if isinstance(values, Mapping) and all(isinstance(v, str) for v in values.values()):
        return _urls_of(tuple(sorted(values.items(), key=str)))
    return Urls.from_settings(values)


@lru_cache(maxsize=8)
def _urls_of(values: tuple[tuple[str, str], ...]) -> Urls:
    """:meth:`Urls.from_settings` of ``values`` (once for each layout: hooks ask per page)."""
    return Urls.from_settings(dict(values))


#: The default URL layout (a site's own: :func:`read_urls`).
URLS = Urls()


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
        """Default layout below ``root``: ``corpus/``, ``docs/``, ``.cache/``; the URL
        layout of ``root/mkdocs.yml`` (:func:`read_urls`)."""
        root = root.resolve()
        values: dict[str, object] = {
            "root": root,
            "corpus": root / "corpus",
            "docs": root / "docs",
            "cache": root / ".cache" / "extract",
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        values.setdefault("urls", read_urls(root))
        return cls(**values)  # type: ignore[arg-type]
