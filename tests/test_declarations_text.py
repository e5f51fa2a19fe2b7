"""The declaration's text (issue 14, items 7 and 8): the definition text agrees with the
definition chosen, the overview shows an own threshold as declared, and the structure people
type (paragraphs, lists) is kept on the page, in the comparison and in the PDF."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from typing import Any

import pytest
from flask import Flask
from pypdf import PdfReader

from heltidnett.core import markup
from heltidnett.declarations import services
from heltidnett.declarations.models import DeclarationVersion, DefinitionKind, Status
from heltidnett.extensions import db
from tests.conftest import post_form
from tests.test_declarations import ALL_TRANSITIONS, _move, _revision, _start

NBSP = "\u00a0"
# The measures of Bodø's demo declaration: seen as one run-on line in the PDF.
BODO_MEASURES = (
    "- Ny oppgavedeling ved to sykehjem, så i hele helse og omsorg\n"
    "- Alle ledige stillinger lyses ut som hele stillinger\n"
    "- Assistenter på dagtid, så sykepleierne kan gjøre sykepleieroppgaver"
)
BODO_ITEMS = [line[2:] for line in BODO_MEASURES.split("\n")]
GOALS = (
    "Andelen hele stillinger skal være minst 50 % innen 2020.\n"
    "Ingen sykepleiervakter skal dekkes av vikarbyrå.\n\n"
    "Vi følger målene opp hvert halvår."
)


def _save(app: Flask, version_id: int, data: dict[str, Any]) -> DeclarationVersion:
    with app.app_context():
        version = db.session.get(DeclarationVersion, version_id)
        services.update_version(db.session, None, version, data, base_revision=version.revision)
        db.session.commit()
        db.session.refresh(version)
        db.session.expunge(version)
        return version


# ---- item 7: the definition text follows the definition chosen ----------------------------


def test_template_definition_text_follows_the_choice(app: Flask, tenants: Any) -> None:
    """The template's sentence is rewritten from the choice: no "100 %" under 85,5 %."""
    version_id = _start(app, tenants.alta, tenants.alta_coordinator)
    with app.app_context():
        text = db.session.get(DeclarationVersion, version_id).definition_text
    assert text == "Heltid er 100 % stilling."
    # the form sends the text back as it stood: the template's sentence for 100 %
    version = _save(
        app,
        version_id,
        {"definition_kind": "other", "threshold_percent": 85.5, "definition_text": text},
    )
    assert version.definition_text == "Heltid er stilling på 85,5 % eller mer."
    version = _save(app, version_id, {"definition_kind": "at_least_80"})
    assert version.definition_text == "Heltid er stilling på 80 % eller mer."
    version = _save(app, version_id, {"definition_kind": "full"})
    assert version.definition_text == "Heltid er 100 % stilling."


def test_nynorsk_definition_text_follows_the_choice(app: Flask, tenants: Any) -> None:
    with app.app_context():
        from heltidnett.municipalities.models import Municipality, WrittenStandard

        db.session.get(Municipality, tenants.hemnes.id).written_standard = WrittenStandard.NYNORSK
        db.session.commit()
    version_id = _start(app, tenants.hemnes, tenants.hemnes_coordinator)
    version = _save(app, version_id, {"definition_kind": "other", "threshold_percent": 85.5})
    assert version.definition_text == "Heiltid er stilling på 85,5 % eller meir."


