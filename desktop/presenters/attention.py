"""What needs the user's attention, counted per pane, so each pane can say so where the user looks."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.presenters.base import Bus, Presenter
from desktop.services.attention import ActionKind, AttentionService, NeedsAttention
from desktop.services.events import AttentionChanged, Event

# Which pane a refused action belongs to: where the user made it, and where they will look for it.
PANE_OF_KIND: dict[ActionKind, str] = {
    ActionKind.MESSAGE: "messages",
    ActionKind.PROPOSAL: "proposals",
    ActionKind.WITHDRAWAL: "proposals",
    ActionKind.DECLINE: "proposals",
    ActionKind.SAVED_SEARCH: "jobs",
    ActionKind.SAVED_SEARCH_DELETE: "jobs",
}


def kinds_of_pane(pane: str) -> frozenset[ActionKind]:
    return frozenset(kind for kind, owner in PANE_OF_KIND.items() if owner == pane)


@dataclass(frozen=True, slots=True)
class AttentionSnapshot:
    total: int = 0
    by_pane: tuple[tuple[str, int], ...] = ()
    """(pane, how many of its actions wait for the user), for the panes that have any."""

    def count_for(self, pane: str) -> int:
        return dict(self.by_pane).get(pane, 0)


def snapshot_of(items: list[NeedsAttention]) -> AttentionSnapshot:
    counts: dict[str, int] = {}
    for item in items:
        pane = PANE_OF_KIND.get(item.kind)
        if pane is not None:
            counts[pane] = counts.get(pane, 0) + 1
    return AttentionSnapshot(total=len(items), by_pane=tuple(sorted(counts.items())))


class AttentionPresenter(Presenter[AttentionSnapshot]):
    """Counts what waits in "Needs your attention", per pane, and again whenever it changes."""

    def __init__(self, bus: Bus, attention: AttentionService) -> None:
        super().__init__(bus, AttentionSnapshot())
        self._attention = attention

    def start(self) -> None:
        super().start()
        self.refresh()

    def on_event(self, event: Event) -> None:
        if isinstance(event, AttentionChanged):
            self.refresh()

    def refresh(self) -> None:
        self.spawn("count", self._attention.items(), on_done=lambda items: self.publish(snapshot_of(items)))
