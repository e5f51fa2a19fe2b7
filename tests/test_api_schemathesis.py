"""Schemathesis against the app's own OpenAPI document, in-process over WSGI.

Every operation is tried by a facilitator and a coordinator of the demo data, with bearer
tokens, on path ids of real records (and one that is missing), a bounded number of generated
requests each, valid ones (positive) and invalid ones (negative): no answer may be a 5xx, and
every answer must match the document (status, schema, content type).
"""

from __future__ import annotations

import copy
import os
from collections import Counter
from typing import Any

import pytest
import schemathesis
import sqlalchemy as sa
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from heltidnett.comments.models import CommentThread
from heltidnett.commitments.models import Commitment
from heltidnett.extensions import db
from heltidnett.gatherings.models import Gathering
from heltidnett.goals.models import Action, Goal, GoalValue
from heltidnett.meetings.models import Decision, Meeting
from heltidnett.municipalities.models import Municipality
from heltidnett.networks.models import Network
from heltidnett.polls.models import Poll
from heltidnett.stories.models import Idea, Story
from heltidnett.workbooks.models import Chapter, Prompt

# Generated requests per operation and person: 28 operations × 2 people × (20 valid + 12
# invalid) take about a minute and a half on SQLite; SCHEMATHESIS_EXAMPLES=500 searches longer.
EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "20"))
MODES = {GenerationMode.POSITIVE: EXAMPLES, GenerationMode.NEGATIVE: max(1, EXAMPLES * 3 // 5)}
PEOPLE = ("veileder@example.org", "koordinator.alta@example.org")
PATH_IDS = {
    "network_id": Network,
    "municipality_id": Municipality,
    "gathering_id": Gathering,
    "chapter_id": Chapter,
    "prompt_id": Prompt,
    "story_id": Story,
    "commitment_id": Commitment,
    "goal_id": Goal,
    "action_id": Action,
    "value_id": GoalValue,
    "idea_id": Idea,
    "meeting_id": Meeting,
    "decision_id": Decision,
    "thread_id": CommentThread,
    "poll_id": Poll,
}
MISSING_ID = 999_999
# Path numbers that are not ids: a declaration's version numbers (and one that is not there).
PATH_NUMBERS = {"number": [1, 2, 3, 99]}


def _demo_tokens(app: Any) -> dict[str, str]:
    """Load the demo and make a token for each person."""
    from heltidnett.auth.services import create_token, find_user_by_email
    from heltidnett.demo import load_demo

    with app.app_context():
        load_demo(db.session)
        tokens = {
            email: create_token(db.session, find_user_by_email(db.session, email), "fuzz").secret
            for email in PEOPLE
        }
        db.session.commit()
    return tokens


def _on_real_ids(app: Any, document: dict[str, Any]) -> dict[str, Any]:
    """The document with each id in a path drawn from the records that exist (or one that
    does not), so that generated requests reach real networks, gatherings, chapters …"""
    document = copy.deepcopy(document)
    with app.app_context():
        ids = {
            name: [*sorted(db.session.scalars(sa.select(model.id)).all())[:20], MISSING_ID]
            for name, model in PATH_IDS.items()
        }
        ids.update(PATH_NUMBERS)
    for item in document["paths"].values():
        for parameter in item.get("parameters", []):
            if parameter["in"] == "path":
                assert parameter["name"] in ids, (
                    f"add {parameter['name']} to PATH_IDS (or PATH_NUMBERS)"
                )
                parameter["schema"] = {"type": "integer", "enum": ids[parameter["name"]]}
    return document


def _fuzz(
    operation: Any, mode: GenerationMode, token: str, statuses: Counter[int], failures: list[str]
) -> None:
    """Generated requests for one operation with one token; failures are collected."""
    headers = {"Authorization": f"Bearer {token}"}

    @settings(
        max_examples=MODES[mode],
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def call(case: Any) -> None:
        response = case.call(headers=headers)
        statuses[response.status_code] += 1
        try:
            case.validate_response(
                response,
                checks=[not_a_server_error, response_schema_conformance, content_type_conformance],
            )
        except BaseException as error:  # a group of failures: keep going, report them all
            failures.append(f"{operation.label}: {error}")

    call()


@pytest.mark.parametrize("mode", list(MODES), ids=lambda m: m.value)
def test_every_operation_answers_by_its_document(app, mode):
    tokens = _demo_tokens(app)
    document = app.test_client().get("/api/v1/openapi.json").json
    schema = schemathesis.openapi.from_dict(_on_real_ids(app, document))
    schema.app = app
    statuses: Counter[int] = Counter()
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    for operation in operations:
        for token in tokens.values():
            _fuzz(operation, mode, token, statuses, failures)
    requests = sum(statuses.values())
    counts = f"{len(operations)} operations, {requests} requests, {dict(statuses)}"
    print(f"schemathesis {mode.value}: {counts}")
    assert len(operations) >= 28
    assert requests >= len(operations) * len(PEOPLE) * 5
    if mode == GenerationMode.POSITIVE:  # valid requests reach real records
        assert sum(n for status, n in statuses.items() if status < 300) >= len(operations)
    assert not failures, _summary(failures)


def _summary(failures: list[str]) -> str:
    """One line per distinct failure (operation, check, where in the schema), then the first."""
    lines = set()
    for failure in failures:
        label = failure.split(":", 1)[0]
        found = [
            line.strip()
            for line in failure.splitlines()
            if line.strip().startswith(("- ST", "Schema at", "[5"))
            or "is not" in line
            or "not allowed" in line
        ]
        lines.add(f"{label}: {' | '.join(found)}")
    return "\n".join(sorted(lines)) + "\n\n" + failures[0][:3000]
