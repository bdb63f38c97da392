"""Self-hosted web fonts: copied from ``builder/fonts/`` into ``docs/assets/fonts``.

The faces are Noto Naskh Arabic as the ``@fontsource/noto-naskh-arabic`` package ships
them, kept in the repository with their licence (``builder/fonts/README.md``), so that a
build needs Python only. The Arabic faces are subset to the characters the archive
actually uses (plus the whole basic Arabic alphabet, so interface strings and new words
always render), keeping every OpenType layout feature so Arabic shaping
(initial/medial/final forms, ligatures) is intact.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

from .writer import write_if_changed

#: The font files and their licence (SIL Open Font License 1.1).
FONTS = Path(__file__).resolve().parent / "fonts"
#: Arabic faces, subset to the characters used.
ARABIC_FONTS = (
    "noto-naskh-arabic-arabic-400-normal.woff2",
    "noto-naskh-arabic-arabic-700-normal.woff2",
)
#: Latin faces, copied as they are (already a small subset).
LATIN_FONTS = ("noto-naskh-arabic-latin-400-normal.woff2",)
#: Always kept: the Arabic letters, hamza forms, tashkeel, digits and punctuation.
BASE_ARABIC = frozenset(
    [chr(c) for c in range(0x0621, 0x0656)]
    + [chr(c) for c in range(0x0660, 0x066E)]
    + ["\u060c", "\u061b", "\u061f", "\u0640", "\u0670", "\u0671", "\u067e", "\u0686",
       "\u06a4", "\u06a9", "\u06af", "\u06cc"]
)


def used_characters(texts: Iterable[str]) -> frozenset[str]:
    """Characters of ``texts`` that an Arabic face covers, plus :data:`BASE_ARABIC`.

    ``"ڤ" in used_characters(["ڤيينا"])`` -> ``True``.
    """
    found: set[str] = set()
    for text in texts:
        found.update(text)
    arabic = {c for c in found if 0x0600 <= ord(c) <= 0x06FF or 0x0750 <= ord(c) <= 0x08FF
              or 0xFB50 <= ord(c) <= 0xFEFF}
    return frozenset(arabic | BASE_ARABIC)


def subset_woff2(data: bytes, characters: Iterable[str]) -> bytes:
    """A woff2 font holding only ``characters`` (and what shaping them needs)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    options.recalc_timestamp = False
    font = TTFont(io.BytesIO(data), recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(c) for c in characters))
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue()


def copy_fonts(
    docs: Path, characters: Iterable[str] | None = None, folder: Path = FONTS
) -> int:
    """Write the font files of ``folder`` (Arabic ones subset to ``characters`` when given).

    Returns how many files were (re)written; a missing font is a ``FileNotFoundError``.
    """
    chars = frozenset(characters) if characters is not None else None
    written = 0
    for name in (*ARABIC_FONTS, *LATIN_FONTS):
        data = (folder / name).read_bytes()
        if chars is not None and name in ARABIC_FONTS:
            data = subset_woff2(data, chars)
        written += write_if_changed(docs / "assets" / "fonts" / name, data)
    return written
