"""Every list, board and report page sends as many SQL statements with more records as with few.

Each page is requested in the small `world` and again after `world.grow()` (several times more
municipalities, members, chapters, answers, gatherings, stories, commitments, measurements,
declarations and milestones); see tests/statements.py.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.statements import World, compare_statements

# (who, url): the url's {fields} are filled from the world.
PAGES: dict[str, tuple[str, str]] = {
    "network list": ("facilitator", "/"),
    "network home": ("facilitator", "/networks/{network}"),
    "workbook overview": ("facilitator", "/networks/{network}/workbook"),
    "workbook board": ("facilitator", "/networks/{network}/workbook/board"),
    "chapter page": ("facilitator", "/chapters/{chapter}"),
    "delivery of a chapter": ("facilitator", "/chapters/{chapter}/deliveries/{municipality}"),
    "chapters (API)": ("facilitator", "/api/v1/networks/{network}/chapters"),
    "delivery of a chapter (API)": (
        "facilitator",
        "/api/v1/chapters/{chapter}/deliveries/{municipality}",
    ),
    "network workbook pdf": ("facilitator", "/networks/{network}/workbook.pdf"),
    "municipality workbook pdf": (
        "facilitator",
        "/networks/{network}/municipalities/{municipality}/workbook.pdf",
    ),
    "network staffing comparison": (
        "facilitator",
        "/networks/{network}/staffing?period=2017&indicator=fulltime_share",
    ),
    "network staffing comparison export": (
        "facilitator",
        "/networks/{network}/staffing/export.csv?period=2017&indicator=fulltime_share",
    ),
    "municipality staffing dashboard": ("facilitator", "/municipalities/{municipality}/staffing"),
    "municipality staffing export": (
        "facilitator",
        "/municipalities/{municipality}/staffing/export.csv",
    ),
    "steering matrix": ("facilitator", "/networks/{network}/steering"),
    "steering matrix pdf": ("facilitator", "/networks/{network}/steering.pdf"),
    "milestone": ("facilitator", "/milestones/{milestone}"),
    "network commitments": ("facilitator", "/networks/{network}/commitments"),
    "gathering commitments": ("facilitator", "/gatherings/{gathering}/commitments"),
    "assessment": ("facilitator", "/gatherings/{gathering}/assessment/{municipality}"),
    "gallery": ("facilitator", "/networks/{network}/stories"),
    "stories presentation": ("facilitator", "/networks/{network}/stories/present"),
    "harvest": ("facilitator", "/networks/{network}/municipalities/{municipality}/harvest"),
    "story page": ("facilitator", "/stories/{story}"),
    "idea bank": ("facilitator", "/bank"),
    "idea bank search": ("facilitator", "/bank?q=heltidserklæringen+kartlagt+turnus"),
    "idea bank filtered": ("facilitator", "/bank?q=langvakt&theme=working_time&band=5000_20000"),
    "stories api": ("facilitator", "/api/v1/networks/{network}/stories"),
    "stories api (coordinator)": ("coordinator", "/api/v1/networks/{network}/stories"),
    "stories api (participant)": ("participant", "/api/v1/networks/{network}/stories"),
    "commitments api": ("facilitator", "/api/v1/gatherings/{gathering}/commitments"),
    "commitments to follow up api": (
        "facilitator",
        "/api/v1/gatherings/{later_gathering}/commitments/to-follow-up",
    ),
    "declarations status": ("facilitator", "/networks/{network}/declarations"),
    "declarations status export": ("facilitator", "/networks/{network}/declarations.csv"),
    "declaration": ("facilitator", "/municipalities/{municipality}/declaration"),
    "declaration pdf": ("facilitator", "/municipalities/{municipality}/declaration.pdf"),
    "declaration versions compared": (
        "facilitator",
        "/municipalities/{municipality}/declaration/compare",
    ),
    "gathering programme": ("facilitator", "/gatherings/{gathering}"),
    "gathering attendance": ("facilitator", "/gatherings/{gathering}/attendance"),
    "gathering attendance export": ("facilitator", "/gatherings/{gathering}/attendance.csv"),
    "gathering groups": ("facilitator", "/gatherings/{gathering}/groups"),
    "gathering projection": ("facilitator", "/gatherings/{gathering}/projection"),
    "gathering programme pdf": ("facilitator", "/gatherings/{gathering}/program.pdf"),
    "gatherings api list": ("facilitator", "/api/v1/networks/{network}/gatherings"),
    "gatherings api list (participant)": ("participant", "/api/v1/networks/{network}/gatherings"),
    "gathering api detail": ("facilitator", "/api/v1/gatherings/{gathering}"),
    "networks api list": ("facilitator", "/api/v1/networks"),
    "network municipalities api list": (
        "facilitator",
        "/api/v1/networks/{network}/municipalities",
    ),
    "municipality units api list": ("coordinator", "/api/v1/municipalities/{municipality}/units"),
    "goal board": ("facilitator", "/municipalities/{municipality}/goals"),
    "goal board (another coordinator)": (
        "other_coordinator",
        "/municipalities/{municipality}/goals",
    ),
    "goal page": ("facilitator", "/goals/{goal}"),
    "goal page (coordinator)": ("coordinator", "/goals/{goal}"),
    "network goals overview": ("facilitator", "/networks/{network}/goals"),
    "network goals overview (steering)": ("steering", "/networks/{network}/goals"),
    "network goals overview export": ("facilitator", "/networks/{network}/goals.xlsx"),
    "goal page (own measure, coordinator)": ("coordinator", "/goals/{own_goal}"),
    "goals api list": ("facilitator", "/api/v1/municipalities/{municipality}/goals"),
    "goals api list (another coordinator)": (
        "other_coordinator",
        "/api/v1/municipalities/{municipality}/goals",
    ),
    "goal api detail": ("facilitator", "/api/v1/goals/{goal}"),
    "goal actions api list": ("facilitator", "/api/v1/goals/{goal}/actions"),
    "goal actions api list (another coordinator)": (
        "other_coordinator",
        "/api/v1/goals/{goal}/actions",
    ),
    "goal values api list": ("coordinator", "/api/v1/goals/{own_goal}/values"),
    "gathering polls": ("facilitator", "/gatherings/{gathering}/polls"),
    "gathering polls (participant)": ("participant", "/gatherings/{gathering}/polls"),
    "poll page": ("facilitator", "/polls/{poll}"),
    "poll presenter view": ("facilitator", "/polls/{poll}/present"),
    "poll presenter fragment": ("facilitator", "/polls/{poll}/live"),
    "poll presenter fragment (participant)": ("participant", "/polls/{poll}/live"),
    "gathering polls (API)": ("facilitator", "/api/v1/gatherings/{gathering}/polls"),
    "poll results (API)": ("facilitator", "/api/v1/polls/{poll}/results"),
    "poll results xlsx": ("facilitator", "/polls/{poll}/results.xlsx"),
    "methods": ("facilitator", "/methods"),
    "municipality page": ("facilitator", "/municipalities/{municipality}"),
    "network list (coordinator)": ("coordinator", "/"),
    "network home (coordinator)": ("coordinator", "/networks/{network}"),
    "workbook overview (coordinator)": ("coordinator", "/networks/{network}/workbook"),
    "chapter page (coordinator)": ("coordinator", "/chapters/{chapter}"),
    "steering matrix (coordinator)": ("coordinator", "/networks/{network}/steering"),
    "gallery (coordinator)": ("coordinator", "/networks/{network}/stories"),
    "network home (participant)": ("participant", "/networks/{network}"),
    "gallery (participant)": ("participant", "/networks/{network}/stories"),
    "gathering programme (participant)": ("participant", "/gatherings/{gathering}"),
    "network home (steering)": ("steering", "/networks/{network}"),
    "steering matrix (steering)": ("steering", "/networks/{network}/steering"),
    "declarations status (steering)": ("steering", "/networks/{network}/declarations"),
    "commitment threads": ("facilitator", "/commitments/{commitment}/comments"),
    "commitment threads (steering)": ("steering", "/commitments/{commitment}/comments"),
    "matrix row review": (
        "facilitator",
        "/networks/{network}/municipalities/{municipality}/review",
    ),
    "matrix row review (steering)": (
        "steering",
        "/networks/{network}/municipalities/{municipality}/review",
    ),
    "commitment threads api": ("facilitator", "/api/v1/commitments/{commitment}/comment-threads"),
    "review marks api": (
        "coordinator",
        "/api/v1/networks/{network}/municipalities/{municipality}/review-marks",
    ),
    "network list (admin)": ("admin", "/"),
    "home page, what waits (participant)": ("participant", "/"),
    "home page, what waits (steering)": ("steering", "/"),
    "users list": ("admin", "/users"),
    "audit log": ("admin", "/audit"),
    "notifications": ("facilitator", "/notifications"),
    "notifications (coordinator)": ("coordinator", "/notifications"),
    "network meetings": ("facilitator", "/networks/{network}/meetings"),
    "network meetings (steering)": ("steering", "/networks/{network}/meetings"),
    "municipality meetings": ("facilitator", "/municipalities/{municipality}/meetings"),
    "meeting page": ("facilitator", "/meetings/{meeting}"),
    "meeting minutes pdf": ("facilitator", "/meetings/{meeting}/minutes.pdf"),
    "meetings api": ("facilitator", "/api/v1/networks/{network}/meetings"),
    "meetings api (steering)": ("steering", "/api/v1/networks/{network}/meetings"),
}


def _url(template: str, world: World) -> str:
    """The page's url in this world."""
    return template.format(
        network=world.network.id,
        municipality=world.municipality.id,
        chapter=world.chapter.id,
        gathering=world.gathering.id,
        later_gathering=world.gatherings[1].id,
        story=world.story.id,
        milestone=world.milestones[0].id,
        goal=world.first_goals[world.municipality.id],
        own_goal=world.own_goals[world.municipality.id],
        poll=world.first_poll,
        meeting=world.meeting,
        commitment=world.commitment.id,
    )


