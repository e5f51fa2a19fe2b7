"""Every model of every domain, imported so that migrations and tests see them all."""

from heltidnett.audit.models import AuditEvent
from heltidnett.auth.models import ApiToken, PasswordLink, User
from heltidnett.files.models import StoredFile
from heltidnett.gatherings.models import Gathering
from heltidnett.municipalities.models import Municipality, Unit
from heltidnett.networks.models import Membership, Network, Participation
from heltidnett.staffing.models import ImportMapping, Measurement, PendingImport

__all__ = [
    "ApiToken",
    "AuditEvent",
    "Gathering",
    "ImportMapping",
    "Measurement",
    "Membership",
    "Municipality",
    "Network",
    "Participation",
    "PasswordLink",
    "PendingImport",
    "StoredFile",
    "Unit",
    "User",
]
