"""Arabic search forms: the one form under which a word is indexed and searched.

A word's *search form* (:func:`search_form`) is the word folded by
:func:`builder.normalize.normalize` and lower-cased, then

1. stripped of its proclitics, in the order they are written -- a conjunction (و ف), a
   preposition (ب ك ل; ل before the article writes لل), the article (ال) -- each at most
   once and only when at least ``min_rest`` letters remain; but a word the archive shows to
   be *a word of its own* keeps its letters from there on (وزير, واشنطن, لبنان, بيان: see
   :func:`build_lexicon`);
2. then stripped of an attached pronoun (ـه ـها ـهم, ـته -> ـة) where the archive knows the
   stem as a word (:class:`Shard` ``stems``).

``search_form("والمعلنة", lex)`` -> ``"معلنه"``; ``search_form("وزير", lex)`` -> ``"وزير"``
(the archive writes الوزير); ``search_form("حكومتها", lex)`` -> ``"حكومه"``.

The rules are data (``data/search.yml``, ``clitics``); what the archive knows is the
*lexicon* (:class:`Lexicon`), built from the words of the indexed articles. Both sides use
them: the index adds every word's search form to its page, and the search box
(``docs/assets/javascripts/search.js``, the same steps) turns the reader's words into the
same forms. The search box cannot download the whole lexicon, so it is cut into shards
(:func:`shard_key` of the word's :func:`core`: the word with every letter that could be a
proclitic removed, which a word and all its clitic forms share): a query fetches one small
shard per word, and the form of a word depends on that shard only, on both sides.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import product

from ..normalize import normalize

#: Letters of a search form that name its shard (of the lexicon, and of the entity lookup).
SHARD_LETTERS = 3
_MARKS_AT_END = re.compile(r"[\u064b-\u065f\u0670\u0640]+$")
_TA_MARBUTA = ("ة", "\ufe93", "\ufe94")


class CliticsError(ValueError):
    """The ``clitics`` entry of the search rules is malformed."""


@dataclass(frozen=True)
class Clitics:
    """The proclitic and pronoun rules (``data/search.yml``, ``clitics``)."""

    conjunctions: tuple[str, ...] = ("و", "ف")
    prepositions: tuple[str, ...] = ("ب", "ك", "ل")
    article: str = "ال"
    #: Letters that must remain after a proclitic.
    min_rest: int = 3
    pronouns: tuple[str, ...] = ("ها", "هم", "ه")  #: longest first
    #: Letters that must remain after a pronoun.
    min_stem: int = 3
    #: A word seen after a proclitic at least ``own_min`` times, in at least one of every
    #: ``own_share`` of its occurrences, is a word of its own; so is one seen ``own_alone``
    #: times when what would remain without the proclitic is never seen (:func:`own_words`).
    own_min: int = 1
    own_share: int = 20
    own_alone: int = 5

    @property
    def lam_article(self) -> str:
        """ل + ال as written (لل): the article's alef is dropped after ل."""
        return "ل" + self.article[1:]

    def combos(self, article: bool | None = None) -> tuple[str, ...]:
        """Every sequence of proclitics as written before a word (with the article:
        ``article=True``; without: ``False``), longest first."""
        out = set()
        for conj, prep, art in product(("", *self.conjunctions), ("", *self.prepositions),
                                       ("", self.article)):
            if article is not None and bool(art) != article:
                continue
            out.add(conj + (self.lam_article if prep == "ل" and art else prep + art))
        out.discard("")
        return tuple(sorted(out, key=lambda p: (-len(p), p)))


def clitics_from(data: object, name: str = "search.yml") -> Clitics:
    """:class:`Clitics` from the ``clitics`` mapping of the rules file, validated."""
    if not isinstance(data, dict):
        raise CliticsError(f"{name}: 'clitics' must be a mapping")
    default = Clitics()

    def letters(key: str, single: bool) -> tuple[str, ...]:
        items = data.get(key)
        if not isinstance(items, list) or not items or not all(
                isinstance(p, str) and p and normalize(p) == p and (len(p) == 1 or not single)
                for p in items):
            raise CliticsError(f"{name}: 'clitics.{key}' must be a list of "
                              f"{'single letters' if single else 'strings'} written as "
                              f"normalize() writes them: {items!r}")
        return tuple(items)

    def number(key: str) -> int:
        value = data.get(key, getattr(default, key))
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise CliticsError(f"{name}: 'clitics.{key}' must be a positive integer")
        return value

    article = data.get("article")
    if not isinstance(article, str) or len(article) != 2 or normalize(article) != article:
        raise CliticsError(f"{name}: 'clitics.article' must be the two letters of the article")
    return Clitics(
        conjunctions=letters("conjunctions", True), prepositions=letters("prepositions", True),
        article=article, min_rest=number("min_rest"),
        pronouns=tuple(sorted(letters("pronouns", False), key=lambda p: (-len(p), p))),
        min_stem=number("min_stem"), own_min=number("own_min"),
        own_share=number("own_share"), own_alone=number("own_alone"))


