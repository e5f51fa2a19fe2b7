"""Uploads are checked by content: type, size, pixel count, zip bombs and macros."""

from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image

from heltidnett.core.errors import ServiceError
from heltidnett.files.services import DOCUMENT_TYPES, IMAGE_TYPES, check_upload, safe_filename


def _png(width: int = 20, height: int = 10) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "white").save(buffer, "PNG")
    return buffer.getvalue()


def test_image_is_accepted_with_its_size(app) -> None:
    with app.test_request_context():
        checked = check_upload(io.BytesIO(_png()), "../../plakat.png", IMAGE_TYPES)
    assert checked.content_type == "image/png"
    assert (checked.width, checked.height) == (20, 10)
    assert checked.filename == "plakat.png"


def test_renamed_non_image_is_refused(app) -> None:
    with app.test_request_context(), pytest.raises(ServiceError, match="filtypen"):
        check_upload(io.BytesIO(b"MZ\x90\x00 not an image"), "plakat.png", IMAGE_TYPES)


def test_huge_image_is_refused(app) -> None:
    with app.test_request_context(), pytest.raises(ServiceError, match="piksler"):
        check_upload(
            io.BytesIO(_png(9000, 5000)), "stor.png", IMAGE_TYPES, max_bytes=50 * 1024 * 1024
        )


def test_too_large_file_is_refused(app) -> None:
    with app.test_request_context(), pytest.raises(ServiceError, match="for stor"):
        check_upload(io.BytesIO(b"x" * 2048), "a.txt", DOCUMENT_TYPES, max_bytes=1024)


def test_macro_document_and_zip_bomb_are_refused(app) -> None:
    macro = io.BytesIO()
    with zipfile.ZipFile(macro, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
        archive.writestr("word/vbaProject.bin", b"\x00" * 10)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", b"0" * (201 * 1024 * 1024))
    with app.test_request_context():
        for data in (macro.getvalue(), bomb.getvalue()):
            with pytest.raises(ServiceError):
                check_upload(
                    io.BytesIO(data), "fil.docx", DOCUMENT_TYPES, max_bytes=20 * 1024 * 1024
                )


@pytest.mark.parametrize(
    ("raw", "clean"), [("C:\\x\\y.pdf", "y.pdf"), ("a\x00b<>.txt", "ab.txt"), ("", "fil")]
)
def test_safe_filename(raw: str, clean: str) -> None:
    assert safe_filename(raw) == clean


# ---- issue 12: items 3, 4, 5 and 12 -------------------------------------------------------


def _abort() -> None:
    import os

    os.abort()


def _allocate() -> bytes:
    return b"x" * (8 * 1024**3)


@pytest.mark.parametrize("dies", [_abort, _allocate])
def test_a_reader_that_dies_ends_only_its_child_process(dies) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.files import sandbox

    with pytest.raises(sandbox.ChildFailed):
        sandbox.run(dies, (), sandbox.ProcessLimits(1024, 10, 30))


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("dimension-declared.xlsx", "Regnearket oppgir innhold helt ut til kolonne XFD"),
        ("dimension-actual-xfd.xlsx", "Regnearket har innhold helt ut til kolonne XFD"),
        ("dimension-actual-tall.xlsx", "helt ned til rad 99\u00a0999\u00a0999\u00a0999"),
        ("sparse-z1048576.xlsx", "de fleste radene før er tomme"),
        ("wide-xfd3.xlsx", "Høyst 200 kolonner"),
        ("area-42-million.xlsx", "for mange celler"),
        ("ods-repeat-bomb.ods", "kolonne XFD"),
    ],
)
def test_sheets_past_the_limits_are_refused_before_reading(name: str, message: str) -> None:
    """Items 3 and 5: the declared and actual used range is measured first, in Norwegian."""
    from heltidnett.staffing import importer
    from tests.hostile.corpus import CORPUS

    data = next(h for h in CORPUS if h.name == name).make()
    with pytest.raises(importer.ImportError_, match=message):
        importer.read_untrusted(data, name.rsplit(".", 1)[1])


def test_lying_zip_is_refused_by_the_bytes_it_inflates(app) -> None:
    """Item 4: the sheet declares 4 KB and inflates to 450 MB."""
    from tests.hostile.corpus import _lying_bomb

    with app.test_request_context(), pytest.raises(ServiceError, match="pakkes ut"):
        check_upload(io.BytesIO(_lying_bomb()), "tall.xlsx", DOCUMENT_TYPES, 20 * 1024 * 1024)


