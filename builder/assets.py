"""Copy self-hosted web fonts from the npm packages into ``docs/assets/fonts``."""

from __future__ import annotations

import logging
from pathlib import Path

from .writer import write_if_changed

log = logging.getLogger(__name__)

#: (npm package folder, font file names) copied into docs/assets/fonts/.
FONTS = (
    (
        "@fontsource/noto-naskh-arabic/files",
        (
            "noto-naskh-arabic-arabic-400-normal.woff2",
            "noto-naskh-arabic-arabic-700-normal.woff2",
            "noto-naskh-arabic-latin-400-normal.woff2",
        ),
    ),
)


#: The project folder that holds ``node_modules`` (next to the ``builder`` package).
PROJECT = Path(__file__).resolve().parent.parent


def copy_fonts(docs: Path, project: Path = PROJECT) -> int:
    """Copy the font files; returns how many were (re)written. Missing packages warn."""
    written = 0
    for package, names in FONTS:
        folder = project / "node_modules" / package
        for name in names:
            source = folder / name
            if not source.is_file():
                log.warning("font %s missing: run 'npm ci' (make does)", source)
                continue
            written += write_if_changed(docs / "assets" / "fonts" / name, source.read_bytes())
    return written
