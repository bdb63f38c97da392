"""A corpus of hostile and broken article files, for tests/test_hostile.py and the browser test.

``write_hostile_corpus(folder)`` fills ``folder`` and returns what a build must do with it:
the articles that must be published (their text full of markup, scripts, template syntax and
spoofing characters, all of which must come out as inert text) and the files that must be
refused, each with a fragment of the one message that names it.

Every script the corpus tries to run sets ``window.__pwned`` (or opens a dialog), so a browser
test can prove that none ran.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from builder.corpus import MAX_BYTES, content_id
from tests.helpers import CORPUS

SEED = next(CORPUS.glob("000_*[0-9a-f].txt")).read_text(encoding="utf-8")

#: Payloads that would run script if any of them became markup.
PAYLOADS = (
    "<script>window.__pwned = 'script'</script>",
    "<img src=x onerror=\"window.__pwned='img'\">",
    "<svg onload=\"window.__pwned='svg'\"></svg>",
    "<iframe srcdoc=\"<script>parent.__pwned='iframe'</script>\"></iframe>",
    "<a href=\"javascript:window.__pwned='href'\">اضغط</a>",
    "[رابط](javascript:window.__pwned='md') ![صورة](javascript:alert('md-img'))",
    "<body onload=alert('body')>",
    "</div></article><script>window.__pwned='close'</script><article>",
    "<!-- تعليق لا ينتهي",
    "<style>body{display:none}</style>",
    "{{ config.site_name }} {% include 'base.html' %} {# comment #} ${7*7} <%= 7*7 %>",
    "{: onclick=\"window.__pwned='attr'\" } *مائل* **عريض** `code` # عنوان",
    "&lt;script&gt;window.__pwned='entity'&lt;/script&gt; &amp;",
)

#: Spoofing Unicode: bidi overrides and isolates, zero-width, presentation forms, tashkeel.
RLO, PDF, ZWSP, LRI = "\u202e", "\u202c", "\u200b", "\u2066"
HEAVY_TASHKEEL = "ب" + "\u064e\u0651\u064b\u0650" * 8 + "ت"
PRESENTATION_PUTIN = "\ufe91\ufeee\ufe97\ufef4\ufee6"  # بوتين in presentation forms


@dataclass(frozen=True)
class HostileCorpus:
    """What a build of the hostile corpus must do."""

    folder: Path
    published: dict[str, str]  #: article id -> file name, articles that must be built
    refused: dict[str, str]  #: file name -> fragment of its one error message
    marker: Path  #: a file that a YAML ``!!python`` tag would create if it were obeyed


def _article(header: str, body: str) -> str:
    return f"---\n{header.strip()}\n---\n{body}" if header else body


def write_hostile_corpus(folder: Path, marker: Path) -> HostileCorpus:
    """Write the hostile corpus into ``folder`` (created)."""
    folder.mkdir(parents=True, exist_ok=True)
    published: dict[str, str] = {}
    refused: dict[str, str] = {}

    def good(name: str, text: str) -> None:
        (folder / name).write_text(text, encoding="utf-8")
        published[name.split("_", 1)[1][:16]] = name

    def bad(name: str, data: bytes | str, reason: str) -> None:
        path = folder / name
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
        refused[name] = reason

    # -- articles that must be published, with everything in them inert ------------------
    # the lead sentence becomes the page description (a <meta> attribute): try to break out
    lead = ("قال الرئيس الروسي فلاديمير بوتين في موسكو إن \"><body "
            "onpageshow=\"window.__pwned='lead'\"> الأمثلة التالية نص فقط.")
    paragraphs = [lead, *PAYLOADS]
    good("000_a000000000000001.txt", _article(
        """
