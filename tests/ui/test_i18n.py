"""The French translation: the catalog is complete and compiled, the language is chosen by --lang or the
setting, the window and Qt's own buttons speak French, and what the layers below the UI say (notices: codes,
desktop/core/notices.py) is translated in one place (desktop/ui/notices.py), a marketplace's own words
never.

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
from desktop.core.notices import ENGLISH, PLURAL_ENGLISH, Code, Notice
from desktop.services.events import ActionFailed
from desktop.services.sync import describe
from desktop.settings import Settings
from desktop.ui import format as fmt
from desktop.ui import i18n, notices
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
    assert french.loaded
    assert french.language == "fr"
    why = Notice(Code.RETRYING_IN, (Notice(Code.UNREACHABLE), 8))
    status = SyncStatus(state=ConnectionState.OFFLINE, notice=why, pending_outbox=2)
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
    # What the live stream and the engine produce, as they produce it (no Qt there).
    window.set_status(SyncStatus(state=ConnectionState.OFFLINE, notice=Notice(
        Code.STREAM_RECONNECTING_IN, (Notice(Code.UNREACHABLE), 4))))
    expected = "Impossible de joindre la place de marché. Reconnexion dans 4 s."
    assert shown_tooltip(window.status_label) == expected
    busy = describe(ServerError(Notice.text("upstream timeout"), 503))
    window.set_status(SyncStatus(state=ConnectionState.OFFLINE, notice=Notice(Code.RETRYING_IN, (busy, 3))))
    expected = "Le serveur rencontre un problème (503) · nouvel essai dans 3 s"
    assert shown_tooltip(window.status_label) == expected
    window.set_status(SyncStatus(state=ConnectionState.SIGNED_OUT, notice=Notice(Code.SIGN_IN_AGAIN)))
    assert shown_tooltip(window.status_label) == "Veuillez vous reconnecter."
    window.set_status(SyncStatus(state=ConnectionState.ONLINE))
    assert shown_tooltip(window.status_label) == ""
    # An outbox action refused for a reason of Atelier's: translated.
    services.bus.emit(ActionFailed(kind="proposal:submit", notice=Notice(Code.NOT_FOUND)))
    assert window.notice_label.text() == "· Cet élément n’existe pas."


def test_a_marketplaces_own_words_are_shown_verbatim(
        french: i18n.Translations, services: FakeServices, make_window: Callable[..., Any]) -> None:
    """The server's text is neither translated nor parsed, even when it reads like one of Atelier's
    phrases or holds what looks like a placeholder."""
    window = make_window(services)
    for said in ("That item does not exist.", "Le client a fermé cette offre.", "%1 · retrying in %2 s",
                 "Budget 100%2 <b>now</b>"):
        services.bus.emit(ActionFailed(kind="proposal:submit", notice=Notice.text(said)))
        assert window.notice_label.text() == f"· {said}"
    wrapped = Notice(Code.RETRYING_IN, (Notice.text("Cannot reach the marketplace."), 5))
    assert notices.notice_text(wrapped) == "Cannot reach the marketplace. · nouvel essai dans 5 s"


def test_the_cache_rescue_notice_in_french_names_what_was_kept(
        french: i18n.Translations, services: FakeServices, make_window: Callable[..., Any]) -> None:
    from desktop.services import container
    from desktop.storage import rescue

    window = make_window(services)
    kept = rescue.Lost(kind=rescue.MESSAGE_SEND, room_id="room-7", room_name="Nadia Okafor",
                       text="Dear client, here is the full plan for the redesign")
    report = rescue.Report(requeued=2, from_echoes=2, lost=(kept,), unreadable=1)
    services.bus.emit(ActionFailed(kind="cache", notice=container.rescue_notice(report)))
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
    assert cancel is not None
    assert cancel.text().replace("&", "") == "Annuler"
    box.deleteLater()


def test_dates_and_numbers_follow_the_language(french: i18n.Translations) -> None:
    assert QLocale().language() == QLocale.Language.French
    assert fmt.number(2004) not in ("2,004", "2004")
    assert fmt.number(2004).endswith("004")
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
            assert not translations.loaded
            assert translations.language == "en"
            assert len(caplog.records) == 1
            window = make_window(services)
            assert window.nav.item(0).text() == "Jobs"
            box = QMessageBox()
            box.setStandardButtons(QMessageBox.StandardButton.Cancel)
            button = box.button(QMessageBox.StandardButton.Cancel)
            assert button is not None
            assert button.text().replace("&", "") == "Cancel"
            box.deleteLater()
        finally:
            translations.remove()


def test_english_needs_only_its_plural_forms(qapp: QApplication) -> None:
    translations = i18n.install(qapp, "en")
    try:
        assert len(translations.translators) == 1
        assert translations.language == "en"
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


# -- notices ----------------------------------------------------------------------------------------------

def test_every_code_has_english_a_source_and_a_french_translation(french: i18n.Translations) -> None:
    """No code without its English (core), its source text in the UI's table, and French in the catalog."""
    catalog = _notices_in_catalog()
    for code in Code:
        if code is Code.TEXT:
            assert code not in notices.SOURCES
            assert code not in notices.PLURALS  # never translated
            continue
        assert code in ENGLISH, code
        if code in PLURAL_ENGLISH:
            assert code in notices.PLURALS, code
            assert code not in notices.SOURCES, code
            assert "%n" in ENGLISH[code], code
            forms = catalog[ENGLISH[code]]
            assert isinstance(forms, list), code
            assert len(forms) == 2, code
            assert all(forms), code
            assert notices.notice_text(Notice(code, (2,))) == fill_plain(forms[1], 2)
            continue
        assert notices.SOURCES.get(code) == ENGLISH[code], f"{code}: the UI's source differs from the English"
        translated = catalog.get(ENGLISH[code])
        assert isinstance(translated, str), f"{code}: no French translation"
        assert translated, f"{code}: no French translation"
        assert QCoreApplication.translate(notices.CONTEXT, ENGLISH[code]) == translated
    assert set(notices.SOURCES) | set(notices.PLURALS) == set(Code) - {Code.TEXT}


