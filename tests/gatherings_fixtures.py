"""Fixtures for the gatherings tests: a two-day gathering in the north network with an agenda."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest

from heltidnett.extensions import db


@pytest.fixture
def make_gathering(app, tenants):  # type: ignore[no-untyped-def]
    """make_gathering(status="published", network=None, items=True) → the gathering's id."""
    from heltidnett.gatherings import services
    from heltidnett.gatherings.models import GatheringStatus, Method
    from heltidnett.networks.models import Network

    def make(
        status: str = "published",
        network: Any = None,
        items: bool = True,
        starts_on: date = date(2030, 3, 6),
        number: int | None = None,
    ) -> int:
        with app.test_request_context():
            net = db.session.get(Network, (network or tenants.north).id)
            gathering = services.create_gathering(
                db.session,
                None,
                net,
                services.GatheringData(
                    title="Samling Heltid i nord",
                    starts_on=starts_on,
                    ends_on=date.fromordinal(starts_on.toordinal() + 1),
                    number=number,
                    place="Bodø",
                    preparation="Kjenn GJORT-LÆRT-LURT-fortellingen deres.",
                ),
            )
            method = db.session.scalar(db.select(Method).where(Method.name == "IGP"))
            if method is None:
                method = Method(
                    name="IGP",
                    steps="Individuelt\nRekkefremlegg i gruppe\nPlenum",
                    roles="ordstyrer, sekretær, viddevakt",
                    timing="3 + 10 minutter",
                )
                db.session.add(method)
                db.session.flush()
            if items:
                day1, day2 = gathering.days
                for day, start, minutes, title, kind, method_id in [
                    (day1, time(10, 0), 10, "Velkommen", "welcome", None),
                    (day1, time(10, 10), 80, "Arbeidet vi har gjort så langt", "plenary", None),
                    (day1, time(11, 30), 60, "Lunsj", "meal", None),
                    (
                        day1,
                        time(12, 30),
                        60,
                        "Gruppearbeid i egen kommune",
                        "group_work",
                        method.id,
                    ),
                    (day2, time(8, 30), 15, "God morgen", "reflection", None),
                ]:
                    services.save_item(
                        db.session,
                        None,
                        gathering,
                        services.ItemData(
                            day=day,
                            starts_at=start,
                            duration_minutes=minutes,
                            title=title,
                            kind=kind,
                            speaker="kommunalsjef, Levanger kommune" if kind == "plenary" else "",
                            method_id=method_id,
                        ),
                    )
            if status != "planned":
                services.set_status(gathering, GatheringStatus(status))
            db.session.commit()
            return gathering.id

    return make