# ------------------------------------------------------------------ forms of one word --

def fold(word: str) -> str:
    """The word as the index compares it: ``normalize`` folding, lower case."""
    return normalize(word).lower()


def core(form: str, c: Clitics) -> str:
    """``form`` (folded) without every leading letter that could be a proclitic, while at
    least ``min_rest`` letters remain: what a word and all its clitic forms have in common.

    ``core("وللحكومه")`` -> ``"حكومه"``; ``core("وزير")`` -> ``"زير"``; ``core("والي")``
    -> ``"الي"``.
    """
    letters = set(c.conjunctions) | set(c.prepositions)
    while True:
        if form.startswith(c.article) and len(form) - len(c.article) >= c.min_rest:
            form = form[len(c.article):]
        elif form[:1] in letters and len(form) - 1 >= c.min_rest:
            form = form[1:]
        else:
            return form


def shard_key(form: str) -> str:
    """File name of the shard of a search form: its first three letters as UTF-8 hex.

    ``shard_key("لافروف")`` -> ``"d984d8a7d981"``; ``shard_key("Li")`` -> ``"4c69"``.
    """
    return form[:SHARD_LETTERS].encode("utf-8").hex()


def word_shard(form: str, c: Clitics) -> str:
    """The lexicon shard that decides the search form of the folded word ``form``."""
    return shard_key(core(form, c))


def steps(form: str, layer: int, c: Clitics) -> list[str]:
    """What ``form`` may become when the proclitic of ``layer`` (0 conjunction, 1
    preposition, 2 article) is stripped, preferred first; ``[]`` if it has none."""
    rest = c.min_rest
    if layer == 0:
        if form[:1] in c.conjunctions and len(form) - 1 >= rest:
            return [form[1:]]
    elif layer == 1:
        out = []
        lam = c.lam_article
        if form.startswith(lam) and len(form) - len(lam) >= rest:
            out.append(c.article + form[len(lam):])  # ل + ال
        if form[:1] in c.prepositions and len(form) - 1 >= rest:
            out.append(form[1:])
        return out
    elif form.startswith(c.article) and len(form) - len(c.article) >= rest:
        return [form[len(c.article):]]
    return []


def pronoun_stems(form: str, c: Clitics) -> list[tuple[str, str]]:
    """``(pronoun, stem)`` readings of ``form`` as a word with an attached pronoun, longest
    pronoun first; a stem ending in ت is read first as ending in ة (folded: ه).

    ``pronoun_stems("حكومتها")`` -> ``[("ها", "حكومه"), ("ها", "حكومت")]``.
    """
    out = []
    for pronoun in c.pronouns:
        if form.endswith(pronoun) and len(form) - len(pronoun) >= c.min_stem:
            stem = form[: -len(pronoun)]
            if stem.endswith("ت"):
                out.append((pronoun, stem[:-1] + "ه"))
            out.append((pronoun, stem))
    return out


@dataclass(frozen=True)
class Shard:
    """What the archive knows of the words of one shard: the words of their own that begin
    with letters that could be proclitics (``own``), and the words with an attached pronoun
    whose stem it knows (``stems``: search form before the pronoun step -> stem)."""

    own: frozenset[str] = frozenset()
    stems: Mapping[str, str] = field(default_factory=dict)

    def is_own(self, form: str, c: Clitics) -> bool:
        """Is ``form`` (or its stem before a pronoun) a word of its own?"""
        own = self.own
        return bool(own) and (form in own or any(s in own for _, s in pronoun_stems(form, c)))

    def to_json(self) -> dict[str, object]:
        return {"own": sorted(self.own), "stems": dict(sorted(self.stems.items()))}

    @classmethod
    def from_json(cls, data: Mapping) -> Shard:
        return cls(frozenset(data.get("own") or ()), dict(data.get("stems") or {}))


EMPTY = Shard()


