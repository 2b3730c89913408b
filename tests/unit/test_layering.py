"""The arrows of the design (ui → services → api | storage | credentials → core), checked on the source.

ruff's banned-API rule keeps PySide6/qasync inside desktop/ui and desktop/app.py; this test covers the
arrows between our own packages, which no lint rule knows about.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"

# For each package: the desktop.* packages (or top-level modules) it may import. "<root>" is the package
# root itself (desktop/__init__.py: the version), which every client layer may read.
ALLOWED: dict[str, set[str]] = {
    "core": {"core", "<root>"},
    "api": {"api", "core", "<root>"},
    "storage": {"storage", "core", "<root>"},
    "services": {"services", "api", "storage", "core", "credentials", "<root>"},
    "ui": {"ui", "services", "core", "storage", "paths", "settings", "autostart", "<root>"},
    "sandbox": {"sandbox"},
}


def _desktop_imports(path: Path, root: Path = DESKTOP) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    package = path.relative_to(root).parts[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative import: stays inside its own package unless it climbs out
                names = [f"desktop.{package}"] if node.level == 1 else ["desktop.<parent>"]
            else:
                names = [node.module or ""]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "desktop" and len(parts) > 1:
                found.add(parts[1])
            elif parts[0] == "desktop":
                found.add("<root>")
    return found


def _offenders(package: str, root: Path = DESKTOP) -> dict[str, set[str]]:
    offenders: dict[str, set[str]] = {}
    for path in sorted((root / package).rglob("*.py")):
        wrong = _desktop_imports(path, root) - ALLOWED[package]
        if wrong:
            offenders[str(path.relative_to(root.parent))] = wrong
    return offenders


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_each_layer_imports_only_what_is_below_it(package: str) -> None:
    offenders = _offenders(package)
    assert not offenders, f"imports against the arrows of DESIGN.md §1: {offenders}"


def test_the_checker_sees_a_violation(tmp_path: Path) -> None:
    """The check can fail: a lower layer importing an upper one, or the sandbox the client, is caught."""
    (tmp_path / "desktop" / "core").mkdir(parents=True)
    (tmp_path / "desktop" / "core" / "bad.py").write_text("from desktop.services.sync import SyncEngine\n")
    (tmp_path / "desktop" / "sandbox").mkdir()
    (tmp_path / "desktop" / "sandbox" / "bad.py").write_text("import desktop.storage.jobs\n")
    assert _offenders("core", tmp_path / "desktop") == {"desktop/core/bad.py": {"services"}}
    assert _offenders("sandbox", tmp_path / "desktop") == {"desktop/sandbox/bad.py": {"storage"}}
