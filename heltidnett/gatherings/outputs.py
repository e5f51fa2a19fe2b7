"""The programme as PDF and the gathering as an iCalendar file."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from flask import render_template
from flask_babel import gettext as _

from heltidnett.gatherings.models import Gathering
from heltidnett.reports.pdf import render_pdf

OSLO = ZoneInfo("Europe/Oslo")
PROGRAM_CSS = Path(__file__).resolve().parent / "program.css"


def program_pdf(gathering: Gathering, language: str = "nb") -> bytes:
    """The programme as an A4 PDF, set like the printed programmes of the seeds."""
    html = render_template("gatherings/program_pdf.html", gathering=gathering, language=language)
    return render_pdf(
        html, PROGRAM_CSS.read_text(encoding="utf-8"), title=gathering.title, language=language
    )


def _local(day_time: datetime) -> datetime:
    return day_time.replace(tzinfo=OSLO)


def program_ics(gathering: Gathering, host: str = "heltidnett") -> bytes:
    """One calendar event per day of the gathering, from the first item to the last."""
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", "-//heltidnett//samlinger//NO")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", gathering.title)
    for index, day in enumerate(gathering.days, start=1):
        items = [i for i in gathering.items if i.day == day]
        event = Event()
        event.add("uid", f"gathering-{gathering.id}-day-{index}@{host}")
        event.add("summary", _("%(title)s, dag %(n)d", title=gathering.title, n=index))
        if items:
            event.add("dtstart", _local(min(i.start_dt for i in items)))
            event.add("dtend", _local(max(i.end_dt for i in items)))
        else:
            event.add("dtstart", day)
        if gathering.place:
            event.add("location", gathering.place)
        lines = [
            f"{i.starts_at:%H.%M} {i.title}" + (f" ({i.speaker})" if i.speaker else "")
            for i in items
        ]
        if gathering.changes_reserved:
            lines.append(_("Med forbehold om endringer"))
        event.add("description", "\n".join(lines))
        event.add("dtstamp", gathering.updated_at or datetime.now(OSLO))
        calendar.add_component(event)
    calendar.add_missing_timezones()  # a VTIMEZONE for Europe/Oslo, for strict importers
    return calendar.to_ical()
