from keyring.backends.fail import Keyring as FailKeyring

from desktop.credentials import CredentialStore
from tests.support.memory_keyring import MemoryKeyring


def test_secrets_go_to_the_keychain(memory_keyring: MemoryKeyring) -> None:
    store = CredentialStore()
    name = CredentialStore.entry_name("https://m.example/", "ada@example.com")
    assert store.persistent
    assert store.set(name, "secret-1") is True
    assert memory_keyring.entries[("Atelier", "ada@example.com@https://m.example")] == "secret-1"
    assert CredentialStore().get(name) == "secret-1"
    store.delete(name)
    assert store.get(name) is None
    store.delete(name)  # deleting twice is harmless


def test_without_a_keychain_secrets_last_for_the_session_only() -> None:
    store = CredentialStore(backend=FailKeyring())
    assert not store.persistent
    assert store.set("entry", "secret") is False
    assert store.get("entry") == "secret"
    assert CredentialStore(backend=FailKeyring()).get("entry") is None
