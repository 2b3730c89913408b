from __future__ import annotations

import ast
import json
from pathlib import Path

from desktop.sandbox.app import create_app
from desktop.sandbox.store import Store

ROOT = Path(__file__).resolve().parents[2]
SNAPSHOT = ROOT / "resources" / "openapi.json"
SANDBOX = ROOT / "desktop" / "sandbox"


def test_openapi_snapshot() -> None:
    live = json.loads(json.dumps(create_app(Store(":memory:")).openapi()))
    committed = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert live == committed, (
        "The sandbox's OpenAPI document drifted from resources/openapi.json. "
        "If the contract change is deliberate,"
        " regenerate it with `python -m desktop.sandbox --dump-openapi resources/openapi.json` and commit it"
        " (and tell the client side)."
    )


def test_every_v1_path_documents_problem_errors() -> None:
    document = create_app(Store(":memory:")).openapi()
    for path, operations in document["paths"].items():
        if path.startswith("/v1/"):
            for operation in operations.values():
                assert "401" in operation["responses"], path


def test_sandbox_imports_nothing_of_the_client() -> None:
    """The sandbox is a separate program: only stdlib, fastapi, starlette, uvicorn, pydantic, the GraphQL
    server of its Upwork-shaped variant (ariadne, graphql-core) and itself."""
    allowed = {"fastapi", "starlette", "uvicorn", "pydantic", "ariadne", "graphql"}
    for source in SANDBOX.rglob("*.py"):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if name == "desktop.sandbox" or name.startswith("desktop.sandbox."):
                    continue  # itself
                assert top != "desktop", f"{source.name} imports {name}"
                assert top in allowed or top in _stdlib(), f"{source.name} imports third-party {name}"


def _stdlib() -> frozenset[str]:
    import sys

    return frozenset(sys.stdlib_module_names)


def test_snapshot_is_written_canonically() -> None:
    """Sorted keys, two-space indent, trailing newline: the form --dump-openapi writes (stable diffs)."""
    text = SNAPSHOT.read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
