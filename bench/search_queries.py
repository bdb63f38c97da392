"""Query sets for the search benchmark, built from the corpus of a built site itself.

Readers type two or three words they remember from an article, in their own spelling and
often with the clitic the text had (issue "Search finds the words a reader types"). Each
set draws articles at random (fixed seed) and, for each, the words a reader would use:

* :func:`arabic_queries`: two words of the article that only a few articles share (both
  words, in any of their forms or a longer word starting with one, in at most
  ``max_shared`` articles), each spelled as readers
  vary it -- hamza dropped, ة as ه, final ي as ى, the article ال dropped -- and, in the set
  *with clitics*, with a proclitic و ب ل ف added (or, for a word written with one before
  the article, وال بال فال كال لل, the proclitic left out). The two sets share articles
  and words: they differ only by the clitics.
* :func:`english_queries`: the English names of the people, places and organisations of
  an article (a word of a name, "Zarif", "Houthis", "Jazan", or the whole name, or words of
  two names), chosen so that at most ``max_shared`` articles hold them on each side;
  searched on the English pages and, in English, on the Arabic pages.

Words are grouped into their forms by a rule of the benchmark's own (:func:`bench_key`:
normalised, proclitics and endings removed, about as broadly as Pagefind's stemmer
matches), independent of the site's search forms, so that the sets do not measure the
search against itself, and a pair counted as rare is rare however the search matches it. Pure functions: the
articles come in as :class:`Article` records (:func:`read_articles` reads them from a
project's ``docs/`` and ``site/``).
"""

from __future__ import annotations

import bisect
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

from builder.normalize import normalize
from builder.search.language import rules, words
from builder.search.markup import indexed_text

#: Arabic letters (a word of the query sets is made of these only).
_ARABIC = re.compile(r"^[\u0621-\u064a]+$")
_FORMS_BLOCK = re.compile(r'<div id="na-search-forms"[^>]*>[^<]*</div>')
#: Proclitics before the article and the article, as the benchmark strips them.
_BEFORE_ARTICLE = ("وال", "بال", "فال", "كال")
#: Proclitics a reader adds (و، ب، ل، ف), written before a word or before its article.
ADDED = ("و", "ب", "ل", "ف")
_WITH_ARTICLE = {"و": "وال", "ب": "بال", "ل": "لل", "ف": "فال"}
#: Words of English names that say nothing about the entity.
_PARTICLES = frozenset({"al", "el", "bin", "bint", "ibn", "abu", "of", "the", "and", "for",
                        "de", "la", "le", "von", "van", "saudi", "king", "prince"})


@dataclass(frozen=True)
class Article:
    """One Arabic article page: its id, the text a reader sees, and its entities
    (``(type, ar, en)``, English name or "")."""

    id: str
    text: str
    entities: tuple[tuple[str, str, str], ...] = ()
    english: str = ""  #: the text of the English page


@dataclass(frozen=True)
class Query:
    """One query: the words typed, on which side (page language), the target article, how
    its words were varied, and how many articles hold all of its words (in any form)."""

    text: str
    lang: str
    target: str
    variants: tuple[str, ...]
    shared: int

    @property
    def url(self) -> str:
        """The target's page on the side searched."""
        return f"/{'en/' if self.lang == 'en' else ''}articles/{self.target}/"


