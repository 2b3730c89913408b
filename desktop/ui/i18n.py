"""The interface language: Atelier's catalog and Qt's own, installed on the application before any window.

``install(app, language)`` loads ``resources/translations/atelier_<lang>.qm`` and Qt's ``qtbase_<lang>.qm``
(standard buttons and dialogs) for one language: the one asked for (``--lang``, then the ``language``
setting) or, when none is, the system's. It also makes that language QLocale's default, so dates and numbers
formatted through QLocale follow it. English needs no catalog; a language without one falls back to English
with one log line. Only the chosen catalog's files are opened: no directory is scanned.

The services below the UI speak plain English (they import no Qt). ``service_text`` turns their phrases
(status details, error messages, outbox failures) into the interface language through the "services"
context, and ``status_detail`` formats a SyncStatus's structured detail (see core.models.SyncStatus).
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.core.models import SyncStatus
from desktop.core.text import fill
from desktop.ui import proposal_texts
from desktop.ui.resources import resources_dir

log = logging.getLogger("atelier.ui.i18n")

CATALOG = "atelier"
SOURCE_LANGUAGE = QLocale.Language.English


@dataclass(slots=True)
class Translations:
    """What ``install`` did; ``remove()`` undoes it (for tests, or a change of language)."""

    locale: QLocale
    """The locale the interface follows."""
    loaded: bool = False
    """Whether Atelier's catalog for that language was installed (False: the interface is English)."""
    translators: list[QTranslator] = field(default_factory=list)
    previous_default: QLocale | None = None

    @property
    def language(self) -> str:
        """The two-letter code of the interface language ("en" when no catalog was loaded)."""
        return self.locale.name().split("_")[0] if self.loaded else "en"

    def remove(self) -> None:
        for translator in self.translators:
            QCoreApplication.removeTranslator(translator)
        self.translators.clear()
        if self.previous_default is not None:
            QLocale.setDefault(self.previous_default)
            self.previous_default = None
        self.loaded = False


class TextContext:
    """A translation context for code outside a QObject: ``class AccountDialogs(TextContext)``, then
    ``AccountDialogs.tr(text)`` or ``AccountDialogs.tr("%n item(s)", "", n)``. lupdate names the context after
    the class, as this does at run time, and sees plurals only in such ``X.tr(text, "", n)`` calls (not in
    ``QCoreApplication.translate``)."""

    @classmethod
    def tr(cls, text: str, disambiguation: str = "", n: int = -1) -> str:
        return QCoreApplication.translate(cls.__name__, text, disambiguation or None, n)


def translations_dir() -> Path | None:
    base = resources_dir()
    return base / "translations" if base is not None else None


def requested_locale(language: str) -> QLocale:
    """``"fr"``, ``"fr_CA"``, ``"fr-CA"``; empty: the system's locale."""
    return QLocale(language.replace("-", "_")) if language.strip() else QLocale.system()


def install(app: QCoreApplication, language: str = "") -> Translations:
    """Install the translators for ``language`` (empty: follow the system) on ``app``."""
    locale = requested_locale(language)
    result = Translations(locale)
    folder = translations_dir()
    if locale.language() == SOURCE_LANGUAGE:
        _install_english_plurals(app, folder, result)
        if language.strip():  # English asked for explicitly: numbers and dates follow it too
            result.previous_default = QLocale()
            QLocale.setDefault(locale)
        return result
    ours = QTranslator(app)
    # load(QLocale, ...) tries "atelier_fr_FR.qm" then "atelier_fr.qm" in that one folder: no scan.
    if folder is None or not ours.load(locale, CATALOG, "_", str(folder)):
        if locale.language() != QLocale.Language.C:
            log.info("no %s translation (%s); the interface stays in English", locale.name(),
                     language or "system locale")
        else:
            log.info("unknown language %r; the interface stays in English", language)
        _install_english_plurals(app, folder, result)
        return result
    result.translators.append(ours)
    QCoreApplication.installTranslator(ours)
    qt_own = QTranslator(app)
    if qt_own.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        result.translators.append(qt_own)
        QCoreApplication.installTranslator(qt_own)
    else:
        log.info("Qt's own %s catalog is missing; standard buttons stay in English", locale.name())
    result.previous_default = QLocale()
    QLocale.setDefault(locale)
    result.loaded = True
    log.info("interface language: %s", locale.name())
    return result


def _install_english_plurals(app: QCoreApplication, folder: Path | None, result: Translations) -> None:
    """English is the source language, so it needs no catalog, except for plurals: "%n job(s)" becomes
    "1 job" / "3 jobs" only through a catalog's numerus forms (atelier_en holds just those)."""
    plurals = QTranslator(app)
    if folder is not None and plurals.load(f"{CATALOG}_en", str(folder)):
        result.translators.append(plurals)
        QCoreApplication.installTranslator(plurals)


