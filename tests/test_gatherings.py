"""Gatherings: planning the agenda, publishing, registration, outputs, API and access."""

from __future__ import annotations

import io
import json
from datetime import date, time

import pytest
from flask import Flask
from icalendar import Calendar
from pypdf import PdfReader

from heltidnett.core.errors import ServiceError
from heltidnett.extensions import db
from tests.conftest import post_form

pytest_plugins = ["tests.gatherings_fixtures"]

DAY1 = date(2030, 3, 6)
DAY2 = date(2030, 3, 7)


def item_titles(app: Flask, gathering_id: int) -> list[tuple[str, str, int]]:
    """(title, "HH:MM", minutes) of a gathering's items in order."""
    from heltidnett.gatherings.models import Gathering

    with app.app_context():
        gathering = db.session.get(Gathering, gathering_id)
        db.session.refresh(gathering)
        return [
            (i.title, i.starts_at.strftime("%H:%M"), i.duration_minutes) for i in gathering.items
        ]


def _item_form(**overrides: str) -> dict[str, str]:
    data = {
        "day": DAY1.isoformat(),
        "starts_at": "13:30",
        "duration_minutes": "30",
        "title": "Refleksjon",
        "kind": "reflection",
        "speaker": "",
        "description": "",
        "method": "0",
        "steps": "",
        "roles": "",
        "timing": "",
        "shift_following": "y",
    }
    data.update(overrides)
    return data


# ---- planning rules -------------------------------------------------------------------


def test_lengthening_an_item_shifts_the_ones_after_it_that_day(app, make_gathering) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.gatherings import services
    from heltidnett.gatherings.models import Gathering

    gid = make_gathering()
    with app.test_request_context():
        gathering = db.session.get(Gathering, gid)
        item = next(i for i in gathering.items if i.title == "Velkommen")
        services.save_item(
            db.session,
            None,
            gathering,
            services.ItemData(DAY1, time(10, 0), 25, "Velkommen", kind="welcome"),
            item,
        )
        db.session.commit()
    assert item_titles(app, gid) == [
        ("Velkommen", "10:00", 25),
        ("Arbeidet vi har gjort så langt", "10:25", 80),
        ("Lunsj", "11:45", 60),
        ("Gruppearbeid i egen kommune", "12:45", 60),
        ("God morgen", "08:30", 15),
    ]


def test_inserting_an_item_pushes_later_items_only_as_far_as_needed(app, make_gathering) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.gatherings import services
    from heltidnett.gatherings.models import Gathering

    gid = make_gathering()
    with app.test_request_context():
        gathering = db.session.get(Gathering, gid)
        services.save_item(
            db.session,
            None,
            gathering,
            services.ItemData(DAY1, time(11, 30), 15, "Kort pause", kind="break"),
        )
        db.session.commit()
    titles = item_titles(app, gid)
    assert titles[2:5] == [
        ("Kort pause", "11:30", 15),
        ("Lunsj", "11:45", 60),
        ("Gruppearbeid i egen kommune", "12:45", 60),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"starts_at": time(10, 30), "shift_following": False}, "overlapper"),
        ({"duration_minutes": 0}, "minst 1 minutt"),
        ({"method_id": 999_999}, "Ukjent metode"),
        ({"day": date(2030, 3, 9)}, "samlingens dager"),
        ({"starts_at": time(23, 30), "duration_minutes": 60}, "midnatt"),
    ],
)
def test_invalid_items_are_refused_and_change_nothing(app, make_gathering, data, message) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.gatherings import services
    from heltidnett.gatherings.models import Gathering

    gid = make_gathering()
    before = item_titles(app, gid)
    fields = {"day": DAY1, "starts_at": time(10, 30), "duration_minutes": 20, "title": "Nytt"}
    fields.update(data)
    with app.test_request_context():
        gathering = db.session.get(Gathering, gid)
        with pytest.raises(ServiceError, match=message):
            services.save_item(db.session, None, gathering, services.ItemData(**fields))
        db.session.rollback()
    assert item_titles(app, gid) == before


def test_choosing_a_method_fills_in_its_steps_and_keeps_own_text(app, make_gathering) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.gatherings import services
    from heltidnett.gatherings.models import Gathering, Method

    gid = make_gathering()
    with app.test_request_context():
        gathering = db.session.get(Gathering, gid)
        igp = db.session.scalar(db.select(Method).where(Method.name == "IGP"))
        walk = Method(
            name="Gallerivandring", steps="Lag plakat\nRoter", roles="vert", timing="3 × 7 minutter"
        )
        db.session.add(walk)
        db.session.flush()
        item = services.save_item(
            db.session,
            None,
            gathering,
            services.ItemData(DAY2, time(9, 0), 45, "Gruppearbeid", method_id=igp.id),
        )
        assert (item.steps, item.roles) == (igp.steps, igp.roles)
        changed = services.save_item(
            db.session,
            None,
            gathering,
            services.ItemData(
                DAY2,
                time(9, 0),
                45,
                "Gruppearbeid",
                method_id=walk.id,
                steps=item.steps,
                roles="vert, tidtaker",
                timing=item.timing,
            ),
            item,
        )
        assert (changed.steps, changed.roles, changed.timing) == (
            "Lag plakat\nRoter",
            "vert, tidtaker",
            "3 × 7 minutter",
        )
        db.session.rollback()