def test_own_text_that_states_another_percentage_is_refused_with_the_field_marked(
    app: Flask, client: Any, auth: Any, tenants: Any
) -> None:
    version_id = _start(app, tenants.alta, tenants.alta_coordinator)
    auth.login(tenants.alta_coordinator)
    edit = f"/municipalities/{tenants.alta.id}/declaration/versions/1/edit"
    own = "Heltid er 100 % stilling. Alle som ønsker det, skal få hel stilling."
    data = {
        "definition_kind": "other",
        "threshold_percent": "85,5",
        "definition_text": own,
        "measures": BODO_MEASURES,
        "revision": _revision(client, edit),
    }
    response = post_form(client, edit, data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    message = (
        f"Teksten om hva dere mener med heltid sier 100{NBSP}%, men definisjonen som er valgt, "
        f"er «En annen grense: 85,5{NBSP}%»."
    )
    assert message in page
    field = re.search(r'<textarea[^>]*id="definition_text"[^>]*>', page)
    assert field and 'aria-invalid="true"' in field.group(0)
    assert own in page and "Assistenter på dagtid" in page  # nothing typed is lost
    with app.app_context():
        version = db.session.get(DeclarationVersion, version_id)
        assert (version.definition_kind, version.definition_text) == (
            DefinitionKind.FULL,
            "Heltid er 100 % stilling.",
        )
    # the text saying the chosen threshold (among other numbers) is saved
    data["definition_text"] = "Heltid er stilling på minst 85,5 %. Målet er 100 % for flest mulig."
    data["revision"] = _revision(client, edit)
    assert post_form(client, edit, data).status_code == 302


def test_a_contradiction_is_told_before_it_goes_further(
    app: Flask, client: Any, auth: Any, tenants: Any
) -> None:
    """A version saved before the rule (the text says 100 %, the choice 85,5 %) is flagged on
    its page and cannot go on consultation or be approved until one of them is changed."""
    version_id = _start(app, tenants.alta, tenants.alta_coordinator)
    with app.app_context():
        version = db.session.get(DeclarationVersion, version_id)
        version.definition_kind, version.threshold_percent = DefinitionKind.OTHER, 85.5
        db.session.commit()
    auth.login(tenants.alta_coordinator)
    show = f"/municipalities/{tenants.alta.id}/declaration"
    page = client.get(show).get_data(as_text=True)
    assert 'id="definition-conflict"' in page
    assert "Teksten og definisjonen av heltid sier ikke det samme" in page
    transitions = f"/municipalities/{tenants.alta.id}/declaration/versions/1/transitions"
    response = post_form(client, transitions, {"target": "consultation"}, form_page=show)
    assert response.status_code == 422
    assert f"sier 100{NBSP}%" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(DeclarationVersion, version_id).status == Status.DRAFT


def test_network_overview_shows_the_own_threshold_as_declared(
    app: Flask, client: Any, auth: Any, tenants: Any
) -> None:
    """85,5 % in the declaration is 85,5 % in the overview, not "86 %"."""
    version_id = _start(app, tenants.alta, tenants.alta_coordinator)
    _save(app, version_id, {"definition_kind": "other", "threshold_percent": 85.5})
    _move(app, version_id, *ALL_TRANSITIONS)
    auth.login(tenants.facilitator)
    page = client.get(f"/networks/{tenants.north.id}/declarations").get_data(as_text=True)
    assert f"En annen grense: 85,5{NBSP}%" in page
    assert f"86{NBSP}%" not in page
    declaration = client.get(f"/municipalities/{tenants.alta.id}/declaration").text
    assert f"En annen grense: 85,5{NBSP}%" in declaration
    assert "Heltid er stilling på 85,5 % eller mer." in declaration


# ---- item 8: paragraphs and lists are kept ------------------------------------------------


def test_core_markup_keeps_the_structure_typed() -> None:
    blocks = markup.blocks(BODO_MEASURES + "\n\n" + GOALS)
    assert [(b.tag, len(b.lines)) for b in blocks] == [("ul", 3), ("p", 2), ("p", 1)]
    assert markup.to_html("- a\n- b\n\nc\nd") == "<ul><li>a</li><li>b</li></ul><p>c<br>d</p>"


def _published_with_structure(app: Flask, tenants: Any) -> int:
    version_id = _start(app, tenants.alta, tenants.alta_coordinator)
    _save(app, version_id, {"measures": BODO_MEASURES, "goals": GOALS})
    _move(app, version_id, *ALL_TRANSITIONS)
    return version_id


def test_sections_keep_paragraphs_and_lists_on_the_page(
    app: Flask, client: Any, auth: Any, tenants: Any
) -> None:
    _published_with_structure(app, tenants)
    auth.login(tenants.hemnes_participant)
    page = client.get(f"/municipalities/{tenants.alta.id}/declaration").get_data(as_text=True)
    items = "".join(f"<li>{item}</li>" for item in BODO_ITEMS)
    assert f'<div class="section-text" data-section="measures"><ul>{items}</ul></div>' in page
    assert (
        "<p>Andelen hele stillinger skal være minst 50 % innen 2020.<br>"
        "Ingen sykepleiervakter skal dekkes av vikarbyrå.</p>"
        "<p>Vi følger målene opp hvert halvår.</p>"
    ) in page
    assert "- Ny oppgavedeling" not in page


def _pdf_lines(data: bytes) -> list[str]:
    """The PDF's text line by line (pdftotext when installed, else pypdf)."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext:
        out = subprocess.run(  # noqa: S603 - pdftotext on our own PDF
            [pdftotext, "-layout", "-", "-"], input=data, capture_output=True, check=True
        ).stdout.decode()
    else:
        out = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    return [" ".join(line.split()) for line in out.splitlines() if line.strip()]


def test_sections_keep_paragraphs_and_lists_in_the_pdf(
    app: Flask, client: Any, auth: Any, tenants: Any
) -> None:
    _published_with_structure(app, tenants)
    auth.login(tenants.hemnes_participant)
    response = client.get(f"/municipalities/{tenants.alta.id}/declaration.pdf")
    assert response.status_code == 200
    lines = _pdf_lines(response.data)
    for item in BODO_ITEMS:  # each item on a line of its own, behind its bullet
        line = next(line for line in lines if item in line)
        assert line.endswith(item) and line.startswith("•"), line
    assert not any("- Ny oppgavedeling" in line for line in lines)
    goals = [
        "Andelen hele stillinger skal være minst 50 % innen 2020.",
        "Ingen sykepleiervakter skal dekkes av vikarbyrå.",
        "Vi følger målene opp hvert halvår.",
    ]
    for sentence in goals:
        assert sentence in lines, (sentence, lines)


def test_the_comparison_keeps_the_lists(app: Flask, client: Any, auth: Any, tenants: Any) -> None:
    version_id = _published_with_structure(app, tenants)
    with app.app_context():
        declaration = db.session.get(DeclarationVersion, version_id).declaration
        v2 = services.start_version(db.session, None, declaration)
        db.session.commit()
        v2_id = v2.id
    _save(app, v2_id, {"measures": BODO_MEASURES + "\n- Langvakter i helg"})
    auth.login(tenants.alta_coordinator)
    page = client.get(
        f"/municipalities/{tenants.alta.id}/declaration/compare?from=1&to=2"
    ).get_data(as_text=True)
    section = page[page.index('id="diff-measures"') : page.index('id="diff-follow_up"')]
    unchanged = "".join(f"<li>{item}</li>" for item in BODO_ITEMS)
    assert f'<ul class="diff-text diff-list">{unchanged}<li><ins>' in section
    assert "Langvakter i helg" in section and "- Langvakter" not in section


@pytest.mark.parametrize(
    ("old", "new", "tags"),
    [
        ("a\n\nb", "a\nb", ["p"]),
        ("- a\n- b", "- a\n- c\n- d", ["ul"]),
        ("Tekst", "Tekst\n\n1. en\n2. to", ["p", "ol"]),
    ],
)
def test_diff_text_follows_the_new_structure(old: str, new: str, tags: list[str]) -> None:
    assert [block.tag for block in services.diff_text(old, new)] == tags
