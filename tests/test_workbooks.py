"""Workbooks: answers saved with versions, merge on conflict, delivery, access, outputs, API."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from pypdf import PdfReader

from heltidnett.extensions import db
from tests.conftest import csrf_token, post_form

pytest_plugins = ["tests.workbooks_fixtures"]


def delivery_url(chapter: Any, municipality: Any, suffix: str = "") -> str:
    """The page of the municipality's delivery of the chapter (and its routes, by suffix)."""
    return f"/chapters/{chapter.id}/deliveries/{municipality.id}{suffix}"


def save(
    client: Any, chapter: Any, municipality: Any, prompt_id: int, data: dict[str, Any], htmx: bool
) -> Any:
    """Post one answer form as the page (or htmx) does, with the page's CSRF token."""
    token = csrf_token(client, delivery_url(chapter, municipality))
    headers = {"HX-Request": "true", "X-CSRFToken": token} if htmx else {}
    body = {**data} if htmx else {**data, "csrf_token": token}
    return client.post(
        delivery_url(chapter, municipality, f"/answers/{prompt_id}"), data=body, headers=headers
    )


def _answer(app: Any, prompt_id: int, municipality: Any) -> Any:
    import sqlalchemy as sa

    from heltidnett.workbooks.models import Answer

    with app.app_context():
        return db.session.scalar(
            sa.select(Answer).where(
                Answer.prompt_id == prompt_id,
                Answer.municipality_id == municipality.id,
            )
        )


# ---- markup ----------------------------------------------------------------------------


def test_long_text_is_sanitised_and_formatted(app: Any) -> None:
    import re

    from heltidnett.core.markup import sanitize, to_html

    with app.app_context():
        html = to_html(
            "Vi **forankret** arbeidet.\n\n- ledelse\n- tillitsvalgte\n\n"
            '<script>alert(1)</script><p style="color:red">x</p>\n'
            "[KS](https://www.ks.no) [farlig](javascript:alert(1))"
        )
    assert "<strong>forankret</strong>" in html
    assert "<ul><li>ledelse</li><li>tillitsvalgte</li></ul>" in html
    tags = re.findall(r"<[a-z][^>]*>", html)
    assert not [tag for tag in tags if "script" in tag or "style" in tag]
    assert "&lt;script&gt;" in html
    assert '<a href="https://www.ks.no" rel="noopener noreferrer nofollow">KS</a>' in html
    assert 'href="javascript' not in html
    cleaned = sanitize(
        '<p style="x" onclick="y">a<script>b</script><a href="javascript:x">l</a></p>'
    )
    assert cleaned == '<p>a<a rel="noopener noreferrer nofollow">l</a></p>'


# ---- saving, versions and conflicts ----------------------------------------------------


def test_autosave_shows_the_time_and_counts_versions(app, client, auth, tenants, chapter) -> None:
    auth.login(tenants.alta_coordinator)
    text_id = chapter.prompt_ids[0]
    first = save(client, chapter, tenants.alta, text_id, {"version": "0", "text": "Første"}, True)
    assert first.status_code == 200
    body = first.get_data(as_text=True)
    assert "Lagret kl." in body
    assert f'id="version-{text_id}" value="1"' in body
    second = save(client, chapter, tenants.alta, text_id, {"version": "1", "text": "Andre"}, True)
    assert 'value="2"' in second.get_data(as_text=True)
    answer = _answer(app, text_id, tenants.alta)
    assert answer.version == 2 and answer.content["text"] == "Andre"
    with app.app_context():
        from heltidnett.workbooks.models import Answer

        versions = db.session.get(Answer, answer.id).versions
        assert [v.content["text"] for v in versions] == ["Første", "Andre"]
    page = client.get(delivery_url(chapter, tenants.alta)).get_data(as_text=True)
    assert "Andre" in page and "Se endringer (2 versjoner)" in page


