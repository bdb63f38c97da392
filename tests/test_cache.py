"""The extraction cache: lossless entries, precise keys, warm builds skip extraction."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest

from builder import cache as cache_mod
from builder import corpus as corpus_mod
from builder import similarity, site
from builder.cache import ExtractionCache, article_from_dict, article_to_dict, fingerprint
from builder.clean import clean
from builder.config import Settings
from builder.corpus import read_corpus
from builder.extract import extract
from builder.model import (
    Entity,
    Event,
    Figure,
    Header,
    Metadata,
    Quote,
    Source,
    Span,
    Speaker,
)
from tests.helpers import CORPUS

SOURCE = Source(path="000_0123456789abcdef.txt", id="0123456789abcdef", order=0,
                text="قال الرئيس إن الاجتماع سيعقد في الرياض.\n\nوأضاف أن الوفد وصل.",
                header=Header(date="2015-11-20", source="واس"), translation="The president said.")
META = Metadata(
    id="0123456789abcdef", lang="ar", title_ar="عنوان", title_en="Title",
    summary_ar="ملخص", summary_en=None, date="2015-11-20", date_source="header",
    entities=(Entity("place", "الرياض", "Riyadh", "riyadh", 2, "gazetteer",
                     (Span(0, 30, 36), Span(1, 0, 6))),),
    events=(Event("--11-20", "سيعقد الاجتماع", 0),),
    figures=(Figure(2.5, "مليون", "2.5 مليون", 1),),
    quotes=(Quote(Speaker("الرئيس", "The president", "the-president"), "سيعقد", 0),),
)


def _settings(tmp_path: Path) -> Settings:
    return Settings.from_root(tmp_path, corpus=CORPUS, docs=tmp_path / "docs")


def test_entry_round_trip_is_lossless(tmp_path: Path) -> None:
    article = clean(SOURCE)
    c = ExtractionCache(tmp_path, "print")
    c.put(SOURCE, article, META)
    assert ExtractionCache(tmp_path, "print").get(SOURCE) == (article, META)
    assert c.prune() == 0 and (tmp_path / cache_mod.PACK_FILE).is_file()
    assert ExtractionCache(tmp_path, "print").get(SOURCE) == (article, META)  # from the pack
    assert article_from_dict(article_to_dict(article)) == article
    # fields by position: every kind of value of the model comes back in its place
    translated = dataclasses.replace(article, translation=("One.", "Two."), notes=("n",))
    assert cache_mod.entry_from_json(cache_mod.entry_to_json(translated, META)) == \
        (translated, META)


def test_real_article_round_trip(tmp_path: Path) -> None:
    source = read_corpus(CORPUS).sources[0]
    article = clean(source)
    meta = extract(article)
    ExtractionCache(tmp_path, "p").put(source, article, meta)
    assert ExtractionCache(tmp_path, "p").get(source) == (article, meta)


@pytest.mark.parametrize("change", [
    {"text": SOURCE.text + " "},
    {"header": Header(date="2015-11-21", source="واس")},
    {"translation": None},
    {"path": "001_0123456789abcdef.txt"},
    {"id": "fedcba9876543210"},
])
def test_any_change_of_the_source_changes_the_key(change: dict) -> None:
    c = ExtractionCache(None, "print")
    assert c.key(dataclasses.replace(SOURCE, **change)) != c.key(SOURCE)


def test_fingerprint_changes_the_key() -> None:
    assert ExtractionCache(None, "a").key(SOURCE) != ExtractionCache(None, "b").key(SOURCE)


def test_fingerprint_follows_extraction_data_not_templates(tmp_path: Path) -> None:
    builder = tmp_path / "builder"
    shutil.copytree(cache_mod.BUILDER, builder, ignore=shutil.ignore_patterns("__pycache__"))
    before = fingerprint(builder)
    assert before == fingerprint.__wrapped__(builder)
    (builder / "templates" / "article.md.j2").write_text("changed", encoding="utf-8")
    assert fingerprint.__wrapped__(builder) == before
    data = builder / "extract" / "data"
    data.mkdir(exist_ok=True)
    (data / "new-gazetteer.yml").write_text("- ar: جدة\n  en: Jeddah\n", encoding="utf-8")
    assert fingerprint.__wrapped__(builder) != before


#: Modules cleaning imports without using them for its result (``ArticleError`` lives in
#: corpus.py, which imports duplicate detection, the process sharing it uses and the
#: memory budget that sharing asks).
_IMPORTED_ONLY = {"corpus.py", "duplicates.py", "similarity.py", "minhash.py", "parallel.py",
                  "memory.py"}


def test_fingerprint_covers_what_extraction_imports_and_opens() -> None:
    """Clean and extract the seeds in a fresh interpreter, recording every module it loads
    and every file it opens: all of builder/ among them is in the fingerprint."""
    import subprocess
    import sys

    code = """
