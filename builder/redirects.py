"""Old article URLs keep working: a page for every retired article id.

An editor who removes an article, or merges it into another as a duplicate, lists its id
in ``retired.yml`` beside the corpus (``corpus/retired.yml``)::

    # <retired id>: <id of the article that replaces it>, or null when removed for good
    0123456789abcdef: 2365a23702f008e8
    fedcba9876543210: null

For each entry the builder writes ``articles/<retired id>.md`` and ``.en.md``, served at
the old ``/articles/<id>/`` and ``/en/articles/<id>/``. A merged article's page sends the
reader on (meta refresh and a script that keeps ``#pN``; its canonical URL is the target,
see ``hooks/links.py``) and links to the target by headline; a removed article's page says
so and links home. Chains (a -> b, b -> c) are followed to the live article. Both pages are
``noindex`` and left out of the sitemap and the feeds.

Why not mkdocs-redirects: its ``redirect_maps`` live in mkdocs.yml (not a data file), it
knows nothing of the ``/en/`` twin that mkdocs-static-i18n builds, and 1.2.3 pulls in a
fork of MkDocs (properdocs). Pages written here go through the same writer, templates and
i18n build as every other page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .config import LANGS, URLS, Urls
from .pages import Entry, strings, title
from .pages.common import relative
from .writer import PageSpec

#: The data file, looked up in the corpus folder.
RETIRED_FILE = "retired.yml"
_ID = re.compile(r"^[0-9a-f]{16}$")


@dataclass(frozen=True)
class Retired:
    """A retired article id and the live article it now points to (None: removed)."""

    id: str
    target: str | None


def load_retired(corpus: Path) -> tuple[dict[str, str | None], list[str]]:
    """Read ``corpus/retired.yml`` (absent: nothing retired) -> (mapping, problems).

    Entries with a malformed id are left out and reported; ``{"0123456789abcdef":
    "2365a23702f008e8"}`` is what ``0123456789abcdef: 2365a23702f008e8`` gives.
    """
    path = corpus / RETIRED_FILE
    if not path.is_file():
        return {}, []
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        return {}, [f"not valid YAML: {exc}"]
    if data is None:
        return {}, []
    if not isinstance(data, dict):
        return {}, ["expected a mapping '<retired id>: <target id or null>'"]
    mapping: dict[str, str | None] = {}
    problems: list[str] = []
    for key, value in data.items():
        old = str(key).strip().lower()
        new = None if value is None else str(value).strip().lower()
        if not _ID.match(old):
            problems.append(f"{key!r}: a retired id is 16 hex digits")
        elif new is not None and not _ID.match(new):
            problems.append(f"{key!r}: target {value!r} is not an article id (or null)")
        else:
            mapping[old] = new
    return mapping, problems


def resolve(retired: dict[str, str | None], live: set[str]) -> tuple[list[Retired], list[str]]:
    """Follow every retired id to a live article -> (redirects sorted by id, problems).

    ``resolve({"0123456789abcdef": "2365a23702f008e8"}, {"2365a23702f008e8"})`` ->
    ``([Retired("0123456789abcdef", "2365a23702f008e8")], [])``. An id that is still a
    live article, a target that is neither live nor retired, or a cycle is a problem and
    that entry is skipped.
    """
    result: list[Retired] = []
    problems: list[str] = []
    for old in sorted(retired):
        if old in live:
            problems.append(f"{old}: is retired but still in the corpus")
            continue
        seen = [old]
        target = retired[old]
        while target is not None and target not in live:
            if target in seen:
                problems.append(f"{old}: redirect cycle {' -> '.join([*seen, target])}")
                break
            if target not in retired:
                problems.append(f"{old}: target {target} is not an article of the corpus")
                break
            seen.append(target)
            target = retired[target]
        else:
            result.append(Retired(old, target))
    return result, problems


def redirect_pages(redirects: list[Retired], entries: list[Entry],
                   urls: Urls = URLS) -> list[PageSpec]:
    """The page of every retired id in every language, at the article's old address in
    ``urls`` (the article pattern).

    ``Retired("0123456789abcdef", "2365a23702f008e8")`` -> ``articles/0123456789abcdef.md``
    with ``redirect_to: ../2365a23702f008e8/`` and a link titled with the target's headline
    (``أثنى الرئيس الروسي ...``), and the same in ``.en.md``.
    """
    by_id = {e.meta.id: e for e in entries}
    specs: list[PageSpec] = []
    for lang in LANGS:
        t = strings(lang)
        for item in redirects:
            loc = urls.article_loc(item.id)
            target = by_id[item.target] if item.target else None
            link = relative(loc, urls.article_loc(item.target)) if item.target else None
            front: dict[str, object] = {
                "title": t["redirect_title"] if target else t["removed_title"],
                "retired": True,
                "retired_id": item.id,
            }
            if target:
                front["redirect_to"] = link
                front["redirect_id"] = item.target
            specs.append(PageSpec(
                path=urls.article_path(item.id, lang),
                template="redirect.md.j2",
                front_matter=front,
                context={
                    "lang": lang,
                    "dir": "rtl" if lang == "ar" else "ltr",
                    "t": t,
                    "heading": front["title"],
                    "target": link if target else None,
                    "home": relative(loc, ""),
                    "target_title": title(target.meta, lang) if target else None,
                },
            ))
    return specs


def plan_redirects(corpus: Path, entries: list[Entry],
                   urls: Urls = URLS) -> tuple[list[PageSpec], list[str]]:
    """Pages for ``corpus/retired.yml`` -> (page specs, problems with that file's entries)."""
    retired, problems = load_retired(corpus)
    redirects, more = resolve(retired, {e.meta.id for e in entries})
    return redirect_pages(redirects, entries, urls), [*problems, *more]