title: "<script>window.__pwned='title'</script> بوتين يتحدث عن {{ config.site_name }}"
title_en: "<img src=x onerror=\\"window.__pwned='title_en'\\"> {% raw %}Putin{% endraw %}"
source: "\\"><svg onload=\\"window.__pwned='source'\\"> ../../../etc/passwd"
url: "https://example.org/a'onmouseover='window.__pwned=1'"
date: 2015-11-20
""",
        "\n".join(paragraphs),
    ))
    good("001_a000000000000002.txt", _article(
        f"title: عنوان {RLO}معكوس{PDF} مع{ZWSP}فراغ",
        f"أعلن {PRESENTATION_PUTIN} في موسكو أن {RLO}txt.exe{PDF} و{LRI}مخفي "
        f"وكلمة {HEAVY_TASHKEEL} وحرف\U000e0041خفي وتحكم\x07هنا. " * 3
        + "\n" + SEED.split(".")[3] + ".",
    ))
    good("002_a000000000000003.txt", _article(
        "lang: en\ntitle_en: 'English <b>bold</b> & javascript:alert(1)'\nsource: ../../index",
        "An English article that says javascript:alert('x') and <script>alert('en')</script> "
        "and [click](javascript:alert('md')) and {{ 7*7 }} near ../../../etc/passwd. "
        "It ends with a second sentence about Moscow and Vladimir Putin.",
    ))
    good("003_a000000000000004.txt", _article(
        "title: '!!python/object/apply:os.system [\"echo quoted\"]'",
        "نص عادي يذكر وزارة الدفاع الروسية ويحتوي على --- وسطر\n---\n| جدول | خبيث |\n"
        "    سطر مزاح كأنه شيفرة\n* قائمة\n[^1]: حاشية\n<details open ontoggle=alert(1)>",
    ))
    # a translation sidecar that is hostile too (it becomes the English page's body)
    (folder / "003_a000000000000004.en.txt").write_text(
        "Translation with <script>window.__pwned='sidecar'</script> and {{ x }}.",
        encoding="utf-8")
    # an article kept although its translation is broken (the translation is reported)
    good("004_a000000000000005.txt", "خبر سليم عن الاقتصاد السعودي وأسعار النفط في الرياض.")
    bad("004_a000000000000005.en.txt", b"\x00\x01\x02\x03 not a translation", "binary")
    # a plain real article, which two files below duplicate
    good("005_a000000000000006.txt", SEED)

    # -- files that must be refused, one message each ------------------------------------
    bad("010_b000000000000001.txt", b"", "empty")
    bad("011_b000000000000002.txt", " \n\t\n\u3000 ", "empty")
    bad("012_b000000000000003.txt", f"{ZWSP}{RLO}\u200c\u2060 ...", "empty")
    bad("013_b000000000000004.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        "binary")
    bad("014_b000000000000005.txt", "caf\xe9 cr\xe8me br\xfbl\xe9e".encode("latin-1"),
        "not UTF-8")
    bad("015_b000000000000006.txt", ("خبر طويل جداً. " * (MAX_BYTES // 20)), "too large")
    bad("016_b000000000000007.txt", "---\ntitle: [غير مغلق\n---\nنص المقال هنا.",
        "not valid YAML")
    bad("017_b000000000000008.txt", "---\nauthor: كاتب\n---\nنص المقال هنا.", "unknown header key")
    bad("018_b000000000000009.txt",
        f"---\ntitle: !!python/object/apply:os.system ['touch {marker}']\n---\nنص المقال.",
        "not valid YAML")
    bad("019_b00000000000000a.txt", "---\nurl: javascript:alert(1)\n---\nنص المقال هنا.",
        "http:// or https://")
    bad("020_b00000000000000b.txt", "---\ntitle: أ\ntitle: ب\n---\nنص المقال هنا.", "twice")
    bad("021_b00000000000000c.txt", "---\ndate: 2015-01-01\nنص بلا نهاية للرأس.", "closing")
    bad("022_b00000000000000d.txt", "---\nlang: fr\n---\nنص المقال هنا.", "lang")
    bad("023_b00000000000000e.txt", "---\ndate: غدا\n---\nنص المقال هنا.", "YYYY-MM-DD")
    bad("024_b00000000000000f.txt", "اضف تعليق", "nothing left after cleaning")
    # same text as 000 apart from spacing and tashkeel: an exact duplicate
    bad("025_b000000000000010.txt", SEED.replace(" ", "  ").replace("بوتين", "بُوتِين"),
        "exact duplicate of 005_a000000000000006.txt")
    # the seed with two words changed: a near duplicate of 005
    near = SEED.replace("الجمعة", "السبت", 1).replace("موسكو", "سوتشي", 1)
    bad("026_b000000000000011.txt", near, "near duplicate of 005_a000000000000006.txt")
    # a file that claims the id of 004
    bad("027_a000000000000005.txt", "خبر آخر مختلف تماماً عن كرة القدم في جدة.",
        "already used by 004_a000000000000005.txt")
    bad("099_b000000000000012.en.txt", "A translation of nothing.", "translation without")
    bad("notes.docx", b"PK\x03\x04 word document", "not a .txt file")
    bad("news\u202egpj.txt", "خبر باسم ملف معكوس الاتجاه.", "control or bidi")
    outside = folder.parent / f"outside-{folder.name}.txt"
    outside.write_text("خبر خارج مجلد المقالات لا يجوز نشره.", encoding="utf-8")
    os.symlink(outside, folder / "030_b000000000000013.txt")
    refused["030_b000000000000013.txt"] = "outside the corpus"
    # a file named like a path trick gets a content id and is published as plain text
    odd = "خبر باسم ملف غريب يحاول الخروج من المجلد ../../ ولكنه نص فقط."
    (folder / "..%2F..%2Findex.txt").write_text(odd, encoding="utf-8")
    published[content_id(odd)] = "..%2F..%2Findex.txt"
    return HostileCorpus(folder, published, refused, marker)


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Bytes and modification time of every file (links not followed) below ``folder``."""
    out = {}
    for path in sorted(folder.rglob("*")):
        st = path.lstat()
        data = os.readlink(path).encode() if path.is_symlink() else path.read_bytes()
        out[str(path.relative_to(folder))] = (data, st.st_mtime_ns)
    return out
