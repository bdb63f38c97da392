"""Exact and near duplicates among the articles of a corpus (pure: no I/O).

An *exact* duplicate has the same normalised text as an earlier article (spelling variants
such as أ/ا, tashkeel, invisible characters and white space do not count). A *near*
duplicate is the same story re-published with small edits: the estimated Jaccard similarity
of their three-word shingles reaches :data:`NEAR_DUPLICATE`, found with MinHash LSH
(:mod:`builder.similarity`), so the cost grows with the number of articles, never with its
square.

The earlier article in corpus order always stays and the later one is reported. An article
is only compared with articles that stay: of a chain A ≈ B ≈ C where A and C differ enough,
B is reported and C stays.

Only a :class:`TextFingerprint` of each text is needed (its normalised hash and its similarity
features), so articles read by an earlier build are compared without their text.

On the 1,986 real SaudiNewsNet articles, 0.9 flags the same agency story printed by two
papers (e.g. the same AFP report in alriyadh twice, 0.906) and nothing that reads as a
different article.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Protocol

from .normalize import normalize
from .parallel import map_shares
from .similarity import (
    Features,
    FeatureSource,
    WordMemo,
    index_features,
    text_digest,
    text_features,
)

#: Estimated Jaccard similarity of word shingles from which a later article is a duplicate.
NEAR_DUPLICATE = 0.9


class Named(Protocol):
    """An article as duplicate detection names it (a Source, or an article read before)."""

    @property
    def path(self) -> str: ...

    @property
    def id(self) -> str: ...


@dataclass(frozen=True)
class TextFingerprint:
    """What duplicate detection needs of a text: the hash of its normalised form and the
    similarity features, with the digest (hex) that keys them."""

    exact: str  #: :func:`exact_key` of the text
    digest: str  #: ``similarity.text_digest`` of the text, hex
    features: Features


def exact_key(text: str) -> str:
    """Hash (hex) of the normalised text: ``exact_key("أعلن  وزير") == exact_key("اعلن وزير")``."""
    return hashlib.sha256(" ".join(normalize(text).split()).encode("utf-8")).hexdigest()


def text_fingerprint(text: str, store: FeatureSource | None = None) -> TextFingerprint:
    """The :class:`TextFingerprint` of ``text`` (its features from ``store`` when given):
    ``text_fingerprint("نص").exact == exact_key("نص")``."""
    found = store.features(text) if store is not None else text_features(text)
    return TextFingerprint(exact_key(text), text_digest(text).hex(), found)


def text_fingerprints(texts: Sequence[str], store: FeatureSource | None = None
                      ) -> list[TextFingerprint]:
    """``[text_fingerprint(t, store) for t in texts]``, shared between the cores when there
    are many; the features made by other processes are adopted by ``store``."""
    shares = map_shares(partial(_text_fingerprints, store=store), texts)
    fingerprints: list[TextFingerprint] = [None] * len(texts)  # type: ignore[list-item]
    for index, share in enumerate(shares):
        fingerprints[index::len(shares)] = share
    if len(shares) > 1 and store is not None:
        for found in fingerprints:
            store.adopt(bytes.fromhex(found.digest), found.features)
    return fingerprints


def _text_fingerprints(texts: Sequence[str], store: FeatureSource | None
                       ) -> list[TextFingerprint]:
    if store is None:
        memo = WordMemo()
        return [TextFingerprint(exact_key(t), text_digest(t).hex(), text_features(t, memo))
                for t in texts]
    return [text_fingerprint(text, store) for text in texts]


def find_duplicates(sources: Sequence[Named],
                    fingerprints: Sequence[TextFingerprint] | None = None) -> dict[str, str]:
    """``{path: reason}`` for every source that duplicates an earlier one it keeps.

    ``fingerprints`` are the sources' :class:`TextFingerprint` (computed from their
    ``text`` if not given). ``find_duplicates([a, b])`` with ``b.text == a.text + "  "`` ->
    ``{b.path: "exact duplicate of <a.path> (same text)"}``.
    """
    if fingerprints is None:
        fingerprints = [text_fingerprint(source.text)  # type: ignore[attr-defined]
                        for source in sources]
    found: dict[str, str] = {}
    first: dict[str, Named] = {}
    rest: list[tuple[Named, TextFingerprint]] = []
    for source, fingerprint in zip(sources, fingerprints, strict=True):
        if fingerprint.exact in first:
            found[source.path] = f"exact duplicate of {first[fingerprint.exact].path} (same text)"
        else:
            first[fingerprint.exact] = source
            rest.append((source, fingerprint))
    if len(rest) < 2:
        return found
    by_id = {s.id: s for s, _ in rest}
    index = index_features([s.id for s, _ in rest], [p.features for _, p in rest])
    for earlier, later, score in index.near_duplicates(NEAR_DUPLICATE):
        a, b = by_id[earlier], by_id[later]
        if a.path in found or b.path in found:
            continue
        found[b.path] = (f"near duplicate of {a.path} ({score:.0%} of their word sequences "
                         "are shared)")
    return found
