"""The archive's lexicon as the search box fetches it: one small JSON shard per key
(:func:`builder.search.forms.word_shard`) below :data:`builder.search.layout.WORDS_BUNDLE`.
"""

from __future__ import annotations

from .forms import Lexicon
from .layout import WORDS_BUNDLE
from .view import SiteView, json_bytes, replace


def write_words(view: SiteView, lexicon: Lexicon) -> int:
    """Write the lexicon's shards for the search box (:data:`.layout.WORDS_BUNDLE`); their bytes."""
    target = view.replace_folder(WORDS_BUNDLE)
    size = 0
    for key, data in sorted(lexicon.to_json().items()):
        if not target.is_dir():
            target.mkdir(parents=True)
        payload = json_bytes(data)
        size += len(payload)
        replace(target / f"{key}.json", payload)
    return size
