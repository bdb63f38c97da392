"""Reading article files: names, ids, headers, encodings, bad files."""

import codecs
from pathlib import Path

import pytest

from builder.corpus import ArticleError, content_id, decode, read_corpus, read_source
from tests.helpers import CORPUS, SEEDS

TEXT = "أعلنت وزارة الدفاع الروسية أمس عن تقدم في المحادثات."


def test_seed_corpus_is_the_seeds_unchanged() -> None:
    for seed in SEEDS.glob("*.txt"):
        assert (CORPUS / seed.name).read_bytes() == seed.read_bytes()


def test_seed_names_give_id_and_order() -> None:
    result = read_corpus(CORPUS)
    assert not result.errors
    assert [s.id for s in result.sources] == [
        "2365a23702f008e8", "07113fe9eb90c3c4", "da119672f8d1c69d",
        "ac94255f7615738d", "dff0eda70fa24883",
    ]
    assert [s.order for s in result.sources] == [0, 1, 2, 3, 4]


def test_translation_sidecar_is_attached(tmp_path: Path) -> None:
    (tmp_path / "007_0123456789abcdef.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "007_0123456789abcdef.en.txt").write_text("The ministry said.", encoding="utf-8")
    result = read_corpus(tmp_path)
    assert len(result.sources) == 1
    assert result.sources[0].translation == "The ministry said."


def test_other_names_get_a_content_id(tmp_path: Path) -> None:
    (tmp_path / "news.txt").write_text(TEXT, encoding="utf-8")
    source = read_source(tmp_path / "news.txt")
    assert source.id == content_id(TEXT)
    assert len(source.id) == 16
    # the id ignores spelling variants and white space
    assert content_id(TEXT.replace("أ", "ا") + "  ") == source.id


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-be").join([codecs.BOM_UTF16_BE, b""]), "utf-16"),
        (TEXT.encode("cp1256"), "cp1256"),
    ],
)
def test_decode_encodings(data: bytes, encoding: str) -> None:
    assert decode(data, "x.txt") == (TEXT, encoding)


def test_header_is_parsed_and_removed(tmp_path: Path) -> None:
    f = tmp_path / "001_0123456789abcdef.txt"
    f.write_text(
        "---\ndate: 2015-11-20\nsource: RT Arabic\ntitle: 'عنوان: مع نقطتين'\n---\n" + TEXT,
        encoding="utf-8",
    )
    source = read_source(f)
    assert source.header.date == "2015-11-20"
    assert source.header.source == "RT Arabic"
    assert source.header.title == "عنوان: مع نقطتين"
    assert source.text.strip() == TEXT


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n  ", "empty"),
        (b"\x00\x01\x02binary", "binary"),
        ("---\nauthor: x\n---\nنص".encode(), "unknown header key"),
        ("---\ndate: [1, 2\n---\nنص".encode(), "not valid YAML"),
        ("---\ntitle: !!python/object:os.system x\n---\nنص".encode(), "not valid YAML"),
        ("---\ndate: tomorrow\n---\nنص".encode(), "YYYY-MM-DD"),
        ("---\ndate: 2015-01-01\nنص".encode(), "closing"),
    ],
)
def test_bad_files_name_the_file_and_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    with pytest.raises(ArticleError) as info:
        read_source(f)
    assert info.value.path == "bad.txt"
    assert reason in info.value.message


def test_bad_file_does_not_stop_the_corpus(tmp_path: Path) -> None:
    (tmp_path / "000_0123456789abcdef.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "001_fedcba9876543210.txt").write_bytes(b"")
    result = read_corpus(tmp_path)
    assert [s.id for s in result.sources] == ["0123456789abcdef"]
    assert [e.path for e in result.errors] == ["001_fedcba9876543210.txt"]


def test_clashing_ids_are_reported(tmp_path: Path) -> None:
    (tmp_path / "000_0123456789abcdef.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "001_0123456789abcdef.txt").write_text(TEXT + " آخر", encoding="utf-8")
    result = read_corpus(tmp_path)
    assert len(result.sources) == 1
    assert "already used" in result.errors[0].message