def test_inflating_stops_at_the_cap() -> None:
    from heltidnett.files import archive
    from tests.hostile.corpus import Member, deflated_spaces, zip_bytes

    raw, crc = deflated_spaces(50 * 1024 * 1024)
    data = zip_bytes([Member("a.xml", deflated=raw, size=50 * 1024 * 1024, crc=crc, declared=10)])
    limits = archive.ZipLimits(max_unzipped=10 * 1024 * 1024, max_ratio=10**6)
    with pytest.raises(archive.ZipRefused, match="too_large"):
        archive.check_zip(data, limits)
    with pytest.raises(archive.ZipRefused, match="too_large"):  # the ratio alone
        archive.check_zip(data, archive.ZipLimits(max_unzipped=10**12, max_ratio=20))


@pytest.mark.parametrize(
    "name",
    [
        "vba-by-content-type.xlsx",
        "vba-by-relationship.xlsx",
        "macro-enabled-main.xlsx",
        "activex.xlsx",
        "ole-object.xlsx",
    ],
)
def test_macros_are_found_by_content_type_and_relationship(app, name: str) -> None:
    """Item 12: xl/macros.dat with the VBA content type, or a vbaProject relationship."""
    from tests.hostile.corpus import CORPUS

    data = next(h for h in CORPUS if h.name == name).make()
    with app.test_request_context(), pytest.raises(ServiceError, match="makroer"):
        check_upload(io.BytesIO(data), name, DOCUMENT_TYPES)


def test_a_file_keeps_an_extension_of_its_sniffed_type(app) -> None:
    """Item 12: a PNG named bilde.html is stored and served as bilde.png."""
    from heltidnett.files.models import StoredFile
    from heltidnett.files.services import send

    with app.test_request_context():
        checked = check_upload(io.BytesIO(_png()), "bilde.html", IMAGE_TYPES | DOCUMENT_TYPES)
        assert checked.filename == "bilde.png"
        assert check_upload(io.BytesIO(b"%PDF-1.4 x"), "a.html", DOCUMENT_TYPES).filename == "a.pdf"
        assert check_upload(io.BytesIO(_png()), "foto.PNG", IMAGE_TYPES).filename == "foto.PNG"
        old = StoredFile(filename="bilde.html", content_type="image/png", size=3, data=b"abc")
        disposition = send(old, inline=True).headers["Content-Disposition"]
    assert disposition == "inline; filename*=UTF-8''bilde.png"


@pytest.mark.parametrize(
    "row",
    [
        '<row r="1"><c s="0" r="XFD1"><v>1</v></c></row>',  # the reference after another attribute
        "<row r='1'><c r='XFD1'><v>1</v></c></row>",  # single quotes
        '<row r="1"><x:c xmlns:x="urn:x" r="XFD1"><v>1</v></x:c></row>',  # another prefix
        '<row spans="1:2" r="1"><c r="A1"/></row><row r="1048576"><c r="XFD1048576"/></row>',
    ],
)
def test_far_cells_are_found_however_the_sheet_is_written(row: str) -> None:
    from heltidnett.files import sheets
    from tests.hostile.corpus import xlsx

    with pytest.raises(sheets.SheetError, match="XFD"):
        sheets.guard(xlsx(body=row, dimension="A1"), "xlsx", sheets.SheetLimits())


def test_a_refusal_made_in_the_child_is_shown_in_the_users_language(app) -> None:
    """The reading child has no request: its messages are translated in the web process."""
    from heltidnett.staffing import importer
    from tests.hostile.corpus import CORPUS

    data = next(h for h in CORPUS if h.name == "dimension-declared.xlsx").make()
    with app.test_request_context(headers={"Accept-Language": "en"}):
        from flask_babel import gettext

        with pytest.raises(importer.ImportError_) as refused:
            importer.read_untrusted(data, "xlsx", gettext)
    assert str(refused.value) == (
        "The spreadsheet declares content out to column XFD. At most 200 columns can be read."
    )


def test_a_member_pointing_before_the_archive_is_refused_as_damaged(app) -> None:
    """Found by fuzzing: a central directory whose offset points before the file's start made
    the zip guard raise ValueError (a 500) instead of refusing the file."""
    import struct

    from tests.hostile.corpus import xlsx

    data = bytearray(xlsx())
    (offset,) = struct.unpack("<L", data[-6:-2])  # where the end record says the directory is
    data[-6:-2] = struct.pack("<L", offset + 100_000)  # zipfile then puts members before 0
    with app.test_request_context(), pytest.raises(ServiceError):
        check_upload(io.BytesIO(bytes(data)), "tall.xlsx", DOCUMENT_TYPES)