def fill_plain(form: str, n: int) -> str:
    return form.replace("%n", str(n))


def _notices_in_catalog() -> dict[str, str | list[str]]:
    import xml.etree.ElementTree as ET

    found: dict[str, str | list[str]] = {}
    for context in ET.parse(TS).getroot().iter("context"):
        if context.findtext("name") != notices.CONTEXT:
            continue
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None, message.findtext("source")
            assert translation.get("type") is None, message.findtext("source")
            source = message.findtext("source") or ""
            if message.get("numerus") == "yes":
                found[source] = [f.text or "" for f in translation.iter("numerusform")]
            else:
                found[source] = translation.text or ""
    return found


def test_a_plural_notice_follows_the_count(qapp: QApplication, french: i18n.Translations) -> None:
    assert notices.notice_text(Notice(Code.BROWSER_SILENT_MINUTES, (1,))) == (
        "Aucune réponse du navigateur en 1 minute. Veuillez réessayer.")
    assert notices.notice_text(Notice(Code.BROWSER_SILENT_MINUTES, (5,))) == (
        "Aucune réponse du navigateur en 5 minutes. Veuillez réessayer.")


def test_english_plural_notices(qapp: QApplication) -> None:
    translations = i18n.install(qapp, "en")
    try:
        for n in (1, 3):
            notice = Notice(Code.BROWSER_SILENT_MINUTES, (n,))
            assert notices.notice_text(notice) == str(notice)  # the UI and the logs say the same
    finally:
        translations.remove()


def test_describe_keeps_english_for_logs() -> None:
    assert str(describe(OfflineError(Notice(Code.UNREACHABLE)))) == "Cannot reach the marketplace."
    assert notices.notice_text(Notice(Code.UNREACHABLE)) == "Cannot reach the marketplace."  # no catalog


