"""``bound(fn, *args)``: a cache read or write with its arguments fixed now, for calls made in a loop (a
lambda would see the loop's last value; a lambda with default arguments defeats the type checker)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


def bound(fn: Callable[Concatenate[sqlite3.Connection, P], T], *args: P.args,
          **kwargs: P.kwargs) -> Callable[[sqlite3.Connection], T]:
    return lambda conn: fn(conn, *args, **kwargs)