def test_two_writers_keep_both_texts(app, tenants, chapter, make_user, grant) -> None:
    """Alta's two coordinators edit the same answer; the second saver gets the merge view."""
    from tests.conftest import AuthActions

    second_coordinator = make_user("koordinator2.alta@example.org", "Kari Koordinator")
    grant(second_coordinator, tenants.north, "coordinator", tenants.alta)
    one, two = app.test_client(), app.test_client()
    AuthActions(one).login(tenants.alta_coordinator)
    AuthActions(two).login(second_coordinator)
    text_id = chapter.prompt_ids[0]
    saved = save(
        one, chapter, tenants.alta, text_id, {"version": "0", "text": "Teksten til Ola"}, True
    )
    assert "Lagret" in saved.get_data(as_text=True)
    stale = save(two, chapter, tenants.alta, text_id, {"version": "0", "text": "Karis tekst"}, True)
    body = stale.get_data(as_text=True)
    assert "Noen andre har lagret dette svaret mens du skrev" in body
    assert "Teksten til Ola" in body and "Karis tekst" in body
    assert 'name="merge_version" value="1"' in body
    assert _answer(app, text_id, tenants.alta).content["text"] == "Teksten til Ola"
    merged = save(
        two,
        chapter,
        tenants.alta,
        text_id,
        {"version": "0", "merge_version": "1", "text": "Karis tekst\n\nTeksten til Ola"},
        True,
    )
    assert "Lagret" in merged.get_data(as_text=True)
    answer = _answer(app, text_id, tenants.alta)
    assert answer.version == 2
    assert "Karis tekst" in answer.content["text"] and "Teksten til Ola" in answer.content["text"]


def test_conflict_without_javascript_shows_merge_page(app, client, auth, tenants, chapter) -> None:
    auth.login(tenants.alta_coordinator)
    text_id = chapter.prompt_ids[0]
    save(client, chapter, tenants.alta, text_id, {"version": "0", "text": "Lagret først"}, False)
    response = save(client, chapter, tenants.alta, text_id, {"version": "0", "text": "Min"}, False)
    assert response.status_code == 409
    body = response.get_data(as_text=True)
    assert "Lagret først" in body and "Min" in body and "Din tekst (ikke lagret)" in body


def test_every_kind_is_saved_and_shown(app, client, auth, tenants, chapter) -> None:
    auth.login(tenants.alta_coordinator)
    _text, smart, ranked, scale, choice, table = chapter.prompt_ids
    forms = {
        smart: {
            "s": "65,5 % snitt",
            "m": "75 %",
            "t": "Langvakter",
            "who": "Enhetsleder",
            "when": "Desember",
        },
        ranked: {
            "item-0": "Kartlegge ønsker",
            "priority-0": "2",
            "item-1": "Lyse ut heltid",
            "priority-1": "1",
        },
        scale: {"value": "7"},
        choice: {"value": "4–7 år"},
        table: {"cell-0-0": "Elvebakken", "cell-0-1": "30 %", "cell-0-2": "18 %"},
    }
    for prompt_id, data in forms.items():
        response = save(client, chapter, tenants.alta, prompt_id, {"version": "0", **data}, False)
        assert response.status_code == 302, prompt_id
    assert _answer(app, ranked, tenants.alta).content["items"][1] == {
        "text": "Lyse ut heltid",
        "priority": 1,
    }
    assert _answer(app, table, tenants.alta).content["rows"] == [["Elvebakken", "30 %", "18 %"]]
    # Delivered, the page shows the answers read-only, the ranked list by priority.
    post_form(
        client,
        delivery_url(chapter, tenants.alta, "/submit"),
        {},
        delivery_url(chapter, tenants.alta),
    )
    page = client.get(delivery_url(chapter, tenants.alta)).get_data(as_text=True)
    assert page.index("Lyse ut heltid") < page.index("Kartlegge ønsker")
    assert "Elvebakken" in page and "4–7 år" in page and "65,5 % snitt" in page


@pytest.mark.parametrize(
    ("index", "data", "message"),
    [
        (3, {"value": "11"}, "Velg et tall fra 1 til 10."),
        (2, {"item-0": "Lyse ut heltid", "priority-0": "først"}, "må være et helt tall"),
        (4, {"value": "Aldri"}, "Velg et av alternativene."),
    ],
)
def test_invalid_answers_give_a_norwegian_message_and_keep_the_text(
    app, client, auth, tenants, chapter, index, data, message
) -> None:
    auth.login(tenants.alta_coordinator)
    prompt_id = chapter.prompt_ids[index]
    htmx = save(client, chapter, tenants.alta, prompt_id, {"version": "0", **data}, True)
    assert "Ikke lagret" in htmx.get_data(as_text=True)
    assert message in htmx.get_data(as_text=True)
    page = save(client, chapter, tenants.alta, prompt_id, {"version": "0", **data}, False)
    assert page.status_code == 422
    body = page.get_data(as_text=True)
    assert message in body
    if "item-0" in data:
        assert 'value="Lyse ut heltid"' in body and 'value="først"' in body
    assert _answer(app, prompt_id, tenants.alta) is None


