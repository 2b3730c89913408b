"""Text from the marketplace is text in every tooltip and dialog that shows it: markup is not interpreted
(no remote image is fetched), direction overrides and zero-width characters are removed, and a huge title
makes a tooltip of sensible size. Hostile rows go through the real cache into the real models."""

from __future__ import annotations

import socket
import threading
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox, QToolTip, QWidget

from desktop.core.models import JobFilter
from desktop.storage import earnings, jobs, proposals, rooms
from desktop.storage.db import Database
from desktop.ui.earnings_pane import TransactionsModel
from desktop.ui.jobs_model import JobsModel
from desktop.ui.messages_pane import RoomsModel
from desktop.ui.proposals_pane import ProposalListModel
from desktop.ui.saved_searches import SavedSearchChip
from desktop.ui.signin import ask_sign_out
from desktop.ui.untrusted import TOOLTIP_LIMIT, fill
from desktop.ui.widgets import ElidedLabel
from tests.ui import builders


class Listener:
    """A loopback port that counts connections: a remote image in a tooltip would knock here."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self._stop = False
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop = True
        self._thread.join(2)
        self.sock.close()


def hostile(port: int) -> str:
    return (f'<img src="http://127.0.0.1:{port}/pixel.png"><a href="file:///etc/passwd">x</a> '
            "invoice\u202egpj.exe \u200bhidden\u2066")


def _check(tip: str, port: int) -> None:
    assert "<img" not in tip, tip
    assert "&lt;img" in tip, tip
    assert "\u202e" not in tip
    assert "\u200b" not in tip
    assert "\u2066" not in tip
    assert len(tip) < TOOLTIP_LIMIT + 200


def test_every_tooltip_of_server_text_is_plain_cleaned_and_short(
        qtbot: Any, filled_db: Database, world: builders.World) -> None:
    listener = Listener()
    evil = hostile(listener.port)
    huge = "Long title " * 5000
    job = replace(world.jobs[0], id="evil-job", title=evil + huge)
    room = replace(world.conversations[0].room, id="evil-room", title=evil, counterpart_name=evil)
    proposal = replace(world.proposals[0], id="evil-proposal", job_title=evil)
    tx = replace(world.transactions[0], id="evil-tx", description=evil)

    def store(conn: Any) -> None:
        jobs.upsert_many(conn, [job])
        rooms.upsert_many(conn, [room])
        proposals.upsert_many(conn, [proposal])
        earnings.upsert_transactions(conn, [tx])

    filled_db.write_now(store)
    tips: list[str] = []
    jobs_model = JobsModel()
    evil_filter = JobFilter(query="Long title")
    jobs_model.replace(evil_filter, filled_db.read_now(lambda c: jobs.page(c, evil_filter, 0, 100)), 1)
    tips.append(jobs_model.data(jobs_model.index(jobs_model.row_of("evil-job")), Qt.ItemDataRole.ToolTipRole))
    rooms_model = RoomsModel()
    rooms_model.set_rooms([room])
    tips.append(rooms_model.data(rooms_model.index(0), Qt.ItemDataRole.ToolTipRole))
    proposal_model = ProposalListModel()
    proposal_model.set_items([proposal])
    tips.append(proposal_model.data(proposal_model.index(0), Qt.ItemDataRole.ToolTipRole))
    assert "\u202e" not in proposal_model.data(proposal_model.index(0), Qt.ItemDataRole.DisplayRole)
    tx_model = TransactionsModel(filled_db)
    tx_model._rows = [tx]
    tips.append(tx_model.data(tx_model.index(0, 1), Qt.ItemDataRole.ToolTipRole))
    search = _a_saved_search(evil, world)
    chip = SavedSearchChip(search, 3)
    qtbot.addWidget(chip)
    tips.append(chip.toolTip())
    label = ElidedLabel(evil)
    qtbot.addWidget(label)
    label.setText(evil)
    tips.append(label.toolTip())
    for tip in tips:
        _check(tip, listener.port)

    host = QWidget()
    qtbot.addWidget(host)
    host.show()
    for tip in tips:  # really shown: Qt's rich text must not fetch anything
        QToolTip.showText(host.mapToGlobal(QPoint(5, 5)), tip, host)
        qtbot.wait(50)
    QToolTip.hideText()
    qtbot.wait(200)
    listener.close()
    assert listener.connections == 0


def _a_saved_search(name: str, world: builders.World) -> Any:
    from desktop.core.models import SavedSearch

    return SavedSearch(id="s1", name=name, filter=JobFilter(query="python"), created_at=world.now,
                       updated_at=world.now)


def test_the_sign_out_question_shows_the_account_as_plain_text(qtbot: Any) -> None:
    host = QWidget()
    qtbot.addWidget(host)
    ask_sign_out(host, "<b>ada</b>@studio\u202e.example", 0, lambda _choice: None)
    box = next(w for w in host.findChildren(QMessageBox))
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert "<b>ada</b>" in box.text()
    assert "\u202e" not in box.text()
    box.close()


def test_placeholders_are_filled_in_one_pass() -> None:
    assert fill("Delete “%1” from %2?", "Studio 100%2", "Atelier") == "Delete “Studio 100%2” from Atelier?"
    assert fill("%1 and %3", "a") == "a and %3"
