"""Every API blueprint, in the order they appear in the OpenAPI document."""

from __future__ import annotations

from flask_smorest import Blueprint


def BLUEPRINTS() -> list[Blueprint]:
    """The API blueprints of every domain (imported late to avoid import cycles)."""
    from heltidnett.auth.api import blp as auth_api
    from heltidnett.comments.api import blp as comments_api
    from heltidnett.commitments.api import blp as commitments_api
    from heltidnett.declarations.api import blp as declarations_api
    from heltidnett.gatherings.api import blp as gatherings_api
    from heltidnett.goals.api import blp as goals_api
    from heltidnett.meetings.api import blp as meetings_api
    from heltidnett.municipalities.api import blp as municipalities_api
    from heltidnett.networks.api import blp as networks_api
    from heltidnett.polls.api import blp as polls_api
    from heltidnett.staffing.api import blp as staffing_api
    from heltidnett.stories.api import blp as stories_api
    from heltidnett.workbooks.api import blp as workbooks_api

    return [
        auth_api,
        networks_api,
        municipalities_api,
        staffing_api,
        gatherings_api,
        polls_api,
        workbooks_api,
        declarations_api,
        stories_api,
        commitments_api,
        comments_api,
        goals_api,
        meetings_api,
    ]