# ---- delivery, feedback and who sees what ----------------------------------------------


def _submit(client: Any, chapter: Any, municipality: Any, share: bool = False) -> Any:
    data = {"share": "y"} if share else {}
    return post_form(
        client,
        delivery_url(chapter, municipality, "/submit"),
        data,
        delivery_url(chapter, municipality),
    )


def test_drafts_stay_inside_the_municipality(
    app, client, auth, tenants, chapter, api_token
) -> None:
    auth.login(tenants.alta_coordinator)
    save(
        client,
        chapter,
        tenants.alta,
        chapter.prompt_ids[0],
        {"version": "0", "text": "Utkast"},
        True,
    )
    auth.logout()
    north, alta = tenants.north.id, tenants.alta.id
    urls = [
        delivery_url(chapter, tenants.alta),
        f"/networks/{north}/municipalities/{alta}/workbook.pdf",
        f"/networks/{north}/municipalities/{alta}/workbook.docx",
        delivery_url(chapter, tenants.alta, f"/answers/{chapter.prompt_ids[0]}/history"),
    ]
    for person in (tenants.rana_coordinator, tenants.hemnes_coordinator, tenants.alta_steering):
        auth.login(person)
        for url in urls:
            assert client.get(url).status_code in (403, 404), (person.email, url)
        token = csrf_token(client, "/")
        posted = client.post(
            delivery_url(chapter, tenants.alta, f"/answers/{chapter.prompt_ids[0]}"),
            data={"version": "1", "text": "Overskrevet", "csrf_token": token},
        )
        assert posted.status_code in (403, 404)
        auth.logout()
        headers = api_token(person)
        api = client.get(f"/api/v1/chapters/{chapter.id}/deliveries/{alta}", headers=headers)
        assert api.status_code in (403, 404)
        assert api.get_json()["error"]["code"] in ("forbidden", "not_found")
        put = client.put(
            f"/api/v1/chapters/{chapter.id}/deliveries/{alta}/answers/{chapter.prompt_ids[0]}",
            json={"text": "Overskrevet", "version": 1},
            headers=headers,
        )
        assert put.status_code in (403, 404)
    assert _answer(app, chapter.prompt_ids[0], tenants.alta).content["text"] == "Utkast"


def test_submitted_is_read_by_steering_and_shared_by_the_network(
    app, client, auth, tenants, chapter
) -> None:
    auth.login(tenants.alta_coordinator)
    save(
        client,
        chapter,
        tenants.alta,
        chapter.prompt_ids[0],
        {"version": "0", "text": "Levert tekst"},
        True,
    )
    _submit(client, chapter, tenants.alta)
    locked = save(
        client,
        chapter,
        tenants.alta,
        chapter.prompt_ids[0],
        {"version": "1", "text": "Endret"},
        True,
    )
    assert "levert og kan ikke endres" in locked.get_data(as_text=True)
    auth.logout()
    auth.login(tenants.alta_steering)
    assert "Levert tekst" in client.get(delivery_url(chapter, tenants.alta)).get_data(as_text=True)
    auth.logout()
    auth.login(tenants.hemnes_coordinator)
    assert client.get(delivery_url(chapter, tenants.alta)).status_code == 403
    auth.logout()
    auth.login(tenants.alta_coordinator)
    post_form(
        client,
        delivery_url(chapter, tenants.alta, "/share"),
        {"shared": "y"},
        delivery_url(chapter, tenants.alta),
    )
    auth.logout()
    auth.login(tenants.hemnes_coordinator)
    page = client.get(delivery_url(chapter, tenants.alta))
    assert page.status_code == 200 and "Levert tekst" in page.get_data(as_text=True)
    assert 'name="text"' not in page.get_data(as_text=True)
    pdf = client.get(f"/networks/{tenants.north.id}/municipalities/{tenants.alta.id}/workbook.pdf")
    assert pdf.status_code == 200


