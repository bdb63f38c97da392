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
  mentions it shares words with ("نافيد جمالي، وهو عميل مزدوج سابق"), or to the organisation
  it was written before ("وقالت الصحيفة" after 'صحيفة "ذا ناشيونال"'); failing that, a name
  closing it is the speaker ("الرقيب في شرطة «ويتشيتا» بول كيمبل");
* a verb with only a pronoun ("وأضاف:", "وتابع قائلاً:", "وقال رداً على سؤال:") takes the
  last named speaker;
* a title alone ("وأكد رئيس الوزراء البريطاني", "رئيس الهيئة") is the person the article
  named with that title, or a name right after it ("مدير عام شالكه هورشت هيلدت أن");
* without entities, a bare name after the verb ("وقال بوتين") is the speaker as written,
  when its words can be a name (not "أحوال", not a verb or a common noun), or when a comma
  and a title follow them ("زين كمال المصري، مديرة المنتجات").

Words a speech verb introduces with a colon and no quote marks ("وقال اللاعب: سأغادر
الكويت ...") are a quote up to the end of their sentence, unless they open with "إن/أنه"
(indirect speech: "وقال عيدان: إنه استلم ..."). Anonymous sources ("مصدر مطلع",
"أحد المسؤولين") and titles the article never tied to a name keep their quote with a
speaker marked ``anonymous`` (shown as written, never a speaker page); quotes whose
speaker stays unknown are left out. A short quoted term (a name, a slogan: at most
``term_max_words`` words) is not a quote unless a colon or "إن" introduces it, nor is a
quoted list of short items ("العربية، الإنجليزية، التركية"). Word lists
are in ``data/speech_verbs.yml``.

One module (over 500 lines): pairing the marks and finding each quote's speaker are one
pass over the article, in which the speakers named so far decide the next one.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from ..model import Article, Entity, Quote, Speaker
from ..normalize import normalize, strip_al
from ._data import load, norm_map, normalized
from .discover import name_like
from .discover.common import _function_words
from .lexicon import titles, words
from .recogniser import person_words
from .wordclass import common_word, name_word

#: Tanween fath: an accusative word ("دوراً", "ضررًا"), the object of a verb, never a name.
_TANWEEN_FATH = "\u064b"
#: Opening-only, closing-only and ambiguous quote marks.
_OPEN, _CLOSE, _EITHER = "«“„", "»", "\"”″"
_MARKS = re.compile("[«»“”„\"″]")
_OUTLET_MARK = re.compile("\\s*[«»“”„\"″]")  # 'لـ "الاقتصادية"': the mark after the ل
_TOKEN = re.compile(r"\w+|[،,:؛.!?؟]")
#: Punctuation that ends the region after a speech verb (besides ``subject_stop`` words).
_SUBJECT_PUNCT = {":", ".", "؟", "!", "؛", "«", "»"}
#: Tokens of a subject region kept at most (titles, appositions).
SUBJECT_TOKENS = 12
#: Context words around an entity mention used to link descriptions to it.
CONTEXT_BEFORE, CONTEXT_AFTER = 6, 8
#: A quoted text of this many short items or more, and nothing else, is a list.
LIST_MIN_ITEMS = 3
#: Words before an organisation's name searched for the description it is given.
ORG_DESCRIPTION_WORDS = 3


@dataclass(frozen=True)
class _Cue:
    pos: int  #: start of the cue word in the normalised paragraph
    end: int
    kind: str  #: "verb" | "participle" | "after"


@lru_cache(maxsize=1)
def _tables() -> dict[str, object]:
    data = load("speech_verbs.yml")
    verbs = normalized(data["verbs"])
    fem = normalize(data["feminine_suffix"])
    forms = {v + s for v in verbs for s in ("", *normalized(data["verb_suffixes"]))
             if not (v.endswith("ي") and s == fem)}  # "رأيت" is "I saw" ("فرايت": Fright)
    # alef maqsura verbs (نفى, رأى -> نفي, راي): feminine drops the final ya ("نفت", "رأت")
    forms |= {v[:-1] + fem for v in verbs if v.endswith("ي")}
    conj = "".join(normalized(data["conjunctions"]))
    forms |= {v + t + o for v in normalized(data["object_verbs"]) for t in ("", fem)
              for o in normalized(data["object_suffixes"])}  # "فسأله الوزير:"
    forms |= set(normalized(data["present"]))
    parts = set(normalized(data["participles"]))
    relay = {v + s for v in normalized(data["relay_verbs"])
             for s in ("", *normalized(data["verb_suffixes"]))}

    def alt(words: set[str] | tuple[str, ...]) -> str:
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))

    return {
        "cue": re.compile(rf"(?<![\w])[{conj}]?(?:(?P<verb>{alt(forms)})|(?P<part>{alt(parts)}))(?![\w])"),
        "after": re.compile(rf"[\s،,]*(?:[{conj}]?)(?:{alt(normalized(data['after']))})(?![\w])"),
        "relay": relay,
        "relay_from": normalize(data["relay_from"]),
        "heads": set(normalized(data["name_heads"])),
        "conjunctions": conj,
        "prepositions": "".join(normalized(data["prepositions"])),
        "definite": normalized(data["definite_prefixes"]),
        "title_heads": set(normalized(data["title_heads"])),
        "title_max_words": data["title_max_words"],
        "phrase_prepositions": set(normalized(data["phrase_prepositions"])),
        "phrase_max_words": data["phrase_max_words"],
        "parts": parts,
        "attached": set(normalized(data["attached"])),
        "not_subjects": set(normalized(data["not_subjects"])),
        "subject_stop": set(normalized(data["subject_stop"])) | _SUBJECT_PUNCT,
        "indirect": set(normalized(data["indirect"])),
        "subordinators": set(normalized(data["subordinators"])),
        "subject_before": set(normalized(data["subject_before"])),
        "phrase_stop": set(normalized(data["phrase_stop"])),
        "anonymous": {normalize(k): v for k, v in data["anonymous"].items()},
        "partitives": set(normalized(data["partitives"])),
        "relatives": set(normalized(data["relatives"])),
        "roles": set(normalized(data["roles"]))
        | {t.split()[0] for t in titles().titles if len(t) > 2},
        "honorifics": set(normalized(data["honorifics"])),
        "scripture": set(normalized(data["scripture"])),
        "term_max_words": data["term_max_words"],
        "max_words": data["max_words"],
        "min_words": data["min_words"],
    }


