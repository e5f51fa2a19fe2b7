"""What each kind of notification says, in the reader's language, and its label."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from heltidnett.core.i18n import format_date
from heltidnett.notifications.models import Channel, Kind

KIND_LABELS = {
    Kind.CHAPTER_OPENS: _l("Et kapittel åpner"),
    Kind.CHAPTER_DUE: _l("Fristen for et kapittel nærmer seg"),
    Kind.FEEDBACK: _l("Tilbakemelding på et kapittel"),
    Kind.PROGRAMME_PUBLISHED: _l("Programmet for en samling er publisert"),
    Kind.PROGRAMME_CHANGED: _l("Programmet for en samling er endret"),
    Kind.REGISTRATION_DEADLINE: _l("Påmeldingsfristen til en samling nærmer seg"),
    Kind.STORY_IDEA: _l("Ny idé eller nytt spørsmål på fortellingen din"),
    Kind.COMMITMENT_PASSED: _l("En forpliktelse har passert fristen"),
    Kind.ACTION_PASSED: _l("Et tiltak har passert fristen"),
    Kind.DECLARATION_STEP: _l("Heltidserklæringen venter på ditt steg"),
    Kind.REPORT_READY: _l("En rapport er klar"),
}

CHANNEL_LABELS = {
    Channel.IMMEDIATE: _l("E-post med en gang"),
    Channel.DIGEST: _l("Daglig samle-e-post"),
    Channel.NEVER: _l("Aldri e-post"),
}

# Kinds a facilitator turns on or off per network, and those sent some days ahead.
NETWORK_KINDS = (
    Kind.CHAPTER_OPENS,
    Kind.CHAPTER_DUE,
    Kind.FEEDBACK,
    Kind.PROGRAMME_PUBLISHED,
    Kind.PROGRAMME_CHANGED,
    Kind.REGISTRATION_DEADLINE,
    Kind.STORY_IDEA,
    Kind.COMMITMENT_PASSED,
)
DEFAULT_DAYS = {Kind.CHAPTER_DUE: [7, 1], Kind.REGISTRATION_DEADLINE: [3]}


def _date(value: Any) -> str:
    return format_date(date.fromisoformat(value)) if value else ""


def text(kind: Kind, params: dict[str, Any]) -> str:
    """The notification's sentence, in the current language (force_locale for e-mail)."""
    p = params
    if kind is Kind.CHAPTER_OPENS:
        if p.get("due"):
            return _(
                "Kapittel %(number)s «%(title)s» er åpnet. Frist: %(due)s.",
                number=p["number"],
                title=p["title"],
                due=_date(p["due"]),
            )
        return _("Kapittel %(number)s «%(title)s» er åpnet.", number=p["number"], title=p["title"])
    if kind is Kind.CHAPTER_DUE:
        if p.get("days") == 1:
            return _(
                "Kapittel %(number)s «%(title)s» har frist i morgen, %(due)s.",
                number=p["number"],
                title=p["title"],
                due=_date(p["due"]),
            )
        return _(
            "Kapittel %(number)s «%(title)s» har frist om %(days)s dager, %(due)s.",
            number=p["number"],
            title=p["title"],
            days=p["days"],
            due=_date(p["due"]),
        )
    if kind is Kind.FEEDBACK:
        return _(
            "%(municipality)s har fått tilbakemelding på kapittel %(number)s «%(title)s».",
            municipality=p["municipality"],
            number=p["number"],
            title=p["title"],
        )
    if kind in (Kind.PROGRAMME_PUBLISHED, Kind.PROGRAMME_CHANGED):
        when = _date(p["starts"])
        if p.get("ends") and p["ends"] != p["starts"]:
            when = _("%(start)s til %(end)s", start=when, end=_date(p["ends"]))
        where = (", " + p["place"]) if p.get("place") else ""
        if kind is Kind.PROGRAMME_PUBLISHED:
            return _(
                "Programmet for «%(title)s» (%(when)s%(where)s) er publisert.",
                title=p["title"],
                when=when,
                where=where,
            )
        return _(
            "Programmet for «%(title)s» (%(when)s%(where)s) er endret.",
            title=p["title"],
            when=when,
            where=where,
        )
    if kind is Kind.REGISTRATION_DEADLINE:
        return _(
            "Påmeldingsfristen til «%(title)s» er %(due)s. Du er ikke påmeldt ennå.",
            title=p["title"],
            due=_date(p["due"]),
        )
    if kind is Kind.STORY_IDEA:
        if p.get("question"):
            return _("Nytt spørsmål til fortellingen «%(title)s».", title=p["title"])
        return _("Ny idé til fortellingen «%(title)s».", title=p["title"])
    if kind is Kind.COMMITMENT_PASSED:
        return _(
            "Forpliktelsen «%(text)s» hadde frist %(due)s og er ikke fulgt opp.",
            text=p["text"],
            due=_date(p["due"]),
        )
    if kind is Kind.ACTION_PASSED:
        return _(
            "Tiltaket «%(title)s» hadde frist %(due)s og er ikke fullført.",
            title=p["title"],
            due=_date(p["due"]),
        )
    if kind is Kind.DECLARATION_STEP:
        return _(
            "Heltidserklæringen for %(municipality)s, versjon %(number)s, venter på neste steg.",
            municipality=p["municipality"],
            number=p["number"],
        )
    return _("Rapporten «%(title)s» er klar.", title=p.get("title", ""))
