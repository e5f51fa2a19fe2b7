"""One parser reads every number typed into a form: `heltidnett.core.numbers.parse_number`."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from heltidnett.core.numbers import NotANumber, parse_number, parse_whole
from tests.conftest import gathering_form, post_form

pytest_plugins = ["tests.stories_fixtures"]


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("27,51", "27.51"),
        ("27.51", "27.51"),
        ("1 322,6", "1322.6"),
        ("1\u00a0322,6", "1322.6"),  # no-break space, as format_number writes it
        ("1\u202f322,6", "1322.6"),  # narrow no-break space
        ("1.322,6", "1322.6"),
        ("85,5 %", "85.5"),
        ("85,5\u00a0%", "85.5"),
        ("85%", "85"),
        ("\u22123", "-3"),  # the minus sign babel writes
        ("-3,5", "-3.5"),
        ("  12  ", "12"),
    ],
)
def test_parse_number_reads_what_norwegians_type(typed: str, value: str) -> None:
    assert parse_number(typed) == Decimal(value)


@pytest.mark.parametrize(
    "typed", ["12,5,3", "1e5", "NaN", "Infinity", "mange", "1,", ",5", "٣", "1" * 65]
)
def test_parse_number_refuses_what_is_not_a_number(typed: str) -> None:
    with pytest.raises(NotANumber):
        parse_number(typed)


def test_empty_text_is_no_number() -> None:
    assert parse_number("") is None and parse_number("  ") is None and parse_number(None) is None


def test_parse_whole_reads_whole_numbers_only() -> None:
    assert parse_whole("1 322") == 1322
    assert parse_whole("12,0") == 12
    assert parse_whole("") is None
    with pytest.raises(NotANumber):
        parse_whole("2,5")


@pytest.mark.parametrize(
    "typed", ["27,51", "1 322,6", "1.322,6", "85,5 %", "\u22123", "mange", "12,5,3"]
)
def test_the_staffing_import_reads_a_cell_as_the_form_reads_a_field(typed: str) -> None:
    import pandas as pd

    from heltidnett.staffing.importer import parse_numbers

    values, _percent, _blank = parse_numbers(pd.Series([typed], dtype=object))
    try:
        expected: float | None = float(parse_number(typed))  # type: ignore[arg-type]
    except NotANumber:
        expected = None
    assert (None if pd.isna(values.iloc[0]) else float(values.iloc[0])) == expected


def test_number_fields_read_norwegian_input_and_are_not_type_number(app: Any) -> None:
    from flask_wtf import FlaskForm
    from werkzeug.datastructures import MultiDict

    from heltidnett.core.forms import DecimalField, IntegerField
    from heltidnett.gatherings.forms import GatheringForm
    from heltidnett.staffing.forms import NumberField

    class Form(FlaskForm):
        share = DecimalField("Andel", places=None)
        count = IntegerField("Antall")
        figure = NumberField("Årsverk")

    with app.test_request_context("/", method="POST"):
        form = Form(
            formdata=MultiDict({"share": "85,5 %", "count": "1 322", "figure": "27,51"}),
            meta={"csrf": False},
        )
        assert form.validate(), form.errors
        assert form.share.data == Decimal("85.5") and form.count.data == 1322
        assert form.figure.number == 27.51
        assert 'inputmode="decimal"' in form.share() and 'type="text"' in form.share()
        assert 'inputmode="numeric"' in form.count() and 'type="number"' not in form.count()
        bad = Form(
            formdata=MultiDict({"share": "åtti", "count": "2,5", "figure": "x"}),
            meta={"csrf": False},
        )
        assert not bad.validate()
        assert bad.count.errors == ["Skriv inn et helt tall."]
        assert bad.figure.errors == ["Skriv et tall, for eksempel 27,51."]
        assert 'value="åtti"' in bad.share()  # what was typed stays in the field
        gathering = GatheringForm(meta={"csrf": False})
        assert 'type="number"' not in str(gathering.number())


def test_gathering_number_with_spaces_and_group_count_typed_norwegian(
    client: Any, auth: Any, tenants: Any
) -> None:
    auth.login(tenants.facilitator)
    path = f"/networks/{tenants.north.id}/gatherings/new"
    response = post_form(client, path, gathering_form(title="Samling 12", number=" 12 "))
    assert response.status_code == 302, response.get_data(as_text=True)
    groups = client.get(response.headers["Location"] + "/groups?n=3%20").get_data(as_text=True)
    assert (
        'value="3"' in groups and 'inputmode="numeric"' in groups and 'type="number"' not in groups
    )


def test_assessment_ranks_read_as_typed(client: Any, auth: Any, north: Any) -> None:
    auth.login(north.alta_coordinator)
    path = f"/gatherings/{north.g3.id}/assessment/{north.alta.id}"
    page = client.get(path).get_data(as_text=True)
    assert 'type="number"' not in page and 'inputmode="numeric"' in page
    data = {
        "achieved-count": "2",
        "achieved-0-text": "Forankring",
        "achieved-0-rank": " 2 ",
        "achieved-1-text": "Heltidserklæring",
        "achieved-1-rank": "1,0",
    }
    response = post_form(client, path, data)
    assert response.status_code == 302, response.get_data(as_text=True)