def read_articles(project: Path) -> list[Article]:
    """The Arabic articles of a built project: text from ``site/articles/<id>/`` and from
    its English page (what Pagefind indexes, without the index-only block), entities from
    the front matter of ``docs/articles/<id>.md``. Sorted by id."""
    out = []
    for md in sorted((project / "docs" / "articles").glob("*.md")):
        if md.name.count(".") != 1:
            continue  # the English page
        page = project / "site" / "articles" / md.stem / "index.html"
        if not page.is_file():
            continue
        front = md.read_text(encoding="utf-8").split("---", 2)
        meta = yaml.safe_load(front[1]) if len(front) == 3 else {}
        entities = tuple((str(e.get("type") or ""), str(e.get("ar") or ""),
                          str(e.get("en") or "")) for e in (meta or {}).get("entities") or []
                         if isinstance(e, dict))
        html = _FORMS_BLOCK.sub(" ", page.read_text(encoding="utf-8"))
        en_page = project / "site" / "en" / "articles" / md.stem / "index.html"
        english = indexed_text(_FORMS_BLOCK.sub(" ", en_page.read_text(encoding="utf-8"))) \
            if en_page.is_file() else ""
        out.append(Article(md.stem, indexed_text(html), entities, english))
    return out


#: Endings that Pagefind's Arabic stemmer takes off (attached pronouns, plural and dual
#: endings, ة, the nisba), as :func:`bench_key` strips them, longest first.
_ENDINGS = ("كما", "هما", "تين", "تان", "ات", "ان", "ون", "ين", "ها", "هم", "هن", "كم",
            "كن", "نا", "يه", "ته", "تي", "ه", "ي", "ت", "ا")


def bench_key(word: str) -> str:
    """The benchmark's grouping of a word's forms: ``bench_key("والمعلنة")`` -> ``"معلن"``.

    Normalised; then every leading letter that could be a proclitic (و ف ب ك ل, the
    article) removed while three letters remain, and up to two endings (:data:`_ENDINGS`).
    Broad on purpose, like the stems Pagefind matches: a pair counted as rare is rare
    however the search matches its words (وزير and زير fall together too: the benchmark
    only needs a word's forms grouped, not told apart).
    """
    key = normalize(word).lower()
    while True:
        if key.startswith("ال") and len(key) >= 5:
            key = key[2:]
        elif key[:1] in ("و", "ف", "ب", "ك", "ل") and len(key) >= 4:
            key = key[1:]
        else:
            break
    for _ in range(2):
        ending = next((e for e in _ENDINGS if key.endswith(e) and len(key) - len(e) >= 3), "")
        if not ending:
            break
        key = key[: -len(ending)]
    return key


def spellings(word: str) -> list[tuple[str, str]]:
    """How a reader may spell ``word`` otherwise: ``(kind, spelling)`` pairs.

    ``spellings("الأميرة")`` -> ``[("hamza", "الاميرة"), ("ta", "الأميره"), ("al", "أميرة")]``.
    """
    out = []
    plain = word.translate(str.maketrans("أإآ", "ااا"))
    if plain != word:
        out.append(("hamza", plain))
    if word.endswith("ة"):
        out.append(("ta", word[:-1] + "ه"))
    if word.endswith("ي"):
        out.append(("ya", word[:-1] + "ى"))
    if word.startswith("ال") and len(word) >= 5 and not word.startswith("الل"):
        out.append(("al", word[2:]))
    return out


