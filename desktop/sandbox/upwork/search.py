"""Job search semantics behind marketplaceJobPostingsSearch: filters, the expression mini-language, sorting.

Upwork documents searchExpression_eq as "partial Lucene syntax" and skillExpression_eq with comma = OR
(upwork-node MarketplaceJobPostingsSearchFilter). The sandbox understands: words (all must match, any order,
case-insensitive, as words or prefixes), "quoted phrases", OR between alternatives, and NOT word / -word.
Sort fields (tryAGI/Upwork SearchConstants.cs, third-party notes): RECENCY (newest first, the default),
RELEVANCE (match count, then recency), CLIENT_RATING (client feedback, best first), CLIENT_TOTAL_CHARGE
(client spend, highest first).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from desktop.sandbox.clock import format_ts, utcnow

from .db import Row

TOKEN = re.compile(r'"[^"]*"|\S+')


@dataclass(frozen=True)
class Expression:
    alternatives: tuple[tuple[str, ...], ...]  # OR of AND-groups
    excluded: tuple[str, ...]

    def score(self, text: str) -> int | None:
        """Number of matched terms (>= 1) when `text` matches, else None."""
        haystack = text.lower()
        if any(_contains(haystack, term) for term in self.excluded):
            return None
        best: int | None = None
        for group in self.alternatives:
            if all(_contains(haystack, term) for term in group):
                hits = sum(haystack.count(term) for term in group)
                best = hits if best is None else max(best, hits)
        return best


def _contains(haystack: str, term: str) -> bool:
    return re.search(r"(?<![\w])" + re.escape(term), haystack) is not None


def parse_expression(text: str) -> Expression | None:
    tokens = [t.strip('"').lower() for t in TOKEN.findall(text or "")]
    raw_tokens = TOKEN.findall(text or "")
    groups: list[list[str]] = [[]]
    excluded: list[str] = []
    negate = False
    for raw, token in zip(raw_tokens, tokens, strict=True):
        if raw == "OR":
            groups.append([])
        elif raw in ("AND", "&&"):
            continue
        elif raw == "NOT":
            negate = True
        elif raw.startswith("-") and len(raw) > 1:
            excluded.append(token[1:].strip('"'))
        elif token:
            (excluded if negate else groups[-1]).append(token)
            negate = False
    alternatives = tuple(tuple(g) for g in groups if g)
    if not alternatives and not excluded:
        return None
    return Expression(alternatives or ((),), tuple(excluded))


def _in_range(value: float | None, bounds: dict[str, Any] | None) -> bool:
    if bounds is None:
        return True
    if value is None:
        return False
    low, high = bounds.get("rangeStart"), bounds.get("rangeEnd")
    return (low is None or value >= low) and (high is None or value <= high)


def _overlaps(low: float | None, high: float | None, bounds: dict[str, Any] | None) -> bool:
    if bounds is None:
        return True
    if low is None or high is None:
        return False
    start, end = bounds.get("rangeStart"), bounds.get("rangeEnd")
    return (end is None or low <= end) and (start is None or high >= start)


def matching_jobs(jobs: list[Row], clients: dict[str, Row], filt: dict[str, Any]) -> list[tuple[Row, int]]:
    """(job, relevance) for every OPEN job that passes the filter."""
    search = parse_expression(filt.get("searchExpression_eq") or "")
    title = parse_expression(filt.get("titleExpression_eq") or "")
    skills_wanted = {
        s.strip().lower() for s in (filt.get("skillExpression_eq") or "").split(",") if s.strip()
    }
    terms = filt.get("searchTerm_eq") or {}
    days = filt.get("daysPosted_eq")
    since = format_ts(utcnow() - timedelta(days=days)) if days else None
    checks: list[Callable[[Row, Row], bool]] = []
    if filt.get("jobType_eq"):
        checks.append(lambda j, c: j["job_type"] == filt["jobType_eq"])
    if filt.get("experienceLevel_eq"):
        checks.append(lambda j, c: j["experience"] == filt["experienceLevel_eq"])
    if filt.get("workload_eq"):
        checks.append(lambda j, c: j["engagement"] == filt["workload_eq"])
    if filt.get("budgetRange_eq"):
        checks.append(
            lambda j, c: (
                j["fixed_cents"] is not None and _in_range(j["fixed_cents"] / 100, filt["budgetRange_eq"])
            )
        )
    if filt.get("hourlyRate_eq"):
        checks.append(lambda j, c: _overlaps(j["hourly_min"], j["hourly_max"], filt["hourlyRate_eq"]))
    if filt.get("proposalRange_eq"):
        checks.append(lambda j, c: _in_range(j["applicants"], filt["proposalRange_eq"]))
    if filt.get("clientHiresRange_eq"):
        checks.append(lambda j, c: _in_range(c["total_hires"], filt["clientHiresRange_eq"]))
    if filt.get("verifiedPaymentOnly_eq"):
        checks.append(lambda j, c: bool(c["payment_verified"]))
    if filt.get("enterpriseOnly_eq"):
        checks.append(lambda j, c: bool(j["enterprise"]))
    if filt.get("locations_any"):
        wanted = {x.lower() for x in filt["locations_any"]}
        checks.append(lambda j, c: (c["country"] or "").lower() in wanted)
    if since:
        checks.append(lambda j, c: j["published_at"] >= since)
    results: list[tuple[Row, int]] = []
    for job in jobs:
        client = clients[job["client_org_id"]]
        if job["status"] != "OPEN" or not all(check(job, client) for check in checks):
            continue
        job_skills = [s.lower() for s in json.loads(job["skills"])]
        if skills_wanted and not skills_wanted.intersection(job_skills):
            continue
        score = len(skills_wanted.intersection(job_skills))
        text = f"{job['title']}\n{job['description']}\n{' '.join(job_skills)}"
        if search is not None:
            hit = search.score(text)
            if hit is None:
                continue
            score += hit
        if title is not None:
            hit = title.score(job["title"])
            if hit is None:
                continue
            score += 2 * hit
        if not _search_terms_match(text.lower(), terms):
            continue
        results.append((job, score))
    return results


def _search_terms_match(text: str, terms: dict[str, Any]) -> bool:
    """SearchTerm {andTerms_all, orTerms_any, exactTerms_any, excludeTerms_any} (upwork-node)."""
    and_terms = [t.lower() for t in terms.get("andTerms_all") or []]
    or_terms = [t.lower() for t in terms.get("orTerms_any") or []]
    exact = [t.lower() for t in terms.get("exactTerms_any") or []]
    exclude = [t.lower() for t in terms.get("excludeTerms_any") or []]
    return (
        all(_contains(text, t) for t in and_terms)
        and (not or_terms or any(_contains(text, t) for t in or_terms))
        and (not exact or any(t in text for t in exact))
        and not any(_contains(text, t) for t in exclude)
    )


def sort_jobs(hits: list[tuple[Row, int]], clients: dict[str, Row], field: str) -> list[Row]:
    def recency(item: tuple[Row, int]) -> tuple[str, str]:
        return item[0]["published_at"], item[0]["id"]

    ordered = sorted(hits, key=recency, reverse=True)  # newest first; the tie-breaker for the others
    if field == "RELEVANCE":
        ordered.sort(key=lambda item: item[1], reverse=True)
    elif field == "CLIENT_RATING":
        ordered.sort(key=lambda item: clients[item[0]["client_org_id"]]["feedback"], reverse=True)
    elif field == "CLIENT_TOTAL_CHARGE":
        ordered.sort(key=lambda item: clients[item[0]["client_org_id"]]["total_spent_cents"], reverse=True)
    return [job for job, _score in ordered]


__all__ = ["matching_jobs", "parse_expression", "sort_jobs"]
