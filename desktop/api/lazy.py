"""A module imported on first use, for what the first frame must not wait for.

The reply schemas (pydantic models, about 80 ms to import) are needed when the first reply is parsed, not
while the window paints the cache: ``client``, ``events`` and ``auth`` reach them through ``LazyModule``
(and import them for real under TYPE_CHECKING, so every use stays typed). The import is Python's own, so
it is thread-safe (a large reply is decoded on a worker thread). PyInstaller cannot see an import by name:
build_installer.py lists the module (HIDDEN_IMPORTS, REQUIRED_MODULES).
"""

from __future__ import annotations

import importlib
from typing import Any


class LazyModule:
    """Stands for the module ``name`` and imports it at the first attribute asked of it."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        return getattr(importlib.import_module(self._name), attribute)
