"""Who said what: ``quotes/`` lists the speakers (most quotes first, :data:`INDEX_PAGE_SIZE`
a page) and ``quotes/<speaker>/`` lists one speaker's quotes, newest article first, each
linked to its paragraph in the article (:data:`PAGE_SIZE` a page)."""

from __future__ import annotations

from ..ui import strings
from ..writer import PageSpec
from .catalog import Catalog, SpeakerQuotes, Tag
from .common import Pager, digests, page_key, paginate, spec

PAGE_SIZE = 50
INDEX_PAGE_SIZE = 100


def speaker_name(speaker: SpeakerQuotes, lang: str) -> str:
    """``"Vladimir Putin (فلاديمير بوتين)"`` in English, the Arabic name in Arabic."""
    if lang == "en" and speaker.en and speaker.en != speaker.ar:
        return f"{speaker.en} ({speaker.ar})"
    return speaker.ar


def quote_pages(catalog: Catalog, lang: str) -> list[PageSpec]:
    """The speaker index and every speaker's pages in one language."""
    t = strings(lang)
    urls = catalog.urls
    speakers = sorted(catalog.speakers.values(),
                      key=lambda s: (-len(s.quotes), (s.en or s.ar).casefold(), s.slug))
    specs: list[PageSpec] = []
    for pager in paginate(urls.quotes, speakers, INDEX_PAGE_SIZE, urls):
        title = t["quotes"] if pager.number == 1 else \
            f"{t['quotes']} – {t['page_n'].format(n=pager.number)}"
        key = page_key(lang, pager.base, pager.number, pager.count, pager.total, pager.offset,
                       [(s.slug, s.ar, s.en, len(s.quotes)) for s in pager.items])
        specs.append(spec(pager.loc, lang, "quotes.md.j2", {"title": title}, urls=urls,
                          pager=pager, key=key))
    for speaker in speakers:
        person = catalog.tags.get(("people", speaker.slug)) or catalog.tags.get(
            ("organizations", speaker.slug))
        for pager in paginate(speaker.loc, speaker.quotes, PAGE_SIZE, urls):
            name = speaker_name(speaker, lang)
            title = t["quotes_of"].format(name=name)
            if pager.number > 1:
                title += f" – {t['page_n'].format(n=pager.number)}"
            specs.append(spec(pager.loc, lang, "speaker.md.j2", {"title": title}, urls=urls,
                              speaker=speaker, pager=pager, person=person,
                              key=_speaker_key(speaker, pager, lang, person)))
    return specs


def _speaker_key(speaker: SpeakerQuotes, pager: Pager, lang: str, person: Tag | None) -> str | None:
    """What a page of a speaker's quotes is made of: the speaker, the link to their tag
    page, where the page is in the list and its quotes (articles by digest)."""
    found = digests(entry for entry, _ in pager.items)
    if found is None:
        return None
    return page_key(lang, speaker.slug, speaker.ar, speaker.en, person and person.loc,
                    pager.base, pager.number, pager.count, pager.total, pager.offset,
                    [(d, i) for d, (_, i) in zip(found, pager.items, strict=True)])
