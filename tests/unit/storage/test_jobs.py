from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest

from desktop.core.clock import utcnow
from desktop.core.models import ExperienceLevel, Job, JobFilter, JobSort, JobType
from desktop.core.money import Money
from desktop.storage import fts, jobs
from desktop.storage._convert import cents
from desktop.storage.db import Database
from tests.support.bound import bound
from tests.unit.storage.factories import BASE_TIME, make_job, make_jobs

N = 5000
NOW = BASE_TIME + timedelta(hours=1)


@pytest.fixture(scope="module")
def corpus() -> list[Job]:
    return make_jobs(N)


@pytest.fixture(scope="module")
def feed(tmp_path_factory: pytest.TempPathFactory, corpus: list[Job]) -> Iterator[Database]:
    db = Database.open(tmp_path_factory.mktemp("feed") / "cache.db")
    for start in range(0, N, 1000):
        db.write_now(bound(jobs.upsert_many, corpus[start : start + 1000]))
    yield db
    db.close_now()


# -- a plain-Python model of what the feed should return ---------------------------------------------


def _tokens(text: str) -> set[str]:
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return set(re.findall(r"[^\W_]+", text))


def _terms(query: str) -> list[str]:
    return sorted(_tokens(unicodedata.normalize("NFKC", query)))


_WORDS: dict[str, set[str]] = {}


def _matches(job: Job, f: JobFilter) -> bool:
    words = _WORDS.get(job.id)
    if words is None:
        words = _WORDS[job.id] = _tokens(f"{job.title} {job.description} {' '.join(job.skills)}")
    for term in _terms(f.query):
        if not any(w.startswith(term) for w in words):
            return False
    head = job.headline_amount
    if f.job_type is not None and job.job_type is not f.job_type:
        return False
    if f.experience_level is not None and job.experience_level is not f.experience_level:
        return False
    if f.category and job.category != f.category:
        return False
    if f.payment_verified_only and not job.client.payment_verified:
        return False
    if f.min_budget is not None and (head is None or cents(head.amount) < cents(f.min_budget)):
        return False
    if f.max_budget is not None and (head is None or cents(head.amount) > cents(f.max_budget)):
        return False
    if f.max_proposals is not None and job.proposals_count > f.max_proposals:
        return False
    return not (
        f.posted_within_hours is not None and job.posted_at < NOW - timedelta(hours=f.posted_within_hours)
    )


def _expected(corpus: list[Job], f: JobFilter) -> list[str]:
    hits = [j for j in corpus if _matches(j, f)]
    newest = sorted(hits, key=lambda j: j.posted_at, reverse=True)
    if f.sort is JobSort.BUDGET_HIGH:
        newest.sort(
            key=lambda j: -1 if j.headline_amount is None else cents(j.headline_amount.amount), reverse=True
        )
    elif f.sort is JobSort.FEWEST_PROPOSALS:
        newest.sort(key=lambda j: j.proposals_count)
    return [j.id for j in newest]


FILTERS = {
    "none": JobFilter(),
    "query common": JobFilter(query="the"),
    "query python": JobFilter(query="python"),
    "query two words": JobFilter(query="data pipeline"),
    "query prefix": JobFilter(query="dev"),
    "query rare": JobFilter(query="zendesk"),
    "query none": JobFilter(query="qwertyuiop"),
    "job_type": JobFilter(job_type=JobType.HOURLY),
    "experience": JobFilter(experience_level=ExperienceLevel.EXPERT),
    "category": JobFilter(category="Design"),
    "verified": JobFilter(payment_verified_only=True),
    "min_budget": JobFilter(min_budget=Decimal("2500")),
    "max_budget": JobFilter(max_budget=Decimal("40.50")),
    "budget range": JobFilter(min_budget=Decimal(30), max_budget=Decimal(100)),
    "max_proposals": JobFilter(max_proposals=4),
    "posted_within": JobFilter(posted_within_hours=48),
    "combined": JobFilter(
        job_type=JobType.FIXED, experience_level=ExperienceLevel.INTERMEDIATE, payment_verified_only=True
    ),
    "combined very selective": JobFilter(
        category="Writing", job_type=JobType.FIXED, min_budget=Decimal(5000), max_proposals=8
    ),
    "query + filters": JobFilter(query="api", category="Web Development", payment_verified_only=True),
    "common query + selective filters": JobFilter(query="the", min_budget=Decimal(12000), max_proposals=0),
    "accent query": JobFilter(query="cafe"),
}
SORTS = [JobSort.NEWEST, JobSort.BUDGET_HIGH, JobSort.FEWEST_PROPOSALS]


