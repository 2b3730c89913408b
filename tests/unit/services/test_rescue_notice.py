"""What the user is told after the cache was rebuilt: what was rescued, and by name what was not; never
"nothing is lost" unless nothing is."""

from __future__ import annotations

from desktop.services.container import rescue_notice
from desktop.storage.rescue import MESSAGE_SEND, Lost, Report

KEPT = Lost(kind=MESSAGE_SEND, room_id="room-7", room_name="Nadia Okafor",
            text="Dear client,\nhere is   the full plan for the redesign of the whole site")
REBUILT = "The local cache was damaged and has been rebuilt from the server. "


def test_nothing_was_waiting() -> None:
    assert str(rescue_notice(Report(requeued=0, from_echoes=0, lost=(), unreadable=0))) == (
        REBUILT + "Nothing was waiting to be sent.")


def test_everything_was_rescued() -> None:
    assert str(rescue_notice(Report(requeued=3, from_echoes=1, lost=(), unreadable=0))) == (
        REBUILT + "Everything waiting to be sent (3) was rescued and will be sent.")


def test_what_was_kept_back_is_named_by_room_and_first_words() -> None:
    unnamed = Lost(kind=MESSAGE_SEND, room_id="room-9", text="Short")
    nowhere = Lost(kind=MESSAGE_SEND, room_id="", text="Hello")
    report = Report(requeued=1, from_echoes=0, lost=(KEPT, unnamed, nowhere), unreadable=0)
    assert str(rescue_notice(report)) == (
        REBUILT + "Rescued and will be sent: 1. Not recovered in full, kept in Needs your attention: "
        "Nadia Okafor: “Dear client, here is the full plan for…”; room-9: “Short”; “Hello”.")


def test_rows_nothing_could_be_read_of_are_counted() -> None:
    assert str(rescue_notice(Report(requeued=2, from_echoes=0, lost=(), unreadable=4))) == (
        REBUILT + "Rescued and will be sent: 2. Could not be read at all: 4 (they may have been sent "
        "already).")
    assert str(rescue_notice(Report(requeued=0, from_echoes=0, lost=(KEPT,), unreadable=1))) == (
        REBUILT + "Rescued and will be sent: 0. Not recovered in full, kept in Needs your attention: "
        "Nadia Okafor: “Dear client, here is the full plan for…”. Could not be read at all: 1 (they may "
        "have been sent already).")
