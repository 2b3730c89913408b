"""Where a search's words stand in a text, as the full-text search matched them: each word of the query is
a prefix of a word of the text, case and accents aside ("resu" finds "Résumé"). For highlighting results;
no Qt here (the delegates paint the spans)."""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W_]+")  # the words the search index sees (storage/fts.py)


def _fold(char: str) -> str:
    """One character as the index compares it: case-folded, accents removed (may be empty or longer)."""
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base.casefold()


def terms(query: str) -> list[str]:
    """The query's words, folded, longest first (a longer match wins where two overlap)."""
    found = {"".join(_fold(c) for c in word) for word in _WORD.findall(unicodedata.normalize("NFKC", query))}
    return sorted((t for t in found if t), key=len, reverse=True)


def matches(query: str, *texts: str) -> bool:
    """Every word of ``query`` starts a word of one of ``texts``: what the search index would find."""
    words = ["".join(_fold(c) for c in word) for text in texts for word in _WORD.findall(text)]
    return all(any(word.startswith(term) for word in words) for term in terms(query))


def spans(text: str, query: str) -> list[tuple[int, int]]:
    """(start, end) of each stretch of ``text`` a word of ``query`` matched, in order, never overlapping."""
    wanted = terms(query)
    if not wanted or not text:
        return []
    found: list[tuple[int, int]] = []
    for word in _WORD.finditer(text):
        folded = ""
        ends: list[int] = []  # folded length after each character of the word
        for char in word.group():
            folded += _fold(char)
            ends.append(len(folded))
        for term in wanted:
            if folded.startswith(term):
                # the shortest run of the word's characters whose folded form covers the term
                count = next(i + 1 for i, end in enumerate(ends) if end >= len(term))
                found.append((word.start(), word.start() + count))
                break
    return found


def excerpt(text: str, query: str, *, before: int = 24) -> tuple[str, int]:
    """The text from a little before its first match (at a word's start), and how many characters were
    cut from the front (0: it starts at the beginning). A result's one-line snippet then shows why it
    matched instead of the description's first words."""
    found = spans(text, query)
    if not found or found[0][0] <= before * 2:
        return text, 0
    start = max(0, found[0][0] - before)
    space = text.find(" ", start, found[0][0])
    if space != -1:
        start = space + 1
    return text[start:], start
