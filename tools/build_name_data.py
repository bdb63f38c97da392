"""Derive the name data files of ``builder/extract/data/`` from open data.

``python -m tools.build_name_data [--source DIR] [--out DIR]`` (``make names-data``) reads
``DIR`` (default ``../shared/data/open-names``):

* ``wikidata-person-name-tokens.tsv`` (Wikidata person labels, CC0): English word, the same
  word in Arabic letters, count. Written to ``name_words.tsv``: for every Arabic word
  (normalised for matching as the extractor does) its usual English spellings by count.
* ``world-cities.csv`` (world-cities-translations, CC BY 4.0): country and city in Arabic
  and English. Written to ``world_cities.tsv``: cities the hand-made gazetteer does not
  hold, with their ISO country code.

Curation, by rule: Arabic words with the article ``ال`` are left out (they are regnal
numbers, countries and titles: ``الثاني`` "ii"); an English spelling is kept when its
letters can spell the Arabic word (consonant classes align) and its count is at least a
tenth of the word's usual spelling and its end agrees with the Arabic's last letter
(a final ي is not read "a"); accented and plain forms of one spelling count
together. A city row is kept when its Arabic, with or without an administrative head word
(``منطقة الرياض``), spells its English; rows naming a club or college, spellings that are
stop words, words of the language (``common_words.tsv`` and the words NewsFANE Gold tags
outside entities, ``../shared/data/ner/newsfane``: ميدان, and كبيرا = ك + بيرا),
people's names (unless a city of a million people, then guarded), hand-made gazetteer
names and the nisba of another place (البنجابية "Punjabi", of البنجاب) are dropped; so is a one-word city of under a million people that NewsFANE never tags
as a place when its spelling with the article taken off or put on, or after ك, is common in
Arabic (wordfreq, at build time: الحارة as حارة "quarter", خمر as الخمر "wine", ويتي in
كويتي). The output depends only on the inputs and the repository's data files:
running the script twice gives identical files.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from builder.extract import lexicon
from builder.extract.spelling import ending_agrees
from builder.normalize import normalize

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "data" / "open-names"
NEWSFANE = ROOT.parent / "shared" / "data" / "ner" / "newsfane" / "NewsFANE_Gold_2014_170K.txt"
OUT = ROOT / "builder" / "extract" / "data"
TOKENS = "wikidata-person-name-tokens.tsv"
CITIES = "world-cities.csv"
WORDS_FILE = "name_words.tsv"
CITIES_FILE = "world_cities.tsv"

#: Spellings kept per Arabic word, and the share of the usual one a spelling needs.
MAX_SPELLINGS = 4
MIN_SHARE = 0.1
#: Consonant-class similarity (0..1) an English spelling needs to stand for an Arabic word.
MIN_SIMILARITY = 0.5

#: Similarity a city row's Arabic needs with its English (names are longer than words).
CITY_SIMILARITY = 0.67

#: A one-word city spelled like a person's name (in translit.yml or NAME_COUNT times in
#: the Wikidata tokens) is kept, guarded, only from this population on.
BIG_CITY = 1_000_000
NAME_COUNT = 5

#: A one-word city whose spelling, with the article ال taken off or put on or with the
#: proclitic ك, is itself used at least this often in Arabic (wordfreq's Zipf scale: 3 is
#: once per million words) is a word of the language (الحارة: حارة "quarter"; خمر: الخمر
#: "wine"; ويتي: كويتي), dropped below BIG_CITY unless NewsFANE Gold tags it as a place.
WORD_ZIPF = 3.0

#: Administrative words that may begin a city row's Arabic name (منطقة الرياض -> Riyadh).
ADMIN_HEADS = ("محافظة", "مقاطعة", "ولاية", "بلدية", "إقليم", "منطقة", "مدينة", "إدارة",
               "مديرية", "ضاحية", "ناحية", "مركز", "قضاء", "كانتون", "بلدة", "قرية", "لواء")
#: First words of rows that name a body, not a place (نادي كايزرسلاوترن, الكلية التقنية…).
BODY_HEADS = ("نادي", "كلية", "جامعة", "مدرسة", "معهد", "شركة", "مطار", "ميناء", "مستشفى",
              "نهر", "بحيرة", "جبل", "سد", "قاعدة")

_ADMIN = frozenset(normalize(h) for h in ADMIN_HEADS)
_BODY = frozenset(normalize(h) for h in BODY_HEADS)

# --------------------------------------------------------------------------- letters

#: Consonant classes of Arabic letters (letters not listed are vowels or silent here).
_AR_CLASSES: dict[str, str] = {
    **dict.fromkeys("بپ", "B"), **dict.fromkeys("فڤ", "F"),
    **dict.fromkeys("تطدضثذظ", "T"), **dict.fromkeys("سصزشژچ", "S"), "ج": "SK",
    **dict.fromkeys("كقغخگک", "K"), "ل": "L", "ر": "R", "م": "M", "ن": "N",
}
#: English letter groups -> consonant classes, longest first (vowels, h, w, y are skipped).
_EN_GROUPS: tuple[tuple[str, str], ...] = (
    ("sch", "S"), ("tch", "S"), ("ph", "F"), ("sh", "S"), ("ch", "SK"), ("zh", "S"),
    ("th", "T"), ("dh", "T"), ("kh", "K"), ("gh", "K"), ("ck", "K"), ("qu", "K"),
    ("x", "KS"), ("b", "B"), ("p", "B"), ("f", "F"), ("v", "FB"), ("t", "T"), ("d", "T"),
    ("s", "S"), ("z", "S"), ("j", "SK"), ("c", "KS"), ("g", "KS"), ("k", "K"), ("q", "K"),
    ("l", "L"), ("r", "R"), ("m", "M"), ("n", "N"),
)


def fold(text: str) -> str:
    """Lower case without accents: ``fold("Andrés")`` -> ``"andres"``."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _squeeze(classes: list[str]) -> list[str]:
    out: list[str] = []
    for c in classes:
        if not out or out[-1] != c:
            out.append(c)
    return out


