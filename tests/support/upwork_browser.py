"""A scripted browser for Upwork's sign-in (the Upwork-shaped server's pages): logs in, allows, and follows
the redirect to Atelier's listener, or stops on a callback page nothing answers (the user then copies its
address from the address bar)."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import urlsplit

import httpx

HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


@dataclass
class UpworkBrowser:
    """Logs in, allows, and follows the redirect (to Atelier's listener), or stops on the callback page
    when it is an address nothing answers (the user then copies it from the address bar)."""

    email: str = "freelancer@upwork.test"
    password: str = "demo"
    follow: bool = True
    ended_on: str = ""
    task: asyncio.Task[None] | None = None
    opened: list[str] = field(default_factory=list)

    def __call__(self, url: str) -> bool:
        self.opened.append(url)
        self.task = asyncio.ensure_future(self._browse(url))
        return True

    async def _browse(self, url: str) -> None:
        origin = urlsplit(url)
        action = f"{origin.scheme}://{origin.netloc}{origin.path}"
        async with httpx.AsyncClient(timeout=10, follow_redirects=False) as http:
            page = await http.get(url)
            form = {k: unescape(v) for k, v in HIDDEN.findall(page.text)}
            consent = await http.post(action, data={**form, "email": self.email, "password": self.password})
            form = {k: unescape(v) for k, v in HIDDEN.findall(consent.text)}
            answer = await http.post(action, data={**form, "decision": "allow"})
            assert answer.status_code == 302, answer.text
            self.ended_on = answer.headers["location"]
            if self.follow:
                await http.get(self.ended_on)
