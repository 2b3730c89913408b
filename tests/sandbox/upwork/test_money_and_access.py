"""Contracts and transaction history, scope switches ("Authorization failed") and the tenant header."""

from __future__ import annotations

from datetime import date

from desktop.sandbox.upwork.harness import UpworkSandboxServer
from tests.sandbox.upwork.conftest import Gql

HISTORY = """query($ace: [ID!]!, $start: String, $end: String) {
  transactionHistory(transactionHistoryFilter: {aceIds_any: $ace,
                     transactionDateTime_bt: {rangeStart: $start, rangeEnd: $end}}) {
    transactionDetail { transactionHistoryRow { recordId type descriptionUI transactionAmount { rawValue }
      amountCreditedToUser { rawValue } paymentStatus transactionReviewDueDate transactionCreationDate
      fullyPaidDate relatedTransactionId assignmentTeamId } } } }"""


def history(gql: Gql, start: str = "2000-01-01", end: str = "2100-01-01") -> list[dict[str, object]]:
    ace = gql("{ accountingEntity { id } }")["accountingEntity"]["id"]
    rows: list[dict[str, object]] = gql(HISTORY, {"ace": [ace], "start": start, "end": end})[
        "transactionHistory"
    ]["transactionDetail"]["transactionHistoryRow"]
    return rows


def test_transactions_over_a_year_with_fees_and_pending(gql: Gql) -> None:
    rows = history(gql)
    assert 30 <= len(rows) <= 50
    types = {r["type"] for r in rows}
    assert {"Hourly", "Fixed Price", "Bonus", "Service Fee", "Withdrawal"} <= types
    by_id = {r["recordId"]: r for r in rows}
    rates = set()
    for fee in (r for r in rows if r["type"] == "Service Fee"):
        earning = by_id[fee["relatedTransactionId"]]
        fee_amount = float(fee["transactionAmount"]["rawValue"])  # type: ignore[index]
        earned = float(earning["transactionAmount"]["rawValue"])  # type: ignore[index]
        assert fee_amount < 0 < earned
        rates.add(round(-fee_amount / earned, 2))
        assert fee["assignmentTeamId"] == earning["assignmentTeamId"]
    assert len(rates) >= 3
    assert all(0 < r <= 0.15 for r in rates)
    today = date.today().isoformat()
    pending = [r for r in rows if r["paymentStatus"] == "Pending"]
    assert pending
    assert all(str(r["transactionReviewDueDate"]) > today for r in pending)
    assert all(r["paymentStatus"] == "Paid" for r in rows if r["type"] == "Withdrawal")
    created = sorted(str(r["transactionCreationDate"]) for r in rows)
    assert (date.fromisoformat(created[-1][:10]) - date.fromisoformat(created[0][:10])).days > 300


def test_history_date_range_and_validation(gql: Gql) -> None:
    everything = history(gql)
    recent = history(gql, start=date.today().replace(day=1).isoformat(), end="2100-01-01")
    assert 0 < len(recent) < len(everything)
    assert gql.errors(HISTORY, {"ace": ["1"], "start": "2000-01-01", "end": "2100-01-01"})[0]["message"] == (
        "Authorization failed"
    )
    ace = gql("{ accountingEntity { id } }")["accountingEntity"]["id"]
    assert gql.errors(HISTORY, {"ace": [ace], "start": "2024/01/01", "end": "2100-01-01"})


def test_contracts(gql: Gql) -> None:
    me = gql("{ user { id } }")["user"]["id"]
    result = gql(
        """query($v: ID!) { vendorContracts(filter: {vendorId: $v, contractStatuses: [ACTIVE]},
        options: {addTerms: true, addHourLimits: true}) { contracts { id status terms {
        hourlyTerms { hourlyRate { rawValue } } fixedPriceTerms { milestones { description paid {
        rawValue } } } }
        hourlyLimits { weeklyLimit } } } }""",
        {"v": me},
    )["vendorContracts"]["contracts"]
    assert len(result) == 3
    assert {c["status"] for c in result} == {"ACTIVE"}
    hourly = [c for c in result if c["terms"]["hourlyTerms"]]
    fixed = [c for c in result if c["terms"]["fixedPriceTerms"]]
    assert len(hourly) == 2
    assert all(c["hourlyLimits"][0]["weeklyLimit"].isdigit() for c in hourly)
    assert len(fixed) == 1
    assert len(fixed[0]["terms"]["fixedPriceTerms"][0]["milestones"]) == 3
    bare = gql(
        "query($v: ID!) { vendorContracts(filter: {vendorId: $v}, paging: {limit: 2, offset: 2}) "
        "{ paging { limit offset } contracts { id terms { hourlyTerms { id } } } } }",
        {"v": me},
    )
    assert bare["vendorContracts"]["paging"] == {"limit": 2, "offset": 2}
    assert len(bare["vendorContracts"]["contracts"]) == 2  # 4 contracts in all, one closed
    assert all(c["terms"] is None for c in bare["vendorContracts"]["contracts"])
    legacy = gql(
        "query($id: String!) { contract(id: $id) { contractType weeklyHoursLimit } }", {"id": hourly[0]["id"]}
    )["contract"]
    assert legacy["contractType"] == "HOURLY"
    assert legacy["weeklyHoursLimit"] > 0


def test_switched_off_scope_fails_like_upwork(upwork: UpworkSandboxServer, gql: Gql) -> None:
    upwork.scopes.disable("pub-transaction:read:all")
    partial = gql.post("""{ user { id } transactionHistory(transactionHistoryFilter: {aceIds_any: ["1"],
        transactionDateTime_bt: {rangeStart: "2020-01-01", rangeEnd: "2020-01-02"}}) { transactionDetail {
        transactionHistoryRow { recordId } } } }""").json()
    assert partial["data"]["user"]["id"]
    assert partial["data"]["transactionHistory"] is None
    assert partial["errors"][0]["message"] == "Authorization failed"
    assert partial["errors"][0]["path"] == ["transactionHistory"]
    whole = gql.post("{ user { id } accountingEntity { id } }").json()  # non-null field: the whole data goes
    assert whole["data"] is None
    assert whole["errors"][0]["message"] == "Authorization failed"
    upwork.scopes.enable("pub-transaction:read:all")
    assert gql("{ accountingEntity { id } }")["accountingEntity"]["id"]


def test_tenant_header(gql: Gql) -> None:
    items = gql("{ companySelector { items { organizationId typeTitle } } }")["companySelector"]["items"]
    assert len(items) == 2
    agency = items[1]["organizationId"]
    response = gql.post("{ organization { id } }", **{"X-Upwork-API-TenantId": agency}).json()
    assert response["data"]["organization"]["id"] == agency
    errors = gql.errors("{ organization { id } }", None, **{"X-Upwork-API-TenantId": "424242"})
    assert "424242" in errors[0]["message"]
