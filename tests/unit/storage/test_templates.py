"""Cover-letter templates in the real cache file: kept across restarts, filled once."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from desktop.storage import templates
from desktop.storage.db import Database

NOW = datetime(2026, 12, 6, 14, 0, tzinfo=UTC)


def test_a_template_fills_the_clients_name_once() -> None:
    body = "Hello {client_name}, about {job_title}: I charge {my_rate}. {unknown} stays."
    filled = templates.fill_placeholders(body, {"client_name": "Studio {job_title} 100%1",
                                                "job_title": "Logo design", "my_rate": ""})
    assert filled == "Hello Studio {job_title} 100%1, about Logo design: I charge {my_rate}. {unknown} stays."


def test_templates_are_kept_renamed_and_deleted(db_path: Path) -> None:
    db = Database.open(db_path)
    made = db.write_now(lambda c: templates.add(c, "Short intro", "Hi {client_name}", NOW))
    db.write_now(lambda c: templates.add(c, "Long", "Dear {client_name}", NOW))
    with pytest.raises(templates.TemplateError):
        db.write_now(lambda c: templates.add(c, " Long ", "dup", NOW))
    with pytest.raises(templates.TemplateError):
        db.write_now(lambda c: templates.add(c, "  ", "text", NOW))
    db.write_now(lambda c: templates.update(c, made.id, "Intro", "Hi {client_name}!", NOW))
    db.write_now(lambda c: templates.record_use(c, "p-1", made.id))
    db.close_now()

    again = Database.open(db_path)
    kept = again.read_now(templates.list_all)
    assert [(t.name, t.body) for t in kept] == [("Intro", "Hi {client_name}!"),
                                                ("Long", "Dear {client_name}")]
    assert again.read_now(lambda c: templates.used_by(c, "p-1")) == made.id
    again.write_now(lambda c: templates.delete(c, made.id))
    assert [t.name for t in again.read_now(templates.list_all)] == ["Long"]
    with pytest.raises(templates.TemplateError):
        again.write_now(lambda c: templates.update(c, made.id, "Gone", "x", NOW))
    again.close_now()


def test_clearing_the_cache_keeps_templates_and_their_use(db_path: Path) -> None:
    from desktop.storage import cache_reset

    db = Database.open(db_path)
    made = db.write_now(lambda c: templates.add(c, "Intro", "Hi {client_name}", NOW))
    db.write_now(lambda c: templates.record_use(c, "p-1", made.id))
    db.write_now(cache_reset.clear_marketplace_data)
    assert [t.name for t in db.read_now(templates.list_all)] == ["Intro"]
    assert db.read_now(lambda c: templates.used_by(c, "p-1")) == made.id
    db.close_now()
