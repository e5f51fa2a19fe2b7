"""Hostile files: crafted spreadsheets, archives and disguised files that every upload path
must refuse (or, where a path stores documents, store safely), made in memory.

`python tests/hostile/corpus.py DIR` writes them to DIR to try them by hand; the tests build
them afresh (nothing large is kept in the repository). Each file is small on disk, and the
bombs are small in the upload: their harm is in what a reader makes of them.
"""

from __future__ import annotations

import io
import struct
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

MB = 1024 * 1024
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
SHEET_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
PROLOG = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)
EXTERNAL = '<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def text(ref: str, value: str) -> str:
    """An inline-string cell."""
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'


def number(ref: str, value: float) -> str:
    return f'<c r="{ref}"><v>{value}</v></c>'


ROWS = (
    f'<row r="1">{text("A1", "unit")}{text("B1", "period")}{text("C1", "positions_planned")}</row>'
    f'<row r="2">{text("A2", "Elvebakken sykehjem")}{number("B2", 2018)}{number("C2", 12)}</row>'
)


# ---- a zip writer that may lie ---------------------------------------------------------


@dataclass
class Member:
    """A zip member: its name, its bytes, and optionally a size to declare instead of the
    real one (a lying archive), or the raw deflate stream to store (a bomb made in chunks)."""

    name: str
    data: bytes = b""
    declared: int | None = None
    deflated: bytes | None = None
    size: int | None = None  # the real inflated size, with `deflated`
    crc: int | None = None


