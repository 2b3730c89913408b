"""Service events (plain Python, from ``services.events.EventBus``) re-emitted as Qt signals.

EventBus callbacks run on the loop thread, which under qasync is the Qt main thread, so the signals are
emitted directly (queued connections are not needed).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from desktop.services.events import (
    ActionFailed,
    AttentionChanged,
    ContractsChanged,
    EarningsChanged,
    Event,
    InvitationsChanged,
    JobsChanged,
    MessagesChanged,
    ProfileChanged,
    ProposalDraftsChanged,
    ProposalsChanged,
    RoomsChanged,
    SavedSearchesChanged,
    SavedSearchMatched,
    StatusChanged,
)
from desktop.ui.protocols import Bus

log = logging.getLogger("atelier.ui.bridge")


def bridge_for(source: Bus | EventBridge, owner: QObject) -> EventBridge:
    """The window's one bridge when a widget is given it; else a bridge of the widget's own (a pane shown
    alone, in a test). Only the bridge's owner closes it: see :meth:`EventBridge.close_if_owned_by`."""
    return source if isinstance(source, EventBridge) else EventBridge(source, owner)


class EventBridge(QObject):
    jobsChanged = Signal(tuple)  # new job ids
    proposalsChanged = Signal()
    invitationsChanged = Signal()
    draftsChanged = Signal()
    roomsChanged = Signal()
    messagesChanged = Signal(object)  # frozenset[str] of room ids
    earningsChanged = Signal()
    contractsChanged = Signal()
    profileChanged = Signal()
    statusChanged = Signal(object)  # core.models.SyncStatus
    actionFailed = Signal(str, object)  # kind, Notice
    attentionChanged = Signal()
    savedSearchesChanged = Signal()
    savedSearchMatched = Signal(str, str, tuple)  # job id, job title, saved search ids

    def __init__(self, bus: Bus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe = bus.subscribe(self._on_event)

    def close_if_owned_by(self, widget: QObject) -> None:
        """Stop listening if ``widget`` made this bridge (a shared one is closed by the window)."""
        if self.parent() is widget:
            self.close()

    def close(self) -> None:
        """Stop listening (call before the window goes away)."""
        unsubscribe, self._unsubscribe = self._unsubscribe, lambda: None
        unsubscribe()

    def _on_event(self, event: Event) -> None:
        try:
            self._dispatch(event)
        except RuntimeError:  # the C++ side is gone (owner deleted without close()): stop listening
            self.close()

    def _dispatch(self, event: Event) -> None:
        match event:
            case JobsChanged(new_job_ids=ids):
                self.jobsChanged.emit(tuple(ids))
            case ProposalsChanged():
                self.proposalsChanged.emit()
            case InvitationsChanged():
                self.invitationsChanged.emit()
            case ProposalDraftsChanged():
                self.draftsChanged.emit()
            case RoomsChanged():
                self.roomsChanged.emit()
            case MessagesChanged(room_ids=ids):
                self.messagesChanged.emit(frozenset(ids))
            case EarningsChanged():
                self.earningsChanged.emit()
            case ContractsChanged():
                self.contractsChanged.emit()
            case ProfileChanged():
                self.profileChanged.emit()
            case StatusChanged(status=status):
                self.statusChanged.emit(status)
            case AttentionChanged():
                self.attentionChanged.emit()
            case SavedSearchesChanged():
                self.savedSearchesChanged.emit()
            case SavedSearchMatched(job_id=job_id, job_title=title, saved_search_ids=ids):
                self.savedSearchMatched.emit(job_id, title, tuple(ids))
            case ActionFailed(kind=kind, notice=notice):
                self.actionFailed.emit(kind, notice)
            case _:
                log.debug("unhandled event %r", event)
