"""Knobs of one sandbox server instance."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_PACE = 60.0
"""Simulated seconds per real second: the demo plays a freelancer's week in about 2.8 hours."""
DEFAULT_SIM_INTERVAL = 2.0
"""Real seconds between two looks of the simulator at its clock (how often the demo changes at most)."""


@dataclass(frozen=True, slots=True)
class SandboxConfig:
    seed: int = 7
    simulate: bool = False
    sim_interval: float = DEFAULT_SIM_INTERVAL
    sim_pace: float = DEFAULT_PACE
    """How much faster than real time the simulated marketplace runs (1 = real time; tests use thousands)."""
    keepalive_interval: float = 15.0
    access_token_ttl: int = 3600
    refresh_token_ttl: int = 30 * 24 * 3600
    refresh_grace: float = 30.0
    """Seconds a rotated refresh token keeps working (two refreshes racing, a reply lost on the way)."""
    code_ttl: float = 60.0
    """Seconds an authorization code can be exchanged (RFC 6749 §4.1.2 recommends at most 10 minutes)."""
    idempotency_ttl: float = 24 * 3600.0
    """Seconds a stored Idempotency-Key result is replayed (the API promises at least 24 h)."""
    event_retention: float = 7 * 24 * 3600.0
    """Seconds events stay replayable after Last-Event-ID (clients pull deltas on reconnect anyway)."""
    prune_interval: float = 3600.0
    """Seconds between two clean-ups of expired idempotency results and events."""
    max_body_bytes: int = 1024 * 1024
    """The largest request body taken (413 beyond it, before the rest is read). The largest real one, a
    20,000-character cover letter, is well under 100 KB."""
    max_upload_bytes: int = 25 * 1024 * 1024
    """The largest attachment upload taken (POST /v1/rooms/{room_id}/attachments; 413 beyond it)."""
    token_burst: int = 600
    """Requests one access token may send at once; the bucket then refills at `token_rate` per second."""
    token_rate: float = 200.0
    ip_burst: int = 2000
    """Requests one IP address may send at once (all its tokens and sign-ins together), refilled at
    `ip_rate` per second."""
    ip_rate: float = 600.0
    signin_free_failures: int = 10
    """Failed sign-ins in a row (per address and e-mail) answered at once; each further one makes the next
    attempt wait `signin_delay` seconds, doubled each time up to `signin_max_delay`."""
    signin_delay: float = 1.0
    signin_max_delay: float = 300.0
