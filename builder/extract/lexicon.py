"""Load and validate the entity data files (``data/*.yml``) once.

Every YAML file under ``builder/extract/data/`` used by the entity extractor is read here
and nowhere else. Files are checked when first loaded: duplicate keys, unknown fields,
missing ``ar``/``en`` names and one spelling given to two entries raise
:class:`LexiconError`, whose message names the file and the entry.

``load("titles")["titles"][0]`` -> ``"الرئيس"``;
``nisbas()["الروسيه"].en`` -> ``"Russia"``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml
from babel import Locale

from ..normalize import normalize

DATA = Path(__file__).parent / "data"

#: Entity types and the file holding each one's gazetteer.
GAZETTEER_FILES = {"person": "people", "place": "places", "organization": "organizations"}

#: Fields an entry of people/places/organizations.yml may have.
_ENTRY_FIELDS = {"ar", "en", "also", "guard", "shared", "quoted", "country"}
#: Fields of a ``countries:`` entry of places.yml (CLDR gives ``ar`` and ``en``).
_COUNTRY_FIELDS = {"en", "also", "guard", "shared", "quoted", "adj", "demonym", "ar"}
#: CLDR territory codes that are not countries or places of the news.
_NOT_TERRITORIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "XK"}


class LexiconError(ValueError):
    """A data file is malformed; the message names the file and the entry."""


class _UniqueKeyLoader(yaml.SafeLoader):
    """SafeLoader that rejects a key given twice in one mapping."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise LexiconError(
                f"{Path(str(node.start_mark.name)).name}: key {key!r} given twice "
                f"(line {key_node.start_mark.line + 1})"
            )
        seen.add(key)
    return loader.construct_mapping(node)


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping
)


@cache
def load(name: str) -> Any:
    """The parsed content of ``data/<name>.yml`` (cached; duplicate keys rejected)."""
    path = DATA / f"{name}.yml"
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_UniqueKeyLoader)  # noqa: S506 (safe subclass)
    except OSError as exc:
        raise LexiconError(f"{path.name}: cannot read ({exc.strerror})") from exc
    except yaml.YAMLError as exc:
        raise LexiconError(f"{path.name}: not valid YAML: {exc}") from exc


# --------------------------------------------------------------------------- typed views


@dataclass(frozen=True)
class Name:
    """A gazetteer entry: canonical Arabic, English, and every spelling that names it."""

    type: str  #: person | place | organization
    ar: str
    en: str
    variants: tuple[str, ...]  #: normalised spellings (canonical first)
    guarded: frozenset[str] = frozenset()  #: spellings that are also common words
    shared: frozenset[str] = frozenset()  #: spellings another entry uses too
    quoted: frozenset[str] = frozenset()  #: spellings that name it only in quote marks
    country: str | None = None  #: ISO code of the country it belongs to


@dataclass(frozen=True)
class Country:
    """A country from CLDR plus the adjectives (nisbas) that refer to it."""

    code: str
    ar: str
    en: str
    demonym: str  #: English adjective, e.g. ``Russian``
    adjectives: tuple[str, ...]  #: normalised masculine nisbas, e.g. ``روسي``


@dataclass(frozen=True)
class Titles:
    """Words around people's names (see ``data/titles.yml``)."""

    titles: tuple[str, ...]
    between: frozenset[str]
    speech_verbs: frozenset[str]
    connectors: frozenset[str]
    appositions: tuple[str, ...]


@dataclass(frozen=True)
class OrgHead:
    """A head noun that starts an organisation's name: ``وزارة`` + ``الدفاع``."""

    head: str  #: normalised
    en: str  #: English template with ``{x}`` for the rest of the name
    needs_country: bool = False  #: only with a nisba/country (ministries)
    proper: bool = False  #: may be followed by a foreign proper name (صحيفة نيويورك تايمز)
    definite: bool = False  #: the head itself carries ال (الجيش السوري)
    alone: bool = False  #: the head with only a nisba is a name (الجيش السوري)
    domestic: bool = False  #: a definite complement names it without a nisba (وزارة الحج)
    of_name: bool = False  #: a known person or place may name it (شرطة دبي، جامعة الملك سعود)
    place_only: bool = False  #: only with the town it serves (إدارة تعليم صبيا، بلدية جدة)


