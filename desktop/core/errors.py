"""The error taxonomy shared by every layer.

Each error carries a ``Notice`` (desktop/core/notices.py): what to tell the user, as a code the interface
translates; ``str(error)`` and ``error.message`` are its English, for the logs. None ever includes a token or
other secret.
"""

from __future__ import annotations

from desktop.core.notices import Notice


class AtelierError(Exception):
    """Base of every error the app expects and knows how to present."""

    def __init__(self, notice: Notice) -> None:
        super().__init__(str(notice))
        self.notice = notice

    @property
    def message(self) -> str:
        """The notice in English (logs)."""
        return str(self.notice)


class OfflineError(AtelierError):
    """The server could not be reached (connection refused, DNS, timeout)."""


class AuthError(AtelierError):
    """The server refused our credentials (401) or the account lacks permission (403)."""


class RateLimitedError(AtelierError):
    def __init__(self, notice: Notice, retry_after: float | None) -> None:
        super().__init__(notice)
        self.retry_after = retry_after


class ServerError(AtelierError):
    """The server answered 5xx."""

    def __init__(self, notice: Notice, status: int) -> None:
        super().__init__(notice)
        self.status = status


class RequestRejected(AtelierError):
    """The server refused the request (4xx other than 401/403/429): retrying will not help."""

    def __init__(self, notice: Notice, status: int, problem_type: str = "about:blank") -> None:
        super().__init__(notice)
        self.status = status
        self.problem_type = problem_type


MISSING_PERMISSION = "atelier:missing-permission"
"""``RequestRejected.problem_type`` when the account's API key lacks the permission (scope) for a call:
the sync skips that resource instead of failing, and nobody is signed out."""


class NotFoundError(RequestRejected):
    pass


class BadReplyError(AtelierError):
    """The server's reply could not be understood (not JSON, wrong shape)."""


class StorageError(AtelierError):
    """The local cache failed (disk full, permission, I/O)."""


class CacheCorruptError(StorageError):
    """The cache file is damaged; it will be moved aside and rebuilt."""


class DiskFullError(StorageError):
    """The disk that holds the cache has no room left (SQLITE_FULL, ENOSPC, EDQUOT): nothing is wrong with
    the cache, writing waits until space returns."""


class InputRejected(ValueError):
    """What the user asked for cannot be done as asked (an empty name, a draft with gaps): ``notices`` say
    why, each a Notice the interface translates; ``str()`` is their English."""

    def __init__(self, *notices: Notice) -> None:
        super().__init__(" ".join(str(n) for n in notices))
        self.notices = notices

    @property
    def notice(self) -> Notice:
        return self.notices[0]