def arabic_skeleton(word: str) -> list[str]:
    """Consonant classes of an Arabic word: ``arabic_skeleton("أبوت")`` -> ``["B", "T"]``."""
    return _squeeze([_AR_CLASSES[c] for c in word if c in _AR_CLASSES])


def english_skeleton(word: str) -> list[str]:
    """Consonant classes of a Latin word: ``english_skeleton("abbott")`` -> ``["B", "T"]``."""
    text = fold(word)
    out: list[str] = []
    i = 0
    while i < len(text):
        for group, cls in _EN_GROUPS:
            if text.startswith(group, i):
                out.append(cls)
                i += len(group)
                break
        else:
            i += 1
    return _squeeze(out)


def similarity(arabic: str, latin: str) -> float:
    """How well ``latin`` spells ``arabic``: 1 - edit distance over consonant classes.

    Two classes match when they share a letter (ج is S or K); ``similarity("فوكس",
    "fox")`` -> 1.0, ``similarity("فوكس", "muirhead")`` -> 0.0.
    """
    a, b = arabic_skeleton(arabic), english_skeleton(latin)
    if not a and not b:
        return 1.0
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            same = bool(set(ca) & set(cb))
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (0 if same else 1)))
        prev = cur
    return 1 - prev[-1] / max(len(a), len(b))


# --------------------------------------------------------------------------- name words

#: Marks of scholarly transliteration: ayn and hamza signs, macron, dots and lines below.
_SCHOLARLY = frozenset("ʿʾʻʼ\u0304\u0323\u0331\u032e")
_LATIN_WORD = re.compile(r"^[^\W\d_](?:[^\W\d_]|['\-](?=[^\W\d_]))*$")


def clean_latin(token: str) -> str | None:
    """A name word as Wikidata wrote it, without stray punctuation; None if not a word."""
    token = unicodedata.normalize("NFC", token.strip().strip(".,;:()\"").lower())
    if len(token) < 2 or not _LATIN_WORD.match(token):
        return None
    if any(unicodedata.combining(c) for c in token):
        return None  # a mark that composes with no letter (i̇dris)
    if any(c in _SCHOLARLY for c in unicodedata.normalize("NFD", token)):
        return None  # scholarly transliteration (ʿarūba, ḥasan), not how news writes names
    return token


def arabic_key(letters: str) -> str:
    """Matching form of an Arabic word given as spaced letters (``ت و ن ي`` -> ``توني``)."""
    return normalize("".join(letters.split()))


