"""Every model of every domain, imported so that migrations and tests see them all."""

from heltidnett.audit.models import AuditEvent
from heltidnett.auth.models import ApiToken, PasswordLink, User
from heltidnett.commitments.models import (
    AssessmentItem,
    Commitment,
    FacilitatorMilestone,
    MilestoneTick,
)
from heltidnett.files.models import StoredFile
from heltidnett.gatherings.models import Gathering
from heltidnett.municipalities.models import Municipality, Unit
from heltidnett.networks.models import Membership, Network, Participation
from heltidnett.stories.models import Idea, Story, StoryTheme

__all__ = [
    "ApiToken",
    "AssessmentItem",
    "AuditEvent",
    "Commitment",
    "FacilitatorMilestone",
    "Gathering",
    "Idea",
    "Membership",
    "MilestoneTick",
    "Municipality",
    "Network",
    "Participation",
    "PasswordLink",
    "StoredFile",
    "Story",
    "StoryTheme",
    "Unit",
    "User",
]
