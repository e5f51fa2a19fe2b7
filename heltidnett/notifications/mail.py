"""Composing a notification's e-mail (plain text and HTML, in the reader's language, with an
unsubscribe link per kind and a gathering's .ics) and handing it to the SMTP server."""

from __future__ import annotations

import smtplib
from collections import defaultdict
from contextlib import contextmanager
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import TYPE_CHECKING, Any

from flask import current_app, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer

from heltidnett.core.mail import mail_configured
from heltidnett.notifications.kinds import KIND_LABELS, text
from heltidnett.notifications.models import Kind, Notification

if TYPE_CHECKING:
    from collections.abc import Iterator

    from heltidnett.auth.models import User
    from heltidnett.db import DbSession

UNSUBSCRIBE_SALT = "notifications-unsubscribe"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=UNSUBSCRIBE_SALT)


def unsubscribe_token(user_id: int, kind: Kind) -> str:
    """A signed token naming the person and the kind: the link works without logging in."""
    return _serializer().dumps([user_id, str(kind)])


def read_unsubscribe_token(token: str) -> tuple[int, Kind] | None:
    """The person and kind of a token, or None when it is forged or broken."""
    try:
        user_id, kind = _serializer().loads(token)
        return int(user_id), Kind(kind)
    except (BadSignature, ValueError, TypeError):
        return None


@contextmanager
def _outside_request(language: str) -> Iterator[None]:
    """Absolute links on PUBLIC_BASE_URL, and the reader's language."""
    base = current_app.config.get("PUBLIC_BASE_URL") or "http://localhost"
    with current_app.test_request_context("/", base_url=base), force_locale(language or "nb"):
        yield


def _link(notification: Notification) -> str:
    return url_for(notification.endpoint, _external=True, **notification.endpoint_args)


def _line(notification: Notification) -> dict[str, Any]:
    return {
        "text": text(notification.kind, notification.params),
        "url": _link(notification),
        "kind": notification.kind,
        "label": str(KIND_LABELS[notification.kind]),
        "unsubscribe": url_for(
            "notifications.unsubscribe",
            token=unsubscribe_token(notification.user_id, notification.kind),
            _external=True,
        ),
    }


def _message(
    user: User, subject: str, text_body: str, html_body: str, unsubscribe: str
) -> EmailMessage:
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    message["To"] = user.email
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain="heltidnett")
    message["List-Unsubscribe"] = f"<{unsubscribe}>"
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(text_body)
    message.add_alternative(html_body, subtype="html")
    return message


def _finish(message: EmailMessage, user: User) -> EmailMessage:
    """The language header last: set_content and add_attachment move Content-* headers."""
    del message["Content-Language"]
    message["Content-Language"] = user.language or "nb"
    return message


def _attach_ics(session: DbSession, message: EmailMessage, notification: Notification) -> None:
    """A gathering's calendar file (the gatherings domain makes it) on its e-mails."""
    if notification.object_type != "gathering":
        return
    from heltidnett.gatherings.models import Gathering
    from heltidnett.gatherings.outputs import program_ics

    gathering = session.get(Gathering, notification.object_id)
    if gathering is None:
        return
    message.add_attachment(
        program_ics(gathering),
        maintype="text",
        subtype="calendar",
        filename=f"samling-{gathering.number}.ics",
        params={"method": "PUBLISH"},
    )


def single(session: DbSession, user: User, notification: Notification) -> EmailMessage:
    """The e-mail of one notification, sent at once."""
    with _outside_request(user.language):
        line = _line(notification)
        context = {
            "user": user,
            "line": line,
            "settings": url_for("notifications.settings", _external=True),
        }
        message = _message(
            user,
            line["text"] if len(line["text"]) <= 150 else line["label"],
            render_template("notifications/mail_single.txt", **context),
            render_template("notifications/mail_single.html", **context),
            line["unsubscribe"],
        )
        _attach_ics(session, message, notification)
    return _finish(message, user)


def digest(session: DbSession, user: User, notifications: list[Notification]) -> EmailMessage:
    """The daily digest: grouped by network, then by item; never called empty."""
    assert notifications, "a digest is never sent empty"
    with _outside_request(user.language):
        groups: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
        newest: dict[tuple[str, int, Kind], Notification] = {}
        for notification in sorted(notifications, key=lambda n: (n.created_at, n.id)):
            newest[(notification.object_type, notification.object_id, notification.kind)] = (
                notification
            )
        shown = set(map(id, newest.values()))  # of one item's reminders, only the latest
        for notification in notifications:
            if id(notification) not in shown:
                continue
            network = notification.network.name if notification.network else _("Din kommune")
            # An item is the page the line links to: a story's ideas, a chapter's reminders.
            item = notification.endpoint + repr(sorted(notification.endpoint_args.items()))
            groups[network][item].append(_line(notification))
        kinds = sorted({n.kind for n in notifications})
        unsubscribe = {
            str(KIND_LABELS[k]): url_for(
                "notifications.unsubscribe", token=unsubscribe_token(user.id, k), _external=True
            )
            for k in kinds
        }
        context = {
            "user": user,
            "groups": {n: list(items.values()) for n, items in groups.items()},
            "count": len(shown),
            "unsubscribe": unsubscribe,
            "settings": url_for("notifications.settings", _external=True),
        }
        subject = _("Dette har skjedd i heltidnett (%(count)s)", count=len(shown))
        message = _message(
            user,
            subject,
            render_template("notifications/mail_digest.txt", **context),
            render_template("notifications/mail_digest.html", **context),
            next(iter(unsubscribe.values())),
        )
    return _finish(message, user)


class Refused(Exception):
    """The SMTP server did not take the message (or could not be reached)."""


def deliver(recipient: str, raw: bytes) -> None:
    """Hand one stored message to the SMTP server; Refused when it does not take it."""
    config = current_app.config
    if not mail_configured():
        raise Refused("MAIL_SERVER is not set")
    try:
        with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
            if config.get("MAIL_USE_TLS"):
                smtp.starttls()
            if config.get("MAIL_USERNAME"):
                smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
            refused = smtp.sendmail(config["MAIL_DEFAULT_SENDER"], [recipient], raw)
    except (OSError, smtplib.SMTPException) as error:
        raise Refused(f"{type(error).__name__}: {error}") from error
    if refused:
        raise Refused(str(refused))
