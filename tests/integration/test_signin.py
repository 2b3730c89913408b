"""Signing in through the browser flow against the real sandbox, and every way it can be refused.

The browser here is a scripted httpx one (tests/support/http_browser.py); test_signin_browser.py does the
same with a real headless Chromium.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from desktop.api import oauth
from desktop.api.auth import TokenSet
from desktop.api.client import MarketplaceClient
from desktop.api.oauth import SignInError, SignInFailure
from desktop.core.errors import AuthError
from desktop.credentials import CredentialStore
from desktop.sandbox.harness import SandboxServer
from desktop.services import signin as signin_module
from desktop.services.browser import browser_commands, open_in_browser
from desktop.services.session import Session
from desktop.services.signin import SignInFlow, SignInPhase
from tests.support.http_browser import HttpBrowser
from tests.support.memory_keyring import MemoryKeyring

DEMO = "demo@atelier.test"


@pytest.fixture
def short_lived(tmp_path: Any) -> Iterator[SandboxServer]:
    """Access tokens of one second, refresh tokens of three, a rotation grace of half a second."""
    with SandboxServer(tmp_path / "m.sqlite3", seed=3, jobs=40, access_token_ttl=1, refresh_token_ttl=3,
                       refresh_grace=0.5) as server:
        yield server


async def sign_in(server: SandboxServer, browser: HttpBrowser | None = None, **kw: Any) -> Session:
    flow = SignInFlow(server.url, CredentialStore(), browser or HttpBrowser(), **kw)
    return (await flow.run()).session


async def test_browser_sign_in_ends_with_tokens_in_the_keychain(sandbox: SandboxServer,
                                                                memory_keyring: MemoryKeyring) -> None:
    phases: list[SignInPhase] = []
    browser = HttpBrowser()
    flow = SignInFlow(sandbox.url + "/", CredentialStore(), browser, on_phase=phases.append)
    result = await flow.run()
    assert result.me.email == DEMO
    assert result.session.account == DEMO
    assert result.session.server_url == sandbox.url
    assert result.session.signed_in
    assert phases == [SignInPhase.WAITING_FOR_BROWSER, SignInPhase.FINISHING, SignInPhase.DONE]
    # The browser was sent to the authorize page with PKCE S256 and a state, redirect on loopback.
    sent = httpx.URL(browser.opened[0])
    assert sent.path == "/oauth/authorize"
    assert sent.params["code_challenge_method"] == "S256"
    assert sent.params["redirect_uri"].startswith("http://127.0.0.1:")
    assert "close this tab" in browser.landing_page
    # One keychain entry for this account on this server; a fresh Session finds it (a restart).
    stored = memory_keyring.entries[("Atelier", f"{DEMO}@{sandbox.url}")]
    assert set(json.loads(stored)) >= {"access_token", "refresh_token", "expires_at"}
    restored = Session.restore(sandbox.url, DEMO, CredentialStore())
    async with MarketplaceClient(sandbox.url, restored) as api:
        assert (await api.me()).email == DEMO


async def test_a_wrong_state_is_refused_and_the_sign_in_keeps_waiting(sandbox: SandboxServer) -> None:
    """An answer with another state (a stale tab, or any program that finds the port) gets a 400 and does
    not end the attempt: only the timeout or the real answer does."""
    browser = HttpBrowser(tamper=lambda q: {**q, "state": "forged"})
    with pytest.raises(SignInError) as caught:
        await sign_in(sandbox, browser, timeout=1.5)
    assert caught.value.reason is SignInFailure.TIMED_OUT
    assert "not valid" in browser.landing_page
    assert sandbox.store.token_grants_issued["authorization_code"] == 0  # the code was never exchanged


async def test_a_forged_answer_before_the_real_one_does_not_cancel_the_sign_in(
        sandbox: SandboxServer) -> None:
    real = HttpBrowser()
    forged_status: list[int] = []
    tasks: list[asyncio.Task[None]] = []

    def browser(url: str) -> bool:
        redirect = httpx.URL(url).params["redirect_uri"]

        async def forge_then_browse() -> None:
            async with httpx.AsyncClient(timeout=5) as http:
                forged = await http.get(redirect, params={"code": "stolen", "state": "forged"})
                forged_status.append(forged.status_code)
            real(url)

        tasks.append(asyncio.ensure_future(forge_then_browse()))
        return True

    session = await asyncio.wait_for(sign_in(sandbox, browser), 30)  # type: ignore[arg-type]
    assert forged_status == [400]
    assert session.account == DEMO
    assert session.signed_in


async def test_a_wrong_verifier_is_refused_by_the_server(sandbox: SandboxServer,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    real = oauth.code_grant

    async def with_wrong_verifier(server_url: str, code: str, verifier: str, redirect_uri: str,
                                  **kw: Any) -> TokenSet:
        return await real(server_url, code, oauth.new_pkce().verifier, redirect_uri, **kw)

    monkeypatch.setattr(signin_module, "code_grant", with_wrong_verifier)
    with pytest.raises(SignInError) as caught:
        await sign_in(sandbox)
    assert caught.value.reason is SignInFailure.CODE_REJECTED
    assert "did not accept this sign-in" in caught.value.message


async def test_a_reused_code_is_refused_and_ends_the_sign_in_it_made(sandbox: SandboxServer,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    real = oauth.code_grant
    seen: dict[str, str] = {}

    async def remembering(server_url: str, code: str, verifier: str, redirect_uri: str,
                          **kw: Any) -> TokenSet:
        seen.update(code=code, verifier=verifier, redirect_uri=redirect_uri)
        return await real(server_url, code, verifier, redirect_uri, **kw)

    monkeypatch.setattr(signin_module, "code_grant", remembering)
    session = await sign_in(sandbox)
    signed_out: list[str] = []
    session.on_signed_out.append(lambda notice: signed_out.append(str(notice)))
    # Someone replays the code (an intercepted redirect): refused, and what it issued is revoked.
    with pytest.raises(AuthError):
        await real(sandbox.url, seen["code"], seen["verifier"], seen["redirect_uri"])
    async with MarketplaceClient(sandbox.url, session) as api:
        with pytest.raises(AuthError):
            await api.me()
    assert not session.signed_in
    assert signed_out == ["Your sign-in has expired or was revoked. Please sign in again."]


async def test_declining_in_the_browser(sandbox: SandboxServer) -> None:
    with pytest.raises(SignInError) as caught:
        await sign_in(sandbox, HttpBrowser(decision="deny"))
    assert caught.value.reason is SignInFailure.DENIED
    assert caught.value.message == "Sign-in was cancelled in the browser. Nothing was changed."


async def test_timeout_when_the_browser_never_comes_back(sandbox: SandboxServer) -> None:
    with pytest.raises(SignInError) as caught:
        await sign_in(sandbox, lambda url: True, timeout=0.3)  # type: ignore[arg-type]
    assert caught.value.reason is SignInFailure.TIMED_OUT
    assert "No answer came back from the browser" in caught.value.message


async def test_cancel_stops_waiting_and_closes_the_listener(sandbox: SandboxServer) -> None:
    waiting = asyncio.Event()

    def on_phase(phase: SignInPhase) -> None:
        if phase is SignInPhase.WAITING_FOR_BROWSER:
            waiting.set()

    flow = SignInFlow(sandbox.url, CredentialStore(), lambda url: True, on_phase=on_phase)
    running = asyncio.ensure_future(flow.run())
    await asyncio.wait_for(waiting.wait(), 5)
    redirect = httpx.URL(httpx.URL(flow.authorize_url or "").params["redirect_uri"])
    flow.cancel()
    with pytest.raises(SignInError) as caught:
        await running
    assert caught.value.reason is SignInFailure.CANCELLED
    assert caught.value.message == "Sign-in was cancelled."
    with pytest.raises(httpx.ConnectError):
        async with httpx.AsyncClient() as http:
            await http.get(str(redirect))


async def _no_browser_then_by_hand(sandbox: SandboxServer, opener: Any) -> list[SignInPhase]:
    """No browser opens: the flow says so and keeps listening; the user opens the link in a browser by hand
    (the scripted browser here) and the sign-in finishes by itself."""
    phases: list[SignInPhase] = []
    flow = SignInFlow(sandbox.url, CredentialStore(), opener, on_phase=phases.append)
    running = asyncio.ensure_future(flow.run())
    for _ in range(200):
        if SignInPhase.BROWSER_FAILED in phases:
            break
        await asyncio.sleep(0.05)
    assert phases == [SignInPhase.WAITING_FOR_BROWSER, SignInPhase.BROWSER_FAILED]
    assert flow.browser_failed
    assert not running.done()  # still waiting for the redirect
    by_hand = HttpBrowser()
    by_hand(flow.authorize_url or "")
    result = await asyncio.wait_for(running, 20)
    assert result.me.email == DEMO
    assert result.session.signed_in
    return phases


async def test_no_browser_shows_the_link_and_keeps_waiting(sandbox: SandboxServer) -> None:
    phases = await _no_browser_then_by_hand(sandbox, lambda url: False)
    assert phases[-2:] == [SignInPhase.FINISHING, SignInPhase.DONE]


@pytest.mark.parametrize("command", ["false", "sh -c 'exit 3'", "/nonexistent/browser %s"])
async def test_a_browser_command_that_fails_is_noticed(
        sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    """BROWSER set to a command that exits with an error at once, or cannot run: the real opener the app
    uses (services.browser) reports it, and the sign-in keeps waiting for the link opened by hand."""
    monkeypatch.setenv("BROWSER", command)
    await _no_browser_then_by_hand(sandbox, lambda url: open_in_browser(url, settle=1.0))


async def test_the_browser_opener_tells_success_from_failure(tmp_path: Any) -> None:
    url = "http://127.0.0.1:9/oauth/authorize?state=x"
    seen = tmp_path / "seen.txt"
    environ = {"BROWSER": f"sh -c 'echo \"$1\" > {seen}' sh %s", "PATH": "/usr/bin:/bin"}
    assert await open_in_browser(url, environ=environ, settle=2.0)
    assert seen.read_text().strip() == url  # the address reaches the browser intact
    # A browser that keeps running is a success.
    assert await open_in_browser(url, environ={"BROWSER": "sh -c 'sleep 5' sh %s"}, settle=0.3)
    assert not await open_in_browser(url, environ={"BROWSER": "false"}, settle=1.0)
    assert await open_in_browser(url, environ={"BROWSER": f"false{os.pathsep}true"}, settle=1.0)  # the next
    assert not await open_in_browser(url, environ={"PATH": str(tmp_path)}, fallback=lambda u: False)
    assert browser_commands(url, {"PATH": str(tmp_path)}, "darwin") is None  # macOS: the system's answer


async def test_unreachable_server_for_the_exchange(sandbox: SandboxServer,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    async def offline(*_a: Any, **_kw: Any) -> TokenSet:
        from desktop.core.errors import OfflineError
        from desktop.core.notices import Code, Notice
        raise OfflineError(Notice(Code.UNREACHABLE))

    monkeypatch.setattr(signin_module, "code_grant", offline)
    with pytest.raises(SignInError) as caught:
        await sign_in(sandbox)
    assert caught.value.reason is SignInFailure.UNREACHABLE


# ---- after sign-in: rotation, expiry, revocation --------------------------------------------------------


async def test_refresh_rotates_and_the_keychain_follows(short_lived: SandboxServer,
                                                        memory_keyring: MemoryKeyring) -> None:
    session = await sign_in(short_lived)
    entry = ("Atelier", f"{DEMO}@{short_lived.url}")
    before = json.loads(memory_keyring.entries[entry])["refresh_token"]
    await asyncio.sleep(1.1)
    async with MarketplaceClient(short_lived.url, session) as api:
        assert (await api.me()).email == DEMO
    after = json.loads(memory_keyring.entries[entry])["refresh_token"]
    assert after != before
    assert session.refresh_count == 1


async def test_an_expired_refresh_token_signs_out_with_a_clear_message(short_lived: SandboxServer,
                                                                       memory_keyring: MemoryKeyring) -> None:
    session = await sign_in(short_lived)
    reasons: list[str] = []
    session.on_signed_out.append(lambda notice: reasons.append(str(notice)))
    await asyncio.sleep(3.2)
    async with MarketplaceClient(short_lived.url, session) as api:
        with pytest.raises(AuthError):
            await api.me()
    assert reasons == ["Your sign-in has expired or was revoked. Please sign in again."]
    assert not session.signed_in
    assert memory_keyring.entries == {}


async def test_a_revoked_sign_in_signs_out_with_a_clear_message(sandbox: SandboxServer) -> None:
    session = await sign_in(sandbox)
    other_device = await sign_in(sandbox)
    reasons: list[str] = []
    session.on_signed_out.append(lambda notice: reasons.append(str(notice)))
    assert await session.revoke()
    async with MarketplaceClient(sandbox.url, session) as api:
        with pytest.raises(AuthError):
            await api.me()
    assert reasons
    assert "expired or was revoked" in reasons[0]
    async with MarketplaceClient(sandbox.url, other_device) as api:
        assert (await api.me()).email == DEMO  # revoking one sign-in leaves the others


async def test_many_requests_failing_together_refresh_once(short_lived: SandboxServer) -> None:
    session = await sign_in(short_lived)
    async with MarketplaceClient(short_lived.url, session) as api:
        await asyncio.sleep(1.1)
        results = await asyncio.gather(*(api.me() for _ in range(12)))
    assert {me.email for me in results} == {DEMO}
    assert short_lived.store.token_grants_issued["refresh_token"] == 1
    assert session.refresh_count == 1


async def test_without_a_keychain_the_sign_in_lasts_for_this_session_only(sandbox: SandboxServer) -> None:
    from keyring.backends.fail import Keyring as FailKeyring

    store = CredentialStore(backend=FailKeyring())
    result = await SignInFlow(sandbox.url, store, HttpBrowser()).run()
    assert result.session.signed_in
    assert not result.session.keychain_persistent
    assert not Session.restore(sandbox.url, DEMO, CredentialStore(backend=FailKeyring())).signed_in
