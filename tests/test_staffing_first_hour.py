"""A user's first hour with the staffing figures (issue 14): after an import the dashboard
shows what was imported and says what was saved; the network comparison is linked and its
indicators are chosen in a few clicks, each chosen one charted."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from heltidnett.extensions import db
from heltidnett.municipalities.models import Municipality, Unit
from heltidnett.staffing import catalogue, seeds, services
from tests.conftest import post_form
from tests.staffing_files import xlsx_bytes
from tests.test_staffing import _pending_id, _text, _upload


@pytest.fixture
def load_rows(app: Any) -> Callable[..., None]:
    """Store (unit, period, indicator, value) rows for a municipality, creating its units."""
    import pandas as pd

    def load(municipality: Any, rows: list[tuple[str, str, str, float]]) -> None:
        with app.app_context():
            found = db.session.get(Municipality, municipality.id)
            have = {u.name: u.id for u in found.units}
            for name in dict.fromkeys(r[0] for r in rows if r[0] not in have):
                unit = Unit(municipality_id=found.id, name=name)
                db.session.add(unit)
                db.session.flush()
                have[name] = unit.id
            frame = pd.DataFrame(
                {
                    "unit_id": [have[r[0]] for r in rows],
                    "unit": [r[0] for r in rows],
                    "period": [r[1] for r in rows],
                    "indicator": [r[2] for r in rows],
                    "value": [float(r[3]) for r in rows],
                }
            )
            services.save_rows(db.session, None, found, frame, "test")
            db.session.commit()

    return load


def _confirm(client, pending_id: int, data: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    preview = f"/staffing/imports/{pending_id}"
    return post_form(client, f"{preview}/confirm", data or {}, form_page=preview)


def test_after_an_import_the_dashboard_shows_the_latest_imported_period(
    app, client, auth, tenants, load_rows
):  # type: ignore[no-untyped-def]
    load_rows(tenants.alta, seeds.alta_rows())  # 2017, which the dashboard shows by default
    auth.login(tenants.alta_coordinator)
    rows = [
        ["unit", "period", "positions_planned", "fte_planned"],
        ["Elvebakken sykehjem", "2019-02", 73, 48.1],
        ["Elvebakken sykehjem", "2019-03", 73, 48.3],
        ["Hele kommunen", "2019-03", 290, 190.0],
    ]
    response = _confirm(
        client, _pending_id(_upload(client, tenants.alta.id, xlsx_bytes(rows), "mars.xlsx"))
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith(
        f"/municipalities/{tenants.alta.id}/staffing?period=2019-03"
    )
    page = _text(client.get(response.headers["Location"]))
    assert '<option value="2019-03" selected>' in page
    assert "Hele kommunen, 2019-03" in page
    assert (
        "Importen er lagret: 6 tall for Elvebakken sykehjem, hele kommunen, 2019-02, 2019-03."
        in page
    )
    assert "6 nye, 0 erstattet (fantes fra før med et annet tall), 0 uendret." in page


def test_the_import_summary_counts_replaced_figures_and_many_units(
    app, client, auth, tenants, load_rows
):  # type: ignore[no-untyped-def]
    names = ["Bofellesskap A", "Bofellesskap B", "Bofellesskap C", "Bofellesskap D", "Tun 1"]
    load_rows(tenants.alta, [(name, "2018", "positions_planned", 10) for name in names])
    auth.login(tenants.alta_coordinator)
    rows = [["unit", "period", "positions_planned"]] + [[name, "2018", 12] for name in names]
    rows[1][2] = 10  # the same as stored
    response = _confirm(
        client, _pending_id(_upload(client, tenants.alta.id, xlsx_bytes(rows), "a.xlsx"))
    )
    assert response.headers["Location"].endswith("?period=2018")
    page = _text(client.get(response.headers["Location"]))
    assert "Importen er lagret: 5 tall for 5 enheter, 2018." in page
    assert "0 nye, 4 erstattet (fantes fra før med et annet tall), 1 uendret." in page


def test_the_network_page_links_to_the_comparison(app, client, auth, tenants):  # type: ignore[no-untyped-def]
    url = f"/networks/{tenants.north.id}/staffing"
    for person in (tenants.facilitator, tenants.alta_coordinator):
        auth.login(person)
        page = client.get(f"/networks/{tenants.north.id}").get_data(as_text=True)
        assert f'href="{url}"' in page and "Bemanning i nettverket" in page
        auth.logout()


def test_the_municipality_page_links_to_its_networks_comparison(app, client, auth, tenants):  # type: ignore[no-untyped-def]
    url = f"/networks/{tenants.north.id}/staffing"
    auth.login(tenants.alta_coordinator)
    page = _text(client.get(f"/municipalities/{tenants.alta.id}"))
    assert f'href="{url}"' in page and "Sammenlign bemanning i Heltid i nord" in page
    auth.logout()
    auth.login(tenants.rana_coordinator)  # Rana's network is another: no link to Heltid i nord
    assert client.get(f"/municipalities/{tenants.alta.id}").status_code == 403
    page = _text(client.get(f"/municipalities/{tenants.rana.id}"))
    assert f'href="{url}"' not in page


def test_the_comparison_offers_one_grouped_choice_not_a_checkbox_each(
    app, client, auth, tenants, load_rows
):  # type: ignore[no-untyped-def]
    load_rows(tenants.alta, seeds.alta_rows())
    auth.login(tenants.facilitator)
    page = client.get(f"/networks/{tenants.north.id}/staffing?period=2017").get_data(as_text=True)
    assert 'type="checkbox"' not in page
    select = re.search(r'<select[^>]*name="indicator".*?</select>', page, re.S)
    assert select is not None
    groups = re.findall(r'<optgroup label="([^"]+)"', select.group(0))
    assert groups == [c.nb for c in catalogue.CATEGORIES]
    options = re.findall(r'<option value="([^"]*)"', select.group(0))
    assert options == ["", *catalogue.COMPARED_CODES]
    for code in catalogue.KEY_CODES:  # one click each
        assert f"indicator={code}" in page


def test_the_comparison_charts_every_chosen_indicator(app, client, auth, tenants, load_rows):  # type: ignore[no-untyped-def]
    load_rows(tenants.alta, seeds.alta_rows())
    auth.login(tenants.facilitator)
    base = f"/networks/{tenants.north.id}/staffing?period=2017"
    key = client.get(base).get_data(as_text=True)  # nothing chosen: the key indicators
    for code in ("avg_position_size_planned", "fulltime_share", "sick_leave_pct"):
        assert f'id="chart-compare-{code}-caption"' in key
    one = client.get(f"{base}&indicator=turnover_staff_pct").get_data(as_text=True)
    assert re.findall(r'id="chart-compare-([a-z_0-9]+)-caption"', one) == ["turnover_staff_pct"]
    assert '<option value="turnover_staff_pct" selected>' in one
    both = client.get(f"{base}&indicator=fte_planned&indicator=turnover_staff_pct").get_data(
        as_text=True
    )
    charted = re.findall(r'id="chart-compare-([a-z_0-9]+)-caption"', both)
    assert charted == ["fte_planned", "turnover_staff_pct"]  # no choice silently dropped
    empty = _text(client.get(f"{base}&indicator=cost_overtime"))
    assert "Ingen kommune har tall for 2017 for: Kostnad overtid." in empty
