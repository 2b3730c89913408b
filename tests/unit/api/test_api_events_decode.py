"""SSE frames -> ServerEvent: known types become domain objects, unknown ones pass through, bad ones skip."""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta

import api_payloads as wire
import httpx
import pytest
from httpx_sse import ServerSentEvent

from desktop.api.auth import TokenSet
from desktop.api.client import StaticTokens
from desktop.api.events import EventStream, ServerEvent, decode_event
from desktop.api.retry import RetryPolicy
from desktop.core.models import EarningsSummary, Invitation, Job, Message, Proposal, Room, Transaction
from desktop.core.notices import Notice


def frame(event_type: str, data: object, event_id: str = "1") -> ServerSentEvent:
    text = data if isinstance(data, str) else json.dumps(data)
    return ServerSentEvent(event=event_type, data=text, id=event_id)


@pytest.mark.parametrize(
    ("event_type", "payload", "domain_type"),
    [
        ("message.created", wire.message(), Message),
        ("room.updated", wire.room(), Room),
        ("proposal.updated", wire.proposal(), Proposal),
        ("invitation.created", wire.invitation(), Invitation),
        ("job.created", wire.job(), Job),
        ("job.updated", wire.job(), Job),
        ("earnings.updated", wire.earnings_summary(), EarningsSummary),
        ("transaction.updated", wire.transaction(), Transaction),
    ],
)
def test_known_types_become_domain_objects(event_type: str, payload: object, domain_type: type) -> None:
    event = decode_event(frame(event_type, payload, "42"), account_id="usr_ada")
    assert event is not None
    assert event.id == "42"
    assert event.type == event_type
    assert isinstance(event.data, domain_type)


def test_room_event_names_the_other_side() -> None:
    event = decode_event(frame("room.updated", wire.room()), account_id="usr_ada")
    assert event is not None
    assert event.data.counterpart_name == "Acme Ltd"


def test_unknown_type_passes_through_raw() -> None:
    event = decode_event(frame("contract.started", {"id": "ctr_1", "x": [1, 2]}, "7"))
    assert event == ServerEvent("7", "contract.started", {"id": "ctr_1", "x": [1, 2]})


def test_malformed_known_event_is_skipped_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="atelier.api")
    bad = wire.message()
    del bad["body"]
    assert decode_event(frame("message.created", bad, "9")) is None
    assert "message.created" in caplog.text
    assert "9" in caplog.text


def test_data_that_is_not_json_is_skipped() -> None:
    assert decode_event(frame("message.created", "{not json", "3")) is None


def test_event_without_data_is_ignored() -> None:
    assert decode_event(ServerSentEvent(event="message", data="", id="5")) is None


def _tokens() -> StaticTokens:
    return StaticTokens(TokenSet("at", None, datetime.now(UTC) + timedelta(hours=1)))


async def test_stream_skips_bad_events_and_resumes_from_the_last_id() -> None:
    """MockTransport: the real server never sends malformed or unknown events, so this is scripted."""
    seen_last_ids: list[str | None] = []
    slept: list[float] = []

    def sse(event_id: int, event_type: str, data: object) -> str:
        text = data if isinstance(data, str) else json.dumps(data)
        return f"id: {event_id}\nevent: {event_type}\ndata: {text}\n\n"

    def handler(request: httpx.Request) -> httpx.Response:
        seen_last_ids.append(request.headers.get("Last-Event-ID"))
        if len(seen_last_ids) == 1:
            body = (
                ": ping\n\n"
                + sse(1, "message.created", wire.message(id="msg_1"))
                + sse(2, "message.created", "{broken")
                + sse(3, "contract.started", {"id": "ctr_1"})
            )
        elif len(seen_last_ids) == 2:
            return httpx.Response(503, json={"title": "busy"})
        else:
            body = sse(4, "message.created", wire.message(id="msg_4"))
        return httpx.Response(200, headers={"Content-Type": "text/event-stream"}, content=body.encode())

    async def fake_sleep(seconds: float) -> None:
        slept.append(seconds)

    states: list[tuple[bool, Notice]] = []
    async with httpx.AsyncClient(
        base_url="http://marketplace.test", transport=httpx.MockTransport(handler)
    ) as http:
        stream = EventStream(
            http,
            _tokens(),
            last_event_id="0",
            on_state=lambda connected, detail: states.append((connected, detail)),
            reconnect=RetryPolicy(base=0.5, cap=4.0, sleep=fake_sleep),
        )
        received: list[ServerEvent] = []
        async for event in stream:
            received.append(event)
            if len(received) == 3:
                break
        await stream.aclose()

    assert [e.id for e in received] == ["1", "3", "4"]
    assert isinstance(received[0].data, Message)
    assert received[0].data.id == "msg_1"
    assert received[1].data == {"id": "ctr_1"}
    assert seen_last_ids == ["0", "3", "3"]
    assert len(slept) == 2
    assert slept[1] <= 1.0  # the failed 503 connect grew the backoff, but only from a fresh start
    assert [connected for connected, _ in states] == [True, False, False, True, False]
    assert stream.last_event_id == "4"
    assert not stream.connected
