"""Declarations: SQL statements for the network status page and time to render a PDF.

Run: .venv/bin/python -m benchmarks.declarations  (prints its figures; a scratch SQLite DB)
"""

from __future__ import annotations

import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

import sqlalchemy as sa

from heltidnett.extensions import db


def main() -> None:
    from heltidnett.auth.models import User
    from heltidnett.declarations import services
    from heltidnett.declarations.models import Status
    from heltidnett.demo import load_demo
    from heltidnett.networks.models import Network
    from tests.conftest import make_app

    app = make_app("sqlite", Path(tempfile.mkdtemp()), WTF_CSRF_ENABLED=False)
    with app.app_context():
        ctx = load_demo(db.session)
        network = db.session.scalar(sa.select(Network).where(Network.name.like("BTV%")))
        facts = services.TransitionFacts(
            approved_on=date(2019, 1, 10),
            adopted_on=date(2019, 2, 14),
            adopted_by_body="Kommunestyret",
            case_number="19/100",
        )
        for participation in network.participations:
            municipality = participation.municipality
            if services.get_declaration(db.session, municipality.id) is None:
                version = services.start_declaration(db.session, None, municipality)
                for target in (Status.CONSULTATION, Status.APPROVED, Status.ADOPTED):
                    services.transition(db.session, None, version, target, facts)
                services.start_version(db.session, None, version.declaration)
        db.session.commit()
        network_id, mid = network.id, ctx.municipalities["Lier"].id
        email = db.session.get(User, ctx.users["veileder"].id).email

    client = app.test_client()
    client.post("/login", data={"email": email, "password": "demo-heltid-2026!"})
    statements: list[str] = []
    with app.app_context():
        engine = db.engine

    def count(*args: object) -> None:
        statements.append(str(args[2])[:60])

    sa.event.listen(engine, "before_cursor_execute", count)
    response = client.get(f"/networks/{network_id}/declarations")
    sa.event.remove(engine, "before_cursor_execute", count)
    assert response.status_code == 200
    print(f"network status page, 8 municipalities × 2 versions: {len(statements)} SQL statements")

    times = []
    for _ in range(5):
        start = time.perf_counter()
        response = client.get(f"/municipalities/{mid}/declaration/versions/1.pdf")
        times.append(time.perf_counter() - start)
        assert response.status_code == 200
    print(
        f"declaration PDF: {len(response.data) / 1024:.1f} KiB, "
        f"median {statistics.median(times) * 1000:.0f} ms over {len(times)} renders"
    )


if __name__ == "__main__":
    main()
