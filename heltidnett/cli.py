"""Command-line tools: the demo data, users and their roles, API tokens, translations."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import sqlalchemy as sa
from flask import Flask
from flask.cli import AppGroup, with_appcontext

from heltidnett.extensions import db

users_cli = AppGroup("users", help="Manage users, their roles and API tokens.")
translate_cli = AppGroup("translate", help="Extract, update and compile the translation catalogs.")


@click.command("demo")
@with_appcontext
def demo_command() -> None:
    """Load the demo networks, municipalities and invented people (safe to run again)."""
    from heltidnett.demo import DEMO_PASSWORD, load_demo

    ctx = load_demo(db.session)
    db.session.commit()
    logins = {email for email, _ in ctx.logins}
    click.echo(
        f"Demo loaded: {len(ctx.networks)} networks, {len(ctx.municipalities)} municipalities, "
        f"{len(logins)} logins."
    )
    click.echo(f"Log in with one of these (password {DEMO_PASSWORD}):")
    for email, job in DEMO_GUIDE:
        click.echo(f"  {email:<32} {job}")
    click.echo("Every demo login, by role: README.md, 'The demo'.")


# The first logins to try and the job each shows, in the living network (README has them all).
DEMO_GUIDE = (
    ("veileder@example.org", "facilitator: plan Samling 2, give feedback on chapters"),
    ("koordinator.bodo@example.org", "coordinator, Bodø: finish chapter 2, register"),
    ("styring.vadso@example.org", "steering group, Vadsø: the declaration on consultation"),
    ("deltaker.bodo@example.org", "participant, Bodø: register for Samling 2"),
    ("admin@example.org", "administrator: users and the audit log"),
)


@click.command("load-cases")
@with_appcontext
def load_cases_command() -> None:
    """Load (or refresh) the idea bank's built-in cases of the 30-municipality study."""
    from heltidnett.cases.services import load_builtin

    created = load_builtin(db.session)
    db.session.commit()
    click.echo(f"Idea bank: {created} new built-in cases.")


def _find_user(email: str):
    from heltidnett.auth.services import find_user_by_email

    user = find_user_by_email(db.session, email)
    if user is None:
        raise click.ClickException(f"No user with e-mail {email}.")
    return user


@users_cli.command("create")
@click.argument("email")
@click.option("--name", required=True, help="The person's full name.")
@click.option("--admin", is_flag=True, help="Platform administrator.")
@click.option("--facilitator", is_flag=True, help="Platform facilitator (may create networks).")
def users_create(email: str, name: str, admin: bool, facilitator: bool) -> None:
    """Create a user; the password comes from HELTIDNETT_PASSWORD or a prompt."""
    from heltidnett.auth.services import create_user
    from heltidnett.core.errors import ServiceError

    password = os.environ.get("HELTIDNETT_PASSWORD") or click.prompt(
        "Password", hide_input=True, confirmation_prompt=True
    )
    try:
        user = create_user(
            db.session,
            email=email,
            name=name,
            password=password,
            is_admin=admin,
            is_facilitator=facilitator,
        )
    except ServiceError as error:
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(f"Created user {user.id} <{user.email}>.")


@users_cli.command("grant")
@click.argument("email")
@click.option("--network", "network_ref", required=True, help="Network name or id.")
@click.option(
    "--role",
    required=True,
    type=click.Choice(["facilitator", "coordinator", "steering", "participant"]),
)
@click.option("--municipality", "municipality_ref", help="Municipality name or four-digit number.")
def users_grant(email: str, network_ref: str, role: str, municipality_ref: str | None) -> None:
    """Give a user a role in a network."""
    from heltidnett.auth.services import grant_role
    from heltidnett.core.errors import ServiceError
    from heltidnett.municipalities.models import Municipality
    from heltidnett.networks.models import Network, NetworkRole

    user = _find_user(email)
    network = (
        db.session.get(Network, int(network_ref))
        if network_ref.isdigit()
        else db.session.scalar(
            sa.select(Network).where(sa.func.lower(Network.name) == network_ref.lower())
        )
    )
    if network is None:
        raise click.ClickException(f"No network {network_ref!r}.")
    municipality = None
    if municipality_ref:
        column = (
            Municipality.number if municipality_ref.isdigit() else sa.func.lower(Municipality.name)
        )
        value = municipality_ref if municipality_ref.isdigit() else municipality_ref.lower()
        municipality = db.session.scalar(sa.select(Municipality).where(column == value))
        if municipality is None:
            raise click.ClickException(f"No municipality {municipality_ref!r}.")
    try:
        grant_role(db.session, user, network, NetworkRole(role), municipality)
    except ServiceError as error:
        raise click.ClickException(str(error)) from None
    db.session.commit()
    where = f" for {municipality.name}" if municipality else ""
    click.echo(f"{user.email} is {role} in {network.name}{where}.", err=True)


