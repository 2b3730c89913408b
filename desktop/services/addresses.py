"""Where tokens may travel: https anywhere, plain http only to this computer, never credentials in the URL.

Apart from the sign-in flows (``signin.py``, which import httpx) because the address an account was kept
under is checked again at each start, before the window shows its cache. An address of the plain shape
every account has (scheme, host name or IPv4 address, port, a path of plain characters) is accepted here as
it is; anything else (IPv6, punycode, percent-escapes, a query, and every address refused) is parsed by
httpx, as the sign-in screen parses what the user types.
"""

from __future__ import annotations

import ipaddress
import re

HOST_SHAPE = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|[0-9A-Fa-f:]+")
_PLAIN = re.compile(r"(?P<scheme>https?)://(?P<host>[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)"
                    r"(?::(?P<port>[1-9][0-9]{0,4}))?(?:/[A-Za-z0-9._~/-]*)?")
_NUMERIC = re.compile(r"[0-9.]+")


def is_loopback_host(host: str) -> bool:
    """An address that never leaves this computer: a loopback IP literal, or exactly ``localhost``."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def normalize_server_url(text: str) -> str:
    """What the user typed (or a settings file or ``--server`` holds), as a base URL: scheme added when
    missing, no trailing slash.

    Tokens, codes and verifiers travel to this address, so plain ``http`` is allowed only on this computer
    (loopback literals and exactly ``localhost``: not ``localhost.example.com``), and an address with a
    user name or password in it is refused. Raises SignInError (``desktop.api.oauth``) otherwise.
    """
    url = text.strip()
    if url and "://" not in url:
        host_part = url.split("/", 1)[0].rsplit("@", 1)[-1]
        host_only = host_part[:host_part.find("]") + 1] if host_part.startswith("[") else \
            host_part.split(":", 1)[0]
        url = ("http://" if is_loopback_host(host_only) else "https://") + url
    url = url.rstrip("/")
    plain = _PLAIN.fullmatch(url)
    if plain is not None and _plain_and_allowed(url, plain["scheme"], plain["host"], plain["port"]):
        return url
    return _parsed(url)


def _plain_and_allowed(url: str, scheme: str, host: str, port: str | None) -> bool:
    """True when httpx's parser would accept the address as it is (what it checks further, punycode and
    dotted numbers, goes to it)."""
    if int(port or 443) > 65535 or "xn--" in url.lower():
        return False
    if _NUMERIC.fullmatch(host):
        try:
            ipaddress.IPv4Address(host)
        except ValueError:
            return False
    return scheme == "https" or is_loopback_host(host)


def _parsed(url: str) -> str:
    """The full check, with httpx's URL parser (as the sign-in flows use it)."""
    import httpx

    from desktop.api.oauth import SignInError, SignInFailure
    from desktop.core.notices import Code, Notice

    try:
        parsed = httpx.URL(url)
        host = parsed.host  # decodes punycode: a malformed label raises here (idna's errors are ValueErrors)
    except (httpx.InvalidURL, ValueError):
        raise SignInError(SignInFailure.UNREACHABLE, Notice(Code.NOT_AN_ADDRESS)) from None
    if parsed.scheme not in ("http", "https") or not HOST_SHAPE.fullmatch(host) or any(
            ch.isspace() for ch in url):
        raise SignInError(SignInFailure.UNREACHABLE, Notice(Code.NOT_AN_ADDRESS))
    if parsed.userinfo:
        raise SignInError(SignInFailure.UNREACHABLE, Notice(Code.ADDRESS_WITH_CREDENTIALS))
    if parsed.scheme == "http" and not is_loopback_host(host):
        raise SignInError(SignInFailure.UNREACHABLE, Notice(Code.HTTPS_ONLY))
    return url
