"""The package as a whole: its public names, and that it stays free of Django."""

from __future__ import annotations

import ast
from pathlib import Path

import areasend.framework as framework

PACKAGE = Path(framework.__file__).parent


def test_every_exported_name_exists() -> None:
    missing = [name for name in framework.__all__ if not hasattr(framework, name)]
    assert missing == []


def _imported_modules(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
    return modules


def test_no_module_imports_django() -> None:
    # DESIGN.md "The rules as code": the framework is pure Python, usable without settings.
    files = sorted(PACKAGE.glob("*.py"))
    assert len(files) >= 9
    for path in files:
        django = {
            m for m in _imported_modules(path) if m.split(".")[0] in {"django", "rest_framework"}
        }
        assert django == set(), path.name
