"""Resolvers for every root field of schema.graphql, one module per area of the API."""

from __future__ import annotations

from ariadne import MutationType, ObjectType, QueryType

from . import jobs, messages, people, proposals, work


def bindables() -> list[ObjectType]:
    query, mutation = QueryType(), MutationType()
    extra: list[ObjectType] = []
    for module in (jobs, proposals, messages, work, people):
        extra.extend(module.register(query, mutation))
    return [query, mutation, *extra]
