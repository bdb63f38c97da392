"""Who said what: ``quotes/`` lists the speakers (most quotes first, :data:`INDEX_PAGE_SIZE`
a page) and ``quotes/<speaker>/`` lists one speaker's quotes, newest article first, each
linked to its paragraph in the article (:data:`PAGE_SIZE` a page)."""

from __future__ import annotations

from ..ui import strings
from ..writer import PageSpec
from .catalog import Catalog, Speaker
from .common import paginate, spec

BASE = "quotes/"
PAGE_SIZE = 50
INDEX_PAGE_SIZE = 100


def speaker_name(speaker: Speaker, lang: str) -> str:
    """``"Vladimir Putin (فلاديمير بوتين)"`` in English, the Arabic name in Arabic."""
    if lang == "en" and speaker.en and speaker.en != speaker.ar:
        return f"{speaker.en} ({speaker.ar})"
    return speaker.ar


def quote_pages(catalog: Catalog, lang: str) -> list[PageSpec]:
    """The speaker index and every speaker's pages in one language."""
    t = strings(lang)
    speakers = sorted(catalog.speakers.values(),
                      key=lambda s: (-len(s.quotes), (s.en or s.ar).casefold(), s.slug))
    specs: list[PageSpec] = []
    for pager in paginate(BASE, speakers, INDEX_PAGE_SIZE):
        title = t["quotes"] if pager.number == 1 else \
            f"{t['quotes']} – {t['page_n'].format(n=pager.number)}"
        specs.append(spec(pager.loc, lang, "quotes.md.j2", {"title": title}, pager=pager))
    for speaker in speakers:
        person = catalog.tags.get(("people", speaker.slug)) or catalog.tags.get(
            ("organizations", speaker.slug))
        for pager in paginate(speaker.loc, speaker.quotes, PAGE_SIZE):
            name = speaker_name(speaker, lang)
            title = t["quotes_of"].format(name=name)
            if pager.number > 1:
                title += f" – {t['page_n'].format(n=pager.number)}"
            specs.append(spec(pager.loc, lang, "speaker.md.j2", {"title": title},
                              speaker=speaker, pager=pager, person=person))
    return specs
