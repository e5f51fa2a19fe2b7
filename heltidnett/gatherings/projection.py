"""The programme on the big screen: one day's items, and what is on now and next."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from heltidnett.gatherings.models import AgendaItem, Gathering


class Moment(enum.Enum):
    """Where the shown day stands against the clock."""

    BEFORE = "before"  # the gathering has not begun
    NOT_STARTED = "not_started"  # its day, before the first item
    RUNNING = "running"  # its day, between the first item's start and the last one's end
    DAY_OVER = "day_over"  # its day, after the last item
    OVER = "over"  # the gathering has ended
    OTHER_DAY = "other_day"  # another day of a gathering that is on now


@dataclass
class Screen:
    day: date
    items: list[AgendaItem]
    now: datetime
    moment: Moment
    current: AgendaItem | None = None
    upcoming: AgendaItem | None = None
    next_day: date | None = None  # the gathering's next day, once this day's programme is over

    def state_of(self, item: AgendaItem) -> str:
        """'now', 'next', 'past' or '' for an item of the shown day."""
        if item is self.current:
            return "now"
        if item is self.upcoming:
            return "next"
        return "past" if item.end_dt <= self.now else ""


def screen(gathering: Gathering, asked: date | None, now: datetime) -> Screen:
    """The day to show (the one asked for, else today on the gathering's days, else its
    first day) and, on the gathering's day itself, the items on now and next."""
    days = gathering.days
    today = now.date()
    day = asked if asked in days else (today if today in days else gathering.starts_on)
    items = [i for i in gathering.items if i.day == day]
    if today < gathering.starts_on:
        return Screen(day, items, now, Moment.BEFORE)
    if today > gathering.ends_on:
        return Screen(day, items, now, Moment.OVER)
    if day != today:
        return Screen(day, items, now, Moment.OTHER_DAY)
    current = next((i for i in items if i.start_dt <= now < i.end_dt), None)
    upcoming = next((i for i in items if i.start_dt > now and i is not current), None)
    if items and now < items[0].start_dt:
        moment = Moment.NOT_STARTED
    elif current is None and upcoming is None:
        moment = Moment.DAY_OVER
    else:
        moment = Moment.RUNNING
    later = [d for d in days if d > day]
    return Screen(
        day,
        items,
        now,
        moment,
        current,
        upcoming,
        later[0] if later and moment is Moment.DAY_OVER else None,
    )
