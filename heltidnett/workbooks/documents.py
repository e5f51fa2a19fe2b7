"""The workbook as a document: gathered once, then rendered to a tagged PDF or to Word."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from heltidnett.core.i18n import format_date
from heltidnett.db import DbSession
from heltidnett.demo import slug
from heltidnett.municipalities.models import Municipality
from heltidnett.networks.models import Network
from heltidnett.reports.pdf import render_pdf
from heltidnett.workbooks import content, permissions
from heltidnett.workbooks.models import (
    Answer,
    Chapter,
    ChapterDelivery,
    Prompt,
    PromptKind,
)
from heltidnett.workbooks.services import chapters_query

if TYPE_CHECKING:
    from heltidnett.auth.access import Viewer


PDF_CSS = (Path(__file__).resolve().parent / "pdf.css").read_text(encoding="utf-8")


@dataclass
class PromptPart:
    prompt: Prompt
    answer: Answer | None

    @property
    def content(self) -> dict[str, Any]:
        return self.answer.content if self.answer else {}


@dataclass
class ChapterPart:
    chapter: Chapter
    delivery: ChapterDelivery | None
    prompts: list[PromptPart]


@dataclass
class MunicipalityPart:
    municipality: Municipality
    chapters: list[ChapterPart] = field(default_factory=list)

    @property
    def language(self) -> str:
        return self.municipality.written_standard.value


@dataclass
class Workbook:
    network: Network
    parts: list[MunicipalityPart]
    with_feedback: bool
    made_on: date

    @property
    def has_feedback(self) -> bool:
        """Whether the document shows any of the facilitators' feedback."""
        return self.with_feedback and any(
            (c.delivery is not None and c.delivery.feedback)
            or any(p.answer is not None and p.answer.feedback for p in c.prompts)
            for part in self.parts
            for c in part.chapters
        )

    @property
    def compiled(self) -> bool:
        return len(self.parts) != 1

    @property
    def language(self) -> str:
        return "nb" if self.compiled else self.parts[0].language

    @property
    def filename(self) -> str:
        name = self.network.name if self.compiled else self.parts[0].municipality.name
        return "arbeidsbok-" + slug(name)


def build(
    session: DbSession,
    network: Network,
    municipalities: list[Municipality],
    user: Viewer,
    with_feedback: bool = True,
) -> Workbook:
    """The open chapters and the answers of each municipality that the user may read, in
    order (a draft has nothing to answer yet)."""
    chapters = list(
        session.scalars(
            chapters_query(network.id, drafts=False).options(
                selectinload(Chapter.prompts), selectinload(Chapter.deliveries)
            )
        )
    )
    ids = [m.id for m in municipalities]
    answers: dict[tuple[int, int], Answer] = {}
    if chapters and ids:
        prompt_ids = [p.id for c in chapters for p in c.prompts]
        for answer in session.scalars(
            sa.select(Answer).where(
                Answer.prompt_id.in_(prompt_ids), Answer.municipality_id.in_(ids)
            )
        ):
            answers[(answer.municipality_id, answer.prompt_id)] = answer
    parts = []
    for municipality in municipalities:
        part = MunicipalityPart(municipality)
        for chapter in chapters:
            delivery = next(
                (d for d in chapter.deliveries if d.municipality_id == municipality.id), None
            )
            if not permissions.can_view_delivery(user, chapter, municipality.id, delivery):
                continue
            part.chapters.append(
                ChapterPart(
                    chapter,
                    delivery,
                    [PromptPart(p, answers.get((municipality.id, p.id))) for p in chapter.prompts],
                )
            )
        parts.append(part)
    return Workbook(network, parts, with_feedback, date.today())


def _render_part(book: Workbook, part: MunicipalityPart, index: int) -> str:
    with force_locale(part.language):
        return render_template(
            "workbooks/pdf_part.html",
            book=book,
            part=part,
            index=index,
            content=content,
            kinds=PromptKind,
        )


def to_html(book: Workbook) -> str:
    """The whole document as HTML: cover, contents with page numbers, the chapters."""
    parts_html = [_render_part(book, part, i) for i, part in enumerate(book.parts)]
    with force_locale(book.language):
        return render_template(
            "workbooks/pdf.html", book=book, parts_html=parts_html, title=title(book)
        )


