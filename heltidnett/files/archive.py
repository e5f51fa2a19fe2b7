"""Zip archives (Office Open XML, OpenDocument) checked by what they really hold.

Sizes are counted while inflating, never taken from the archive's own directory (which a
hostile file fills in as it likes), and macros are found by content type and relationship,
not by a part's name. Pure Python without Flask: the spreadsheet child process uses it too.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass

MB = 1024 * 1024
CHUNK = 1 * MB
LOCAL_HEADER = struct.Struct("<4s5H3L2H")
PROLOG_BYTES = 4096  # a DOCTYPE must come before the root element
SMALL_PART = 2 * MB  # [Content_Types].xml, relationships, manifests: read whole up to this

MACRO_CONTENT_TYPES = re.compile(
    rb"vbaProject|vbaData|macroEnabled|activeX|oleObject|ms-office\.vba|keyMapCustomizations",
    re.IGNORECASE,
)
MACRO_RELATIONSHIPS = re.compile(
    rb"vbaProject|wordVbaData|activeX|oleObject|keyMapCustomizations|attachedToolbars",
    re.IGNORECASE,
)
DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
CONTENT_TYPE = re.compile(rb'ContentType\s*=\s*["\']([^"\']*)["\']')
OVERRIDE = re.compile(rb"<(?:\w+:)?Override\b([^>]*)>")
RELATIONSHIP_TYPE = re.compile(rb'Type\s*=\s*["\']([^"\']*)["\']')
OOXML = "application/vnd.openxmlformats-officedocument."
MAIN_PARTS = {  # content type of a package's main part -> the file's type
    OOXML + "wordprocessingml.document.main+xml": OOXML + "wordprocessingml.document",
    OOXML + "presentationml.presentation.main+xml": OOXML + "presentationml.presentation",
    OOXML + "spreadsheetml.sheet.main+xml": OOXML + "spreadsheetml.sheet",
}
ODF_MACRO_DIRS = ("basic/", "scripts/")


class ZipRefused(ValueError):
    """The archive is refused; `reason` says why: damaged, too_large, macros or dtd."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ZipLimits:
    """How much an archive may hold when inflated."""

    max_unzipped: int = 200 * MB
    max_entries: int = 2000
    max_ratio: int = 200  # inflated bytes per byte of the archive, above the first MB


def open_archive(data: bytes) -> zipfile.ZipFile:
    """The archive, or ZipRefused("damaged")."""
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except Exception as error:  # BadZipFile, and NotImplementedError for a "version 6.4" zip
        raise ZipRefused("damaged") from error


def inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> Iterator[bytes]:
    """The member's bytes in chunks, inflated from its raw data whatever sizes it declares;
    ZipRefused("too_large") as soon as more than `budget` bytes come out."""
    if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise ZipRefused("damaged")  # encrypted, or a method Office files never use
    raw = _raw_reader(archive, info)
    if info.compress_type == zipfile.ZIP_STORED:
        produced = 0
        while chunk := raw(CHUNK):
            produced += len(chunk)
            if produced > budget:
                raise ZipRefused("too_large")
            yield chunk
        return
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    produced = 0
    pending = b""
    while True:
        if not pending:
            pending = raw(CHUNK)
            if not pending:
                break
        try:
            out = inflater.decompress(pending, CHUNK)
        except zlib.error as error:
            raise ZipRefused("damaged") from error
        pending = inflater.unconsumed_tail
        produced += len(out)
        if produced > budget:
            raise ZipRefused("too_large")
        if out:
            yield out
        if inflater.eof:
            break
    if not inflater.eof:
        raise ZipRefused("damaged")  # the stream stops before its end: a truncated file


