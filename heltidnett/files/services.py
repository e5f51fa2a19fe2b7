"""Checking uploads by their content (not their name) and storing them."""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

from flask import Response
from flask_babel import gettext as _

from heltidnett.core.errors import ServiceError
from heltidnett.core.uploads import CappedFile, upload_limit
from heltidnett.db import DbSession
from heltidnett.files import archive, text
from heltidnett.files.archive import ZipLimits, ZipRefused
from heltidnett.files.models import StoredFile

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer


MB = 1024 * 1024
OOXML_PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
MAX_IMAGE_PIXELS = 40_000_000  # e.g. 8000 × 5000; larger images are refused

IMAGE_TYPES = {"image/png", "image/jpeg", "image/webp", "image/gif"}
DOCUMENT_TYPES = {
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.presentation",
    "application/vnd.oasis.opendocument.spreadsheet",
    "text/plain",
    "text/csv",
}
TYPE_NAMES = {
    "image/png": "PNG",
    "image/jpeg": "JPEG",
    "image/webp": "WebP",
    "image/gif": "GIF",
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word (.docx)",
    OOXML_PPTX: "PowerPoint (.pptx)",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel (.xlsx)",
    "application/vnd.oasis.opendocument.text": "ODT",
    "application/vnd.oasis.opendocument.presentation": "ODP",
    "application/vnd.oasis.opendocument.spreadsheet": "ODS",
    "text/plain": "tekst",
    "text/csv": "CSV",
    "application/vnd.ms-excel": "Excel 97-2003 (.xls)",
}
MAX_UNZIPPED = 400 * MB  # counted while inflating (archive.py), as the imports allow
EXTENSIONS = {  # the names a type may keep; any other name gets the first
    "image/png": ("png",),
    "image/jpeg": ("jpg", "jpeg", "jpe"),
    "image/webp": ("webp",),
    "image/gif": ("gif",),
    "application/pdf": ("pdf",),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("docx",),
    OOXML_PPTX: ("pptx",),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ("xlsx",),
    "application/vnd.oasis.opendocument.text": ("odt",),
    "application/vnd.oasis.opendocument.presentation": ("odp",),
    "application/vnd.oasis.opendocument.spreadsheet": ("ods",),
    "text/plain": ("txt", "csv", "tsv", "text"),
    "text/csv": ("csv", "txt"),
    "application/vnd.ms-excel": ("xls",),
}
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
XLS = "application/vnd.ms-excel"


