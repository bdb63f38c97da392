"""The published size of a built site, against GitHub Pages' limit.

GitHub Pages publishes sites of at most 1 GB; ``actions/deploy-pages`` counts it as
1,073,741,824 bytes. What is published is what ``actions/upload-pages-artifact`` packs:
every file below the site folder except hidden ones (any name starting with ``.``, at
any depth), with hard and symbolic links packed as the files they point to, so a file
linked twice counts twice.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

#: GitHub Pages' limit on a published site: 1 GB as actions/deploy-pages counts it.
PAGES_LIMIT = 1 << 30
#: The file and section of the documentation that say what to do when the site is too large.
README_SECTION = 'guide/publish.md, "When the site passes 1 GB"'


@dataclass(frozen=True)
class SiteSize:
    """Files and bytes of a site as it would be published."""

    files: int
    bytes: int

    def describe(self, limit: int = PAGES_LIMIT) -> str:
        """One line, e.g. ``site: 1,204 files, 21.3 MiB (2.1 % of GitHub Pages' limit of
        1.00 GiB)``."""
        share = 100 * self.bytes / limit if limit else float("inf")
        return (f"site: {self.files:,} files, {human(self.bytes)} "
                f"({share:.1f} % of GitHub Pages' limit of {human(limit)})")


def human(size: int) -> str:
    """Bytes in MiB, or GiB from 1 GiB on: ``human(1 << 30)`` -> ``"1.00 GiB"``."""
    if size >= 1 << 30:
        return f"{size / (1 << 30):.2f} GiB"
    return f"{size / (1 << 20):.1f} MiB"


def measure(site: Path) -> SiteSize:
    """Files and bytes of ``site`` as published (hidden files left out, links followed).

    A dangling link is left out (tar would fail on it, the upload step says so).
    """
    files = size = 0
    for folder, dirs, names in os.walk(site, followlinks=True):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if name.startswith("."):
                continue
            try:
                size += os.stat(os.path.join(folder, name)).st_size
            except FileNotFoundError:
                continue
            files += 1
    return SiteSize(files, size)


def too_large(size: SiteSize, limit: int = PAGES_LIMIT) -> str | None:
    """The message to fail with when ``size`` passes ``limit``, else None."""
    if size.bytes <= limit:
        return None
    return (f"error: the site is too large for GitHub Pages: {size.files:,} files, "
            f"{human(size.bytes)} ({size.bytes:,} bytes), over the limit of {human(limit)} "
            f"({limit:,} bytes) by {human(size.bytes - limit)}.\n"
            f"GitHub Pages would refuse or fail to deploy it. What to do: {README_SECTION} "
            f"(publish on a host without this limit with SITE_URL set, or split the archive).")
