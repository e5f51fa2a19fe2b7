"""The facilitator's feedback beside the answer it is about: on the page, in the PDF and in
the Word document (which is A4)."""

from __future__ import annotations

import io
from typing import Any

from pypdf import PdfReader

from tests.conftest import csrf_token, post_form

pytest_plugins = ["tests.workbooks_fixtures"]

FIRST = "Forankret i ledergruppen og hos de tillitsvalgte."
ON_FIRST = "Godt forankret. Ta med verneombudet også."
ON_CHAPTER = "Et godt kapittel, takk!"


def _delivered_with_feedback(client: Any, auth: Any, tenants: Any, chapter: Any) -> str:
    """Alta answers the first prompt and delivers; the facilitator writes feedback on
    the first answer and on the chapter. The delivery page's URL."""
    page = f"/chapters/{chapter.id}/deliveries/{tenants.alta.id}"
    auth.login(tenants.alta_coordinator)
    token = csrf_token(client, page)
    headers = {"HX-Request": "true", "X-CSRFToken": token}
    first = chapter.prompt_ids[0]
    client.post(f"{page}/answers/{first}", data={"version": "0", "text": FIRST}, headers=headers)
    post_form(client, f"{page}/submit", {}, page)
    auth.logout()
    auth.login(tenants.facilitator)
    post_form(
        client,
        f"{page}/feedback",
        {f"feedback-{first}": ON_FIRST, "chapter_feedback": ON_CHAPTER},
        page,
    )
    return page


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_feedback_is_beside_its_answer_in_the_pdf(app, client, auth, tenants, chapter) -> None:
    _delivered_with_feedback(client, auth, tenants, chapter)
    auth.logout()
    auth.login(tenants.alta_coordinator)
    url = f"/networks/{tenants.north.id}/municipalities/{tenants.alta.id}/workbook.pdf"
    response = client.get(url)
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.data))
    text = _flat("".join(p.extract_text() for p in reader.pages))
    answer, feedback = text.index(_flat(FIRST)), text.index(_flat(ON_FIRST))
    next_prompt = text.index("Kartlegging av nåsituasjonen", text.index("Prosessen for forankring"))
    assert answer < feedback < next_prompt
    assert "Tilbakemelding fra prosessveileder" in text and ON_CHAPTER in text
    assert "Med tilbakemeldinger fra prosessveileder" in _flat(reader.pages[0].extract_text())
    # still a tagged PDF in the municipality's language
    assert bool(reader.trailer["/Root"]["/MarkInfo"]["/Marked"])
    assert reader.trailer["/Root"]["/Lang"] == "nb"
    plain = PdfReader(io.BytesIO(client.get(url + "?feedback=0").data))
    plain_text = _flat("".join(p.extract_text() for p in plain.pages))
    assert _flat(FIRST) in plain_text and ON_FIRST not in plain_text
    assert ON_CHAPTER not in plain_text


def test_word_document_is_a4_with_feedback_beside_its_answer(
    app, client, auth, tenants, chapter
) -> None:
    from docx import Document
    from docx.shared import Mm

    _delivered_with_feedback(client, auth, tenants, chapter)
    response = client.get(
        f"/networks/{tenants.north.id}/municipalities/{tenants.alta.id}/workbook.docx"
    )
    assert response.status_code == 200
    document = Document(io.BytesIO(response.data))
    for section in document.sections:
        assert abs(section.page_width - Mm(210)) < Mm(0.5)
        assert abs(section.page_height - Mm(297)) < Mm(0.5)
        assert Mm(15) <= section.left_margin <= Mm(30)
        assert Mm(15) <= section.right_margin <= Mm(30)
    texts = [p.text for p in document.paragraphs]
    answer = texts.index(FIRST)
    feedback = next(i for i, t in enumerate(texts) if ON_FIRST in t)
    next_prompt = texts.index("Kartlegging av nåsituasjonen")
    assert answer < feedback < next_prompt
    assert texts[feedback] == f"Tilbakemelding fra prosessveileder: {ON_FIRST}"
    assert ON_CHAPTER in texts


def test_feedback_field_and_feedback_sit_under_the_answer_on_the_page(
    app, client, auth, tenants, chapter
) -> None:
    page = _delivered_with_feedback(client, auth, tenants, chapter)
    first, smart = chapter.prompt_ids[0], chapter.prompt_ids[1]
    html = client.get(page).get_data(as_text=True)
    section = html.index(f'id="prompt-{first}"')
    field = html.index(f'name="feedback-{first}"')
    assert section < field < html.index(f'id="prompt-{smart}"')
    assert f'name="feedback-{first}" form="feedback-form"' in html
    assert ON_FIRST in html[field : html.index(f'id="prompt-{smart}"')]
    auth.logout()
    auth.login(tenants.alta_coordinator)
    html = client.get(page).get_data(as_text=True)
    answer = html.index(FIRST)
    assert answer < html.index(ON_FIRST) < html.index(f'id="prompt-{smart}"')
    assert 'name="feedback-' not in html
