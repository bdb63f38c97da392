"""builder/search/forms.py: search forms with clitics, the archive's lexicon that decides
which leading letters are a word's own, and the JS twin of the forms (search.js, via node).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from builder.search import forms
from builder.search.forms import (
    Clitics,
    Lexicon,
    Vocabulary,
    build_lexicon,
    core,
    own_words,
    pronoun_stems,
    search_form,
    steps,
)
from builder.search.language import rules, words
from tests.helpers import REPO, SAUDI

C = rules().clitics
FIXTURES = Path(__file__).parent / "fixtures" / "search_clitics"
SEARCH_JS = REPO / "docs" / "assets" / "javascripts" / "search.js"

#: A small archive, written for these tests: who says what, and how often.
TEXT = """
قال الوزير إن وزير الخارجية التقى الوزير الفرنسي، ووزير الدفاع حضر، والوزير وصل.
وقال المتحدث إن الوفد وصل، وقال الوزير إن الاجتماع انتهى. قال الرئيس كلمته، وحكومتها.
زار الوفد واشنطن ثم غادر واشنطن، ووصل بواشنطن مساء، وعاد إلى واشنطن.
أكد المسؤول أن الحكومة والحكومة بالحكومة للحكومة فالحكومة كالحكومة وبالحكومة وللحكومة.
وناقشت الحكومة ميزانيتها، وحكومته وحكومتهم، والمدرسة ومدرسته والمدرسة مدرسة.
المعلنة والمعلنة، وأفهم، وأطلقت الحملة، أطلقت الحملة، والتبرعات، التبرعات.
اجتمع الوالي مع والي المنطقة. الطلاب كتبوا على الكتاب كتابه وكتابها وكتابهم.
فيما فيما فيما فيما فيما فيما فيما فيما فيما فيما فيما فيما.
الواكد رجل، وأكد وأكد وأكد وأكد وأكد وأكد وأكد وأكد وأكد وأكد وأكد وأكد وأكد وأكد
وأكد وأكد وأكد وأكد وأكد وأكد وأكد وأكد. أكد أكد أكد.
المرشد والإرشاد والإرشاد والإرشاد والإرشاد والإرشاد والإرشاد والإرشاد والإرشاد
والإرشاد والإرشاد والإرشاد إرشاد.
"""


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    vocabulary = Vocabulary()
    vocabulary.add(words(TEXT))
    return build_lexicon(vocabulary, C)


def form(word: str, lexicon: Lexicon) -> str:
    return search_form(word, lexicon, C)


def test_the_rules_name_every_proclitic_sequence() -> None:
    assert {"و", "ف", "ب", "ك", "ل", "ال", "وال", "بال", "لل", "فال", "كال", "وبال", "ولل",
            "فلل", "وب"} <= set(C.combos())
    assert set(C.combos(article=True)) >= {"ال", "وال", "بال", "لل", "فال", "كال", "ولل"}
    assert "لال" not in C.combos()  # ل before the article writes لل


@pytest.mark.parametrize(("form_", "expected"), [
    ("وللحكومه", "حكومه"), ("وزير", "زير"), ("والي", "الي"), ("ولد", "ولد"),
    ("بالبيان", "يان"), ("الله", "الله")])
def test_core_removes_every_letter_that_could_be_a_proclitic(form_: str, expected: str) -> None:
    assert core(form_, C) == expected


def test_steps_follow_the_order_of_writing() -> None:
    assert steps("والحكومه", 0, C) == ["الحكومه"]
    assert steps("للحكومه", 1, C) == ["الحكومه", "لحكومه"]  # ل + ال first
    assert steps("بيان", 1, C) == ["يان"]
    assert steps("الحكومه", 2, C) == ["حكومه"]
    assert steps("ولد", 0, C) == []  # two letters would remain
    assert pronoun_stems("حكومتها", C) == [("ها", "حكومه"), ("ها", "حكومت")]
    assert pronoun_stems("كتابه", C) == [("ه", "كتاب")]


def test_own_words_are_read_from_the_archive() -> None:
    counts = Counter(forms.fold(w) for w in words(TEXT))
    own = own_words(counts, C)
    assert "وزير" in own  # seen after the article: الوزير
    assert "واشنطن" in own  # seen after a proclitic: بواشنطن
    assert "فيما" in own  # often, and يما never
    assert "وقال" not in own and "والحكومه" not in own
    assert "واكد" not in own  # الواكد, a name, once against 26 times وأكد
    assert "والارشاد" not in own  # conjunction + article + noun, however often


@pytest.mark.parametrize("prefix", ["و", "ف", "ب", "ل", "ك", "وال", "بال", "لل", "فال", "كال"])
def test_a_word_and_its_clitic_forms_share_one_form(lexicon: Lexicon, prefix: str) -> None:
    for bare, written in (("حكومة", "الحكومة"), ("تبرعات", "التبرعات"), ("معلنة", "المعلنة")):
        with_clitic = prefix + (written[2:] if prefix.endswith(("ال", "لل")) else written)
        assert form(with_clitic, lexicon) == form(written, lexicon) == form(bare, lexicon), \
            with_clitic


@pytest.mark.parametrize(("typed", "expected"), [
    ("وزير", "وزير"), ("الوزير", "وزير"), ("ووزير", "وزير"), ("بوزير", "وزير"),
    ("واشنطن", "واشنطن"), ("لواشنطن", "واشنطن"), ("فيما", "فيما"),
    ("وقال", "قال"), ("وأفهم", "افهم"), ("وأطلقت", "اطلقت"), ("والمعلنة", "معلنه"),
    ("والإرشاد", "ارشاد"), ("وأكد", "اكد"),
    ("حكومتها", "حكومه"), ("وحكومتهم", "حكومه"), ("كتابهم", "كتاب"), ("وكتابها", "كتاب"),
    ("مدرسة", "مدرسه"), ("مدرسته", "مدرسه"),  # ة folds to ه, and is not a pronoun
    ("Lavrov", "lavrov"), ("٢٠١٥", "2015"), ("الله", "الله"), ("ولد", "ولد"),
])
def test_search_forms(lexicon: Lexicon, typed: str, expected: str) -> None:
    assert form(typed, lexicon) == expected


def test_pagefind_is_given_own_waw_words_with_the_article() -> None:
    """Pagefind's stemmer would strip the و of وزير; after the article it keeps it."""
    assert forms.pagefind_term("وزير", C) == "الوزير"
    assert forms.pagefind_term("فريق", C) == "الفريق"
    assert forms.pagefind_term("واشنطن", C) == "واشنطن"  # alef next: the stemmer keeps و
    assert forms.pagefind_term("وفد", C) == "وفد"  # too short for the stemmer too
    assert forms.pagefind_term("حكومه", C) == "حكومه"


