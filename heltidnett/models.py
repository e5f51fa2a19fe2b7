"""Every model of every domain, imported so that migrations and tests see them all."""

from heltidnett.audit.models import AuditEvent
from heltidnett.auth.models import ApiToken, PasswordLink, User
from heltidnett.declarations import models as declarations_models  # noqa: F401
from heltidnett.files.models import StoredFile
from heltidnett.gatherings.models import AgendaItem, Gathering, Material, Method, Registration
from heltidnett.municipalities.models import Municipality, Unit
from heltidnett.networks.models import Membership, Network, Participation

__all__ = [
    "AgendaItem",
    "ApiToken",
    "AuditEvent",
    "Gathering",
    "Material",
    "Membership",
    "Method",
    "Municipality",
    "Network",
    "Participation",
    "PasswordLink",
    "Registration",
    "StoredFile",
    "Unit",
    "User",
]
