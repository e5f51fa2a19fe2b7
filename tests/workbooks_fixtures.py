"""Fixtures for the workbook tests: a chapter with a prompt of every kind in Alta's network."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from heltidnett.extensions import db


@pytest.fixture
def chapter(app: Any, tenants: Any) -> Any:
    """Chapter 2 of 'Heltid i nord' (Alta and Hemnes), open since yesterday, due in five days,
    six kinds of prompt."""
    from heltidnett.db import utcnow
    from heltidnett.workbooks.models import Chapter, Prompt, PromptKind

    with app.app_context():
        chapter = Chapter(
            network_id=tenants.north.id,
            number=2,
            title="Forankring og nåsituasjon",
            introduction="Svar før **neste samling**.",
            due_on=date.today() + timedelta(days=5),
            opens_at=utcnow() - timedelta(days=1),
        )
        specs = [
            (PromptKind.TEXT, "Prosessen for forankring", {}),
            (PromptKind.SMART, "Kartlegging av nåsituasjonen", {}),
            (PromptKind.RANKED, "Framdriftsplan", {}),
            (PromptKind.SCALE, "Hvor godt er arbeidet forankret?", {"min": 1, "max": 10}),
            (PromptKind.CHOICE, "Når har dere heltidskultur?", {"choices": ["1–3 år", "4–7 år"]}),
            (PromptKind.TABLE, "Kompetansegap", {"columns": ["Enhet", "Planlagt", "Faktisk"]}),
        ]
        for position, (kind, label, options) in enumerate(specs, start=1):
            chapter.prompts.append(
                Prompt(position=position, kind=kind, label=label, options=options)
            )
        db.session.add(chapter)
        db.session.commit()
        chapter.prompt_ids = [p.id for p in chapter.prompts]
        return chapter