def test_moving_an_item_up_swaps_it_with_the_one_before(app, make_gathering) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.gatherings import services
    from heltidnett.gatherings.models import Gathering

    gid = make_gathering()
    with app.test_request_context():
        gathering = db.session.get(Gathering, gid)
        lunch = next(i for i in gathering.items if i.title == "Lunsj")
        assert services.move_item(db.session, None, lunch, "up")
        db.session.commit()
    assert item_titles(app, gid)[:3] == [
        ("Velkommen", "10:00", 10),
        ("Lunsj", "10:10", 60),
        ("Arbeidet vi har gjort så langt", "11:10", 80),
    ]


def test_warnings_name_items_past_the_end_of_the_day(app, make_gathering) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.gatherings import services
    from heltidnett.gatherings.models import Gathering

    gid = make_gathering()
    with app.test_request_context():
        gathering = db.session.get(Gathering, gid)
        services.save_item(
            db.session,
            None,
            gathering,
            services.ItemData(DAY1, time(17, 0), 60, "Middag", kind="meal"),
        )
        found = services.warnings(gathering)
    assert len(found) == 1
    assert "«Middag» slutter kl.\u00a018.00" in found[0]


def test_groups_mix_municipalities_as_evenly_as_possible() -> None:
    from heltidnett.gatherings.models import Registration
    from heltidnett.gatherings.services import make_groups

    people = [
        Registration(first_name=f"P{i}", last_name=f"{m}{i}", email=f"{m}{i}@x.no", organisation=m)
        for m, n in (("Alta", 6), ("Rana", 4), ("Hemnes", 2))
        for i in range(n)
    ]
    groups = make_groups(people, 4)
    assert [len(g) for g in groups] == [3, 3, 3, 3]
    for group in groups:
        places = [p.organisation for p in group]
        assert len(set(places)) >= 2, places


def test_copying_an_agenda_moves_it_to_the_new_dates(app, tenants, make_gathering) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.gatherings import services
    from heltidnett.gatherings.models import Gathering

    source = make_gathering(status="held")
    target = make_gathering(status="planned", items=False, starts_on=date(2030, 9, 4))
    with app.test_request_context():
        facilitator = db.session.merge(tenants.facilitator)
        copied = services.copy_agenda(
            db.session,
            facilitator,
            db.session.get(Gathering, target),
            db.session.get(Gathering, source),
        )
        db.session.commit()
        days = {i.day for i in db.session.get(Gathering, target).items}
    assert copied == 5
    assert days == {date(2030, 9, 4), date(2030, 9, 5)}
    assert [t[:2] for t in item_titles(app, target)] == [t[:2] for t in item_titles(app, source)]


def test_copying_an_agenda_over_one_with_items_replaces_them(
    client, auth, tenants, make_gathering, app
) -> None:  # type: ignore[no-untyped-def]
    """Copy with "replace" onto a programme that has items (it answered 500, like item 8)."""
    from heltidnett.gatherings.models import AgendaItem

    source = make_gathering(status="held")
    target = make_gathering(status="planned", starts_on=date(2030, 9, 4))
    before = len(item_titles(app, target))
    assert before > 0
    auth.login(tenants.facilitator)
    response = post_form(
        client, f"/gatherings/{target}/copy", {"source": str(source), "replace": "y"}
    )
    assert response.status_code == 302, response.status_code
    assert [t[:2] for t in item_titles(app, target)] == [t[:2] for t in item_titles(app, source)]
    with app.app_context():
        count = db.session.scalar(
            db.select(db.func.count(AgendaItem.id)).where(AgendaItem.gathering_id == target)
        )
    assert count == len(item_titles(app, source))


# ---- pages ----------------------------------------------------------------------------


