"""Signing in to Upwork with the user's own API key against the Upwork-shaped server: the browser is a
scripted httpx one that fills Upwork's sign-in and consent pages like a user would."""

from __future__ import annotations

import asyncio
import json
import socket
from typing import Any

import httpx
import pytest

from desktop.api.oauth import SignInError, SignInFailure
from desktop.credentials import CredentialStore
from desktop.services.browser import open_in_browser
from desktop.services.marketplaces import AppKey, load_app_key
from desktop.services.signin import SignInPhase
from desktop.services.upwork_signin import UpworkSignInFlow, loopback_target
from tests.support.memory_keyring import MemoryKeyring
from tests.support.upwork_browser import UpworkBrowser


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _key(server: Any) -> AppKey:
    return AppKey(server.CLIENT_ID, server.CLIENT_SECRET)


async def test_a_loopback_callback_signs_in_by_itself_and_keeps_key_and_tokens_in_the_keychain(
        upwork_sandbox: Any, memory_keyring: MemoryKeyring) -> None:
    browser = UpworkBrowser()
    redirect = f"http://127.0.0.1:{_free_port()}/callback"
    flow = UpworkSignInFlow(upwork_sandbox.url, _key(upwork_sandbox), redirect, CredentialStore(), browser)
    assert not flow.needs_paste
    result = await asyncio.wait_for(flow.run(), 30)
    assert result.session.account == upwork_sandbox.DEMO_EMAIL
    assert result.session.signed_in
    sent = httpx.URL(browser.opened[0])
    assert sent.path == "/ab/account-security/oauth2/authorize"
    assert "scope" not in sent.params
    assert sent.params["client_id"] == upwork_sandbox.CLIENT_ID
    assert sent.params["redirect_uri"] == redirect
    stored = memory_keyring.entries[("Atelier", result.session.entry)]
    assert set(json.loads(stored)) >= {"access_token", "refresh_token"}
    assert load_app_key(CredentialStore(), upwork_sandbox.url) == _key(upwork_sandbox)  # asked only once
    assert upwork_sandbox.CLIENT_SECRET not in repr(load_app_key(CredentialStore(), upwork_sandbox.url))


async def test_a_callback_elsewhere_is_pasted_back_and_a_wrong_paste_keeps_waiting(
        upwork_sandbox: Any) -> None:
    browser = UpworkBrowser(follow=False)
    flow = UpworkSignInFlow(upwork_sandbox.url, _key(upwork_sandbox), "https://atelier.invalid/callback",
                            CredentialStore(), browser)
    assert flow.needs_paste
    running = asyncio.ensure_future(flow.run())
    while not browser.ended_on:  # noqa: ASYNC110 (the scripted browser has no event to wait on)
        await asyncio.sleep(0.02)
    assert browser.ended_on.startswith("https://atelier.invalid/callback?code=")
    flow.submit_callback("https://atelier.invalid/callback?code=forged&state=not-ours")
    await asyncio.sleep(0.1)
    assert not running.done()  # a paste that is not the answer to this attempt is refused, the flow waits
    assert flow.paste_error
    flow.submit_callback(browser.ended_on)
    result = await asyncio.wait_for(running, 30)
    assert result.me.email == upwork_sandbox.DEMO_EMAIL


async def test_a_wrong_secret_is_refused_with_a_clear_reason(upwork_sandbox: Any) -> None:
    browser = UpworkBrowser()
    redirect = f"http://127.0.0.1:{_free_port()}/callback"
    flow = UpworkSignInFlow(upwork_sandbox.url, AppKey(upwork_sandbox.CLIENT_ID, "not-the-secret"), redirect,
                            CredentialStore(), browser)
    with pytest.raises(SignInError) as caught:
        await asyncio.wait_for(flow.run(), 30)
    assert caught.value.reason is SignInFailure.CODE_REJECTED
    assert "not-the-secret" not in caught.value.message


def test_only_an_address_on_this_computer_is_listened_on() -> None:
    assert loopback_target("http://127.0.0.1:5816/callback") == ("127.0.0.1", 5816, "/callback")
    assert loopback_target("http://localhost:9000/") == ("127.0.0.1", 9000, "/")
    assert loopback_target("https://127.0.0.1:5816/callback") is None  # we serve no TLS
    assert loopback_target("http://localhost.evil.example:80/cb") is None
    assert loopback_target("http://127.0.0.1/callback") is None  # no port: nothing to listen on


async def test_no_browser_for_upwork_shows_the_link_and_keeps_waiting(
        upwork_sandbox: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """BROWSER is a command that fails: the flow says so (the link is shown) and the loopback listener
    keeps waiting; the link opened by hand signs in."""
    monkeypatch.setenv("BROWSER", "false")
    phases: list[SignInPhase] = []
    redirect = f"http://127.0.0.1:{_free_port()}/callback"
    flow = UpworkSignInFlow(upwork_sandbox.url, _key(upwork_sandbox), redirect, CredentialStore(),
                            lambda url: open_in_browser(url, settle=1.0), on_phase=phases.append)
    running = asyncio.ensure_future(flow.run())
    for _ in range(200):
        if SignInPhase.BROWSER_FAILED in phases:
            break
        await asyncio.sleep(0.05)
    assert phases == [SignInPhase.WAITING_FOR_BROWSER, SignInPhase.BROWSER_FAILED]
    assert not running.done()
    UpworkBrowser()(flow.authorize_url or "")
    result = await asyncio.wait_for(running, 30)
    assert result.session.account == upwork_sandbox.DEMO_EMAIL
    assert result.session.signed_in