# -- phrases from the Qt-free services ---------------------------------------------------------------------

_CONTEXT = "services"

# Every English phrase the services, the API client and core may show, as written there (keep in step:
# tests/ui/test_i18n.py checks the sync engine's). %1, %2 stand for the parts that vary; a part that is
# itself a known phrase is translated too. QT_TRANSLATE_NOOP only marks them for lupdate.
SERVICE_PHRASES: frozenset[str] = frozenset(cast("tuple[str, ...]", (
    # desktop/services/sync.py
    QT_TRANSLATE_NOOP("services", "Starting…"),
    QT_TRANSLATE_NOOP("services", "Connecting…"),
    QT_TRANSLATE_NOOP("services", "Syncing…"),
    QT_TRANSLATE_NOOP("services", "Connecting to live updates…"),
    QT_TRANSLATE_NOOP("services", "Reconnecting…"),
    QT_TRANSLATE_NOOP("services", "Live updates ended"),
    QT_TRANSLATE_NOOP("services", "Live updates failed · retrying"),
    QT_TRANSLATE_NOOP("services", "%1 · retrying in %2 s"),
    QT_TRANSLATE_NOOP("services", "%1 · will retry"),
    QT_TRANSLATE_NOOP("services", "Sync failed unexpectedly · retrying in %1 s"),
    QT_TRANSLATE_NOOP("services", "The server is busy (rate limited)"),
    QT_TRANSLATE_NOOP("services", "The server has a problem (%1)"),
    QT_TRANSLATE_NOOP("services", "The server sent a reply Atelier could not understand"),
    # desktop/api/events.py (the live stream's state)
    QT_TRANSLATE_NOOP("services", "%1 Reconnecting in %2 s."),
    QT_TRANSLATE_NOOP("services", "Connected for live updates."),
    QT_TRANSLATE_NOOP("services", "Live updates stopped."),
    QT_TRANSLATE_NOOP("services", "The event stream answered HTTP %1."),
    QT_TRANSLATE_NOOP("services", "The event stream was refused (HTTP %1)."),
    QT_TRANSLATE_NOOP("services", "The server closed the event stream."),
    QT_TRANSLATE_NOOP("services", "The live connection went quiet."),
    QT_TRANSLATE_NOOP("services", "The live connection dropped."),
    QT_TRANSLATE_NOOP("services", "The marketplace refused our sign-in. Please sign in again."),
    QT_TRANSLATE_NOOP("services", "This account may not receive live updates."),
    # desktop/api/client.py and auth.py (errors when the server sent no message of its own)
    QT_TRANSLATE_NOOP("services", "Cannot reach the marketplace."),
    QT_TRANSLATE_NOOP("services", "The marketplace did not answer in time."),
    QT_TRANSLATE_NOOP("services", "The server sent an empty reply (HTTP %1)."),
    QT_TRANSLATE_NOOP("services", "The server sent a reply that is not JSON."),
    QT_TRANSLATE_NOOP("services", "The server sent a token reply that is not JSON."),
    QT_TRANSLATE_NOOP("services", "Please sign in again."),
    QT_TRANSLATE_NOOP("services", "This account may not do that."),
    QT_TRANSLATE_NOOP("services", "That item does not exist."),
    QT_TRANSLATE_NOOP("services", "The marketplace asks us to slow down."),
    QT_TRANSLATE_NOOP("services", "The marketplace had a problem (HTTP %1)."),
    QT_TRANSLATE_NOOP("services", "The marketplace refused the request (HTTP %1)."),
    QT_TRANSLATE_NOOP("services", "The server sent an unexpected status (HTTP %1)."),
    QT_TRANSLATE_NOOP("services", "Too many sign-in attempts. Please wait a moment and try again."),
    QT_TRANSLATE_NOOP("services", "The marketplace had a problem signing in (HTTP %1)."),
    QT_TRANSLATE_NOOP("services", "Sign-in was refused (HTTP %1)."),
    # desktop/services/signin.py
    QT_TRANSLATE_NOOP("services", "That does not look like a marketplace address "
                                  "(for example https://example.com)."),
    QT_TRANSLATE_NOOP("services", "Sign-in was cancelled."),
    QT_TRANSLATE_NOOP("services", "Signed in, but the account could not be read: %1"),
    QT_TRANSLATE_NOOP("services", "No answer came back from the browser within %1 minute. Please try again."),
    QT_TRANSLATE_NOOP("services", "No answer came back from the browser within %1 minutes. "
                                  "Please try again."),
    # desktop/storage/errors.py (a write the full disk refused: the composer and the proposal form say it)
    QT_TRANSLATE_NOOP("services", "The disk is full; Atelier could not save its local cache. "
                                  "Free some disk space and try again."),
    # desktop/services/container.py, saved_searches.py and core/models.py (proposal drafts)
    QT_TRANSLATE_NOOP("services", "The local cache was damaged and has been rebuilt from the server. "
                                  "Nothing was waiting to be sent."),
    QT_TRANSLATE_NOOP("services", "The local cache was damaged and has been rebuilt from the server. "
                                  "Everything waiting to be sent (%1) was rescued and will be sent."),
    QT_TRANSLATE_NOOP("services", "The local cache was damaged and has been rebuilt from the server. "
                                  "Rescued and will be sent: %1. Not recovered in full, kept in Needs your "
                                  "attention: %2."),
    QT_TRANSLATE_NOOP("services", "The local cache was damaged and has been rebuilt from the server. "
                                  "Rescued and will be sent: %1. Could not be read at all: %2 "
                                  "(they may have been sent already)."),
    QT_TRANSLATE_NOOP("services", "The local cache was damaged and has been rebuilt from the server. "
                                  "Rescued and will be sent: %1. Not recovered in full, kept in Needs your "
                                  "attention: %2. Could not be read at all: %3 (they may have been sent "
                                  "already)."),
    QT_TRANSLATE_NOOP("services", "The local cache file is damaged; Atelier is rebuilding it from the "
                                  "server."),
    # desktop/storage/rescue.py (the reason a rescued item waits in Needs your attention)
    QT_TRANSLATE_NOOP("services", "Not sent: the local cache was damaged and this could not be recovered in "
                                  "full. Check the text before you send it again."),
    # desktop/services/exports.py
    QT_TRANSLATE_NOOP("services", "The folder %1 does not exist."),
    QT_TRANSLATE_NOOP("services", "Atelier is not allowed to write in %1."),
    QT_TRANSLATE_NOOP("services", "The disk holding %1 is full: the file was not written."),
    QT_TRANSLATE_NOOP("services", "The file could not be written (%1)."),
    QT_TRANSLATE_NOOP("services", "Give the search a name."),
    QT_TRANSLATE_NOOP("services", "Keep the name under %1 characters."),
    QT_TRANSLATE_NOOP("services", "Type search words or pick a filter first."),
    QT_TRANSLATE_NOOP("services", "The cover letter needs at least 50 characters."),
    QT_TRANSLATE_NOOP("services", "The bid must be more than zero."),
    QT_TRANSLATE_NOOP("services", "Choose a duration."),
)))

