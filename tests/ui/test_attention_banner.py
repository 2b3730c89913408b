"""Each pane says what of the actions made there waits in "Needs your attention", and lists just those.

The real window on real services, synced from the real reference server, which refuses the actions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from desktop.core.models import JobFilter, ProposalDraft
from desktop.core.money import Money
from desktop.services.attention import ActionKind
from desktop.storage import jobs
from desktop.ui import i18n
from desktop.ui.attention import AttentionDialog
from tests.ui.test_proposals_live import Live, live, run  # noqa: F401  (the live window fixture)

LETTER = "I have built this kind of dashboard three times this year and can start on Monday."


def _refuse_a_proposal_and_a_message(qtbot: Any, live: Live) -> tuple[str, str]:  # noqa: F811
    services = live.services
    closed = services.db.read_now(
        lambda c: next(j for j in jobs.page(c, JobFilter(), 0, 5000) if j.status != "open"))
    run(qtbot, services.proposals.submit(ProposalDraft(
        job_id=closed.id, cover_letter=LETTER, bid=Money.of("700"),
        duration="1 to 3 months", fee_rate=closed.fee_rate, job_title=closed.title)))
    room = services.db.read_now(lambda c: c.execute("SELECT id FROM rooms LIMIT 1").fetchone())[0]
    live.sandbox.faults.add("error", count=1, path_prefix=f"/v1/rooms/{room}/messages", status=422)
    run(qtbot, services.chat.send(room, "Here is the estimate."))
    qtbot.waitUntil(lambda: live.window.attention_count == 2, timeout=20_000)
    return closed.title, room


def _open_review(qtbot: Any, live: Live) -> AttentionDialog:  # noqa: F811
    banner = live.window.attention_banner
    assert banner.isVisible()
    banner.review.click()
    dialog = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, AttentionDialog) and w.isVisible())
    qtbot.waitUntil(lambda: bool(dialog.items), timeout=5000)
    return dialog


@pytest.fixture
def english(qapp: QApplication) -> Iterator[None]:
    """The English catalog, as the app installs it: "1 message", "2 messages"."""
    translations = i18n.install(qapp, "en")
    yield
    translations.remove()


def test_each_pane_shows_its_own_refused_actions_and_lists_only_those(
        qtbot: Any, live: Live, english: None) -> None:  # noqa: F811
    window = live.window
    _refuse_a_proposal_and_a_message(qtbot, live)

    window.show_pane("proposals")
    banner = window.attention_banner
    assert banner.isVisible()
    assert banner.label.text() == "1 proposal action needs your attention."
    dialog = _open_review(qtbot, live)
    assert [item.kind for item in dialog.items] == [ActionKind.PROPOSAL]
    dialog.close()

    window.show_pane("messages")
    assert banner.isVisible()
    assert banner.label.text() == "1 message could not be sent and needs your attention."
    dialog = _open_review(qtbot, live)
    [message] = dialog.items
    assert message.kind is ActionKind.MESSAGE
    assert message.text == "Here is the estimate."
    dialog.close()

    window.show_pane("earnings")  # nothing of Earnings is refused: no strip
    assert not banner.isVisible()
    window.show_pane("jobs")
    assert not banner.isVisible()
    assert window.attention_button.isVisible()  # the status bar still counts everything


def test_the_strip_goes_when_the_pane_has_nothing_left(qtbot: Any, live: Live) -> None:  # noqa: F811
    window = live.window
    _refuse_a_proposal_and_a_message(qtbot, live)
    window.show_pane("messages")
    [message] = [i for i in run(qtbot, live.services.attention.items()) if i.kind is ActionKind.MESSAGE]
    run(qtbot, live.services.attention.discard(message.item_id))
    qtbot.waitUntil(lambda: not window.attention_banner.isVisible(), timeout=5000)
    assert window.attention_count == 1
    window.show_pane("proposals")
    assert window.attention_banner.isVisible()