def test_facilitator_plans_a_gathering_in_the_browser_forms(client, auth, tenants) -> None:  # type: ignore[no-untyped-def]
    auth.login(tenants.facilitator)
    response = post_form(
        client,
        f"/networks/{tenants.north.id}/gatherings/new",
        {
            "title": "Samling 3",
            "kind": "network",
            "number": "",
            "place": "Bodø",
            "starts_on": "2030-03-06",
            "ends_on": "2030-03-07",
            "day_ends_at": "17:30",
            "status": "planned",
            "changes_reserved": "y",
        },
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "Samlingen er opprettet" in page
    gathering_path = response.request.path
    response = post_form(
        client,
        gathering_path + "/agenda/new",
        _item_form(starts_at="10:00", duration_minutes="10", title="Velkommen", kind="welcome"),
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "«Velkommen» er lagret" in page
    assert "10.00" in page and "10.10" in page
    assert "Med forbehold om endringer" in page


def test_invalid_agenda_form_gives_norwegian_message_and_keeps_input(
    client, auth, tenants, make_gathering, app
) -> None:  # type: ignore[no-untyped-def]
    gid = make_gathering(status="planned")
    before = item_titles(app, gid)
    auth.login(tenants.facilitator)
    path = f"/gatherings/{gid}/agenda/new"
    for data, message in [
        (_item_form(starts_at="25:99"), "Skriv inn et gyldig klokkeslett"),
        (_item_form(duration_minutes="0"), "Varigheten må være minst 1 minutt"),
        (_item_form(starts_at="10:30", shift_following=""), "overlapper med"),
        (_item_form(method="424242"), "Ukjent metode"),
        (_item_form(duration_minutes="tre"), "Skriv inn varigheten i hele minutter"),
    ]:
        if not data["shift_following"]:
            del data["shift_following"]
        response = post_form(client, path, data)
        page = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "Skjemaet har feil" in page or "overlapper" in page
        assert message in page, message
        assert 'value="Refleksjon"' in page
    assert item_titles(app, gid) == before


def test_published_programme_marks_items_changed_since_publishing(
    client, auth, tenants, make_gathering, app
) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.gatherings.models import Gathering

    gid = make_gathering(status="planned")
    auth.login(tenants.facilitator)
    post_form(client, f"/gatherings/{gid}/publish", {}, form_page=f"/gatherings/{gid}")
    with app.app_context():
        item_id = next(i.id for i in db.session.get(Gathering, gid).items if i.title == "Lunsj")
    post_form(
        client,
        f"/agenda/{item_id}/edit",
        _item_form(starts_at="11:30", duration_minutes="45", title="Lunsj", kind="meal"),
    )
    auth.logout()
    auth.login(tenants.alta_coordinator)
    page = client.get(f"/gatherings/{gid}").get_data(as_text=True)
    assert page.count(">Endret<") >= 1
    assert "Lunsj" in page


def test_coordinator_reads_published_programme_but_cannot_edit(
    client, auth, tenants, make_gathering, app, api_token
) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.gatherings.models import Gathering

    gid = make_gathering()
    with app.app_context():
        item_id = db.session.get(Gathering, gid).items[0].id
    auth.login(tenants.alta_coordinator)
    page = client.get(f"/gatherings/{gid}").get_data(as_text=True)
    assert "Arbeidet vi har gjort så langt" in page
    assert "Nytt programpunkt" not in page
    assert client.get(f"/gatherings/{gid}/agenda/new").status_code == 403
    assert client.get(f"/agenda/{item_id}/edit").status_code == 403
    response = post_form(client, f"/agenda/{item_id}/delete", {}, form_page=f"/gatherings/{gid}")
    assert response.status_code == 403
    assert client.get(f"/gatherings/{gid}/attendance").status_code == 403
    assert client.get(f"/gatherings/{gid}/attendance.xlsx").status_code == 403
    headers = api_token(tenants.alta_coordinator)
    response = client.post(
        f"/api/v1/gatherings/{gid}/agenda",
        json={"day": "2030-03-06", "start": "16:00", "duration_minutes": 30, "title": "X"},
        headers=headers,
    )
    assert response.status_code == 403
    assert len(item_titles(app, gid)) == 5


def test_planned_gathering_is_hidden_from_coordinators(
    client, auth, tenants, make_gathering
) -> None:  # type: ignore[no-untyped-def]
    gid = make_gathering(status="planned")
    auth.login(tenants.alta_coordinator)
    assert client.get(f"/gatherings/{gid}").status_code == 403
    assert client.get(f"/gatherings/{gid}/program.pdf").status_code == 403
    network_page = client.get(f"/networks/{tenants.north.id}").get_data(as_text=True)
    assert "Samling Heltid i nord" not in network_page


@pytest.mark.parametrize("who", ["rana_coordinator", "outsider"])
def test_nobody_outside_the_network_sees_the_gathering(
    client, auth, tenants, make_gathering, api_token, app, who
) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.gatherings.models import Gathering, Material

    gid = make_gathering()
    with app.test_request_context():
        from heltidnett.files.services import check_upload, store

        item = db.session.get(Gathering, gid).items[0]
        stored = store(
            db.session, check_upload(io.BytesIO(b"%PDF-1.4 x"), "p.pdf", {"application/pdf"})
        )
        material = Material(item=item, title="Presentasjon", file=stored)
        db.session.add(material)
        db.session.commit()
        material_id = material.id
    user = getattr(tenants, who)
    auth.login(user)
    for path in (
        f"/gatherings/{gid}",
        f"/gatherings/{gid}/program.pdf",
        f"/gatherings/{gid}/program.ics",
        f"/gatherings/{gid}/projection",
        f"/materials/{material_id}",
    ):
        assert client.get(path).status_code == 403, path
    headers = api_token(user)
    assert client.get(f"/api/v1/gatherings/{gid}", headers=headers).status_code == 403
    response = client.get(f"/api/v1/networks/{tenants.north.id}/gatherings", headers=headers)
    assert response.status_code == 403
    auth.logout()
    auth.login(tenants.hemnes_participant)
    assert client.get(f"/materials/{material_id}").status_code == 200


def test_timeline_shows_gatherings_and_the_work_between(
    client, auth, tenants, make_gathering
) -> None:  # type: ignore[no-untyped-def]
    make_gathering(status="held", number=1, starts_on=date(2030, 3, 6))
    make_gathering(status="held", number=2, starts_on=date(2030, 9, 4))
    make_gathering(status="planned", number=3, starts_on=date(2031, 3, 4))
    auth.login(tenants.alta_coordinator)
    page = client.get(f"/networks/{tenants.north.id}").get_data(as_text=True)
    # the planned third is for facilitators only; the last held one has no work after it
    assert page.count("timeline--gathering") == 2
    assert page.count("timeline--between") == 1
    assert "Mellomarbeid" in page
    assert page.index("6. mars 2030") < page.index("Mellomarbeid") < page.index("4. september 2030")
    assert "6. mars 2030" in page and "Gjennomført" in page


# ---- registration, attendance, import -------------------------------------------------


def _register(client, gid: int, **data: str):  # type: ignore[no-untyped-def]
    form = {
        "first_name": "Kari",
        "last_name": "Nordmann",
        "email": "kari@alta.example.org",
        "phone": "",
        "job_title": "",
        "days": [DAY1.isoformat(), DAY2.isoformat()],
        "dinner": "y",
        "for": "self",
    }
    form.update(data)
    return post_form(client, f"/gatherings/{gid}/register", form, form_page=f"/gatherings/{gid}")


def test_coordinator_registers_self_and_people_of_own_municipality(
    client, auth, tenants, make_gathering, app
) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.gatherings.models import Gathering

    gid = make_gathering()
    auth.login(tenants.alta_coordinator)
    assert _register(client, gid).status_code == 302
    response = _register(
        client,
        gid,
        **{"for": "other", "email": "ola@alta.example.org", "first_name": "Ola", "dinner": ""},
    )
    assert response.status_code == 302
    bad = _register(client, gid, **{"for": "other", "email": "ikke-epost", "first_name": "Per"})
    assert bad.status_code == 422
    assert "Ugyldig e-postadresse" in bad.get_data(as_text=True)
    assert 'value="Per"' in bad.get_data(as_text=True)
    none = _register(client, gid, **{"days": []})
    assert "Velg minst én dag" in none.get_data(as_text=True)
    with app.app_context():
        regs = db.session.get(Gathering, gid).registrations
        summary = sorted((r.email, r.municipality.name, r.dinner, len(r.days)) for r in regs)
    assert summary == [
        ("koordinator.alta@example.org", "Alta", True, 2),
        ("ola@alta.example.org", "Alta", False, 2),
    ]
    auth.logout()
    auth.login(tenants.hemnes_coordinator)
    page = client.get(f"/gatherings/{gid}").get_data(as_text=True)
    assert "ola@alta" not in page and "Ola Nordmann" not in page
    with app.app_context():
        ola = next(r for r in db.session.get(Gathering, gid).registrations if r.first_name == "Ola")
    response = post_form(
        client, f"/registrations/{ola.id}/delete", {}, form_page=f"/gatherings/{gid}"
    )
    assert response.status_code == 403


def test_attendance_counts_and_exports_escape_formulas(
    client, auth, tenants, make_gathering
) -> None:  # type: ignore[no-untyped-def]
    from python_calamine import CalamineWorkbook

    gid = make_gathering()
    auth.login(tenants.alta_coordinator)
    _register(client, gid, job_title='=HYPERLINK("x")')
    auth.logout()
    auth.login(tenants.facilitator)
    page = client.get(f"/gatherings/{gid}/attendance").get_data(as_text=True)
    assert "Nordmann" in page and "=HYPERLINK" in page
    csv_text = client.get(f"/gatherings/{gid}/attendance.csv").get_data().decode("utf-8-sig")
    assert "Etternavn;Fornavn;E-post;Mobil;Stilling/tittel;Firma" in csv_text
    assert "'=HYPERLINK" in csv_text
    xlsx = client.get(f"/gatherings/{gid}/attendance.xlsx").get_data()
    rows = CalamineWorkbook.from_filelike(io.BytesIO(xlsx)).get_sheet_by_index(0).to_python()
    assert rows[0][:6] == ["Etternavn", "Fornavn", "E-post", "Mobil", "Stilling/tittel", "Firma"]
    assert rows[1][4] == '\'=HYPERLINK("x")'
    assert rows[1][-3:] == ["Ja", "Ja", "Ja"]


def test_import_previews_row_errors_before_writing(
    client, auth, tenants, make_gathering, app
) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.gatherings.models import Gathering

    gid = make_gathering()
    csv_bytes = (
        b"Etternavn;Fornavn;E-post;Mobil;Stilling/tittel;Firma\r\n"
        b"Hansen;Kari;kari.hansen@example.org;91234567;Enhetsleder;Alta kommune\r\n"
        b";Ola;ola@example.org;;;Hemnes kommune\r\n"
        b"Berg;Per;ikke-en-adresse;;;Hemnes kommune\r\n"
        b"Lie;Siri;siri@example.org;;Tillitsvalgt;Fagforbundet\r\n"
    )
    auth.login(tenants.facilitator)
    token_page = f"/gatherings/{gid}/attendance"
    response = post_form(
        client,
        f"/gatherings/{gid}/import",
        {"file": (io.BytesIO(csv_bytes), "deltakere.csv")},
        form_page=token_page,
        content_type="multipart/form-data",
    )
    page = response.get_data(as_text=True)
    assert "2 av 4 rader kan importeres" in page
    assert "Etternavn mangler" in page and "Ugyldig e-postadresse" in page
    with app.app_context():
        assert db.session.get(Gathering, gid).registrations == []
    rows_value = page.split('name="rows" type="hidden" value="')[1].split('"')[0]
    import html

    response = post_form(
        client,
        f"/gatherings/{gid}/import/confirm",
        {"rows": html.unescape(rows_value)},
        form_page=token_page,
        follow_redirects=True,
    )
    assert "2 deltakere er importert" in response.get_data(as_text=True)
    with app.app_context():
        regs = {r.email: r for r in db.session.get(Gathering, gid).registrations}
        assert regs["kari.hansen@example.org"].municipality.name == "Alta"
        assert regs["kari.hansen@example.org"].phone == "91234567"
        assert regs["siri@example.org"].municipality is None


def test_import_reads_xlsx(app, tenants, make_gathering) -> None:  # type: ignore[no-untyped-def]
    import xlsxwriter

    from heltidnett.gatherings import registrations
    from heltidnett.gatherings.models import Gathering

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer)
    sheet = workbook.add_worksheet()
    for r, row in enumerate(
        [
            ["Etternavn", "Fornavn", "E-post", "Mobil", "Stilling/tittel", "Firma"],
            ["Moen", "Anne", "anne@example.org", 98765432, "Prosjektleder", "Hemnes kommune"],
        ]
    ):
        sheet.write_row(r, 0, row)
    workbook.close()
    gid = make_gathering()
    with app.test_request_context():
        rows = registrations.parse_participants(
            db.session,
            db.session.get(Gathering, gid),
            registrations.read_rows(
                buffer.getvalue(),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
        )
    assert [(r.person.email, r.person.phone, r.municipality_name, r.ok) for r in rows] == [
        ("anne@example.org", "98765432", "Hemnes", True)
    ]


def test_groups_page_mixes_registered_participants(
    client, auth, tenants, make_gathering, app
) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.gatherings import registrations
    from heltidnett.gatherings.models import Gathering

    gid = make_gathering()
    with app.test_request_context():
        gathering = db.session.get(Gathering, gid)
        facilitator = db.session.merge(tenants.facilitator)
        for i, municipality in enumerate([tenants.alta] * 4 + [tenants.hemnes] * 4):
            registrations.register(
                db.session,
                facilitator,
                gathering,
                registrations.Person(
                    f"Etter{i}", f"For{i}", f"p{i}@example.org", municipality_id=municipality.id
                ),
                gathering.days,
                dinner=False,
            )
        db.session.commit()
    auth.login(tenants.facilitator)
    page = client.get(f"/gatherings/{gid}/groups?n=4").get_data(as_text=True)
    assert page.count("Gruppe ") >= 4
    for n in range(1, 5):
        section = page.split(f">Gruppe {n}<")[1].split("</section>")[0]
        assert "(Alta)" in section and "(Hemnes)" in section


def test_groups_for_an_item_take_it_from_the_gathering_only(
    client, auth, tenants, make_gathering, app
) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.gatherings.models import Gathering

    gid = make_gathering()
    other = make_gathering(number=2, starts_on=date(2031, 1, 1))
    with app.app_context():
        own_item = db.session.get(Gathering, gid).items[0].id
        other_item = db.session.get(Gathering, other).items[0].id
    auth.login(tenants.facilitator)
    assert client.get(f"/gatherings/{gid}/groups?item={own_item}").status_code == 200
    for wrong in (other_item, 10**9, "x"):
        assert client.get(f"/gatherings/{gid}/groups?item={wrong}").status_code == 404


# ---- outputs --------------------------------------------------------------------------


def test_programme_pdf_is_a_printable_programme(
    client, auth, tenants, make_gathering, api_token
) -> None:  # type: ignore[no-untyped-def]
    gid = make_gathering()
    auth.login(tenants.alta_coordinator)
    response = client.get(f"/gatherings/{gid}/program.pdf")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) == 2
    assert "Samling Heltid i nord" in text
    assert "onsdag 6. mars 2030" in text
    assert "kl. 10.00" in text.replace("\u00a0", " ")
    assert "Med forbehold om endringer" in text
    assert "kommunalsjef, Levanger kommune" in text
    auth.logout()
    bearer = client.get(
        f"/gatherings/{gid}/program.pdf", headers=api_token(tenants.hemnes_participant)
    )
    assert bearer.status_code == 200 and bearer.data.startswith(b"%PDF")


def test_ics_parses_with_one_event_per_day(
    client, auth, tenants, make_gathering, api_token
) -> None:  # type: ignore[no-untyped-def]
    gid = make_gathering()
    response = client.get(
        f"/gatherings/{gid}/program.ics", headers=api_token(tenants.alta_coordinator)
    )
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    calendar = Calendar.from_ical(response.data)
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 2
    first = events[0]
    assert str(first["SUMMARY"]) == "Samling Heltid i nord, dag 1"
    start = first.decoded("DTSTART")
    end = first.decoded("DTEND")
    assert (start.hour, start.minute, end.hour, end.minute) == (10, 0, 13, 30)
    assert str(start.tzinfo) == "Europe/Oslo"
    assert str(first["LOCATION"]) == "Bodø"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Oslo"]


def test_projection_shows_the_chosen_day_in_large_type(
    client, auth, tenants, make_gathering
) -> None:  # type: ignore[no-untyped-def]
    gid = make_gathering()
    auth.login(tenants.hemnes_participant)
    page = client.get(f"/gatherings/{gid}/projection?day=2030-03-07").get_data(as_text=True)
    assert "God morgen" in page and "Velkommen" not in page
    assert "projection__item" in page


# ---- API ------------------------------------------------------------------------------


def test_api_lists_and_reads_gatherings_with_agenda(
    client, tenants, make_gathering, api_token
) -> None:  # type: ignore[no-untyped-def]
    gid = make_gathering()
    make_gathering(status="planned", number=9, starts_on=date(2031, 1, 1))
    headers = api_token(tenants.alta_coordinator)
    listing = client.get(f"/api/v1/networks/{tenants.north.id}/gatherings", headers=headers).json
    assert [g["id"] for g in listing] == [gid]
    detail = client.get(f"/api/v1/gatherings/{gid}", headers=headers).json
    first = detail["agenda"][0]
    assert {
        k: first[k]
        for k in ("day", "start", "duration_minutes", "title", "kind", "method", "speaker")
    } == {
        "day": "2030-03-06",
        "start": "10:00",
        "duration_minutes": 10,
        "title": "Velkommen",
        "kind": "welcome",
        "method": None,
        "speaker": "",
    }
    assert detail["agenda"][3]["method"] == "IGP"


def test_api_pages_the_gatherings_the_user_may_see(
    client, tenants, make_gathering, api_token
) -> None:  # type: ignore[no-untyped-def]
    first = make_gathering()
    second = make_gathering(number=2, starts_on=date(2031, 1, 1))
    planned = make_gathering(status="planned", number=9, starts_on=date(2032, 1, 1))
    url = f"/api/v1/networks/{tenants.north.id}/gatherings"
    headers = api_token(tenants.facilitator)
    pages = [client.get(f"{url}?page={n}&page_size=2", headers=headers) for n in (1, 2)]
    assert [[g["id"] for g in page.json] for page in pages] == [[first, second], [planned]]
    assert json.loads(pages[0].headers["X-Pagination"])["total"] == 3
    coordinator = client.get(f"{url}?page_size=1", headers=api_token(tenants.alta_coordinator))
    assert [g["id"] for g in coordinator.json] == [first]
    assert json.loads(coordinator.headers["X-Pagination"])["total"] == 2


def test_api_facilitator_creates_gathering_and_agenda(client, tenants, api_token) -> None:  # type: ignore[no-untyped-def]
    headers = api_token(tenants.facilitator)
    response = client.post(
        f"/api/v1/networks/{tenants.north.id}/gatherings",
        json={
            "title": "Samling 1",
            "starts_on": "2030-03-06",
            "ends_on": "2030-03-07",
            "place": "Bodø",
        },
        headers=headers,
    )
    assert response.status_code == 201, response.json
    gid = response.json["id"]
    assert response.json["number"] == 1 and response.json["status"] == "planned"
    ok = client.post(
        f"/api/v1/gatherings/{gid}/agenda",
        json={
            "day": "2030-03-06",
            "start": "10:00",
            "duration_minutes": 30,
            "title": "Velkommen",
            "kind": "welcome",
        },
        headers=headers,
    )
    assert ok.status_code == 201 and ok.json["end"] == "10:30"
    for body, message in [
        ({"duration_minutes": 0}, "minst 1 minutt"),
        ({"method": "Ukjent"}, "Ukjent metode"),
        ({"start": "10:15", "shift_following": False}, "overlapper"),
    ]:
        payload = {
            "day": "2030-03-06",
            "start": "10:40",
            "duration_minutes": 20,
            "title": "Nytt",
            **body,
        }
        bad = client.post(f"/api/v1/gatherings/{gid}/agenda", json=payload, headers=headers)
        assert bad.status_code == 422, bad.json
        assert message in bad.json["error"]["message"]
    invalid_time = client.post(
        f"/api/v1/gatherings/{gid}/agenda",
        json={"day": "2030-03-06", "start": "25:00", "duration_minutes": 20, "title": "Nytt"},
        headers=headers,
    )
    assert invalid_time.status_code == 422
    no_title = client.post(
        f"/api/v1/gatherings/{gid}/agenda",
        json={"day": "2030-03-06", "start": "11:00", "duration_minutes": 20, "title": ""},
        headers=headers,
    )
    assert "Tittelen må ha 1–300 tegn." in str(no_title.json["error"]["details"])
    start_error = str(invalid_time.json["error"]["details"]["json"]["start"])
    assert "Skriv inn et gyldig klokkeslett, som 10:15." in start_error
    agenda = client.get(f"/api/v1/gatherings/{gid}", headers=headers).json["agenda"]
    assert [a["title"] for a in agenda] == ["Velkommen"]
    coordinator = api_token(tenants.alta_coordinator)
    response = client.post(
        f"/api/v1/networks/{tenants.north.id}/gatherings",
        json={"title": "X", "starts_on": "2030-03-06", "ends_on": "2030-03-07"},
        headers=coordinator,
    )
    assert response.status_code == 403


# ---- demo -----------------------------------------------------------------------------


def test_demo_loads_the_seed_programmes_once(app) -> None:  # type: ignore[no-untyped-def]
    import sqlalchemy as sa

    from heltidnett.demo import load_demo
    from heltidnett.gatherings.models import AgendaItem, Gathering, Method, Registration

    def counts() -> tuple[int, ...]:
        return tuple(
            db.session.scalar(sa.select(sa.func.count()).select_from(m))
            for m in (Gathering, AgendaItem, Method, Registration)
        )

    with app.test_request_context():
        load_demo(db.session)
        first = counts()
        load_demo(db.session)
        assert counts() == first
        bodo = db.session.scalar(
            sa.select(Gathering).where(Gathering.place == "Bodø", Gathering.number == 3)
        )
        assert bodo.starts_on == date(2018, 3, 6)
        assert bodo.items[0].title == "Velkommen" and bodo.items[0].starts_at == time(10, 0)
        kongsberg = db.session.scalar(sa.select(Gathering).where(Gathering.place == "Kongsberg"))
        assert kongsberg.items[0].title == "Registrering, kaffe og noe å bite i"
        assert {m.name for m in db.session.scalars(sa.select(Method))} >= {
            "IGP",
            "Gallerivandring",
            "Speed-date",
            "Kafédialog",
            "Plakat",
            "Vurderingskrysset",
            "Refleksjon",
        }
        db.session.rollback()


def test_material_upload_is_checked_and_served_to_the_network_only(
    client, auth, tenants, make_gathering, app
) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.gatherings.models import Gathering

    gid = make_gathering()
    with app.app_context():
        item_id = db.session.get(Gathering, gid).items[1].id
    auth.login(tenants.facilitator)
    path = f"/agenda/{item_id}/materials"
    refused = post_form(
        client,
        path,
        {"title": "Program", "url": "", "file": (io.BytesIO(b"MZ\x90\x00binary"), "program.pdf")},
        content_type="multipart/form-data",
    )
    assert "Denne filtypen kan ikke lastes opp her" in refused.get_data(as_text=True)
    bad_link = post_form(client, path, {"title": "Lenke", "url": "javascript:alert(1)"})
    assert "Lenken må begynne med https://" in bad_link.get_data(as_text=True)
    ok = post_form(
        client,
        path,
        {"title": "Presentasjon", "url": "", "file": (io.BytesIO(b"%PDF-1.4 test"), "p.pdf")},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    assert "Materialet er lagt til" in ok.get_data(as_text=True)
    with app.app_context():
        material = db.session.get(Gathering, gid).items[1].materials[0]
        material_id, size = material.id, material.file.size
    assert size == 13
    auth.logout()
    auth.login(tenants.alta_coordinator)
    response = client.get(f"/materials/{material_id}")
    assert response.status_code == 200 and response.data == b"%PDF-1.4 test"
    auth.logout()
    auth.login(tenants.rana_coordinator)
    assert client.get(f"/materials/{material_id}").status_code == 403


def test_programme_page_in_nynorsk_and_english(client, auth, tenants, make_gathering) -> None:  # type: ignore[no-untyped-def]
    gid = make_gathering()
    auth.login(tenants.alta_coordinator)
    for language, words in [
        ("nn", ["Med atterhald om endringar", "Påmelding", "Førenamn"]),
        ("en", ["Subject to change", "Registration", "First name"]),
    ]:
        post_form(client, "/language", {"language": language}, form_page=f"/gatherings/{gid}")
        page = client.get(f"/gatherings/{gid}").get_data(as_text=True)
        for word in words:
            assert word in page, (language, word)


def test_import_is_for_facilitators_and_keeps_earlier_choices(
    client, auth, tenants, make_gathering, app
) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.gatherings import registrations
    from heltidnett.gatherings.models import Gathering

    gid = make_gathering()
    auth.login(tenants.alta_coordinator)
    _register(client, gid, days=[DAY2.isoformat()])
    csv_file = (
        io.BytesIO(
            b"Etternavn;Fornavn;E-post\r\nAlta;Koordinator;koordinator.alta@example.org\r\n"
        ),
        "d.csv",
    )
    response = post_form(
        client,
        f"/gatherings/{gid}/import",
        {"file": csv_file},
        form_page=f"/gatherings/{gid}",
        content_type="multipart/form-data",
    )
    assert response.status_code == 403
    with app.test_request_context():
        gathering = db.session.get(Gathering, gid)
        rows = registrations.parse_participants(
            db.session,
            gathering,
            [
                ["Etternavn", "Fornavn", "E-post", "Firma"],
                ["Alta", "Koordinator", "koordinator.alta@example.org", "Alta kommune"],
            ],
        )
        registrations.import_participants(
            db.session, db.session.merge(tenants.facilitator), gathering, rows
        )
        db.session.commit()
        (only,) = db.session.get(Gathering, gid).registrations
        assert (only.days, only.dinner, only.municipality.name) == (
            [DAY2.isoformat()],
            True,
            "Alta",
        )


def test_broken_import_preview_is_refused_with_a_message(
    client, auth, tenants, make_gathering
) -> None:  # type: ignore[no-untyped-def]
    gid = make_gathering()
    auth.login(tenants.facilitator)
    response = post_form(
        client,
        f"/gatherings/{gid}/import/confirm",
        {"rows": "[1, 2"},
        form_page=f"/gatherings/{gid}/attendance",
        follow_redirects=True,
    )
    assert "Forhåndsvisningen kunne ikke leses" in response.get_data(as_text=True)
    assert "Ingen er påmeldt ennå" in response.get_data(as_text=True)


def test_deleting_an_agenda_item_through_the_page_keeps_the_rest(
    client, auth, tenants, make_gathering, app
) -> None:  # type: ignore[no-untyped-def]
    """Item 8: the delete answers with the programme; the others keep order, times, materials."""
    from heltidnett.audit.models import AuditEvent
    from heltidnett.gatherings.models import AgendaItem, Gathering, Material

    gid = make_gathering()
    other_gid = make_gathering(items=True, starts_on=date(2030, 9, 2))
    auth.login(tenants.facilitator)
    with app.app_context():
        items = db.session.get(Gathering, gid).items
        doomed_id, kept_id = items[1].id, items[3].id
    for item_id in (doomed_id, kept_id):
        post_form(
            client,
            f"/agenda/{item_id}/materials",
            {"title": "Lenke", "url": "https://example.org/a"},
        )
    before = item_titles(app, gid)
    response = post_form(client, f"/agenda/{doomed_id}/delete", {}, follow_redirects=True)
    assert response.status_code == 200
    assert "«Arbeidet vi har gjort så langt» er slettet." in response.get_data(as_text=True)
    assert item_titles(app, gid) == [t for t in before if t[0] != "Arbeidet vi har gjort så langt"]
    assert len(item_titles(app, other_gid)) == len(before)
    with app.app_context():
        assert db.session.get(AgendaItem, doomed_id) is None
        materials = db.session.scalars(db.select(Material)).all()
        assert [m.item_id for m in materials] == [kept_id]
        deleted = db.session.scalars(
            db.select(AuditEvent.object_id).where(
                AuditEvent.action == "delete", AuditEvent.object_type == "agenda_items"
            )
        ).all()
        assert deleted == [str(doomed_id)]
    assert client.get(f"/gatherings/{gid}").status_code == 200
    assert post_form(client, f"/agenda/{doomed_id}/delete", {}).status_code == 404


def test_only_the_facilitator_deletes_agenda_items(
    client, auth, tenants, make_gathering, app
) -> None:  # type: ignore[no-untyped-def]
    from heltidnett.gatherings.models import Gathering

    gid = make_gathering()
    with app.app_context():
        item_id = db.session.get(Gathering, gid).items[0].id
    before = item_titles(app, gid)
    auth.login(tenants.alta_coordinator)
    assert post_form(client, f"/agenda/{item_id}/delete", {}).status_code == 403
    assert item_titles(app, gid) == before
