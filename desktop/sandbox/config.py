"""Knobs of one sandbox server instance."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class SandboxConfig:
    seed: int = 7
    simulate: bool = False
    sim_interval: float = 4.0
    keepalive_interval: float = 15.0
    access_token_ttl: int = 3600
    refresh_token_ttl: int = 30 * 24 * 3600
