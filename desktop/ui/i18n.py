"""The interface language: Atelier's catalog and Qt's own, installed on the application before any window.

``install(app, language)`` loads ``resources/translations/atelier_<lang>.qm`` and Qt's ``qtbase_<lang>.qm``
(standard buttons and dialogs) for one language: the one asked for (``--lang``, then the ``language``
setting) or, when none is, the system's. It also makes that language QLocale's default, so dates and numbers
formatted through QLocale follow it. English needs no catalog; a language without one falls back to English
with one log line. Only the chosen catalog's files are opened: no directory is scanned.

What the layers below the UI tell the user comes as notices (codes), put into the interface language by
``desktop/ui/notices.py``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

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