@pytest.mark.parametrize("page", list(PAGES))
def test_page_statements_do_not_grow(  # type: ignore[no-untyped-def]
    client, auth, sized_world, assert_constant_statements, page
):
    world = sized_world
    who, template = PAGES[page]
    user = (
        world.municipality_coordinators[world.municipalities[1].id]
        if who == "other_coordinator"
        else getattr(world, who)
    )
    auth.login(user)
    assert_constant_statements(client, _url(template, world), grow=world.grow)


class _GrowingPage:
    """A stand-in client whose page sends one statement per municipality of the world."""

    def __init__(self, app: Any, world: World) -> None:
        self.app, self.world = app, world

    def get(self, url: str) -> Any:
        from heltidnett.extensions import db

        with self.app.app_context():
            for _ in self.world.municipalities:
                db.session.execute(db.text("SELECT 1"))

        class Response:
            status_code = 200

        return Response()


def test_the_helper_fails_for_a_page_that_grows(app, sized_world, count_statements):  # type: ignore[no-untyped-def]
    world = sized_world
    page = _GrowingPage(app, world)
    with pytest.raises(pytest.fail.Exception) as failure:
        compare_statements(count_statements, page, "/growing", world.grow)  # type: ignore[arg-type]
    message = str(failure.value)
    assert "3 statements in the small world, 9 in the larger one" in message
    assert "+SELECT N" in message


