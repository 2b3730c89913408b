"""Text from the marketplace (job titles, names, messages) is text: never markup, never a direction trick.

Qt shows a tooltip as rich text when it "might be" HTML, so an ``<img src="http://…">`` in a job title
would be interpreted there. ``tooltip()`` is the one way server text reaches a tooltip: control characters
that reorder or hide text are removed, the text is shortened, and it is handed to Qt already converted from
plain text (so ``<`` shows as ``<``). ``clean()`` is the same for text painted or shown elsewhere.
"""

from __future__ import annotations

import re

from PySide6.QtGui import Qt

from desktop.core.text import fill

__all__ = ["TOOLTIP_LIMIT", "clean", "fill", "tooltip"]

# Bidirectional embeddings, overrides and isolates (U+202A–202E, U+2066–2069), marks (U+200E/F, U+061C)
# and zero-width characters: "invoice\u202egpj.exe" would read as "invoice…exe.jpg".
_INVISIBLE = re.compile("[\u202a-\u202e\u2066-\u2069\u200b-\u200f\u061c\u2060\ufeff]")
TOOLTIP_LIMIT = 400
"""Characters a tooltip shows at most (a 50,000-character title made a 462,544-pixel-wide one)."""


def clean(text: str) -> str:
    """``text`` without the characters that reorder or hide what is shown."""
    return _INVISIBLE.sub("", text)


def tooltip(text: str, limit: int = TOOLTIP_LIMIT) -> str:
    """A tooltip showing ``text`` literally (no markup interpreted), cleaned, at most ``limit`` characters,
    wrapped by Qt rather than one endless line."""
    shown = clean(text)
    if len(shown) > limit:
        shown = shown[: limit - 1].rstrip() + "…"
    return Qt.convertFromPlainText(shown, Qt.WhiteSpaceMode.WhiteSpaceNormal) if shown else ""
