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


class EventBridge(QObject):
    jobsChanged = Signal(tuple)  # new job ids
    proposalsChanged = Signal()
    invitationsChanged = Signal()
    draftsChanged = Signal()
    roomsChanged = Signal()
    messagesChanged = Signal(object)  # frozenset[str] of room ids
    earningsChanged = Signal()
    profileChanged = Signal()
    statusChanged = Signal(object)  # core.models.SyncStatus
    actionFailed = Signal(str, str)  # kind, message
    attentionChanged = Signal()
    savedSearchesChanged = Signal()
    savedSearchMatched = Signal(str, str, tuple)  # job id, job title, saved search ids

    def __init__(self, bus: Bus, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._unsubscribe = bus.subscribe(self._on_event)

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
            case ActionFailed(kind=kind, message=message):
                self.actionFailed.emit(kind, message)
            case _:
                log.debug("unhandled event %r", event)
