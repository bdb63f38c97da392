"""No module of builder/ or hooks/ changes MkDocs, Material or mkdocs-static-i18n in place.

MkDocs 1.x is no longer developed and Material is in maintenance mode: a module attribute
replaced at import (``mkdocs.commands.build.get_files = ...``), a module's ``os`` swapped
for a proxy or a class given a new method breaks with the next release, and no public API
announces it. The project extends them through plugin events, configuration and template
overrides only. :func:`patches` finds, in Python source, every assignment or deletion of
an attribute (or ``__dict__``/``vars()`` item) of something imported from those packages,
also through a local alias or ``setattr``/``delattr``, and every ``sys.modules`` entry set
for them; the test runs it on every module of builder/ and hooks/, after checking that it
finds the patches this project used to make.
"""

from __future__ import annotations

import ast

import pytest

from tests.helpers import REPO

#: Top-level packages that are extended, never modified.
PACKAGES = ("mkdocs", "material", "mkdocs_static_i18n")


def _root(node: ast.AST) -> str | None:
    """The name an attribute/subscript/call chain starts from (``a`` of ``a.b[c].d``)."""
    while True:
        if isinstance(node, ast.Name):
            return node.id
        if isinstance(node, ast.Attribute | ast.Subscript):
            node = node.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                and node.func.id == "vars" and node.args:
            node = node.args[0]
        else:
            return None


def _names_a_package(node: ast.AST) -> bool:
    """A string constant naming one of :data:`PACKAGES` (``"mkdocs.utils"``)."""
    return isinstance(node, ast.Constant) and isinstance(node.value, str) \
        and node.value.split(".")[0] in PACKAGES


def _imported(tree: ast.AST) -> set[str]:
    """Local names bound to those packages or to anything imported from them, with the
    names later assigned from them (``module = mkdocs_files``)."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in PACKAGES:
                    names.add(alias.asname or alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module \
                and node.module.split(".")[0] in PACKAGES:
            names.update(alias.asname or alias.name for alias in node.names)
    while True:
        more = set()
        for node in ast.walk(tree):
            if not isinstance(node, ast.Assign):
                continue
            value = node.value
            aliased = _root(value) in names and not isinstance(value, ast.Call)
            # importlib.import_module("mkdocs..."), sys.modules["mkdocs..."]
            aliased |= isinstance(value, ast.Call) and any(map(_names_a_package, value.args))
            aliased |= isinstance(value, ast.Subscript) and _names_a_package(value.slice)
            if aliased:
                more |= {t.id for t in node.targets if isinstance(t, ast.Name)}
        if more <= names:
            return names
        names |= more


def patches(source: str) -> list[int]:
    """Line numbers where ``source`` modifies a module or class of :data:`PACKAGES`."""
    tree = ast.parse(source)
    names = _imported(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign | ast.Delete):
            targets = node.targets if isinstance(node, ast.Assign | ast.Delete) \
                else [node.target]
            for target in targets:
                if isinstance(target, ast.Attribute | ast.Subscript) \
                        and _root(target) in names:
                    found.append(node.lineno)
                elif isinstance(target, ast.Subscript) and _names_a_package(target.slice) \
                        and _root(target) in {"sys", "modules"}:
                    found.append(node.lineno)  # sys.modules["mkdocs.x"] = ...
        elif isinstance(node, ast.Call) and node.args and _root(node.args[0]) in names \
                and (isinstance(node.func, ast.Name) and node.func.id in ("setattr", "delattr")
                     or isinstance(node.func, ast.Attribute) and node.func.attr == "setattr"):
            found.append(node.lineno)
    return sorted(found)


#: What hooks/shards.py did before, and other ways of patching.
PATCHING = [
    "import mkdocs.commands.build as _b\ndef f(c): ...\n_b.get_files = f\n",
    "import mkdocs.structure.files as _f\nmodule = _f\nmodule.os = object()\n",
    "import mkdocs\nmkdocs.commands.build.get_files = None\n",
    "from mkdocs import utils\nutils.clean_directory = lambda x: x\n",
    "from mkdocs.structure.files import File\nFile.is_modified = lambda self: True\n",
    "import material\nsetattr(material, 'x', 1)\n",
    "from mkdocs.utils import templates\ndelattr(templates, 'url_filter')\n",
    "import mkdocs.utils as u\nvars(u)['x'] = 1\n",
    "import mkdocs.utils as u\nu.__dict__['x'] = 1\n",
    "import importlib\nm = importlib.import_module('mkdocs.utils')\nm.x = 1\n",
    "import sys\nsys.modules['mkdocs.structure.files'] = object()\n",
    "import mkdocs_static_i18n.plugin as p\ndef g():\n    p.I18n.on_files = None\n",
    "import mkdocs.plugins as plugins\nplugins.x += 1\n",
    "import mkdocs.plugins as plugins\ndel plugins.event_priority\n",
]

#: Extending them is fine: events, objects MkDocs hands over, configuration.
EXTENDING = [
    "from mkdocs.structure.files import Files, InclusionLevel\n"
    "def on_files(files, config):\n"
    "    for f in files:\n        f.inclusion = InclusionLevel.EXCLUDED\n"
    "    config.extra['x'] = 1\n    return Files(list(files))\n",
    "from mkdocs.structure.files import File\nf = File('a.md', 'd', 's', True)\nf.x = 1\n",
    "import jinja2\nenv = jinja2.Environment()\nenv.bytecode_cache = None\n",
    "import os\nos.environ['X'] = '1'\n",
]


@pytest.mark.parametrize("source", PATCHING)
def test_patches_are_found(source: str) -> None:
    assert patches(source), source


@pytest.mark.parametrize("source", EXTENDING)
def test_extending_is_not_patching(source: str) -> None:
    assert patches(source) == [], source


def test_no_module_of_builder_or_hooks_patches_mkdocs_or_material() -> None:
    modules = sorted([*(REPO / "builder").rglob("*.py"), *(REPO / "hooks").glob("*.py")])
    assert len(modules) > 30
    found = {path.relative_to(REPO).as_posix(): lines for path in modules
             if (lines := patches(path.read_text(encoding="utf-8")))}
    assert found == {}