SERVICE_PHRASES |= proposal_texts.PHRASES  # the proposal services' phrases (desktop/ui/proposal_texts.py)


_PLACEHOLDER = re.compile(r"%(\d)")


def _pattern(template: str) -> re.Pattern[str]:
    parts = _PLACEHOLDER.split(template)
    # split() alternates literal text and placeholder digits: "a %1 b" -> ["a ", "1", " b"]
    regex = "".join(re.escape(part) if i % 2 == 0 else f"(?P<p{part}>.+?)" for i, part in enumerate(parts))
    return re.compile(regex + r"\Z", re.DOTALL)


_patterns: dict[str, re.Pattern[str]] = {}


@functools.cache
def _templates() -> tuple[str, ...]:
    """The phrases with varying parts, longest first (the most specific match wins)."""
    return tuple(sorted((p for p in SERVICE_PHRASES if "%" in p), key=len, reverse=True))


def service_text(text: str, depth: int = 0) -> str:
    """A phrase from the services in the interface language; unknown text (a server's own message) as is."""
    if not text or QCoreApplication.instance() is None:
        return text
    if text in SERVICE_PHRASES:
        return QCoreApplication.translate(_CONTEXT, text)
    if depth > 2:
        return text
    for template in _templates():
        pattern = _patterns.get(template)
        if pattern is None:
            pattern = _patterns[template] = _pattern(template)
        match = pattern.match(text)
        if match is not None:
            args = {int(name[1:]): value for name, value in match.groupdict().items()}
            translated = QCoreApplication.translate(_CONTEXT, template)
            return fill(translated, *[service_text(args[i], depth + 1) for i in sorted(args)])
    return text


def status_detail(status: SyncStatus) -> str:
    """The status's detail in the interface language (its ``detail`` stays English, for logs)."""
    if status.detail_key:
        template = status.detail_key
        if template in SERVICE_PHRASES:
            template = QCoreApplication.translate(_CONTEXT, template)
        return fill(template, *[service_text(arg) for arg in status.detail_args])
    return service_text(status.detail)