def test_api_errors_from_the_reference_server_in_french(
        qtbot: Any, sandbox: Any, french: i18n.Translations, services: FakeServices,
        make_window: Callable[..., Any]) -> None:
    """A 429 and a 503 from the real server, through the client, as the status bar and an error line show
    them: Atelier's words in French; the server's own message (its problem detail) as it sent it."""
    from desktop.api.auth import password_grant
    from desktop.api.client import MarketplaceClient, StaticTokens
    from desktop.api.retry import RetryPolicy
    from desktop.core.errors import AtelierError, RateLimitedError

    async def failure(kind: str, status: int) -> AtelierError:
        tokens = StaticTokens(await password_grant(sandbox.url, "demo@atelier.test", "demo"),
                              base_url=sandbox.url)
        sandbox.faults.add(kind, count=1, path_prefix="/v1/me", status=status)
        async with MarketplaceClient(sandbox.url, tokens, retry=RetryPolicy(max_attempts=1)) as api:
            try:
                await api.me()
            except AtelierError as exc:
                return exc
        raise AssertionError("the fault did not fire")

    window = make_window(services)
    limited = _run(qtbot, failure("rate_limit", 429))
    assert isinstance(limited, RateLimitedError)
    window.set_status(SyncStatus(state=ConnectionState.OFFLINE,
                                 notice=Notice(Code.RETRYING_IN, (describe(limited), 2))))
    expected = "Le serveur est surchargé (trop de requêtes) · nouvel essai dans 2 s"
    assert shown_tooltip(window.status_label) == expected
    assert notices.error_text(limited) == "injected rate limit"  # the server's words, as it sent them

    broken = _run(qtbot, failure("error", 503))
    assert isinstance(broken, ServerError)
    assert broken.status == 503
    window.set_status(SyncStatus(state=ConnectionState.OFFLINE,
                                 notice=Notice(Code.WILL_RETRY, (describe(broken),))))
    assert shown_tooltip(window.status_label) == "Le serveur rencontre un problème (503) · nouvel essai prévu"
    assert notices.error_text(broken) == "injected fault"
    # Without words of the server's own, the client's own notice, translated.
    assert notices.notice_text(Notice(Code.SERVER_ERROR, (503,))) == (
        "La place de marché a rencontré un problème (HTTP 503).")
    assert notices.notice_text(Notice(Code.RATE_LIMITED)) == "La place de marché demande de ralentir."


def test_a_full_disk_refusing_a_message_in_french(
        qtbot: Any, french: i18n.Translations, services: FakeServices,
        make_window: Callable[..., Any]) -> None:
    """The cache may not grow (SQLite's ``max_page_count``: the SQLITE_FULL a full disk gives), so the real
    ChatService cannot write the message: the composer keeps it and says why, in French."""
    window = make_window(services)
    window.show()
    window.show_pane("messages")
    pane = window.messages
    qtbot.waitUntil(lambda: pane.presenter.snapshot.rooms_loaded, timeout=3000)
    pane.open_room("room-3")
    qtbot.waitUntil(lambda: pane.presenter.snapshot.thread_room == "room-3", timeout=3000)
    db = services.db
    pages = db.read_now(lambda c: c.execute("PRAGMA page_count").fetchone()[0])
    db.write_now(lambda c: c.execute(f"PRAGMA max_page_count = {pages}"))
    body = "The mock-ups are attached, see you Monday. " * 100  # more than the free room of any page
    pane.composer.setPlainText(body)
    pane.send_current()
    qtbot.waitUntil(lambda: pane.error_label.isVisible(), timeout=3000)
    assert pane.error_label.text() == (
        f"Envoi impossible{NBSP}: Le disque est plein{NBSP}; Atelier n’a pas pu enregistrer son cache local. "
        "Libérez de l’espace disque et réessayez.")
    assert pane.composer.toPlainText() == body.strip()  # nothing lost


def test_a_draft_problem_in_french(
        qtbot: Any, french: i18n.Translations, services: FakeServices, world: Any) -> None:
    from desktop.api.client import REFERENCE_CAPABILITIES
    from desktop.ui.proposal_form import ProposalForm

    job = next(j for j in world.jobs if j.status == "open")
    form = ProposalForm(job, services.proposals, capabilities=REFERENCE_CAPABILITIES)
    qtbot.addWidget(form)
    form.show()
    form.cover_letter.setPlainText("Bonjour, je suis disponible.")
    form.submit_button.click()
    assert form.problems_label.isVisible()
    shown = form.problems_label.text().split("\n")
    assert "La lettre de motivation doit compter au moins 50 caractères." in shown
    from desktop.services.proposals import SUBMIT
    from tests.ui.fakes import queued

    assert queued(services.db, SUBMIT) == []


def _run(qtbot: Any, coro: Any) -> Any:
    import asyncio

    task = asyncio.ensure_future(coro)
    qtbot.waitUntil(task.done, timeout=30_000)
    return task.result()


# -- the catalog itself --------------------------------------------------------------------------------------

def test_catalog_is_complete_and_typographically_french() -> None:
    text = TS.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text
    assert 'type="obsolete"' not in text
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
            assert "“" not in form, form
            assert '"' not in form.replace("&quot;", ""), form


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