def test_without_a_lexicon_every_proclitic_goes(lexicon: Lexicon) -> None:
    assert search_form("وزير", None, C) == "زير"
    assert search_form("بيان", None, C) == "يان"
    assert form("بيان", lexicon) == "يان"  # this archive never writes البيان


def test_lexicon_shards_hold_what_decides_their_words(lexicon: Lexicon) -> None:
    key = forms.word_shard("وزير", C)
    assert key == forms.shard_key("زير")
    assert "وزير" in lexicon.shard(key).own
    assert lexicon.shard(forms.word_shard("حكومتها", C)).stems["حكومتها"] == "حكومه"
    assert Lexicon.from_json(json.loads(json.dumps(lexicon.to_json()))) == lexicon
    # the form of every word depends on its own shard only
    for word in set(words(TEXT)):
        folded = forms.fold(word)
        alone = Lexicon({forms.word_shard(folded, C):
                         lexicon.shard(forms.word_shard(folded, C))})
        assert form(word, alone) == form(word, lexicon), word


def test_rules_are_validated() -> None:
    with pytest.raises(forms.CliticsError, match="clitics.conjunctions"):
        forms.clitics_from({"conjunctions": ["وا"], "prepositions": ["ب"], "article": "ال",
                            "pronouns": ["ه"]})
    with pytest.raises(forms.CliticsError, match="clitics.article"):
        forms.clitics_from({"conjunctions": ["و"], "prepositions": ["ب"], "article": "أل",
                            "pronouns": ["ه"]})
    assert forms.clitics_from({"conjunctions": ["و"], "prepositions": ["ب"], "article": "ال",
                               "pronouns": ["ه", "ها"]}).pronouns == ("ها", "ه")


def _real_vocabulary(limit: int) -> Vocabulary:
    vocabulary = Vocabulary()
    for path in sorted(SAUDI.glob("*.txt"))[:limit]:
        vocabulary.add(words(path.read_text(encoding="utf-8", errors="replace")))
    return vocabulary


