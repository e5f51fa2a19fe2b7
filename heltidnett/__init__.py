"""heltidnett: a platform for the learning networks that build a full-time culture."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import Flask

from config import DEV_SECRET_KEY, Config, config_from_env
from heltidnett.core.bounds import BoundedIntConverter
from heltidnett.core.uploads import UploadRequest

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: type[Config] | dict[str, Any] | None = None) -> Flask:
    """The application factory: config class (or overrides), extensions, blueprints."""
    app = Flask(
        __name__,
        instance_path=str(ROOT / "instance"),
        instance_relative_config=True,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
    )
    app.request_class = UploadRequest  # an oversize file is a form error (core/uploads.py)
    config_class = config if isinstance(config, type) else config_from_env()
    app.config.from_object(config_class)
    app.config.from_pyfile("config.py", silent=True)
    if isinstance(config, dict):
        app.config.update(config)
    _check_config(app)
    os.makedirs(app.instance_path, exist_ok=True)

    _init_extensions(app)
    # Ids past what an integer column holds are no match (404), not a database error (500).
    app.url_map.converters["int"] = BoundedIntConverter
    _register_blueprints(app)
    _register_providers(app)
    from heltidnett.core import transaction

    transaction.init_app(app)  # last: its commit runs before every other after_request hook

    from heltidnett import cli

    cli.init_app(app)
    return app


def _check_config(app: Flask) -> None:
    """Refuse to start production without a secret."""
    if app.config.get("ENV_NAME") == "production" and app.config.get("SECRET_KEY") in (
        None,
        "",
        DEV_SECRET_KEY,
    ):
        raise RuntimeError("SECRET_KEY must be set in production (HELTIDNETT_ENV=production).")
    if not app.config.get("SECRET_KEY"):
        raise RuntimeError("SECRET_KEY is not set.")
    app.config.setdefault("RATELIMIT_STORAGE_URI", app.config.get("REDIS_URL") or "memory://")
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", False)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(str(p) for p in translation_dirs())


def translation_dirs() -> list[Path]:
    """The shared catalog and each domain package's own catalog."""
    package = Path(__file__).resolve().parent
    return [
        package / "translations",
        *sorted(p for p in package.glob("*/translations") if p.is_dir()),
    ]


def _init_extensions(app: Flask) -> None:
    from heltidnett.auth import session as auth_session
    from heltidnett.core import errors, i18n, markup, security
    from heltidnett.db import configure_engine_events
    from heltidnett.extensions import babel, csrf, db, limiter, migrate

    db.init_app(app)
    with app.app_context():
        configure_engine_events(db.engine)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    limiter.init_app(app)
    auth_session.init_app(app)  # login first: anonymous requests get the login page or 401
    security.init_app(app)
    i18n.init_app(app)
    markup.init_app(app)
    errors.init_app(app)

    from heltidnett.audit import services as audit_services  # noqa: F401 - registers listeners


def _register_blueprints(app: Flask) -> None:
    from heltidnett import api
    from heltidnett.audit.views import bp as audit_bp
    from heltidnett.auth.views import bp as auth_bp
    from heltidnett.cases.views import bp as cases_bp
    from heltidnett.comments.views import bp as comments_bp
    from heltidnett.commitments.views import bp as commitments_bp
    from heltidnett.core.views import bp as core_bp
    from heltidnett.declarations.views import bp as declarations_bp
    from heltidnett.gatherings.views import bp as gatherings_bp
    from heltidnett.goals.views import bp as goals_bp
    from heltidnett.meetings.views import bp as meetings_bp
    from heltidnett.municipalities.views import bp as municipalities_bp
    from heltidnett.networks.views import bp as networks_bp
    from heltidnett.notifications.views import bp as notifications_bp
    from heltidnett.polls.views import bp as polls_bp
    from heltidnett.staffing.views import bp as staffing_bp
    from heltidnett.stories.views import bp as stories_bp
    from heltidnett.workbooks.views import bp as workbooks_bp

    for blueprint in (
        core_bp,
        auth_bp,
        networks_bp,
        municipalities_bp,
        audit_bp,
        staffing_bp,
        gatherings_bp,
        workbooks_bp,
        declarations_bp,
        stories_bp,
        commitments_bp,
        comments_bp,
        goals_bp,
        cases_bp,
        polls_bp,
        notifications_bp,
        meetings_bp,
    ):
        app.register_blueprint(blueprint)
    api.init_app(app)


def _register_providers(app: Flask) -> None:
    """What each domain adds to the network's timeline, steering matrix, home pages and
    the list of what waits for each person."""
    from heltidnett.comments import providers as comments
    from heltidnett.commitments import providers as commitments
    from heltidnett.declarations import providers as declarations
    from heltidnett.gatherings import providers as gatherings
    from heltidnett.goals import providers as goals
    from heltidnett.meetings import providers as meetings
    from heltidnett.notifications import providers as notifications
    from heltidnett.polls import providers as polls
    from heltidnett.registries import Registries
    from heltidnett.staffing import providers as staffing
    from heltidnett.stories import providers as stories
    from heltidnett.workbooks import providers as workbooks

    registries = Registries()
    for domain in (
        commitments,
        comments,
        declarations,
        gatherings,
        goals,
        meetings,
        notifications,
        polls,
        staffing,
        stories,
        workbooks,
    ):
        domain.register(registries)
    registries.init_app(app)
