"""Where Atelier keeps its files: platform directories, or everything under one --basedir."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "Atelier"


@dataclass(frozen=True, slots=True)
class AppPaths:
    config: Path
    data: Path
    cache: Path
    logs: Path

    @classmethod
    def platform(cls) -> AppPaths:
        return cls(
            config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
            data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            cache=Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
            logs=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        )

    @classmethod
    def under(cls, basedir: Path) -> AppPaths:
        """Every file below one folder: for tests, portable installs and side-by-side profiles."""
        base = basedir.expanduser().resolve()
        return cls(config=base / "config", data=base / "data", cache=base / "cache", logs=base / "logs")

    def ensure(self) -> AppPaths:
        for folder in (self.config, self.data, self.cache, self.logs):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        return self

    def account_db(self, server_url: str, account: str) -> Path:
        """One cache file per account and server, so switching accounts never mixes their data."""
        key = hashlib.sha256(f"{server_url.rstrip('/')}\n{account}".encode()).hexdigest()[:16]
        return self.data / "accounts" / key / "cache.sqlite3"

    @property
    def log_file(self) -> Path:
        return self.logs / "atelier.log"

    @property
    def crash_file(self) -> Path:
        return self.logs / "crash.log"

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.ini"
