"""A spreadsheet upload on its way to a pending import, the same from the page and the API."""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

from heltidnett.files.services import MB, check_upload
from heltidnett.staffing import services

if TYPE_CHECKING:
    from heltidnett.auth.models import User
    from heltidnett.db import DbSession
    from heltidnett.municipalities.models import Municipality
    from heltidnett.staffing.models import PendingImport

MAX_UPLOAD = 20 * MB


def receive(
    session: DbSession, actor: User, municipality: Municipality, stream: IO[bytes], filename: str
) -> PendingImport:
    """Check an uploaded file (size, type by content) and keep it parsed for the preview."""
    checked = check_upload(stream, filename, set(services.SPREADSHEET_TYPES), MAX_UPLOAD)
    return services.start_import(
        session, actor, municipality, checked.filename, checked.content_type, checked.data
    )


def discard(session: DbSession, pending: PendingImport) -> None:
    """Forget a pending import: cancelled, or checked (and saved) within one API call."""
    session.delete(pending)
