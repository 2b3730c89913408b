"""The GraphQL documents the adapter sends, one operation per file in ``queries/``.

Keeping them as ``.graphql`` files (package data, declared in pyproject.toml) lets a unit test validate
every one against the SDL subset in ``desktop/sandbox/upwork/schema.graphql`` with graphql-core, so a
misspelt field fails CI instead of failing on Upwork. The field names are Upwork's, as listed in its
GraphQL reference (https://www.upwork.com/developer/documentation/graphql/api/docs/index.html) and
in muhammedaksam/upwork-node ``src/generated/generated-types.ts``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

_OPERATION = re.compile(r"^\s*(query|mutation)\s+([A-Za-z_][A-Za-z0-9_]*)", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Operation:
    name: str
    """The operation's name (also the file's stem); sent as ``operationName``."""
    text: str
    mutation: bool
    """Mutations are never retried after a failure whose outcome is unknown."""


def names() -> list[str]:
    """Every operation shipped in ``queries/``."""
    folder = resources.files(__package__).joinpath("queries")
    return sorted(entry.name[: -len(".graphql")] for entry in folder.iterdir()
                  if entry.name.endswith(".graphql"))


@functools.cache
def load(name: str) -> Operation:
    """The operation in ``queries/<name>.graphql``; its declared name must match the file."""
    text = resources.files(__package__).joinpath("queries", f"{name}.graphql").read_text(encoding="utf-8")
    declared = [(kind, op) for kind, op in _OPERATION.findall(_strip_comments(text))]
    if len(declared) != 1 or declared[0][1] != name:
        raise ValueError(f"queries/{name}.graphql must hold exactly one operation named {name}")
    return Operation(name=name, text=text, mutation=declared[0][0] == "mutation")


def _strip_comments(text: str) -> str:
    return "\n".join(line.split("#", 1)[0] for line in text.splitlines())
