"""Self-hosted fonts (builder/assets.py): shipped with their licence, subset at build time."""

import hashlib
import io
import re

import pytest
from fontTools.ttLib import TTFont

from builder.assets import ARABIC_FONTS, FONTS, LATIN_FONTS, copy_fonts, used_characters

SOURCE = FONTS


def _cmap(data: bytes) -> set[int]:
    return set(TTFont(io.BytesIO(data)).getBestCmap())


def test_used_characters_keeps_arabic_and_the_base_alphabet() -> None:
    chars = used_characters(["ڤيينا and Latin ١٢"])
    assert "ڤ" in chars and "١" in chars and "ب" in chars
    assert "L" not in chars


def test_fonts_are_subset_to_the_used_characters(tmp_path) -> None:
    copy_fonts(tmp_path, used_characters(["مرحبا ڤيينا"]))
    for name in ARABIC_FONTS:
        original = (SOURCE / name).read_bytes()
        subset = (tmp_path / "assets" / "fonts" / name).read_bytes()
        assert len(subset) < len(original) / 2
        cmap = _cmap(subset)
        assert ord("ڤ") in cmap and ord("ب") in cmap
        assert ord("ۓ") not in cmap  # not used, dropped


def test_subsetting_is_deterministic(tmp_path) -> None:
    chars = used_characters(["أعلنت وزارة الدفاع"])
    copy_fonts(tmp_path / "a", chars)
    copy_fonts(tmp_path / "b", chars)
    for name in ARABIC_FONTS:
        a = (tmp_path / "a" / "assets" / "fonts" / name).read_bytes()
        assert a == (tmp_path / "b" / "assets" / "fonts" / name).read_bytes()


@pytest.mark.parametrize("name", ARABIC_FONTS)
def test_subset_keeps_arabic_shaping(tmp_path, name: str) -> None:
    copy_fonts(tmp_path, used_characters(["بيت"]))
    font = TTFont(io.BytesIO((tmp_path / "assets" / "fonts" / name).read_bytes()))
    assert "GSUB" in font
    features = {r.FeatureTag for r in font["GSUB"].table.FeatureList.FeatureRecord}
    assert {"init", "medi", "fina"} <= features


def test_fonts_are_shipped_with_their_licence_and_checksums() -> None:
    """The font files are the ones builder/fonts/README.md names, under the OFL."""
    readme = (FONTS / "README.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^\| `([^`]+\.woff2)` \| `([0-9a-f]{64})` \|$", readme, re.M))
    assert set(listed) == {*ARABIC_FONTS, *LATIN_FONTS}
    for name, digest in listed.items():
        assert hashlib.sha256((FONTS / name).read_bytes()).hexdigest() == digest, name
    assert "SIL OPEN FONT LICENSE Version 1.1" in (FONTS / "OFL.txt").read_text(encoding="utf-8")


def test_latin_face_is_copied_as_it_is(tmp_path) -> None:
    copy_fonts(tmp_path, used_characters(["بيت"]))
    for name in LATIN_FONTS:
        assert (tmp_path / "assets" / "fonts" / name).read_bytes() == (FONTS / name).read_bytes()


def test_a_missing_font_is_an_error(tmp_path) -> None:
    with pytest.raises(FileNotFoundError):
        copy_fonts(tmp_path / "docs", folder=tmp_path / "no-fonts")
