"""Logging: named loggers, a rotating file, and secret redaction at the sink.

Redaction lives in the handlers' formatter, so whatever any module logs (an exception message, a repr, a
header dump) is scrubbed before it reaches a file or the console.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
import sys
from pathlib import Path

_SECRET_KEYS = (
    r"access_token|refresh_token|id_token|code_verifier|client_secret|password|token|secret"
)
_SECRET_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # "Authorization: Bearer abc", "'authorization': 'Bearer abc'"
    (re.compile(r"(?i)(authorization['\"]?\s*[:=]\s*['\"]?)(?:bearer\s+|basic\s+)?[^\s'\",}]+"),
     r"\1[REDACTED]"),
    (re.compile(r"(?i)\bbearer\s+[A-Za-z0-9._~+/=-]+"), "Bearer [REDACTED]"),
    # key=value (forms, URLs), key: value and "key": "value" (JSON, reprs)
    (re.compile(rf"(?i)(\b(?:{_SECRET_KEYS})['\"]?\s*[:=]\s*['\"]?)([^\s'\"&,}}]+)"), r"\1[REDACTED]"),
    # OAuth authorization codes and states travel as code=... / state=... in redirect URLs and form bodies
    (re.compile(r"(?i)((?:^|[?&\s])code=)([^\s&'\"]+)"), r"\1[REDACTED]"),
    (re.compile(r"(?i)(['\"]code['\"]\s*:\s*['\"])([^'\"]+)"), r"\1[REDACTED]"),
    (re.compile(r"(?i)((?:^|[?&\s])state=)([^\s&'\"]+)"), r"\1[REDACTED]"),
    # A bare opaque credential (40+ URL-safe characters, letters and digits mixed), whatever it is next to:
    # tokens and verifiers are long random strings; ids, hashes in paths and words are shorter or uniform.
    (re.compile(r"(?<![A-Za-z0-9_\-])(?=[A-Za-z0-9_\-]*[0-9])(?=[A-Za-z0-9_\-]*[A-Za-z])"
                r"[A-Za-z0-9_\-]{40,}(?![A-Za-z0-9_\-])"), "[REDACTED]"),
)


def redact(text: str) -> str:
    for pattern, replacement in _SECRET_PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def setup_logging(log_file: Path | None, *, level: int = logging.INFO, console: bool = True) -> None:
    root = logging.getLogger()
    root.setLevel(level)
    for handler in list(root.handlers):
        if getattr(handler, "_atelier", False):
            root.removeHandler(handler)
            handler.close()
    formatter = RedactingFormatter(_FORMAT)
    handlers: list[logging.Handler] = []
    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.handlers.RotatingFileHandler(
            log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8"))
    if console:
        stream = logging.StreamHandler(sys.stderr)
        stream.setLevel(logging.WARNING)
        handlers.append(stream)
    for handler in handlers:
        handler.setFormatter(formatter)
        handler._atelier = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    # httpx logs full URLs at INFO; our api layer logs what matters without query strings.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.captureWarnings(True)
