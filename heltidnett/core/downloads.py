"""Every file the app sends: one response shape for PDFs, spreadsheets, calendars and uploads."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import quote

from flask import Response


def download(
    body: bytes,
    mimetype: str,
    filename: str,
    *,
    inline: bool = False,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """The bytes as a private, uncached file under its name (RFC 6266, UTF-8)."""
    response = Response(body, mimetype=mimetype)
    disposition = "inline" if inline else "attachment"
    response.headers["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(filename)}"
    response.headers["Cache-Control"] = "private, no-store"
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response
