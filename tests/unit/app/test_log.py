import logging
from pathlib import Path

from desktop.log import redact, setup_logging


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
    assert "request failed" in text and "boom" in text
    assert "leaked-token-1" not in text and "leaked-token-2" not in text
