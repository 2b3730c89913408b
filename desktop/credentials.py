"""The OS keychain, through keyring. Tokens live here and nowhere else.

When no keychain backend exists (a headless Linux without Secret Service), secrets are kept in memory for
this session only and `persistent` is False so the UI can say so plainly. There is never a plaintext
fallback file.
"""

from __future__ import annotations

import logging

import keyring
import keyring.errors
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
        self._backend = backend or keyring.get_keyring()
        self._memory: dict[str, str] = {}
        self.persistent = _backend_is_usable(self._backend)
        if not self.persistent:
            log.warning("no OS keychain available; sign-in will last for this session only")

    @classmethod
    def memory_only(cls, service: str = SERVICE) -> CredentialStore:
        """Secrets that are never meant to outlive the process (the embedded demo's sign-in, whose server
        gets a new port every run): they stay out of the OS keychain on purpose."""
        store = cls.__new__(cls)
        store._service = service
        store._backend = keyring.get_keyring()
        store._memory = {}
        store.persistent = False
        return store

    @staticmethod
    def entry_name(server_url: str, account: str) -> str:
        return f"{account}@{server_url.rstrip('/')}"

    def get(self, name: str) -> str | None:
        if not self.persistent:
            return self._memory.get(name)
        try:
            return self._backend.get_password(self._service, name)
        except keyring.errors.KeyringError as exc:
            log.warning("keychain read failed: %s", type(exc).__name__)
            return self._memory.get(name)

    def set(self, name: str, secret: str) -> bool:
        """Store a secret; returns False when it could only be kept in memory."""
        if self.persistent:
            try:
                self._backend.set_password(self._service, name, secret)
                return True
            except keyring.errors.KeyringError as exc:
                log.warning("keychain write failed: %s", type(exc).__name__)
        self._memory[name] = secret
        return False

    def delete(self, name: str) -> None:
        self._memory.pop(name, None)
        if not self.persistent:
            return
        try:
            self._backend.delete_password(self._service, name)
        except keyring.errors.PasswordDeleteError:
            pass
        except keyring.errors.KeyringError as exc:
            log.warning("keychain delete failed: %s", type(exc).__name__)
