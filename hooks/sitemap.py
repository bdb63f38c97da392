"""MkDocs hook: the sitemap sorted by ``loc``, and an index of parts beyond the protocol's
limits (:mod:`builder.render.sitemap`), without the ``sitemap.xml.gz`` MkDocs writes.

In a render by ``builder/render/run.py`` (``ARCHIVE_RENDER_PLAN`` set) each MkDocs process
leaves the sitemap of its own pages as it is: the renderer merges them into the site's.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from mkdocs.plugins import event_priority

try:
    from builder.render import shards, sitemap
except ImportError:  # `mkdocs build` run by hand from the project folder
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from builder.render import shards, sitemap


@event_priority(-50)
def on_post_template(output: str, template_name: str, config: Any) -> str:
    """Sort the sitemap, then turn one beyond the protocol's limits into an index of parts."""
    if template_name != "sitemap.xml" or not config.get("site_url") or not output.strip() \
            or shards.current_plan() is not None:
        return output
    index, parts = sitemap.split_sitemap(sitemap.sort_entries(output), config["site_url"],
                                         sitemap.MAX_URLS, sitemap.MAX_BYTES)
    site_dir = Path(config["site_dir"])
    site_dir.mkdir(parents=True, exist_ok=True)
    sitemap.write_parts(site_dir, parts)
    return index


@event_priority(-150)  # after mkdocs-static-i18n (-100) has built the other languages
def on_post_build(config: Any) -> None:
    """Remove the ``sitemap.xml.gz`` MkDocs writes (a copy that nothing names)."""
    sitemap.remove_retired(Path(config["site_dir"]))
