"""The entity lookup: people, places and organisations offered above the articles.

The hook keeps an :func:`entity_record` of each tag page it renders and writes them at the
end of each language build, one file per MkDocs process (:func:`write_records`);
:func:`write_entity_index` gathers them (and removes their files: the state of the index
keeps them) into shards keyed by the first three letters of each name's search forms
(:func:`entity_shards`), so that a query downloads a few KB instead of a second index. An
incremental index re-reads only the records of tag pages rendered this time (the others
come from the state) and writes only the shards whose bytes change: the same files as a
full rebuild.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from ..config import LANGS
from .forms import SHARD_LETTERS, Lexicon, fold, shard_key
from .language import query_form, words
from .layout import ENTITY_BUNDLE, ENTITY_RECORDS, ENTITY_RECORDS_GLOB, tag_page
from .view import SiteView, json_bytes, replace


def entity_record(kind: str, title: str, names: Sequence[str], count: int) -> dict:
    """What the entity lookup knows of one entity: its kind, title, names, article count.

    ``entity_record("person", "سيرغي لافروف", ["سيرغي لافروف", "Sergei Lavrov"], 41)``.
    """
    return {"kind": kind, "title": title, "names": list(dict.fromkeys(n for n in names if n)),
            "count": count}


def write_records(site: Path, lang: str, process: str, records: Mapping[str, dict]) -> None:
    """Write the ``records`` (tag page folder below ``site`` -> :func:`entity_record`) of
    one MkDocs process's ``lang`` build at the top of ``site`` (:data:`ENTITY_RECORDS`)."""
    path = site / ENTITY_RECORDS.format(lang=lang, process=process)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(dict(sorted(records.items())), ensure_ascii=False,
                               sort_keys=True), encoding="utf-8")


def take_records(view: SiteView) -> dict[str, dict]:
    """The records the hook wrote (:func:`write_records`) in ``view.out``, then in its base
    (a record in ``out`` wins), by tag page folder; their files are deleted."""
    records: dict[str, dict] = {}
    for root in [view.out] + ([view.base_site] if view.base_site else []):
        for path in sorted(root.glob(ENTITY_RECORDS_GLOB)):
            for url, record in json.loads(path.read_text(encoding="utf-8")).items():
                records.setdefault(url, record)
            view.delete(path.name)
    return records


def entity_shards(records: Iterable[tuple[str, str, dict]], lexicon: Lexicon | None = None
                  ) -> dict[str, dict[str, dict[str, list]]]:
    """Language -> shard key -> folder -> entities, from ``(lang, url, record)`` triples.

    A shard holds its entities by the folder of their URL (``{"tags/people/": [...]}``,
    whatever the URL patterns of ``extra.urls``); an entity is ``[title, slug, kind, count,
    "form form ..."]``, its page at ``folder + slug + "/"``. Its forms are the search forms
    of every word of its names, in both languages, with the archive's ``lexicon``, and the
    folded words (:func:`forms.fold`: a reader's query is folded, so the editor's spelling
    is never compared). It is in the shard of the first three letters of each form: a
    reader's word of three letters or more finds it in one small file. Sorted, so the
    output is the same for the same site.
    """
    shards: dict[str, dict[str, dict[str, list]]] = defaultdict(
        lambda: defaultdict(lambda: defaultdict(list)))
    for lang, url, record in sorted(records, key=lambda r: (r[0], r[1])):
        forms: list[str] = []
        for name in record["names"]:
            for word in words(name):
                for form in (query_form(word, lexicon), fold(word)):
                    if len(form) > 1 and form not in forms:
                        forms.append(form)
        folder, _, slug = url.rstrip("/").rpartition("/")
        folder = f"{folder}/" if folder else ""
        entry = [record["title"], slug, record["kind"], record["count"], " ".join(forms)]
        for key in dict.fromkeys(shard_key(f) for f in forms if len(f) >= SHARD_LETTERS):
            shards[lang][key][folder].append(entry)
    return {lang: {key: dict(sorted(folders.items())) for key, folders in sorted(v.items())}
            for lang, v in sorted(shards.items())}


def write_entity_index(site: Path, cache: Mapping | None = None,
                       rendered: set[str] | None = None, *, view: SiteView | None = None,
                       lexicon: Lexicon | None = None,
                       known: Mapping[str, dict] | None = None) -> tuple[int, dict]:
    """Gather the records the hook wrote (:func:`take_records`) into the entity lookup.

    Returns the number of entities and the state to keep for the next call: the records
    live on there, and their files are removed from the site once read (they are served to
    nobody). With ``cache`` (that state) and ``rendered`` (pages rendered since), only the
    records of rendered tag pages are taken and only shards whose bytes change are written.
    Without, the records of the site are read, and a tag page without one that was not
    rendered this time keeps its record in ``known`` (the last state's, even one too old to
    plan an index with). Records whose tag page is gone (an entity no longer in the corpus)
    are removed. ``view``: see :func:`builder.search.index_site` (``base``); ``lexicon``:
    the archive's (:func:`entity_shards`).
    """
    view = view or SiteView(site)
    target = site / ENTITY_BUNDLE
    found = take_records(view)
    if cache is not None and rendered is not None:
        records = {url: record for url, record in cache["records"].items()
                   if view.exists(f"{url}index.html")}
        for page in sorted(p for p in rendered if tag_page(p, view.urls)):
            url = page[: -len("index.html")]
            if url in found:
                records[url] = found[url]
            else:
                records.pop(url, None)
        written = dict(cache["shards"])
        shards_in = view.folder(ENTITY_BUNDLE)
    else:
        records = {url: record for url, record in found.items()
                   if view.exists(f"{url}index.html")}
        fresh = {p[: -len("index.html")] for p in rendered or ()}
        for url, record in (known or {}).items():
            if url not in records and url not in fresh and view.exists(f"{url}index.html"):
                records[url] = record
        records = dict(sorted(records.items()))
        shards_in = view.replace_folder(ENTITY_BUNDLE)
        written = {}
    triples = [(view.urls.split_lang(url)[0], url, record)
               for url, record in records.items()]
    shards: dict[str, str] = {}
    size = 0
    for lang, entries in entity_shards(triples, lexicon).items():
        for key, items in entries.items():
            name = f"{lang}/{key}.json"
            data = json_bytes(items)
            size += len(data)
            shards[name] = hashlib.sha256(data).hexdigest()[:20]
            if written.get(name) != shards[name] or not (shards_in / name).is_file():
                (target / lang).mkdir(parents=True, exist_ok=True)
                replace(target / name, data)
    for name in set(written) - set(shards):
        view.delete(f"{ENTITY_BUNDLE}/{name}")
    for folder in [target / lang for lang in LANGS] + [target]:
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
    return len(records), {"records": records, "shards": shards, "bytes": size}
