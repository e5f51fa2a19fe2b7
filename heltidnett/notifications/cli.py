"""`flask send-reminders` for cron, and `flask notifications-scheduler` for RQ's scheduler."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click
from flask import current_app
from flask.cli import with_appcontext

if TYPE_CHECKING:
    from redis import Redis
    from rq.cron import CronScheduler

INTERVAL_CRON = "*/5 * * * *"  # find events and send the outbox every five minutes
DIGEST_CRON = "0 7 * * *"  # the daily digest at 07:00 (the scheduler's clock: UTC)
QUEUE = "heltidnett"


@click.command("send-reminders")
@click.option("--digest", is_flag=True, help="Also send the daily digests (once a day).")
@with_appcontext
def send_reminders_command(digest: bool) -> None:
    """Find what is due, record it once, send the e-mail queue (and the digests)."""
    from heltidnett.notifications.jobs import send_reminders

    result = send_reminders(digests=digest)
    click.echo(
        f"{result.notified} notifications, {result.sent} e-mails sent, "
        f"{result.refused} refused (kept for retry), {result.digests} digests, "
        f"{result.purged} old notifications purged"
    )


@click.command("notifications-scheduler")
@with_appcontext
def scheduler_command() -> None:
    """Run RQ's cron scheduler (needs REDIS_URL): it puts the job on the queue every five
    minutes and the digest at 07:00; `rq worker heltidnett --url $REDIS_URL` runs them."""
    from redis import Redis

    from heltidnett.notifications.jobs import rq_send_reminders

    url = current_app.config.get("REDIS_URL")
    if not url:
        raise click.ClickException("REDIS_URL is not set; use cron with send-reminders.")
    scheduler = scheduler_for(Redis.from_url(url), rq_send_reminders)
    scheduler.start()


def scheduler_for(connection: Redis, job: Callable[..., Any]) -> CronScheduler:
    """RQ's cron scheduler with the two registrations (kept apart so a test can check them)."""
    from rq.cron import CronScheduler

    scheduler = CronScheduler(connection=connection)
    scheduler.register(job, QUEUE, cron=INTERVAL_CRON, name="send-reminders")
    scheduler.register(job, QUEUE, kwargs={"digests": True}, cron=DIGEST_CRON, name="send-digests")
    return scheduler
