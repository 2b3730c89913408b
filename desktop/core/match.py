"""Best match: how well a job suits the freelancer, 0–100, with the reasons, from what the cache holds.

Four parts, each with a ceiling, so the score reads as a sum of plain facts:

* **Skills (up to 40)**: the share of the job's skills the freelancer lists (case and accents aside).
  A job that names no skills gets half.
* **Pay (up to 20)**: hourly, the top of the range against the freelancer's rate (full at or above it,
  nothing below 60 % of it); fixed price, the budget against ten hours at that rate.
* **Client (up to 25)**: payment verified 10, rating 4.5 or more 5 (4.0 or more 2), over $10,000 spent 5
  ($1,000 or more 2), five hires or more 5 (one or more 2).
* **Competition (up to 15)**: fewer than 5 proposals 15, fewer than 10 10, fewer than 20 5, else 0.

Pure and cheap: the cache stores each job's score when the job is written (and again for every job when
the profile's skills or rate change), so sorting by it is an index walk; the reasons are worked out again
for the one job on screen.
"""

from __future__ import annotations

import enum
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from desktop.core.models import Freelancer, Job, JobType

SKILLS_POINTS = 40
PAY_POINTS = 20
CLIENT_POINTS = 25
COMPETITION_POINTS = 15
FIXED_HOURS = Decimal(10)
"""A fixed budget is weighed against this many hours at the freelancer's rate."""
LOW_PAY = Decimal("0.6")
"""Below this share of the freelancer's rate (or of FIXED_HOURS of it), pay earns nothing."""


class Reason(enum.StrEnum):
    """Why a job scores what it does; each has arguments, listed by :class:`Fact`."""

    SKILLS = "skills"  # args: matched, asked, the matched names joined by ", "
    NO_SKILLS_LISTED = "no_skills_listed"
    PAY_MEETS_RATE = "pay_meets_rate"  # args: the job's hourly top, the freelancer's rate
    PAY_BELOW_RATE = "pay_below_rate"  # args: the job's hourly top, the freelancer's rate
    BUDGET_FITS = "budget_fits"  # args: the budget, hours it pays at the freelancer's rate
    BUDGET_SMALL = "budget_small"  # args: the budget, hours it pays at the freelancer's rate
    PAY_UNKNOWN = "pay_unknown"
    VERIFIED = "verified"
    UNVERIFIED = "unverified"
    RATING = "rating"  # args: the rating
    NO_RATING = "no_rating"
    SPENT = "spent"  # args: the amount spent
    HIRES = "hires"  # args: the number of hires
    FEW_PROPOSALS = "few_proposals"  # args: the number of proposals
    MANY_PROPOSALS = "many_proposals"  # args: the number of proposals


@dataclass(frozen=True, slots=True)
class Fact:
    reason: Reason
    points: int
    """What this fact added to the score."""
    args: tuple[str, ...] = ()
    good: bool = True
    """Whether it speaks for the job (False: against it)."""


@dataclass(frozen=True, slots=True)
class Match:
    score: int
    facts: tuple[Fact, ...]


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def _skills(job: Job, me: Freelancer) -> Fact:
    asked = [s for s in job.skills if s.strip()]
    if not asked:
        return Fact(Reason.NO_SKILLS_LISTED, SKILLS_POINTS // 2, good=False)
    mine = {_fold(s) for s in me.skills}
    matched = [s for s in asked if _fold(s) in mine]
    points = round(SKILLS_POINTS * len(matched) / len(asked))
    return Fact(Reason.SKILLS, points, (str(len(matched)), str(len(asked)), ", ".join(matched)),
                good=len(matched) * 2 >= len(asked))


def _share_points(share: Decimal) -> int:
    """PAY_POINTS at 100 % or more, nothing at LOW_PAY or less, in proportion between."""
    if share >= 1:
        return PAY_POINTS
    if share <= LOW_PAY:
        return 0
    return round(PAY_POINTS * (share - LOW_PAY) / (1 - LOW_PAY))


def _pay(job: Job, me: Freelancer) -> Fact:
    rate = me.hourly_rate
    if rate.amount <= 0:
        return Fact(Reason.PAY_UNKNOWN, PAY_POINTS // 2, good=False)
    if job.job_type is JobType.HOURLY:
        top = job.hourly_max or job.hourly_min
        if top is None or top.currency != rate.currency:
            return Fact(Reason.PAY_UNKNOWN, PAY_POINTS // 2, good=False)
        points = _share_points(top.amount / rate.amount)
        reason = Reason.PAY_MEETS_RATE if top.amount >= rate.amount else Reason.PAY_BELOW_RATE
        return Fact(reason, points, (str(top.amount), str(rate.amount)), good=top.amount >= rate.amount)
    budget = job.budget
    if budget is None or budget.currency != rate.currency:
        return Fact(Reason.PAY_UNKNOWN, PAY_POINTS // 2, good=False)
    hours = budget.amount / rate.amount
    points = _share_points(hours / FIXED_HOURS)
    reason = Reason.BUDGET_FITS if hours >= FIXED_HOURS else Reason.BUDGET_SMALL
    return Fact(reason, points, (str(budget.amount), str(int(hours))), good=hours >= FIXED_HOURS)


def _client(job: Job) -> list[Fact]:
    c = job.client
    facts = [Fact(Reason.VERIFIED, 10) if c.payment_verified else Fact(Reason.UNVERIFIED, 0, good=False)]
    if c.rating is None:
        facts.append(Fact(Reason.NO_RATING, 0, good=False))
    else:
        points = 5 if c.rating >= Decimal("4.5") else 2 if c.rating >= 4 else 0
        facts.append(Fact(Reason.RATING, points, (str(c.rating),), good=points > 0))
    spent = c.total_spent.amount
    points = 5 if spent >= 10_000 else 2 if spent >= 1_000 else 0
    facts.append(Fact(Reason.SPENT, points, (str(spent),), good=points > 0))
    points = 5 if c.hires >= 5 else 2 if c.hires >= 1 else 0
    facts.append(Fact(Reason.HIRES, points, (str(c.hires),), good=points > 0))
    return facts


def _competition(job: Job) -> Fact:
    n = job.proposals_count
    points = 15 if n < 5 else 10 if n < 10 else 5 if n < 20 else 0
    return Fact(Reason.FEW_PROPOSALS if n < 10 else Reason.MANY_PROPOSALS, points, (str(n),), good=n < 10)


def match(job: Job, me: Freelancer) -> Match:
    facts = (_skills(job, me), _pay(job, me), *_client(job), _competition(job))
    return Match(max(0, min(100, sum(f.points for f in facts))), facts)


def score(job: Job, me: Freelancer | None) -> int:
    """The score alone (0 when the profile is not known yet: the first sync brings it)."""
    return 0 if me is None else match(job, me).score
