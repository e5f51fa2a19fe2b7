"""Every model of every domain, imported so that migrations and tests see them all."""

from heltidnett.audit.models import AuditEvent
from heltidnett.auth.models import ApiToken, PasswordLink, User
from heltidnett.files.models import StoredFile
from heltidnett.gatherings.models import Gathering
from heltidnett.municipalities.models import Municipality, Unit
from heltidnett.networks.models import Membership, Network, Participation
from heltidnett.workbooks.models import (
    Chapter,
    ChapterDelivery,
    ChapterPrompt,
    WorkbookAnswer,
    WorkbookAnswerVersion,
)

__all__ = [
    "ApiToken",
    "AuditEvent",
    "Chapter",
    "ChapterDelivery",
    "ChapterPrompt",
    "Gathering",
    "Membership",
    "Municipality",
    "Network",
    "Participation",
    "PasswordLink",
    "StoredFile",
    "Unit",
    "User",
    "WorkbookAnswer",
    "WorkbookAnswerVersion",
]
