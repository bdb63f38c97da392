"""The whole archive indexed once, before any page is planned (linear in its size).

* tags: one per entity, keyed by ``(kind, slug)`` — the same English slug in several
  articles is the same tag; its display names are the most frequent spellings;
* the inverted index ``tag -> articles`` (newest first) that tag pages, related articles and
  co-occurrence counts use (no all-pairs step anywhere);
* speakers of quotes, keyed by a slug in the same way.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from slugify import slugify

from ..config import URLS, Urls
from ..gcpause import no_collection
from ..model import TAG_KINDS
from ..normalize import normalize
from .common import Entry, digest_of, newest_first

#: Slugs that would clash with the paginated index pages of a kind.
RESERVED = frozenset({"page"})

TagKey = tuple[str, str]  #: ``(kind, slug)``, e.g. ``("people", "vladimir-putin")``


@dataclass
class Tag:
    """One person, place or organisation across the archive."""

    kind: str
    slug: str
    ar: str
    en: str
    loc: str  #: where its page lives: ``tags/people/vladimir-putin/``
    entries: list[Entry] = field(default_factory=list)  #: newest first

    @property
    def key(self) -> TagKey:
        """``(kind, slug)``."""
        return (self.kind, self.slug)


@dataclass
class SpeakerQuotes:
    """Everyone quoted under one slug, with their quotes (newest article first)."""

    slug: str
    ar: str
    en: str | None
    loc: str  #: where their quotes are listed: ``quotes/vladimir-putin/``
    quotes: list[tuple[Entry, int]] = field(default_factory=list)  #: (entry, quote index)


@dataclass
class Catalog:
    """Indexes over all entries; built by :func:`build_catalog`."""

    entries: list[Entry]  #: newest first
    by_id: dict[str, Entry]
    tags: dict[TagKey, Tag]
    #: article id -> tag key of each of its entities (None for an unknown type), in order
    entity_keys: dict[str, list[TagKey | None]]
    speakers: dict[str, SpeakerQuotes]
    #: article id -> speaker slug of each of its quotes, in order (None: anonymous)
    speaker_keys: dict[str, list[str | None]]
    urls: Urls = URLS  #: where the pages of the archive live
    #: article id -> :meth:`article_tags` (filled as asked)
    _article_tags: dict[str, tuple[TagKey, ...]] = field(default_factory=dict, repr=False,
                                                         compare=False)

    @cached_property
    def digest(self) -> str | None:
        """Every entry (:func:`.common.digest_of`): the key of a page made of the whole
        archive (home, indexes); None when a digest is unknown."""
        return digest_of(self.entries)

    def tags_of(self, kind: str) -> list[Tag]:
        """Tags of one kind, most articles first, then by English name and slug."""
        tags = [t for t in self.tags.values() if t.kind == kind]
        return sorted(tags, key=lambda t: (-len(t.entries), t.en.casefold(), t.slug))

    def article_tags(self, article_id: str) -> tuple[TagKey, ...]:
        """Distinct tag keys of one article, in the order of its entities."""
        found = self._article_tags.get(article_id)
        if found is None:
            found = tuple(dict.fromkeys(k for k in self.entity_keys.get(article_id, ()) if k))
            self._article_tags[article_id] = found
        return found


@lru_cache(maxsize=1 << 16)  # the same names come back in article after article
def safe_slug(slug: str | None, en: str | None, ar: str) -> str:
    """An ASCII URL slug: ``safe_slug(None, "Vladimir Putin", "فلاديمير بوتين")`` ->
    ``"vladimir-putin"``; a name that yields no ASCII gets ``x-`` and a hash of its Arabic."""
    for candidate in (slug, en):
        value = slugify(candidate or "", max_length=80, word_boundary=True)
        if value:
            break
    else:
        value = ""
    if not value:
        digest = hashlib.sha1(normalize(ar).encode("utf-8")).hexdigest()[:10]
        value = f"x-{digest}"
    return f"{value}-name" if value in RESERVED else value


def _most_common(counter: Counter[str]) -> str:
    """The most frequent value, ties broken by the smallest string (deterministic)."""
    return min(counter.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def build_catalog(entries: Sequence[Entry], urls: Urls = URLS) -> Catalog:
    """Index every entry (one pass over all entities and quotes); tags and speakers are
    placed where ``urls`` says."""
    with no_collection():
        return _build(entries, urls)


def _build(entries: Sequence[Entry], urls: Urls) -> Catalog:
    ordered = newest_first(entries)
    ar_names: dict[TagKey, Counter[str]] = defaultdict(Counter)
    en_names: dict[TagKey, Counter[str]] = defaultdict(Counter)
    postings: dict[TagKey, list[Entry]] = defaultdict(list)
    entity_keys: dict[str, list[TagKey | None]] = {}
    sp_ar: dict[str, Counter[str]] = defaultdict(Counter)
    sp_en: dict[str, Counter[str]] = defaultdict(Counter)
    sp_quotes: dict[str, list[tuple[Entry, int]]] = defaultdict(list)
    speaker_keys: dict[str, list[str]] = {}
    for entry in ordered:
        meta = entry.meta
        keys: list[TagKey | None] = []
        seen: set[TagKey] = set()
        for entity in meta.entities:
            kind = TAG_KINDS.get(entity.type)
            if kind is None:
                keys.append(None)
                continue
            key = (kind, safe_slug(entity.slug, entity.en, entity.ar))
            keys.append(key)
            ar_names[key][entity.ar] += 1
            if entity.en:
                en_names[key][entity.en] += 1
            if key not in seen:
                seen.add(key)
                postings[key].append(entry)
        entity_keys[meta.id] = keys
        slugs: list[str | None] = []
        for i, quote in enumerate(meta.quotes):
            sp = quote.speaker
            if sp.anonymous:  # shown on its article only: no speaker page, not counted
                slugs.append(None)
                continue
            slug = safe_slug(sp.slug, sp.en, sp.ar)
            slugs.append(slug)
            sp_ar[slug][sp.ar] += 1
            if sp.en:
                sp_en[slug][sp.en] += 1
            sp_quotes[slug].append((entry, i))
        speaker_keys[meta.id] = slugs
    tags = {
        key: Tag(key[0], key[1], _most_common(ar_names[key]),
                 _most_common(en_names[key]) if en_names[key] else _most_common(ar_names[key]),
                 urls.tag_loc(*key), postings[key])
        for key in sorted(postings)
    }
    speakers = {
        slug: SpeakerQuotes(slug, _most_common(sp_ar[slug]),
                      _most_common(sp_en[slug]) if sp_en[slug] else None,
                      urls.speaker_loc(slug), sp_quotes[slug])
        for slug in sorted(sp_quotes)
    }
    return Catalog(
        entries=ordered,
        by_id={e.meta.id: e for e in ordered},
        tags=tags,
        entity_keys=entity_keys,
        speakers=speakers,
        speaker_keys=speaker_keys,
        urls=urls,
    )