def test_feedback_reaches_the_chapter_and_the_start_page(
    app, client, auth, tenants, chapter
) -> None:
    auth.login(tenants.alta_coordinator)
    empty = _submit(client, chapter, tenants.alta)
    assert "Svar på minst ett spørsmål" in client.get(empty.headers["Location"]).get_data(
        as_text=True
    )
    save(
        client, chapter, tenants.alta, chapter.prompt_ids[0], {"version": "0", "text": "Svar"}, True
    )
    _submit(client, chapter, tenants.alta)
    auth.logout()
    auth.login(tenants.facilitator)
    url = delivery_url(chapter, tenants.alta)
    post_form(
        client,
        delivery_url(chapter, tenants.alta, "/feedback"),
        {f"feedback-{chapter.prompt_ids[0]}": "God analyse.", "chapter_feedback": "Godt jobbet!"},
        url,
    )
    assert "Tilbakemelding gitt" in client.get(url).get_data(as_text=True)
    auth.logout()
    auth.login(tenants.alta_coordinator)
    page = client.get(url).get_data(as_text=True)
    assert "Godt jobbet!" in page and "God analyse." in page
    start = client.get("/").get_data(as_text=True)
    assert "Tilbakemeldinger på arbeidsboka" in start and "kapittel 2" in start
    auth.logout()
    auth.login(tenants.facilitator)
    post_form(client, delivery_url(chapter, tenants.alta, "/reopen"), {}, url)
    auth.logout()
    auth.login(tenants.alta_coordinator)
    again = save(
        client, chapter, tenants.alta, chapter.prompt_ids[0], {"version": "1", "text": "Nytt"}, True
    )
    assert "Lagret" in again.get_data(as_text=True)


def test_coordinators_cannot_give_feedback_or_reopen(app, client, auth, tenants, chapter) -> None:
    auth.login(tenants.alta_coordinator)
    save(
        client, chapter, tenants.alta, chapter.prompt_ids[0], {"version": "0", "text": "Svar"}, True
    )
    _submit(client, chapter, tenants.alta)
    url = delivery_url(chapter, tenants.alta)
    assert (
        post_form(client, delivery_url(chapter, tenants.alta, "/reopen"), {}, url).status_code
        == 403
    )
    response = post_form(
        client, delivery_url(chapter, tenants.alta, "/feedback"), {"chapter_feedback": "x"}, url
    )
    assert response.status_code == 403


# ---- history ---------------------------------------------------------------------------


def test_history_shows_what_changed(app, client, auth, tenants, chapter) -> None:
    auth.login(tenants.alta_coordinator)
    pid = chapter.prompt_ids[0]
    save(client, chapter, tenants.alta, pid, {"version": "0", "text": "Linje en\nLinje to"}, True)
    save(client, chapter, tenants.alta, pid, {"version": "1", "text": "Linje en\nLinje tre"}, True)
    page = client.get(delivery_url(chapter, tenants.alta, f"/answers/{pid}/history?a=1&b=2"))
    body = page.get_data(as_text=True)
    assert page.status_code == 200
    assert '<del><span class="ds-sr-only">Fjernet: </span>Linje to</del>' in body
    assert '<ins><span class="ds-sr-only">Lagt til: </span>Linje tre</ins>' in body


# ---- chapters, templates, board, timeline ----------------------------------------------


def test_facilitator_starts_chapters_from_templates(
    app, client, auth, tenants, make_network, grant
) -> None:
    auth.login(tenants.facilitator)
    new = f"/networks/{tenants.north.id}/chapters/new"
    response = post_form(
        client,
        f"/networks/{tenants.north.id}/chapters/from-template",
        {"t-source": "builtin:btv-nyttblikk-3", "t-due_on": "2019-01-29"},
        new,
    )
    assert response.status_code == 302
    chapter_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Kapittel 3: Framdriftsplan" in chapter_page and "Prioritert liste" in chapter_page
    other = make_network("Nettverk uten veileder")
    import sqlalchemy as sa

    from heltidnett.workbooks.models import Chapter

    with app.app_context():
        foreign = Chapter(network_id=other.id, number=1, title="Hemmelig")
        db.session.add(foreign)
        db.session.commit()
        foreign_id = foreign.id
        copied = db.session.scalar(sa.select(Chapter).where(Chapter.network_id == tenants.north.id))
    refused = post_form(
        client,
        f"/networks/{tenants.north.id}/chapters/from-template",
        {"t-source": f"chapter:{foreign_id}", "t-number": "9"},
        new,
    )
    assert refused.status_code == 422
    assert "Ikke et gyldig valg" in refused.get_data(
        as_text=True
    ) or "nettverk du leder" in refused.get_data(as_text=True)
    again = post_form(
        client,
        f"/networks/{tenants.north.id}/chapters/from-template",
        {"t-source": f"chapter:{copied.id}"},
        new,
    )
    assert "allerede et kapittel 3" in again.get_data(as_text=True)


