"""The audit log browser, for admins."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request
from flask_login import current_user

from heltidnett.audit import services
from heltidnett.audit.forms import AuditFilterForm
from heltidnett.auth import access
from heltidnett.extensions import db

bp = Blueprint("audit", __name__, template_folder="templates")


@bp.get("/audit")
def index() -> Any:
    access.require(access.is_admin(current_user))
    form = AuditFilterForm(request.args, meta={"csrf": False})
    query = services.events_query()
    if form.validate():
        query = services.events_query(
            action=form.action.data,
            object_type=form.object_type.data,
            actor=form.actor.data,
            since=form.since.data,
            until=form.until.data,
        )
    events = services.event_page(db.session, query)
    args = {k: v for k, v in request.args.items() if k != "page"}
    return render_template("audit/index.html", form=form, events=events, args=args)
