"""One typed, validated set of build settings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: Folders and files of ``docs/`` that the builder generates (git ignores them).
GENERATED = (
    "articles",
    "tags",
    "timeline",
    "archive",
    "quotes",
    "feeds",
    "index.md",
    "index.en.md",
    "assets/fonts",
)


@dataclass(frozen=True)
class Settings:
    """Paths and switches for one build."""

    root: Path  #: the project folder (holds mkdocs.yml)
    corpus: Path  #: where article files are read from (never written)
    docs: Path  #: where Markdown pages are written
    strict: bool = False  #: fail on any warning (bad article, dropped text)
    cache: Path | None = None  #: extraction cache folder, or None for no cache

    @classmethod
    def from_root(cls, root: Path, **overrides: object) -> Settings:
        """Default layout below ``root``: ``corpus/``, ``docs/``, ``.cache/``."""
        root = root.resolve()
        values: dict[str, object] = {
            "root": root,
            "corpus": root / "corpus",
            "docs": root / "docs",
            "cache": root / ".cache" / "extract",
        }
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
