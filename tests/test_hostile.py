"""Hostile and broken input: one clear message per bad file, the rest built, nothing injected.

The corpus of tests/hostile_corpus.py is read here directly (fast) and built once per
session into a site (the ``hostile_build`` fixture of tests/conftest.py), which the browser
test opens too.
"""

from __future__ import annotations

import json
import os
import random
import re
import resource
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from builder.check import check_corpus
from builder.clean import clean, sentence_spans
from builder.corpus import (
    MAX_BYTES,
    ArticleError,
    printable_name,
    read_corpus,
    read_source,
    split_header,
)
from builder.duplicates import find_duplicates
from builder.extract import extract
from builder.model import Source
from builder.normalize import MAX_MARKS, display_safe, normalize
from builder.render import staged
from tests.helpers import CORPUS, REPO, SAUDI, make_project, run_builder
from tests.hostile_corpus import (
    HEAVY_TASHKEEL,
    PAYLOADS,
    PRESENTATION_PUTIN,
    RLO,
    SEED,
    write_hostile_corpus,
)

TEXT = "أعلنت وزارة الدفاع الروسية أمس عن تقدم في المحادثات."


def _source(text: str, path: str = "x.txt") -> Source:
    return Source(path=path, id="0" * 16, order=0, text=text)


# -- reading: one message per bad file ----------------------------------------------------


@pytest.fixture(scope="module")
def hostile_read(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("hostile-read")
    corpus = write_hostile_corpus(root / "corpus", root / "pwned")
    result = read_corpus(corpus.folder)
    errors, kept = list(result.errors), []
    for source in result.sources:  # what the build does next: clean (extract is tested below)
        try:
            clean(source)
        except ArticleError as exc:
            errors.append(exc)
            continue
        kept.append(source)
    return corpus, kept, errors


def test_every_bad_file_gets_exactly_one_message(hostile_read) -> None:
    corpus, _, errors = hostile_read
    named = [e.path for e in errors]
    for name, reason in corpus.refused.items():
        shown = printable_name(name)
        assert named.count(shown) == 1, f"{shown}: {named.count(shown)} messages"
        message = next(e.message for e in errors if e.path == shown)
        assert reason in message, f"{shown}: {message!r} does not say {reason!r}"
    assert len(named) == len(set(named))


def test_the_rest_of_the_corpus_is_read(hostile_read) -> None:
    corpus, kept, _ = hostile_read
    assert {s.id: s.path for s in kept} == corpus.published
    # an article whose translation is broken stays, without the translation
    article = next(s for s in kept if s.path == "004_a000000000000005.txt")
    assert article.translation is None


def test_yaml_tags_are_never_obeyed(hostile_read) -> None:
    corpus, _, _ = hostile_read
    assert not corpus.marker.exists()


def test_check_lists_every_problem_and_fails(hostile_build) -> None:
    out = run_builder(hostile_build.project, "check", check=False)
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    for name in hostile_build.corpus.refused:
        shown = printable_name(name)
        assert sum(line.startswith(f"{shown}: ") for line in lines) == 1, shown
    assert "problem(s)" in out.stderr


def test_check_of_the_seed_corpus_is_clean() -> None:
    result = check_corpus(CORPUS)
    assert result.problems == ()
    assert result.articles == 5


def test_check_reports_processing_errors_with_the_file() -> None:
    """An article that cleans to nothing is one of the problems, named by its file."""
    with pytest.raises(ArticleError) as info:
        clean(_source("اضف تعليق\n\nاضف تعليق", path="only-boilerplate.txt"))
    assert info.value.path == "only-boilerplate.txt"


# -- header values are data -----------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["https://example.org/a", "http://www.alriyadh.com/1070816",
     "https://aawsat.com/home/article/407981/متاجر-إلكترونية",
     "HTTPS://EXAMPLE.ORG/a'b=c"],
)
def test_http_urls_are_accepted(url: str) -> None:
    header, _ = split_header(f"---\nurl: \"{url}\"\n---\nنص", "x.txt")
    assert header.url == url


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:x",
     "data:text/html,<script>alert(1)</script>", "vbscript:msgbox", "//example.org/a",
     "/articles/x/", "ftp://example.org/", "https://", "https://exa mple.org/",
     'https://example.org/"><script>', "https://example.org/<x>", "https://[::1/"],
)
def test_other_urls_are_refused(url: str) -> None:
    with pytest.raises(ArticleError) as info:
        split_header(f"---\n{yaml.safe_dump({'url': url})}---\nنص", "x.txt")
    assert "url" in info.value.message


