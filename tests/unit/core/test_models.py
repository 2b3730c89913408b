from decimal import Decimal

from desktop.core.clock import format_ts, parse_ts
from desktop.core.models import ProposalDraft, ProposalStatus
from desktop.core.money import Money


def _draft(**overrides: object) -> ProposalDraft:
    values: dict[str, object] = {
        "job_id": "job_1", "cover_letter": "x" * 60, "bid": Money.of("100"), "duration": "1 to 3 months",
        "fee_rate": Decimal("0.10"),
    }
    values.update(overrides)
    return ProposalDraft(**values)  # type: ignore[arg-type]


def test_a_complete_draft_has_no_problems() -> None:
    assert _draft().problems() == []


def test_a_draft_explains_what_is_missing() -> None:
    problems = _draft(cover_letter="Hi", bid=Money.of("0"), duration=" ").problems()
    assert len(problems) == 3
    assert any("50 characters" in str(p) for p in problems)


def test_active_statuses() -> None:
    assert ProposalStatus.INTERVIEWING.is_active
    assert not ProposalStatus.HIRED.is_active
    assert not ProposalStatus.WITHDRAWN.is_active


def test_timestamps_round_trip_and_sort_as_text() -> None:
    a = parse_ts("2026-01-02T03:04:05.000006Z")
    b = parse_ts("2026-01-02T03:04:05.000010+00:00")
    assert format_ts(a) == "2026-01-02T03:04:05.000006Z"
    assert format_ts(a) < format_ts(b)
    assert parse_ts(format_ts(b)) == b


def test_a_filter_narrows_the_feed_with_words_or_a_filter_but_not_with_an_order() -> None:
    from desktop.core.models import JobFilter, JobSort, JobType

    assert not JobFilter().narrows
    assert not JobFilter(query="   ", sort=JobSort.BUDGET_HIGH).narrows
    assert JobFilter(query="rust").narrows
    assert JobFilter(job_type=JobType.HOURLY, sort=JobSort.RELEVANCE).narrows
    assert JobFilter(payment_verified_only=True).narrows


def test_a_milestone_due_before_today_is_a_problem_on_that_day_only() -> None:
    from datetime import date

    from desktop.core.models import BidMilestone
    from desktop.core.notices import Code

    plan = (BidMilestone("Design", Money.of("40"), date(2026, 12, 10)),
            BidMilestone("Build", Money.of("60"), date(2026, 12, 20)))
    draft = _draft(milestones=plan)
    assert draft.problems(date(2026, 12, 6)) == []
    assert [p.code for p in draft.problems(date(2026, 12, 11))] == [Code.MILESTONE_DUE_PASSED]
    assert draft.problems() == []  # no today given: not judged (a draft read back for the record)