@pytest.fixture(params=["default plan", "tiny thresholds"])
def planner(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the feed twice: with the real thresholds and with tiny ones, so every plan branch runs."""
    if request.param == "tiny thresholds":
        monkeypatch.setattr(jobs, "SMALL", 20)
        monkeypatch.setattr(jobs, "RELEVANCE_WINDOW", 15)
    return str(request.param)


@pytest.mark.parametrize("sort", SORTS, ids=[s.value for s in SORTS])
@pytest.mark.parametrize("name", list(FILTERS))
def test_filters_and_sorts_match_the_model(
    feed: Database, corpus: list[Job], planner: str, name: str, sort: JobSort
) -> None:
    f = replace(FILTERS[name], sort=sort)
    expected = _expected(corpus, f)
    assert feed.read_now(lambda c: jobs.count(c, f, now=NOW)) == len(expected)
    first = feed.read_now(lambda c: jobs.page(c, f, 0, 100, now=NOW))
    assert [j.id for j in first] == expected[:100]
    if len(expected) > 100:
        deep = min(len(expected) - 50, 1234)
        later = feed.read_now(lambda c: jobs.page(c, f, deep, 100, now=NOW))
        assert [j.id for j in later] == expected[deep : deep + 100]


def test_filters_actually_narrow(corpus: list[Job]) -> None:
    for name, f in FILTERS.items():
        n = len(_expected(corpus, f))
        if name == "none":
            assert n == N
        elif name == "query none":
            assert n == 0
        elif name == "query common":
            assert n > N // 2
        else:
            assert 0 < n < N, name


@pytest.mark.parametrize("sort", [*SORTS, JobSort.RELEVANCE], ids=lambda s: s.value)
@pytest.mark.parametrize("query", ["", "the", "python react", "zendesk"])
def test_paging_by_offset_has_no_duplicates_or_gaps(
    feed: Database, planner: str, query: str, sort: JobSort
) -> None:
    f = JobFilter(query=query, sort=sort)
    total = feed.read_now(lambda c: jobs.count(c, f))
    limit = max(1, total // 7 + 1) if total < 700 else 250
    seen: list[str] = []
    offset = 0
    while offset < min(total, 2000):
        chunk = feed.read_now(bound(jobs.page, f, offset, limit))
        assert chunk, offset
        seen += [j.id for j in chunk]
        offset += limit
    assert len(seen) == len(set(seen))
    assert len(seen) == min(total, offset)
    assert feed.read_now(lambda c: jobs.page(c, f, total, 10)) == []


@pytest.mark.parametrize("query", ["python", "the", "zendesk"])
def test_relevance_returns_the_same_set_title_hits_first(feed: Database, planner: str, query: str) -> None:
    newest = JobFilter(query=query)
    ranked = JobFilter(query=query, sort=JobSort.RELEVANCE)
    total = feed.read_now(lambda c: jobs.count(c, newest))
    assert feed.read_now(lambda c: jobs.count(c, ranked)) == total
    a = {j.id for j in feed.read_now(lambda c: jobs.page(c, newest, 0, total))}
    b = {j.id for j in feed.read_now(lambda c: jobs.page(c, ranked, 0, total))}
    assert a == b


def test_relevance_prefers_title_matches(db: Database) -> None:
    base = make_job(
        1, title="Help with a spreadsheet", description="Nothing special here. " * 20, skills=("Excel",)
    )
    titled = make_job(2, title="Kubernetes operator wanted", description="Plain text. " * 20, skills=("Go",))
    mention = make_job(
        3, title="Website update", description="Also kubernetes. " + "Filler. " * 40, skills=("PHP",)
    )
    db.write_now(lambda c: jobs.upsert_many(c, [base, titled, mention]))
    found = db.read_now(lambda c: jobs.page(c, JobFilter(query="kubernetes", sort=JobSort.RELEVANCE), 0, 10))
    assert [j.id for j in found] == [titled.id, mention.id]


def test_round_trip_every_field(db: Database) -> None:
    job = make_job(
        7,
        title="Café résumé — naïve “quotes”",
        skills=("C++", "Node.js", "Ünïcode"),
        budget=None,
        job_type=JobType.HOURLY,
        hourly_min=Money(Decimal("12.5"), "EUR"),
        hourly_max=Money(Decimal("99.99"), "EUR"),
        fee_rate=Decimal("0.125"),
    )
    job = replace(job, client=replace(job.client, rating=None, total_spent=Money(Decimal("1234.56"), "GBP")))
    fixed = make_job(
        8, job_type=JobType.FIXED, budget=Money(Decimal("750.00"), "USD"), hourly_min=None, hourly_max=None
    )
    db.write_now(lambda c: jobs.upsert_many(c, [job, fixed]))
    assert db.read_now(lambda c: jobs.get(c, job.id)) == job
    assert db.read_now(lambda c: jobs.get(c, fixed.id)) == fixed
    assert db.read_now(lambda c: jobs.get(c, "missing")) is None
    assert db.read_now(lambda c: jobs.get_many(c, [job.id, "missing"])) == {job.id: job}


def test_upsert_replaces_by_id_and_keeps_search_in_step(db: Database) -> None:
    original = make_job(1, title="Old title about llamas")
    db.write_now(lambda c: jobs.upsert_many(c, [original, make_job(2)]))
    changed = replace(original, title="New title about alpacas", proposals_count=99)
    moved = replace(make_job(2), posted_at=BASE_TIME + timedelta(days=1))  # new posted_at: new seq
    assert db.write_now(lambda c: jobs.upsert_many(c, [changed, moved, changed])) == 2
    assert db.read_now(jobs.total) == 2
    assert db.read_now(lambda c: jobs.get(c, original.id)) == changed
    assert db.read_now(lambda c: jobs.count(c, JobFilter(query="llamas"))) == 0
    assert db.read_now(lambda c: jobs.count(c, JobFilter(query="alpacas"))) == 1
    assert [j.id for j in db.read_now(lambda c: jobs.page(c, JobFilter(), 0, 10))] == [moved.id, original.id]
    # same posted_at for several jobs: all stored, stable order
    same = [make_job(i, posted_at=BASE_TIME) for i in range(10, 20)]
    db.write_now(lambda c: jobs.upsert_many(c, same))
    db.write_now(lambda c: jobs.upsert_many(c, same))
    assert db.read_now(jobs.total) == 12
    assert (
        db.read_now(lambda c: c.execute("INSERT INTO jobs_fts(jobs_fts) VALUES ('integrity-check')"))
        is not None
    )
    assert db.write_now(lambda c: jobs.delete(c, [original.id, "missing"])) == 1
    assert db.read_now(lambda c: jobs.count(c, JobFilter(query="alpacas"))) == 0
    db.read_now(lambda c: c.execute("INSERT INTO jobs_fts(jobs_fts) VALUES ('integrity-check')"))


def test_posted_within_hours_uses_now(db: Database) -> None:
    now = utcnow()
    recent = make_job(1, posted_at=now - timedelta(hours=2))
    old = make_job(2, posted_at=now - timedelta(hours=30))
    db.write_now(lambda c: jobs.upsert_many(c, [recent, old]))
    assert [j.id for j in db.read_now(lambda c: jobs.page(c, JobFilter(posted_within_hours=24), 0, 10))] == [
        recent.id
    ]
    assert db.read_now(lambda c: jobs.count(c, JobFilter(posted_within_hours=48))) == 2


def test_categories_and_total(feed: Database, corpus: list[Job]) -> None:
    assert feed.read_now(jobs.categories) == sorted({j.category for j in corpus})
    assert feed.read_now(jobs.total) == N


ODD_INPUTS = [
    "", " ", '"', '""', "'", "*", "**", "-", "--python", "-python", "python -react", "NEAR", "NEAR(a b)",
    "a NEAR b", "AND", "OR", "NOT", "python OR react", "python AND", "NOT python", "(", ")", "())(", "{}",
    "[", "^python", "title:python", "title : python", "python*", "*python", '"python', 'py"th"on', "a + b",
    "\\", "\x00", "%", "_", "__", "😀", "python 😀", "日本語", "Ωμέγα", "ß", "İstanbul", "\u0301", "e\u0301",
    "ｐｙｔｈｏｎ", "𝔭𝔶𝔱𝔥𝔬𝔫", "١٢٣", "c++", "node.js", "x" * 5000, "python " * 100, "?", ";",
    "'; DROP TABLE jobs; --",
    "\ufeff", "\u200b", "a\u200bb", "tab\there", "new\nline", "½", "Ⅻ", "²",
]  # fmt: skip


@pytest.mark.parametrize("text", ODD_INPUTS)
def test_any_search_text_is_safe(feed: Database, text: str) -> None:
    for sort in JobSort:
        f = JobFilter(query=text, sort=sort)
        feed.read_now(bound(jobs.page, f, 0, 20))
        feed.read_now(bound(jobs.count, f))


def test_random_search_text_is_safe(feed: Database) -> None:
    import random

    rng = random.Random(3)
    alphabet = "abcpyth \"*-+():^NEAROT\\'é😀ß_.,0123" + "\u0301\u200b"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        f = JobFilter(query=text, sort=rng.choice(list(JobSort)))
        feed.read_now(bound(jobs.page, f, 0, 5))
        feed.read_now(bound(jobs.count, f))


def test_match_expression() -> None:
    assert fts.match_expression("") is None
    assert fts.match_expression(" \"'*-() ") is None
    assert fts.match_expression("Python dev") == '"Python"* "dev"*'
    assert fts.match_expression('NEAR(a "b") OR c*') == '"NEAR"* "a"* "b"* "OR"* "c"*'
    assert fts.match_expression("node.js") == '"node"* "js"*'
    assert fts.match_expression("x_y") == '"x"* "y"*'


def test_search_ignores_accents_and_punctuation(db: Database) -> None:
    db.write_now(
        lambda c: jobs.upsert_many(
            c,
            [
                make_job(1, title="Open a café in Zürich", description="Résumé needed."),
                make_job(2, title="Cafeteria menu", description="Resume writing"),
                make_job(3, title="Nothing", description="At all"),
            ],
        )
    )

    def ids(q: str) -> set[str]:
        return {j.id for j in db.read_now(lambda c: jobs.page(c, JobFilter(query=q), 0, 10))}

    assert ids("cafe") == {"job-000001", "job-000002"}
    assert ids("café") == {"job-000001", "job-000002"}
    assert ids("CAFÉ!") == {"job-000001", "job-000002"}
    assert ids("zurich") == {"job-000001"}
    assert ids("resume") == {"job-000001", "job-000002"}
    assert ids("caf zür") == {"job-000001"}
    assert ids('"cafe') == {"job-000001", "job-000002"}
    assert ids("cafe -menu") == {"job-000002"}  # "-" is not an operator: "menu" is just another word
    assert ids("...") == {"job-000001", "job-000002", "job-000003"}


def test_categories_are_each_category_in_use_once_in_order(db: Database) -> None:
    names = ["web", "Design", "", "web", "data", "Écriture", "data", "a b"]
    db.write_now(lambda c: jobs.upsert_many(c, [make_job(i, category=name) for i, name in enumerate(names)]))
    expected = sorted({name for name in names if name})  # SQLite's BINARY order is Python's for str
    assert db.read_now(jobs.categories) == expected
    db.write_now(lambda c: c.execute("DELETE FROM jobs"))
    assert db.read_now(jobs.categories) == []
