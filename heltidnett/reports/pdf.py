"""Render HTML and CSS to PDF with WeasyPrint, fetching nothing from outside the app."""

from __future__ import annotations

import mimetypes
import warnings
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from weasyprint.urls import URLFetcher

ROOT = Path(__file__).resolve().parent.parent.parent
STATIC = ROOT / "static"
PDF_CSS = Path(__file__).resolve().parent / "pdf.css"
BASE_URL = "heltidnett-static:/"


@cache
def locked_fetcher() -> type[URLFetcher]:
    """The fetcher class for WeasyPrint, defined when the first PDF is rendered."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class LockedFetcher(URLFetcher):
        """Serves data: URIs and files under static/ only; everything else is refused."""

        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if url.startswith(BASE_URL):
                relative = url.removeprefix(BASE_URL).split("?")[0].split("#")[0].lstrip("/")
                relative = relative.removeprefix("static/")
                path = (STATIC / relative).resolve()
                if path.is_relative_to(STATIC) and path.is_file():
                    content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(
                        url, path.read_bytes(), {"Content-Type": content_type}
                    )
            raise ValueError(f"heltidnett PDFs do not fetch {url[:80]}")

    return LockedFetcher


def render_pdf(
    html: str, css: str = "", *, title: str = "", language: str = "", variant: str = "pdf/ua-1"
) -> bytes:
    """A tagged PDF (PDF/UA-1, or another `variant` such as PDF/A-2a for documents to file)
    from HTML and extra CSS on top of reports/pdf.css.

    `title` and `language` set the document's metadata where the HTML does not.
    """
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    fetcher = locked_fetcher()
    fonts = FontConfiguration()
    stylesheets = [CSS(filename=str(PDF_CSS), font_config=fonts)]
    if css:
        stylesheets.append(CSS(string=css, font_config=fonts, url_fetcher=fetcher()))
    options = {"pdf_variant": variant, "pdf_tags": True, "custom_metadata": True}
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher()).render(
        stylesheets=stylesheets, font_config=fonts, **options
    )
    if title and not document.metadata.title:
        document.metadata.title = title
    if language and not document.metadata.lang:
        document.metadata.lang = language
    if not variant.startswith("pdf/a"):
        return document.write_pdf(**options)
    # PDF/A embeds WeasyPrint's sRGB profile, whose file it opens and never closes.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        return document.write_pdf(**options)