@dataclass(frozen=True)
class Lexicon:
    """The shards of the archive's lexicon (:func:`build_lexicon`), by :func:`shard_key`.
    A missing shard is an empty one."""

    shards: Mapping[str, Shard] = field(default_factory=dict)
    #: word -> search form, and word -> Pagefind's term, filled by :meth:`form`, :meth:`term`
    _forms: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    _terms: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def shard(self, key: str) -> Shard:
        return self.shards.get(key, EMPTY)

    def form(self, word: str, c: Clitics) -> str:
        """:func:`search_form` of ``word`` with this lexicon, remembered."""
        found = self._forms.get(word)
        if found is None:
            found = self._forms[word] = search_form(word, self, c)
        return found

    def term(self, word: str, c: Clitics) -> str:
        """:func:`pagefind_term` of the search form of ``word``, remembered."""
        found = self._terms.get(word)
        if found is None:
            found = self._terms[word] = pagefind_term(self.form(word, c), c)
        return found

    def to_json(self) -> dict[str, object]:
        return {key: shard.to_json() for key, shard in sorted(self.shards.items())}

    @classmethod
    def from_json(cls, data: Mapping) -> Lexicon:
        return cls({key: Shard.from_json(value) for key, value in data.items()})


def strip_proclitics(form: str, shard: Shard, c: Clitics) -> str:
    """``form`` (folded) without its proclitics, layer by layer, stopping at a word of its
    own (of ``shard``); of two readings of لل the one that is a word of its own wins."""
    for layer in range(3):
        if shard.is_own(form, c):
            return form
        options = steps(form, layer, c)
        if options:
            form = next((o for o in options if shard.is_own(o, c)), options[0])
    return form


def search_form(word: str, lexicon: Lexicon | None = None, c: Clitics | None = None) -> str:
    """The form ``word`` is indexed and searched under (see the module docstring); without
    a lexicon every proclitic is stripped and no pronoun."""
    c = c or Clitics()
    form = fold(word)
    shard = lexicon.shard(word_shard(form, c)) if lexicon else EMPTY
    form = strip_proclitics(form, shard, c)
    return shard.stems.get(form, form)


def pagefind_term(form: str, c: Clitics) -> str:
    """The word Pagefind is given for the search form ``form``, in the index and in a query.

    Pagefind's Arabic stemmer strips a leading و or ف (unless an alef follows) from any word
    of four letters or more, so a search form that kept its و because the archive shows it
    is the word's own (وزير) would still be searched as زير. Given with the article, the
    stemmer strips the article and keeps the word: ``pagefind_term("وزير")`` ->
    ``"الوزير"`` (Pagefind's stem وزير); ``pagefind_term("حكومه")`` -> ``"حكومه"``.
    """
    if form[:1] in c.conjunctions and form[1:2] != "ا" and len(form) - 1 >= c.min_rest:
        return c.article + form
    return form


# ------------------------------------------------------------------ the lexicon --

@dataclass
class Vocabulary:
    """Word counts of the indexed articles: folded word -> occurrences, and how many of
    them were written with ة at the end (folded to ه)."""

    counts: Counter = field(default_factory=Counter)
    taa: Counter = field(default_factory=Counter)

    def add(self, words: Iterable[str]) -> None:
        """Count ``words`` (as written)."""
        self.add_counts(Counter(words))

    def add_counts(self, written: Mapping[str, int]) -> None:
        """Count words as written, given with their numbers of occurrences."""
        for word, n in written.items():
            form = fold(word)
            self.counts[form] += n
            if form.endswith("ه") and _MARKS_AT_END.sub("", word).endswith(_TA_MARBUTA):
                self.taa[form] += n

    def update(self, other: Vocabulary) -> None:
        self.counts.update(other.counts)
        self.taa.update(other.taa)


def _forms(form: str, combos: Iterable[str]) -> set[str]:
    return {form} | {p + form for p in combos}