def name_words(rows: Iterable[tuple[str, str, int]]) -> dict[str, list[tuple[str, int]]]:
    """Arabic word -> its kept English spellings, most used first (see the module doc)."""
    pairs: dict[str, Counter[str]] = defaultdict(Counter)
    overall: Counter[str] = Counter()
    for latin, arabic, count in rows:
        word, key = clean_latin(latin), arabic_key(arabic)
        if word is None or len(key) < 2 or key.startswith("ال") or \
                not ending_agrees("".join(arabic.split()), word) or \
                not all("\u0621" <= c <= "\u064a" or c in "پچژڤگکی" for c in key):
            continue
        pairs[key][word] += count
        overall[word] += count
    out: dict[str, list[tuple[str, int]]] = {}
    for key in sorted(pairs):
        groups: dict[str, Counter[str]] = defaultdict(Counter)
        for word, count in pairs[key].items():
            if similarity(key, word) >= MIN_SIMILARITY:
                groups[fold(word)][word] += count
        ranked = sorted(
            ((sum(g.values()), max(g, key=lambda w: (g[w], overall[w], -len(w), w)))
             for g in groups.values()),
            key=lambda cw: (-cw[0], -overall[cw[1]], cw[1]),
        )
        if not ranked:
            continue
        top = ranked[0][0]
        kept = [(w, c) for c, w in ranked if c >= MIN_SHARE * top][:MAX_SPELLINGS]
        out[key] = kept
    return out


def read_tokens(path: Path) -> list[tuple[str, str, int]]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 3 or not parts[2].isdigit():
                raise SystemExit(f"{path.name}: line {n}: expected english<TAB>arabic<TAB>count")
            rows.append((parts[0], parts[1], int(parts[2])))
    return rows


# --------------------------------------------------------------------------- cities


@dataclass(frozen=True)
class City:
    ar: str
    en: str
    country: str
    population: int
    guard: bool = False


_TASHKEEL = re.compile("[\u064b-\u0652\u0670\u0640]")
_ARTICLES = re.compile(r"\b(?:al|el|ad|ed|at|ar|as|az|an|ash|adh|ath|aş)[ -](?=\w)", re.I)


def clean_city_en(en: str, arabic: str) -> str:
    """English of a city in the archive's convention: ``Ad Dammam`` -> ``Al-Dammam``,
    ``Yanbu``` -> ``Yanbu``, ``Hafr al Batin`` -> ``Hafr al-Batin``."""
    en = en.replace("`", "").replace("ʿ", "").replace("ʾ", "'").strip()
    if not any(w.startswith("ال") for w in arabic.split()):
        return en
    return _ARTICLES.sub(lambda m: ("Al-" if m.start() == 0 else "al-"), en)


def _bare(text: str) -> str:
    """Arabic words without their article, for comparison with English."""
    return " ".join(w[2:] if w.startswith("ال") and len(w) > 3 else w for w in text.split())


def _latin_bare(text: str) -> str:
    return _ARTICLES.sub("", fold(text))


def city_name(arabic: str, english: str) -> str | None:
    """The Arabic name a city row stands for, or None when it spells another thing.

    ``city_name("منطقة الرياض", "Riyadh")`` -> ``"الرياض"``; ``city_name("ضليع رشيد",
    "Buraydah")`` -> None.
    """
    arabic = " ".join(_TASHKEEL.sub("", arabic).split())
    words = arabic.split()
    if not words or normalize(_bare(words[0])) in _BODY:
        return None
    candidates = [arabic]
    if len(words) > 1 and normalize(words[0]) in _ADMIN:
        candidates.insert(0, " ".join(words[1:]))
    best = max(candidates, key=lambda c: _city_similarity(c, english))
    if _city_similarity(best, english) < CITY_SIMILARITY:
        return None
    return best


def _city_similarity(arabic: str, english: str) -> float:
    """:func:`similarity` of a city's Arabic and English, تش read as two sounds or as one
    (ch, tch): ``ويتشيتا`` spells ``Wichita``."""
    bare, latin = _bare(arabic), _latin_bare(english)
    return max(similarity(bare, latin), similarity(bare.replace("تش", "چ"), latin))


def _country_codes() -> dict[str, str]:
    """Arabic and English country names of CLDR (and places.yml) -> ISO code."""
    out: dict[str, str] = {}
    ar_names, en_names = lexicon._cldr()
    for code in sorted(ar_names):
        out[normalize(ar_names[code])] = code
        out[fold(en_names[code])] = code
    for c in lexicon.countries():
        out.setdefault(normalize(c.ar), c.code)
        out.setdefault(fold(c.en), c.code)
    return out


def _function_words() -> frozenset[str]:
    """Normalised stop words and function words: never inside a place name."""
    stop = yaml.safe_load((ROOT / "builder" / "data" / "stopwords.yml").read_text("utf-8"))
    return frozenset({normalize(str(w)) for w in (stop or {}).get("ar", [])}
                     | lexicon.words("function"))


def _common_words() -> frozenset[str]:
    """Normalised words that are not names: stop words, function words, verbs, nouns,
    adjectives, time words, titles, heads and nisbas of the repository's data."""
    out = set(_function_words())
    for name in ("verbs", "nouns", "adjectives", "time"):
        out |= lexicon.words(name)
    out |= {w for t in lexicon.titles().titles for w in t.split()}
    h = lexicon.heads()
    out |= set(h.orgs) | set(h.places) | set(h.plural_places) | set(h.stop)
    out |= set(lexicon.nisbas())
    return frozenset(out)


