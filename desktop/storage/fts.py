"""User search text -> a safe FTS5 MATCH expression.

Every run of letters/digits becomes a quoted prefix term (``"word"*``) and the terms are AND-ed. Only
letters and digits reach FTS5, always inside double quotes, so no user input can form FTS5 syntax
(``NEAR``, ``OR``, ``-``, ``:``, ``^``, unbalanced quotes …). Input without a single word gives
``None``: no full-text filter at all.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata

_WORD = re.compile(r"[^\W_]+")
MAX_TERMS = 16
MAX_TERM_LENGTH = 64


def match_expression(query: str) -> str | None:
    text = unicodedata.normalize("NFKC", query)
    terms: list[str] = []
    for word in _WORD.findall(text):
        term = word[:MAX_TERM_LENGTH]
        if term not in terms:
            terms.append(term)
        if len(terms) >= MAX_TERMS:
            break
    if not terms:
        return None
    return " ".join(f'"{term}"*' for term in terms)


def is_fts_syntax_error(exc: sqlite3.Error) -> bool:
    """A MATCH expression FTS5 refused; the builder should make this impossible, this is the net."""
    return isinstance(exc, sqlite3.OperationalError) and str(exc).startswith("fts5:")
