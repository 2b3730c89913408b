"""Best match: the score is the sum of its facts, each part within its ceiling, and the facts say why."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from desktop.core.match import Reason, match, score
from desktop.core.models import ClientInfo, Job, JobType
from desktop.core.money import Money
from tests.unit.storage.factories import make_freelancer, make_job

ME = make_freelancer(skills=("Python", "Qt", "SQLite", "Résumé writing"), hourly_rate=Money(Decimal("80")))
RICH = ClientInfo(id="c", name="Acme", country="FR", payment_verified=True, rating=Decimal("4.9"),
                  total_spent=Money(Decimal("25000")), hires=12)
POOR = ClientInfo(id="c", name="", country="", payment_verified=False, rating=None,
                  total_spent=Money(Decimal("0")), hires=0)


def hourly(top: str, skills: tuple[str, ...], client: ClientInfo = RICH, proposals: int = 2) -> Job:
    return replace(make_job(1), job_type=JobType.HOURLY, budget=None, hourly_min=Money(Decimal("20")),
                   hourly_max=Money(Decimal(top)), skills=skills, client=client, proposals_count=proposals)


def test_a_perfect_job_scores_100_and_says_why() -> None:
    job = hourly("95", ("python", "QT", "resume writing"))  # case and accents aside
    m = match(job, ME)
    assert m.score == 100
    reasons = {f.reason: f for f in m.facts}
    assert reasons[Reason.SKILLS].args == ("3", "3", "python, QT, resume writing")
    assert reasons[Reason.PAY_MEETS_RATE].args == ("95", "80")
    assert all(f.good for f in m.facts)


def test_each_part_lowers_the_score_on_its_own() -> None:
    best = score(hourly("95", ("Python",)), ME)
    assert score(hourly("95", ("Python", "Go")), ME) == best - 20  # half the skills
    assert score(hourly("72", ("Python",)), ME) == best - 5  # 90 % of the rate
    assert score(hourly("40", ("Python",)), ME) == best - 20  # under 60 %: nothing
    assert score(hourly("95", ("Python",), client=POOR), ME) == best - 25
    assert score(hourly("95", ("Python",), proposals=12), ME) == best - 10
    assert score(hourly("95", ("Python",), proposals=50), ME) == best - 15


def test_a_fixed_budget_is_weighed_against_ten_hours_at_the_rate() -> None:
    fixed = replace(make_job(2), job_type=JobType.FIXED, budget=Money(Decimal("800")), skills=("Python",),
                    client=RICH, proposals_count=0)
    m = match(fixed, ME)
    assert m.score == 100
    assert any(f.reason is Reason.BUDGET_FITS and f.args == ("800", "10") for f in m.facts)
    small = match(replace(fixed, budget=Money(Decimal("200"))), ME)
    assert small.score == 80
    assert any(f.reason is Reason.BUDGET_SMALL and not f.good for f in small.facts)


def test_unknowns_count_half_and_no_profile_scores_nothing() -> None:
    job = hourly("95", ())
    m = match(job, ME)
    assert any(f.reason is Reason.NO_SKILLS_LISTED and f.points == 20 for f in m.facts)
    euros = replace(job, hourly_max=Money(Decimal("95"), "EUR"), hourly_min=None)
    assert any(f.reason is Reason.PAY_UNKNOWN and f.points == 10 for f in match(euros, ME).facts)
    assert score(job, None) == 0
