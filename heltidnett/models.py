"""Every model of every domain, imported so that migrations and tests see them all."""

from heltidnett.audit.models import AuditEvent
from heltidnett.auth.models import (
    ApiToken,
    ExternalIdentity,
    PasswordLink,
    User,
    UserSession,
    WorkLoginDomain,
)
from heltidnett.cases import models as cases_models
from heltidnett.comments import models as comments_models
from heltidnett.commitments import models as commitments_models
from heltidnett.declarations import models as declarations_models
from heltidnett.files.models import StoredFile
from heltidnett.gatherings import models as gatherings_models
from heltidnett.goals import models as goals_models
from heltidnett.meetings import models as meetings_models
from heltidnett.municipalities.models import Municipality, Unit
from heltidnett.networks.models import Enrolment, Invitation, Membership, Network, Participation
from heltidnett.notifications import models as notifications_models
from heltidnett.polls import models as polls_models
from heltidnett.staffing import models as staffing_models
from heltidnett.stories import models as stories_models
from heltidnett.workbooks import models as workbooks_models

__all__ = [
    "ApiToken",
    "AuditEvent",
    "Enrolment",
    "ExternalIdentity",
    "Invitation",
    "Membership",
    "Municipality",
    "Network",
    "Participation",
    "PasswordLink",
    "StoredFile",
    "Unit",
    "User",
    "UserSession",
    "WorkLoginDomain",
    "cases_models",
    "comments_models",
    "commitments_models",
    "declarations_models",
    "gatherings_models",
    "goals_models",
    "meetings_models",
    "notifications_models",
    "polls_models",
    "staffing_models",
    "stories_models",
    "workbooks_models",
]
