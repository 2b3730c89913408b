"""A real browser for sign-in tests: Debian's headless Chromium driven through chromedriver, with a tiny W3C
WebDriver client over httpx (no selenium, no browser downloads: the system's /usr/bin/chromium is used).

    with HeadlessChromium.launch() as browser:
        opener = browser.signer_in("demo@atelier.test", "demo")   # what the app calls with the authorize URL
        ...
        opener.wait(); assert opener.error is None

Tests that need it call ``require_chromium()``: it skips when Chromium or chromedriver is missing, except in
CI (env CI=true), where a missing browser is a failure.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf"  # W3C WebDriver's web element identifier
# As root in a container: no sandbox; nothing that phones home, updates or syncs (desktop/ARCHITECTURE.md,
# Headless Linux).
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
    "--window-size=900,900",
)


def find_chromium() -> tuple[str, str] | None:
    """(browser, chromedriver) paths, or None."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


def require_chromium() -> tuple[str, str]:
    found = find_chromium()
    if found is None:
        message = "Chromium and chromedriver are needed (apt-get install chromium chromium-driver)"
        if os.environ.get("CI") == "true":
            pytest.fail(message + "; CI installs them from .ci/packages-signin.txt")
        pytest.skip(message)
    return found


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class WebDriverError(RuntimeError):
    pass


class HeadlessChromium:
    def __init__(self, browser: str, driver: str) -> None:
        self._profile = tempfile.mkdtemp(prefix="atelier-chromium-")  # an empty --user-data-dir
        port = _free_port()
        self._driver = subprocess.Popen(
            [driver, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self._http = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60)
        self._wait_ready()
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "pageLoadStrategy": "normal",
            "goog:chromeOptions": {"binary": browser,
                                   "args": [*CHROMIUM_FLAGS, f"--user-data-dir={self._profile}"]},
        }}}
        self.session_id = str(self._call("POST", "/session", caps)["sessionId"])

    @classmethod
    @contextlib.contextmanager
    def launch(cls) -> Iterator[HeadlessChromium]:
        browser, driver = require_chromium()
        chromium = cls(browser, driver)
        try:
            yield chromium
        finally:
            chromium.close()

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.HTTPError):
                if self._http.get("/status").json()["value"]["ready"]:
                    return
            time.sleep(0.05)
        raise WebDriverError("chromedriver did not start")

    def _call(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        response = self._http.request(method, path, json=body if method == "POST" else None)
        data = response.json()
        value = data.get("value") if isinstance(data, dict) else None
        if response.status_code != 200:
            detail = value.get("message", "") if isinstance(value, dict) else response.text
            raise WebDriverError(f"{method} {path}: {response.status_code} {detail[:300]}")
        if path == "/session":
            return value
        return value

    def _session(self, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
        return self._call(method, f"/session/{self.session_id}{path}", body)

    # -- the few commands a sign-in needs -----------------------------------------------------------------
    def go(self, url: str) -> None:
        self._session("POST", "/url", {"url": url})

    def url(self) -> str:
        return str(self._session("GET", "/url"))

    def page_text(self) -> str:
        return str(self._session("POST", "/execute/sync",
                                 {"script": "return document.body.innerText", "args": []}))

    def find(self, css: str) -> str:
        return str(self._session("POST", "/element", {"using": "css selector", "value": css})[ELEMENT_KEY])

    def exists(self, css: str) -> bool:
        return bool(self._session("POST", "/elements", {"using": "css selector", "value": css}))

    def type(self, css: str, text: str) -> None:
        element = self.find(css)
        self._session("POST", f"/element/{element}/clear", {})
        self._session("POST", f"/element/{element}/value", {"text": text})

    def click(self, css: str) -> None:
        self._session("POST", f"/element/{self.find(css)}/click", {})

    def wait_for(self, predicate: Any, timeout: float = 15.0) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise WebDriverError(f"timed out; the browser is at {self.url()}")
            time.sleep(0.05)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._session("DELETE", "")
        self._http.close()
        self._driver.terminate()
        try:
            self._driver.wait(10)
        except subprocess.TimeoutExpired:
            self._driver.kill()
            self._driver.wait()
        shutil.rmtree(self._profile, ignore_errors=True)

    def signer_in(self, email: str, password: str, *, first_password: str | None = None,
                  decision: str = "allow") -> BrowserUser:
        return BrowserUser(self, email, password, first_password, decision)


@dataclass
class BrowserUser:
    """The app's ``open_browser``: in a thread (the app's loop must keep serving the loopback redirect),
    the browser opens the URL, optionally fails a password first, then signs in (or cancels)."""

    browser: HeadlessChromium
    email: str
    password: str
    first_password: str | None = None
    decision: str = "allow"
    opened: list[str] = field(default_factory=list)
    final_text: str = ""
    saw_wrong_password_error: bool = False
    error: BaseException | None = None
    _thread: threading.Thread | None = None

    def __call__(self, url: str) -> bool:
        self.opened.append(url)
        self._thread = threading.Thread(target=self._run, args=(url,), name="chromium-user", daemon=True)
        self._thread.start()
        return True

    def _run(self, url: str) -> None:
        b = self.browser
        try:
            b.go(url)
            b.wait_for(lambda: b.exists("#email"))
            if self.first_password is not None:
                b.type("#email", self.email)
                b.type("#password", self.first_password)
                b.click("#allow")
                b.wait_for(lambda: b.exists("#error"))
                self.saw_wrong_password_error = "Wrong e-mail or password" in b.page_text()
            b.type("#email", self.email)
            b.type("#password", self.password)
            b.click("#allow" if self.decision == "allow" else "#deny")
            b.wait_for(lambda: b.url().startswith("http://127.0.0.1:") and "/oauth/callback" in b.url())
            b.wait_for(lambda: "Atelier" in b.page_text())
            self.final_text = b.page_text()
        except BaseException as exc:
            self.error = exc

    def wait(self, timeout: float = 30.0) -> None:
        if self._thread is not None:
            self._thread.join(timeout)
