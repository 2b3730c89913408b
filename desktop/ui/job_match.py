"""Best match in words: the score of a job and each fact behind it, as the Jobs pane shows them (a card's
"87% match", the detail's "Why this match")."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.core.match import Fact, Match, Reason
from desktop.core.money import Money
from desktop.core.text import fill
from desktop.ui import format as fmt
from desktop.ui import theme
from desktop.ui.i18n import TextContext
from desktop.ui.widgets import plain_label

GOOD_MATCH = 70
"""From this score on, a card shows its score in the accent colour."""


class JobMatch(TextContext):
    """The translation context of these texts."""


def score_text(score: int) -> str:
    return fill(JobMatch.tr("%1% match"), str(score))


def fact_text(fact: Fact, currency: str) -> str:
    """One fact of a match in the interface language."""
    a = fact.args

    def money(i: int) -> str:
        return fmt.money(Money(Decimal(a[i]), currency), whole=True)

    match fact.reason:
        case Reason.SKILLS:
            if a[0] == "0":
                return JobMatch.tr("None of its %n skill(s) is one of yours", "", int(a[1]))
            return fill(JobMatch.tr("%1 of its %n skill(s) are yours: %2", "", int(a[1])),
                        a[0], a[2])
        case Reason.NO_SKILLS_LISTED:
            return JobMatch.tr("The client lists no skills")
        case Reason.PAY_MEETS_RATE:
            return fill(JobMatch.tr("Pays up to %1/hr, your rate is %2/hr"), money(0), money(1))
        case Reason.PAY_BELOW_RATE:
            return fill(JobMatch.tr("Pays up to %1/hr, under your %2/hr"), money(0), money(1))
        case Reason.BUDGET_FITS:
            return fill(JobMatch.tr("A %1 budget: about %n hour(s) at your rate", "", int(a[1])),
                        money(0))
        case Reason.BUDGET_SMALL:
            return fill(JobMatch.tr("A %1 budget: only about %n hour(s) at your rate", "",
                                  int(a[1])), money(0))
        case Reason.PAY_UNKNOWN:
            return JobMatch.tr("The pay cannot be compared with your rate")
        case Reason.VERIFIED:
            return JobMatch.tr("The client's payment method is verified")
        case Reason.UNVERIFIED:
            return JobMatch.tr("The client's payment method is not verified")
        case Reason.RATING:
            return fill(JobMatch.tr("The client is rated %1"), fmt.rating_text(Decimal(a[0])))
        case Reason.NO_RATING:
            return JobMatch.tr("The client has no rating yet")
        case Reason.SPENT:
            return fill(JobMatch.tr("The client has spent %1 here"), money(0))
        case Reason.HIRES:
            return JobMatch.tr("The client has hired %n time(s)", "", int(a[0]))
        case Reason.FEW_PROPOSALS | Reason.MANY_PROPOSALS:
            return JobMatch.tr("%n proposal(s) so far", "", int(a[0]))
    return ""


class MatchBox(QWidget):
    """The detail's "Why this match": the score, then each fact marked for or against the job."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self.heading = plain_label("", "section", wrap=True)
        self._layout.addWidget(self.heading)
        self.lines: list[QLabel] = []

    def show_match(self, match: Match | None, currency: str) -> None:
        for label in self.lines:
            self._layout.removeWidget(label)
            label.deleteLater()
        self.lines = []
        self.setVisible(match is not None)
        if match is None:
            return
        self.heading.setText(fill(JobMatch.tr("WHY THIS MATCH · %1%"), str(match.score)))
        pal = self.palette()
        for fact in match.facts:
            mark = "✓" if fact.good else "✗"
            label = plain_label(f"{mark}  {fact_text(fact, currency)}", wrap=True)
            colour = theme.accent(pal) if fact.good else theme.muted(pal)
            label.setStyleSheet(f"color: {colour.name()};")
            label.setAccessibleName(fact_text(fact, currency))
            self._layout.addWidget(label)
            self.lines.append(label)
