"""The bell's list, marking read, the person's e-mail choices, unsubscribing by a signed link,
and a network's reminder settings."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from heltidnett.auth import access
from heltidnett.core.transaction import attempt
from heltidnett.extensions import db
from heltidnett.networks.models import Network
from heltidnett.notifications import services
from heltidnett.notifications.forms import preferences_form, reminders_form
from heltidnett.notifications.kinds import (
    CHANNEL_LABELS,
    DEFAULT_DAYS,
    KIND_LABELS,
    NETWORK_KINDS,
    text,
)
from heltidnett.notifications.mail import read_unsubscribe_token
from heltidnett.notifications.models import Channel, Kind, Notification

bp = Blueprint("notifications", __name__, template_folder="templates")


@bp.app_context_processor
def bell() -> dict[str, Any]:
    """The unread count for the bell in base.html (one query, only when someone is logged in)."""

    def unread() -> int:
        if not getattr(current_user, "is_authenticated", False):
            return 0
        return services.unread_count(db.session, current_user)

    return {"unread_notifications": unread}


@bp.get("/notifications")
def index() -> Any:
    unread_only = request.args.get("vis") == "uleste"
    notifications = services.notifications_of(db.session, current_user, unread_only)
    return render_template(
        "notifications/index.html",
        notifications=notifications,
        unread_only=unread_only,
        text=text,
        labels=KIND_LABELS,
    )


@bp.get("/notifications/<int:notification_id>/open")
@access.loads(Notification, right=access.Right.EDIT)
def open_notification(notification: Notification) -> Any:
    """Mark read and go to the object."""
    with attempt(flash_error=True):
        services.mark_read(db.session, current_user, notification)
    return redirect(url_for(notification.endpoint, **notification.endpoint_args))


@bp.post("/notifications/<int:notification_id>/read")
@access.loads(Notification, right=access.Right.EDIT)
def toggle_read(notification: Notification) -> Any:
    with attempt(flash_error=True):
        services.mark_read(db.session, current_user, notification, notification.read_at is None)
    return redirect(url_for("notifications.index"))


@bp.post("/notifications/read-all")
def read_all() -> Any:
    with attempt():
        count = services.mark_all_read(db.session, current_user)
    flash(_("%(count)s varsler er merket som lest.", count=count), "success")
    return redirect(url_for("notifications.index"))


@bp.route("/account/notifications", methods=["GET", "POST"])
def settings() -> Any:
    form = preferences_form(services.preferences(db.session, current_user))
    if form.validate_on_submit():
        choices = {kind: Channel(form[f"kind_{kind.value}"].data) for kind in Kind}
        with attempt(_("Valgene dine for varsler er lagret."), flash_error=True) as outcome:
            services.save_preferences(db.session, current_user, choices)
        if not outcome.failed:
            return redirect(url_for("notifications.settings"))
    return render_template(
        "notifications/settings.html",
        form=form,
        kinds=list(Kind),
        channel_labels=CHANNEL_LABELS,
    )


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
def unsubscribe(token: str) -> Any:
    """Stop e-mail of one kind from the link in an e-mail: no login (the token is signed)."""
    found = read_unsubscribe_token(token)
    if found is None:
        abort(404, description=_("Lenken for å melde seg av er ugyldig."))
    user_id, kind = found
    from heltidnett.auth.models import User

    user = db.session.get(User, user_id)
    if user is None:
        abort(404, description=_("Lenken for å melde seg av er ugyldig."))
    done = False
    if request.method == "POST":
        with attempt() as outcome:
            services.set_preference(db.session, user, kind, Channel.NEVER)
        done = not outcome.failed
    return render_template(
        "notifications/unsubscribe.html", label=KIND_LABELS[kind], done=done, token=token
    )


@bp.route("/networks/<int:network_id>/reminders", methods=["GET", "POST"])
@access.loads(Network, right=access.Right.EDIT)
def reminders(network: Network) -> Any:
    """A facilitator chooses which reminders go out in the network, and how many days before."""
    form = reminders_form(services.reminder_choices(db.session, network.id))
    if form.validate_on_submit():
        choices = {
            kind: (
                bool(form[f"on_{kind.value}"].data),
                form[f"days_{kind.value}"].data or "" if kind in DEFAULT_DAYS else "",
            )
            for kind in NETWORK_KINDS
        }
        with attempt(_("Påminnelsene er lagret."), flash_error=True) as outcome:
            services.save_reminder_settings(db.session, current_user, network, choices)
        if not outcome.failed:
            return redirect(url_for("notifications.reminders", network_id=network.id))
    return render_template(
        "notifications/reminders.html",
        form=form,
        network=network,
        kinds=NETWORK_KINDS,
        with_days=DEFAULT_DAYS,
    )
