"""What counts as text a person can see (a message of only invisible characters is blank)."""

from __future__ import annotations

# Letters and symbols that render as nothing although Unicode does not call them spaces or format characters.
_INVISIBLE = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def has_visible_text(text: str) -> bool:
    """True when `text` has a character that shows: not whitespace, not a control or format character (zero-
    width spaces and joiners, direction marks, the BOM), not an invisible filler."""
    return any(ch.isprintable() and not ch.isspace() and ch not in _INVISIBLE for ch in text)
