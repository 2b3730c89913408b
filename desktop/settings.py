"""Typed settings, each declared once with its default and meaning, stored as JSON under the config dir.

Window geometry and similar view state belong to the UI (QSettings); this file holds what the whole app
needs to know before any window exists.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

log = logging.getLogger("atelier.settings")


@dataclass(slots=True)
class Settings:
    server_url: str = ""
    """The marketplace to talk to; empty means none chosen yet."""
    account: str = ""
    """The signed-in account's e-mail on that server."""
    demo_seed: int = 7
    """Seed of the embedded demo marketplace (same seed, same data)."""
    demo_simulate: bool = True
    """Whether the demo marketplace is alive (new jobs, replies, payments)."""
    demo_sim_interval: float = 4.0
    """Seconds between two simulated marketplace events in demo mode."""

    @classmethod
    def load(cls, path: Path) -> Settings:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            log.warning("settings unreadable (%s); using defaults", exc)
            return cls()
        if not isinstance(raw, dict):
            return cls()
        known = {f.name: f for f in fields(cls)}
        values: dict[str, Any] = {}
        defaults = cls()
        for name, value in raw.items():
            if name in known and isinstance(value, type(getattr(defaults, name))):
                values[name] = value
        return cls(**values)

    def save(self, path: Path) -> None:
        """Atomic write: a crash mid-save never leaves a half-written settings file."""
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(asdict(self), handle, indent=2, sort_keys=True)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