def own_words(counts: Mapping[str, int], c: Clitics) -> set[str]:
    """The words of ``counts`` whose leading letters, which could be proclitics, are their
    own (they keep them in their search form). Evidence from the archive, not from a list:

    * seen after a proclitic, at least ``own_min`` times and in at least one of every
      ``own_share`` of its occurrences (الوزير: وزير; البيان: بيان; بواشنطن: واشنطن;
      بلبنان: لبنان; but الواكد, a name, does not make واكد, "and confirmed", a word);
    * or, for a conjunction or a preposition, seen ``own_alone`` times while what would
      remain without it is never seen, bare or after the article (فيما and يما, لندن and
      ندن), unless what remains is the article and a noun (والإرشاد, بالإضافة) or starts
      with an alef after a conjunction (وأضاف: news writes it more often than أضاف). A
      noun always written with the article (المسطحات) still has the article.

    A form that reads both ways (للبنان: ل + لبنان or لل + بنان) counts for neither.
    """
    everything = c.combos()
    with_article = c.combos(article=True)
    after: dict[str, list[tuple[str, int]]] = {}  # form -> (proclitic, count) seen before it
    for word, count in counts.items():
        for p in everything:
            if word.startswith(p) and len(word) > len(p):
                after.setdefault(word[len(p):], []).append((p, count))
    own = set()
    for form in _candidates(counts, c):
        rests = steps(form, 0, c) or steps(form, 1, c)
        # the second reason holds for a proclitic, not for the article, nor for a
        # conjunction before an alef (وأضاف, whose bare form the archive may never write)
        alone = bool(rests) and not (form[:1] in c.conjunctions and form[1:2] == "ا")
        rests = rests or steps(form, 2, c)
        if not rests:
            continue
        count = counts.get(form, 0)
        seen = after.get(form)
        if seen:
            theirs = set(rests)
            for rest in rests:
                theirs.update(p + rest for p in everything)
            seen_after = sum(n for p, n in seen if p + form not in theirs)
            if seen_after >= c.own_min and seen_after * c.own_share >= count:
                own.add(form)
                continue
        if not alone or count < c.own_alone or any(steps(r, 2, c) for r in rests):
            continue
        mine = {p + form for p in everything}
        if not any(counts.get(f, 0) for r in rests for f in (r, *(p + r for p in with_article))
                   if f != form and f not in mine):
            own.add(form)
    return own


def _candidates(counts: Mapping[str, int], c: Clitics) -> set[str]:
    """The forms whose letters may be their own: the words of ``counts``, what their
    proclitics leave, layer by layer, and the stems of those before a pronoun (كتابهم ->
    كتاب: a word the archive may write only with clitics)."""
    out: set[str] = set()
    for form in counts:
        todo = [(form, 0)]
        while todo:
            current, layer = todo.pop()
            if current in out and layer == 0:
                continue
            out.add(current)
            out.update(stem for _, stem in pronoun_stems(current, c))
            for next_layer in range(layer, 3):
                for option in steps(current, next_layer, c):
                    todo.append((option, next_layer + 1))
    return out


def build_lexicon(vocabulary: Vocabulary, c: Clitics) -> Lexicon:
    """The lexicon of the archive whose words are counted in ``vocabulary``.

    ``own``: :func:`own_words`, each in the shard of its :func:`core`. ``stems``: a word
    (as :func:`strip_proclitics` leaves it) that ends with a pronoun whose stem is the
    search form of a word of the archive (the stem of ـته read first as ending in ة), when
    at least ``min_stem`` letters remain and, for ـه (which also folds ة), when most of its
    occurrences were written with ه.
    """
    counts = vocabulary.counts
    own: dict[str, set[str]] = {}
    for form in own_words(counts, c):
        own.setdefault(word_shard(form, c), set()).add(form)
    shards = {key: Shard(frozenset(forms)) for key, forms in own.items()}
    stripped: Counter = Counter()
    taa: Counter = Counter()
    letters = set(c.conjunctions) | set(c.prepositions)
    for form, count in counts.items():
        key = word_shard(form, c)
        rest = strip_proclitics(form, shards.get(key, EMPTY), c) \
            if (form[:1] in letters or form.startswith(c.article)) else form
        stripped[(key, rest)] += count
        taa[(key, rest)] += vocabulary.taa.get(form, 0)
    known = {rest for _, rest in stripped}
    stems: dict[str, dict[str, str]] = {}
    for (key, rest), count in sorted(stripped.items()):
        for pronoun, stem in pronoun_stems(rest, c):
            if pronoun == "ه" and taa[(key, rest)] * 2 >= count:
                continue  # mostly ة: a word of its own, not a pronoun
            if stem in known:
                stems.setdefault(key, {})[rest] = stem
                break
    keys = set(shards) | set(stems)
    return Lexicon({key: Shard(shards[key].own if key in shards else frozenset(),
                               stems.get(key, {})) for key in sorted(keys)})


def client_clitics(c: Clitics) -> dict[str, object]:
    """The rules ``search.js`` needs to compute :func:`search_form`."""
    return {"conjunctions": list(c.conjunctions), "prepositions": list(c.prepositions),
            "article": c.article, "min_rest": c.min_rest, "pronouns": list(c.pronouns),
            "min_stem": c.min_stem, "shard_letters": SHARD_LETTERS}


def needs_shard(form: str, c: Clitics) -> bool:
    """Does the search form of the folded word ``form`` depend on its lexicon shard?"""
    return any(steps(form, layer, c) for layer in range(3)) or bool(pronoun_stems(form, c))
