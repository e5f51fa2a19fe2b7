"""The full-time declaration: workflow, versions, access, comments, diff, PDF, API, threshold."""

from __future__ import annotations

import io
import math
import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from flask import Flask
from pypdf import PdfReader

from heltidnett.declarations import services
from heltidnett.declarations.models import Declaration, DeclarationVersion, DefinitionKind, Status
from heltidnett.declarations.threshold import (
    DEFAULT_THRESHOLD,
    FulltimeDefinition,
    definition_of,
    fulltime_definition,
    fulltime_threshold,
)
from heltidnett.extensions import db
from tests.conftest import post_form

# ---- the state machine, without Flask -----------------------------------------------------


def test_allowed_transitions_follow_the_workflow() -> None:
    assert services.allowed_transitions(Status.DRAFT) == (Status.CONSULTATION,)
    assert services.allowed_transitions(Status.CONSULTATION) == (Status.DRAFT, Status.APPROVED)
    assert services.allowed_transitions(Status.APPROVED) == (Status.ADOPTED,)
    assert services.allowed_transitions(Status.ADOPTED) == (Status.PUBLISHED,)
    assert services.allowed_transitions(Status.PUBLISHED) == ()


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (Status.DRAFT, Status.ADOPTED),
        (Status.DRAFT, Status.PUBLISHED),
        (Status.CONSULTATION, Status.ADOPTED),
        (Status.APPROVED, Status.DRAFT),
        (Status.PUBLISHED, Status.DRAFT),
    ],
)
def test_illegal_transitions_raise(current: Status, target: Status) -> None:
    facts = services.TransitionFacts(
        approved_on=date(2018, 1, 1),
        adopted_on=date(2018, 2, 1),
        adopted_by_body="Kommunestyret",
        case_number="18/1234",
    )
    with pytest.raises(services.TransitionError):
        services.check_transition(current, target, facts, today=date(2018, 3, 1))


def test_adoption_needs_body_date_and_case_number() -> None:
    today = date(2018, 3, 1)
    check = services.check_transition
    with pytest.raises(services.TransitionError) as error:
        check(Status.APPROVED, Status.ADOPTED, services.TransitionFacts(), today=today)
    assert error.value.field == "adopted_by_body"
    facts = services.TransitionFacts(adopted_by_body="Kommunestyret", adopted_on=date(2018, 2, 15))
    with pytest.raises(services.TransitionError) as error:
        check(Status.APPROVED, Status.ADOPTED, facts, today=today)
    assert error.value.field == "case_number"
    facts.case_number = "atten/12"
    with pytest.raises(services.TransitionError):
        check(Status.APPROVED, Status.ADOPTED, facts, today=today)
    facts.case_number = " 18/1234 "
    with pytest.raises(services.TransitionError) as error:
        check(Status.APPROVED, Status.ADOPTED, facts, today=today, approved_on=date(2018, 2, 20))
    assert error.value.field == "adopted_on"
    clean = check(Status.APPROVED, Status.ADOPTED, facts, today=today, approved_on=date(2018, 1, 5))
    assert (clean.case_number, clean.adopted_by_body) == ("18/1234", "Kommunestyret")


def test_approval_date_is_required_and_not_in_the_future() -> None:
    with pytest.raises(services.TransitionError) as error:
        services.check_transition(
            Status.CONSULTATION, Status.APPROVED, services.TransitionFacts(), today=date(2018, 3, 1)
        )
    assert error.value.field == "approved_on"
    with pytest.raises(services.TransitionError):
        services.check_transition(
            Status.CONSULTATION,
            Status.APPROVED,
            services.TransitionFacts(approved_on=date(2018, 3, 2)),
            today=date(2018, 3, 1),
        )


def test_definitions_and_the_ssb_strictly_above_90() -> None:
    ssb = definition_of(DefinitionKind.SSB_OVER_90, None)
    assert (ssb.threshold, ssb.strict) == (90.0, True)
    assert not ssb.is_fulltime(90.0)
    assert ssb.is_fulltime(90.01)
    assert ssb.inclusive_threshold == math.nextafter(90.0, math.inf)
    assert ssb.inclusive_threshold > 90.0
    assert definition_of(DefinitionKind.AT_LEAST_80, None).is_fulltime(80.0)
    assert not definition_of(DefinitionKind.FULL, None).is_fulltime(99.9)
    assert definition_of(DefinitionKind.OTHER, 85.0) == FulltimeDefinition(85.0)


def test_word_diff_marks_inserted_and_deleted_words() -> None:
    changes = services.diff_words("Heltid er 100 % stilling.", "Heltid er 80 % stilling eller mer.")
    assert [(c.op, c.text) for c in changes if c.op != "equal"] == [
        ("delete", "100"),
        ("insert", "80"),
        ("delete", "stilling."),
        ("insert", "stilling eller mer."),
    ]


# ---- helpers --------------------------------------------------------------------------


def _start(app: Flask, municipality: Any, actor: Any) -> int:
    with app.app_context():
        from heltidnett.municipalities.models import Municipality

        version = services.start_declaration(
            db.session, actor, db.session.get(Municipality, municipality.id)
        )
        db.session.commit()
        return version.id


def _move(app: Flask, version_id: int, *targets: Status, **facts: Any) -> None:
    defaults = {
        "approved_on": date(2018, 1, 16),
        "adopted_on": date(2018, 2, 15),
        "adopted_by_body": "Kommunestyret",
        "case_number": "18/204",
    }
    with app.app_context():
        version = db.session.get(DeclarationVersion, version_id)
        for target in targets:
            services.transition(
                db.session, None, version, target, services.TransitionFacts(**{**defaults, **facts})
            )
        db.session.commit()


def _revision(client: Any, edit: str) -> str:
    """The revision the edit form is opened at (its hidden field)."""
    match = re.search(r'name="revision" type="hidden" value="(\d+)"', client.get(edit).text)
    assert match, "the edit form carries the revision it was opened at"
    return match.group(1)