def test_facilitator_builds_a_chapter_with_prompts(app, client, auth, tenants) -> None:
    auth.login(tenants.facilitator)
    new = f"/networks/{tenants.north.id}/chapters/new"
    created = post_form(client, new, {"c-number": "1", "c-title": "Innsikt", "c-introduction": ""})
    assert created.status_code == 302
    chapter_url = created.headers["Location"]
    chapter_id = int(chapter_url.rsplit("/", 1)[1])
    bad = post_form(
        client,
        f"/chapters/{chapter_id}/prompts",
        {"p-kind": "choice", "p-label": "Hvor?", "p-options": "Bare ett"},
        chapter_url,
    )
    assert bad.status_code == 422 and "minst to alternativer" in bad.get_data(as_text=True)
    assert "Hvor?" in bad.get_data(as_text=True)
    ok = post_form(
        client,
        f"/chapters/{chapter_id}/prompts",
        {"p-kind": "table", "p-label": "Gap", "p-options": "Enhet\nPlanlagt"},
        chapter_url,
    )
    assert ok.status_code == 302
    assert "Enhet\nPlanlagt" in client.get(chapter_url).get_data(as_text=True)
    auth.logout()
    auth.login(tenants.alta_coordinator)
    assert post_form(client, new, {"c-number": "4", "c-title": "x"}, "/").status_code == 403


def test_board_shows_overdue_and_timeline_slot(app, client, auth, tenants, chapter) -> None:
    from heltidnett.workbooks.models import Chapter

    with app.app_context():
        db.session.get(Chapter, chapter.id).due_on = date.today() - timedelta(days=3)
        db.session.commit()
    auth.login(tenants.facilitator)
    board = client.get(f"/networks/{tenants.north.id}/workbook/board").get_data(as_text=True)
    assert board.count("Forfalt for 3 dager siden") == 2
    network = client.get(f"/networks/{tenants.north.id}").get_data(as_text=True)
    assert "Arbeidsbok kapittel 2: Forankring og nåsituasjon" in network
    assert "0 av 2 levert" in network and "Forfalt: Alta, Hemnes (2 kommuner)" in network
    auth.logout()
    auth.login(tenants.alta_coordinator)
    assert client.get(f"/networks/{tenants.north.id}/workbook/board").status_code == 403


def test_milestone_column_counts_delivered_chapters(app, client, auth, tenants, chapter) -> None:
    from heltidnett.auth.models import User
    from heltidnett.networks import milestones
    from heltidnett.networks.models import Network

    auth.login(tenants.alta_coordinator)
    save(
        client, chapter, tenants.alta, chapter.prompt_ids[0], {"version": "0", "text": "Svar"}, True
    )
    _submit(client, chapter, tenants.alta)
    with app.test_request_context():
        user = db.session.get(User, tenants.facilitator.id)
        columns = milestones.build(db.session, db.session.get(Network, tenants.north.id), user)
        column = next(c for c in columns if c.key == "workbook_delivered")
        assert column.title == "Arbeidsbok levert"
        assert (
            column.cells[tenants.alta.id].done and column.cells[tenants.alta.id].label == "1 av 1"
        )
        assert column.cells[tenants.alta.id].url.endswith(delivery_url(chapter, tenants.alta))
        assert not column.cells[tenants.hemnes.id].done


# ---- outputs ---------------------------------------------------------------------------


