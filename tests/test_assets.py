import io

import pytest
from fontTools.ttLib import TTFont

from builder.assets import ARABIC_FONTS, FONT_PACKAGE, PROJECT, copy_fonts, used_characters

SOURCE = PROJECT / "node_modules" / FONT_PACKAGE


def _cmap(data: bytes) -> set[int]:
    return set(TTFont(io.BytesIO(data)).getBestCmap())


def test_used_characters_keeps_arabic_and_the_base_alphabet() -> None:
    chars = used_characters(["ڤيينا and Latin ١٢"])
    assert "ڤ" in chars and "١" in chars and "ب" in chars
    assert "L" not in chars


def test_fonts_are_subset_to_the_used_characters(tmp_path) -> None:
    assert SOURCE.is_dir(), "npm ci installs the font package (make does)"
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
