"""Small, escaped HTML pieces for the page templates (article text is data, never markup).

``linked("قال بوتين", [Link(4, 9, "../../tags/people/vladimir-putin/")])`` ->
``Markup('قال <a class="na-entity" href="../../tags/people/vladimir-putin/">بوتين</a>')``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup, escape

from .ui import direction


@dataclass(frozen=True)
class Link:
    """A link to insert over ``text[start:end]``."""

    start: int
    end: int
    href: str
    title: str | None = None


def linked(text: str, links: Iterable[Link]) -> Markup:
    """``text`` escaped, with ``links`` inserted at their offsets.

    Links are taken in order of start (longer first on ties); one that overlaps a link
    already placed, is empty or lies outside the text is skipped.
    """
    out: list[str] = []
    pos = 0
    for link in sorted(links, key=lambda k: (k.start, -k.end, k.href)):
        if link.start < pos or link.end <= link.start or link.end > len(text) or link.start < 0:
            continue
        out.append(escape(text[pos:link.start]))
        title = Markup(' title="%s"') % link.title if link.title else ""
        out.append(Markup('<a class="na-entity" href="%s"%s>%s</a>') % (
            link.href, title, text[link.start:link.end]))
        pos = link.end
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def isolate(text: str, lang: str | None = None) -> Markup:
    """Text in a ``<bdi>`` so that its direction cannot disturb the sentence around it.

    ``isolate("Vladimir Putin", "en")`` -> ``<bdi lang="en" dir="ltr">Vladimir Putin</bdi>``;
    without ``lang`` the browser picks the direction from the text itself.
    """
    if lang is None:
        return Markup("<bdi>%s</bdi>") % text
    return Markup('<bdi lang="%s" dir="%s">%s</bdi>') % (lang, direction(lang), text)
