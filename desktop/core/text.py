"""Qt-style placeholders, filled once for every layer: services write templates, the UI translates them."""

from __future__ import annotations

import re

_PLACEHOLDER = re.compile(r"%(\d)")


def fill(template: str, *args: str) -> str:
    """``%1``…``%9`` replaced in one pass: an argument's own "%2" (a name like "Studio 100%2") stays as it
    is, and a placeholder without an argument is left standing."""
    def one(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        return args[index] if 0 <= index < len(args) else match.group(0)

    return _PLACEHOLDER.sub(one, template)
