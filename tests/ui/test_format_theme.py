from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt

from desktop.core.clock import utcnow
from desktop.core.models import JobType
from desktop.core.money import Money
from desktop.ui import format as fmt
from desktop.ui import theme
from desktop.ui.resources import icon, resources_dir
from tests.ui import builders


def test_relative_times(qapp: Any) -> None:
    now = utcnow()
    assert fmt.ago(now - timedelta(seconds=10), now) == "just now"
    assert fmt.ago(now - timedelta(minutes=5), now) == "5 min ago"
    assert fmt.ago(now - timedelta(hours=3, minutes=2), now) == "3 h ago"
    assert fmt.ago(now - timedelta(days=1, hours=2), now) == "yesterday"
    assert fmt.ago(now - timedelta(days=4), now) == "4 days ago"


def test_budgets_and_bands(qapp: Any) -> None:
    jobs = builders.make_jobs(utcnow())
    fixed = next(j for j in jobs if j.job_type is JobType.FIXED)
    hourly = next(j for j in jobs if j.job_type is JobType.HOURLY)
    assert fmt.budget_text(fixed) == "$4,500 fixed"
    assert fmt.budget_text(hourly) == "$45–$80/hr"
    assert fmt.short_money(Money(Decimal("30.5"))) == "$30.50"
    assert fmt.proposals_band(3) == "Less than 5"
    assert fmt.proposals_band(12) == "10 to 15"
    assert fmt.proposals_band(80) == "50+"
    assert fmt.count_text(2004, "job", "jobs") == "2,004 jobs"


def test_theme_follows_forced_scheme_and_icons_resolve(qapp: Any) -> None:
    controller = theme.apply_theme(qapp, Qt.ColorScheme.Dark)
    try:
        assert controller.dark
        assert theme.is_dark(qapp.palette())
        controller.force(Qt.ColorScheme.Light)
        assert not theme.is_dark(qapp.palette())
    finally:
        controller.force(None)
        controller.deleteLater()
    assert resources_dir() is not None
    for name in ("jobs", "proposals", "messages", "earnings", "atelier"):
        assert not icon(name).isNull(), name