def cities(rows: Iterable[dict[str, str]], words: dict[str, list[tuple[str, int]]]) \
        -> list[City]:
    """Curated cities not in the hand-made gazetteer, most populous first per spelling."""
    codes = _country_codes()
    common = _common_words()
    dictionary = dictionary_words()
    function = _function_words()
    given = set(_given_names())
    attested = newsfane_places()
    known = lexicon.handmade_gazetteer()
    taken = {v for n in known for v in n.variants}
    known_en = {(n.country, _latin_bare(n.en)) for n in known if n.type == "place"}
    best: dict[str, City] = {}
    for row in rows:
        country = codes.get(normalize(row["CountryNameAr"].strip())) or \
            codes.get(fold(row["CountryNameEn"].strip()))
        name = city_name(row["CityNameAr"], row["CityNameEn"])
        if country is None or name is None:
            continue
        en = clean_city_en(row["CityNameEn"], name)
        key = " ".join(normalize(name).split())
        if key in taken or (country, _latin_bare(en)) in known_en:
            continue  # the hand-made gazetteer holds this city (ميدينا is Medina)
        parts = key.split()
        if len(key.replace(" ", "")) < 3 or any(w in function for w in parts) or \
                (len(parts) == 1 and (key in common or _bare(key) in common)):
            continue
        population = int(row.get("Population") or 0)
        if len(parts) == 1 and population < BIG_CITY and key not in attested and \
                used_as_word(name):
            continue  # a word with the article on or off, or after ك (الحارة, خمر)
        wordy = all(_bare(w) in dictionary or w in common or _bare(w) in common for w in parts)
        if len(parts) == 1 and is_word(key, dictionary):
            if population < BIG_CITY:
                continue  # a word of the language (الشجرة, ميدان; كبيرا = ك + بيرا)
            wordy = True
        old = best.get(key)
        if old is not None and (old.population, old.en) >= (population, en):
            continue
        named = key in given or _bare(key) in given or \
            sum(c for _, c in words.get(key, [])) >= NAME_COUNT
        if named and len(parts) == 1 and population < BIG_CITY:
            continue  # a given name or surname (موراليس, ليو) before it is a town
        guard = wordy or named or key in words or _bare(key) in words
        best[key] = City(name, en, country, population, guard)
    places = {v for n in known if n.type == "place" for v in n.variants} | set(best)
    for key in [k for k in best if _place_nisba(k, places)]:
        del best[key]  # البنجابية "Punjabi", the nisba of البنجاب, is no town
    return sorted(best.values(), key=lambda c: (c.country, -c.population, c.ar))


def _place_nisba(key: str, places: set[str]) -> bool:
    """Whether the normalised one-word ``key`` is the relative adjective (nisba) of another
    place of ``places``: ``البنجابيه`` (Punjabi) of ``البنجاب``, ``الشاميه`` of ``الشام``."""
    if " " in key or not key.startswith("ال"):
        return False
    stem = key[2:-2] if key.endswith("يه") else key[2:-1] if key.endswith("ي") else ""
    return len(stem) >= 3 and (stem in places or "ال" + stem in places)


def dictionary_words(newsfane: Path | None = None) -> frozenset[str]:
    """Normalised words of the language: those of ``common_words.tsv`` that are common
    (not only name words) and those NewsFANE Gold (CC BY-SA 3.0) tags outside entities at
    most ``MAX_ENTITY_SHARE`` of the time inside one (read at build time; only the curated
    cities are written out)."""
    from builder.extract.wordclass import _tables
    from tools.build_common_words import MAX_ENTITY_SHARE
    from tools.build_common_words import newsfane as read_newsfane

    outside, inside, _ = read_newsfane(newsfane or NEWSFANE)
    words = {w for w, n in outside.items() if inside[w] <= MAX_ENTITY_SHARE * n}
    return frozenset(words | _tables()[2])


def newsfane_places(newsfane: Path | None = None) -> frozenset[str]:
    """Normalised words NewsFANE Gold (CC BY-SA 3.0) tags as a place named by one word
    (read at build time)."""
    from tools.build_common_words import _MARKS, _NAME_CLASSES, _PERSON_CLASSES

    places = _NAME_CLASSES - _PERSON_CLASSES
    rows: list[tuple[str, str]] = []
    with open(newsfane or NEWSFANE, encoding="utf-8") as fh:
        for line in fh:
            word, _, tag = line.translate(_MARKS).strip().partition("\t")
            rows.append((normalize(word.strip()), tag.strip() or "O"))
    rows.append(("", "O"))
    return frozenset(w for (w, tag), (_, nxt) in zip(rows, rows[1:], strict=False)
                     if tag.startswith("B-") and tag[2:] in places and not nxt.startswith("I-"))