def _mark_kind(text: str, i: int, attached: set[str]) -> str:
    """"open", "close" or "either" for the mark at ``text[i]``, from its neighbours."""
    ch = text[i]
    prev = text[i - 1] if i else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    word_before = re.search(r"(\w*)$", text[max(0, i - 6):i]).group(1)
    if word_before and normalize(word_before) in attached and re.match(r"\w", nxt):
        return "open"  # ل»الجزيرة», ل”داعش” (not the close of «قاضي ب»،)
    if ch in _OPEN:
        return "open"
    if ch in _CLOSE:
        # a » right after a colon opens: 'قائلا:»نتابع ...».'
        return "open" if prev == ":" and re.match(r"\w", nxt) else "close"
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
    opened: list[int] = []  # open marks, innermost last: "«... "عسير" ...»" nests
    for m in _MARKS.finditer(text):
        i = m.start()
        kind = _mark_kind(text, i, tab["attached"])
        while opened and len(text[opened[0]:i].split()) > tab["max_words"]:
            opened.pop(0)  # unbalanced: never swallow the rest
        if kind == "open" or (kind == "either" and not opened):
            opened.append(i)
        elif opened:
            pairs.append((opened.pop(), i))
    # closed in a later paragraph: the outermost open mark after the last closed pair
    # quotes up to here (one left open before a closed pair is a stray mark)
    tail = [o for o in opened if not any(o2 > o for o2, _c in pairs)]
    if tail and 3 <= len(text[tail[0]:].split()) <= tab["max_words"]:
        pairs.append((tail[0], len(text)))
    # a quote inside a quote is part of it
    return sorted((o, c) for o, c in pairs if not any(o2 < o and c < c2 for o2, c2 in pairs))


def _is_name(text: str, o: int, c: int, content: str, tab: dict,
             spans: list[tuple[int, int, Entity]]) -> bool:
    """A quoted name («داعش», تنظيم ”الدولة الإسلامية”), not speech."""
    words = content.split()
    if len(words) < tab["min_words"]:
        return True
    if len(words) <= tab["term_max_words"] and not _introduced(text, o, tab):
        return True  # a term or a slogan: وصفها بأنها «صراع جيلنا»
    prev = re.findall(r"\w+", normalize(text[max(0, o - 30):o]))
    if prev and prev[-1] in tab["title_heads"] and len(words) <= tab["title_max_words"]:
        return True  # بعنوان «...», وهو “...”: a title
    if prev and prev[-1] in tab["phrase_prepositions"] and len(words) <= tab["phrase_max_words"] \
            and not text[max(0, o - 3):o].rstrip().endswith(":"):
        return True  # دعا إلى «التكيف مع الواقع الجديد»: a phrase in the writer's sentence
    if _is_list(content):
        return True  # "العربية، الإنجليزية، التركية والماليزية": a list of names
    if len(words) > 4:
        return False
    word_before = re.search(r"(\w*)$", text[max(0, o - 6):o]).group(1)
    if word_before and normalize(word_before) in tab["attached"]:
        return True
    prev = re.findall(r"\w+", normalize(text[max(0, o - 30):o]))
    if prev:
        p = prev[-1]
        if p in tab["heads"] or (p[:1] in tab["conjunctions"] + tab["prepositions"] and p[1:] in tab["heads"]):
            return True
    norm = normalize(content.strip())
    return any(
        (s <= o + 1 and e >= c - 1) or normalize(ent.ar) == norm for s, e, ent in spans
    )


