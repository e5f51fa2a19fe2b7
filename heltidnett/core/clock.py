"""The time of day where the networks meet, from a clock a test can set.

`app.config["CLOCK"]`, when set, is a function returning an aware datetime: the tests fix
"now" with it (also for a live server in a browser test). Otherwise it is the real time.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import current_app


def local_now() -> datetime:
    """Now as the wall clock shows it in the app's time zone (Europe/Oslo), without tzinfo,
    as agenda items keep their times."""
    clock = current_app.config.get("CLOCK")
    now = clock() if clock else datetime.now(UTC)
    zone = ZoneInfo(current_app.config.get("BABEL_DEFAULT_TIMEZONE", "Europe/Oslo"))
    return now.astimezone(zone).replace(tzinfo=None)
