"""The OS keychain, through keyring. Tokens live here and nowhere else.

When no keychain backend exists (a headless Linux without Secret Service), secrets are kept in memory for
this session only and `persistent` is False so the UI can say so plainly. There is never a plaintext
fallback file.

The backend is looked up on first use, not at construction: finding it imports every keyring backend and
may talk to D-Bus, which has no place before the first frame of a cold start.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

log = logging.getLogger("atelier.credentials")

SERVICE = "Atelier"


def _backend_is_usable(backend: KeyringBackend) -> bool:
    # The "fail" backend is what keyring picks when nothing else works; priority < 0 marks unusable ones.
    module = type(backend).__module__
    if module.startswith("keyring.backends.fail") or module.startswith("keyring.backends.null"):
        return False
    try:
        return float(backend.priority) > 0
    except Exception:
        return True


class CredentialStore:
    def __init__(self, service: str = SERVICE, backend: KeyringBackend | None = None) -> None:
        self._service = service
        self._backend = backend
        self._memory: dict[str, str] = {}
        self._persistent: bool | None = None

    @classmethod
    def memory_only(cls, service: str = SERVICE) -> CredentialStore:
        """Secrets that are never meant to outlive the process (the embedded demo's sign-in, whose server
        gets a new port every run): they stay out of the OS keychain on purpose."""
        store = cls(service)
        store._persistent = False
        return store

    @property
    def persistent(self) -> bool:
        """Whether secrets survive a restart (an OS keychain is there)."""
        if self._persistent is None:
            self._persistent = _backend_is_usable(self._keyring())
            if not self._persistent:
                log.warning("no OS keychain available; sign-in will last for this session only")
        return self._persistent

    def _keyring(self) -> KeyringBackend:
        if self._backend is None:
            import keyring

            self._backend = keyring.get_keyring()
        return self._backend

    @staticmethod
    def entry_name(server_url: str, account: str) -> str:
        return f"{account}@{server_url.rstrip('/')}"

    def get(self, name: str) -> str | None:
        if not self.persistent:
            return self._memory.get(name)
        from keyring.errors import KeyringError

        try:
            return self._keyring().get_password(self._service, name)
        except KeyringError as exc:
            log.warning("keychain read failed: %s", type(exc).__name__)
            return self._memory.get(name)

    def set(self, name: str, secret: str) -> bool:
        """Store a secret; returns False when it could only be kept in memory."""
        if self.persistent:
            from keyring.errors import KeyringError

            try:
                self._keyring().set_password(self._service, name, secret)
                return True
            except KeyringError as exc:
                log.warning("keychain write failed: %s", type(exc).__name__)
        self._memory[name] = secret
        return False

    def delete(self, name: str) -> None:
        self._memory.pop(name, None)
        if not self.persistent:
            return
        from keyring.errors import KeyringError, PasswordDeleteError

        try:
            self._keyring().delete_password(self._service, name)
        except PasswordDeleteError:
            pass
        except KeyringError as exc:
            log.warning("keychain delete failed: %s", type(exc).__name__)