def _raw_reader(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Callable[[int], bytes]:
    """A reader of the member's compressed bytes (at most its compressed size); a member
    whose header or offsets point nowhere is damaged."""
    fp = archive.fp
    if fp is None or info.header_offset < 0 or info.compress_size < 0:
        raise ZipRefused("damaged")
    try:
        fp.seek(info.header_offset)
        header = fp.read(LOCAL_HEADER.size)
        if len(header) != LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
            raise ZipRefused("damaged")
        fields = LOCAL_HEADER.unpack(header)
        fp.seek(info.header_offset + LOCAL_HEADER.size + fields[9] + fields[10])
    except (OSError, ValueError, struct.error) as error:
        raise ZipRefused("damaged") from error
    left = info.compress_size

    def read(size: int) -> bytes:
        nonlocal left
        chunk = fp.read(min(size, left))
        left -= len(chunk)
        return chunk

    return read


def read_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int = SMALL_PART) -> bytes:
    """A small member whole, refused above `budget` inflated bytes."""
    return b"".join(inflate(archive, info, budget))


def check_zip(
    data: bytes,
    limits: ZipLimits = ZipLimits(),
    on_member: Callable[[zipfile.ZipInfo, Iterator[bytes]], None] | None = None,
) -> zipfile.ZipFile:
    """Inflate every member once, counting what really comes out; refuse bombs (total size,
    entries, ratio), damaged members, XML with a DTD and macro content. `on_member` may take
    a member's chunks instead (the sheet scanner); it must read them to the end."""
    archive = open_archive(data)
    infos = archive.infolist()
    if len(infos) > limits.max_entries:
        raise ZipRefused("too_large")
    allowed = min(limits.max_unzipped, max(MB, limits.max_ratio * len(data)))
    total = 0
    for info in infos:
        if not info.filename:
            raise ZipRefused("damaged")  # a member without a name (zipfile's is_dir() fails)
        if info.is_dir():
            continue
        xml = info.filename.lower().endswith((".xml", ".rels"))
        chunks = _Counted(inflate(archive, info, allowed - total), xml)
        if on_member is not None:
            on_member(info, chunks)
        for _chunk in chunks:
            pass
        total += chunks.produced
    refuse_macros(archive)
    return archive


class _Counted:
    """An iterator of chunks that counts their bytes and refuses a DTD in an XML prolog."""

    def __init__(self, chunks: Iterator[bytes], xml: bool) -> None:
        self.chunks = chunks
        self.xml = xml
        self.produced = 0
        self.prolog = b""

    def __iter__(self) -> _Counted:
        return self

    def __next__(self) -> bytes:
        chunk = next(self.chunks)
        if self.xml and len(self.prolog) < PROLOG_BYTES:
            self.prolog += chunk[:PROLOG_BYTES]
            if DTD.search(self.prolog):
                raise ZipRefused("dtd")
        self.produced += len(chunk)
        return chunk


def refuse_macros(archive: zipfile.ZipFile) -> None:
    """Refuse macro, ActiveX and OLE content, found by the package's declared content types
    and relationships (OOXML) or its manifest and folders (OpenDocument)."""
    for info in archive.infolist():
        name = info.filename.lower()
        if name.endswith("vbaproject.bin") or name.startswith(ODF_MACRO_DIRS):
            raise ZipRefused("macros")
        if name == "[content_types].xml":
            types = CONTENT_TYPE.findall(read_part(archive, info))
            if any(MACRO_CONTENT_TYPES.search(t) for t in types):
                raise ZipRefused("macros")
        elif name.endswith(".rels"):
            kinds = RELATIONSHIP_TYPE.findall(read_part(archive, info))
            if any(MACRO_RELATIONSHIPS.search(k) for k in kinds):
                raise ZipRefused("macros")
        elif name == "meta-inf/manifest.xml":
            manifest = read_part(archive, info).lower()
            if b'full-path="basic/' in manifest or b'full-path="scripts/' in manifest:
                raise ZipRefused("macros")


def main_type(archive: zipfile.ZipFile) -> str | None:
    """An Office Open XML file's type by its main part's declared content type."""
    try:
        info = archive.getinfo("[Content_Types].xml")
    except KeyError:
        return None
    declared = (CONTENT_TYPE.search(a) for a in OVERRIDE.findall(read_part(archive, info)))
    names = {m.group(1).decode("ascii", "replace") for m in declared if m}
    found = {MAIN_PARTS[n] for n in names if n in MAIN_PARTS}
    return found.pop() if len(found) == 1 else None
