"""Every query document the adapter ships validates against the Upwork SDL subset, so a misspelt field
or argument fails here instead of on Upwork; the variables the adapter builds coerce to their types."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import graphql
import pytest
from upwork_fake import SCHEMA

from desktop.api.upwork import documents
from desktop.api.upwork.filters import search_filter, sort_attributes
from desktop.core.models import ExperienceLevel, JobFilter, JobSort, JobType


@pytest.fixture(scope="module")
def schema() -> graphql.GraphQLSchema:
    return graphql.build_schema(SCHEMA.read_text(encoding="utf-8"))


def _errors(schema: graphql.GraphQLSchema, text: str) -> list[str]:
    return [error.message for error in graphql.validate(schema, graphql.parse(text))]


def test_the_package_ships_every_operation_the_adapter_uses() -> None:
    assert set(documents.names()) == {
        "AccountingEntity", "CreateRoomStory", "JobPosting", "JobSearch", "RoomDetails", "RoomList",
        "RoomStories", "TransactionHistory", "UserProfile", "VendorProposals",
    }


@pytest.mark.parametrize("name", documents.names())
def test_document_validates_against_the_sdl(schema: graphql.GraphQLSchema, name: str) -> None:
    operation = documents.load(name)
    assert _errors(schema, operation.text) == []
    parsed = graphql.parse(operation.text)
    ops = [d for d in parsed.definitions if isinstance(d, graphql.OperationDefinitionNode)]
    assert len(ops) == 1
    assert ops[0].name is not None
    assert ops[0].name.value == name
    assert operation.mutation == (ops[0].operation is graphql.OperationType.MUTATION)


def test_a_misspelt_field_fails_validation(schema: graphql.GraphQLSchema) -> None:
    """The check above can fail: the same kind of document with one wrong field name is rejected."""
    original = documents.load("AccountingEntity").text
    text = original.replace("accountingEntity { id }", "accountingEntity { ids }")
    assert text != original
    assert any("ids" in message for message in _errors(schema, text))


def test_only_create_room_story_is_a_mutation() -> None:
    assert [n for n in documents.names() if documents.load(n).mutation] == ["CreateRoomStory"]


def _coerce(schema: graphql.GraphQLSchema, name: str, variables: dict[str, Any]) -> list[str]:
    parsed = graphql.parse(documents.load(name).text)
    op = next(d for d in parsed.definitions if isinstance(d, graphql.OperationDefinitionNode))
    result = graphql.execution.values.get_variable_values(schema, op.variable_definitions or (), variables)
    return [e.message for e in result] if isinstance(result, list) else []


def test_job_filter_variables_have_the_schema_types(schema: graphql.GraphQLSchema) -> None:
    f = JobFilter(query="pyside6", job_type=JobType.FIXED, min_budget=Decimal("99.5"),
                  max_budget=Decimal("500"), experience_level=ExperienceLevel.ENTRY,
                  payment_verified_only=True, max_proposals=10, posted_within_hours=30,
                  sort=JobSort.RELEVANCE)
    variables: dict[str, Any] = {"filter": search_filter(f, first=50, after="0"), "sort": sort_attributes(f)}
    assert _coerce(schema, "JobSearch", variables) == []
    broken = {"filter": {**variables["filter"], "jobType_eq": "FIXED_PRICE"}, "sort": variables["sort"]}
    assert _coerce(schema, "JobSearch", broken) != []


def test_other_variables_have_the_schema_types(schema: graphql.GraphQLSchema) -> None:
    assert _coerce(schema, "VendorProposals", {"status": "Activated", "first": 40, "after": "0"}) == []
    assert _coerce(schema, "RoomStories", {"roomId": "r1", "first": 10, "after": None,
                                           "created": {"rangeStart": "2026-01-01T00:00:00.000Z"}}) == []
    assert _coerce(schema, "TransactionHistory", {"aceIds": ["1"], "range": {
        "rangeStart": "2025-01-01", "rangeEnd": "2026-01-01"}}) == []
    assert _coerce(schema, "VendorProposals", {"status": "PENDING", "first": 40}) != []