def _more_figures(app: Any, world: World) -> None:
    """More units (a small one among them) and periods for the first municipality."""
    from heltidnett.extensions import db
    from heltidnett.municipalities.models import Unit
    from heltidnett.staffing.models import Measurement

    with app.app_context():
        units = [
            Unit(municipality_id=world.municipality.id, name=f"Bofellesskap {n}") for n in "ABC"
        ]
        db.session.add_all(units)
        db.session.flush()
        for period in ("2018-03", "2018-W10", "2019", "2020"):
            for unit_id, fte in [
                (None, 90.0),
                *((u.id, 5.0 + 10 * n) for n, u in enumerate(units)),
            ]:
                figures = {"positions_planned": 30.0, "fte_planned": fte, "positions_band_100": 9.0}
                db.session.add(
                    Measurement(
                        municipality_id=world.municipality.id,
                        unit_id=unit_id,
                        period=period,
                        figures=figures,
                    )
                )
        db.session.commit()


@pytest.mark.parametrize("who", ["facilitator", "another coordinator"])
def test_measurements_api_statements_do_not_grow(  # type: ignore[no-untyped-def]
    app, client, api_token, sized_world, assert_constant_statements, who
):
    """A page of a municipality's measurements, for one who sees its small units and one who
    does not, with more units and periods (and more of everything else)."""
    world = sized_world
    user = (
        world.facilitator
        if who == "facilitator"
        else world.municipality_coordinators[world.municipalities[1].id]
    )
    client.environ_base["HTTP_AUTHORIZATION"] = api_token(user)["Authorization"]

    def grow() -> None:
        world.grow()
        _more_figures(app, world)

    url = f"/api/v1/municipalities/{world.municipality.id}/measurements?page_size=10"
    assert_constant_statements(client, url, grow=grow)


def test_import_preview_statements_do_not_grow(  # type: ignore[no-untyped-def]
    app, client, auth, sized_world, assert_constant_statements
):
    """The preview of a pending import, with its doubts (tenfold jumps from the stored
    periods, sick leave over 30 %), for a file of more rows, units and periods."""
    from datetime import UTC, datetime, timedelta

    from heltidnett.extensions import db
    from heltidnett.staffing.models import PendingImport

    world = sized_world
    headers = ["unit", "period", "positions_planned", "fte_planned", "sick_leave_pct"]

    def rows(count: int) -> list[list[object]]:
        units = [f"Elvebakken sykehjem {n}" for n in range(2)] + ["Hele kommunen"]
        return [
            [units[n % len(units)], str(2018 + n // len(units)), 300, 215.0 * (n % 2 * 9 + 1), 40]
            for n in range(count)
        ]

    with app.app_context():
        pending = PendingImport(
            municipality_id=world.municipality.id,
            user_id=world.facilitator.id,
            filename="bemanning.xlsx",
            headers=headers,
            rows=rows(3),
            mapping={h: h for h in headers},
            percent_as_fraction=[],
            expires_at=datetime.now(UTC) + timedelta(hours=1),
        )
        db.session.add(pending)
        db.session.commit()
        pending_id = pending.id

    def grow() -> None:
        world.grow()
        with app.app_context():
            db.session.get(PendingImport, pending_id).rows = rows(30)
            db.session.commit()

    auth.login(world.facilitator)
    page = client.get(f"/staffing/imports/{pending_id}").get_data(as_text=True)
    assert "Tall som bør sjekkes" in page  # the doubts are judged, not skipped
    assert_constant_statements(client, f"/staffing/imports/{pending_id}", grow=grow)
