"""The proposal services' phrases (plain English below the UI), marked for translation in the "services"
context; ``i18n.service_text`` knows them through ``i18n.SERVICE_PHRASES``."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QT_TRANSLATE_NOOP

PHRASES: frozenset[str] = frozenset(cast("tuple[str, ...]", (
    # desktop/storage/templates.py
    QT_TRANSLATE_NOOP("services", "A template needs a name."),
    QT_TRANSLATE_NOOP("services", "A template needs some text."),
    QT_TRANSLATE_NOOP("services", "A template with this name already exists."),
    QT_TRANSLATE_NOOP("services", "This template no longer exists."),
    # desktop/core/models.py (ProposalDraft.problems)
    QT_TRANSLATE_NOOP("services", "Describe every milestone."),
    QT_TRANSLATE_NOOP("services", "Every milestone needs an amount above zero."),
    QT_TRANSLATE_NOOP("services", "The milestones must add up to the bid."),
    QT_TRANSLATE_NOOP("services", "Answer every screening question."),
    # desktop/services/proposals.py
    QT_TRANSLATE_NOOP("services", "Not enough Connects: this proposal needs %1 and you have %2."),
)))