#: Items of a quoted list: separated by commas, the last by "و".
_LIST_SPLIT = re.compile(r"\s*[،,]\s*|\s+و(?=\w)")


def _is_list(content: str) -> bool:
    """A list of at least three items of one or two words each, with commas, nothing else
    ("ولاؤهم أولا وأخيرا" is not one: a word may begin with و)."""
    content = content.strip(" .،,")
    items = [i for i in _LIST_SPLIT.split(content) if i]
    return (bool(re.search("[،,]", content)) and len(items) >= LIST_MIN_ITEMS
            and all(len(i.split()) <= 2 for i in items))


def _introduced(text: str, o: int, tab: dict) -> bool:
    """A colon or "إن/أن" right before the mark at ``o`` introduces speech."""
    before = text[max(0, o - 12):o].rstrip()
    if before.endswith(":"):
        return True
    last = re.findall(r"\w+", normalize(before))
    return bool(last) and last[-1] in tab["subject_stop"]


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
        self.places: dict[int, list[tuple[int, int]]] = {}
        for ent in entities:
            if ent.type == "place":
                for sp in ent.spans:
                    self.places.setdefault(sp.paragraph, []).append((sp.start, sp.end))
            if ent.type not in ("person", "organization"):
                continue
            for sp in ent.spans:
                self.spans.setdefault(sp.paragraph, []).append((sp.start, sp.end, ent))
        for lst in self.spans.values():
            lst.sort(key=lambda t: (t[0], -t[1]))
        self.entities = entities
        self._contexts: dict[str, set[str]] | None = None
        self._described: dict[str, set[str]] | None = None
        self._descriptions: set[str] | None = None

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

    def described(self) -> dict[str, set[str]]:
        """Words of the description written right before each organisation's name:
        'صحيفة "ذا ناشيونال"' -> {"صحيفه"}, 'وكالة التصنيف الائتماني "ستاندارد آند بورز"'
        -> {"وكاله", "تصنيف", "ائتماني"} (so that "وقالت الصحيفة" can be it)."""
        if self._described is None:
            heads = _tables()["heads"]
            self._described = {ent.slug or ent.ar: self._description_of(ent, heads)
                               for ent in self.entities if ent.type == "organization"}
        return self._described

    def descriptions(self) -> set[str]:
        """Organisations whose name is only the description written before another's
        ("وكالة التصنيف الائتماني" before "ستاندرد آند بورز"): they stand for that one."""
        if self._descriptions is None:
            ctx, described = self.contexts(), self.described()
            self._descriptions = {key for key in described for other, desc in described.items()
                                  if other != key and ctx.get(key) and ctx[key] <= desc}
        return self._descriptions

    def _description_of(self, ent: Entity, heads: set[str]) -> set[str]:
        out: set[str] = set()
        for sp in ent.spans:
            para = normalize(self.article.paragraphs[sp.paragraph])
            before = re.findall(r"\w+", para[:sp.start])[-ORG_DESCRIPTION_WORDS:]
            at = [k for k, w in enumerate(before) if _bare(w) in heads or w in heads]
            if at:
                out |= {_content(w) for w in before[at[-1]:]} - {""}
        return out

    def by_description(self, words: list[str], before: tuple[int, int],
                       people_only: bool = False, head: str = "") -> Speaker | None:
        """The entity whose mentions share the most words with a description (a person
        whose mentions stand next to ``head`` when given: the title's first word)."""
        want = {_content(w) for w in words} - {""}
        if not want:
            return None
        best: tuple[int, tuple[int, int], Entity] | None = None
        ctx = self.contexts()
        described = {} if people_only else self.described()
        descriptions = set() if people_only else self.descriptions()
        for ent in self.entities:
            if ent.type not in (("person",) if people_only else ("person", "organization")):
                continue
            key_of = ent.slug or ent.ar
            words_of = ctx.get(key_of, set())
            if head and head not in words_of:
                continue
            score = len(want & words_of)
            if ent.type == "organization":
                if key_of in descriptions:
                    continue
                if want <= described.get(key_of, set()):
                    score = max(score, len(want))  # "الصحيفة": 'صحيفة "ذا ناشيونال"'
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
        """("named" | "anonymous" | "pronoun" | "honorific" | "unknown", speaker) for the
        words after a speech verb."""
        tab = _tables()
        tokens = _tokens(norm, start, limit, SUBJECT_TOKENS)
        region: list[tuple[int, int, str]] = []
        for tok in tokens:
            if tok[2] == "." and region and len(region[-1][2]) == 1:
                continue  # "د. محمد السعدون": an abbreviated title, not a sentence end
            if tok[2] in tab["subject_stop"]:
                break
            region.append(tok)
        region = _after_outlet(norm, region, tab)
        if not region or region[0][2] in tab["honorifics"]:
            return ("honorific" if region else "pronoun"), None
        if _bare(region[0][2]) in tab["scripture"]:
            return "unknown", None  # "قال تعالى", "قال الله عز وجل": scripture, no speaker
        lead = region[0][2]
        if (lead in tab["not_subjects"] or lead in "،," or lead in tab["phrase_stop"]
                or (lead[:1] in tab["conjunctions"] and (
                    lead[1:] in tab["not_subjects"] or lead[1:] in tab["phrase_stop"]))):
            return "pronoun", None  # "ومن المنتظر": a conjunction and a preposition
        if _addressee(lead):
            return "unknown", None  # "حين قال لهاني السباعي:": the speaker is not after it
        para = self.article.paragraphs[index]
        spans = self.spans.get(index, [])
        r_start, r_end = region[0][0], region[-1][1]
        o_start, o_end = norm_offsets[r_start], norm_offsets[r_end]
        inside = [t for t in spans if o_start <= t[0] < o_end]
        # 1. a mention right after the verb
        for s, _e, ent in inside:
            if s == o_start or not para[o_start:s].strip():
                return "named", _speaker_of_entity(ent)
        # 2. a title, then the person who holds it: "الأمين العام لمجلس التعاون الدكتور
        # عبداللطيف الزياني بشدة تصريحات المالكي" (no preposition or comma before the name)
        first_word = region[0][2]
        if first_word in tab["roles"] or _content(first_word) in tab["roles"]:
            for s_, _e, ent in inside:
                if ent.type != "person":
                    continue
                before = [t[2] for t in region if norm_offsets[t[0]] < s_]
                if not any(w in tab["phrase_stop"] or w in "،," for w in before):
                    return "named", _speaker_of_entity(ent)
                break
        # 3. a person named in apposition: "المتحدث ...، دميتري بيسكوف،"
        for _s, e, ent in inside:
            if ent.type == "person" and (para[e:e + 2].strip()[:1] in ("،", ",", "") or e >= o_end):
                return "named", _speaker_of_entity(ent)
        first = region[0][2]
        head = _content(first) or first
        written = _leading(region, lambda w: True)[:4] or region[:1]

        def as_written(toks: list[tuple[int, int, str]]) -> str:
            text = para[norm_offsets[toks[0][0]]:norm_offsets[toks[-1][1]]]
            return " ".join(_MARKS.sub(" ", text).split())  # مصدر «الشرق الأوسط»

        # 3. an anonymous source: "مصدر مطلع", "أحد المسؤولين", "مصادر مطلعة" (a title
        # with its article, "المتحدث باسم الوزارة", is a title)
        anonymous = tab["anonymous"].get(head) or tab["anonymous"].get(_bare(first))
        if anonymous and first not in tab["roles"] and not _apposed(region) and \
                not _name_in_title(region, self.in_mention(index, norm_offsets)):
            return "anonymous", Speaker(ar=as_written(written), en=anonymous, anonymous=True)
        # 4. a title alone: the person the article named with it, a name right after it,
        # or nobody ("وقال الوزير" where no minister was named)
        if anonymous or head in tab["roles"] or _bare(first) in tab["roles"] or \
                first in tab["roles"]:
            named = _apposed(region) or self.not_mentioned(
                index, _name_after_title(region), norm_offsets, "organization") or \
                _name_in_title(region, self.in_mention(index, norm_offsets))
            if named:
                text = as_written(named)
                return "named", self.by_name([t[2] for t in named]) or Speaker(ar=text)
            desc = [w for _a, _b, w in written]
            sp = self.by_description(desc, (index, o_start), people_only=True, head=head)
            if sp:
                return "named", sp
            return "anonymous", Speaker(ar=as_written(written), anonymous=True)
        if first.startswith("ال"):
            # 5. a description: link it to an entity sharing its words
            desc = [w for _a, _b, w in _leading(region, lambda w: w.startswith("ال"))]
            surname = self.by_name([first], people_only=True) if len(desc) == 1 else None
            if surname:
                return "named", surname  # "وتابع الأحمدي": a surname of a person named before
            if self.entities:
                sp = self.by_description(desc[:4], (index, o_start))
                if sp:
                    return "named", sp
                named = self.unmarked(index, _name_after_title(region), norm_offsets) or \
                    _name_in_title(region, self.in_mention(index, norm_offsets))
                if len(named) >= 2:  # "الرقيب في شرطة «ويتشيتا» بول كيمبل"
                    return "named", Speaker(ar=as_written(named))
                return "unknown", None
        # 6. no mention found: a bare name as written ("وقال بوتين"), an organisation
        # ("وقالت وزارة الخارجية الروسية") or a name in apposition ("...، دميتري بيسكوف،")
        if not first.startswith("ال"):
            org = first in tab["heads"]
            name = _leading(region, lambda w: org or not w.startswith(tab["definite"]))
            name = name[:4 if org else 3]
            if org:  # "لجنة الانضباط عدم وجود": an indefinite word after the definite ends it
                definite = [k for k, t in enumerate(name) if t[2].startswith(tab["definite"])]
                cut = next((k for k in range(len(name)) if definite and k > definite[0]
                            and not name[k][2].startswith(tab["definite"])), len(name))
                name = name[:cut]
            if not org and (not _name_words([t[2] for t in name])
                            or _TANWEEN_FATH in as_written(name)
                            or _object_noun(name, region)):
                name = _titled(region)  # "لا يرى دوراً لبشار": an object, not a name
        else:
            name = _apposed(region)
        if not name:
            return "unknown", None
        return "named", self.by_name([t[2] for t in name]) or Speaker(ar=as_written(name))

    def unmarked(self, index: int, toks: list[tuple[int, int, str]],
                 norm_offsets: list[int]) -> list[tuple[int, int, str]]:
        """``toks`` without the leading words that are quoted or part of a mention
        ("«ويتشيتا» بول كيمبل" -> "بول كيمبل")."""
        para = self.article.paragraphs[index]
        mentions = [(sp.start, sp.end) for ent in self.entities for sp in ent.spans
                    if sp.paragraph == index]
        while toks:
            start, end = norm_offsets[toks[0][0]], norm_offsets[toks[0][1]]
            quoted = _MARKS.match(para, end) is not None
            if not quoted and not any(s <= start < e for s, e in mentions):
                break
            toks = toks[1:]
        return toks

    def not_mentioned(self, index: int, toks: list[tuple[int, int, str]],
                      norm_offsets: list[int], kind: str) -> list[tuple[int, int, str]]:
        """``toks``, or nothing when they lie in a mention of a ``kind`` entity ("قادما من
        مانشستر يونايتد" closes the player's title but names a club, not the player)."""
        if not toks:
            return toks
        start, end = norm_offsets[toks[0][0]], norm_offsets[toks[-1][1]]
        spans = [(s, e) for s, e, ent in self.spans.get(index, []) if ent.type == kind]
        return [] if any(s < end and start < e for s, e in spans) else toks

    def in_mention(self, index: int, norm_offsets: list[int]):
        """Whether a token of paragraph ``index`` lies in a place's or an organisation's
        mention (a predicate on tokens)."""
        spans = self.places.get(index, []) + [
            (s, e) for s, e, ent in self.spans.get(index, []) if ent.type == "organization"]

        def inside(tok: tuple[int, int, str]) -> bool:
            start, end = norm_offsets[tok[0]], norm_offsets[tok[1]]
            return any(s < end and start < e for s, e in spans)
        return inside

    def antecedent(self, index: int, norm: str, offsets: tuple[int, ...],
                   pos: int) -> Speaker | None:
        """The person or organisation named right before the relative pronoun that comes
        before the verb at normalised offset ``pos`` ("فراج الفراج الذي أوضح")."""
        m = re.search(r"(\w+)\s+$", norm[max(0, pos - 12):pos])
        if not m or m.group(1) not in _tables()["relatives"]:
            return None
        rel = offsets[pos - len(m.group(0))]
        para = self.article.paragraphs[index]
        for _s, e, ent in self.spans.get(index, []):
            if e <= rel and not para[e:rel].strip(" ،,"):
                return _speaker_of_entity(ent)
        return None

    def last_person(self, index: int, pos: int) -> Speaker | None:
        """The person mentioned last before offset ``pos`` of paragraph ``index``."""
        best: tuple[tuple[int, int], Entity] | None = None
        for ent in self.entities:
            if ent.type != "person":
                continue
            for sp in ent.spans:
                at = (sp.paragraph, sp.start)
                if at < (index, pos) and (best is None or at > best[0]):
                    best = (at, ent)
        return _speaker_of_entity(best[1]) if best else None

    def by_name(self, words: list[str], people_only: bool = False) -> Speaker | None:
        """The person or organisation whose name is ``words`` or ends with them (a surname)."""
        want = " ".join(words)
        for ent in self.entities:
            if ent.type not in (("person",) if people_only else ("person", "organization")):
                continue
            name = normalize(ent.ar)
            if name == want or (ent.type == "person" and (
                    name.endswith(" " + want) or name.endswith(" ال" + want))):
                return _speaker_of_entity(ent)  # سومه: عمر السومه
        return None