def _three_chapters(app: Any, client: Any, auth: Any, tenants: Any, chapter: Any) -> None:
    from heltidnett.workbooks import library, services

    with app.app_context():
        from heltidnett.auth.models import User
        from heltidnett.networks.models import Network

        network = db.session.get(Network, tenants.north.id)
        admin = db.session.get(User, tenants.admin.id)
        for number, key in ((3, "btv-nyttblikk-3"), (4, "heltid-i-nord-2")):
            made = services.create_from_template(
                db.session, admin, network, f"builtin:{key}", number=number
            )
            services.open_chapter(db.session, admin, made)
        db.session.commit()
        assert library.BUILT_IN
    auth.login(tenants.alta_coordinator)
    from heltidnett.workbooks.models import Chapter

    with app.app_context():
        import sqlalchemy as sa

        chapters = db.session.scalars(
            sa.select(Chapter)
            .where(Chapter.network_id == tenants.north.id)
            .order_by(Chapter.number)
        ).all()
        ids = [(c, [p.id for p in c.prompts]) for c in chapters]
    long_text = "\n\n".join(
        f"Avsnitt {n}: Vi har kartlagt turnus, stillingsstørrelser og kompetanse i pilotene." * 3
        for n in range(6)
    )
    for c, prompt_ids in ids:
        save(client, c, tenants.alta, prompt_ids[0], {"version": "0", "text": long_text}, True)


def test_municipality_pdf_has_cover_contents_and_page_numbers(
    app, client, auth, tenants, chapter
) -> None:
    _three_chapters(app, client, auth, tenants, chapter)
    response = client.get(
        f"/networks/{tenants.north.id}/municipalities/{tenants.alta.id}/workbook.pdf"
    )
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader = PdfReader(io.BytesIO(response.data))
    assert reader.metadata.title == "Arbeidsbok for Alta kommune"
    assert reader.trailer["/Root"]["/Lang"] == "nb"
    assert len(reader.pages) >= 5
    cover, contents = reader.pages[0].extract_text(), reader.pages[1].extract_text()
    assert "Arbeidsbok for Alta kommune" in " ".join(cover.split())
    assert "HELTID I NORD" in cover
    assert "Innhold" in contents
    assert "Kapittel 2: Forankring og nåsituasjon" in contents and "Kapittel 4" in contents
    chapter_page = next(
        i
        for i, p in enumerate(reader.pages[2:], start=3)
        if "Prosessen for forankring" in p.extract_text()
    )
    assert (
        f". {chapter_page}" in contents.replace("\u00a0", " ") or f" {chapter_page}\n" in contents
    )
    assert f"{chapter_page} / {len(reader.pages)}" in reader.pages[chapter_page - 1].extract_text()


def test_nynorsk_municipality_gets_a_nynorsk_pdf(app, client, auth, tenants, chapter) -> None:
    from heltidnett.municipalities.models import Municipality, WrittenStandard

    with app.app_context():
        db.session.get(Municipality, tenants.alta.id).written_standard = WrittenStandard.NYNORSK
        db.session.commit()
    auth.login(tenants.alta_coordinator)
    save(
        client, chapter, tenants.alta, chapter.prompt_ids[0], {"version": "0", "text": "Svar"}, True
    )
    response = client.get(
        f"/networks/{tenants.north.id}/municipalities/{tenants.alta.id}/workbook.pdf"
    )
    reader = PdfReader(io.BytesIO(response.data))
    assert reader.trailer["/Root"]["/Lang"] == "nn"
    assert "Arbeidsbok for Alta kommune" in " ".join(reader.pages[0].extract_text().split())
    text = "".join(p.extract_text() for p in reader.pages)
    assert "Ikkje svart på." in text


def test_word_document_has_the_answers(app, client, auth, tenants, chapter) -> None:
    from docx import Document

    auth.login(tenants.alta_coordinator)
    save(
        client,
        chapter,
        tenants.alta,
        chapter.prompt_ids[0],
        {"version": "0", "text": "- Ledelsen\n- Tillitsvalgte"},
        True,
    )
    save(
        client,
        chapter,
        tenants.alta,
        chapter.prompt_ids[5],
        {"version": "0", "cell-0-0": "Elvebakken", "cell-0-1": "30 %"},
        True,
    )
    response = client.get(
        f"/networks/{tenants.north.id}/municipalities/{tenants.alta.id}/workbook.docx"
    )
    assert response.status_code == 200
    document = Document(io.BytesIO(response.data))
    text = [p.text for p in document.paragraphs]
    assert "Arbeidsbok for Alta kommune" in text
    assert "Kapittel 2: Forankring og nåsituasjon" in text
    assert "Ledelsen" in text and "Tillitsvalgte" in text
    assert document.tables[0].rows[1].cells[0].text == "Elvebakken"


