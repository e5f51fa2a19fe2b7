"""The idea bank: its built-in cases, the Norwegian search, stories opened to every network and
the facilitator's form."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from heltidnett.cases import norwegian
from heltidnett.extensions import db
from tests.conftest import post_form

pytest_plugins = ["tests.stories_fixtures"]


def _search(query: str, **filters: str) -> list[Any]:
    from heltidnett.cases import services

    return services.search(db.session, None, query, services.Filters(**filters)).entries


@pytest.fixture
def bank(app):  # type: ignore[no-untyped-def]
    """The built-in cases, and two of our own that say a word only inside a compound."""
    from heltidnett.cases.models import Case, CaseTheme
    from heltidnett.cases.services import CaseFields, _apply, index_case, load_builtin

    with app.app_context():
        load_builtin(db.session)
        for key, title, summary in (
            ("test-kultur", "Kulturbygging i Rana", "Vi bygde heltidskulturen steg for steg."),
            ("test-ars", "Planlegging for et år i Alta", "Alle fikk årsturnusen sin i januar."),
        ):
            case = Case(key=key)
            _apply(
                case,
                CaseFields(
                    place="Testkommune", title=title, summary=summary, themes=["leadership"]
                ),
            )
            db.session.add(case)
            index_case(db.session, case)
        db.session.commit()
        assert CaseTheme.LEADERSHIP
    return app


def test_norwegian_terms_fold_inflection_nynorsk_and_synonyms() -> None:
    assert norwegian.term("langvakter") == norwegian.term("langvakt") == "langvakt"
    assert norwegian.term("langvaktene") == "langvakt"
    assert norwegian.term("heiltid") == norwegian.term("heltid")
    assert norwegian.term("tenestene") == norwegian.term("tjenestene")
    assert norwegian.term("små") == norwegian.term("liten")
    assert norwegian.term("og") is None
    assert norwegian.matches("heltidskultur", "heltid") == 2
    assert norwegian.matches("årsturnus", "turnus") == 1
    assert norwegian.matches("langvakt", "langvakt") == 3
    assert norwegian.matches("ikkehit", "hit") == 0  # short words only match at the start


def test_the_built_in_cases_are_loaded_once_each(bank) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.cases.builtin import CASES
    from heltidnett.cases.models import Case
    from heltidnett.cases.services import load_builtin

    with bank.app_context():
        assert load_builtin(db.session) == 0
        count = db.session.scalar(sa.select(sa.func.count(Case.id)).where(Case.key.like("torn-%")))
        assert count == len(CASES) >= 30


@pytest.mark.parametrize("query", ["langvakt", "langvakter", "Langvaktene"])
def test_langvakt_finds_the_long_shift_cases_in_any_inflection(bank, query) -> None:  # type: ignore[no-untyped-def]
    with bank.app_context():
        places = [e.place for e in _search(query)]
    assert "Bergen – Kolstihagen sykehjem" in places
    assert "Hammerfest" in places and "Melhus" in places
    assert "Arendal" not in places


def test_heltid_finds_an_entry_that_only_says_heltidskultur(bank) -> None:  # type: ignore[no-untyped-def]
    with bank.app_context():
        titles = [e.title for e in _search("heltid")]
    assert "Kulturbygging i Rana" in titles


def test_turnus_finds_an_entry_that_only_says_arsturnus(bank) -> None:  # type: ignore[no-untyped-def]
    with bank.app_context():
        titles = [e.title for e in _search("turnus")]
    assert "Planlegging for et år i Alta" in titles


def test_nynorsk_heiltid_finds_bokmal_entries(bank) -> None:  # type: ignore[no-untyped-def]
    with bank.app_context():
        assert [e.id for e in _search("heiltid")] == [e.id for e in _search("heltid")]
        assert "Kulturbygging i Rana" in [e.title for e in _search("heiltidskultur")]


def test_small_municipalities_task_sharing_ranks_above_the_city(bank) -> None:  # type: ignore[no-untyped-def]
    with bank.app_context():
        places = [e.place for e in _search("oppgavedeling små kommuner")]
    bodo = places.index("Bodø")
    for small in ("Lesja", "Alstahaug", "Sande"):
        assert places.index(small) < bodo


def test_filters_by_theme_arrangement_band_and_county(bank) -> None:  # type: ignore[no-untyped-def]
    with bank.app_context():
        pool = _search("", arrangement="resource_pool")
        assert [e.place for e in pool] == ["Sunndal"]
        small = _search("oppgavedeling", band="under_5000")
        assert small and all(e.population is not None and e.population < 5000 for e in small)
        finnmark = _search("", county="Finnmark")
        assert {e.place for e in finnmark} == {"Hammerfest", "Sør-Varanger", "Vadsø"}
        volunteering = _search("", theme="volunteering")
        assert volunteering and all("volunteering" in e.themes for e in volunteering)


def test_search_page_marks_the_matching_words(bank, client, auth, tenants) -> None:  # type: ignore[no-untyped-def]
    auth.login(tenants.hemnes_participant)
    page = client.get("/bank?q=langvakt").get_data(as_text=True)
    assert "Langvakter i helgene og årsturnus på Kolstihagen" not in page  # the title is marked
    assert "<mark>Langvakter</mark> i helgene" in page
    assert "Idébank" in page


def test_a_story_enters_the_bank_only_when_its_municipality_opens_it(  # type: ignore[no-untyped-def]
    bank, client, auth, north, make_story
) -> None:
    story = make_story(north.alta, north.g3, title="Langvakter på Elvebakken")
    draft = make_story(north.alta, north.g3, title="Langvakter i utkast", published=False)
    auth.login(north.rana_coordinator)  # another network
    assert "Langvakter på Elvebakken" not in client.get("/bank?q=langvakt").get_data(as_text=True)
    assert client.get(f"/bank/stories/{story.id}").status_code == 403
    auth.logout()

    auth.login(north.alta_coordinator)
    refused = post_form(
        client, f"/stories/{draft.id}/bank", {"open": "1"}, form_page=f"/stories/{draft.id}"
    )
    assert refused.status_code == 302
    response = post_form(
        client, f"/stories/{story.id}/bank", {"open": "1"}, form_page=f"/stories/{story.id}"
    )
    assert response.status_code == 302
    auth.logout()

    auth.login(north.rana_coordinator)
    page = client.get("/bank?q=kartlagt+langvakt").get_data(as_text=True)
    assert "<mark>Langvakter</mark> på Elvebakken" in page
    assert "Langvakter i utkast" not in page
    assert client.get(f"/bank/stories/{story.id}").status_code == 200
    assert client.get(f"/bank/stories/{draft.id}").status_code == 403
    auth.logout()

    auth.login(north.alta_coordinator)
    post_form(client, f"/stories/{story.id}/bank", {"open": "0"}, form_page=f"/stories/{story.id}")
    auth.logout()
    auth.login(north.rana_coordinator)
    assert "Elvebakken" not in client.get("/bank?q=langvakt").get_data(as_text=True)
    assert client.get(f"/bank/stories/{story.id}").status_code == 403


def test_facilitator_enters_a_case_and_finds_it(bank, client, auth, tenants) -> None:  # type: ignore[no-untyped-def]
    auth.login(tenants.facilitator)
    data = {
        "place": "Alta – Elvebakken sykehjem",
        "county": "Finnmark",
        "population": "21 000",
        "title": "Helgefloken løst med langvakter",
        "themes": ["working_time", "fulltime_culture"],
        "arrangement": "long_shifts",
        "summary": "Færre helgestillinger og større stillinger.",
        "results_text": "Stillingsstørrelsen økte fra 48 % til 66 %.",
        "contact_role": "Enhetsleder",
    }
    response = post_form(client, "/bank/cases/new", data)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Helgefloken løst med langvakter" in page and "Enhetsleder" in page
    found = client.get("/bank?q=helgeflok").get_data(as_text=True)
    assert "Helgefloken" in found


def test_a_case_without_themes_is_refused_and_keeps_the_text(bank, client, auth, tenants) -> None:  # type: ignore[no-untyped-def]
    auth.login(tenants.facilitator)
    response = post_form(
        client,
        "/bank/cases/new",
        {"place": "Alta", "title": "Uten tema", "summary": "Noe vi prøvde."},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Velg minst ett tema." in page and "Noe vi prøvde." in page


def test_only_facilitators_and_admins_enter_cases(bank, client, auth, tenants) -> None:  # type: ignore[no-untyped-def]
    auth.login(tenants.alta_coordinator)
    assert client.get("/bank/cases/new").status_code == 403
    assert "Nytt eksempel" not in client.get("/bank").get_data(as_text=True)