def clitic_forms(word: str, known: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """The word as a reader may write it with a proclitic added, or left out.

    A word written with a proclitic before its article loses it (والمعلنة -> المعلنة); a
    word that starts with و or ف followed by a word the corpus writes (``known``: normalised
    words, bare or after the article, seen twice or more) loses that conjunction (وتابع ->
    تابع) unless the corpus writes the word after the article (الوحدة: وحدة keeps its و),
    and is left as it is if the rest is not a word of the corpus either (no list); one that starts with ب ل ك followed by a known word gets و or ف (بسبب -> وبسبب);
    any other gets و ب ل ف, before its article if it has one (الرياض -> والرياض بالرياض
    للرياض فالرياض).
    """
    for prefix in (*_BEFORE_ARTICLE, "لل"):
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return [(f"-{prefix}", "ال" + word[len(prefix):])]
    if word.startswith("ال"):
        return [(f"+{p}", _WITH_ARTICLE[p] + word[2:]) for p in ADDED]
    rest = normalize(word[1:]).lower()
    rest_known = len(word) >= 4 and (rest in known or "ال" + rest in known)
    if word[0] in "وف" and "ال" + normalize(word).lower() not in known:
        # a conjunction, most likely: left out if the rest is a word of the corpus
        return [(f"-{word[0]}", word[1:])] if rest_known else []
    if word[0] in "بلك" and rest_known:
        return [(f"+{p}", p + word) for p in "وف"]
    return [(f"+{p}", p + word) for p in ADDED]


def _postings(articles: Sequence[Article]) -> tuple[dict[str, set[int]], list[dict[str, str]]]:
    """Key -> articles holding it; and per article, key -> the first word written with it."""
    post: dict[str, set[int]] = defaultdict(set)
    written: list[dict[str, str]] = []
    for i, article in enumerate(articles):
        mine: dict[str, str] = {}
        for word in words(article.text):
            if not _ARABIC.match(word):
                continue
            key = bench_key(word)
            if len(key) >= 3:
                mine.setdefault(key, word)
                post[key].add(i)
        written.append(mine)
    return post, written


def arabic_queries(articles: Sequence[Article], n: int, seed: int = 20, *,
                   max_shared: int = 5, max_df: int = 500) -> tuple[list[Query], list[Query]]:
    """``n`` pairs of rare words from random articles: the queries without clitic forms and
    the same queries with them (see the module docstring)."""
    rng = random.Random(seed)
    exact, written = _postings(articles)
    post = _PrefixPostings(exact)
    stop = {bench_key(w) for w in rules().stopwords}
    surface: Counter = Counter()
    for word, count in Counter(w for a in articles for w in words(a.text)).items():
        surface[normalize(word).lower()] += count
    known = frozenset(w for w, count in surface.items() if count >= 2)
    order = list(range(len(articles)))
    rng.shuffle(order)
    plain: list[Query] = []
    clitic: list[Query] = []
    for i in order:
        if len(plain) >= n:
            break
        keys = [k for k, w in written[i].items()
                if k not in stop and len(normalize(w)) >= 4 and 2 <= len(post[k]) <= max_df]
        rng.shuffle(keys)
        pair = _rare_pair(keys, post, max_shared)
        if pair is None:
            continue
        chosen = [written[i][k] for k in pair]
        shared = len(post[pair[0]] & post[pair[1]])
        spelled, kinds = [], []
        for word in chosen:
            options = spellings(word)
            kind, text = rng.choice(options) if options else ("as written", word)
            spelled.append(text)
            kinds.append(kind)
        plain.append(Query(" ".join(spelled), "ar", articles[i].id, tuple(kinds), shared))
        # the same words with clitics: each word (at least one) with a proclitic added or
        # left out, on the spelling above when it keeps the word's start
        with_clitics, changed = [], []
        options = [clitic_forms(text if kind != "al" else word, known)
                   for word, text, kind in zip(chosen, spelled, kinds, strict=True)]
        able = [j for j, o in enumerate(options) if o]
        forced = rng.choice(able) if able else -1
        for j, (text, kind) in enumerate(zip(spelled, kinds, strict=True)):
            if not options[j] or (j != forced and rng.random() < 0.5):
                with_clitics.append(text)
                changed.append(kind)
                continue
            kind_c, form = rng.choice(options[j])
            with_clitics.append(form)
            changed.append(f"{kind}{kind_c}" if kind != "al" else kind_c)
        clitic.append(Query(" ".join(with_clitics), "ar", articles[i].id, tuple(changed),
                            shared))
    return plain, clitic


class _PrefixPostings(dict):
    """Key -> the articles holding a word whose key starts with it: the search matches
    every word that starts with the query's (Pagefind's prefix matching), so a pair is
    rare only if few articles hold both words in that sense."""

    def __init__(self, exact: dict[str, set[int]]) -> None:
        super().__init__()
        self.exact = exact
        self.keys = sorted(exact)

    def __missing__(self, key: str) -> set[int]:
        found: set[int] = set()
        at = bisect.bisect_left(self.keys, key)
        while at < len(self.keys) and self.keys[at].startswith(key):
            found |= self.exact[self.keys[at]]
            at += 1
        self[key] = found
        return found


def _rare_pair(keys: Sequence[str], post: dict[str, set[int]],
               max_shared: int) -> tuple[str, str] | None:
    """The first pair of ``keys`` (in their order) shared by at most ``max_shared``
    articles, or None."""
    for a in range(len(keys)):
        for b in range(a + 1, len(keys)):
            if len(post[keys[a]] & post[keys[b]]) <= max_shared:
                return keys[a], keys[b]
    return None


def name_candidates(name: str) -> list[str]:
    """What a reader may type of an English name: each of its words but particles, then the
    whole name. ``"Mohammad Javad Zarif"`` -> ``["Mohammad", "Javad", "Zarif", "Mohammad
    Javad Zarif"]``."""
    out = []
    for raw in name.split():
        word = raw.strip(".,;:()\"'")
        plain = re.sub(r"\W", "", word.lower())
        if len(plain) >= 3 and plain not in _PARTICLES:
            out.append(word)
    return out if out == [name] else out + [name]


def _latin(text: str) -> set[str]:
    """The Latin words of ``text``, lower case, as the search splits them."""
    return {w.lower() for w in words(text) if _LATIN.match(w)}


_LATIN = re.compile(r"^[a-zA-Z0-9]+$")


def english_queries(articles: Sequence[Article], n: int, seed: int = 20, *,
                    max_shared: int = 5) -> list[Query]:
    """``n`` queries of the English names of an article's entities (see the module
    docstring), each to be searched on both sides: the list holds the English-side query
    and the Arabic-side query of each article, in that order.

    A query is a word of an entity's English name, or the whole name, or the first words of
    two entities' names, the first of these (entities in random order, fixed seed) that at
    most ``max_shared`` articles match on each side: the articles whose indexed words start
    with every word of the query (the search matches prefixes), where an Arabic page holds
    the English names of its entities and an English page its English text and those names.
    """
    rng = random.Random(seed + 1)
    sides: dict[str, dict[str, set[int]]] = {"ar": defaultdict(set), "en": defaultdict(set)}
    for i, article in enumerate(articles):
        names = " ".join(en for _k, _ar, en in article.entities if en)
        for word in _latin(names + " " + article.text):
            sides["ar"][word].add(i)
        for word in _latin(names + " " + article.english):
            sides["en"][word].add(i)
    post = {lang: _PrefixPostings(found) for lang, found in sides.items()}

    def matched(query: str) -> int:
        parts = [w.lower() for w in words(query) if _LATIN.match(w)]
        if not parts:
            return max_shared + 1
        return max(len(set.intersection(*(post[lang][w] for w in parts))) for lang in post)

    order = list(range(len(articles)))
    rng.shuffle(order)
    out: list[Query] = []
    for i in order:
        if len(out) >= 2 * n:
            break
        named = sorted({(k, en) for k, _ar, en in articles[i].entities if en})
        rng.shuffle(named)
        options = [(cand, (k,)) for k, en in named for cand in name_candidates(en)]
        options += [(f"{a} {b}", (ka, kb)) for x, (ka, ea) in enumerate(named)
                    for kb, eb in named[x + 1:] for a in name_candidates(ea)[:1]
                    for b in name_candidates(eb)[:1]]
        chosen = next(((text, kinds) for text, kinds in options
                       if matched(text) <= max_shared), None)
        if chosen is None:
            continue
        text, kinds = chosen
        for lang in ("en", "ar"):
            out.append(Query(text, lang, articles[i].id, kinds, matched(text)))
    return out


def summary(hits: Iterable[bool]) -> tuple[int, int]:
    """``(found, total)`` of a list of hit flags."""
    flags = list(hits)
    return sum(flags), len(flags)
