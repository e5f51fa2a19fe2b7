"""The QR code of a poll's address, drawn on the server as SVG (segno, imported when used)."""

from __future__ import annotations


def svg(url: str) -> str:
    """An inline <svg> element, scaled by CSS, with the address as its title."""
    import segno

    code = segno.make(url, error="m")
    return code.svg_inline(scale=8, border=2, title=url, svgclass="poll-qr", lineclass=None)
