"""The real app, signed in through an in-memory keychain, for measuring idle memory from outside.

``python -m tests.benchmarks.idle_app BASEDIR SERVER_URL``. The keychain is in memory because this machine
has no Secret Service; everything else is the app as users run it.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import keyring

from desktop.app import main
from desktop.credentials import CredentialStore
from desktop.services.session import Session
from tests.support.memory_keyring import MemoryKeyring


def run(basedir: Path, url: str) -> int:
    keyring.set_keyring(MemoryKeyring())
    session = Session(url, "demo@atelier.test", CredentialStore())
    asyncio.run(session.sign_in_with_password("demo"))
    return main(["--basedir", str(basedir), "--server", url])


if __name__ == "__main__":
    raise SystemExit(run(Path(sys.argv[1]), sys.argv[2]))