@pytest.mark.skipif(not SAUDI.is_dir(), reason="../shared/data/saudinewsnet is absent")
def test_real_news_clitic_forms_find_their_word() -> None:
    """On 500 real articles: a word written with و/ب/ل/ف (before its article, if any) and
    without it share one search form, and words whose letters are their own keep them."""
    vocabulary = _real_vocabulary(500)
    lexicon = build_lexicon(vocabulary, C)
    pairs = same = 0
    for word, count in vocabulary.counts.items():
        if count < 3 or not word.startswith("ال") or len(word) < 5:
            continue
        for prefix in ("و", "ب", "ل", "ف"):
            clitic = ("لل" + word[2:]) if prefix == "ل" else prefix + word
            pairs += 1
            same += search_form(clitic, lexicon, C) == search_form(word, lexicon, C)
    assert pairs > 2000 and same / pairs > 0.995, (same, pairs)
    for own in ("وزير", "وزارة", "واشنطن", "وليد", "بيان", "فريق", "لجنة", "كتاب"):
        assert search_form(own, lexicon, C) == forms.fold(own), own


# ------------------------------------------------------------ the JS twin, through node --

NODE = shutil.which("node")

_JS = """
const api = require(%s);
let data = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (c) => (data += c));
process.stdin.on("end", async () => {
  const {rules, shards, words, queries} = JSON.parse(data);
  const shard = (key) => api.shardOf(shards[key] || null);
  const out = {
    terms_pf: words.map((w) => api.pagefindTerm(api.fold(w, rules), rules.clitics)),
    needs: words.map((w) => api.needsShard(api.fold(w, rules), rules.clitics)),
    cores: words.map((w) => api.core(api.fold(w, rules), rules.clitics)),
    keys: words.map((w) => api.wordShard(api.fold(w, rules), rules.clitics)),
    forms: words.map((w) => api.searchForm(w, rules, shard(
      api.wordShard(api.fold(w, rules), rules.clitics)))),
    terms: [],
  };
  for (const q of queries) out.terms.push(await api.queryTerms(q, rules, async (k) => shard(k)));
  process.stdout.write(JSON.stringify(out));
});
"""


@pytest.mark.skipif(NODE is None, reason="node is not installed (make installs it for npm)")
def test_search_js_makes_the_forms_python_makes(lexicon: Lexicon) -> None:
    from builder.search.language import client_rules

    texts = [TEXT] + [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))]
    if SAUDI.is_dir():
        vocabulary = _real_vocabulary(300)
        lexicon = build_lexicon(vocabulary, C)
        texts += [p.read_text(encoding="utf-8", errors="replace")
                  for p in sorted(SAUDI.glob("*.txt"))[:300]]
    sample = sorted({w for text in texts for w in words(text)})
    sample += ["ولله", "للبنان", "بالالتزام", "وبالحكومة", "فللمخيم", "ال", "وال", "لل"]
    queries = ["«والمعلنة» وأفهم،", "  وموسكو  بالحكومة؟", "في", "وزير في الحكومة", "U.S."]
    payload = {"rules": client_rules(), "shards": lexicon.to_json(), "words": sample,
               "queries": queries}
    result = subprocess.run([NODE, "-e", _JS % json.dumps(str(SEARCH_JS))],
                            input=json.dumps(payload, ensure_ascii=False), capture_output=True,
                            text=True, encoding="utf-8", check=True)
    out = json.loads(result.stdout)
    assert out["terms_pf"] == [forms.pagefind_term(forms.fold(w), C) for w in sample]
    assert out["needs"] == [forms.needs_shard(forms.fold(w), C) for w in sample]
    assert out["cores"] == [core(forms.fold(w), C) for w in sample]
    assert out["keys"] == [forms.word_shard(forms.fold(w), C) for w in sample]
    mismatched = [(w, js) for w, js in zip(sample, out["forms"], strict=True)
                  if js != search_form(w, lexicon, C)]
    assert not mismatched and len(sample) > 1000, mismatched[:10]
    expected = [[search_form(w, lexicon, C) for w in ("المعلنة", "أفهم")],
                [search_form(w, lexicon, C) for w in ("موسكو", "الحكومة")], ["في"],
                [search_form(w, lexicon, C) for w in ("وزير", "الحكومة")], ["u.s"]]
    assert out["terms"] == expected


def test_fixture_corpus_is_ours() -> None:
    """The browser tests' corpus: synthetic articles written for them."""
    files = sorted(FIXTURES.glob("*.txt"))
    assert len(files) == 10 and all(f.name[4:8] == "c117" for f in files)


def test_clitics_defaults_match_the_data_file() -> None:
    assert Clitics() == C


def test_a_noun_always_written_with_the_article_still_has_it() -> None:
    counts = Counter({"المسطحات": 40, "والمسطحات": 5, "بالمسطحات": 3})
    assert own_words(counts, C) == set()
    lexicon = build_lexicon(Vocabulary(counts=counts), C)
    assert search_form("والمسطحات", lexicon, C) == search_form("مسطحات", lexicon, C) == "مسطحات"
