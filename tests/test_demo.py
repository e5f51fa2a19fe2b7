"""The demo: the seeds' networks as ended history, and a living network around the day it is
loaded (a gathering ahead open for registration, a chapter not yet due), loaded twice or on a
later day without a row added twice."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from flask import Flask

from heltidnett.extensions import db

LIVING = "Heltidsnettverk Nord-Norge"


def _rows(session: Any) -> dict[str, int]:
    """The number of rows in every table."""
    return {
        table.name: session.scalar(sa.select(sa.func.count()).select_from(table))
        for table in db.metadata.sorted_tables
    }


def _assert_alive(session: Any, today: date) -> None:
    """What the living network must show on `today`, and the seeds' networks as ended."""
    from heltidnett.commitments.models import Commitment, CommitmentStatus
    from heltidnett.declarations import services as declarations
    from heltidnett.declarations.models import Status
    from heltidnett.gatherings.models import Gathering, GatheringKind, GatheringStatus
    from heltidnett.gatherings.registrations import registration_open
    from heltidnett.networks.models import Network, NetworkStatus
    from heltidnett.staffing.models import Measurement
    from heltidnett.workbooks import services as workbooks
    from heltidnett.workbooks.models import Chapter, DeliveryStatus

    networks = {n.name: n for n in session.scalars(sa.select(Network))}
    assert networks["Heltid i nord"].status == NetworkStatus.CLOSED
    assert networks["BTV NyttBlikk nettverk 2"].status == NetworkStatus.CLOSED
    (name,) = [n for n in networks if n.startswith(LIVING)]
    network = networks[name]
    assert network.status == NetworkStatus.ACTIVE
    assert network.starts_on and network.ends_on
    assert network.starts_on < today < network.ends_on
    assert name == f"{LIVING} {network.starts_on.year}–{network.ends_on.year}"
    municipalities = [p.municipality for p in network.participations]
    assert len(municipalities) == 5

    gatherings = list(
        session.scalars(sa.select(Gathering).where(Gathering.network_id == network.id))
    )
    for gathering in gatherings:  # the programme and the registrations moved with the days
        assert {item.day for item in gathering.items} <= set(gathering.days)
        for registration in gathering.registrations:
            assert set(registration.days) <= {d.isoformat() for d in gathering.days}
    series = sorted(
        (g for g in gatherings if g.kind == GatheringKind.NETWORK), key=lambda g: g.number
    )
    held, coming, planned = series
    assert held.ends_on < today and held.status == GatheringStatus.HELD
    assert held.items and held.registrations
    assert 10 <= (coming.starts_on - today).days <= 40
    assert coming.status == GatheringStatus.PUBLISHED and registration_open(coming, today)
    assert coming.items and coming.starts_on.weekday() < 5
    # the participant of the demo is not registered yet: the registration is theirs to try
    assert "deltaker.bodo@example.org" not in {r.email for r in coming.registrations}
    assert planned.starts_on > coming.ends_on and planned.status == GatheringStatus.PLANNED
    (meeting,) = [g for g in gatherings if g.kind == GatheringKind.COORDINATOR]
    assert held.ends_on < meeting.starts_on < today

    commitments = list(
        session.scalars(sa.select(Commitment).where(Commitment.gathering_id == held.id))
    )
    followed = [c for c in commitments if c.status != CommitmentStatus.OPEN]
    assert followed and all(c.followed_up_gathering_id == meeting.id for c in followed)
    assert any(c.status == CommitmentStatus.OPEN for c in commitments)
    assert {c.due_on for c in commitments} == {coming.starts_on}

    chapters = {
        c.number: c
        for c in session.scalars(sa.select(Chapter).where(Chapter.network_id == network.id))
    }
    first, due, later = chapters[1], chapters[2], chapters[3]
    assert first.due_on and first.due_on < held.starts_on
    assert DeliveryStatus.FEEDBACK_GIVEN in {d.status for d in first.deliveries}
    assert due.due_on and today <= due.due_on <= today + timedelta(days=14)
    statuses = {d.municipality_id: d.status for d in due.deliveries}
    for municipality in municipalities:
        status = statuses.get(municipality.id, DeliveryStatus.NOT_STARTED)
        assert not workbooks.is_overdue(due, status, today)
    assert later.opens_after_gathering_id == coming.id
    assert later.due_on and later.due_on > coming.ends_on
    # chapters 1 and 2 are open; chapter 3 is prepared, opening the morning after its gathering
    assert first.is_open and due.is_open and not later.is_open
    assert later.opens_at and later.opens_at.date() == coming.ends_on + timedelta(days=1)

    in_progress = [
        declarations.latest_version(d).status
        for m in municipalities
        if (d := declarations.get_declaration(session, m.id)) is not None
    ]
    assert Status.PUBLISHED in in_progress
    assert {Status.DRAFT, Status.CONSULTATION} & set(in_progress)

    last_month = (today.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")
    measured = set(
        session.scalars(
            sa.select(Measurement.municipality_id).where(Measurement.period == last_month)
        )
    )
    assert {m.id for m in municipalities} <= measured
    _assert_goals(session, municipalities, today)


def _assert_goals(session: Any, municipalities: list[Any], today: date) -> None:
    """The living network's goals stand differently, computed from the demo's own figures;
    some come from a declaration, a SMART answer or a commitment, some actions from one."""
    from heltidnett.goals.models import Goal
    from heltidnett.goals.progress import Status
    from heltidnett.goals.services import progress_of

    ids = [m.id for m in municipalities]
    goals = list(session.scalars(sa.select(Goal).where(Goal.municipality_id.in_(ids))))
    statuses = {
        p.goal.municipality.name: p.progress.status for p in progress_of(session, goals, today)
    }
    assert {Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK, Status.NO_DATA} <= set(
        statuses.values()
    ), statuses
    assert (statuses["Alstahaug"], statuses["Salangen"], statuses["Vadsø"]) == (
        Status.AT_RISK,
        Status.OFF_TRACK,
        Status.NO_DATA,
    )
    assert all(g.source_declaration_id for g in goals if g.title.startswith("Minst 50 %"))
    assert any(g.source_answer_id for g in goals) and any(g.source_commitment_id for g in goals)
    assert any(a.commitment_id for g in goals for a in g.actions)


def test_living_network_lies_around_today_and_loading_twice_changes_nothing(app: Flask) -> None:
    from heltidnett.demo import load_demo

    with app.app_context():
        ctx = load_demo(db.session)
        assert ctx.today == date.today()
        first = _rows(db.session)
        load_demo(db.session)
        assert _rows(db.session) == first
        _assert_alive(db.session, ctx.today)
        db.session.rollback()


def test_loaded_again_weeks_later_the_living_network_moves_along(app: Flask) -> None:
    from heltidnett.demo import load_demo
    from heltidnett.gatherings.models import Registration

    with app.app_context():
        ctx = load_demo(db.session)
        registered = db.session.scalar(
            sa.select(Registration).where(Registration.email == "koordinator.bodo@example.org")
        )
        assert registered is not None  # for the gathering six weeks ago: it moves along too
        first = _rows(db.session)
        later = ctx.today + timedelta(days=40)
        moved = load_demo(db.session, today=later)
        assert moved.moved == timedelta(weeks=6)
        again = _rows(db.session)
        # the months since are added to the figures, and the moves are in the audit log
        grown = {"staffing_measurements", "audit_events"}
        assert {k: v for k, v in again.items() if k not in grown} == {
            k: v for k, v in first.items() if k not in grown
        }
        assert again["staffing_measurements"] >= first["staffing_measurements"]
        _assert_alive(db.session, later)
        load_demo(db.session, today=later)
        assert _rows(db.session) == again
        db.session.rollback()


def test_ringerikes_seven_goals_keep_their_two_targets(app: Flask) -> None:
    from heltidnett.demo import load_demo
    from heltidnett.goals.models import Goal

    with app.app_context():
        ctx = load_demo(db.session)
        goals = list(
            db.session.scalars(
                sa.select(Goal).where(Goal.municipality_id == ctx.municipalities["Ringerike"].id)
            )
        )
        assert len(goals) == 7
        assert all(g.first_target_value is not None and g.target_due.year == 2020 for g in goals)
        assert {g.indicator_code for g in goals} >= {"fulltime_share", "vacancy_share"}
        assert all(g.values for g in goals if g.indicator_code is None)
        db.session.rollback()


@pytest.mark.parametrize("today", [date(2027, 3, 1), date(2027, 3, 31), date(2027, 6, 15)])
def test_the_living_networks_goals_differ_whatever_day_it_is_loaded(
    app: Flask, today: date
) -> None:
    from heltidnett.demo import load_demo

    with app.app_context():
        ctx = load_demo(db.session, today=today)
        network = ctx.living_network
        _assert_goals(db.session, [p.municipality for p in network.participations], today)
        db.session.rollback()


@pytest.mark.parametrize("start", [date(2026, 12, 3), date(2027, 6, 18), date(2027, 2, 28)])
def test_gatherings_fall_on_weekdays_and_registration_is_open(start: date) -> None:
    """A year of load days from `start`: the coming gathering on a Tuesday two to five weeks
    ahead (outside Christmas and July when a Tuesday in that window is), registration open, the
    chapter due on a weekday before it."""
    from heltidnett.demo import DemoContext, is_holiday
    from heltidnett.gatherings.demo import LIVING_GATHERINGS
    from heltidnett.workbooks.demo import LIVING_CHAPTERS

    specs = {(g["kind"].value, g["number"]): g["starts"] for g in LIVING_GATHERINGS}
    for n in range(0, 366, 3):
        ctx = DemoContext(today=start + timedelta(days=n))
        days = {key: ctx.meeting_day(*starts) for key, starts in specs.items()}
        _, window, weekday = specs[("network", 2)]
        coming = days[("network", 2)]
        assert coming.weekday() == weekday
        assert window[0] <= (coming - ctx.today).days <= window[1]
        tuesdays = [
            ctx.day(d)
            for d in range(window[0], window[1] + 1)
            if ctx.day(d).weekday() == weekday and not is_holiday(ctx.day(d))
        ]
        assert not tuesdays or not is_holiday(coming)
        assert coming - timedelta(days=14) >= ctx.today  # the registration deadline
        assert days[("network", 1)] < days[("coordinator", 1)] < ctx.today
        assert days[("network", 3)] > coming
        chapter_one, chapter_two = LIVING_CHAPTERS[1][1], LIVING_CHAPTERS[2][1]
        assert ctx.workday(chapter_one) < days[("network", 1)]
        assert ctx.today < ctx.workday(chapter_two) < coming
        assert ctx.workday(chapter_two).weekday() < 5


def test_pages_tell_ended_from_active(app: Flask, client: Any, auth: Any) -> None:
    from heltidnett.demo import DEMO_PASSWORD, load_demo

    with app.app_context():
        ctx = load_demo(db.session)
        db.session.commit()
        living = ctx.living_network
        name, network_id = living.name, living.id
        ended_id = ctx.networks["BTV NyttBlikk nettverk 2"].id
    auth.login("veileder@example.org", DEMO_PASSWORD)
    page = client.get("/").get_data(as_text=True)
    assert page.count("Avsluttet") == 2 and page.count("Aktivt") == 1
    # an ended network's chapters are not chased, nor counted down below zero
    workbook = client.get(f"/networks/{ended_id}/workbook").get_data(as_text=True)
    assert "Forfalt" not in workbook
    board = client.get(f"/networks/{ended_id}/workbook/board").get_data(as_text=True)
    assert "Forfalt" not in board and "dager igjen" not in board
    auth.logout()
    auth.login("koordinator.bodo@example.org", DEMO_PASSWORD)
    page = client.get("/").get_data(as_text=True)
    assert name in page and "Heltid i nord" not in page
    page = client.get(f"/networks/{network_id}").get_data(as_text=True)
    assert "Samling 2: oppgavedeling og arbeidstid" in page and "Aktivt" in page


def test_a_facilitators_comment_on_bodos_goal_is_a_thread_loaded_once(app: Flask) -> None:
    """The demo's goal comment lives in the comments package's threads, not twice after a
    second load."""
    import sqlalchemy as sa

    from heltidnett.comments.models import Comment, CommentThread, SubjectKind
    from heltidnett.demo import load_demo
    from heltidnett.goals.demo import COMMENTS
    from heltidnett.goals.models import Goal

    (_place, title), _who, body = COMMENTS[0]
    with app.app_context():
        load_demo(db.session)
        load_demo(db.session)
        goal_id = db.session.scalar(sa.select(Goal.id).where(Goal.title == title))
        found = db.session.execute(
            sa.select(Comment.author_role)
            .join(CommentThread, Comment.thread_id == CommentThread.id)
            .where(
                CommentThread.subject_kind == SubjectKind.GOAL,
                CommentThread.subject_id == goal_id,
                Comment.body == body,
            )
        ).all()
        assert [tuple(row) for row in found] == [("facilitator",)]
        db.session.rollback()