def _after_outlet(norm: str, region: list[tuple[int, int, str]],
                  tab: dict) -> list[tuple[int, int, str]]:
    """The subject after a quoted outlet the words were said to: 'أكد لـ"الرياض" أسامة
    النجيفي' -> "أسامة النجيفي" (nothing left: 'وقال لـ"سبق":' has a pronoun subject)."""
    if not region or region[0][2] not in tab["attached"]:
        return region
    opening = _OUTLET_MARK.match(norm, region[0][1])
    closing = _MARKS.search(norm, opening.end()) if opening else None
    if closing is None:
        return region
    rest = [t for t in region if t[0] > closing.start()]
    return rest[1:] if rest and rest[0][2] in "،," else rest  # 'لـ "الاقتصادية"، مصدر'


def _leading(tokens: list[tuple[int, int, str]], ok) -> list[tuple[int, int, str]]:
    """The leading tokens that pass ``ok``, up to a comma or a phrase stop."""
    tab = _tables()
    out = []
    for t in tokens:
        if t[2] in "،," or t[2] in tab["phrase_stop"] or t[2] in tab["parts"] or not ok(t[2]):
            break
        out.append(t)
    return out


def _bare(word: str) -> str:
    """A word without a conjunction written onto it: ``ومصادر`` -> ``مصادر``."""
    return word[1:] if word[:1] in _tables()["conjunctions"] and len(word) > 3 else word


