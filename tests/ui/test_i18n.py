"""The French translation: the catalog is complete and compiled, the language is chosen by --lang or the
setting, the window and Qt's own buttons speak French, service phrases are translated in the UI.

Every test runs in the session's one QApplication: the ``french`` fixture installs the translators and
always removes them again, so the other tests keep seeing English.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from desktop.app import Options, interface_language, parse_args
from desktop.core.errors import OfflineError, ServerError
from desktop.core.models import ConnectionState, SyncStatus
from desktop.services.events import ActionFailed
from desktop.services.sync import describe
from desktop.settings import Settings
from desktop.ui import format as fmt
from desktop.ui import i18n
from tests.ui.fakes import FakeServices

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "atelier_fr.ts"
QM = ROOT / "resources" / "translations" / "atelier_fr.qm"
BIN = Path(sys.executable).parent
NBSP = "\u00a0"


def _tool(name: str) -> Path | None:
    found = BIN / name
    if found.is_file():
        return found
    which = shutil.which(name)
    return Path(which) if which else None


def _lupdate_sources() -> list[str]:
    """What the catalog is made from: every UI module and app.py (see resources/translations/README.md)."""
    modules = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "desktop" / "ui").glob("*.py"))
    return [*modules, "desktop/app.py"]


@pytest.fixture
def french(qapp: QApplication) -> Iterator[i18n.Translations]:
    before = QLocale()
    translations = i18n.install(qapp, "fr")
    try:
        yield translations
    finally:
        translations.remove()
    assert QApplication.translate("MainWindow", "Jobs") == "Jobs"  # English again for the other tests
    assert QLocale() == before


def _texts(widget: Any) -> set[str]:
    return {label.text() for label in widget.findChildren(QLabel)}


# -- choosing the language -----------------------------------------------------------------------------------

def test_lang_option_overrides_the_setting_for_one_run(tmp_path: Path) -> None:
    settings = Settings(language="de")
    assert parse_args([]).language is None
    assert interface_language(parse_args([]), settings) == "de"
    assert interface_language(parse_args(["--lang", "fr"]), settings) == "fr"
    assert interface_language(parse_args(["--lang", "fr"]), Settings()) == "fr"
    assert interface_language(parse_args([]), Settings()) == ""  # follow the system


def test_lang_option_is_documented(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        parse_args(["--help"])
    assert "--lang CODE" in capsys.readouterr().out


def test_language_setting_is_saved_and_loaded(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    assert Settings.load(path).language == ""
    settings = Settings(language="fr")
    settings.save(path)
    assert Settings.load(path).language == "fr"
    path.write_text('{"language": 3}', encoding="utf-8")  # wrong type: the default
    assert Settings.load(path).language == ""


def test_options_default_has_no_language() -> None:
    options = Options(demo=False, server=None, basedir=None, self_test=False, log_level="INFO")
    assert options.language is None


# -- the window in French ------------------------------------------------------------------------------------

def test_main_window_in_french(french: i18n.Translations, services: FakeServices,
                               make_window: Callable[..., Any]) -> None:
    assert french.loaded and french.language == "fr"
    why = "Cannot reach the marketplace."
    status = SyncStatus(state=ConnectionState.OFFLINE, detail=f"{why} · retrying in 8 s",
                        detail_key="%1 · retrying in %2 s", detail_args=(why, "8"), pending_outbox=2)
    window = make_window(services, status)
    labels = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert labels == ["Missions", "Propositions", "Messages", "Revenus"]
    assert window.sync_button.text() == "Synchroniser"
    assert "Trouver une mission" in _texts(window.jobs)
    assert "Mes propositions" in _texts(window.proposals)
    assert "Revenus" in _texts(window.earnings)
    assert window.status_label.text() == "Hors ligne · données en cache"
    assert shown_tooltip(window.status_label) == (
        "Impossible de joindre la place de marché. · nouvel essai dans 8 s")
    assert window.outbox_label.text() == "2 actions en attente d’envoi"


def test_status_phrases_from_the_services_in_french(french: i18n.Translations, services: FakeServices,
                                                    make_window: Callable[..., Any]) -> None:
    window = make_window(services)
    # What the engine and the API client produce, as they produce it (no Qt there).
    window.set_status(SyncStatus(state=ConnectionState.OFFLINE,
                                 detail="Cannot reach the marketplace. Reconnecting in 4 s."))
    expected = "Impossible de joindre la place de marché. Reconnexion dans 4 s."
    assert shown_tooltip(window.status_label) == expected
    busy = describe(ServerError("", 503))
    window.set_status(SyncStatus(state=ConnectionState.OFFLINE, detail=f"{busy} · retrying in 3 s",
                                 detail_key="%1 · retrying in %2 s", detail_args=(busy, "3")))
    expected = "Le serveur rencontre un problème (503) · nouvel essai dans 3 s"
    assert shown_tooltip(window.status_label) == expected
    window.set_status(SyncStatus(state=ConnectionState.SIGNED_OUT, detail="Please sign in again."))
    assert shown_tooltip(window.status_label) == "Veuillez vous reconnecter."
    window.set_status(SyncStatus(state=ConnectionState.ONLINE))
    assert shown_tooltip(window.status_label) == ""
    # An outbox action the server refused, and a message of the server's own (shown as it came).
    services.bus.emit(ActionFailed(kind="proposal:submit", message="That item does not exist."))
    assert window.notice_label.text() == "· Cet élément n’existe pas."
    assert i18n.service_text("Le client a fermé cette offre.") == "Le client a fermé cette offre."


def test_the_cache_rescue_notice_in_french_names_what_was_kept(
        french: i18n.Translations, services: FakeServices, make_window: Callable[..., Any]) -> None:
    from desktop.services import container
    from desktop.storage import rescue

    phrases = {container.CACHE_REBUILT_NOTHING_QUEUED, container.CACHE_REBUILT_ALL_RESCUED,
               container.CACHE_REBUILT_SOME_KEPT, container.CACHE_REBUILT_SOME_UNREADABLE,
               container.CACHE_REBUILT_SOME_KEPT_AND_UNREADABLE, rescue.RESCUE_REASON}
    assert phrases <= i18n.SERVICE_PHRASES
    window = make_window(services)
    kept = rescue.Lost(kind=rescue.MESSAGE_SEND, room_id="room-7", room_name="Nadia Okafor",
                       text="Dear client, here is the full plan for the redesign")
    report = rescue.Report(requeued=2, from_echoes=2, lost=(kept,), unreadable=1)
    services.bus.emit(ActionFailed(kind="cache", message=container.rescue_notice(report)))
    nbsp = "\u00a0"
    assert window.cache_notice.windowTitle() == "Cache local reconstruit"
    assert window.cache_notice.text() == (
        "Le cache local était endommagé et a été reconstruit depuis le serveur. Sauvé et bientôt "
        f"envoyé{nbsp}: 2. Non récupéré en entier, gardé dans «{nbsp}À traiter{nbsp}»{nbsp}: Nadia Okafor: "
        f"“Dear client, here is the full plan for…”. Illisible{nbsp}: 1 (peut-être déjà envoyé).")


def test_qt_standard_buttons_in_french(french: i18n.Translations) -> None:
    box = QMessageBox()
    box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    cancel = box.button(QMessageBox.StandardButton.Cancel)
    assert cancel is not None and cancel.text().replace("&", "") == "Annuler"
    box.deleteLater()


def test_dates_and_numbers_follow_the_language(french: i18n.Translations) -> None:
    assert QLocale().language() == QLocale.Language.French
    assert fmt.number(2004) not in ("2,004", "2004") and fmt.number(2004).endswith("004")
    now = datetime(2026, 3, 12, 15, tzinfo=UTC)
    assert fmt.full_date(now) == "12 mars 2026"
    assert fmt.ago(now - timedelta(hours=3), now) == "il y a 3 h"
    assert fmt.ago(now - timedelta(days=2), now) == "il y a 2 jours"


def test_unknown_language_stays_english(qapp: QApplication, services: FakeServices,
                                        make_window: Callable[..., Any],
                                        caplog: pytest.LogCaptureFixture) -> None:
    for code in ("xx", "de"):  # not a language; a language Atelier has no catalog for
        caplog.clear()
        with caplog.at_level("INFO", logger="atelier.ui.i18n"):
            translations = i18n.install(qapp, code)
        try:
            assert not translations.loaded and translations.language == "en"
            assert len(caplog.records) == 1
            window = make_window(services)
            assert window.nav.item(0).text() == "Jobs"
            box = QMessageBox()
            box.setStandardButtons(QMessageBox.StandardButton.Cancel)
            button = box.button(QMessageBox.StandardButton.Cancel)
            assert button is not None and button.text().replace("&", "") == "Cancel"
            box.deleteLater()
        finally:
            translations.remove()


def test_english_needs_only_its_plural_forms(qapp: QApplication) -> None:
    translations = i18n.install(qapp, "en")
    try:
        assert len(translations.translators) == 1 and translations.language == "en"
        assert QLocale().language() == QLocale.Language.English
        text = "%n job(s) posted since you last looked"
        chip = "SavedSearchChip"
        assert QCoreApplication.translate(chip, text, None, 1) == "1 job posted since you last looked"
        assert QCoreApplication.translate(chip, text, None, 3) == "3 jobs posted since you last looked"
    finally:
        translations.remove()
    unknown = i18n.install(qapp, "xx")  # a fallback to English gets the plurals too
    try:
        assert QCoreApplication.translate("Notifier", "%n new update(s) in Atelier", None, 2) \
            == "2 new updates in Atelier"
    finally:
        unknown.remove()


# -- service phrases ----------------------------------------------------------------------------------------

def test_sync_engine_phrases_are_in_the_table() -> None:
    """Each fixed or template phrase the sync engine sets must be translatable (else it shows in English)."""
    source = (ROOT / "desktop" / "services" / "sync.py").read_text(encoding="utf-8")
    produced = set(re.findall(r'self\._set\(\s*ConnectionState\.\w+,\s*"([^"]+)"', source))
    produced |= set(re.findall(r'_stream_state\(False,\s*"([^"]+)"', source))
    describing = source.split("def describe", 1)[1].split("\nclass ")[0]
    produced |= set(re.findall(r'return (?:fill\()?"([^"]+)"', describing))
    produced |= set(re.findall(r'detail=\"([^"]+)\"', source))
    assert {"Connecting…", "Syncing…", "%1 · retrying in %2 s", "The server has a problem (%1)"} <= produced
    assert produced - i18n.SERVICE_PHRASES == set()


def test_describe_keeps_english_for_logs() -> None:
    assert describe(OfflineError("Cannot reach the marketplace.")) == "Cannot reach the marketplace."
    assert i18n.service_text("Cannot reach the marketplace.") == "Cannot reach the marketplace."  # no catalog


# -- the catalog itself --------------------------------------------------------------------------------------

def test_catalog_is_complete_and_typographically_french() -> None:
    text = TS.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text and 'type="obsolete"' not in text
    entry = r"<message( numerus=\"yes\")?>.*?<source>(.*?)</source>.*?<translation>(.*?)</translation>"
    messages = re.findall(entry, text, re.DOTALL)
    assert len(messages) > 300
    for numerus, source, translation in messages:
        forms = re.findall(r"<numerusform>(.*?)</numerusform>", translation) if numerus else [translation]
        assert len(forms) == (2 if numerus else 1), source
        for form in forms:
            assert form.strip(), source
            assert sorted(re.findall(r"%\d|%n", form)) == sorted(re.findall(r"%\d|%n", source)), source
            assert not re.search(r" [:;?!»]|« ", form), f"breaking space in French typography: {form!r}"
            assert "“" not in form and '"' not in form.replace("&quot;", ""), form


@pytest.mark.parametrize(("language", "extra"), [("fr", []), ("en", ["-pluralonly"])])
def test_compiled_catalog_is_current_and_sources_are_all_in_it(tmp_path: Path, language: str,
                                                               extra: list[str]) -> None:
    """The committed .qm is what lrelease makes of the .ts; lupdate finds no text the .ts lacks (for
    English, the catalog holds only the plural forms).

    After changing a UI text: run lupdate, translate, run lrelease (resources/translations/README.md).
    """
    lupdate, lrelease = _tool("pyside6-lupdate"), _tool("pyside6-lrelease")
    if lupdate is None or lrelease is None:
        pytest.skip("pyside6-lupdate / pyside6-lrelease are not installed (they come with PySide6's tools)")
    ts = TS.with_name(f"atelier_{language}.ts")
    compiled = tmp_path / f"atelier_{language}.qm"
    subprocess.run([str(lrelease), str(ts), "-qm", str(compiled)],
                   check=True, capture_output=True, timeout=60)
    stale = f"{compiled.name} is stale: run pyside6-lrelease"
    assert compiled.read_bytes() == ts.with_suffix(".qm").read_bytes(), stale

    copy = tmp_path / ts.name
    shutil.copy(ts, copy)
    subprocess.run([str(lupdate), "-source-language", "en", "-target-language", language, *extra,
                    "-locations", "relative", *_lupdate_sources(), "-ts", str(copy)],
                   check=True, capture_output=True, cwd=ROOT, timeout=60)
    updated = copy.read_text(encoding="utf-8")
    new = re.findall(r'<source>(.*?)</source>\s*(?:<comment>.*?</comment>\s*)?<translation type="unfinished"',
                     updated, re.DOTALL)
    assert not new, f"texts missing from {ts.name} (run pyside6-lupdate and translate them): {new}"


def test_amounts_and_rates_follow_the_language(french: i18n.Translations) -> None:
    from decimal import Decimal

    from desktop.core.money import Money
    from desktop.ui import format as fmt

    assert fmt.money(Money.of("4500")) == "4\u202f500,00\u00a0$"
    assert fmt.short_money(Money.of("4500")) == "4\u202f500\u00a0$"
    assert fmt.money(Money.of("-30.5")) == "-30,50\u00a0$"
    assert fmt.rate(Decimal("0.125")) == "12,5\u202f%"


def test_amounts_in_english_even_without_a_system_language(qapp: QApplication) -> None:
    from decimal import Decimal

    from desktop.core.money import Money
    from desktop.ui import format as fmt

    previous = QLocale()
    QLocale.setDefault(QLocale.c())
    try:
        assert fmt.money(Money.of("4500")) == "$4,500.00"
        assert fmt.short_money(Money.of("30.50")) == "$30.50"
        assert fmt.money(Money.of("-1500")) == "-$1,500.00"
        assert fmt.rate(Decimal("0.10")) == "10%"
    finally:
        QLocale.setDefault(previous)


def shown_tooltip(widget: Any) -> str:
    """A tooltip as the user reads it (tooltips of server text are handed to Qt as escaped rich text)."""
    from PySide6.QtGui import QTextDocumentFragment

    return QTextDocumentFragment.fromHtml(widget.toolTip()).toPlainText()