def other_forms(name: str) -> list[str]:
    """Spellings a one-word name shares letters with: the article taken off or put on,
    and ك before it: ``other_forms("ويتي")`` -> ``["الويتي", "كويتي"]``."""
    if name.startswith("ال"):
        return [name[2:]]
    return ["ال" + name, "ك" + name]


def used_as_word(name: str) -> bool:
    """Is one of ``other_forms(name)`` used at least ``WORD_ZIPF`` in Arabic (wordfreq,
    data CC BY-SA 4.0, read at build time)? Place names seldom change their article."""
    from wordfreq import zipf_frequency

    return any(zipf_frequency(f, "ar") >= WORD_ZIPF for f in other_forms(name))


#: Letters written onto a word (conjunctions, prepositions, the future's س) and endings
#: of inflection (accusative ا, feminine ه, plurals).
_CLITICS = ("", "و", "ف", "ب", "ل", "ك", "س", "ال", "وال", "بال", "لل")
_ENDINGS = ("", "ا", "ه", "ات", "ين", "ون")


def is_word(key: str, dictionary: frozenset[str]) -> bool:
    """Is the normalised one-word spelling ``key``, or ``key`` with a clitic before it, an
    inflected form of a word of the language? ``is_word("بيرا", …)`` is true: كبيرا."""
    forms = [clitic + (key[2:] if clitic.endswith("ال") and key.startswith("ال") else key)
             for clitic in _CLITICS]
    if key[0] in "وفبلكس" and len(key) >= 4:
        forms.append(key[1:])  # سيجد = س + يجد
    for form in forms:
        for ending in _ENDINGS:
            stem = form[: len(form) - len(ending)] if ending and form.endswith(ending) else \
                (form if not ending else None)
            if stem and len(stem) >= 3 and (stem in dictionary or _bare(stem) in dictionary):
                return True
    return False


def _given_names() -> Iterable[str]:
    data = lexicon.load("translit") or {}
    return (normalize(str(k)) for k in (data.get("words") or {}))


def read_cities(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


# --------------------------------------------------------------------------- output

WORDS_HEADER = """\
# Usual English spellings of name words, by normalised Arabic word (most used first).
# Generated by tools/build_name_data.py from Wikidata person labels (CC0 1.0) as aligned
# by the NETransliteration-COLING2018 project; do not edit by hand: add or override a
# spelling in translit.yml `words`. Columns: arabic, english, count.
"""
CITIES_HEADER = """\
# Cities of the world not in places.yml, with their ISO country code. Generated by
# tools/build_name_data.py from world-cities-translations by jamsshhayd
# (github.com/jamsshhayd/world-cities-translations, CC BY 4.0); do not edit by hand: a city
# in places.yml wins over this file. Columns: arabic, english, country, guard (spellings
# that are also given names: used only where the context makes them a place).
"""


def render_words(words: dict[str, list[tuple[str, int]]]) -> str:
    lines = [WORDS_HEADER]
    for key in sorted(words):
        lines.extend(f"{key}\t{w}\t{c}\n" for w, c in words[key])
    return "".join(lines)


def render_cities(rows: list[City]) -> str:
    lines = [CITIES_HEADER]
    lines.extend(f"{c.ar}\t{c.en}\t{c.country}\t{'guard' if c.guard else ''}\n" for c in rows)
    return "".join(lines)


def build(source: Path, out: Path) -> dict[str, int]:
    """Write both files into ``out``; returns the number of rows of each."""
    words = name_words(read_tokens(source / TOKENS))
    places = cities(read_cities(source / CITIES), words)
    out.mkdir(parents=True, exist_ok=True)
    (out / WORDS_FILE).write_text(render_words(words), encoding="utf-8")
    (out / CITIES_FILE).write_text(render_cities(places), encoding="utf-8")
    return {WORDS_FILE: sum(len(v) for v in words.values()), "arabic words": len(words),
            CITIES_FILE: len(places)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not (args.source / TOKENS).is_file() or not (args.source / CITIES).is_file() \
            or not NEWSFANE.is_file():
        print(f"{args.source}: {TOKENS} and {CITIES}, and {NEWSFANE} are needed",
              file=sys.stderr)
        return 1
    counts = build(args.source, args.out)
    print(", ".join(f"{k}: {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
