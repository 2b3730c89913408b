"""Tokens in a REAL Secret Service keychain (gnome-keyring on a private D-Bus session).

.ci/check-keychain.sh runs this module under dbus-run-session with an unlocked gnome-keyring-daemon and
ATELIER_REQUIRE_SECRET_SERVICE=1, where an unreachable Secret Service fails the test. In the main suite
(no such session) it skips. Entries use a throwaway service name and are removed afterwards.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from datetime import timedelta

import pytest
from keyring.backend import KeyringBackend

from desktop.api.auth import TokenSet
from desktop.api.client import MarketplaceClient
from desktop.core.clock import utcnow
from desktop.credentials import CredentialStore
from desktop.sandbox.harness import SandboxServer
from desktop.services.session import Session
from desktop.services.signin import SignInFlow
from tests.support.http_browser import HttpBrowser

REQUIRED = os.environ.get("ATELIER_REQUIRE_SECRET_SERVICE") == "1"
DEMO = "demo@atelier.test"


def secret_service() -> KeyringBackend:
    """The Secret Service backend, or skip (fail when the CI script requires it)."""
    reason = ""
    try:
        import secretstorage
        from keyring.backends.SecretService import Keyring as SecretServiceKeyring

        connection = secretstorage.dbus_init()
        try:
            available = secretstorage.check_service_availability(connection)
        finally:
            connection.close()
        if available:
            backend = SecretServiceKeyring()
            if backend.priority > 0:
                return backend
        reason = "no Secret Service on the session bus"
    except Exception as exc:  # no D-Bus session, no secretstorage, ...
        reason = f"{type(exc).__name__}: {exc}"
    message = f"a real Secret Service keychain is not reachable ({reason})"
    if REQUIRED:
        pytest.fail(message + "; .ci/check-keychain.sh should have started gnome-keyring-daemon")
    pytest.skip(message)


@pytest.fixture
def real_keychain() -> Iterator[tuple[KeyringBackend, str]]:
    backend = secret_service()
    service = f"Atelier-test-{secrets.token_hex(4)}"
    yield backend, service
    store = CredentialStore(service, backend)
    for name in list(_created):
        store.delete(name)
    _created.clear()


_created: list[str] = []


def test_tokens_round_trip_through_the_secret_service(real_keychain: tuple[KeyringBackend, str]) -> None:
    backend, service = real_keychain
    store = CredentialStore(service, backend)
    assert store.persistent
    session = Session("https://market.example", "ada@example.com", store)
    _created.append(session.entry)
    tokens = TokenSet(secrets.token_urlsafe(32), secrets.token_urlsafe(32), utcnow() + timedelta(hours=1))
    session.adopt(tokens)
    # What another process (a restart) finds: the same tokens, read from the keychain.
    assert backend.get_password(service, session.entry) is not None
    restored = Session.restore("https://market.example", "ada@example.com", CredentialStore(service, backend))
    assert restored.tokens is not None
    assert restored.tokens.access_token == tokens.access_token
    assert restored.tokens.refresh_token == tokens.refresh_token
    restored.sign_out()
    assert backend.get_password(service, session.entry) is None
    assert not Session.restore("https://market.example", "ada@example.com", store).signed_in


def test_accounts_and_servers_get_separate_entries(real_keychain: tuple[KeyringBackend, str]) -> None:
    backend, service = real_keychain
    store = CredentialStore(service, backend)
    pairs = [("https://a.example", "ada@example.com"), ("https://b.example", "ada@example.com"),
             ("https://a.example", "bob@example.com")]
    for server, account in pairs:
        session = Session(server, account, store)
        _created.append(session.entry)
        session.adopt(TokenSet(f"at-{account}-{server}", None, utcnow() + timedelta(hours=1)))
    for server, account in pairs:
        restored = Session.restore(server, account, CredentialStore(service, backend))
        assert restored.tokens is not None
        assert restored.tokens.access_token == f"at-{account}-{server}"


async def test_browser_sign_in_survives_a_restart_through_the_keychain(
        real_keychain: tuple[KeyringBackend, str], tmp_path: object) -> None:
    backend, service = real_keychain
    with SandboxServer(seed=3, jobs=30) as server:
        result = await SignInFlow(server.url, CredentialStore(service, backend), HttpBrowser()).run()
        _created.append(result.session.entry)
        # A new process: nothing in memory, only the keychain.
        restored = Session.restore(server.url, DEMO, CredentialStore(service, backend))
        assert restored.signed_in
        async with MarketplaceClient(server.url, restored) as api:
            assert (await api.me()).email == DEMO
