"""Notices: every code has its English; str() of a notice and of an error is that English (the logs); a
notice survives being stored (an outbox row's reason) and an older row's text reads back sensibly."""

from __future__ import annotations

import pytest

from desktop.core.errors import AtelierError, InputRejected, ServerError
from desktop.core.notices import ENGLISH, PLURAL_ENGLISH, Code, Notice, argument_count


def test_every_code_has_an_english_template() -> None:
    assert set(ENGLISH) == set(Code)
    for code, forms in PLURAL_ENGLISH.items():
        assert "%n" in ENGLISH[code], code
        assert all("%n" in form for form in forms), code


def test_english_fills_the_parts_and_nested_notices() -> None:
    retrying = Notice(Code.RETRYING_IN, (Notice(Code.SERVER_HAS_PROBLEM, (503,)), 8))
    assert str(retrying) == "The server has a problem (503) · retrying in 8 s"
    assert str(Notice(Code.BROWSER_SILENT_MINUTES, (1,))) == (
        "No answer came back from the browser within 1 minute. Please try again.")
    assert str(Notice(Code.BROWSER_SILENT_MINUTES, (2,))) == (
        "No answer came back from the browser within 2 minutes. Please try again.")
    # A part's own "%1" stays as it is (a name like "Studio 100%1").
    assert str(Notice(Code.EXPORT_NO_FOLDER, ("/tmp/100%1",))) == "The folder /tmp/100%1 does not exist."
    assert str(Notice.text("The client closed this job.")) == "The client closed this job."


def test_a_notice_takes_exactly_its_parts() -> None:
    assert argument_count(Code.REBUILT_SOME_KEPT_AND_UNREADABLE) == 3
    assert argument_count(Code.BROWSER_SILENT_MINUTES) == 1
    with pytest.raises(ValueError, match="takes 1 argument"):
        Notice(Code.SERVER_HAS_PROBLEM)
    with pytest.raises(ValueError, match="takes 0 argument"):
        Notice(Code.NOT_FOUND, ("extra",))
    with pytest.raises(TypeError):
        Notice(Code.BROWSER_SILENT_MINUTES, ("two",))
    with pytest.raises(TypeError):
        Notice(Code.SERVER_HAS_PROBLEM, (5.0,))  # type: ignore[arg-type]


def test_errors_carry_a_notice_and_speak_english_in_logs() -> None:
    error = ServerError(Notice(Code.SERVER_ERROR, (502,)), 502)
    assert error.notice.code is Code.SERVER_ERROR
    assert str(error) == error.message == "The marketplace had a problem (HTTP 502)."
    rejected = InputRejected(Notice(Code.BID_NOT_POSITIVE), Notice(Code.DURATION_MISSING))
    assert rejected.notice == Notice(Code.BID_NOT_POSITIVE)
    assert str(rejected) == "The bid must be more than zero. Choose a duration."
    assert isinstance(rejected, ValueError)
    assert not isinstance(rejected, AtelierError)


def test_a_stored_notice_reads_back_the_same() -> None:
    for notice in (Notice(Code.NOT_FOUND), Notice.text("Job closed {\"code\": 1}"),
                   Notice(Code.WILL_RETRY, (Notice(Code.SERVER_HAS_PROBLEM, (503,)),)),
                   Notice(Code.REBUILT_SOME_KEPT, (2, "Nadia: “Dear client…”"))):
        assert Notice.from_stored(notice.stored()) == notice


def test_older_rows_read_back_as_text_or_as_their_fixed_phrase() -> None:
    # Before notices, a reason was stored as English: a fixed phrase of Atelier's is recognised (and so
    # translated); anything else is the marketplace's text, shown as it is.
    assert Notice.from_stored("That item does not exist.") == Notice(Code.NOT_FOUND)
    assert Notice.from_stored("This job is no longer accepting proposals.") == Notice.text(
        "This job is no longer accepting proposals.")
    for odd in ("", "{}", "[1, 2]", '{"code": "no_such_code", "args": []}',
                '{"code": "not_found", "args": [1]}', '{"code": "server_has_problem", "args": [[503]]}'):
        assert Notice.from_stored(odd) == Notice.text(odd)
