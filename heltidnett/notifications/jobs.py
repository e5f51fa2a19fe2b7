"""The periodic job: find and record what is due, send the outbox, the daily digests, purge.

Run by `flask --app heltidnett send-reminders` (cron) or by RQ's cron scheduler when REDIS_URL
is set (`flask --app heltidnett notifications-scheduler`). Like a CLI command, it commits:
each claimed event on its own, so a run beside it sees the claim at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from flask import current_app

from heltidnett.core.mail import mail_configured
from heltidnett.extensions import db
from heltidnett.notifications import mail, services


@dataclass
class RunResult:
    """What one run did."""

    notified: int = 0
    sent: int = 0
    refused: int = 0
    digests: int = 0
    purged: int = 0


def send_reminders(now: datetime | None = None, digests: bool = False) -> RunResult:
    """One run in the current app context (the CLI's, a test's, or the RQ job's)."""
    now = now or datetime.now(UTC)
    session = db.session
    result = RunResult()
    mailing = mail_configured()
    for event in services.due_events(session, now):
        try:
            if services.claim(session, event):
                services.record(session, event, now, mailing)
                result.notified += 1
            session.commit()
        except Exception:
            session.rollback()
            raise
    if digests and mailing:
        result.digests = send_digests(now)
    if mailing:
        sent, refused = send_outbox(now)
        result.sent, result.refused = sent, refused
    result.purged = services.purge(session, now)
    session.commit()
    return result


def send_digests(now: datetime) -> int:
    """Queue one digest for each person with something waiting; none for anyone else."""
    from heltidnett.auth.models import User

    session = db.session
    count = 0
    for user_id in services.digest_user_ids(session):
        notifications = services.take_digest(session, user_id)
        user = session.get(User, user_id)
        if notifications and user is not None and user.email:
            services.queue(session, user, mail.digest(session, user, notifications), now)
            count += 1
        session.commit()
    return count


def send_outbox(now: datetime | None = None) -> tuple[int, int]:
    """Try every due e-mail once; a refused one stays queued for a later run. (sent, refused)"""
    from heltidnett.notifications.models import OutboxMessage

    now = now or datetime.now(UTC)
    session = db.session
    sent = refused = 0
    for outbox_id in services.outbox_due(session, now):
        taken = services.take(session, outbox_id, now)
        session.commit()
        if not taken:
            continue
        row = session.get(OutboxMessage, outbox_id)
        assert row is not None
        try:
            mail.deliver(row.recipient, row.message)
        except mail.Refused as error:
            current_app.logger.warning("mail %s to %s refused: %s", row.id, row.recipient, error)
            services.mark_refused(session, outbox_id, now, str(error))
            refused += 1
        else:
            services.mark_sent(session, outbox_id, now)
            sent += 1
        session.commit()
    return sent, refused


def rq_send_reminders(digests: bool = False) -> dict[str, int]:
    """The RQ job: an app of its own (the worker has none), then one run."""
    from heltidnett import create_app

    app = create_app()
    with app.app_context():
        result = send_reminders(digests=digests)
        db.session.remove()
    return result.__dict__
