"""The audit log browser, for admins."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

import sqlalchemy as sa
from flask import Blueprint, render_template, request
from flask_login import current_user

from heltidnett.audit.forms import AuditFilterForm
from heltidnett.audit.models import AuditEvent
from heltidnett.auth import access
from heltidnett.extensions import db

bp = Blueprint("audit", __name__, template_folder="templates")


@bp.get("/audit")
def index() -> Any:
    access.require(access.is_admin(current_user))
    form = AuditFilterForm(request.args, meta={"csrf": False})
    query = sa.select(AuditEvent).order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
    if form.validate():
        if form.action.data:
            query = query.where(AuditEvent.action == form.action.data)
        if form.object_type.data:
            query = query.where(AuditEvent.object_type == form.object_type.data)
        if form.actor.data:
            query = query.where(AuditEvent.actor.ilike(f"%{form.actor.data.strip()}%"))
        if form.since.data:
            since = datetime.combine(form.since.data, time.min).astimezone()
            query = query.where(AuditEvent.created_at >= since)
        if form.until.data:
            until = datetime.combine(form.until.data, time.max).astimezone()
            query = query.where(AuditEvent.created_at <= until)
    events = db.paginate(query, per_page=50, error_out=False)
    args = {k: v for k, v in request.args.items() if k != "page"}
    return render_template("audit/index.html", form=form, events=events, args=args)
