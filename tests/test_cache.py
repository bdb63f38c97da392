"""The extraction cache: lossless entries, precise keys, warm builds skip extraction."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from builder import cache as cache_mod
from builder import site
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
    assert article_from_dict(article_to_dict(article)) == article


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


def test_damaged_entry_is_a_miss_and_gets_rewritten(tmp_path: Path) -> None:
    c = ExtractionCache(tmp_path, "p")
    c.put(SOURCE, clean(SOURCE), META)
    path = next(tmp_path.glob("*/*.json"))
    path.write_text("{not json", encoding="utf-8")
    c2 = ExtractionCache(tmp_path, "p")
    assert c2.get(SOURCE) is None and c2.misses == 1
    c2.put(SOURCE, clean(SOURCE), META)
    assert ExtractionCache(tmp_path, "p").get(SOURCE) is not None


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
    first = site.collect(settings, site.BuildReport())
    assert any(settings.cache.rglob("*.json"))

    def boom(*args: object) -> None:
        raise AssertionError("extract called on a warm cache")

    monkeypatch.setattr(site, "extract", boom)
    monkeypatch.setattr(site, "clean", boom)
    report = site.BuildReport()
    second = site.collect(settings, report)
    assert second == first and not report.errors


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
    entries = site.collect(_settings(tmp_path), report)
    assert entries == [] and len(report.errors) == 5
    assert "could not process" in report.errors[0].message
    assert not any((tmp_path / ".cache").rglob("*.json"))


def test_similarity_features_survive_a_build(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from builder import similarity
    from builder.cache import load_similarity, save_similarity

    texts = [(s.id, s.text) for s in read_corpus(CORPUS).sources]
    monkeypatch.setattr(similarity, "_FEATURES", {})
    monkeypatch.setattr(similarity, "_USED", set())
    before = similarity.build_index(texts)
    save_similarity(tmp_path)
    similarity._FEATURES.clear()
    assert load_similarity(tmp_path) == len(texts)
    assert len(similarity._FEATURES) == len(texts)
    after = similarity.build_index(texts)
    assert [after.similar(i, 3) for i, _ in texts] == [before.similar(i, 3) for i, _ in texts]
    assert after.near_duplicates(0.5) == before.near_duplicates(0.5)
    similarity._FEATURES.clear()
    monkeypatch.setattr(similarity, "features_fingerprint", lambda: "other code")
    assert load_similarity(tmp_path) == 0 and not similarity._FEATURES
    (tmp_path / "similarity.npz").write_bytes(b"damaged")
    assert load_similarity(tmp_path) == 0


def test_a_pool_worker_stores_the_entry_it_extracted(tmp_path: Path) -> None:
    source = read_corpus(CORPUS).sources[0]
    c = ExtractionCache(tmp_path, "print")
    path = c.entry_path(source)
    assert path is not None and not path.exists()
    article, meta = site._process((source, path))  # what a worker of the pool runs
    assert ExtractionCache(tmp_path, "print").get(source) == (article, meta)
    assert c.prune() == 0  # the entry counts as used by the cache that handed out its path
