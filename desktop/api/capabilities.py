"""What each marketplace adapter can do, declared apart from the adapters themselves.

The adapters (``client.py``, ``upwork/``) import httpx and their wire formats; the window's first frame and
the sign-in screen need only these flags, before any adapter exists. Each adapter's ``capabilities`` is
the value declared here.
"""

from __future__ import annotations

from datetime import timedelta

from desktop.core.capabilities import Capabilities, PollPlan

ATTACHMENT_TYPES = frozenset({
    "application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp", "text/plain", "text/csv",
    "application/zip",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
})
"""What POST /v1/rooms/{room_id}/attachments takes (resources/openapi.json; a test keeps them in step)."""

REFERENCE_CAPABILITIES = Capabilities(
    display_name="the marketplace",
    live_events=True,
    submit_proposals=True,
    withdraw_proposals=True,
    invitations=True,
    send_attachments=True,
    max_attachment_bytes=25 * 1024 * 1024,
    attachment_types=ATTACHMENT_TYPES,
    connects_balance=True,
    idempotency_keys=True,
    saved_searches=True,
    contracts=True,
    proposal_milestones=True,
    screening_questions=True,
)
"""Everything the reference API offers (resources/openapi.json): push, idempotent creates, no cache limit."""

UPWORK_CAPABILITIES = Capabilities(
    display_name="Upwork",
    live_events=False,
    submit_proposals=False,
    withdraw_proposals=False,
    invitations=False,
    send_attachments=False,
    connects_balance=False,
    idempotency_keys=False,
    saved_searches=False,
    # vendorContracts answers "Authorization failed" without a contract scope that also writes contracts, and
    # a milestone's state has no documented values (the notes in sandbox/upwork/schema.graphql): Atelier's
    # Contracts view says Upwork does not offer it rather than guess funded / submitted / approved / paid.
    contracts=False,
    # No proposal-submit mutation, so no milestones or screening answers to send with one either: the
    # form says they are given on the website (FACTS.md).
    proposal_milestones=False,
    screening_questions=False,
    max_cache_age=timedelta(hours=24),
    poll=PollPlan(open_room=10.0, feed=60.0, idle_cap=600.0),
)
"""Upwork's GraphQL API (desktop/api/upwork/adapter.py says why each flag is off)."""
