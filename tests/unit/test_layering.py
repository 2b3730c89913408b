"""The arrows of the architecture, checked on the source of every module under desktop/.

    app (composition root) → shell (accounts, demo) → ui → presenters → services
        → api | storage | credentials → core
    presenters and ui → storage for reads only (panes page SQL into their models); the sandbox stands apart.

ruff's banned-API rule keeps PySide6/qasync inside desktop/ui and desktop/app.py (shell drives the windows
through desktop/ui, with no Qt of its own); this test covers the arrows between our own packages and
top-level modules, which no lint rule knows about. A module under desktop/ that the table below does not
name fails the test: a new part must say where it stands.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

DESKTOP = Path(__file__).resolve().parents[2] / "desktop"

# For each package or top-level module: the desktop.* packages or modules it may import. "<root>" is the
# package root itself (desktop/__init__.py: the version and app id), which every client part may read.
EVERYTHING = {"<root>", "core", "api", "storage", "services", "presenters", "credentials", "ui", "sandbox",
              "paths", "settings", "log", "runtime", "self_test", "autostart", "shell", "app"}
ALLOWED: dict[str, set[str]] = {
    "<root>": set(),
    "core": {"core", "<root>"},
    "api": {"api", "core", "<root>"},
    "storage": {"storage", "core", "<root>"},
    "credentials": {"core", "<root>"},
    "paths": {"<root>"},
    "settings": {"core", "<root>"},
    "log": {"<root>"},
    "runtime": {"<root>"},
    "self_test": {"services", "storage", "core", "<root>"},
    "autostart": {"<root>"},
    "services": {"services", "api", "storage", "core", "credentials", "<root>"},
    "presenters": {"presenters", "services", "storage", "core", "<root>"},
    "ui": {"ui", "presenters", "services", "core", "storage", "paths", "settings", "autostart", "<root>"},
    "sandbox": {"sandbox"},
    # The account controller and the demo marketplace: everything but app.py, and no Qt of their own (ruff).
    "shell": EVERYTHING - {"app", "presenters", "self_test", "runtime", "autostart"},
    "app": EVERYTHING - {"app"},
    "__main__": {"app"},
}

# The database calls that change the cache: the UI reads through storage, it never writes through it.
WRITE_CALLS = {"write", "write_now"}


def _part(path: Path, root: Path) -> str:
    """Which part of the table a file belongs to: its package, or its own name for a top-level module."""
    relative = path.relative_to(root)
    if len(relative.parts) > 1:
        return relative.parts[0]
    return "<root>" if relative.stem == "__init__" else relative.stem


def _desktop_imports(path: Path, root: Path = DESKTOP) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    part = _part(path, root)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative import: stays inside its own package unless it climbs out
                names = [f"desktop.{part}"] if node.level == 1 else ["desktop.<parent>"]
            elif node.module == "desktop":  # from desktop import X: X is a module, or a name of the root
                names = [f"desktop.{alias.name}" if (root / f"{alias.name}.py").exists()
                         or (root / alias.name).is_dir() else "desktop" for alias in node.names]
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


def _files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.py"))


def _offenders(root: Path = DESKTOP) -> dict[str, set[str]]:
    offenders: dict[str, set[str]] = {}
    for path in _files(root):
        part = _part(path, root)
        if part not in ALLOWED:
            offenders[str(path.relative_to(root.parent))] = {f"<{part} is not in the table>"}
            continue
        wrong = _desktop_imports(path, root) - ALLOWED[part]
        if wrong:
            offenders[str(path.relative_to(root.parent))] = wrong
    return offenders


def _ui_writes(root: Path = DESKTOP) -> list[str]:
    found: list[str] = []
    for path in sorted([*(root / "ui").rglob("*.py"), *(root / "presenters").rglob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in WRITE_CALLS):
                found.append(f"{path.relative_to(root.parent)}:{node.lineno}")
    return found


def test_every_module_imports_only_what_is_below_it() -> None:
    offenders = _offenders()
    assert not offenders, f"imports against the arrows (desktop/ARCHITECTURE.md): {offenders}"


def test_the_ui_never_writes_the_cache() -> None:
    """Every change to the cache goes through a service (and so through the bus and the outbox): neither the
    widgets nor their presenters write it."""
    assert not _ui_writes(), f"the UI writes the cache directly: {_ui_writes()}"


@pytest.mark.parametrize("part", sorted(set(ALLOWED) - {"<root>", "__main__"}))
def test_the_table_names_only_parts_that_exist(part: str) -> None:
    assert (DESKTOP / part).is_dir() or (DESKTOP / f"{part}.py").exists(), f"{part} is gone: drop its row"


def test_the_checker_sees_a_violation(tmp_path: Path) -> None:
    """The check can fail: a lower layer importing an upper one, the sandbox the client, a top-level module
    reaching into services, a module nobody placed, and the UI writing the cache are all caught."""
    root = tmp_path / "desktop"
    for package in ("core", "sandbox", "ui"):
        (root / package).mkdir(parents=True)
    (root / "services").mkdir()
    (root / "core" / "bad.py").write_text("from desktop.services.sync import SyncEngine\n")
    (root / "sandbox" / "bad.py").write_text("import desktop.storage.jobs\n")
    (root / "settings.py").write_text("from desktop import services\n")
    (root / "stray.py").write_text("x = 1\n")
    (root / "ui" / "pane.py").write_text("def save(db, fn):\n    db.write_now(fn)\n")
    assert _offenders(root) == {
        "desktop/core/bad.py": {"services"},
        "desktop/sandbox/bad.py": {"storage"},
        "desktop/settings.py": {"services"},
        "desktop/stray.py": {"<stray is not in the table>"},
    }
    assert _ui_writes(root) == ["desktop/ui/pane.py:2"]
