"""Direct quotations and their speakers.

Quote marks « », “ ”, ” ” and " " are paired inside one paragraph (a mark that cannot be
closed is dropped, and a quote never runs past ``max_words``), so unbalanced marks never
swallow the rest of the article. A short quoted text that is a name («داعش», «أستانة7»,
ل”سي أن أن”, تنظيم ”الدولة الإسلامية”) is not a quote. The speaker is the subject of the
speech verb before the quote (قال، أكد، أضاف، تابع، أعربت…, in ``data/speech_verbs.yml``)
or after it ("«...»، قال بوتين"):

* an entity mention (from ``entities``' spans) right after the verb, or a person named in
  apposition ("المتحدث باسم الكرملين، دميتري بيسكوف،");
* a description ("الرئيس الروسي", "الجاسوس المزدوج السابق") is linked to the person whose
  mentions it shares words with ("نافيد جمالي، وهو عميل مزدوج سابق");
* a verb with only a pronoun ("وأضاف:", "وتابع قائلاً:", "وقال رداً على سؤال:") takes the
  last named speaker;
* without entities, a bare name after the verb ("وقال بوتين") is the speaker as written.

Quotes whose speaker stays unknown ("وأكد المصدر أن ...") are left out.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from ..model import Article, Entity, Quote, Speaker
from ..normalize import normalize, strip_al
from ._data import load, norm_map, normalized

#: Opening-only, closing-only and ambiguous quote marks.
_OPEN, _CLOSE, _EITHER = "«“„", "»", "\"”″"
_MARKS = re.compile("[«»“”„\"″]")
_TOKEN = re.compile(r"\w+|[،,:؛.!?؟]")
#: Tokens that end the region after a speech verb where its subject is looked for.
_SUBJECT_STOP = {"ان", "انه", "انها", "بان", "لان", "انهم", "بانه", "بانها", ":", ".", "؟", "!", "؛"}
#: Tokens that end a description or a bare name ("الرئيس الروسي في اجتماع").
_PHRASE_STOP = {"علي", "عن", "في", "فى", "الي", "من", "خلال", "ل", "امام", "حول", "بشان", "مع"}
#: Tokens of a subject region kept at most (titles, appositions).
SUBJECT_TOKENS = 12
#: Context words around an entity mention used to link descriptions to it.
CONTEXT_BEFORE, CONTEXT_AFTER = 6, 8


@dataclass(frozen=True)
class _Cue:
    pos: int  #: start of the cue word in the normalised paragraph
    end: int
    kind: str  #: "verb" | "participle" | "after"


@lru_cache(maxsize=1)
def _tables() -> dict[str, object]:
    data = load("speech_verbs.yml")
    verbs = normalized(data["verbs"])
    forms = {v + s for v in verbs for s in ("", "ت", "ا", "وا", "تا")}
    # alef maqsura verbs (نفى, رأى -> نفي, راي): feminine drops the final ya ("نفت", "رأت")
    forms |= {v[:-1] + "ت" for v in verbs if v.endswith("ي")}
    forms |= set(normalized(data["present"]))
    parts = set(normalized(data["participles"]))

    def alt(words: set[str] | tuple[str, ...]) -> str:
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))

    return {
        "cue": re.compile(rf"(?<![\w])[وف]?(?:(?P<verb>{alt(forms)})|(?P<part>{alt(parts)}))(?![\w])"),
        "after": re.compile(rf"[\s،,]*(?:[وف]?)(?:{alt(normalized(data['after']))})(?![\w])"),
        "heads": set(normalized(data["name_heads"])),
        "parts": parts,
        "attached": set(normalized(data["attached"])),
        "not_subjects": set(normalized(data["not_subjects"])),
        "max_words": data["max_words"],
        "min_words": data["min_words"],
    }


def _mark_kind(text: str, i: int, attached: set[str]) -> str:
    """"open", "close" or "either" for the mark at ``text[i]``, from its neighbours."""
    ch = text[i]
    prev = text[i - 1] if i else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    word_before = re.search(r"(\w*)$", text[max(0, i - 6):i]).group(1)
    if word_before and normalize(word_before) in attached and nxt.strip():
        return "open"  # ل»الجزيرة», ل”داعش”
    if ch in _OPEN:
        return "open"
    if ch in _CLOSE:
        return "close"
    before_space = not prev.strip() or prev in "(:،,[«"
    after_space = not nxt.strip() or nxt in ".،,:؛)]!?؟»"
    if before_space and not after_space:
        return "open"
    if after_space and not before_space:
        return "close"
    return "either"


def _pairs(text: str, tab: dict) -> list[tuple[int, int]]:
    """(open, close) offsets of balanced quote marks in one paragraph."""
    pairs: list[tuple[int, int]] = []
    open_at: int | None = None
    for m in _MARKS.finditer(text):
        i = m.start()
        kind = _mark_kind(text, i, tab["attached"])
        if open_at is not None and len(text[open_at:i].split()) > tab["max_words"]:
            open_at = None  # unbalanced: never swallow the rest
        if kind == "open" or (kind == "either" and open_at is None):
            open_at = i
        elif open_at is not None:
            pairs.append((open_at, i))
            open_at = None
    if open_at is not None and 3 <= len(text[open_at:].split()) <= tab["max_words"]:
        pairs.append((open_at, len(text)))  # closed in a later paragraph: stop here
    return pairs


def _is_name(text: str, o: int, c: int, content: str, tab: dict,
             spans: list[tuple[int, int, Entity]]) -> bool:
    """A quoted name («داعش», تنظيم ”الدولة الإسلامية”), not speech."""
    words = content.split()
    if len(words) < tab["min_words"]:
        return True
    if len(words) > 4:
        return False
    word_before = re.search(r"(\w*)$", text[max(0, o - 6):o]).group(1)
    if word_before and normalize(word_before) in tab["attached"]:
        return True
    prev = re.findall(r"\w+", normalize(text[max(0, o - 30):o]))
    if prev:
        p = prev[-1]
        if p in tab["heads"] or (p[:1] in "وبلف" and p[1:] in tab["heads"]):
            return True
    norm = normalize(content.strip())
    return any(
        (s <= o + 1 and e >= c - 1) or normalize(ent.ar) == norm for s, e, ent in spans
    )


def _tokens(norm: str, start: int, end: int, limit: int) -> list[tuple[int, int, str]]:
    """The first ``limit`` tokens (words and punctuation) of ``norm[start:end]``."""
    return [(m.start(), m.end(), m.group())
            for m in islice(_TOKEN.finditer(norm, start, end), limit)]


def _speaker_of_entity(ent: Entity) -> Speaker:
    return Speaker(ar=ent.ar, en=ent.en, slug=ent.slug)


class _Resolver:
    """Speaker resolution for one article, keeping the last named speaker."""

    def __init__(self, article: Article, entities: tuple[Entity, ...]):
        self.article = article
        self.spans: dict[int, list[tuple[int, int, Entity]]] = {}
        for ent in entities:
            if ent.type not in ("person", "organization"):
                continue
            for sp in ent.spans:
                self.spans.setdefault(sp.paragraph, []).append((sp.start, sp.end, ent))
        for lst in self.spans.values():
            lst.sort(key=lambda t: (t[0], -t[1]))
        self.entities = entities
        self._contexts: dict[str, set[str]] | None = None

    # -- descriptions -------------------------------------------------------------
    def contexts(self) -> dict[str, set[str]]:
        """Words around every person mention (and in every organisation's name)."""
        if self._contexts is None:
            ctx: dict[str, set[str]] = {}
            for ent in self.entities:
                words = ctx.setdefault(ent.slug or ent.ar, set())
                words |= {strip_al(w) for w in re.findall(r"\w+", normalize(ent.ar))}
                if ent.type != "person":
                    continue
                for sp in ent.spans:
                    para = normalize(self.article.paragraphs[sp.paragraph])
                    before = re.findall(r"\w+", para[:sp.start])[-CONTEXT_BEFORE:]
                    after = re.findall(r"\w+", para[sp.end:])[:CONTEXT_AFTER]
                    words |= {_content(w) for w in before + after}
            self._contexts = ctx
        return self._contexts

    def by_description(self, words: list[str], before: tuple[int, int]) -> Speaker | None:
        """The entity whose mentions share the most words with a description."""
        want = {_content(w) for w in words} - {""}
        if not want:
            return None
        best: tuple[int, tuple[int, int], Entity] | None = None
        ctx = self.contexts()
        for ent in self.entities:
            if ent.type not in ("person", "organization"):
                continue
            score = len(want & ctx.get(ent.slug or ent.ar, set()))
            if not score:
                continue
            earlier = [(sp.paragraph, sp.start) for sp in ent.spans if (sp.paragraph, sp.start) <= before]
            last = max(earlier) if earlier else (-1, -1)
            key = (score, last, ent)
            if best is None or key[:2] > best[:2]:
                best = key
        return _speaker_of_entity(best[2]) if best else None

    # -- subjects -----------------------------------------------------------------
    def subject(self, index: int, norm: str, norm_offsets: list[int], start: int,
                limit: int) -> tuple[str, Speaker | None]:
        """("named" | "pronoun" | "unknown", speaker) for the words after a speech verb."""
        tab = _tables()
        tokens = _tokens(norm, start, limit, SUBJECT_TOKENS)
        region: list[tuple[int, int, str]] = []
        for tok in tokens:
            if tok[2] in _SUBJECT_STOP or tok[2] in ("«", "»"):
                break
            region.append(tok)
        if (not region or region[0][2] in tab["not_subjects"] or region[0][2] in "،,"
                or region[0][2] in _PHRASE_STOP):
            return "pronoun", None
        para = self.article.paragraphs[index]
        spans = self.spans.get(index, [])
        r_start, r_end = region[0][0], region[-1][1]
        o_start, o_end = norm_offsets[r_start], norm_offsets[r_end]
        inside = [t for t in spans if o_start <= t[0] < o_end]
        # 1. a mention right after the verb
        for s, _e, ent in inside:
            if s == o_start or not para[o_start:s].strip():
                return "named", _speaker_of_entity(ent)
        # 2. a person named in apposition: "المتحدث ...، دميتري بيسكوف،"
        for _s, e, ent in inside:
            if ent.type == "person" and (para[e:e + 2].strip()[:1] in ("،", ",", "") or e >= o_end):
                return "named", _speaker_of_entity(ent)
        first = region[0][2]
        if first.startswith("ال") or first in tab["not_subjects"]:
            # 3. a description: link it to an entity sharing its words
            desc = [w for _a, _b, w in _leading(region, lambda w: w.startswith("ال"))]
            if self.entities:
                sp = self.by_description(desc[:4], (index, o_start))
                if sp:
                    return "named", sp
        if first.startswith("ال") and self.entities:
            return "unknown", None
        # 4. no mention found: a bare name as written ("وقال بوتين"), an organisation
        # ("وقالت وزارة الخارجية الروسية") or a name in apposition ("...، دميتري بيسكوف،")
        if not first.startswith("ال"):
            org = first in tab["heads"]
            name = _leading(region, lambda w: org or not w.startswith(("ال", "لل", "بال")))
            name = name[:4 if org else 3]
        else:
            name = []
            commas = [k for k, t in enumerate(region) if t[2] in "،,"]
            for k in commas:
                cand = _leading(region[k + 1:], lambda w: not w.startswith("ال"))
                nxt = region[k + 1 + len(cand)][2] if k + 1 + len(cand) < len(region) else "،"
                if 1 <= len(cand) <= 3 and nxt in "،,":
                    name = cand
                    break
        if not name:
            return "unknown", None
        return "named", self.by_name([t[2] for t in name]) or Speaker(
            ar=para[norm_offsets[name[0][0]]:norm_offsets[name[-1][1]]]
        )

    def by_name(self, words: list[str]) -> Speaker | None:
        """The person or organisation whose name is ``words`` or ends with them (a surname)."""
        want = " ".join(words)
        for ent in self.entities:
            if ent.type not in ("person", "organization"):
                continue
            name = normalize(ent.ar)
            if name == want or (ent.type == "person" and name.endswith(" " + want)):
                return _speaker_of_entity(ent)
        return None


def _leading(tokens: list[tuple[int, int, str]], ok) -> list[tuple[int, int, str]]:
    """The leading tokens that pass ``ok``, up to a comma or a phrase stop."""
    out = []
    for t in tokens:
        if t[2] in "،," or t[2] in _PHRASE_STOP or t[2] in _tables()["parts"] or not ok(t[2]):
            break
        out.append(t)
    return out


def _content(word: str) -> str:
    """Matching form of a word of a description: ``"والمزدوج"`` -> ``"مزدوج"``."""
    w = word[1:] if word[:1] in "وف" and len(word) > 3 and word[1:3] == "ال" else word
    w = w[1:] if w[:1] in "بل" and w[1:3] == "ال" else w
    w = strip_al(w)
    return w if len(w) > 2 else ""


def extract_quotes(article: Article, entities: tuple[Entity, ...]) -> tuple[Quote, ...]:
    """Quotes of ``article`` in text order (``paragraph`` is a 0-based index).

    ``'وقالت زاخاروفا: «نحن ننتظر أي تقارير»'`` -> ``Quote(Speaker("زاخاروفا"), "نحن ننتظر أي
    تقارير", 0)`` (with entities, the speaker carries the entity's names).
    """
    tab = _tables()
    resolver = _Resolver(article, entities)
    quotes: list[Quote] = []
    last: Speaker | None = None
    for index, paragraph in enumerate(article.paragraphs):
        norm, offsets = norm_map(paragraph)
        back = _BackMap(offsets)
        spans = resolver.spans.get(index, [])
        pairs = [
            (o, c) for o, c in _pairs(paragraph, tab)
            if not _is_name(paragraph, o, c, paragraph[o + 1:c], tab, spans)
        ]
        quoted = [(back[o], back[c]) for o, c in pairs]
        cues = [
            _Cue(m.start(), m.end(), "verb" if m.group("verb") else "participle")
            for m in tab["cue"].finditer(norm)
            if not any(a < m.start() < b for a, b in quoted)
        ]
        events: list[tuple[int, int, object]] = [(c.pos, 0, c) for c in cues]
        events += [(back[o], 1, (o, c)) for o, c in pairs]
        events.sort(key=lambda t: (t[0], t[1]))
        pending: Speaker | None = None  # the speaker of the sentence's last verb
        for _pos, kind, item in events:
            if kind == 0:
                cue = item
                limit = min([a for a, _ in quoted if a > cue.pos] + [len(norm)])
                if cue.kind == "participle":
                    continue
                status, sp = resolver.subject(index, norm, offsets, cue.end, limit)
                if status == "named":
                    last = pending = sp
                elif status == "pronoun":
                    pending = last
                else:
                    pending = None
                continue
            o, c = item
            q_start = back[o]
            before = [cu.pos for cu in cues if cu.pos < q_start]
            speaker = pending if before and _same_sentence(norm, before[-1], q_start) else None
            if speaker is None:
                speaker = _after(resolver, index, norm, offsets, back[c] + 1, tab, last)
            if speaker is None:
                continue
            text = paragraph[o + 1:c].strip()
            quotes.append(Quote(speaker=speaker, text=text, paragraph=index))
            last = speaker if speaker.ar else last
    return tuple(quotes)


def _same_sentence(norm: str, a: int, b: int) -> bool:
    """No sentence end between offsets ``a`` and ``b`` (outside quote marks)."""
    segment = re.sub(r"[«“„\"”″][^«»“”„\"″]*[»”\"″]", "", norm[a:b])
    return not re.search(r"[.!?؟](?:\s|$)", segment)


def _after(resolver: _Resolver, index: int, norm: str, offsets: list[int], pos: int,
           tab: dict, last: Speaker | None) -> Speaker | None:
    """Speaker named right after the quote: "«...»، قال بوتين"."""
    m = tab["after"].match(norm, pos)
    if not m:
        return None
    status, sp = resolver.subject(index, norm, offsets, m.end(), min(len(norm), m.end() + 120))
    return sp if status == "named" else (last if status == "pronoun" else None)


class _BackMap:
    """Original offset -> normalised offset (the inverse of ``norm_map``), by bisection."""

    def __init__(self, offsets: tuple[int, ...]):
        self.offsets = offsets

    def __getitem__(self, i: int) -> int:
        return bisect_left(self.offsets, i)