def test_compiled_network_workbook_is_for_facilitators(app, client, auth, tenants, chapter) -> None:
    auth.login(tenants.alta_coordinator)
    save(
        client,
        chapter,
        tenants.alta,
        chapter.prompt_ids[0],
        {"version": "0", "text": "Altas svar"},
        True,
    )
    assert client.get(f"/networks/{tenants.north.id}/workbook.pdf").status_code == 403
    auth.logout()
    auth.login(tenants.facilitator)
    response = client.get(f"/networks/{tenants.north.id}/workbook.pdf")
    reader = PdfReader(io.BytesIO(response.data))
    text = "".join(p.extract_text() for p in reader.pages)
    assert reader.metadata.title == "Arbeidsbok for Heltid i nord"
    assert "Alta kommune" in text and "Hemnes kommune" in text and "Altas svar" in text


# ---- API -------------------------------------------------------------------------------


def test_a_delivery_not_started_is_shown_but_not_saved(
    app, client, auth, tenants, chapter, api_token
) -> None:
    """Every municipality of the network has a delivery of each chapter; reading one that has
    never been changed writes nothing, and one outside the network is not there (404)."""
    from heltidnett.workbooks.models import ChapterDelivery

    auth.login(tenants.facilitator)
    page = client.get(delivery_url(chapter, tenants.alta))
    assert page.status_code == 200 and "Ikke startet" in page.get_data(as_text=True)
    assert client.get(delivery_url(chapter, tenants.rana)).status_code == 404
    auth.logout()
    auth.login(tenants.hemnes_coordinator)
    assert client.get(delivery_url(chapter, tenants.alta)).status_code == 403
    auth.logout()
    headers = api_token(tenants.alta_coordinator)
    body = client.get(
        f"/api/v1/chapters/{chapter.id}/deliveries/{tenants.alta.id}", headers=headers
    ).get_json()
    assert body["status"] == "not_started" and body["answers"] == []
    with app.app_context():
        assert db.session.scalars(db.select(ChapterDelivery)).all() == []


def test_an_answer_to_another_chapters_prompt_is_not_found(
    app, client, auth, tenants, chapter, api_token
) -> None:
    from heltidnett.workbooks.models import Chapter, Prompt

    with app.app_context():
        other = Chapter(
            network_id=tenants.north.id,
            number=3,
            title="Neste kapittel",
            opens_at=datetime.now(UTC) - timedelta(hours=1),
        )
        other.prompts.append(Prompt(position=1, label="Et annet spørsmål"))
        db.session.add(other)
        db.session.commit()
        foreign = other.prompts[0].id
    auth.login(tenants.alta_coordinator)
    saved = save(
        client, chapter, tenants.alta, foreign, {"version": "0", "text": "Feil sted"}, False
    )
    assert saved.status_code == 404
    auth.logout()
    put = client.put(
        f"/api/v1/chapters/{chapter.id}/deliveries/{tenants.alta.id}/answers/{foreign}",
        json={"text": "Feil sted", "version": 0},
        headers=api_token(tenants.alta_coordinator),
    )
    assert put.status_code == 404


def test_api_reads_and_writes_answers_with_versions(
    app, client, tenants, chapter, api_token
) -> None:
    headers = api_token(tenants.alta_coordinator)
    listed = client.get(f"/api/v1/networks/{tenants.north.id}/chapters", headers=headers)
    assert [c["number"] for c in listed.get_json()] == [2]
    assert '"total": 1' in listed.headers["X-Pagination"]
    one = client.get(f"/api/v1/chapters/{chapter.id}", headers=headers).get_json()
    assert [p["kind"] for p in one["prompts"]] == [
        "text",
        "smart",
        "ranked",
        "scale",
        "choice",
        "table",
    ]
    base = f"/api/v1/chapters/{chapter.id}/deliveries/{tenants.alta.id}"
    text_id, scale_id = chapter.prompt_ids[0], chapter.prompt_ids[3]
    put = client.put(
        f"{base}/answers/{text_id}",
        json={"text": "Fra API", "version": 0},
        headers=headers,
    )
    assert put.status_code == 200 and put.get_json()["version"] == 1
    stale = client.put(
        f"{base}/answers/{text_id}",
        json={"text": "Gammel", "version": 0},
        headers=headers,
    )
    assert stale.status_code == 409
    error = stale.get_json()["error"]
    assert error["code"] == "version_conflict" and error["details"]["version"] == 1
    assert error["details"]["current"]["content"]["text"] == "Fra API"
    bad = client.put(
        f"{base}/answers/{scale_id}", json={"value": 42, "version": 0}, headers=headers
    )
    assert bad.status_code == 422 and "fra 1 til 10" in bad.get_json()["error"]["message"]
    neither = client.put(f"{base}/answers/{scale_id}", json={"version": 0}, headers=headers)
    assert neither.status_code == 422
    ok = client.put(f"{base}/answers/{scale_id}", json={"value": 8, "version": 0}, headers=headers)
    assert ok.get_json()["content"] == {"value": 8}
    delivery = client.get(base, headers=headers).get_json()
    assert delivery["status"] == "in_progress"
    assert {a["prompt_id"]: a["version"] for a in delivery["answers"]} == {text_id: 1, scale_id: 1}
    rana = api_token(tenants.rana_coordinator)
    assert client.get(f"/api/v1/chapters/{chapter.id}", headers=rana).status_code == 403
    assert (
        client.get(f"/api/v1/networks/{tenants.north.id}/chapters", headers=rana).status_code == 403
    )


