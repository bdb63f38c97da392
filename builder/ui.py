"""Interface strings of the generated pages, per language, from ``data/ui.yml``.

``strings("ar")["home"]`` -> ``"الرئيسية"``; ``strings("en")["home"]`` -> ``"Home"``.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from .config import LANGS

#: Languages written right to left.
RTL = frozenset({"ar", "fa", "he", "ur"})


class UiDataError(ValueError):
    """``data/ui.yml`` is malformed (the message names the entry)."""


@lru_cache(maxsize=1)
def ui() -> dict[str, dict[str, str]]:
    """Every interface string, validated once: ``ui()["home"]["ar"]`` -> ``"الرئيسية"``."""
    path = Path(__file__).parent / "data" / "ui.yml"
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    for key, value in data.items():
        if not isinstance(value, dict) or any(
            not isinstance(value.get(lang), str) for lang in LANGS
        ):
            raise UiDataError(f"{path.name}: entry {key!r} needs a string for each of {LANGS}")
    return data


@lru_cache(maxsize=len(LANGS))
def strings(lang: str) -> dict[str, str]:
    """Interface strings of one language: ``strings("en")["home"]`` -> ``"Home"``."""
    return {key: value[lang] for key, value in ui().items()}


def direction(lang: str) -> str:
    """Writing direction of a language: ``direction("ar")`` -> ``"rtl"``."""
    return "rtl" if lang in RTL else "ltr"
