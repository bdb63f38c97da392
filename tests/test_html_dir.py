"""hooks/html_dir.py: ``<html>`` gets the ``dir`` that Material puts on ``<body>``."""

import importlib.util
from pathlib import Path

_SPEC = importlib.util.spec_from_file_location(
    "html_dir", Path(__file__).resolve().parent.parent / "hooks" / "html_dir.py")
html_dir = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(html_dir)


def test_dir_is_copied_to_html() -> None:
    page = '<!doctype html>\n<html lang="ar" class="no-js">\n<head></head>\n<body dir="rtl">x'
    out = html_dir.on_post_page(page, None, None)
    assert '<html lang="ar" dir="rtl" class="no-js">' in out


def test_existing_dir_and_pages_without_body_dir_are_left_alone() -> None:
    page = '<html lang="en" dir="ltr" class="no-js"><body dir="ltr">'
    assert html_dir.on_post_page(page, None, None) == page
    assert html_dir.on_post_page("<html lang=\"en\"><body>", None, None) == \
        "<html lang=\"en\"><body>"
