"""The command line: the demo (twice changes nothing), users, roles and tokens."""

from __future__ import annotations

import sqlalchemy as sa

from heltidnett.audit.models import AuditEvent
from heltidnett.extensions import db
from heltidnett.models import Membership, Municipality, Network, Participation, Unit, User


def _counts(app) -> dict[str, int]:
    with app.app_context():
        return {
            model.__tablename__: db.session.scalar(sa.select(sa.func.count()).select_from(model))
            for model in (User, Network, Municipality, Unit, Participation, Membership, AuditEvent)
        }


def test_demo_loads_the_seed_networks_and_twice_changes_nothing(app, runner):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert "koordinator.bodo@example.org" in result.output  # the living network's
    assert "demo-heltid-2026!" in result.output
    # what a newcomer needs: one login per job, and where the rest are
    lines = result.output.strip().splitlines()
    assert len(lines) <= 10, result.output
    for email in ("veileder@", "koordinator.bodo@", "styring.vadso@", "deltaker.bodo@", "admin@"):
        assert email in result.output
    assert "README.md" in result.output
    first = _counts(app)
    with app.app_context():
        networks = {
            n.name: sorted(p.municipality.name for p in n.participations)
            for n in db.session.scalars(sa.select(Network))
        }
        numbers = dict(db.session.execute(sa.select(Municipality.name, Municipality.number)).all())
        alta_units = db.session.scalars(
            sa.select(Unit.name).join(Municipality).where(Municipality.name == "Alta")
        ).all()
        emails = db.session.scalars(sa.select(User.email)).all()
    assert networks["Heltid i nord"] == ["Alta", "Hemnes", "Rana", "Vestvågøy"]
    (living,) = [name for name in networks if name.startswith("Heltidsnettverk Nord-Norge ")]
    assert networks[living] == ["Alstahaug", "Bodø", "Hammerfest", "Salangen", "Vadsø"]
    assert networks["BTV NyttBlikk nettverk 2"] == sorted(
        [
            "Lier",
            "Ringerike",
            "Øvre Eiker",
            "Sauherad",
            "Sandefjord",
            "Nome",
            "Kongsberg",
            "Nore og Uvdal",
        ]
    )
    assert (
        numbers["Alta"] == "5601"
        and numbers["Rana"] == "1833"
        and numbers["Nore og Uvdal"] == "3338"
        and numbers["Bodø"] == "1804"
        and numbers["Vadsø"] == "5607"
    )
    assert "Elvebakken sykehjem" in alta_units and len(alta_units) == 7
    assert all(e.endswith("@example.org") for e in emails)  # invented people only
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0
    assert _counts(app) == first


def test_users_create_grant_and_token(app, runner, monkeypatch, make_municipality, make_network):
    alta = make_municipality("Alta", "5601")
    make_network("Heltid i nord", [alta])
    monkeypatch.setenv("HELTIDNETT_PASSWORD", "et langt og godt passord")
    result = runner.invoke(
        args=["users", "create", "Ny.Person@example.org", "--name", "Ny Person", "--facilitator"]
    )
    assert result.exit_code == 0, result.output
    again = runner.invoke(args=["users", "create", "ny.person@EXAMPLE.org", "--name", "Dobbel"])
    assert again.exit_code != 0 and "finnes allerede" in again.output
    result = runner.invoke(
        args=[
            "users",
            "grant",
            "ny.person@example.org",
            "--network",
            "heltid i nord",
            "--role",
            "coordinator",
            "--municipality",
            "5601",
        ]
    )
    assert result.exit_code == 0, result.output
    no_municipality = runner.invoke(
        args=[
            "users",
            "grant",
            "ny.person@example.org",
            "--network",
            "Heltid i nord",
            "--role",
            "coordinator",
        ]
    )
    assert no_municipality.exit_code != 0
    token = runner.invoke(
        args=["users", "token", "ny.person@example.org", "--name", "skript"], catch_exceptions=False
    )
    assert token.exit_code == 0
    secret = token.stdout.strip()
    assert secret.startswith("htn_") and "\n" not in secret
    me = (
        app.test_client()
        .get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
        .get_json()
    )
    assert me["is_facilitator"] is True
    assert me["memberships"][0]["role"] == "coordinator"


def test_weak_password_is_refused_by_the_cli(runner, monkeypatch):
    monkeypatch.setenv("HELTIDNETT_PASSWORD", "passord")
    result = runner.invoke(args=["users", "create", "svak@example.org", "--name", "Svak"])
    assert result.exit_code != 0
    assert "minst 12 tegn" in result.output


def test_compiling_the_catalogs_is_quiet_and_refuses_a_broken_placeholder(
    runner, tmp_path, monkeypatch
):
    from heltidnett import cli

    good = runner.invoke(args=["translate", "compile"])
    assert good.exit_code == 0 and good.output == ""

    target = tmp_path / "translations"
    po = target / "nn" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, python-format\nmsgid "%(count)s svar"\nmsgstr "%(antal)s svar"\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(cli, "catalogs", lambda: [(tmp_path, target)])
    broken = runner.invoke(args=["translate", "compile"])
    assert broken.exit_code != 0
    assert "messages.po" in broken.output and "placeholder" in broken.output.lower()
    assert not po.with_suffix(".mo").exists()
