"""Uploads that are too large are a form error, not a bare 413 page.

A request may be as large as `MAX_CONTENT_LENGTH` (the hard limit, well above any file a form
takes), so a form with a too-large file is still read: its text fields come through and the
form is shown again with what was typed and the error on the file field (`core.forms.FileField`
checks each file against its own limit). Each uploaded file is kept on disk only up to
`UPLOAD_FILE_CAP` + 1 bytes (the rest is read and dropped), so a large file costs no more
memory or disk than the largest one any form accepts; Werkzeug keeps what is kept in memory up
to 500 KB and in a temporary file above.
"""

from __future__ import annotations

import tempfile
from typing import IO, Any

from flask import Request, current_app, has_app_context

SPOOL_IN_MEMORY = 500 * 1024  # as Werkzeug's default stream factory


class CappedFile(tempfile.SpooledTemporaryFile[bytes]):
    """A spooled temporary file that keeps at most `cap` + 1 bytes of what is written to it:
    enough for a size check to see that the file was larger than `cap`."""

    def __init__(self, cap: int) -> None:
        super().__init__(max_size=SPOOL_IN_MEMORY, mode="w+b")
        self.room = cap + 1
        self.received = 0  # bytes sent, kept or not

    def write(self, data: Any) -> int:
        size = len(data)
        self.received += size
        kept = data[: max(self.room, 0)]
        if kept:
            self.room -= len(kept)
            super().write(kept)
        return size


class UploadRequest(Request):
    """The app's request: each uploaded file is kept only up to the largest size any form takes."""

    def _get_file_stream(
        self,
        total_content_length: int | None,
        content_type: str | None,
        filename: str | None = None,
        content_length: int | None = None,
    ) -> IO[bytes]:
        return CappedFile(int(current_app.config["UPLOAD_FILE_CAP"]))


def file_size(upload: Any) -> int:
    """The size of an uploaded file (a FileStorage), at most the cap + 1; read position kept."""
    stream = upload.stream
    if isinstance(stream, CappedFile):
        return stream.received
    position = stream.tell()
    stream.seek(0, 2)
    size = int(stream.tell())
    stream.seek(position)
    return size


def upload_limit(max_bytes: int) -> int:
    """A field's limit as the server can honour it: no larger than the part of each file it
    keeps (`UPLOAD_FILE_CAP`) nor a whole request (`MAX_CONTENT_LENGTH`)."""
    if not has_app_context():
        return max_bytes
    config = current_app.config
    caps = [config.get("UPLOAD_FILE_CAP"), config.get("MAX_CONTENT_LENGTH")]
    return min([max_bytes, *(int(cap) for cap in caps if cap)])