ALL_TRANSITIONS = (Status.CONSULTATION, Status.APPROVED, Status.ADOPTED, Status.PUBLISHED)


def _pdf_text(data: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(p.extract_text() for p in reader.pages), len(reader.pages)


# ---- the threshold the staffing domain reads ---------------------------------------------


def test_threshold_reads_the_adopted_version_only(app: Flask, tenants: Any) -> None:
    version_id = _start(app, tenants.alta, tenants.alta_coordinator)
    with app.app_context():
        assert fulltime_threshold(db.session, tenants.alta.id) == DEFAULT_THRESHOLD
        version = db.session.get(DeclarationVersion, version_id)
        services.update_version(
            db.session,
            None,
            version,
            {"definition_kind": "other", "threshold_percent": 85},
            base_revision=version.revision,
        )
        db.session.commit()
        assert fulltime_threshold(db.session, tenants.alta.id) == 100.0
    _move(app, version_id, Status.CONSULTATION, Status.APPROVED, Status.ADOPTED)
    with app.app_context():
        assert fulltime_threshold(db.session, tenants.alta.id) == 85.0
        assert fulltime_threshold(db.session, tenants.hemnes.id) == 100.0
        declaration = db.session.get(DeclarationVersion, version_id).declaration
        version_2 = services.start_version(db.session, None, declaration)
        services.update_version(
            db.session,
            None,
            version_2,
            {"definition_kind": "ssb_over_90"},
            base_revision=version_2.revision,
        )
        db.session.commit()
        assert fulltime_threshold(db.session, tenants.alta.id) == 85.0
    with app.app_context():
        version_2_id = db.session.get(DeclarationVersion, version_id).declaration.versions[-1].id
    _move(app, version_2_id, Status.CONSULTATION, Status.APPROVED, Status.ADOPTED)
    with app.app_context():
        definition = fulltime_definition(db.session, tenants.alta.id)
        assert (definition.threshold, definition.strict) == (90.0, True)
        assert fulltime_threshold(db.session, tenants.alta.id) > 90.0


def test_other_threshold_must_be_between_0_and_100(app: Flask, tenants: Any) -> None:
    version_id = _start(app, tenants.alta, tenants.alta_coordinator)
    with app.app_context():
        version = db.session.get(DeclarationVersion, version_id)
        for bad in (None, 0, 120):
            with pytest.raises(services.ServiceError):
                services.update_version(
                    db.session,
                    None,
                    version,
                    {"definition_kind": "other", "threshold_percent": bad},
                    base_revision=version.revision,
                )


@pytest.mark.parametrize("typed", ["85,5", "85.5", " 85,5 ", "85,50"])
def test_own_threshold_takes_a_decimal_comma(
    app: Flask, client: Any, auth: Any, tenants: Any, typed: str
) -> None:
    """'85,5' is how a Norwegian types it (issue 14, item 6); the page shows it back so."""
    version_id = _start(app, tenants.alta, tenants.alta_coordinator)
    auth.login(tenants.alta_coordinator)
    edit = f"/municipalities/{tenants.alta.id}/declaration/versions/1/edit"
    data = {
        "definition_kind": "other",
        "threshold_percent": typed,
        "revision": _revision(client, edit),
    }
    response = post_form(client, edit, data)
    assert response.status_code == 302, response.get_data(as_text=True)[-2000:]
    with app.app_context():
        assert float(db.session.get(DeclarationVersion, version_id).threshold_percent) == 85.5
    assert 'value="85,5"' in client.get(edit).get_data(as_text=True)


def test_parse_number_reads_norwegian_numbers() -> None:
    from heltidnett.core.numbers import parse_number

    assert parse_number("1 322,5") == Decimal("1322.5")
    assert parse_number("1\u00a0322,5") == Decimal("1322.5")
    assert parse_number(" 85.5 ") == Decimal("85.5")


# ---- the main flow in pages ---------------------------------------------------------------


def test_coordinator_takes_a_declaration_from_draft_to_published_and_revises(
    app: Flask, client: Any, auth: Any, tenants: Any
) -> None:
    auth.login(tenants.alta_coordinator)
    mid = tenants.alta.id
    page = client.get(f"/municipalities/{mid}/declaration").get_data(as_text=True)
    assert "Start en heltidserklæring fra malen" in page
    response = post_form(
        client,
        f"/municipalities/{mid}/declaration",
        {},
        form_page=f"/municipalities/{mid}/declaration",
    )
    assert response.status_code == 302
    edit = f"/municipalities/{mid}/declaration/versions/1/edit"
    page = client.get(edit).get_data(as_text=True)
    assert "12.02.2013" in page  # the template's starting text
    assert "lokale retningslinjer for å øke antall heltidsstillinger" in page  # guidance
    data = {
        "definition_kind": "at_least_80",
        "threshold_percent": "",
        "background": "Alta vil ha flere hele stillinger.",
        "definition_text": "Heltid er stilling på 80 % eller mer.",
        "goals": "Andelen heltid skal være 40 % i 2019.",
        "principles": "Hele stillinger lyses ut.",
        "measures": "Langvakter i helg.",
        "follow_up": "Rapport til kommunestyret hvert år.",
    }
    assert post_form(client, edit, {**data, "revision": _revision(client, edit)}).status_code == 302
    transitions = f"/municipalities/{mid}/declaration/versions/1/transitions"
    show = f"/municipalities/{mid}/declaration"
    assert (
        post_form(client, transitions, {"target": "consultation"}, form_page=show).status_code
        == 302
    )
    response = post_form(
        client,
        transitions,
        {"target": "approved", "approved_on": "2018-03-20", "approved_by_body": "Ledergruppen"},
        form_page=show,
    )
    assert response.status_code == 302
    response = post_form(
        client,
        transitions,
        {
            "target": "adopted",
            "adopted_by_body": "Kommunestyret",
            "adopted_on": "2018-04-19",
            "case_number": "18/1234",
        },
        form_page=show,
    )
    assert response.status_code == 302
    assert (
        post_form(client, transitions, {"target": "published"}, form_page=show).status_code == 302
    )
    page = client.get(show).get_data(as_text=True)
    assert "Publisert" in page and "18/1234" in page and "19. april 2018" in page
    assert "Stilling på minst 80 %" in page

    response = post_form(client, f"/municipalities/{mid}/declaration/versions", {}, form_page=show)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/declaration/versions/2/edit")
    data["goals"] = "Andelen heltid skal være 50 % i 2020."
    edit = f"/municipalities/{mid}/declaration/versions/2/edit"
    assert post_form(client, edit, {**data, "revision": _revision(client, edit)}).status_code == 302

    with app.app_context():
        declaration = db.session.scalar(
            db.select(Declaration).where(Declaration.municipality_id == mid)
        )
        v1, v2 = declaration.versions
        assert (v1.status, v1.goals, v1.case_number) == (
            Status.PUBLISHED,
            "Andelen heltid skal være 40 % i 2019.",
            "18/1234",
        )
        assert (v2.status, v2.goals, v2.case_number) == (
            Status.DRAFT,
            "Andelen heltid skal være 50 % i 2020.",
            "",
        )
        assert [s.to_status for s in v1.transitions] == [Status.DRAFT, *ALL_TRANSITIONS]
        assert all(s.actor_name == "Koordinator Alta" for s in v1.transitions)

    # the adopted version cannot be edited any more
    response = client.get(f"/municipalities/{mid}/declaration/versions/1/edit")
    assert response.status_code == 302
    response = post_form(
        client, f"/municipalities/{mid}/declaration/versions/1/edit", data, form_page=show
    )
    with app.app_context():
        assert (
            db.session.get(DeclarationVersion, v1.id).goals
            == "Andelen heltid skal være 40 % i 2019."
        )

    # each version's PDF shows its own text and facts
    text1, pages1 = _pdf_text(client.get(f"/municipalities/{mid}/declaration/versions/1.pdf").data)
    text2, _ = _pdf_text(client.get(f"/municipalities/{mid}/declaration/versions/2.pdf").data)
    assert "40 % i 2019" in text1 and "18/1234" in text1 and "Kommunestyret" in text1
    assert "Heltidserklæring for Alta kommune" in text1
    assert "50 % i 2020" in text2 and "18/1234" not in text2 and "Utkast" in text2
    assert pages1 >= 1

    # the comparison shows the changed words, marked in text and not by colour only
    page = client.get(f"/municipalities/{mid}/declaration/compare?from=1&to=2").get_data(
        as_text=True
    )
    assert '<del><span class="ds-sr-only">[slettet: </span>40</span>' not in page
    assert "[slettet: </span>40" in page and "[satt inn: </span>50" in page
    assert "[slettet: </span>2019." in page and "[satt inn: </span>2020." in page


def test_pdf_is_in_the_municipality_written_standard(
    app: Flask, client: Any, auth: Any, tenants: Any
) -> None:
    with app.app_context():
        from heltidnett.municipalities.models import Municipality, WrittenStandard

        db.session.get(Municipality, tenants.hemnes.id).written_standard = WrittenStandard.NYNORSK
        db.session.commit()
    version_id = _start(app, tenants.hemnes, tenants.hemnes_coordinator)
    _move(app, version_id, *ALL_TRANSITIONS)
    auth.login(tenants.hemnes_participant)
    response = client.get(f"/municipalities/{tenants.hemnes.id}/declaration.pdf")
    assert response.status_code == 200
    text, pages = _pdf_text(response.data)
    assert "Heiltidsfråsegn for Hemnes kommune" in text
    assert "Kva vi meiner med heiltid" in text
    assert "Heiltid er 100 % stilling." in text
    assert "15. februar 2018" in text and "18/204" in text
    assert pages >= 1
    assert PdfReader(io.BytesIO(response.data)).trailer["/Root"]["/Lang"] == "nn"


def test_bad_transition_input_keeps_what_was_typed(
    app: Flask, client: Any, auth: Any, tenants: Any
) -> None:
    version_id = _start(app, tenants.alta, tenants.alta_coordinator)
    _move(app, version_id, Status.CONSULTATION, Status.APPROVED)
    auth.login(tenants.alta_coordinator)
    show = f"/municipalities/{tenants.alta.id}/declaration"
    response = post_form(
        client,
        f"{show}/versions/1/transitions",
        {
            "target": "adopted",
            "adopted_by_body": "Formannskapet",
            "adopted_on": "2018-02-15",
            "case_number": "sak 12",
        },
        form_page=show,
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Saksnummeret skrives som år/løpenummer, for eksempel 18/1234." in page
    assert 'value="Formannskapet"' in page and 'value="sak 12"' in page
    with app.app_context():
        assert db.session.get(DeclarationVersion, version_id).status == Status.APPROVED


def test_illegal_transition_in_a_page_changes_nothing(
    app: Flask, client: Any, auth: Any, tenants: Any
) -> None:
    version_id = _start(app, tenants.alta, tenants.alta_coordinator)
    auth.login(tenants.alta_coordinator)
    show = f"/municipalities/{tenants.alta.id}/declaration"
    response = post_form(
        client, f"{show}/versions/1/transitions", {"target": "published"}, form_page=show
    )
    assert response.status_code == 422
    assert "kan ikke bli «Publisert»" in response.get_data(as_text=True)
    with app.app_context():
        version = db.session.get(DeclarationVersion, version_id)
        assert version.status == Status.DRAFT and len(version.transitions) == 1


# ---- who may do what ---------------------------------------------------------------------


def test_others_in_the_network_see_published_versions_only(
    app: Flask, client: Any, auth: Any, tenants: Any
) -> None:
    version_id = _start(app, tenants.alta, tenants.alta_coordinator)
    mid = tenants.alta.id
    auth.login(tenants.hemnes_coordinator)  # same network, other municipality
    page = client.get(f"/municipalities/{mid}/declaration").get_data(as_text=True)
    assert "ikke publisert ennå" in page
    assert client.get(f"/municipalities/{mid}/declaration/versions/1").status_code == 403
    assert client.get(f"/municipalities/{mid}/declaration/versions/1.pdf").status_code == 403
    assert client.get(f"/municipalities/{mid}/declaration.pdf").status_code == 404
    _move(app, version_id, *ALL_TRANSITIONS)
    page = client.get(f"/municipalities/{mid}/declaration").get_data(as_text=True)
    assert "Publisert" in page and "Endre teksten" not in page and "Neste steg" not in page
    assert client.get(f"/municipalities/{mid}/declaration.pdf").status_code == 200


def test_outsiders_and_other_networks_see_nothing(
    app: Flask, client: Any, auth: Any, tenants: Any
) -> None:
    version_id = _start(app, tenants.alta, tenants.alta_coordinator)
    _move(app, version_id, *ALL_TRANSITIONS)
    mid = tenants.alta.id
    for user in (tenants.rana_coordinator, tenants.outsider):
        auth.login(user)
        assert client.get(f"/municipalities/{mid}/declaration").status_code == 403
        assert client.get(f"/municipalities/{mid}/declaration.pdf").status_code == 403
        assert client.get(f"/municipalities/{mid}/declaration/versions/1.pdf").status_code == 403
        assert client.get(f"/networks/{tenants.north.id}/declarations").status_code == 403
        auth.logout()


def test_only_the_municipality_coordinators_change_it(
    app: Flask, client: Any, auth: Any, tenants: Any
) -> None:
    version_id = _start(app, tenants.alta, tenants.alta_coordinator)
    mid = tenants.alta.id
    for user in (
        tenants.hemnes_coordinator,
        tenants.alta_steering,
        tenants.facilitator,
        tenants.rana_coordinator,
    ):
        auth.login(user)
        posts = [
            (
                f"/municipalities/{mid}/declaration/versions/1/edit",
                {"definition_kind": "full", "goals": "x"},
            ),
            (
                f"/municipalities/{mid}/declaration/versions/1/transitions",
                {"target": "consultation"},
            ),
            (
                f"/municipalities/{mid}/declaration/versions/1/signatories",
                {"role": "a", "name": "b", "organisation": "c"},
            ),
            (f"/municipalities/{mid}/declaration/versions", {}),
            (f"/municipalities/{mid}/declaration", {}),
        ]
        for path, data in posts:
            assert post_form(client, path, data, form_page="/account").status_code == 403, (
                user.email,
                path,
            )
        assert client.get(f"/municipalities/{mid}/declaration/versions/1/edit").status_code == 403
        auth.logout()
    with app.app_context():
        version = db.session.get(DeclarationVersion, version_id)
        assert version.status == Status.DRAFT and version.signatories == []


def test_steering_and_facilitators_comment_coordinators_resolve(
    app: Flask, client: Any, auth: Any, tenants: Any
) -> None:
    version_id = _start(app, tenants.alta, tenants.alta_coordinator)
    mid = tenants.alta.id
    comments = f"/municipalities/{mid}/declaration/versions/1/comments"
    show = f"/municipalities/{mid}/declaration"
    auth.login(tenants.alta_steering)
    page = client.get(show).get_data(as_text=True)
    assert "Ny kommentar" in page and "Neste steg" not in page
    response = post_form(
        client, comments, {"section": "goals", "body": "Målene trenger tall."}, form_page=show
    )
    assert response.status_code == 302
    response = post_form(client, comments, {"section": "goals", "body": "  "}, form_page=show)
    assert response.status_code == 422 and "Skriv kommentaren." in response.get_data(as_text=True)
    auth.logout()
    auth.login(tenants.facilitator)
    assert (
        post_form(
            client, comments, {"section": "", "body": "Bra start!"}, form_page=show
        ).status_code
        == 302
    )
    auth.logout()
    auth.login(tenants.hemnes_participant)
    assert (
        post_form(
            client, comments, {"section": "", "body": "Hei"}, form_page="/account"
        ).status_code
        == 403
    )
    auth.logout()
    with app.app_context():
        version = db.session.get(DeclarationVersion, version_id)
        assert [c.body for c in version.comments] == ["Målene trenger tall.", "Bra start!"]
        comment_id = version.comments[0].id
    auth.login(tenants.alta_steering)
    assert (
        post_form(
            client, f"/declaration-comments/{comment_id}/resolve", {}, form_page=show
        ).status_code
        == 403
    )
    auth.logout()
    auth.login(tenants.alta_coordinator)
    assert (
        post_form(
            client, f"/declaration-comments/{comment_id}/resolve", {}, form_page=show
        ).status_code
        == 302
    )
    page = client.get(show).get_data(as_text=True)
    assert "Løst av Koordinator Alta" in page
    with app.app_context():
        assert db.session.get(DeclarationVersion, version_id).comments[0].resolved_at is not None


def test_signatories_are_kept_with_the_version_they_signed(
    app: Flask, client: Any, auth: Any, tenants: Any
) -> None:
    version_id = _start(app, tenants.alta, tenants.alta_coordinator)
    _move(app, version_id, Status.CONSULTATION, Status.APPROVED, Status.ADOPTED)
    auth.login(tenants.alta_coordinator)
    mid = tenants.alta.id
    show = f"/municipalities/{mid}/declaration"
    path = f"{show}/versions/1/signatories"
    response = post_form(
        client,
        path,
        {"role": "Hovedtillitsvalgt", "name": "", "organisation": "NSF"},
        form_page=show,
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Skriv navnet." in page and 'value="Hovedtillitsvalgt"' in page
    data = {"role": "Hovedtillitsvalgt", "name": "Frode Fagforbund", "organisation": "Fagforbundet"}
    assert post_form(client, path, data, form_page=show).status_code == 302
    post_form(client, f"{show}/versions/1/transitions", {"target": "published"}, form_page=show)
    post_form(client, f"{show}/versions", {}, form_page=show)
    with app.app_context():
        v1, v2 = db.session.get(DeclarationVersion, version_id).declaration.versions
        assert [s.name for s in v1.signatories] == ["Frode Fagforbund"]
        assert v2.signatories == []
    text, _ = _pdf_text(client.get(f"{show}/versions/1.pdf").data)
    assert "Frode Fagforbund" in text and "Fagforbundet" in text


# ---- network status table and milestone -------------------------------------------------------


def test_network_status_table_and_milestone(
    app: Flask, client: Any, auth: Any, tenants: Any
) -> None:
    alta = _start(app, tenants.alta, tenants.alta_coordinator)
    _move(app, alta, *ALL_TRANSITIONS)
    _start(app, tenants.hemnes, tenants.hemnes_coordinator)
    auth.login(tenants.facilitator)
    page = client.get(f"/networks/{tenants.north.id}/declarations").get_data(as_text=True)
    assert "Alta" in page and "Hemnes" in page and "Utkast" in page and "18/204" in page
    auth.logout()
    auth.login(tenants.hemnes_participant)
    page = client.get(f"/networks/{tenants.north.id}/declarations").get_data(as_text=True)
    assert "18/204" in page and "Ikke publisert" in page and ">Utkast<" not in page
    with app.test_request_context():
        from heltidnett.auth.models import User
        from heltidnett.networks import milestones
        from heltidnett.networks.models import Network

        network = db.session.get(Network, tenants.north.id)
        facilitator = db.session.get(User, tenants.facilitator.id)
        column = next(
            c
            for c in milestones.build(db.session, network, facilitator)
            if c.key == "declaration_adopted"
        )
        assert column.title == "Heltidserklæring vedtatt"
        assert column.cells[tenants.alta.id].done
        assert column.cells[tenants.alta.id].label == "Vedtatt 15.02.2018"
        assert column.cells[tenants.alta.id].url.endswith(
            f"/municipalities/{tenants.alta.id}/declaration"
        )
        hemnes = column.cells[tenants.hemnes.id]
        assert (hemnes.done, hemnes.partial, hemnes.label) == (False, True, "Utkast")


def _revise(app: Flask, declaration_id: int, times: int) -> None:
    """Start, adopt and publish `times` more versions of the declaration."""
    for _ in range(times):
        with app.app_context():
            declaration = db.session.get(Declaration, declaration_id)
            version_id = services.start_version(db.session, None, declaration).id
            db.session.commit()
        _move(app, version_id, *ALL_TRANSITIONS)


class _WithHeaders:
    """A client whose GET sends the given headers (an API token)."""

    def __init__(self, client: Any, headers: dict[str, str]) -> None:
        self.client, self.headers = client, headers

    def get(self, url: str) -> Any:
        return self.client.get(url, headers=self.headers)


def test_the_declaration_and_its_history_take_as_many_statements_with_more_versions(
    app: Flask, client: Any, auth: Any, tenants: Any, api_token: Any, count_statements: Any
) -> None:
    from tests.statements import compare_statements

    version_id = _start(app, tenants.alta, tenants.alta_coordinator)
    _move(app, version_id, *ALL_TRANSITIONS)
    with app.app_context():
        declaration_id = db.session.get(DeclarationVersion, version_id).declaration_id
    _revise(app, declaration_id, 1)
    mid = tenants.alta.id
    api = _WithHeaders(client, api_token(tenants.alta_coordinator))
    compare_statements(
        count_statements,
        api,  # type: ignore[arg-type]
        f"/api/v1/municipalities/{mid}/declaration",
        lambda: _revise(app, declaration_id, 3),
    )
    auth.login(tenants.alta_coordinator)
    for url in (
        f"/municipalities/{mid}/declaration",
        f"/municipalities/{mid}/declaration/versions/2",
    ):
        compare_statements(count_statements, client, url, lambda: _revise(app, declaration_id, 3))


# ---- API ---------------------------------------------------------------------------------


def test_api_reads_and_moves_the_declaration(
    app: Flask, client: Any, tenants: Any, api_token: Any
) -> None:
    version_id = _start(app, tenants.alta, tenants.alta_coordinator)
    url = f"/api/v1/municipalities/{tenants.alta.id}/declaration"
    headers = api_token(tenants.alta_coordinator)
    body = client.get(url, headers=headers).get_json()
    assert body["status"] == "draft" and body["current_version"]["number"] == 1
    assert body["current_version"]["definition"] == {
        "kind": "full",
        "threshold_percent": 100.0,
        "strict": False,
    }
    assert [v["number"] for v in body["history"]] == [1]

    response = client.post(
        f"{url}/transitions",
        json={
            "to": "adopted",
            "adopted_on": "2018-02-15",
            "adopted_by_body": "Kommunestyret",
            "case_number": "18/1",
        },
        headers=headers,
    )
    assert response.status_code == 409
    assert response.get_json()["error"]["message"].startswith("En erklæring med status «Utkast»")
    with app.app_context():
        version = db.session.get(DeclarationVersion, version_id)
        assert (
            version.status == Status.DRAFT
            and version.adopted_on is None
            and len(version.transitions) == 1
        )

    assert (
        client.post(f"{url}/transitions", json={"to": "consultation"}, headers=headers).status_code
        == 200
    )
    response = client.post(f"{url}/transitions", json={"to": "approved"}, headers=headers)
    assert response.status_code == 409
    response = client.post(
        f"{url}/transitions", json={"to": "approved", "approved_on": "2018-01-16"}, headers=headers
    )
    assert response.status_code == 200
    response = client.post(
        f"{url}/transitions",
        json={
            "to": "adopted",
            "adopted_on": "2018-02-15",
            "adopted_by_body": "Kommunestyret",
            "case_number": "18/1234",
        },
        headers=headers,
    )
    body = response.get_json()
    assert body["status"] == "adopted" and body["current_version"]["case_number"] == "18/1234"
    assert [s["to_status"] for s in body["current_version"]["transitions"]] == [
        "draft",
        "consultation",
        "approved",
        "adopted",
    ]
    assert (
        client.post(f"{url}/transitions", json={"to": "nonsense"}, headers=headers).status_code
        == 422
    )


def test_api_access_per_object(app: Flask, client: Any, tenants: Any, api_token: Any) -> None:
    _start(app, tenants.alta, tenants.alta_coordinator)
    url = f"/api/v1/municipalities/{tenants.alta.id}/declaration"
    assert client.get(url, headers=api_token(tenants.rana_coordinator)).status_code == 403
    response = client.get(url, headers=api_token(tenants.hemnes_coordinator))
    assert response.status_code == 404  # nothing published yet
    assert client.get(url, headers=api_token(tenants.alta_steering)).status_code == 200
    for user in (tenants.alta_steering, tenants.hemnes_coordinator, tenants.rana_coordinator):
        response = client.post(
            f"{url}/transitions", json={"to": "consultation"}, headers=api_token(user)
        )
        assert response.status_code == 403
    assert client.get(url).status_code == 401
    with app.app_context():
        version = db.session.scalar(db.select(DeclarationVersion))
        assert version.status == Status.DRAFT


def test_demo_declarations_are_at_the_statuses_the_seeds_tell(app: Flask) -> None:
    from heltidnett.demo import load_demo

    with app.app_context():
        ctx = load_demo(db.session)
        load_demo(db.session)
        found = {
            name: [v.status for v in services.get_declaration(db.session, m.id).versions]
            for name, m in ctx.municipalities.items()
            if services.get_declaration(db.session, m.id) is not None
        }
        assert found == {
            "Hemnes": [Status.PUBLISHED, Status.DRAFT],
            "Rana": [Status.CONSULTATION],
            "Alta": [Status.DRAFT],
            # the living network's, dated from today
            "Bodø": [Status.PUBLISHED],
            "Vadsø": [Status.CONSULTATION],
            "Salangen": [Status.DRAFT],
        }
        assert fulltime_definition(db.session, ctx.municipalities["Hemnes"].id).strict
        db.session.rollback()


def test_empty_definition_text_is_written_from_the_chosen_definition(
    app: Flask, tenants: Any
) -> None:
    version_id = _start(app, tenants.alta, tenants.alta_coordinator)
    with app.app_context():
        version = db.session.get(DeclarationVersion, version_id)
        services.update_version(
            db.session,
            None,
            version,
            {"definition_kind": "other", "threshold_percent": 85.0, "definition_text": " "},
            base_revision=version.revision,
        )
        assert version.definition_text == "Heltid er stilling på 85 % eller mer."
        services.update_version(
            db.session,
            None,
            version,
            {"definition_kind": "full", "definition_text": "Egen."},
            base_revision=version.revision,
        )
        assert version.definition_text == "Egen."


def test_signatories_and_comments_of_others_cannot_be_touched(
    app: Flask, client: Any, auth: Any, tenants: Any
) -> None:
    version_id = _start(app, tenants.alta, tenants.alta_coordinator)
    with app.app_context():
        version = db.session.get(DeclarationVersion, version_id)
        signatory = services.add_signatory(
            db.session, version, role="Rådmann", name="Randi Rådmann", organisation="Alta kommune"
        )
        comment = services.add_comment(
            db.session, None, version, section="goals", body="Tall, takk."
        )
        db.session.commit()
        signatory_id, comment_id = signatory.id, comment.id
    for user in (tenants.hemnes_coordinator, tenants.rana_coordinator, tenants.facilitator):
        auth.login(user)
        path = f"/declaration-signatories/{signatory_id}/delete"
        assert post_form(client, path, {}, form_page="/account").status_code == 403
        path = f"/declaration-comments/{comment_id}/resolve"
        assert post_form(client, path, {}, form_page="/account").status_code == 403
        auth.logout()
    with app.app_context():
        version = db.session.get(DeclarationVersion, version_id)
        assert len(version.signatories) == 1 and version.comments[0].resolved_at is None


def test_no_comments_once_approved(app: Flask, tenants: Any) -> None:
    version_id = _start(app, tenants.alta, tenants.alta_coordinator)
    _move(app, version_id, Status.CONSULTATION, Status.APPROVED)
    with app.app_context():
        version = db.session.get(DeclarationVersion, version_id)
        with pytest.raises(services.ServiceError):
            services.add_comment(db.session, None, version, section="", body="For sent.")
        with pytest.raises(services.ServiceError):
            services.update_version(
                db.session, None, version, {"goals": "Nytt mål."}, base_revision=version.revision
            )
        with pytest.raises(services.ServiceError):
            services.start_version(db.session, None, version.declaration)


def test_status_table_exports_and_timeline(
    app: Flask, client: Any, auth: Any, tenants: Any
) -> None:
    from python_calamine import CalamineWorkbook

    version_id = _start(app, tenants.alta, tenants.alta_coordinator)
    with app.app_context():
        version = db.session.get(DeclarationVersion, version_id)
        services.update_version(
            db.session,
            None,
            version,
            {"definition_kind": "other", "threshold_percent": 85.0},
            base_revision=version.revision,
        )
        db.session.commit()
    _move(app, version_id, *ALL_TRANSITIONS)
    auth.login(tenants.hemnes_participant)
    response = client.get(f"/networks/{tenants.north.id}/declarations.xlsx")
    assert response.status_code == 200
    rows = (
        CalamineWorkbook.from_filelike(io.BytesIO(response.data))
        .get_sheet_by_name("Heltidserklæringer")
        .to_python()
    )
    assert rows[0][:5] == [
        "Kommune",
        "Status",
        "Versjon",
        "Definisjon av heltid",
        "Heltid fra (prosent)",
    ]
    assert rows[1][:5] == ["Alta", "Publisert", 1, "En annen grense", 85]
    assert rows[1][7] == "18/204"
    assert rows[2][:3] == ["Hemnes", "Ikke påbegynt", ""]
    text = client.get(f"/networks/{tenants.north.id}/declarations.csv").data.decode("utf-8-sig")
    assert (
        text.splitlines()[1]
        == "Alta;Publisert;1;En annen grense;85,0;Kommunestyret;15.02.2018;18/204"
    )
    page = client.get(f"/networks/{tenants.north.id}").get_data(as_text=True)
    assert "Alta: heltidserklæring vedtatt" in page and "Saksnummer 18/204" in page
    auth.logout()
    auth.login(tenants.rana_coordinator)
    assert client.get(f"/networks/{tenants.north.id}/declarations.xlsx").status_code == 403


def test_malformed_dates_and_numbers_get_norwegian_messages(
    app: Flask, client: Any, auth: Any, tenants: Any
) -> None:
    version_id = _start(app, tenants.alta, tenants.alta_coordinator)
    _move(app, version_id, Status.CONSULTATION)
    auth.login(tenants.alta_coordinator)
    show = f"/municipalities/{tenants.alta.id}/declaration"
    response = post_form(
        client,
        f"{show}/versions/1/transitions",
        {"target": "approved", "approved_on": "20.03.2018x", "approved_by_body": "Ledergruppen"},
        form_page=show,
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Not a valid" not in page
    edit = f"{show}/versions/1/edit"
    revision = _revision(client, edit)
    response = post_form(
        client,
        edit,
        {
            "definition_kind": "other",
            "threshold_percent": "åtti",
            "goals": "Mitt mål",
            "revision": revision,
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Not a valid" not in page
    assert "Mitt mål" in page
    with app.app_context():
        version = db.session.get(DeclarationVersion, version_id)
        assert version.status == Status.CONSULTATION and version.goals != "Mitt mål"
    response = post_form(
        client,
        edit,
        {
            "definition_kind": "other",
            "threshold_percent": "120",
            "goals": "Mitt mål",
            "revision": revision,
        },
    )
    page = response.get_data(as_text=True)
    assert "Grensen for heltid må være over 0 og høyst 100 %." in page and "Mitt mål" in page


# ---- lost updates: compare-and-set on saves, conditional transitions (item 9) --------------------


def _text_form(**sections: str) -> dict[str, str]:
    return {"definition_kind": "full", "threshold_percent": "", **sections}


def test_a_stale_form_is_refused_and_keeps_the_typed_text(
    app: Flask, client: Any, auth: Any, tenants: Any
) -> None:
    version_id = _start(app, tenants.alta, tenants.alta_coordinator)
    mid = tenants.alta.id
    edit = f"/municipalities/{mid}/declaration/versions/1/edit"
    auth.login(tenants.alta_coordinator)
    stale = _revision(client, edit)
    first = post_form(client, edit, {**_text_form(goals="Nyere mål fra Kari."), "revision": stale})
    assert first.status_code == 302
    response = post_form(
        client, edit, {**_text_form(goals="Eldre mål fra Ola."), "revision": stale}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Noen andre har lagret denne versjonen etter at du åpnet den." in page
    assert "Eldre mål fra Ola." in page  # the typed text stays in the form
    assert "Nyere mål fra Kari." in page  # and the saved text is shown beside it
    with app.app_context():
        assert db.session.get(DeclarationVersion, version_id).goals == "Nyere mål fra Kari."
    # saving again from the form as it came back is a deliberate overwrite, and applies
    again = re.search(r'name="revision" type="hidden" value="(\d+)"', page)
    assert again and again.group(1) != stale
    data = {**_text_form(goals="Eldre mål fra Ola."), "revision": again.group(1)}
    assert post_form(client, edit, data).status_code == 302
    missing = post_form(client, edit, _text_form(goals="Uten revisjon."))
    assert missing.status_code == 409
    with app.app_context():
        assert db.session.get(DeclarationVersion, version_id).goals == "Eldre mål fra Ola."


def test_two_sessions_saving_different_sections_from_one_revision(
    app: Flask, client: Any, tenants: Any, api_token: Any
) -> None:
    """Kari saves the goals, Ola the measures, both from revision r: Ola gets a 409."""
    version_id = _start(app, tenants.alta, tenants.alta_coordinator)
    path = f"/api/v1/municipalities/{tenants.alta.id}/declaration/versions/1"
    headers = api_token(tenants.alta_coordinator)
    read = client.get(f"/api/v1/municipalities/{tenants.alta.id}/declaration", headers=headers)
    revision = read.get_json()["current_version"]["revision"]
    kari = client.put(
        path, json={"revision": revision, "sections": {"goals": "Kari sitt mål."}}, headers=headers
    )
    assert kari.status_code == 200, kari.get_json()
    assert kari.get_json()["revision"] == revision + 1
    ola = client.put(
        path,
        json={"revision": revision, "sections": {"measures": "Ola sine tiltak."}},
        headers=headers,
    )
    assert ola.status_code == 409
    body = ola.get_json()["error"]
    assert body["code"] == "version_conflict"
    assert body["details"]["revision"] == revision + 1
    assert body["details"]["current"]["sections"]["goals"] == "Kari sitt mål."
    with app.app_context():
        version = db.session.get(DeclarationVersion, version_id)
        assert version.goals == "Kari sitt mål." and version.measures != "Ola sine tiltak."
    unknown = client.put(
        path, json={"revision": revision + 1, "sections": {"x": "y"}}, headers=headers
    )
    assert unknown.status_code == 422


def test_service_refuses_a_save_from_an_older_revision(app: Flask, tenants: Any) -> None:
    version_id = _start(app, tenants.alta, tenants.alta_coordinator)
    with app.app_context():
        version = db.session.get(DeclarationVersion, version_id)
        base = version.revision
        services.update_version(db.session, None, version, {"goals": "A"}, base_revision=base)
        with pytest.raises(services.DraftConflict):
            services.update_version(
                db.session, None, version, {"measures": "B"}, base_revision=base
            )
        assert (version.goals, version.measures != "B", version.revision) == ("A", True, base + 1)


def test_a_transition_from_a_status_that_has_moved_on_records_nothing(
    app: Flask, tenants: Any
) -> None:
    """Two transitions loaded from the same status: the second is refused, one history row."""
    from sqlalchemy import update

    version_id = _start(app, tenants.alta, tenants.alta_coordinator)
    with app.app_context():
        version = db.session.get(DeclarationVersion, version_id)
        # another request moves it on between this one's read and its write
        db.session.execute(
            update(DeclarationVersion)
            .where(DeclarationVersion.id == version_id)
            .values(status=Status.CONSULTATION, revision=DeclarationVersion.revision + 1)
            .execution_options(synchronize_session=False)
        )
        with pytest.raises(services.TransitionError, match="Noen andre har endret versjon 1"):
            services.transition(db.session, None, version, Status.CONSULTATION)
        db.session.rollback()
        version = db.session.get(DeclarationVersion, version_id)
        assert [s.to_status for s in version.transitions] == [Status.DRAFT]


@pytest.fixture
def committed_draft(_app: Flask) -> Any:
    """(engine, version id) of a committed draft, for real races on PostgreSQL; removed after."""
    if _app.config["DB_BACKEND"] != "postgresql":
        pytest.skip("two writers race only on PostgreSQL (SQLite serialises them)")
    import sqlalchemy as sa
    from sqlalchemy import orm

    from heltidnett.audit.models import AuditEvent
    from heltidnett.municipalities.models import Municipality

    with _app.app_context():
        engine = db.engine
    with engine.connect() as conn:
        first_event = conn.execute(sa.select(sa.func.max(AuditEvent.id))).scalar() or 0
    with _app.test_request_context(), orm.Session(engine) as session:
        municipality = Municipality(name="Hemnes", number="9890")
        session.add(municipality)
        session.flush()
        version_id = services.start_declaration(session, None, municipality).id
        municipality_id = municipality.id
        session.commit()
    try:
        yield engine, version_id
    finally:
        with engine.begin() as conn:
            conn.execute(
                sa.delete(Declaration).where(Declaration.municipality_id == municipality_id)
            )
            conn.execute(sa.delete(Municipality).where(Municipality.id == municipality_id))
            conn.execute(sa.delete(AuditEvent).where(AuditEvent.id > first_event))


def _race(app: Flask, engine: Any, version_id: int, acts: list[Any]) -> list[str]:
    """Run each act(session, version) in its own thread and connection, released together.

    An act returns "won" or raises ServiceError ("refused"); the outcomes, in any order.
    """
    import threading

    from sqlalchemy import orm

    outcomes: list[str] = []
    barrier = threading.Barrier(len(acts))

    def run(act: Any) -> None:
        with app.test_request_context(), orm.Session(engine) as session:
            version = session.get(DeclarationVersion, version_id)
            barrier.wait(timeout=10)
            try:
                outcomes.append(act(session, version))
                session.commit()
            except services.ServiceError:
                session.rollback()
                outcomes.append("refused")

    threads = [threading.Thread(target=run, args=(act,)) for act in acts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(outcomes)


def test_concurrent_transitions_on_postgresql_give_one_history_row(
    _app: Flask, committed_draft: Any
) -> None:
    """Two connections move the same version at once, ten times: one wins each time."""
    from sqlalchemy import orm

    engine, version_id = committed_draft
    rounds = [Status.CONSULTATION, Status.DRAFT] * 5

    def move(target: Status) -> Any:
        def act(session: Any, version: DeclarationVersion) -> str:
            services.transition(session, None, version, target)
            return "won"

        return act

    for target in rounds:
        assert _race(_app, engine, version_id, [move(target), move(target)]) == ["refused", "won"]
    with orm.Session(engine) as session:
        version = session.get(DeclarationVersion, version_id)
        assert version is not None
        assert [s.to_status for s in version.transitions] == [Status.DRAFT, *rounds]


def test_concurrent_saves_on_postgresql_never_mix_sections(
    _app: Flask, committed_draft: Any
) -> None:
    """Kari (goals) and Ola (measures) save from one revision at once, ten times: one wins."""
    from sqlalchemy import orm

    engine, version_id = committed_draft

    def save(section: str, text: str) -> Any:
        def act(session: Any, version: DeclarationVersion) -> str:
            data = {section: text}
            services.update_version(session, None, version, data, base_revision=version.revision)
            return section

        return act

    winners = []
    for n in range(10):
        kari, ola = save("goals", f"Kari {n}"), save("measures", f"Ola {n}")
        outcome = _race(_app, engine, version_id, [kari, ola])
        assert len(outcome) == 2 and "refused" in outcome, outcome
        winners.append(next(o for o in outcome if o != "refused"))
    with orm.Session(engine) as session:
        version = session.get(DeclarationVersion, version_id)
        assert version is not None and version.revision == 10
        last_goals = max((n for n, w in enumerate(winners) if w == "goals"), default=None)
        last_measures = max((n for n, w in enumerate(winners) if w == "measures"), default=None)
        if last_goals is not None:
            assert version.goals == f"Kari {last_goals}"
        if last_measures is not None:
            assert version.measures == f"Ola {last_measures}"