@users_cli.command("token")
@click.argument("email")
@click.option("--name", default="CLI", help="A name to recognise the token by.")
def users_token(email: str, name: str) -> None:
    """Print a new API token for the user (and nothing else on stdout)."""
    from heltidnett.auth.services import create_token

    user = _find_user(email)
    new = create_token(db.session, user, name)
    db.session.commit()
    click.echo(new.secret)


ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("nb", "nn", "en")


def _babel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True)  # noqa: S603


def catalogs() -> list[tuple[Path, Path]]:
    """(source folder, translations folder) of the shared catalog and each domain's own."""
    package = ROOT / "heltidnett"
    pairs = [(ROOT / "templates", package / "translations")]
    for folder in sorted(p for p in package.iterdir() if (p / "translations").is_dir()):
        pairs.append((folder, folder / "translations"))
    return pairs


@translate_cli.command("update")
def translate_update() -> None:
    """Extract the strings of each catalog's sources and update its nb, nn and en files."""
    _check_templates()
    for source, target in catalogs():
        pot = target / "messages.pot"
        sources = [str(source)]
        if source == ROOT / "templates":
            # The shared catalog also holds the package's loose modules (core, db, cli …).
            domain_dirs = {p for p, _ in catalogs()[1:]}
            sources += [
                str(p)
                for p in (ROOT / "heltidnett").iterdir()
                if p not in domain_dirs and p.name != "translations"
            ]
        _babel(
            "extract",
            "-F",
            str(ROOT / "babel.cfg"),
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "--no-location",
            "--sort-output",
            "--project",
            "heltidnett",
            "-o",
            str(pot),
            *sources,
        )
        for lang in LANGUAGES:
            po = target / lang / "LC_MESSAGES" / "messages.po"
            if po.exists():
                _babel(
                    "update",
                    "-i",
                    str(pot),
                    "-d",
                    str(target),
                    "-l",
                    lang,
                    "--no-fuzzy-matching",
                    "--ignore-obsolete",
                )
            else:
                _babel("init", "-i", str(pot), "-d", str(target), "-l", lang)
        pot.unlink()
        fill_source_language(target / "nb" / "LC_MESSAGES" / "messages.po")


def _check_templates() -> None:
    """Refuse to extract while a template is broken: its strings would silently drop out."""
    from flask import current_app

    for path in sorted(ROOT.glob("**/templates/**/*.html")):
        if ".venv" in path.parts or "node_modules" in path.parts:
            continue
        try:
            current_app.jinja_env.parse(path.read_text(encoding="utf-8"))
        except Exception as error:  # jinja2.TemplateSyntaxError and decoding errors alike
            raise click.ClickException(f"{path.relative_to(ROOT)}: {error}") from error


def fill_source_language(po_path: Path) -> None:
    """The code's strings are Bokmål: the nb catalog translates each to itself."""
    from babel.messages.pofile import read_po, write_po

    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale="nb")
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            if not message.string or not any(message.string):
                message.string = (message.id[0], message.id[1])
        elif not message.string:
            message.string = message.id
        message.flags.discard("fuzzy")
    with po_path.open("wb") as handle:
        write_po(handle, catalog, width=100, sort_output=True, omit_header=False)


@translate_cli.command("compile")
def translate_compile() -> None:
    """Compile every catalog to .mo files."""
    failed = False
    for _, target in catalogs():
        for po_path in sorted(target.glob("*/LC_MESSAGES/messages.po")):
            failed |= not _compile(po_path)
    if failed:
        raise click.ClickException("Some catalogs have errors; nothing was compiled for them.")


def _compile(po_path: Path) -> bool:
    """Compile one catalog to its .mo file; print its errors and return False when it has any."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    errors = [
        f"{po_path}:{message.lineno}: {error}"
        for message, message_errors in catalog.check()
        for error in message_errors
    ]
    for line in errors:
        click.echo(line, err=True)
    if errors:
        return False
    with po_path.with_suffix(".mo").open("wb") as handle:
        write_mo(handle, catalog, use_fuzzy=False)
    return True


def init_app(app: Flask) -> None:
    app.cli.add_command(demo_command)
    app.cli.add_command(load_cases_command)
    app.cli.add_command(users_cli)
    app.cli.add_command(translate_cli)
    from heltidnett.notifications import cli as notifications_cli

    app.cli.add_command(notifications_cli.send_reminders_command)
    app.cli.add_command(notifications_cli.scheduler_command)