def _name_words(words: list[str]) -> bool:
    """Whether ``words`` can be a person's name: "بوتين", "عمر السومة"; not "أحوال"."""
    if not words:
        return False
    connectors = titles().connectors
    return words[0] not in connectors and all(
        w in connectors or name_like(w, first=False) for w in words)


def _object_noun(name: list[tuple[int, int, str]],
                 region: list[tuple[int, int, str]]) -> bool:
    """Whether the words after a verb read as its object, not a bare name: a first word
    that no list or open data knows as a name and that ends as a plural or a noun with a
    pronoun ("قال بنبرات ممزوجة"، "لا يرى قبعته"), or one such word followed by a
    definite common word, a noun in construct ("يؤكد ضلال المنهج")."""
    word = name[0][2]
    if name_word(word) or person_words().get(word, 0):
        return False
    if word.endswith(_OBJECT_ENDINGS):
        return True
    if len(name) > 1 or len(region) < 2:
        return False
    nxt = region[1][2]
    return nxt.startswith("ال") and common_word(nxt) and not name_word(nxt) and \
        nxt not in words("time") and nxt not in _function_words()


#: Endings of a plural noun or of a noun in ة with a pronoun (نبرات، قبعته), no name's.
_OBJECT_ENDINGS = ("ات", "ته", "تها", "تهم", "تهما", "تنا")