@dataclass(frozen=True)
class Heads:
    """Head words of places and organisations, plus the glossary for their names."""

    places: dict[str, str]  #: normalised head -> English template (``{x} camp``)
    plural_places: frozenset[str]  #: heads that introduce a list (محافظات حماة وإدلب)
    place_prefixes: frozenset[str]  #: first words of two-word place names (خان شيخون)
    orgs: dict[str, OrgHead]
    phrases: dict[str, str]  #: normalised head + first words -> fixed English
    elliptic: dict[str, str]  #: الخارجيه -> "وزارة الخارجية" (before a feminine nisba)
    glossary: dict[str, str]  #: normalised word -> English
    stop: frozenset[str]  #: words that end a name (الأسبوع، الماضي…)
    #: heads whose definite form opens a name with an adjective and a complement
    #: (اللجنة الأولمبية السعودية، الهيئة العامة للطيران المدني)
    definite_heads: frozenset[str] = frozenset()
    #: adjectives that may close a body's proper name (مؤسسة … الخيرية، مستشفى … التخصصي)
    suffixes: frozenset[str] = frozenset()


# --------------------------------------------------------------------------- validation


def _text(file: str, where: str, value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise LexiconError(f"{file}.yml: {where}: expected a non-empty text, got {value!r}")
    return value.strip()


def _texts(file: str, where: str, value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise LexiconError(f"{file}.yml: {where}: expected a list, got {value!r}")
    return tuple(_text(file, where, v) for v in value)


def _keys(file: str, where: str, value: Any) -> frozenset[str]:
    """Normalised words of a list; the same word twice is an error naming both spellings."""
    seen: dict[str, str] = {}
    for item in _texts(file, where, value):
        k = _key(item)
        if k in seen:
            raise LexiconError(f"{file}.yml: {where}: '{item}' is listed twice "
                               f"(same as '{seen[k]}' once normalised)")
        seen[k] = item
    return frozenset(seen)


def _key(text: str) -> str:
    """Matching form of a name: normalised, single spaces."""
    return " ".join(normalize(text).split())


def _fields(file: str, where: str, entry: Any, allowed: set[str]) -> dict[str, Any]:
    if not isinstance(entry, dict):
        raise LexiconError(f"{file}.yml: {where}: expected a mapping, got {entry!r}")
    unknown = set(entry) - allowed
    if unknown:
        raise LexiconError(
            f"{file}.yml: {where}: unknown field(s) {', '.join(sorted(unknown))}. "
            f"Expected one of: {', '.join(sorted(allowed))}"
        )
    return entry


def _entry(file: str, typ: str, where: str, raw: dict[str, Any], ar: str, en: str) -> Name:
    also = _texts(file, f"{where}.also", raw.get("also"))
    guard = _texts(file, f"{where}.guard", raw.get("guard"))
    shared = _texts(file, f"{where}.shared", raw.get("shared"))
    quoted = _texts(file, f"{where}.quoted", raw.get("quoted"))
    variants: list[str] = []
    for v in (ar, *also, *guard, *shared, *quoted):
        k = _key(v)
        if k not in variants:
            variants.append(k)
    country = raw.get("country")
    if country is not None and not (isinstance(country, str) and len(country) == 2):
        raise LexiconError(f"{file}.yml: {where}: country must be an ISO code like SY")
    return Name(
        type=typ,
        ar=ar,
        en=en,
        variants=tuple(variants),
        guarded=frozenset(_key(v) for v in guard),
        shared=frozenset(_key(v) for v in shared),
        quoted=frozenset(_key(v) for v in quoted),
        country=country,
    )


@lru_cache(maxsize=1)
def _cldr() -> tuple[dict[str, str], dict[str, str]]:
    ar, en = Locale("ar").territories, Locale("en").territories
    codes = [c for c in ar if len(c) == 2 and c.isalpha() and c not in _NOT_TERRITORIES]
    return {c: ar[c] for c in codes}, {c: en[c] for c in codes}


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """Every CLDR country (Babel), with editor overrides from ``places.yml``.

    ``[c.en for c in countries() if c.code == "SY"]`` -> ``["Syria"]``.
    """
    data = load("places") or {}
    extra = data.get("countries") or {}
    if not isinstance(extra, dict):
        raise LexiconError("places.yml: countries: expected a mapping of ISO codes")
    ar_names, en_names = _cldr()
    for code in extra:
        if code not in ar_names:
            raise LexiconError(f"places.yml: countries.{code}: not a CLDR country code")
    out = []
    for code in sorted(ar_names):
        raw = _fields("places", f"countries.{code}", extra.get(code) or {}, _COUNTRY_FIELDS)
        en = _text("places", f"countries.{code}.en", raw.get("en", en_names[code]))
        ar = _text("places", f"countries.{code}.ar", raw.get("ar", ar_names[code]))
        adjectives = tuple(_key(a) for a in _texts("places", f"countries.{code}.adj",
                                                    raw.get("adj")))
        demonym = raw.get("demonym", en)
        out.append(Country(code, ar, en, _text("places", f"countries.{code}", demonym),
                           adjectives))
    return tuple(out)


@lru_cache(maxsize=1)
def gazetteer() -> tuple[Name, ...]:
    """All known people, places (with CLDR countries and the cities of
    ``world_cities.tsv``) and organisations.

    ``next(n for n in gazetteer() if n.en == "Moscow").variants`` -> ``("موسكو",)``.
    """
    names = handmade_gazetteer()
    taken = {v for n in names for v in n.variants}
    return names + tuple(c for c in world_cities() if c.variants[0] not in taken)


@lru_cache(maxsize=1)
def handmade_gazetteer() -> tuple[Name, ...]:
    """The editors' people, places (with CLDR countries) and organisations."""
    names: list[Name] = []
    extra = (load("places") or {}).get("countries") or {}
    for c in countries():
        raw = extra.get(c.code) or {}
        raw = {k: v for k, v in raw.items() if k in _ENTRY_FIELDS - {"ar", "en"}}
        names.append(_entry("places", "place", f"countries.{c.code}",
                            {**raw, "country": c.code}, c.ar, c.en))
    for typ, file in GAZETTEER_FILES.items():
        data = load(file)
        entries = data.get("entries") if isinstance(data, dict) else data
        if not isinstance(entries, list):
            raise LexiconError(f"{file}.yml: expected a list of entries under 'entries'")
        for i, raw in enumerate(entries):
            where = f"entry {i + 1}"
            raw = _fields(file, where, raw, _ENTRY_FIELDS)
            ar = _text(file, f"{where}.ar", raw.get("ar"))
            en = _text(file, f"{where} ({ar}).en", raw.get("en"))
            names.append(_entry(file, typ, f"entry {i + 1} ({ar})", raw, ar, en))
    _check_unique(names)
    return tuple(names)


def _tsv(name: str, columns: int) -> list[tuple[int, list[str]]]:
    """Rows (line number, fields) of ``data/<name>.tsv``; ``#`` lines are comments."""
    path = DATA / f"{name}.tsv"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LexiconError(f"{path.name}: cannot read ({exc.strerror})") from exc
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line or line[0] == "#":
            continue
        fields = line.split("\t")
        if len(fields) != columns or not fields[0] or not fields[1] or fields[0].isspace() \
                or fields[1].isspace():
            raise LexiconError(f"{path.name}: line {n} ({fields[0]}): expected {columns} "
                               f"tab-separated fields with Arabic and English")
        rows.append((n, fields))
    return rows


@lru_cache(maxsize=1)
def world_cities() -> tuple[Name, ...]:
    """Cities of ``world_cities.tsv`` (generated from open data by
    ``tools/build_name_data.py``): ``ar``, ``en``, ISO ``country``, ``guard``."""
    out: list[Name] = []
    seen: dict[str, int] = {}
    codes = set(_cldr()[0])
    for n, (ar, en, country, guard) in _tsv("world_cities", 4):
        key = _key(ar)
        where = f"world_cities.tsv: line {n} ({ar})"
        if key in seen:
            raise LexiconError(f"{where}: given twice (line {seen[key]})")
        if country not in codes:
            raise LexiconError(f"{where}: '{country}' is not a CLDR country code")
        if guard not in ("", "guard"):
            raise LexiconError(f"{where}: the last field is 'guard' or empty, not {guard!r}")
        seen[key] = n
        out.append(Name("place", ar.strip(), en.strip(), (key,),
                        guarded=frozenset({key}) if guard else frozenset(), country=country))
    return tuple(out)


@lru_cache(maxsize=1)
def name_words() -> dict[str, tuple[tuple[str, int], ...]]:
    """Normalised Arabic name word -> its usual English spellings and their counts, most
    used first (``name_words.tsv``, generated from open data):
    ``name_words()["ابوت"][0]`` -> ``("abbott", 54)``."""
    rows = _tsv("name_words", 3)
    text = "".join(ar for _, (ar, _en, _c) in rows)
    folded = normalize(text) == text  # checked word by word only when it is not
    out: dict[str, list[tuple[str, int]]] = {}
    for n, (ar, en, count) in rows:
        problem = None
        if not count.isdigit():
            problem = f"the count {count!r} is not a number"
        elif " " in ar or (not folded and normalize(ar) != ar):
            problem = "the Arabic word is not in its normalised form"
        elif ar in out and int(count) > out[ar][-1][1]:
            problem = "spellings must be listed most used first"
        if problem:
            raise LexiconError(f"name_words.tsv: line {n} ({ar}): {problem}")
        out.setdefault(ar, []).append((en, int(count)))
    return {k: tuple(v) for k, v in out.items()}


def _check_unique(names: list[Name]) -> None:
    """One spelling may name two entries only when both list it under ``shared``, or
    when one names its entry only in quote marks (``quoted``: «الشرق الأوسط»)."""
    owner: dict[str, Name] = {}
    for n in names:
        for v in n.variants:
            other = owner.get(v)
            if other is None:
                owner[v] = n
            elif not (v in n.shared and v in other.shared) and v not in n.quoted and \
                    v not in other.quoted and (other.en, other.type) != (n.en, n.type):
                raise LexiconError(
                    f"{GAZETTEER_FILES[n.type]}.yml: '{v}' names both '{other.en}' and "
                    f"'{n.en}'; list it under 'shared' in both entries if that is meant"
                )


@lru_cache(maxsize=1)
def nisbas() -> dict[str, Country]:
    """Normalised adjective forms -> country: ``الروسيه``, ``روسي``, ``الروس``…"""
    out: dict[str, Country] = {}
    for c in countries():
        for adj in c.adjectives:
            for form in _inflect(adj):
                out.setdefault(form, c)
    return out


def _inflect(adj: str) -> tuple[str, ...]:
    """``روسي`` -> روسي روسيه روسيين روسيون روسيان روسيتين + the same with ال."""
    stems = [adj + s for s in ("", "ه", "ين", "ون", "ان", "تين", "تان", "يين", "يون")]
    return tuple(stems + ["ال" + s for s in stems])


@lru_cache(maxsize=1)
def titles() -> Titles:
    """Titles and roles around people's names (``data/titles.yml``)."""
    data = _mapping("titles", {"titles", "between", "speech_verbs", "connectors",
                               "appositions"})
    return Titles(
        titles=tuple(_key(t) for t in _texts("titles", "titles", data.get("titles"))),
        between=_keys("titles", "between", data.get("between")),
        speech_verbs=_keys("titles", "speech_verbs", data.get("speech_verbs")),
        connectors=_keys("titles", "connectors", data.get("connectors")),
        appositions=tuple(
            _key(t) for t in _texts("titles", "appositions", data.get("appositions"))
        ),
    )


@lru_cache(maxsize=1)
def heads() -> Heads:
    """Head words of places and organisations (``data/heads.yml``)."""
    data = _mapping("heads", {"places", "plural_places", "place_prefixes", "organizations",
                              "phrases", "elliptic", "glossary", "stop",
                              "definite_heads", "suffixes"})
    places = {}
    for head, tpl in (data.get("places") or {}).items():
        places[_key(head)] = _text("heads", f"places.{head}", tpl)
    orgs: dict[str, OrgHead] = {}
    for i, raw in enumerate(data.get("organizations") or []):
        raw = _fields("heads", f"organizations[{i}]", raw,
                      {"head", "en", "needs_country", "proper", "alone", "domestic",
                       "of_name", "place_only"})
        en = _text("heads", f"organizations[{i}].en", raw.get("en"))
        if "{x}" not in en:
            raise LexiconError(f"heads.yml: organizations[{i}].en must contain {{x}}")
        heads_ = raw.get("head")
        for h in heads_ if isinstance(heads_, list) else [heads_]:
            k = _key(_text("heads", f"organizations[{i}].head", h))
            if k in orgs:
                raise LexiconError(f"heads.yml: organization head '{h}' given twice")
            orgs[k] = OrgHead(k, en, bool(raw.get("needs_country")), bool(raw.get("proper")),
                              k.startswith("ال"), bool(raw.get("alone")),
                              bool(raw.get("domestic")), bool(raw.get("of_name")),
                              bool(raw.get("place_only")))
    glossary: dict[str, str] = {}
    for word, en in (data.get("glossary") or {}).items():
        k = _key(str(word))
        if k in glossary:
            raise LexiconError(f"heads.yml: glossary: '{word}' given twice once normalised")
        glossary[k] = _text("heads", f"glossary.{word}", en)
    return Heads(
        places=places,
        plural_places=_keys("heads", "plural_places", data.get("plural_places")),
        place_prefixes=_keys("heads", "place_prefixes", data.get("place_prefixes")),
        orgs=orgs,
        phrases={_key(str(k)): _text("heads", f"phrases.{k}", v)
                 for k, v in (data.get("phrases") or {}).items()},
        elliptic={_key(str(k)): _text("heads", f"elliptic.{k}", v)
                  for k, v in (data.get("elliptic") or {}).items()},
        glossary=glossary,
        stop=_keys("heads", "stop", data.get("stop")),
        definite_heads=_keys("heads", "definite_heads", data.get("definite_heads")),
        suffixes=_keys("heads", "suffixes", data.get("suffixes")),
    )


@cache
def words(name: str) -> frozenset[str]:
    """A normalised word list from ``data/common.yml`` (``words("function")``)."""
    data = _mapping("common", None)
    if name not in data:
        raise LexiconError(f"common.yml: no list '{name}'. Expected one of: {', '.join(data)}")
    return _keys("common", name, data[name])


def _mapping(file: str, allowed: set[str] | None) -> dict[str, Any]:
    data = load(file) or {}
    if not isinstance(data, dict):
        raise LexiconError(f"{file}.yml: expected a mapping at the top level")
    if allowed is not None:
        unknown = set(data) - allowed
        if unknown:
            raise LexiconError(
                f"{file}.yml: unknown key(s) {', '.join(sorted(unknown))}. "
                f"Expected one of: {', '.join(sorted(allowed))}"
            )
    return data
