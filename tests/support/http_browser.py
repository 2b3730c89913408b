"""A scripted "browser" over httpx for sign-in tests that need no real one: it loads the authorize page,
posts the form like a user would, and follows the redirect to the app's loopback listener — optionally
tampering with it on the way (a wrong state, a stolen code)."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx

HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


@dataclass
class HttpBrowser:
    email: str = "demo@atelier.test"
    password: str = "demo"
    decision: str = "allow"
    # Rewrites the redirect's query parameters before the browser follows it (None: follow as it is).
    tamper: Callable[[dict[str, str]], dict[str, str]] | None = None
    opened: list[str] = field(default_factory=list)
    redirected_to: str = ""
    landing_page: str = ""
    task: asyncio.Task[None] | None = None

    def __call__(self, url: str) -> bool:
        self.opened.append(url)
        self.task = asyncio.ensure_future(self._browse(url))
        return True

    async def _browse(self, url: str) -> None:
        async with httpx.AsyncClient(timeout=10, follow_redirects=False) as http:
            page = await http.get(url)
            assert page.status_code == 200, page.text
            form = {name: unescape(value) for name, value in HIDDEN.findall(page.text)}
            form.update(email=self.email, password=self.password, decision=self.decision)
            origin = urlsplit(url)
            answer = await http.post(f"{origin.scheme}://{origin.netloc}/oauth/authorize", data=form)
            assert answer.status_code == 302, answer.text
            location = answer.headers["location"]
            if self.tamper is not None:
                parts = urlsplit(location)
                query = self.tamper(dict(parse_qsl(parts.query)))
                location = urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))
            self.redirected_to = location
            landing = await http.get(location)
            self.landing_page = landing.text
