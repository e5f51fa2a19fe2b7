"""Fixtures for the polls tests: a poll made by the north network's facilitator."""

from __future__ import annotations

import pytest

from heltidnett.extensions import db


@pytest.fixture
def make_poll(app, tenants, make_gathering):  # type: ignore[no-untyped-def]
    """make_poll(template="anchoring", status="open", gathering_id=None) → (poll id, code)."""
    from heltidnett.auth.models import User
    from heltidnett.gatherings.models import Gathering
    from heltidnett.polls import services
    from heltidnett.polls.models import PollTemplate

    def make(
        template: str = "anchoring", status: str = "open", gathering_id: int | None = None
    ) -> tuple[int, str]:
        gid = gathering_id or make_gathering()
        with app.test_request_context():
            actor = db.session.get(User, tenants.facilitator.id)
            gathering = db.session.get(Gathering, gid)
            poll = services.create_poll(db.session, actor, gathering, PollTemplate(template))
            if status in ("open", "closed"):
                services.open_poll(db.session, actor, poll)
            if status == "closed":
                services.close_poll(db.session, actor, poll)
            db.session.commit()
            return poll.id, poll.code

    return make
