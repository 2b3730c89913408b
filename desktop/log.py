"""Logging: named loggers, a rotating file, and secret redaction at the sink.

Redaction lives in the handlers' formatter, so whatever any module logs (an exception message, a repr, a
header dump) is scrubbed before it reaches a file or the console.

The log file lives on the same disk as the cache: when that disk is full, the file handler holds the
newest lines in memory, says so once on stderr (no "--- Logging error ---" per line), tries again every few
seconds, and writes what it held once it can.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
import re
import sys
import time
from collections import deque
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


class ResilientFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log file that a failing disk does not turn into noise.

    When writing fails (a full disk, a quota, an I/O error), the handler says so once on stderr, keeps the
    newest ``HOLD`` lines in memory, and tries again at most every ``RETRY_SECONDS`` when something is
    logged. Once a write works it writes the held lines, notes how many older ones it had to drop, and goes
    on as usual. Lines are never written twice.
    """

    RETRY_SECONDS = 5.0
    HOLD = 1000

    def __init__(self, filename: Path, *, max_bytes: int, backup_count: int) -> None:
        super().__init__(filename, maxBytes=max_bytes, backupCount=backup_count, encoding="utf-8", delay=True)
        self.failing: OSError | None = None
        self._held: deque[str] = deque(maxlen=self.HOLD)
        self._dropped = 0
        self._retry_at = 0.0

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self.format(record)
        except Exception:  # a bad format string is a bug: report it the standard way
            self.handleError(record)
            return
        self._emit_text(record, text)  # Handler.handle() holds the handler's lock around emit()

    def _emit_text(self, record: logging.LogRecord, text: str) -> None:
        now = time.monotonic()
        if self.failing is not None and now < self._retry_at:
            self._hold(text)
            return
        try:
            if self.failing is not None:
                self._write(self._catch_up())
            if self.shouldRollover(record):
                self.doRollover()
            self._write(text + self.terminator)
        except OSError as exc:
            self._failed(exc, now)
            self._hold(text)
            return
        if self.failing is not None:
            self.failing = None
            self._held.clear()
            self._dropped = 0

    def _catch_up(self) -> str:
        """What the log missed while it could not be written (written with the first line that can be).
        A line the disk cut short is marked as such; its whole text follows among the held lines."""
        held = "".join(line + self.terminator for line in self._held)
        if self._dropped:
            held = (f"... {self._dropped} older log lines were not kept while the log could not be written "
                    f"({self.failing.strerror if self.failing else 'error'})" + self.terminator + held)
        if self._ends_mid_line():
            held = " [cut short: the log could not be written]" + self.terminator + held
        return held

    def _ends_mid_line(self) -> bool:
        try:
            with open(self.baseFilename, "rb") as existing:
                if existing.seek(0, os.SEEK_END) == 0:
                    return False
                existing.seek(-1, os.SEEK_END)
                return existing.read(1) != b"\n"
        except OSError:
            return False

    def _write(self, text: str) -> None:
        if self.stream is None or self.stream.closed:  # closed: a rollover failed half-way
            self.stream = self._open()
        try:
            self.stream.write(text)
            self.stream.flush()
        except OSError:
            self._drop_stream()  # its buffer holds what failed: never written later, never twice
            raise

    def _drop_stream(self) -> None:
        stream, self.stream = self.stream, None
        if stream is not None:
            # Closed all the same when the final flush fails; its unwritten buffer goes (the lines are held).
            with contextlib.suppress(OSError):
                stream.close()

    def _failed(self, exc: OSError, now: float) -> None:
        self._retry_at = now + self.RETRY_SECONDS
        if self.failing is None:
            self.failing = exc
            with contextlib.suppress(OSError, ValueError, AttributeError):
                sys.stderr.write(f"Atelier: cannot write the log file {self.baseFilename} ({exc.strerror}); "
                                 f"keeping the newest lines in memory until it can.\n")

    def _hold(self, text: str) -> None:
        if len(self._held) == self._held.maxlen:
            self._dropped += 1
        self._held.append(text)

    def flush(self) -> None:
        try:
            super().flush()
        except OSError as exc:
            self._drop_stream()
            self._failed(exc, time.monotonic())

    def close(self) -> None:
        try:
            super().close()
        except OSError:
            self.stream = None


def log_file_trouble() -> str:
    """Why the log file cannot be written now (the OS's words: "No space left on device"), or ""."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, ResilientFileHandler) and handler.failing is not None:
            return handler.failing.strerror or type(handler.failing).__name__
    return ""


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
        try:
            log_file.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # a full disk may refuse even a folder; the file handler retries later
            sys.stderr.write(f"Atelier: cannot create the log folder {log_file.parent} ({exc.strerror}).\n")
        handlers.append(ResilientFileHandler(log_file, max_bytes=2_000_000, backup_count=5))
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
