import logging
import re
from pathlib import Path

import pytest

from desktop.log import ResilientFileHandler, redact, setup_logging
from tests.support.full_disk import small_disk


def test_redaction_covers_the_shapes_secrets_travel_in() -> None:
    samples = {
        "Authorization: Bearer eyJhbGciOi.abc.def": "eyJhbGciOi",
        "{'authorization': 'Bearer s3cr3t-token'}": "s3cr3t-token",
        "grant_type=refresh_token&refresh_token=rt-123456": "rt-123456",
        '{"access_token": "at-987654", "expires_in": 3600}': "at-987654",
        "GET http://127.0.0.1:9/callback?state=abc&code=authcode-42": "authcode-42",
        "code_verifier=verifier-xyz": "verifier-xyz",
        "password=hunter2": "hunter2",
    }
    for text, secret in samples.items():
        assert secret not in redact(text), text


def test_redaction_leaves_ordinary_text_alone() -> None:
    for text in ["status code: 500", "GET /v1/jobs 200 12 ms", "token_type Bearer"]:
        assert redact(text) == text


def test_secrets_never_reach_the_log_file(tmp_path: Path) -> None:
    log_file = tmp_path / "logs" / "atelier.log"
    setup_logging(log_file, console=False)
    try:
        logging.getLogger("atelier.test").warning("request failed: Authorization: Bearer leaked-token-1")
        try:
            raise RuntimeError("refresh_token=leaked-token-2 rejected")
        except RuntimeError:
            logging.getLogger("atelier.test").exception("boom")
    finally:
        setup_logging(None, console=False)
    text = log_file.read_text()
    assert "request failed" in text
    assert "boom" in text
    assert "leaked-token-1" not in text
    assert "leaked-token-2" not in text


def test_oauth_secrets_are_redacted_in_every_shape_they_travel_in() -> None:
    import secrets

    token = secrets.token_urlsafe(32)
    verifier = secrets.token_urlsafe(64)
    samples = [
        f"GET /oauth/callback?code={token}&state=st-{token[:10]}",
        f"code={token}",
        f"state=st-{token[:10]}",
        f"grant_type=authorization_code&code_verifier={verifier}&client_id=atelier-desktop",
        f"TokenSet from {token}",  # a bare token, next to nothing that names it
        f"/v1/jobs/{token}",
        f"{{'client_secret': '{token}'}}",
    ]
    for text in samples:
        cleaned = redact(text)
        assert token not in cleaned, text
        assert verifier not in cleaned, text
        assert f"st-{token[:10]}" not in cleaned, text


def test_ids_paths_and_timestamps_stay_readable() -> None:
    for text in ["job_0123456789abcdef sent", "/data/accounts/0123456789abcdef/cache.sqlite3",
                 "GET /v1/jobs?updated_since=2026-01-01T00:00:00.000000Z 200",
                 "code_challenge_method=S256", "waiting for the sign-in redirect on 127.0.0.1:43567"]:
        assert redact(text) == text


def test_a_log_file_that_cannot_be_written_degrades_quietly(capsys: pytest.CaptureFixture[str]) -> None:
    """Every write to /dev/full fails with ENOSPC, as on a full disk (this runs without root): the log says
    so once on stderr, never prints "--- Logging error ---", and the app goes on."""
    setup_logging(Path("/dev/full"), console=False)
    try:
        for n in range(50):
            logging.getLogger("atelier.test").warning("line %d", n)
    finally:
        setup_logging(None, console=False)
    err = capsys.readouterr().err
    assert "--- Logging error ---" not in err
    assert "Traceback" not in err
    assert err.count("cannot write the log file") == 1


def test_the_log_on_a_disk_that_fills_up_catches_up_once_there_is_room(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A real full disk (a small tmpfs; skipped where mounting is refused): no "--- Logging error ---", one
    line on stderr; once space is freed the next record writes the newest held lines (each once) and notes
    how many older ones it could not keep."""
    monkeypatch.setattr(ResilientFileHandler, "RETRY_SECONDS", 0.0)
    with small_disk(tmp_path / "disk", 2) as disk:
        log_file = disk.root / "logs" / "atelier.log"
        setup_logging(log_file, console=False)
        try:
            logger = logging.getLogger("atelier.test")
            logger.warning("before the disk filled up")
            disk.fill()
            for n in range(ResilientFileHandler.HOLD + 500):
                logger.warning("line %d", n)
            err = capsys.readouterr().err
            assert "--- Logging error ---" not in err
            assert "Traceback" not in err
            assert err.count("cannot write the log file") == 1
            disk.free()
            logger.warning("after space returned")
        finally:
            setup_logging(None, console=False)
        lines = log_file.read_text().splitlines()
    numbers = [int(match.group(1)) for line in lines if (match := re.search(r": line (\d+)$", line))]
    assert len(numbers) == len(set(numbers))  # none written twice
    last = ResilientFileHandler.HOLD + 499
    assert numbers[-ResilientFileHandler.HOLD:] == list(range(last - ResilientFileHandler.HOLD + 1, last + 1))
    assert "before the disk filled up" in lines[0]
    assert lines[-1].endswith("after space returned")
    assert any("older log lines were not kept while the log could not be written" in line for line in lines)
