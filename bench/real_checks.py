"""Checks of the metadata of a large archive of real news (the examples of issue 19).

    python -m bench.real_checks [N] [--seed S] [--sample K] [--top T] [--work DIR]

Builds a corpus of N real articles (``bench/corpus.py``, default 2,000) in a temporary
folder (or ``--work``), reads, cleans and extracts it as ``python -m builder build`` does
(``builder.site.extract_corpus``) and indexes it (``build_catalog``); then prints:

a. ``K`` tag pages drawn at random (``random.Random(S)``) with their English names, for a
   reader to count those that are not a name; tags that contain a listed non-name phrase
   or end with a connector ("شركة محمد بن") are flagged;
b. the ``T`` most quoted speakers, flagging those that are a generic word (an anonymous
   source or a title without a name: مصدر، أحد، مدير، وزير، سموه…);
c. the named examples: the English of each known foreign name, and the phrases that must
   not be tags;
d. the timeline: how many dated events the chart draws (``builder.charts.core_span``), in
   how many months, and how long event texts are (in words);
e. English summaries of untranslated articles: how many list a bare number (a figure
   without what it counts).

The articles are read from ``../shared/data/saudinewsnet`` at run time; nothing of their
text is written outside the temporary folder.
"""

from __future__ import annotations

import argparse
import logging
import random
import re
import statistics
import sys
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

from builder.charts import core_span
from builder.config import Settings
from builder.normalize import normalize
from builder.pages.catalog import Catalog, build_catalog
from builder.site import BuildReport, extract_corpus

from .corpus import make_corpus

#: Arabic as the articles write it -> the usual English spelling and the kind of tag.
EXAMPLES = {
    "توني أبوت": ("Tony Abbott", "people"),
    "أريانا هافينغتون": ("Arianna Huffington", "people"),
    "اندرييس اينيستا": ("Andres Iniesta", "people"),
    "سامي خضيرة": ("Sami Khedira", "people"),
    "جان إيف لو دريان": ("Jean-Yves Le Drian", "people"),
    "آبركرومبي آند فيتش": ("Abercrombie & Fitch", "organizations"),
    "جامعة ديوك": ("Duke University", "organizations"),
    "بوبا": ("Bupa", "organizations"),
    "إيني": ("Eni", "organizations"),
    "غازي القصيبي": ("Ghazi al-Gosaibi", "people"),
    "إيه بي سي": ("ABC", "organizations"),
    "فوكس نيوز": ("Fox News", "organizations"),
    "جامعة السوربون": ("Sorbonne", "organizations"),
    "هيئة الخدمات الصحية البريطانية": ("NHS", "organizations"),
}
#: Phrases the issue found as tags: none of them is a name.
NOT_NAMES = (
    "دفع أخاه", "اعتذارا جميلا", "يقيم حفل", "قدّم شكره", "انهارت القضبان", "دونيس وعدم",
    "دونيس بإجراء", "شركة سوكلين تتابع", "قناة المسيرة التابعة", "شركة محمد بن",
    "تنظيم الندوات والمؤتمرات", "الملاهي", "المعالج", "لفرز",
)
#: A name does not end with these (it lost its end: "شركة محمد بن").
CONNECTORS = {"بن", "بنت", "ابن", "ابو", "أبو", "آل", "عبد", "ال"}
#: Generic words a speaker's name must not be (nor start with, when it is all it says).
GENERIC = (
    "مصدر", "مصادر", "مصادر مطلعة", "أحد", "إحدى", "مدير", "مديرة", "وزير", "رئيس", "نائب",
    "نائب رئيس", "سموه", "شيخ", "ضابط", "مسؤول", "متحدث", "المتحدث", "الوزير", "الرئيس",
    "المدير", "الأمير", "الشيخ", "المصدر", "مواطن", "خبير", "محلل", "شاهد", "مراقب", "ناشط",
)


def _en_key(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9]+", " ", text.replace("&", " and ")).strip()


def _norm(text: str) -> str:
    return " ".join(normalize(text).split())


def tag_sample(catalog: Catalog, k: int, seed: int) -> list[tuple[str, str, str, int, str]]:
    """``k`` tags drawn at random: (kind, Arabic, English, articles, flag)."""
    keys = sorted(catalog.tags)
    drawn = random.Random(seed).sample(keys, min(k, len(keys)))
    bad = [_norm(p) for p in NOT_NAMES]
    out = []
    for key in drawn:
        tag = catalog.tags[key]
        ar = _norm(tag.ar)
        flag = ""
        if any(b == ar or f" {b} " in f" {ar} " for b in bad):
            flag = "listed non-name"
        elif ar.split()[-1] in {_norm(c) for c in CONNECTORS}:
            flag = "ends with a connector"
        out.append((tag.kind, tag.ar, tag.en, len(tag.entries), flag))
    return out


def generic_speaker(ar: str) -> bool:
    """The speaker is only a generic word or a title without a name."""
    words = _norm(ar).split()
    generic = {_norm(g) for g in GENERIC}
    if " ".join(words) in generic:
        return True
    return bool(words) and words[0] in generic and len(words) <= 2 and all(
        w.startswith("ال") or w in generic for w in words[1:])


def top_speakers(catalog: Catalog, top: int) -> list[tuple[str, str | None, int, bool]]:
    """The ``top`` most quoted speakers (as the quotes page ranks them), flagged generic."""
    ranked = sorted(catalog.speakers.values(),
                    key=lambda s: (-len(s.quotes), (s.en or s.ar).casefold(), s.slug))
    return [(s.ar, s.en, len(s.quotes), generic_speaker(s.ar)) for s in ranked[:top]]