def _apposed(region: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A name between commas in a subject: "المتحدث باسم الكرملين، دميتري بيسكوف،"."""
    for k, t in enumerate(region):
        if t[2] not in "،,":
            continue
        cand = _leading(region[k + 1:], lambda w: not w.startswith("ال"))
        nxt = region[k + 1 + len(cand)][2] if k + 1 + len(cand) < len(region) else "،"
        if 1 <= len(cand) <= 3 and nxt in "،," and _name_words([t[2] for t in cand]):
            return cand
    return []


def _titled(region: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Two to four words a comma and a title follow: "زين كمال المصري، مديرة المنتجات"
    (only the last may be definite, as a family name is)."""
    tab = _tables()
    comma = next((k for k, t in enumerate(region) if t[2] in "،,"), None)
    if comma is None or not 2 <= comma <= 4 or comma + 1 >= len(region):
        return []
    words = [t[2] for t in region[:comma]]
    title = region[comma + 1][2]
    if title not in tab["roles"] and _content(title) not in tab["roles"] and \
            _bare(title) not in tab["roles"]:
        return []
    if any(w.startswith(tab["definite"]) or w in tab["phrase_stop"] for w in words[:-1]) or \
            not name_like(words[0], first=True):
        return []
    return region[:comma]


def _name_after_title(region: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Two or three name words closing a title's region: "مدير عام شالكه هورشت هيلدت" (not
    after a preposition: "قادما من مانشستر يونايتد" is where the player came from)."""
    words = [t for t in region if t[2] not in "،,"]
    if len(region) != len(words) or len(words) < 3:
        return []
    stop = _tables()["phrase_stop"]
    for n in (3, 2):
        tail = words[-n:]
        if len(words) > n and words[-n - 1][2] not in stop and \
                _name_words([t[2] for t in tail]) and \
                name_like(tail[0][2], first=True) and \
                not any(t[2].startswith("ال") for t in tail):
            return tail
    return []


#: Words of a name written after a title inside a longer subject, at most.
NAME_IN_TITLE_WORDS = 4


def _name_in_title(region: list[tuple[int, int, str]],
                   mentioned: Callable[[tuple[int, int, str]], bool]
                   ) -> list[tuple[int, int, str]]:
    """Two or three name words after a title, before the rest of the subject: "المسؤول
    الانفصالي ألكسندر زاخارتشنكو لعدد من الحاضرين", "الناطق باسم الحكومة يي هتوت" (the
    first not definite and not after a preposition; only the last may be a definite family
    name, after a known first name: "الصحفي بجريدة الحياة فيصل العبدالكريم"; never the word
    after a partitive: "أحد أنصار حبري"). Words that
    ``mentioned`` (a place or an organisation: "وكيل محافظة عدن") are not names."""
    tab = _tables()
    connectors = titles().connectors
    words = list(itertools.takewhile(lambda t: t[2] not in "،,", region))
    first = 2 if words and _bare(words[0][2]) in tab["partitives"] else 1
    for k in range(first, len(words) - 1):
        head = words[k][2]
        if head.startswith(tab["definite"]) or words[k - 1][2] in tab["phrase_stop"] or \
                head in tab["roles"] or mentioned(words[k]) or \
                not name_like(head, first=True) or _addressee(head):
            continue
        run = [words[k]]
        for t in words[k + 1:k + NAME_IN_TITLE_WORDS]:
            w = t[2]
            if w in tab["phrase_stop"] or _addressee(w) or w in tab["roles"] or mentioned(t):
                break
            if w in connectors:  # "خالد آل دغيم", "سعد بن ناصر"
                run.append(t)
                continue
            if w.startswith("ال"):
                if name_word(head) and (name_word(w) or name_like(w, first=False)):
                    run.append(t)
                break
            if not name_like(w, first=False):
                break
            run.append(t)
        while run and run[-1][2] in connectors:
            run.pop()
        if len(run) >= 2 and _name_words([t[2] for t in run
                                          if t[2] in connectors or not t[2].startswith("ال")]):
            return run
        return []  # the first name-like word after the title is the name, or there is none
    return []


def _content(word: str) -> str:
    """Matching form of a word of a description: ``"والمزدوج"`` -> ``"مزدوج"``."""
    tab = _tables()
    w = word[1:] if word[:1] in tab["conjunctions"] and len(word) > 3 and word[1:3] == "ال" else word
    w = w[1:] if w[:1] in tab["prepositions"] and w[1:3] == "ال" else w
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
        colon = _colon_quotes(paragraph, norm, offsets, cues, quoted, tab)
        if colon:
            pairs = sorted([*pairs, *colon])
            quoted = [(back[o], back[c]) for o, c in pairs]
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
                start = _relayed_from(norm, cue, limit, tab)
                status, sp = resolver.subject(index, norm, offsets, start, limit)
                before = _word_before(norm, cue.pos)
                if before in tab["subject_before"] and status in ("named", "anonymous"):
                    status, sp = "unknown", None  # "لكنه دعا إيران إلى": إيران is the object
                if status in ("named", "anonymous"):
                    pending = sp
                    if not _subordinate(norm, cue.pos, tab):
                        last = sp  # "بعد أن رأت لجنة الانضباط": not who speaks next
                elif status == "honorific":  # "وقال سموه": the person named before
                    pending = last or resolver.last_person(index, offsets[cue.pos])
                elif status == "pronoun":
                    pending = resolver.antecedent(index, norm, offsets, cue.pos) or last
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


#: A colon and the first letter of the words it introduces: "وقال اللاعب: سأغادر".
_COLON = re.compile(r":\s*(?=[^\W\d_])")
#: A one-letter abbreviation with its point ("د." doctor, "م." engineer).
_ABBREVIATION = re.compile(r"(?<!\w)\w\.")
#: The end of a sentence (not a decimal point).
_SENTENCE_END = re.compile(r"[.!?؟](?=\s|$)")
#: Words a subject may run over before the colon of an unmarked quote.
COLON_SUBJECT_WORDS = 14


def _colon_quotes(paragraph: str, norm: str, offsets: tuple[int, ...], cues: list[_Cue],
                  quoted: list[tuple[int, int]], tab: dict) -> list[tuple[int, int]]:
    """(colon, end) offsets of words a speech verb introduces with a colon and no quote
    marks ("وقال اللاعب: سأغادر الكويت فور ..."), up to the end of their sentence."""
    out: list[tuple[int, int]] = []
    verbs = [cue for cue in cues if cue.kind == "verb"]
    for k, cue in enumerate(verbs):
        nxt_cue = verbs[k + 1].pos if k + 1 < len(verbs) else len(norm)
        m = _COLON.search(norm, cue.end, min(nxt_cue, cue.end + 160))
        if m is None:
            continue  # the colon belongs to the verb nearest to it
        between = norm[cue.end:m.start()]
        if len(between.split()) > COLON_SUBJECT_WORDS or _SENTENCE_END.search(between) or \
                _MARKS.search(between) or any(a <= m.start() < b for a, b in quoted):
            continue
        start = offsets[m.start()]
        end_m = _SENTENCE_END.search(paragraph, start + 1)
        end = end_m.start() if end_m else len(paragraph)
        later = [c.pos for c in verbs[k + 1:] if offsets[c.pos] > start]
        if later and offsets[later[0]] < end:  # "... الأهلي، واعترف بأنه": the words end
            end = offsets[later[0]]
        while end > start and paragraph[end - 1] in " ،,؛;":
            end -= 1
        nxt = _MARKS.search(paragraph, start + 1, end)
        if nxt is not None:  # marks inside: the marked quote is the quote
            continue
        words = paragraph[start + 1:end].split()
        if words and normalize(words[0]) in tab["indirect"]:
            continue  # "وقال عيدان: إنه استلم ...": indirect speech, not his words
        if tab["term_max_words"] < len(words) <= tab["max_words"]:
            out.append((start, end))
    return out


def _same_sentence(norm: str, a: int, b: int) -> bool:
    """No sentence end between offsets ``a`` and ``b`` (outside quote marks)."""
    segment = re.sub(r"[«“„\"”″][^«»“”„\"″]*[»”\"″]", "", norm[a:b])
    segment = _ABBREVIATION.sub(" ", segment)  # "د. محمد": a title, not a sentence end
    return not re.search(r"[.!?؟](?:\s|$)", segment)


def _addressee(word: str) -> bool:
    """Whether the normalised ``word`` is ل/ب written onto a name or a common word ("لهاني",
    "بنبرات"): to whom or how, not who speaks ("لانجر", "بروديل" stay names)."""
    rest = word[1:]
    return (word[:1] in "لب" and len(rest) >= 3 and not name_word(word)
            and (name_word(rest) or common_word(rest)))


def _word_before(norm: str, pos: int) -> str:
    """The word right before offset ``pos`` ("" after punctuation or at the start)."""
    m = re.search(r"(\w+)\s*$", norm[max(0, pos - 20):pos])
    return m.group(1) if m else ""


def _subordinate(norm: str, pos: int, tab: dict) -> bool:
    """The verb at ``pos`` follows "بعد أن" ("بعد أن رأت اللجنة"): a clause inside another
    speaker's sentence."""
    before = " ".join(re.findall(r"\w+", norm[max(0, pos - 16):pos])[-2:])
    return any(before == w or before.endswith(" " + w) for w in tab["subordinators"])


