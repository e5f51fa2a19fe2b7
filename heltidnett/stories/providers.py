"""The gallery on a network's page; ideas and questions waiting on the home page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask import url_for
from flask_babel import gettext as _

from heltidnett.core import waiting
from heltidnett.core.shortcuts import Shortcut
from heltidnett.db import DbSession
from heltidnett.networks.models import NetworkRole
from heltidnett.stories import services

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer
    from heltidnett.registries import Registries


def register(registries: Registries) -> None:
    """Plug the gallery into the network's page."""
    registries.network_shortcuts.register(network_links)
    registries.waiting.register(waiting_ideas)


def network_links(network: Any, user: Viewer) -> list[Shortcut]:
    """The network page's shortcut to the gallery."""
    return [
        Shortcut(
            _("Galleri: GJORT-LÆRT-LURT"),
            url_for("stories.gallery", network_id=network.id),
            _("Kommunenes fortellinger, med innspill fra de andre."),
            order=40,
        )
    ]


IDEA_FRESH_DAYS = 60  # an idea not taken home waits on the home page this many days


def waiting_ideas(session: DbSession, scope: waiting.Scope) -> list[waiting.WaitingItem]:
    """Questions not answered yet, and ideas of the last two months not taken home, on the
    published stories of the municipalities the person coordinates."""
    places = scope.places(NetworkRole.COORDINATOR)
    if not places:
        return []
    items: list[waiting.WaitingItem] = []
    for idea in services.open_ideas(session, places):
        story = idea.story
        age = (scope.today - idea.created_at.date()).days
        if not idea.is_question and age > IDEA_FRESH_DAYS:
            continue  # an idea left at home is not chased for ever (there is no "no" to it)
        source = (
            idea.author_municipality.name
            if idea.author_municipality
            else (idea.author.name if idea.author else "")
        )
        if idea.is_question:
            title = _("Svar på spørsmålet om «%(title)s»", title=story.title)
        else:
            title = _("Ta stilling til ideen til «%(title)s»", title=story.title)
        items.append(
            waiting.WaitingItem(
                kind="question" if idea.is_question else "idea",
                network_id=story.network_id,
                title=title,
                url=url_for("stories.show", story_id=story.id, _anchor=f"innspill-{idea.id}"),
                on=idea.created_at.date(),
                date_label=_("Stilt") if idea.is_question else _("Gitt"),
                detail=_("Fra %(source)s", source=source) if source else "",
            )
        )
    return items
