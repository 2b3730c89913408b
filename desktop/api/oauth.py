"""The HTTP side of signing in from a native app: RFC 8252 (loopback redirect) with PKCE (RFC 7636).

- ``new_pkce()`` / ``new_state()``: the per-attempt secrets.
- ``authorize_url()``: where the system browser goes.
- ``RedirectListener``: a one-shot HTTP listener on 127.0.0.1 and an ephemeral port that receives the
  browser's redirect, checks ``state``, and answers a small "return to Atelier" page.
- ``code_grant()`` / ``revoke_token()``: the token endpoint's authorization_code grant and RFC 7009.

No secret (code, verifier, state, token) ever goes into a repr, a log line or an error message.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import enum
import hashlib
import logging
import secrets
from dataclasses import dataclass, field
from html import escape
from urllib.parse import parse_qs, urlencode, urlsplit

import httpx

from desktop.api.auth import DEFAULT_TIMEOUT, USER_AGENT, TokenSet, token_request
from desktop.api.tls import shared_ssl_context
from desktop.core.errors import AtelierError
from desktop.core.notices import Code, Notice

log = logging.getLogger("atelier.api.oauth")

CLIENT_ID = "atelier-desktop"
SCOPE = "marketplace"
AUTHORIZE_PATH = "/oauth/authorize"
REVOKE_PATH = "/oauth/revoke"
REDIRECT_PATH = "/oauth/callback"
LOOPBACK_HOST = "127.0.0.1"  # an IP literal, not "localhost" (RFC 8252 §8.3)
MAX_REQUEST_HEAD = 16 * 1024
REQUEST_READ_TIMEOUT = 10.0


class SignInFailure(enum.Enum):
    CANCELLED = "cancelled"
    DENIED = "denied"
    TIMED_OUT = "timed_out"
    STATE_MISMATCH = "state_mismatch"
    REFUSED = "refused"  # the authorization server answered the redirect with an error
    CODE_REJECTED = "code_rejected"  # the token endpoint refused the code (or the verifier)
    NO_BROWSER = "no_browser"
    UNREACHABLE = "unreachable"
    NO_ACCOUNT = "no_account"


class SignInError(AtelierError):
    """Sign-in did not finish; ``notice`` says what happened, for the user."""

    def __init__(self, reason: SignInFailure, notice: Notice) -> None:
        super().__init__(notice)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Pkce:
    verifier: str = field(repr=False)
    challenge: str
    method: str = "S256"


def new_pkce() -> Pkce:
    """RFC 7636 §4.1–4.2: a 86-character verifier (512 bits of entropy) and its S256 challenge."""
    verifier = secrets.token_urlsafe(64)  # the URL-safe alphabet is within the unreserved characters
    return Pkce(verifier=verifier, challenge=s256(verifier))


def s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def new_state() -> str:
    return secrets.token_urlsafe(24)


def authorize_url(server_url: str, *, redirect_uri: str, state: str, pkce: Pkce) -> str:
    query = urlencode({
        "response_type": "code",
        "client_id": CLIENT_ID,
        "redirect_uri": redirect_uri,
        "scope": SCOPE,
        "state": state,
        "code_challenge": pkce.challenge,
        "code_challenge_method": pkce.method,
    })
    return f"{server_url.rstrip('/')}{AUTHORIZE_PATH}?{query}"


async def code_grant(
    server_url: str,
    code: str,
    verifier: str,
    redirect_uri: str,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
) -> TokenSet:
    """Trade the authorization code and the PKCE verifier for tokens (RFC 6749 §4.1.3, RFC 7636 §4.5)."""
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_uri,
        "client_id": CLIENT_ID,
        "code_verifier": verifier,
    }
    return await token_request(
        server_url, form, transport, None,
        rejected=Notice(Code.CODE_NOT_ACCEPTED),
    )


async def revoke_token(
    server_url: str,
    token: str,
    hint: str = "refresh_token",
    *,
    transport: httpx.AsyncBaseTransport | None = None,
) -> bool:
    """RFC 7009, best effort: False when the server could not be told (signing out goes on regardless)."""
    async with httpx.AsyncClient(
        base_url=server_url.rstrip("/"), transport=transport, timeout=DEFAULT_TIMEOUT,
        verify=shared_ssl_context(),
        headers={"User-Agent": USER_AGENT},
    ) as http:
        try:
            response = await http.post(
                REVOKE_PATH, data={"token": token, "token_type_hint": hint, "client_id": CLIENT_ID}
            )
        except httpx.HTTPError as exc:
            log.info("token revocation not sent: %s", type(exc).__name__)
            return False
    log.info("POST %s -> %s", REVOKE_PATH, response.status_code)
    return response.status_code == 200


@dataclass(frozen=True, slots=True)
class Authorization:
    """What the browser brought back: the code to exchange (never shown, never logged)."""

    code: str = field(repr=False)


_PAGE = (
    "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Atelier</title>"
    "<style>body{{font:16px/1.5 system-ui,sans-serif;display:flex;min-height:90vh;align-items:center;"
    "justify-content:center;margin:0}}main{{max-width:28em;text-align:center;padding:2em}}"
    "h1{{font-size:1.4em}}</style></head><body><main><h1>{title}</h1><p>{detail}</p></main></body></html>"
)


def _page(title: str, detail: str) -> bytes:
    return _PAGE.format(title=escape(title), detail=escape(detail)).encode("utf-8")


class RedirectListener:
    """A one-shot loopback HTTP listener for the authorization response.

    ``await start()`` binds 127.0.0.1 on a port the OS picks and returns the redirect URI; ``await
    result()`` waits for the browser's GET on that URI and returns the code, or raises SignInError. Other
    paths (a browser's /favicon.ico) get a 404 and the listener keeps waiting.
    """

    def __init__(self, expected_state: str, *, host: str = LOOPBACK_HOST, port: int = 0,
                 path: str = REDIRECT_PATH) -> None:
        """``host``/``port``/``path``: a fixed redirect URI, for a marketplace that registers one per API key
        (Upwork); by default any free port, as RFC 8252 §7.3 lets a native app choose."""
        self._expected_state = expected_state
        self._server: asyncio.Server | None = None
        self._outcome: asyncio.Future[Authorization] | None = None
        self._host = host
        self._path = path or "/"
        self.port = port
        self.refused = 0
        """Answers refused because their state was not this attempt's (they do not end the wait)."""

    @property
    def redirect_uri(self) -> str:
        return f"http://{self._host}:{self.port}{self._path}"

    async def start(self) -> str:
        self._outcome = asyncio.get_running_loop().create_future()
        try:
            self._server = await asyncio.start_server(self._handle, self._host, self.port)
        except OSError as exc:
            raise SignInError(
                SignInFailure.UNREACHABLE,
                Notice(Code.CALLBACK_PORT_BUSY, (f"{self._host}:{self.port}",))) from exc
        self.port = int(self._server.sockets[0].getsockname()[1])
        log.info("waiting for the sign-in redirect on %s:%d", LOOPBACK_HOST, self.port)
        return self.redirect_uri

    async def result(self) -> Authorization:
        assert self._outcome is not None, "start() first"
        return await asyncio.shield(self._outcome)

    async def close(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.close()
            with contextlib.suppress(Exception):
                await server.wait_closed()
        if self._outcome is not None:
            if not self._outcome.done():
                self._outcome.cancel()
            elif not self._outcome.cancelled():
                self._outcome.exception()  # mark retrieved: result() has raised it already, or nobody asked

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            try:
                head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), REQUEST_READ_TIMEOUT)
            except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError, ConnectionError):
                return
            if len(head) > MAX_REQUEST_HEAD:
                return
            request_line = head.split(b"\r\n", 1)[0].decode("latin-1")
            parts = request_line.split(" ")
            if len(parts) != 3 or parts[0] != "GET" or not parts[2].startswith("HTTP/"):
                await self._answer(writer, 405, _page("Not supported", "This address only answers sign-in."))
                return
            target = urlsplit(parts[1])
            if target.path != self._path or self._outcome is None or self._outcome.done():
                await self._answer(writer, 404, _page("Not found", "Nothing here."))
                return
            params = {k: v[0] for k, v in parse_qs(target.query, keep_blank_values=True).items()}
            status, body = self._settle(params)
            await self._answer(writer, status, body)
        finally:
            with contextlib.suppress(Exception):
                writer.close()
                await writer.wait_closed()

    def _settle(self, params: dict[str, str]) -> tuple[int, bytes]:
        """Decide the outcome of the attempt from the redirect's parameters; returns the page to show."""
        assert self._outcome is not None
        back = "You can close this tab and return to Atelier."
        state = params.get("state", "")
        if not secrets.compare_digest(state.encode(), self._expected_state.encode()):
            # Not the answer to our request (a stale tab, another program or web page that found the
            # port): refuse it and keep waiting for the real one, so nobody else can end this sign-in.
            self.refused += 1
            log.warning("ignored a sign-in answer that does not belong to this attempt")
            return 400, _page("This sign-in link is not valid", "Atelier is still waiting for your sign-in.")
        error = params.get("error")
        if error == "access_denied":
            self._outcome.set_exception(SignInError(
                SignInFailure.DENIED, Notice(Code.DENIED_IN_BROWSER)))
            return 200, _page("Sign-in cancelled", back)
        if error or not params.get("code"):
            log.warning("the marketplace refused the sign-in request: %s", error or "no code")
            self._outcome.set_exception(SignInError(
                SignInFailure.REFUSED,
                Notice(Code.SIGN_IN_REQUEST_REFUSED, (error or "no code",)),
            ))
            return 400, _page("Sign-in failed", back)
        self._outcome.set_result(Authorization(code=params["code"]))
        return 200, _page("You are signed in to Atelier", back)

    @staticmethod
    async def _answer(writer: asyncio.StreamWriter, status: int, body: bytes) -> None:
        reason = {200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed"}[status]
        head = (
            f"HTTP/1.1 {status} {reason}\r\n"
            "Content-Type: text/html; charset=utf-8\r\n"
            f"Content-Length: {len(body)}\r\n"
            "Cache-Control: no-store\r\n"
            "Referrer-Policy: no-referrer\r\n"
            "Connection: close\r\n\r\n"
        )
        with contextlib.suppress(ConnectionError):
            writer.write(head.encode("latin-1") + body)
            await writer.drain()