def zip_bytes(members: list[Member]) -> bytes:
    """A zip archive (deflated members) written by hand, so sizes can lie."""
    out = io.BytesIO()
    central = []
    for m in members:
        raw = m.deflated if m.deflated is not None else _deflate(m.data)
        size = m.size if m.size is not None else len(m.data)
        crc = m.crc if m.crc is not None else zlib.crc32(m.data)
        declared = m.declared if m.declared is not None else size
        name = m.name.encode()
        offset = out.tell()
        out.write(
            struct.pack(
                "<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(raw), declared, len(name), 0
            )
        )
        out.write(name + raw)
        central.append(
            struct.pack(
                "<4s6H3L5H2L",
                b"PK\x01\x02",
                20,
                20,
                0,
                8,
                0,
                0,
                crc,
                len(raw),
                declared,
                len(name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + name
        )
    start = out.tell()
    for entry in central:
        out.write(entry)
    size = out.tell() - start
    out.write(
        struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(central), len(central), size, start, 0)
    )
    return out.getvalue()


def _deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def deflated_spaces(size: int) -> tuple[bytes, int]:
    """The raw deflate stream of `size` spaces (whole MB) and its CRC, made fast: after a full
    flush each MB compresses to the same block, so the block is repeated."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    chunk = b" " * MB
    block = packer.compress(chunk) + packer.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(size // MB):
        crc = zlib.crc32(chunk, crc)
    return block * (size // MB) + packer.flush(), crc


# ---- xlsx -----------------------------------------------------------------------------


def xlsx(
    body: str = ROWS,
    dimension: str = "A1:C2",
    sheet_prolog: str = "",
    types_prolog: str = "",
    workbook_type: str = SHEET_MAIN,
    types_extra: str = "",
    relations_extra: str = "",
    parts: tuple[Member, ...] = (),
) -> bytes:
    """A minimal xlsx (inline strings) whose every part can be made hostile."""
    types = (
        f"{PROLOG}{types_prolog}"
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{workbook_type}"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{WORKSHEET}"/>'
        f"{types_extra}</Types>"
    )
    root_rels = (
        f'{PROLOG}<Relationships xmlns="{PACKAGE_REL}"><Relationship Id="rId1" '
        f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    )
    workbook = (
        f'{PROLOG}<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
        '<sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    workbook_rels = (
        f'{PROLOG}<Relationships xmlns="{PACKAGE_REL}"><Relationship Id="rId1" '
        f'Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>{relations_extra}</Relationships>'
    )
    sheet = (
        f'{PROLOG}{sheet_prolog}<worksheet xmlns="{MAIN}" xmlns:r="{REL}">'
        f'<dimension ref="{dimension}"/><sheetData>{body}</sheetData></worksheet>'
    )
    return zip_bytes(
        [
            Member("[Content_Types].xml", types.encode()),
            Member("_rels/.rels", root_rels.encode()),
            Member("xl/workbook.xml", workbook.encode()),
            Member("xl/_rels/workbook.xml.rels", workbook_rels.encode()),
            Member("xl/worksheets/sheet1.xml", sheet.encode()),
            *parts,
        ]
    )


def _with_far_cell(ref: str, row: int) -> str:
    return ROWS + f'<row r="{row}">{number(ref, 1)}</row>'


def _area_bomb() -> str:
    """Rows 1..210,000, each with a cell in A and one in GR (column 200): few cells, but an
    area of 42 million that a reader allocates."""
    return "".join(
        f'<row r="{r}"><c r="A{r}"><v>1</v></c><c r="GR{r}"><v>1</v></c></row>'
        for r in range(1, 210_001)
    )


def _wide_header(columns: int) -> str:
    cells = "".join(text(f"{_column(c)}1", f"kolonne {c}") for c in range(1, columns + 1))
    return f'<row r="1">{cells}</row>'


def _column(number: int) -> str:
    name = ""
    while number:
        number, rest = divmod(number - 1, 26)
        name = chr(65 + rest) + name
    return name


def _lying_bomb() -> bytes:
    """The sheet declares 4 KB and inflates to 450 MB."""
    raw, crc = deflated_spaces(450 * MB)
    good = xlsx()
    lying = Member("xl/worksheets/sheet1.xml", deflated=raw, size=450 * MB, crc=crc, declared=4096)
    members = [m for m in _members_of(good) if m.name != "xl/worksheets/sheet1.xml"]
    return zip_bytes([*members, lying])


def _members_of(data: bytes) -> list[Member]:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [Member(i.filename, archive.read(i)) for i in archive.infolist()]


def _many_entries() -> bytes:
    return zip_bytes(
        [*_members_of(xlsx()), *(Member(f"xl/media/tom{i}.xml", b"") for i in range(3000))]
    )


def _version_64() -> bytes:
    """An xlsx whose members say they need zip version 6.4 to extract."""
    data = bytearray(xlsx())
    at = data.find(b"PK\x01\x02")
    while at != -1:
        data[at + 6 : at + 8] = struct.pack("<H", 64)
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)


def _offset_before_start() -> bytes:
    """An xlsx whose end record puts the directory 100,000 bytes further on: zipfile then
    places every member before the start of the file."""
    data = bytearray(xlsx())
    (offset,) = struct.unpack("<L", data[-6:-2])
    data[-6:-2] = struct.pack("<L", offset + 100_000)
    return bytes(data)


VBA = "application/vnd.ms-office.vbaProject"
VBA_RELATION = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
ACTIVEX = "application/vnd.ms-office.activeX+xml"
OLE = "application/vnd.openxmlformats-officedocument.oleObject"


# ---- ods, csv and others --------------------------------------------------------------


def ods(content_prolog: str = "", rows: str = "") -> bytes:
    """A minimal ods whose content.xml may be hostile."""
    content = (
        f"{PROLOG}{content_prolog}<office:document-content "
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="Ark1">{rows}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        f"{PROLOG}<manifest:manifest "
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    return zip_bytes(
        [
            Member("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
            Member("content.xml", content.encode()),
            Member("META-INF/manifest.xml", manifest.encode()),
        ]
    )


def _ods_cell(value: str) -> str:
    return (
        f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'
    )


ODS_REPEAT_BOMB = (
    f"<table:table-row>{_ods_cell('unit')}{_ods_cell('period')}</table:table-row>"
    '<table:table-row table:number-rows-repeated="1048575">'
    '<table:table-cell table:number-columns-repeated="16384" office:value-type="float" '
    'office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>'
)


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, "PNG")
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@dataclass(frozen=True)
class Hostile:
    """A corpus file: its upload name, how to make it, and what it is (for the report)."""

    name: str
    make: Callable[[], bytes]
    what: str
    image_or_document: bool = False  # a real image or document under a lying name


CORPUS: list[Hostile] = [
    Hostile(
        "dimension-declared.xlsx", lambda: xlsx(dimension="A1:XFD1048576"), "declares XFD1048576"
    ),
    Hostile(
        "dimension-actual-xfd.xlsx",
        lambda: xlsx(_with_far_cell("XFD1048576", 1048576)),
        "a cell at XFD1048576",
    ),
    Hostile(
        "dimension-actual-tall.xlsx",
        lambda: xlsx(_with_far_cell("A99999999999", 99999999999)),
        "a cell at A99999999999",
    ),
    Hostile(
        "sparse-z1048576.xlsx",
        lambda: xlsx(_with_far_cell("Z1048576", 1048576)),
        "A1:C2 plus Z1048576",
    ),
    Hostile(
        "wide-xfd3.xlsx",
        lambda: xlsx(ROWS + f'<row r="3">{number("XFD3", 1)}</row>'),
        "a cell at XFD3",
    ),
    Hostile(
        "wide-300-columns.xlsx",
        lambda: xlsx(_wide_header(300), "A1:KN1"),
        "300 filled header cells",
    ),
    Hostile(
        "area-42-million.xlsx",
        lambda: xlsx(_area_bomb(), "A1:GR210000"),
        "A and GR on 210,000 rows",
    ),
    Hostile("lying-zip-bomb.xlsx", _lying_bomb, "declares 4 KB, inflates to 450 MB"),
    Hostile("zip-many-entries.xlsx", _many_entries, "3,000 zip entries"),
    Hostile(
        "vba-by-content-type.xlsx",
        lambda: xlsx(
            types_extra=f'<Override PartName="/xl/macros.dat" ContentType="{VBA}"/>',
            relations_extra=f'<Relationship Id="rId9" Type="{VBA_RELATION}" Target="macros.dat"/>',
            parts=(Member("xl/macros.dat", b"\xd0\xcf\x11\xe0" + b"\x00" * 60),),
        ),
        "VBA project named xl/macros.dat",
    ),
    Hostile(
        "vba-by-relationship.xlsx",
        lambda: xlsx(
            relations_extra=f'<Relationship Id="rId9" Type="{VBA_RELATION}" Target="data.bin"/>',
            parts=(Member("xl/data.bin", b"\x00" * 64),),
        ),
        "VBA project found only by its relationship",
    ),
    Hostile(
        "macro-enabled-main.xlsx",
        lambda: xlsx(workbook_type="application/vnd.ms-excel.sheet.macroEnabled.main+xml"),
        "a macro-enabled workbook under an .xlsx name",
    ),
    Hostile(
        "activex.xlsx",
        lambda: xlsx(
            types_extra=f'<Override PartName="/xl/activeX/activeX1.xml" ContentType="{ACTIVEX}"/>'
        ),
        "an ActiveX control",
    ),
    Hostile(
        "ole-object.xlsx",
        lambda: xlsx(
            types_extra=f'<Default Extension="bin" ContentType="{OLE}"/>',
            parts=(Member("xl/embeddings/oleObject1.bin", b"\x00" * 64),),
        ),
        "an embedded OLE object",
    ),
    Hostile(
        "billion-laughs-sheet.xlsx",
        lambda: xlsx(ROWS + f'<row r="3">{text("A3", "&lol9;")}</row>', sheet_prolog=LAUGHS),
        "entity expansion in the sheet",
    ),
    Hostile(
        "billion-laughs-content-types.xlsx",
        lambda: xlsx(types_prolog=LAUGHS),
        "entity expansion in [Content_Types].xml",
    ),
    Hostile(
        "external-entity.xlsx",
        lambda: xlsx(ROWS + f'<row r="3">{text("A3", "&xxe;")}</row>', sheet_prolog=EXTERNAL),
        "an external entity",
    ),
    Hostile(
        "ods-repeat-bomb.ods",
        lambda: ods(rows=ODS_REPEAT_BOMB),
        "a cell repeated 16,384 × 1,048,575 times",
    ),
    Hostile(
        "ods-billion-laughs.ods",
        lambda: ods(LAUGHS, f"<table:table-row>{_ods_cell('&lol9;')}</table:table-row>"),
        "entity expansion in content.xml",
    ),
    Hostile(
        "csv-huge-line.csv",
        lambda: b"unit;period\n" + b"A" * (3 * MB) + b";2018\n",
        "one 3 MB field",
    ),
    Hostile("csv-wide.csv", lambda: b";" * 500_000 + b"\n", "500,001 columns"),
    Hostile("truncated.xlsx", lambda: xlsx()[:700], "a zip cut short"),
    Hostile("zip-version-64.xlsx", _version_64, "a zip needing version 6.4 (found by fuzzing)"),
    Hostile("zip-offset-before-start.xlsx", _offset_before_start, "members before 0 (fuzzing)"),
    Hostile(
        "zip-nameless-member.xlsx",
        lambda: zip_bytes([*_members_of(xlsx()), Member("", b"x")]),
        "a member with an empty name (fuzzing: zipfile's is_dir() raised IndexError)",
    ),
    Hostile(
        "xls-garbage.xls",
        lambda: (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le") + b"\xff" * 2000
        ),
        "an OLE2 file that is no workbook",
    ),
    Hostile("bilde.html", png, "a PNG named .html", image_or_document=True),
    Hostile("rapport.xlsx", lambda: PDF, "a PDF named .xlsx", image_or_document=True),
]


def main(directory: str) -> None:
    """Write every corpus file into `directory`."""
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    for hostile in CORPUS:
        (target / hostile.name).write_bytes(hostile.make())


if __name__ == "__main__":
    main(sys.argv[1])
