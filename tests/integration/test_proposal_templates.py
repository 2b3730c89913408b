"""Cover-letter templates through the real ProposalService against the real reference server: filled with the
job's client and title and the synced profile's name, rate and skills; a proposal sent through the outbox
with a template records, under the marketplace's id, which template it used."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from desktop.core.models import ProposalDraft
from desktop.core.money import Money
from desktop.services.container import Services
from desktop.storage import jobs, profile, proposals, templates
from desktop.storage.templates import TemplateError
from tests.support.polling import until


async def test_a_template_is_filled_from_the_profile_and_its_use_recorded(services: Services) -> None:
    await services.start()
    await services.sync.wait_until_synced(30)
    me = await services.db.read(profile.get)
    assert me is not None
    applied = await services.db.read(proposals.applied_job_ids)
    job_id = await services.db.read(lambda c: next(r[0] for r in c.execute(
        "SELECT id FROM jobs WHERE status = 'open' AND screening_questions = '[]' ORDER BY seq DESC")
        if r[0] not in applied))
    job = await services.db.read(lambda c: jobs.get(c, job_id))
    assert job is not None

    made = await services.proposals.add_template(
        "Intro", "Hello {client_name}! {my_name} here, {my_rate}, about “{job_title}”. Skills: {skills}.")
    with pytest.raises(TemplateError, match="already exists"):
        await services.proposals.add_template("intro", "x")
    text = await services.proposals.fill_template(made.id, job)
    assert text.startswith(f"Hello {job.client.name}! {me.name} here, {me.hourly_rate.format()}/hr, "
                           f"about “{job.title}”. Skills: ")
    skills = text.split("Skills: ")[1].rstrip(".").split(", ")
    assert 1 <= len(skills) <= 5
    assert set(skills) <= set(me.skills)
    shared = [s for s in job.skills if s in me.skills]
    assert skills[: len(shared)] == shared[:5]  # the skills the job asks for come first

    letter = text + " I would start with a short call to agree on the first milestone."
    await services.proposals.submit(ProposalDraft(
        job_id=job.id, cover_letter=letter, bid=Money.of("500"), duration="1 to 3 months",
        fee_rate=Decimal(job.fee_rate), job_title=job.title, template_id=made.id))

    async def recorded() -> bool:
        sent = [p for p in await services.db.read(proposals.list) if p.job_id == job.id]
        if len(sent) != 1 or sent[0].id.startswith("local:"):
            return False
        return await services.db.read(lambda c: templates.used_by(c, sent[0].id)) == made.id

    await until(recorded)
    await services.proposals.delete_template(made.id)
    with pytest.raises(TemplateError, match="no longer exists"):
        await services.proposals.fill_template(made.id, job)


async def test_templates_need_a_name_and_text(services: Services, sandbox: Any) -> None:
    with pytest.raises(TemplateError, match="needs a name"):
        await services.proposals.add_template("  ", "text")
    with pytest.raises(TemplateError, match="needs some text"):
        await services.proposals.add_template("Name", " \n")
    assert await services.proposals.templates() == []
