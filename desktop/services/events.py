"""Plain-Python events that services publish and the UI subscribes to.

Callbacks run synchronously on the event-loop thread (the Qt main thread under qasync), so a UI bridge may
re-emit them as Qt signals directly.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from desktop.core.models import SyncStatus
from desktop.core.notices import Notice

log = logging.getLogger("atelier.services")


@dataclass(frozen=True, slots=True)
class JobsChanged:
    new_job_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ProposalsChanged:
    pass


@dataclass(frozen=True, slots=True)
class InvitationsChanged:
    pass


@dataclass(frozen=True, slots=True)
class ProposalDraftsChanged:
    """A proposal draft was saved, discarded or sent (the Drafts tab re-reads)."""


@dataclass(frozen=True, slots=True)
class RoomsChanged:
    pass


@dataclass(frozen=True, slots=True)
class MessagesChanged:
    room_ids: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True, slots=True)
class EarningsChanged:
    pass


@dataclass(frozen=True, slots=True)
class ContractsChanged:
    """Contracts or their milestones changed in the cache."""


@dataclass(frozen=True, slots=True)
class ProfileChanged:
    pass


@dataclass(frozen=True, slots=True)
class SavedSearchesChanged:
    """Saved searches were added, removed or opened, or new jobs changed what is new in them."""


@dataclass(frozen=True, slots=True)
class SavedSearchMatched:
    """The server says a new job matches some saved searches (after it is in the cache)."""

    job_id: str
    job_title: str
    saved_search_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class JobMarksChanged:
    """The user hid, showed again, saved or unsaved these jobs (on this computer)."""

    job_ids: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class StatusChanged:
    status: SyncStatus


@dataclass(frozen=True, slots=True)
class ActionFailed:
    """An outbox action the server refused for good (or the cache was rebuilt, kind "cache"); the user
    should hear about it."""

    kind: str
    notice: Notice


@dataclass(frozen=True, slots=True)
class AttentionChanged:
    """What needs the user's attention (actions the marketplace refused) changed."""


@dataclass(frozen=True, slots=True)
class AttachmentProgress:
    """A file on its way: ``done`` of ``total`` bytes sent (``upload``) or received. ``attachment_id`` is
    the id the thread shows it by ("local:<upload key>" while it goes up). Done when done == total."""

    attachment_id: str
    room_id: str
    done: int
    total: int
    upload: bool


Event = (
    JobsChanged
    | ProposalsChanged
    | InvitationsChanged
    | ProposalDraftsChanged
    | RoomsChanged
    | MessagesChanged
    | EarningsChanged
    | ContractsChanged
    | ProfileChanged
    | SavedSearchesChanged
    | SavedSearchMatched
    | JobMarksChanged
    | StatusChanged
    | ActionFailed
    | AttentionChanged
    | AttachmentProgress
)
Listener = Callable[[Event], None]


class EventBus:
    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Add a listener; returns a function that removes it again."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def emit(self, event: Event) -> None:
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:  # one broken listener must not starve the others
                log.exception("listener failed for %s", type(event).__name__)