def sniff(data: bytes) -> str | None:
    """The content type by the file's own bytes, or None when it is none we know."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            return _sniff_zip(data)
        except ZipRefused:
            return None
    if data.startswith(OLE2_MAGIC):
        return _sniff_ole2(data)
    return "text/plain" if text.looks_like_text(data) else None


def _sniff_zip(data: bytes) -> str | None:
    """Office Open XML and OpenDocument files are zips: inflated once, counting what comes out
    (ZipRefused for bombs, damage, DTDs and macros); the type by declared content, not names."""
    zipped = archive.check_zip(data, ZipLimits(max_unzipped=MAX_UNZIPPED))
    if "mimetype" in zipped.namelist():
        raw = archive.read_part(zipped, zipped.getinfo("mimetype"), 256)
        mimetype = raw.decode("ascii", "replace").strip()
        return mimetype if mimetype in DOCUMENT_TYPES else None
    return archive.main_type(zipped)


def _sniff_ole2(data: bytes) -> str | None:
    """Old Excel (.xls) workbooks; refuse those carrying a VBA macro project."""
    if "_VBA_PROJECT".encode("utf-16-le") in data or b"_VBA_PROJECT" in data:
        return None
    return (
        XLS
        if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data
        else None
    )


def zip_refusal(error: ZipRefused) -> str:
    """Why an archive is refused, for the user."""
    if error.reason == "too_large":
        return _("Filen er for stor når den pakkes ut, og blir ikke tatt imot.")
    if error.reason == "macros":
        return _(
            "Filer med makroer, ActiveX-kontroller eller innebygde objekter kan ikke lastes opp."
            " Lagre filen uten dem (for eksempel som .xlsx eller .docx)."
        )
    if error.reason == "dtd":
        return _("Filen inneholder XML-definisjoner (DTD) og blir ikke tatt imot.")
    return _("Filen er skadet og kan ikke leses.")


def filename_for(name: str, content_type: str) -> str:
    """A safe name whose extension matches the type found in the bytes: a PNG named
    bilde.html is served as bilde.png."""
    name = safe_filename(name)
    allowed = EXTENSIONS.get(content_type)
    stem, dot, extension = name.rpartition(".")
    if not allowed or (dot and extension.lower() in allowed):
        return name
    return f"{stem if dot and stem else name}.{allowed[0]}"


def safe_filename(name: str) -> str:
    """A file name safe to show and to send back: no paths, no control characters."""
    name = unicodedata.normalize("NFC", name or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = re.sub(r"[\x00-\x1f\x7f\"<>|:*?]", "", name).strip(" .")
    return name[:200] or "fil"


@dataclass
class CheckedFile:
    filename: str
    content_type: str
    data: bytes
    width: int | None = None
    height: int | None = None


def check_upload(
    stream: IO[bytes], filename: str, allowed: set[str], max_bytes: int = 10 * MB
) -> CheckedFile:
    """Read and check an upload: size, type by content, and for images their pixel count."""
    max_bytes = upload_limit(max_bytes)
    data = stream.read(max_bytes + 1)
    sent = stream.received if isinstance(stream, CappedFile) else len(data)  # kept or not
    if max(len(data), sent) > max_bytes:
        raise ServiceError(
            _("Filen er for stor. Største tillatte størrelse er %(mb)d MB.", mb=max_bytes // MB)
        )
    if not data:
        raise ServiceError(_("Filen er tom."))
    try:
        content_type = _sniff_zip(data) if data.startswith(b"PK\x03\x04") else sniff(data)
    except ZipRefused as error:
        raise ServiceError(zip_refusal(error)) from None
    if content_type not in allowed:
        names = ", ".join(sorted({TYPE_NAMES.get(t, t) for t in allowed}))
        raise ServiceError(
            _("Denne filtypen kan ikke lastes opp her. Tillatt: %(types)s.", types=names)
        )
    width = height = None
    if content_type in IMAGE_TYPES:
        width, height = _check_image(data)
    return CheckedFile(filename_for(filename, content_type), content_type, data, width, height)


def _check_image(data: bytes) -> tuple[int, int]:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise ServiceError(
                    _(
                        "Bildet er for stort (%(w)d × %(h)d piksler). "
                        "Største tillatte er %(mp)d megapiksler.",
                        w=width,
                        h=height,
                        mp=MAX_IMAGE_PIXELS // 1_000_000,
                    )
                )
            image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as error:
        raise ServiceError(_("Filen er ikke et gyldig bilde.")) from error
    return width, height


def store(session: DbSession, checked: CheckedFile, user: Viewer = None) -> StoredFile:
    """Save a checked file."""
    stored = StoredFile(
        filename=checked.filename,
        content_type=checked.content_type,
        size=len(checked.data),
        sha256=hashlib.sha256(checked.data).hexdigest(),
        width=checked.width,
        height=checked.height,
        uploaded_by_id=getattr(user, "id", None),
        data=checked.data,
    )
    session.add(stored)
    session.flush()
    return stored


def send(stored: StoredFile, *, inline: bool = False) -> Response:
    """A response with the file's bytes; the caller has checked access."""
    from heltidnett.core.downloads import download

    return download(
        stored.data,
        stored.content_type,
        filename_for(stored.filename, stored.content_type),
        inline=inline and stored.content_type in IMAGE_TYPES | {"application/pdf"},
        headers={
            "Content-Length": str(stored.size),
            "Content-Security-Policy": "default-src 'none'; sandbox",
        },
    )