def title(book: Workbook) -> str:
    with force_locale(book.language):
        if book.compiled:
            return _("Arbeidsbok for %(network)s", network=book.network.name)
        return _(
            "Arbeidsbok for %(municipality)s kommune",
            municipality=book.parts[0].municipality.name,
        )


def to_pdf(book: Workbook) -> bytes:
    """A tagged PDF (PDF/UA) in the municipality's written standard."""
    return render_pdf(to_html(book), PDF_CSS, title=title(book), language=book.language)


# A4 with margins a municipality's own documents use (python-docx starts from US Letter).
A4_MM = (210, 297)
MARGINS_MM = {"top": 25, "bottom": 25, "left": 25, "right": 20}


def to_docx(book: Workbook) -> bytes:
    """The municipality's workbook as a Word document on A4, to edit and file."""
    from docx import Document
    from docx.shared import Mm, Pt

    document = Document()
    for section in document.sections:
        section.page_width, section.page_height = Mm(A4_MM[0]), Mm(A4_MM[1])
        section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
        section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    styles = document.styles
    styles["Normal"].font.name = "Calibri"
    styles["Normal"].font.size = Pt(11)
    document.core_properties.title = title(book)
    document.core_properties.language = book.language
    for part in book.parts:
        with force_locale(part.language):
            document.add_heading(title(book) if not book.compiled else part.municipality.name, 0)
            document.add_paragraph(
                _(
                    "%(network)s · laget %(date)s",
                    network=book.network.name,
                    date=format_date(book.made_on, locale=part.language),
                )
            )
            for chapter_part in part.chapters:
                _docx_chapter(document, book, chapter_part, part.language)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_chapter(document: Any, book: Workbook, part: ChapterPart, language: str) -> None:
    chapter = part.chapter
    document.add_heading(_("Kapittel %(n)d: %(title)s", n=chapter.number, title=chapter.title), 1)
    if chapter.due_on:
        document.add_paragraph(
            _("Frist: %(date)s", date=format_date(chapter.due_on, locale=language))
        )
    for line in content.markup.plain_lines(chapter.introduction):
        if line:
            document.add_paragraph(line)
    for prompt_part in part.prompts:
        prompt = prompt_part.prompt
        document.add_heading(prompt.label, 2)
        data = prompt_part.content
        if content.is_empty(data):
            document.add_paragraph(_("Ikke besvart."))
        elif prompt.kind == PromptKind.TABLE:
            cols = content.columns(prompt)
            table = document.add_table(rows=1, cols=len(cols))
            table.style = "Table Grid"
            for cell, name in zip(table.rows[0].cells, cols, strict=True):
                cell.text = name
            for row in data.get("rows", []):
                cells = table.add_row().cells
                for cell, value in zip(cells, row, strict=False):
                    cell.text = value
        elif prompt.kind == PromptKind.SMART:
            for key, label in content.smart_labels().items():
                paragraph = document.add_paragraph()
                paragraph.add_run(label).bold = True
                for line in data.get(key, "").split("\n"):
                    document.add_paragraph(line)
        elif prompt.kind == PromptKind.RANKED:
            for item in content.ranked_sorted(data):
                document.add_paragraph(item["text"], style="List Number")
        else:
            for line in content.as_lines(prompt, data):
                if line:
                    style = "List Bullet" if line.startswith(("- ", "• ")) else None
                    document.add_paragraph(line.lstrip("-• ") if style else line, style=style)
        if book.with_feedback and prompt_part.answer and prompt_part.answer.feedback:
            _docx_feedback(document, prompt_part.answer.feedback)
    if book.with_feedback and part.delivery and part.delivery.feedback:
        document.add_heading(_("Tilbakemelding på kapittelet"), 2)
        for line in part.delivery.feedback.split("\n"):
            document.add_paragraph(line)
    from docx.enum.text import WD_BREAK

    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _docx_feedback(document: Any, text: str) -> None:
    """The facilitator's feedback right under the answer it is about, indented and marked."""
    from docx.shared import Mm, RGBColor

    paragraph = document.add_paragraph()
    paragraph.paragraph_format.left_indent = Mm(6)
    label = paragraph.add_run(_("Tilbakemelding fra prosessveileder: "))
    label.bold = True
    label.font.color.rgb = RGBColor(0x2E, 0x7D, 0x32)
    paragraph.add_run(text)