import json, sys
opened = set()
sys.addaudithook(lambda event, args: opened.add(str(args[0]))
                 if event == "open" and isinstance(args[0], str) else None)
from pathlib import Path
from builder.clean import clean
from builder.corpus import list_article_files, read_source
from builder.extract import extract
for path in list_article_files(Path(sys.argv[1])):
    extract(clean(read_source(path)))
opened.update(m.__file__ for n, m in list(sys.modules.items()) if n.startswith("builder"))
print(json.dumps(sorted(opened)))
"""
    out = subprocess.run([sys.executable, "-c", code, str(CORPUS)], capture_output=True,
                         text=True, check=True, cwd=cache_mod.BUILDER.parent).stdout
    used = {Path(p).resolve() for p in json.loads(out)}
    builder = {p for p in used if p.is_relative_to(cache_mod.BUILDER) and p.is_file()}
    covered = set(cache_mod.fingerprint_files())
    missing = {p.relative_to(cache_mod.BUILDER).as_posix() for p in builder - covered}
    assert missing <= _IMPORTED_ONLY, missing
    assert len(builder & covered) > 20


def test_damaged_entry_is_a_miss_and_gets_rewritten(tmp_path: Path) -> None:
    c = ExtractionCache(tmp_path, "p")
    c.put(SOURCE, clean(SOURCE), META)
    path = next(tmp_path.glob(f"*/*{cache_mod.ENTRY_SUFFIX}"))
    path.write_text("{not json", encoding="utf-8")
    c2 = ExtractionCache(tmp_path, "p")
    assert c2.get(SOURCE) is None and c2.misses == 1
    c2.put(SOURCE, clean(SOURCE), META)
    assert ExtractionCache(tmp_path, "p").get(SOURCE) is not None


def test_damaged_or_cut_pack(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    other = dataclasses.replace(SOURCE, text="نص آخر")
    c = ExtractionCache(tmp_path, "p")
    c.put(SOURCE, clean(SOURCE), META)
    c.put(other, clean(other), META)
    c.prune()
    pack = tmp_path / cache_mod.PACK_FILE
    data = bytearray(pack.read_bytes())
    first = min(c.key(SOURCE), c.key(other))  # the pack is sorted by key
    pack.write_bytes(bytes(data[:-5]))  # cut in the last entry
    kept = ExtractionCache(tmp_path, "p")
    assert (kept.get(SOURCE) is not None) == (c.key(SOURCE) == first)
    assert (kept.get(other) is not None) == (c.key(other) == first)
    assert "truncated" in caplog.text
    data[-10] ^= 0xFF  # a damaged byte: that entry is a miss, the other one is read
    pack.write_bytes(bytes(data))
    damaged = ExtractionCache(tmp_path, "p")
    assert [damaged.get(SOURCE) is None, damaged.get(other) is None].count(True) == 1
    pack.write_bytes(b"something else")
    assert ExtractionCache(tmp_path, "p").get(SOURCE) is None


def test_prune_keeps_only_what_the_build_used(tmp_path: Path) -> None:
    other = dataclasses.replace(SOURCE, text="نص آخر")
    c = ExtractionCache(tmp_path, "p")
    c.put(SOURCE, clean(SOURCE), META)
    c.put(other, clean(other), META)
    c2 = ExtractionCache(tmp_path, "p")
    assert c2.get(SOURCE) is not None
    assert c2.prune() == 1
    assert ExtractionCache(tmp_path, "p").get(other) is None


def test_warm_build_extracts_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = _settings(tmp_path)
    first = site.extract_corpus(settings, site.BuildReport())
    assert (settings.cache / cache_mod.PACK_FILE).is_file()
    assert not any(settings.cache.glob("*/*"))  # entries written alone are in the pack now

    def boom(*args: object) -> None:
        raise AssertionError("extract called on a warm cache")

    monkeypatch.setattr(site, "extract", boom)
    monkeypatch.setattr(site, "clean", boom)
    monkeypatch.setattr(corpus_mod, "parse_article", boom)  # not even decoded
    report = site.BuildReport()
    second = site.extract_corpus(settings, report)
    assert second == first and not report.errors
    assert [e.digest for e in second] == [e.digest for e in first]


def test_pool_gives_the_serial_result_in_order(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    sources = read_corpus(CORPUS).sources
    serial = list(site._extract_all(sources, site.BuildReport(), ExtractionCache(None)))
    monkeypatch.setattr(site, "POOL_MIN", 1)
    monkeypatch.setattr(site, "cores", lambda: 2)
    pooled = list(site._extract_all(sources, site.BuildReport(), ExtractionCache(None)))
    assert pooled == serial
    assert [e.article.id for e in pooled] == [s.id for s in sources]


def test_a_failing_article_is_reported_not_cached(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(article: object) -> None:
        raise ValueError("bad")

    monkeypatch.setattr(site, "extract", fail)
    report = site.BuildReport()
    settings = _settings(tmp_path)
    entries = site.extract_corpus(settings, report)
    assert entries == [] and len(report.errors) == 5
    assert "could not process" in report.errors[0].message
    assert not any(settings.cache.glob("*/*")) and not ExtractionCache(settings.cache)._pack


def test_similarity_features_survive_a_build(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from builder.cache import FeatureStore

    texts = [(s.id, s.text) for s in read_corpus(CORPUS).sources]
    store = FeatureStore(tmp_path)
    assert store.loaded == 0
    before = similarity.build_index(texts, store)
    assert store.save()
    again = FeatureStore(tmp_path)
    assert again.loaded == len(again) == len(texts)
    after = similarity.build_index(texts, again)
    assert not again.changed() and not again.save()  # nothing new: the file stays
    assert [after.similar(i, 3) for i, _ in texts] == [before.similar(i, 3) for i, _ in texts]
    assert after.near_duplicates(0.5) == before.near_duplicates(0.5)
    scratch = similarity.build_index(texts)  # no store: the same index
    assert [scratch.similar(i, 3) for i, _ in texts] == [before.similar(i, 3) for i, _ in texts]
    similarity.build_index(texts[1:], again)
    assert again.changed() and again.save()  # one text unused: it goes
    assert FeatureStore(tmp_path).loaded == len(texts) - 1
    monkeypatch.setattr(similarity, "features_fingerprint", lambda: "other code")
    assert FeatureStore(tmp_path).loaded == 0
    (tmp_path / "similarity.npz").write_bytes(b"damaged")
    assert FeatureStore(tmp_path).loaded == 0


def test_a_pool_worker_stores_the_entry_it_extracted(tmp_path: Path) -> None:
    source = read_corpus(CORPUS).sources[0]
    c = ExtractionCache(tmp_path, "print")
    path = c.entry_path(source)
    assert path is not None and not path.exists()
    article, meta = site._process((source, path))  # what a worker of the pool runs
    assert ExtractionCache(tmp_path, "print").get(source) == (article, meta)
    assert c.prune() == 0  # the entry counts as used by the cache that handed out its path


# -- the reading cache: incremental reading equals reading from scratch --------------------


def _seed_text(i: int) -> str:
    return next(CORPUS.glob(f"{i:03d}_*[0-9a-f].txt")).read_text(encoding="utf-8")


def _changing_corpus(folder: Path) -> Path:
    """The seeds, an exact and a near duplicate, an empty file, a broken translation."""
    shutil.copytree(CORPUS, folder)
    (folder / "005_00000000000000a5.txt").write_text(_seed_text(0) + " وأضاف.",
                                                      encoding="utf-8")  # near 000
    (folder / "006_00000000000000a6.txt").write_text(_seed_text(2).replace("\n", "\n\n"),
                                                      encoding="utf-8")  # exact 002
    (folder / "007_00000000000000a7.txt").write_text("  ", encoding="utf-8")
    (folder / "003_ac94255f7615738d.en.txt").write_bytes(b"\x00\x01 broken")
    return folder


def _from_scratch(root: Path, monkeypatch: pytest.MonkeyPatch):
    """extract_corpus() without any cache (no features remembered either)."""
    settings = Settings.from_root(root, cache=None)
    report = site.BuildReport()
    entries = site.extract_corpus(settings, report)
    monkeypatch.undo()
    return entries, report


def _same(root: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Collect with the cache of ``root`` and from scratch: equal entries (and digests),
    errors and related articles. The names of the files decoded with the cache."""
    from builder.pages.catalog import build_catalog
    from builder.pages.related import related_articles

    decoded: list[str] = []
    parse = corpus_mod.parse_article

    def counting(raw: corpus_mod.RawFile) -> object:
        decoded.append(raw.name)
        return parse(raw)

    monkeypatch.setattr(corpus_mod, "parse_article", counting)
    cached_report = site.BuildReport()
    settings = Settings.from_root(root)
    features = cache_mod.FeatureStore(settings.cache)
    cached = site.extract_corpus(settings, cached_report, features)
    features.save()  # as site.build does
    monkeypatch.undo()
    scratch, scratch_report = _from_scratch(root, monkeypatch)
    assert cached == scratch
    assert [e.digest for e in cached] == [e.digest for e in scratch]
    assert [(e.path, e.message) for e in cached_report.errors] == \
        [(e.path, e.message) for e in scratch_report.errors]
    assert related_articles(build_catalog(cached)) == related_articles(build_catalog(scratch))
    return decoded