def untagged_speakers(catalog: Catalog) -> list[str]:
    """Speakers (Arabic) that are neither a person nor an organisation of the archive."""
    return sorted(s.ar for slug, s in catalog.speakers.items()
                  if ("people", slug) not in catalog.tags
                  and ("organizations", slug) not in catalog.tags)


def examples(catalog: Catalog) -> tuple[list[tuple[str, str, str, bool]], list[str]]:
    """(Arabic, expected, English given, right) of each example found as a tag, and the
    non-name phrases that are tags."""
    found = []
    for ar, (expected, kind) in EXAMPLES.items():
        want = _norm(ar)
        tags = [t for t in catalog.tags.values()
                if t.kind == kind and f" {want} " in f" {_norm(t.ar)} "
                and len(_norm(t.ar).split()) <= len(want.split()) + 2]
        if not tags:
            found.append((ar, expected, "(no tag)", False))
        for t in tags:
            found.append((t.ar, expected, t.en, _en_key(expected) in _en_key(t.en)))
    bad = {_norm(p) for p in NOT_NAMES}
    tags_bad = sorted({t.ar for t in catalog.tags.values() if _norm(t.ar) in bad})
    return found, tags_bad


def timeline(catalog: Catalog) -> dict[str, float]:
    """What the timeline chart draws and how long event texts are."""
    months: Counter[str] = Counter()
    lengths = []
    for entry in catalog.entries:
        for event in entry.meta.events:
            if event.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", event.date):
                months[event.date[:7]] += 1
            lengths.append(len(event.text.replace("…", " ").split()))
    drawn, outside = core_span(months)
    total = sum(months.values())
    return {
        "dated events": total,
        "months with events": len(months),
        "months drawn": len(drawn),
        "events drawn": sum(drawn.values()),
        "non-empty bars": sum(1 for v in drawn.values() if v),
        "largest bar share": max(drawn.values()) / total if total else 0.0,
        "left out": sum(n for _side, n, _a, _b in outside),
        "event words median": statistics.median(lengths) if lengths else 0,
        "event words max": max(lengths, default=0),
        "events over 40 words": sum(1 for n in lengths if n > 40),
        "events": len(lengths),
    }


def english_summaries(catalog: Catalog) -> tuple[int, list[str]]:
    """Untranslated Arabic articles, and the English summaries among them listing a bare
    number."""
    bare = []
    n = 0
    for entry in catalog.entries:
        meta = entry.meta
        if meta.lang != "ar" or entry.article.translation or entry.article.header.title_en:
            continue
        n += 1
        summary = meta.summary_en or ""
        m = re.search(r"Figures?:\s*(.*?)\.(?:\s|$)", summary)
        if m and any(re.fullmatch(r"[\d,.]+", part.strip()) for part in m[1].split(";")):
            bare.append(summary)
    return n, bare


def run(n: int, seed: int, sample: int, top: int, work: Path) -> int:
    logging.getLogger("builder").setLevel(logging.CRITICAL)  # duplicates, cleaning notes
    make_corpus(work / "corpus", n)
    settings = Settings.from_root(work, corpus=work / "corpus", docs=work / "docs",
                                  cache=work / ".cache" / "extract")
    report = BuildReport()
    entries = extract_corpus(settings, report)
    catalog = build_catalog(entries)
    print(f"articles: {len(entries)} (skipped {len(report.errors)}); tags: {len(catalog.tags)};"
          f" speakers: {len(catalog.speakers)}")

    print(f"\n(a) {sample} tag pages drawn with random.Random({seed}):")
    rows = tag_sample(catalog, sample, seed)
    for kind, ar, en, count, flag in rows:
        print(f"  {kind:13s} {ar} | {en} | {count}" + (f"  <- {flag}" if flag else ""))
    print(f"  flagged automatically: {sum(1 for r in rows if r[4])} (read the list for the rest)")

    print(f"\n(b) the {top} most quoted speakers:")
    speakers = top_speakers(catalog, top)
    for ar, en, count, generic in speakers:
        print(f"  {count:4d} {ar} | {en}" + ("  <- generic" if generic else ""))
    print(f"  generic among them: {sum(1 for s in speakers if s[3])}")
    untagged = untagged_speakers(catalog)
    print(f"  speakers with no person or organisation tag page: {len(untagged)} of "
          f"{len(catalog.speakers)} (read them: a name the recogniser missed, or not anyone)")
    print("   ", "، ".join(untagged))

    print("\n(c) examples:")
    found, bad = examples(catalog)
    for ar, expected, en, ok in found:
        print(f"  {'ok ' if ok else 'BAD'} {ar} -> {en} (usual: {expected})")
    print(f"  right: {sum(1 for f in found if f[3])} of {len(found)}")
    print(f"  listed non-names that are tags: {len(bad)} {bad}")

    print("\n(d) timeline:")
    for key, value in timeline(catalog).items():
        print(f"  {key}: {value:.2f}" if isinstance(value, float) else f"  {key}: {value}")

    print("\n(e) English summaries of untranslated articles:")
    total, bare = english_summaries(catalog)
    print(f"  {len(bare)} of {total} list a bare number")
    for summary in bare[:5]:
        print(f"    {summary}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--work", type=Path, help="keep the corpus and cache here")
    args = parser.parse_args(argv)
    if args.work:
        return run(args.n, args.seed, args.sample, args.top, args.work)
    with tempfile.TemporaryDirectory() as tmp:
        return run(args.n, args.seed, args.sample, args.top, Path(tmp))


if __name__ == "__main__":
    sys.exit(main())