def test_rana_sees_altas_chapter_only_once_submitted_and_shared(
    app, client, auth, tenants, chapter, grant, api_token
) -> None:
    """Rana in the same network: 403 for Alta's draft everywhere, readable once shared."""
    from heltidnett.networks.models import Participation

    with app.app_context():
        db.session.add(Participation(network_id=tenants.north.id, municipality_id=tenants.rana.id))
        db.session.commit()
    grant(tenants.rana_coordinator, tenants.north, "coordinator", tenants.rana)
    auth.login(tenants.alta_coordinator)
    text_id = chapter.prompt_ids[0]
    save(client, chapter, tenants.alta, text_id, {"version": "0", "text": "Altas utkast"}, True)
    auth.logout()
    north, alta = tenants.north.id, tenants.alta.id
    pages = [
        delivery_url(chapter, tenants.alta),
        f"/networks/{north}/municipalities/{alta}/workbook.pdf",
        f"/networks/{north}/municipalities/{alta}/workbook.docx",
    ]
    api = f"/api/v1/chapters/{chapter.id}/deliveries/{alta}"
    auth.login(tenants.rana_coordinator)
    assert [client.get(url).status_code for url in pages] == [403, 403, 403]
    auth.logout()
    headers = api_token(tenants.rana_coordinator)
    assert client.get(api, headers=headers).status_code == 403
    auth.login(tenants.alta_coordinator)
    _submit(client, chapter, tenants.alta, share=True)
    auth.logout()
    assert client.get(api, headers=headers).get_json()["answers"][0]["content"]["text"] == (
        "Altas utkast"
    )
    put = client.put(
        f"{api}/answers/{text_id}",
        json={"text": "Ranas endring", "version": 1},
        headers=headers,
    )
    assert put.status_code == 403
    auth.login(tenants.rana_coordinator)
    assert [client.get(url).status_code for url in pages] == [200, 200, 200]
    assert "Altas utkast" in client.get(pages[0]).get_data(as_text=True)


def test_chapters_of_a_closed_network_are_not_chased() -> None:
    """Overdue means past due, undelivered, open, and in a network that still runs."""
    from datetime import date
    from types import SimpleNamespace

    from heltidnett.networks.models import NetworkStatus
    from heltidnett.workbooks.models import DeliveryStatus
    from heltidnett.workbooks.services import is_overdue

    today = date(2019, 6, 1)
    for status, expected in ((NetworkStatus.ACTIVE, True), (NetworkStatus.CLOSED, False)):
        chapter = SimpleNamespace(
            due_on=date(2019, 1, 29), is_open=True, network=SimpleNamespace(status=status)
        )
        assert is_overdue(chapter, DeliveryStatus.IN_PROGRESS, today) is expected
    active = SimpleNamespace(
        due_on=date(2019, 1, 29), is_open=True, network=SimpleNamespace(status=NetworkStatus.ACTIVE)
    )
    draft = SimpleNamespace(
        due_on=date(2019, 1, 29),
        is_open=False,
        network=SimpleNamespace(status=NetworkStatus.ACTIVE),
    )
    assert is_overdue(draft, DeliveryStatus.NOT_STARTED, today) is False
    assert is_overdue(active, DeliveryStatus.SUBMITTED, today) is False
    assert is_overdue(active, DeliveryStatus.NOT_STARTED, date(2019, 1, 29)) is False
