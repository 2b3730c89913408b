"""Typed settings, each declared once with its default and meaning, stored as JSON under the config dir.

Window geometry and similar view state belong to the UI (QSettings); this file holds what the whole app
needs to know before any window exists.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields
from datetime import time
from pathlib import Path
from typing import Any

log = logging.getLogger("atelier.settings")

MAX_KNOWN_ACCOUNTS = 10

THEMES = ("system", "light", "dark")
"""The theme setting's values: follow the system's light/dark scheme (live), or force one."""


def parse_clock(text: str) -> time | None:
    """ "HH:MM" (24-hour) as a time of day; None when it is not one."""
    hours, sep, minutes = text.strip().partition(":")
    if not sep or not hours.isdigit() or not minutes.isdigit() or len(minutes) != 2 or len(hours) > 2:
        return None
    h, m = int(hours), int(minutes)
    return time(h, m) if h < 24 and m < 60 else None


@dataclass(frozen=True, slots=True)
class QuietHours:
    """A daily span of local time without notifications; ``start`` after ``end`` runs across midnight
    (22:00–07:00). Equal bounds make an empty span: no quiet time at all."""

    start: time
    end: time

    def contains(self, moment: time) -> bool:
        moment = moment.replace(second=0, microsecond=0, tzinfo=None)
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end


@dataclass(frozen=True, slots=True)
class KnownAccount:
    """An account signed in on this computer (its tokens, if kept, are in the keychain, never here)."""

    server_url: str
    account: str
    kind: str = field(default="reference", compare=False)
    """Which adapter speaks to its marketplace (services.marketplaces.MarketplaceKind); not part of its
    identity: one account on one server is one account."""


@dataclass(slots=True)
class Settings:
    server_url: str = ""
    """The marketplace to talk to; empty means none chosen yet."""
    account: str = ""
    """The signed-in account's e-mail on that server."""
    accounts: list[dict[str, str]] = field(default_factory=list)
    """Accounts signed in on this computer, most recently used first: {"server_url", "account", "kind"}."""
    language: str = ""
    """Interface language as a code ("fr", "fr_CA", "en"); empty follows the system. `--lang` overrides it."""
    demo_seed: int = 7
    """Seed of the embedded demo marketplace (same seed, same data)."""
    demo_simulate: bool = True
    """Whether the demo marketplace is alive (new jobs, replies, payments)."""
    demo_sim_interval: float = 4.0
    """Real seconds between two moves of the demo's simulator (the Upwork-shaped demo makes one change set
    each time; the reference demo lets `demo_pace` × this many simulated seconds pass)."""
    demo_pace: float = 60.0
    """How much faster than real time the demo marketplace lives: simulated seconds per real second. 60 plays
    a freelancer's week (a few new jobs an hour, a few invitations a day, proposals that move over hours and
    days, money that clears in 10 days) in about 2.8 hours; 1 is real time."""
    theme: str = "system"
    """"system" (follow the system's light or dark scheme, live), "light" or "dark"."""
    notifications: bool = True
    """Desktop notifications for what arrives while the window is in the background."""
    quiet_hours: bool = False
    """Whether notifications pause every day from ``quiet_from`` to ``quiet_to`` (local time)."""
    quiet_from: str = "22:00"
    """Start of the quiet hours, "HH:MM" (24-hour, local time)."""
    quiet_to: str = "08:00"
    """End of the quiet hours, "HH:MM"; earlier than the start means the next morning."""
    start_at_login: bool = False
    """Open Atelier when the user logs in to the computer (desktop/autostart.py writes the entry)."""

    @classmethod
    def load(cls, path: Path) -> Settings:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            log.warning("settings unreadable (%s); using defaults", exc)
            return cls()
        if not isinstance(raw, dict):
            return cls()
        known = {f.name: f for f in fields(cls)}
        values: dict[str, Any] = {}
        defaults = cls()
        for name, value in raw.items():
            if name in known and isinstance(value, type(getattr(defaults, name))):
                values[name] = value
        for name in ("demo_sim_interval", "demo_pace"):  # a rate of 0, a negative one or inf cannot run
            if name in values and not 0 < values[name] < float("inf"):
                log.warning("setting %s=%r is not a positive number; using %s", name, values[name],
                            getattr(defaults, name))
                del values[name]
        settings = cls(**values)
        if settings.theme not in THEMES:
            settings.theme = defaults.theme
        for name in ("quiet_from", "quiet_to"):
            if parse_clock(getattr(settings, name)) is None:
                setattr(settings, name, getattr(defaults, name))
        settings.accounts = [asdict(known) for known in settings.known_accounts()]
        if settings.server_url and settings.account:  # settings written before the list existed
            settings.remember_account(settings.server_url, settings.account)
        return settings

    def quiet_window(self) -> QuietHours | None:
        """The quiet hours when they are on (None: notifications at any hour)."""
        start, end = parse_clock(self.quiet_from), parse_clock(self.quiet_to)
        if not self.quiet_hours or start is None or end is None:
            return None
        return QuietHours(start, end)

    def known_accounts(self) -> list[KnownAccount]:
        """The remembered accounts, most recent first; malformed or repeated entries are skipped."""
        found: list[KnownAccount] = []
        for entry in self.accounts:
            if not isinstance(entry, dict):
                continue
            server_url, account = entry.get("server_url"), entry.get("account")
            kind = entry.get("kind", "reference")
            if (isinstance(server_url, str) and isinstance(account, str) and server_url and account
                    and isinstance(kind, str)):
                known = KnownAccount(server_url.rstrip("/"), account, kind)
                if known not in found:
                    found.append(known)
        return found[:MAX_KNOWN_ACCOUNTS]

    def remember_account(self, server_url: str, account: str, kind: str | None = None) -> None:
        """Put the account first in the list (and make it the one opened at the next start); ``kind``
        None keeps what was known of it."""
        chosen = KnownAccount(server_url.rstrip("/"), account,
                              kind if kind is not None else self.kind_of(server_url, account))
        others = [known for known in self.known_accounts() if known != chosen]
        self.accounts = [asdict(known) for known in [chosen, *others][:MAX_KNOWN_ACCOUNTS]]
        self.server_url, self.account = chosen.server_url, chosen.account

    def kind_of(self, server_url: str, account: str) -> str:
        """The adapter kind remembered for an account ("reference" for one never seen)."""
        wanted = KnownAccount(server_url.rstrip("/"), account)
        return next((known.kind for known in self.known_accounts() if known == wanted), "reference")

    def forget_account(self, server_url: str, account: str) -> None:
        """Drop a signed-out account from the list; if it was the current one, none is current any more."""
        gone = KnownAccount(server_url.rstrip("/"), account)
        self.accounts = [asdict(known) for known in self.known_accounts() if known != gone]
        if KnownAccount(self.server_url.rstrip("/"), self.account) == gone:
            self.account = ""

    def save(self, path: Path) -> None:
        """Atomic write: a crash mid-save never leaves a half-written settings file."""
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".settings-")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(asdict(self), handle, indent=2, sort_keys=True)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