def _relayed_from(norm: str, cue: _Cue, limit: int, tab: dict) -> int:
    """Where the speaker's words start after the cue: after "عن" when the verb relays
    another's words ("ونقلت «رويترز» عن رئيس البورصة محمد عمران قوله"), else the cue's end."""
    verb = norm[cue.pos:cue.end]
    if verb not in tab["relay"] and _bare(verb) not in tab["relay"]:
        return cue.end
    for _a, end, tok in _tokens(norm, cue.end, limit, SUBJECT_TOKENS):
        if tok == tab["relay_from"]:
            return end
    return cue.end


def _after(resolver: _Resolver, index: int, norm: str, offsets: list[int], pos: int,
           tab: dict, last: Speaker | None) -> Speaker | None:
    """Speaker named right after the quote: "«...»، قال بوتين"."""
    m = tab["after"].match(norm, pos)
    if not m:
        return None
    status, sp = resolver.subject(index, norm, offsets, m.end(), min(len(norm), m.end() + 120))
    if status in ("named", "anonymous"):
        return sp
    if status == "honorific":
        return last or resolver.last_person(index, offsets[pos])
    return last if status == "pronoun" else None


class _BackMap:
    """Original offset -> normalised offset (the inverse of ``norm_map``), by bisection."""

    def __init__(self, offsets: tuple[int, ...]):
        self.offsets = offsets

    def __getitem__(self, i: int) -> int:
        return bisect_left(self.offsets, i)
