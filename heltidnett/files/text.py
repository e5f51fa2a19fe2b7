"""Text files as Excel and LibreOffice save them: which encoding, and whether it is text.

Norwegian Excel writes "CSV (semikolondelt)" in Windows-1252, "CSV UTF-8" with a byte order
mark, and "Unicode-tekst" in UTF-16 (little-endian, with a byte order mark, tab-separated);
LibreOffice asks and writes UTF-8 by default. The encoding is told by the byte order mark,
else by whether the bytes are valid UTF-8 (text in Windows-1252 with æ, ø or å never is),
else Windows-1252. Pure Python without Flask: the import reads files in a child process.
"""

from __future__ import annotations

import codecs
import re

BOMS = (  # UTF-32 is left out: Excel and LibreOffice do not write it
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
SNIFF_BYTES = 4096
# control characters no text file holds (tab, line feed, form feed and carriage return are
# text); a binary file read as Windows-1252 or UTF-16 is full of them
BINARY = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
NUL = "\x00"


def encoding_of(data: bytes) -> str:
    """The encoding to decode these bytes with: by byte order mark, else UTF-8 when they are
    valid UTF-8 (a character cut at the end of `data` counts as valid), else Windows-1252."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=False)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8"


def decode(data: bytes) -> str:
    """The whole text, byte order mark left out. A byte Windows-1252 has no character for
    (or a broken UTF-16 pair) becomes U+FFFD rather than refusing the file."""
    return data.decode(encoding_of(data), errors="replace")


def looks_like_text(data: bytes) -> bool:
    """Whether the start of a file is text in one of the encodings read here.

    UTF-8 without a byte order mark counts as text unless it holds a NUL, as before. Text
    found only as Windows-1252 or UTF-16 must also be free of control characters other than
    tab, line and page breaks: those readings take almost any bytes, a binary file too.
    """
    head = data[:SNIFF_BYTES]
    encoding = encoding_of(head)
    try:
        text = codecs.getincrementaldecoder(encoding)().decode(head, final=False)
    except UnicodeDecodeError:  # cp1252's five unused bytes, a broken UTF-16 surrogate
        return False
    if encoding == "utf-8":
        return NUL not in text
    return BINARY.search(text) is None
