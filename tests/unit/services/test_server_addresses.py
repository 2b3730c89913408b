"""Where tokens may travel: https anywhere, plain http only to this computer, never credentials in the URL."""

from __future__ import annotations

import pytest

from desktop.api.oauth import SignInError
from desktop.services.signin import is_loopback_host, normalize_server_url


@pytest.mark.parametrize(("typed", "expected"), [
    ("127.0.0.1:8765", "http://127.0.0.1:8765"),
    ("localhost:8765/", "http://localhost:8765"),
    ("[::1]:8765", "http://[::1]:8765"),
    ("http://127.1.2.3:9", "http://127.1.2.3:9"),
    ("marketplace.example.com", "https://marketplace.example.com"),
    ("localhost.evil.example", "https://localhost.evil.example"),  # a name, not this computer: https
    ("https://api.upwork.com/", "https://api.upwork.com"),
])
def test_addresses_that_are_allowed(typed: str, expected: str) -> None:
    assert normalize_server_url(typed) == expected


@pytest.mark.parametrize(("typed", "says"), [
    ("http://marketplace.example.com", "only over https"),
    ("http://10.0.0.5:8765", "only over https"),
    ("http://localhost.evil.example:8765", "only over https"),
    ("https://user:pw@marketplace.example.com", "user name or password"),
    ("http://user@127.0.0.1:8765", "user name or password"),
    ("ftp://marketplace.example.com", "does not look like"),
    ("https://exa mple.com", "does not look like"),
])
def test_addresses_that_are_refused(typed: str, says: str) -> None:
    with pytest.raises(SignInError) as caught:
        normalize_server_url(typed)
    assert says in caught.value.message


def test_loopback_means_this_computer_only() -> None:
    assert is_loopback_host("127.0.0.1")
    assert is_loopback_host("::1")
    assert is_loopback_host("LOCALHOST")
    assert not is_loopback_host("localhost.example.com")
    assert not is_loopback_host("10.0.0.1")
