"""The adapter's own page cursors: opaque to callers, a small tagged JSON object inside.

Upwork pages each query separately (``Pagination {first, after}``, where ``after`` is an offset in a
string and "0" is the start: muhammedaksam/upwork-node ``generated-types.ts``), while some port methods walk
several queries in a row (one ``vendorProposals`` per status, ``roomStories`` per room). The cursor says
where such a walk stands. A cursor of another kind, or garbage, is refused rather than misread.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from desktop.core.errors import RequestRejected
from desktop.core.notices import Code, Notice


def encode(kind: str, state: dict[str, Any]) -> str:
    raw = json.dumps({"k": kind, **state}, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(kind: str, cursor: str | None) -> dict[str, Any] | None:
    """The state in ``cursor`` (None for the first page)."""
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        state = json.loads(raw)
    except (binascii.Error, ValueError):
        state = None
    if not isinstance(state, dict) or state.get("k") != kind:
        raise RequestRejected(Notice(Code.UPWORK_BAD_CURSOR), 400, "upwork:bad-cursor")
    state.pop("k")
    return state