def test_incremental_reading_equals_reading_from_scratch(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _changing_corpus(tmp_path / "corpus")
    assert len(_same(tmp_path, monkeypatch)) == 8  # cold: every file
    report = _from_scratch(tmp_path, monkeypatch)[1]
    assert sorted(e.message.split(" (")[0] for e in report.errors) == [
        "binary file", "empty article", "exact duplicate of 002_da119672f8d1c69d.txt",
        "near duplicate of 000_2365a23702f008e8.txt"]
    # warm: only what was not extracted (duplicates, errors) or has a broken translation
    assert sorted(_same(tmp_path, monkeypatch)) == [
        "003_ac94255f7615738d.txt", "005_00000000000000a5.txt", "006_00000000000000a6.txt",
        "007_00000000000000a7.txt"]
    # the original of the near duplicate goes, an article comes, another changes
    (corpus / "000_2365a23702f008e8.txt").unlink()
    (corpus / "000_2365a23702f008e8.en.txt").unlink()
    (corpus / "008_00000000000000a8.txt").write_text(_seed_text(1) + "\n" + _seed_text(4),
                                                      encoding="utf-8")
    (corpus / "004_dff0eda70fa24883.en.txt").write_text("Another translation.",
                                                         encoding="utf-8")
    decoded = _same(tmp_path, monkeypatch)
    assert {"005_00000000000000a5.txt", "008_00000000000000a8.txt",
            "004_dff0eda70fa24883.txt"} <= set(decoded)
    assert "001_07113fe9eb90c3c4.txt" not in decoded
    entries = _from_scratch(tmp_path, monkeypatch)[0]
    assert "005_00000000000000a5.txt" in [e.article.path for e in entries]  # no longer near


def test_reading_cache_survives_damage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                       caplog: pytest.LogCaptureFixture) -> None:
    _changing_corpus(tmp_path / "corpus")
    settings = Settings.from_root(tmp_path)
    _same(tmp_path, monkeypatch)
    reading = settings.cache / cache_mod.READING_FILE
    data = json.loads(reading.read_text(encoding="utf-8"))
    assert len(data["files"]) == 8 - 2  # read cleanly: not the empty one nor 003
    reading.write_text("{damaged", encoding="utf-8")
    assert len(_same(tmp_path, monkeypatch)) == 8
    assert "reading cache: ignoring" in caplog.text
    assert len(_same(tmp_path, monkeypatch)) == 4  # repaired
    (settings.cache / cache_mod.SIMILARITY_FILE).unlink()  # features lost: files read again
    assert len(_same(tmp_path, monkeypatch)) == 8
    data["fingerprint"] = "other code"
    reading.write_text(json.dumps(data), encoding="utf-8")
    assert len(_same(tmp_path, monkeypatch)) == 8


def test_reading_cache_is_written_only_when_it_changes(tmp_path: Path) -> None:
    from builder.corpus import read_corpus as read

    _changing_corpus(tmp_path / "corpus")
    folder = tmp_path / "cache"
    memory = cache_mod.ReadingCache(folder, ExtractionCache(folder))
    read(tmp_path / "corpus", memory)
    assert memory.save() and not memory.save()
    again = cache_mod.ReadingCache(folder, ExtractionCache(folder))
    read(tmp_path / "corpus", again)
    assert again.hits == 0  # nothing extracted yet: nothing is recalled
    assert not again.save()  # remembered the same
