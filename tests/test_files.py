"""Uploads are checked by content: type, size, pixel count, zip bombs and macros."""

from __future__ import annotations

import io
import zipfile

import pytest
from PIL import Image

from heltidnett.auth.services import ServiceError
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