def test_header_values_are_display_safe() -> None:
    header, _ = split_header(
        f"---\ntitle: \"عنوان {RLO}معكوس\\u200b\\x07 مع\\nسطر\"\nsource: \"  ../../etc  \"\n---\nنص",
        "x.txt")
    assert header.title == "عنوان معكوس مع سطر"
    assert header.source == "../../etc"  # kept as text: it is never used as a path


def test_an_article_starting_with_dashes_has_no_header(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("------\nنص يبدأ بخط فاصل.", encoding="utf-8")
    assert read_source(f).text.startswith("------")


def test_windows_line_ends_in_the_header(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes("---\r\nsource: سبق\r\n---\r\nنص المقال.\r\n".encode())
    source = read_source(f)
    assert source.header.source == "سبق"
    assert "\r" not in source.text


def test_undecodable_file_names_are_refused_and_printable(tmp_path: Path) -> None:
    with open(os.fsencode(tmp_path) + b"/bad-\xff\xfe.txt", "wb") as fh:
        fh.write(TEXT.encode())
    (tmp_path / "good.txt").write_text(TEXT + " ثم", encoding="utf-8")
    result = read_corpus(tmp_path)
    assert [s.path for s in result.sources] == ["good.txt"]
    (error,) = result.errors
    assert "not valid UTF-8" in error.message
    str(error).encode("utf-8")  # printable: no lone surrogates left


# -- duplicates -----------------------------------------------------------------------------


def test_exact_duplicates_ignore_spelling_variants_and_spacing() -> None:
    a = _source(SEED, "000_a.txt")
    b = Source(path="001_b.txt", id="1" * 16, order=1,
               text=SEED.replace("أ", "ا").replace(" ", "\u200b  "))
    assert find_duplicates([a, b]) == {"001_b.txt": "exact duplicate of 000_a.txt (same text)"}


def test_different_articles_are_not_duplicates() -> None:
    sources = [Source(path=p.name, id=str(i) * 16, order=i, text=read_source(p).text)
               for i, p in enumerate(sorted(CORPUS.glob("00[0-4]_*[0-9a-f].txt")))]
    assert find_duplicates(sources) == {}


def test_a_shortened_copy_is_a_near_duplicate() -> None:
    words = SEED.split()
    a = " ".join(words)
    b = " ".join(words[:-12])  # a shortened copy of a: a near duplicate
    sources = [Source(path=f"00{i}.txt", id=str(i) * 16, order=i, text=t)
               for i, t in enumerate([a, b])]
    found = find_duplicates(sources)
    assert list(found) == ["001.txt"] and "near duplicate of 000.txt" in found["001.txt"]


@pytest.mark.skipif(not SAUDI.is_dir(), reason="SaudiNewsNet sample not available")
def test_near_duplicates_in_real_articles_are_the_same_story() -> None:
    files = sorted(SAUDI.glob("06*.txt"))  # 100 articles, alriyadh's among them
    sources = [Source(path=p.name, id=f"{i:016x}", order=i,
                      text=p.read_text(encoding="utf-8")) for i, p in enumerate(files)]
    found = find_duplicates(sources)
    # the same AFP story printed twice by alriyadh (0630 and 0679) is found ...
    assert "0679_alriyadh.txt" in found and "0630_alriyadh.txt" in found["0679_alriyadh.txt"]
    # ... and only a small share of the archive is flagged
    assert len(found) < len(files) * 0.05


# -- unicode: normalised for matching, neutralised for display ------------------------------


def test_spoofing_characters_are_removed_for_display() -> None:
    text = f"أعلن {RLO}txt.exe\u202c و\u2066مخفي\u2069 و\u200bكلمة\U000e0041 وتحكم\x07هنا."
    article = clean(_source(text))
    shown = article.paragraphs[0]
    for ch in (RLO, "\u202c", "\u2066", "\u2069", "\u200b", "\U000e0041", "\x07"):
        assert ch not in shown
    assert "txt.exe" in shown and "مخفي" in shown


def test_heavy_tashkeel_is_capped_for_display_and_ignored_for_matching() -> None:
    shown = display_safe(HEAVY_TASHKEEL)
    assert shown.startswith("ب") and shown.endswith("ت")
    assert len(shown) == 2 + MAX_MARKS
    assert display_safe("مُحَمَّدٌ") == "مُحَمَّدٌ"  # ordinary tashkeel is kept
    assert normalize(HEAVY_TASHKEEL) == "بت"


def test_presentation_forms_match_like_plain_letters() -> None:
    assert normalize(PRESENTATION_PUTIN) == normalize("بوتين")
    plain = "قال الرئيس الروسي فلاديمير بوتين في موسكو إن المحادثات مستمرة."
    forms = plain.replace("بوتين", PRESENTATION_PUTIN)
    names = [(e.type, e.en) for e in extract(clean(_source(plain))).entities]
    assert [(e.type, e.en) for e in extract(clean(_source(forms))).entities] == names


# -- huge input ------------------------------------------------------------------------------


def test_a_10_mb_article_is_refused_unread(tmp_path: Path) -> None:
    huge = tmp_path / "000_00000000000000aa.txt"
    with open(huge, "wb") as fh:
        fh.truncate(10 * 1024 * 1024)  # sparse: reading it would show in the time taken
    (tmp_path / "001_00000000000000bb.txt").write_text(TEXT, encoding="utf-8")
    start = time.perf_counter()
    result = read_corpus(tmp_path)
    assert time.perf_counter() - start < 1.0
    (error,) = result.errors
    assert error.path == huge.name and "too large" in error.message
    assert [s.path for s in result.sources] == ["001_00000000000000bb.txt"]


PATHOLOGICAL = {
    "a run of full stops": "." * 300_000 + "x",
    "full stops and brackets": ".)" * 150_000 + "x",
    "one endless word": "ب" * 300_000,
    "commas only": "كلمة، " * 50_000,
    "question marks after a digit": "1" + "؟" * 300_000 + "x",
    "empty lines": "نص\n\n\n" * 75_000,
}


@pytest.mark.parametrize("name", PATHOLOGICAL)
def test_cleaning_has_no_quadratic_step(name: str) -> None:
    """300 KB of worst-case text cleans in well under a second of CPU per 100 KB.

    Before the sentence splitter matched runs of marks possessively, a run of 300,000 full
    stops took minutes (every position rescanned the rest of the run).
    """
    text = PATHOLOGICAL[name]
    start = time.process_time()  # CPU time: other jobs on the machine do not count
    spans = sentence_spans(text)
    article = clean(_source(text)) if re.search(r"\w", text) else None
    elapsed = time.process_time() - start
    assert elapsed < 3.0, f"{name}: {elapsed:.1f}s"
    assert spans and (article is None or article.paragraphs)


@pytest.mark.slow
def test_a_large_article_builds_with_bounded_time_and_memory(tmp_path: Path) -> None:
    """``check`` runs read, duplicates, clean and extract on an article of half MAX_BYTES.

    (At the limit, 2 MiB, it takes about 17 s and 170 MB; half keeps the suite fast.)
    """
    words, rng = SEED.split(), random.Random(9)
    sentences, size = [], 0
    while size < MAX_BYTES // 2:
        sentence = " ".join(rng.choice(words) for _ in range(rng.randint(8, 25))) + "."
        sentences.append(sentence)
        size += len(sentence.encode()) + 1
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "000_00000000000000aa.txt").write_text("\n".join(sentences), encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "builder", "--root", str(tmp_path), "check"],
                         cwd=REPO, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    peak_mb = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    assert out.returncode == 0, out.stdout + out.stderr
    assert "1 article(s) ok" in out.stderr
    assert elapsed < 60, f"{elapsed:.0f}s"
    assert peak_mb < 1000, f"{peak_mb:.0f} MB"


# -- the built hostile site ------------------------------------------------------------------


class _Markup(HTMLParser):
    """Collects what in a page could run script, and the page's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.live: list[str] = []
        self.text: list[str] = []
        self._script: str | None = None  # the type of the script element we are in

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script":
            self._script = dict(attrs).get("type") or "text/javascript"
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and ("pwned" in value or "alert" in value):
                self.live.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action", "formaction") and value.strip().lower(
                    ).startswith(("javascript:", "data:text/html", "vbscript:")):
                self.live.append(f"<{tag} {name}={value!r}>")
            if name == "srcdoc":
                self.live.append(f"<{tag} srcdoc>")
        if tag in ("iframe", "svg", "object", "embed", "details", "body") and any(
                n.startswith("on") for n, _ in attrs):
            self.live.append(f"<{tag}> with an event handler")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None

    def handle_data(self, data: str) -> None:
        if self._script is None:
            self.text.append(data)
        elif self._script.endswith("json"):
            try:  # data, not code: it must stay one JSON value (no break-out of the element)
                json.loads(data)
            except ValueError:
                self.live.append(f"<script type={self._script}> is not JSON: {data[:60]}")
        elif "pwned" in data or "alert(" in data:
            self.live.append(f"<script>{data[:60]}")


def _parse(path: Path) -> _Markup:
    parser = _Markup()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_hostile_site_builds_and_names_each_bad_file_once(hostile_build) -> None:
    assert hostile_build.returncode == 0, hostile_build.log
    errors = [line.split("error   ", 1)[1] for line in hostile_build.log.splitlines()
              if line.startswith("  error   ")]
    for name, reason in hostile_build.corpus.refused.items():
        mine = [e for e in errors if e.startswith(printable_name(name) + ": ")]
        assert len(mine) == 1, (name, mine)
        assert reason in mine[0]


def test_every_good_article_is_published_in_both_languages(hostile_build) -> None:
    for article_id in hostile_build.corpus.published:
        for prefix in ("", "en/"):
            page = hostile_build.site / f"{prefix}articles/{article_id}/index.html"
            assert page.is_file(), page
    for name in hostile_build.corpus.refused:
        stem = name.split("_", 1)[-1][:16]
        if re.fullmatch(r"b[0-9a-f]{15}", stem):
            assert not (hostile_build.site / f"articles/{stem}").exists()


def test_no_page_of_the_hostile_site_holds_live_markup(hostile_build) -> None:
    pages = sorted(hostile_build.site.rglob("*.html"))
    assert len(pages) > 10
    live = {str(p.relative_to(hostile_build.site)): _parse(p).live for p in pages}
    assert not {k: v for k, v in live.items() if v}
    for path in hostile_build.site.rglob("*"):
        if path.suffix in (".xml", ".json", ".js") and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "<script>window.__pwned" not in text, path


def test_payloads_come_out_as_the_text_they_are(hostile_build) -> None:
    """Nothing is lost either: each payload is on the page, as text."""
    page = hostile_build.site / "articles/a000000000000001/index.html"
    text = " ".join("".join(_parse(page).text).split())
    for payload in PAYLOADS:  # (each differs enough from the others not to be dropped as a repeat)
        assert " ".join(payload.split()) in text, payload
    assert "onpageshow=\"window.__pwned='lead'\">" in text
    assert "<script>window.__pwned='title'</script> بوتين" in text


def test_spoofing_characters_never_reach_a_page(hostile_build) -> None:
    for path in hostile_build.site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for ch in (RLO, "\u202c", "\u2066", "\u200b", "\U000e0041", "\x07"):
            assert ch not in html, (path, hex(ord(ch)))
        marks = re.findall(rf"[\u064b-\u065f]{{{MAX_MARKS + 1},}}", html)
        assert not marks, path


def test_no_generated_file_escapes_its_folder(hostile_build) -> None:
    project = hostile_build.project
    generated = {p.name for p in (project / "docs" / "articles").iterdir()}
    assert all(re.fullmatch(r"[0-9a-f]{16}(\.en)?\.md", name) for name in generated)
    assert not any(".." in p.name for p in project.rglob("*") if p.parent != project / "corpus")


def test_the_hostile_corpus_is_never_written(hostile_build) -> None:
    assert hostile_build.corpus_after == hostile_build.corpus_before


def test_strict_mode_fails_and_keeps_the_previous_site(hostile_build) -> None:
    site = hostile_build.site
    before = {p: p.stat().st_mtime_ns for p in site.rglob("*")}
    out = run_builder(hostile_build.project, "site", "--strict", check=False)
    assert out.returncode == 1
    assert "strict mode" in out.stderr
    assert {p: p.stat().st_mtime_ns for p in site.rglob("*")} == before


# -- atomic output ---------------------------------------------------------------------------


def _files(site: Path) -> dict[Path, bytes]:
    return {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def _leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith("site."))


def test_a_render_that_fails_half_way_leaves_the_previous_site(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "000_00000000000000aa.txt").write_text(TEXT, encoding="utf-8")
    project = make_project(tmp_path / "p", corpus)
    run_builder(project, "site")
    site = project / "site"
    before = _files(site)
    # a hook that fails after MkDocs has written every page
    (project / "hooks" / "fail_late.py").write_text(
        "def on_post_build(config):\n    raise RuntimeError('disk full')\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "hooks:\n", "hooks:\n  - hooks/fail_late.py\n", 1), encoding="utf-8")
    out = run_builder(project, "site", check=False)
    assert out.returncode == 1 and "disk full" in out.stderr
    assert _files(site) == before
    assert _leftovers(project) == []


_KILLED_WHILE_STAGING = """
import sys, time
from pathlib import Path
from builder.render import staged
with staged(Path(sys.argv[1]), copy=True) as out:
    (out / "index.html").write_text("half-written")
    print("writing", flush=True)
    time.sleep(60)
"""


def test_an_interrupted_render_leaves_the_previous_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous site", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-c", _KILLED_WHILE_STAGING, str(site)],
                            cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline() == "writing\n"
    finally:
        proc.kill()  # SIGKILL: no clean-up code runs
        proc.wait()
    assert (site / "index.html").read_text(encoding="utf-8") == "the previous site"
    assert _leftovers(tmp_path) == [f"site.tmp-{proc.pid}"]
    # the next render removes what the killed one left, then replaces the site
    with staged(site, copy=False) as out:
        assert _leftovers(tmp_path) == [out.name]
        (out / "index.html").write_text("the new site", encoding="utf-8")
    assert (site / "index.html").read_text(encoding="utf-8") == "the new site"
    assert _leftovers(tmp_path) == []


def test_a_site_lost_between_the_two_renames_is_restored(tmp_path: Path) -> None:
    old = tmp_path / "site.old-999999999"  # a build killed after moving the old site away
    old.mkdir()
    (old / "index.html").write_text("the previous site", encoding="utf-8")
    with pytest.raises(RuntimeError), staged(tmp_path / "site", copy=True) as out:
        assert (out / "index.html").read_text(encoding="utf-8") == "the previous site"
        raise RuntimeError("MkDocs failed")
    assert (tmp_path / "site" / "index.html").read_text(encoding="utf-8") == "the previous site"
    assert _leftovers(tmp_path) == []


# -- strict mode in CI ------------------------------------------------------------------------


def test_make_site_is_strict_only_when_asked() -> None:
    def dry_run(*args: str) -> str:
        out = subprocess.run(["make", "-n", "site", *args], cwd=REPO, capture_output=True,
                             text=True, check=True)
        return next(line for line in out.stdout.splitlines() if "-m builder site" in line)

    assert "--strict" in dry_run("STRICT=1")
    assert "--strict" not in dry_run()
    assert "--strict" not in dry_run("STRICT=0")


def test_ci_builds_pull_requests_strictly() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/site.yml").read_text(encoding="utf-8"))
    steps = [s for job in workflow["jobs"].values() for s in job.get("steps", [])]
    site = next(s for s in steps if s.get("run", "").strip() == "make site")
    assert "pull_request" in site["env"]["STRICT"]
