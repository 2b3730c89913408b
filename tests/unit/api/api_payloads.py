"""Well-formed wire payloads (CONTRACT.md) for the unit tests; each test breaks a copy as it needs."""

from __future__ import annotations

from typing import Any

TS = "2026-11-26T13:05:01.123456Z"
TS2 = "2026-11-27T08:00:00.000000Z"


def money(amount: str, currency: str = "USD") -> dict[str, str]:
    return {"amount": amount, "currency": currency}


def me() -> dict[str, Any]:
    return {
        "id": "usr_ada",
        "role": "freelancer",
        "name": "Ada Freelancer",
        "title": "Python developer",
        "email": "demo@atelier.test",
        "country": "PT",
        "skills": ["python", "qt"],
        "hourly_rate": money("85.00"),
        "connects": 80,
        "fee_rate": "0.10",
    }


def job(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "job_1",
        "title": "Build a desktop app",
        "description": "PySide6 please",
        "category": "Desktop Software Development",
        "skills": ["python", "pyside6"],
        "job_type": "fixed",
        "budget": money("1500.00"),
        "hourly_min": None,
        "hourly_max": None,
        "experience_level": "expert",
        "duration": "1 to 3 months",
        "proposals_count": 7,
        "connects_required": 12,
        "fee_rate": "0.10",
        "status": "open",
        "client": {
            "id": "usr_c1",
            "name": "Acme Ltd",
            "country": "US",
            "payment_verified": True,
            "rating": "4.85",
            "total_spent": money("120000.00"),
            "hires": 31,
        },
        "posted_at": TS,
        "updated_at": TS2,
    }
    data.update(changes)
    return data


def proposal(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "prp_1",
        "job_id": "job_1",
        "job_title": "Build a desktop app",
        "client_name": "Acme Ltd",
        "cover_letter": "x" * 60,
        "bid": money("1400.00"),
        "duration": "1 to 3 months",
        "status": "submitted",
        "fee_rate": "0.15",
        "connects_spent": 12,
        "invited": False,
        "created_at": TS,
        "updated_at": TS,
    }
    data.update(changes)
    return data


def message(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "msg_1",
        "room_id": "room_1",
        "sender_id": "usr_c1",
        "sender_name": "Acme Ltd",
        "body": "Hello Ada",
        "created_at": TS,
        "updated_at": TS,
        "client_key": None,
    }
    data.update(changes)
    return data


def room(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "room_1",
        "title": "Build a desktop app",
        "job_id": "job_1",
        "participants": [
            {"id": "usr_ada", "name": "Ada Freelancer", "role": "freelancer"},
            {"id": "usr_c1", "name": "Acme Ltd", "role": "client"},
        ],
        "unread_count": 2,
        "last_message": message(),
        "updated_at": TS2,
    }
    data.update(changes)
    return data


def invitation(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "inv_1",
        "job_id": "job_1",
        "job_title": "Build a desktop app",
        "client_name": "Acme Ltd",
        "message": "Would you apply?",
        "status": "pending",
        "created_at": TS,
        "updated_at": TS,
    }
    data.update(changes)
    return data


def transaction(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "txn_1",
        "type": "earning",
        "status": "available",
        "description": "Milestone 1",
        "job_id": "job_1",
        "gross": money("1000.00"),
        "fee": money("100.00"),
        "net": money("900.00"),
        "created_at": TS,
        "available_at": TS2,
        "updated_at": TS2,
    }
    data.update(changes)
    return data


def earnings_summary(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "work_in_progress": money("200.00"),
        "in_review": money("0.00"),
        "pending": money("450.50"),
        "available": money("1234.56"),
        "lifetime": money("98765.43"),
        "fee_rate": "0.10",
        "updated_at": TS,
    }
    data.update(changes)
    return data
