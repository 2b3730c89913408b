"""Where tokens may travel: https anywhere, plain http only to this computer, never credentials in the URL."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.api.oauth import SignInError
from desktop.services import addresses
from desktop.services.signin import is_loopback_host, normalize_server_url

ROOT = Path(__file__).resolve().parents[3]


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
    ("https://256.1.1.1", "does not look like"),
    ("[", "does not look like"),  # an unclosed IPv6 bracket
    ("https://xn--", "does not look like"),  # a malformed punycode label
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


PIECES = st.sampled_from([*"abcXYZ019.-:/@[]_~%? ", "localhost", "127.0.0.1", "http://", "https://", "::1",
                          "xn--", "99999", "65536", "0", "LOCALHOST", "HTTP://"])


def _outcome(text: str) -> object:
    try:
        return normalize_server_url(text)
    except SignInError as exc:
        return exc.notice.code


@settings(max_examples=3000, deadline=None)
@given(st.lists(PIECES, max_size=12).map("".join))
def test_the_quick_check_of_plain_addresses_agrees_with_the_full_parse(text: str) -> None:
    """Plain addresses are accepted without httpx; whatever they accept, httpx's parser accepts the same."""
    quick = _outcome(text)
    plain = addresses._PLAIN
    addresses._PLAIN = re.compile(r"(?!)")  # every address through httpx
    try:
        assert _outcome(text) == quick
    finally:
        addresses._PLAIN = plain


def test_checking_a_plain_address_imports_no_http_stack() -> None:
    """The start-up check of the remembered address runs before the first frame, which waits for no httpx."""
    code = ("import sys\n"
            "from desktop.services.addresses import normalize_server_url\n"
            "normalize_server_url('https://marketplace.example.com')\n"
            "normalize_server_url('127.0.0.1:8765')\n"
            "print('httpx' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
