"""How fast the programme pages and outputs are, and how many SQL statements they take.

Run: .venv/bin/python -m benchmarks.gatherings_programme
(on a temporary SQLite database with the demo).
"""

from __future__ import annotations

import re
import statistics
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

from heltidnett.demo import DEMO_PASSWORD, load_demo
from heltidnett.extensions import db
from heltidnett.gatherings.models import Gathering
from tests.conftest import make_app

ROUNDS = 5


def main() -> None:
    app = make_app("sqlite", Path(tempfile.mkdtemp()))
    with app.app_context():
        load_demo(db.session)
        db.session.commit()
        gathering_id = db.session.scalar(
            sa.select(Gathering.id).where(Gathering.place == "Kongsberg")
        )
        engine = db.engine
    client = app.test_client()
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page).group(1)
    client.post(
        "/login",
        data={"email": "veileder@example.org", "password": DEMO_PASSWORD, "csrf_token": token},
    )
    statements = [0]
    sa.event.listen(
        engine, "before_cursor_execute", lambda *a: statements.__setitem__(0, statements[0] + 1)
    )
    base = f"/gatherings/{gathering_id}"
    print(f"{'path':42} {'median ms':>10} {'statements':>11} {'bytes':>8}")
    for path in (
        base,
        base + "/attendance",
        base + "/program.pdf",
        base + "/program.ics",
        f"/api/v1/gatherings/{gathering_id}",
    ):
        times = []
        for _ in range(ROUNDS):
            statements[0] = 0
            start = time.perf_counter()
            response = client.get(path)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, path
        median = statistics.median(times)
        print(f"{path:42} {median:10.0f} {statements[0]:11d} {len(response.data):8d}")


if __name__ == "__main__":
    main()
