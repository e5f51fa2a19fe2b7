"""The seeds' own staffing tables, reproduced from their raw numbers (no Flask)."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from heltidnett.staffing import compute, seeds
from heltidnett.staffing.importer import parse_numbers
from heltidnett.staffing.periods import parse_period
from heltidnett.staffing.reference import national_profile


def _wide(rows: list[tuple[str, str, str, float]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["unit", "period", "indicator", "value"])
    wide = frame.pivot_table(index=["unit", "period"], columns="indicator", values="value")
    wide.columns.name = None
    return wide.reset_index()


def _by_unit(rows: list[tuple[str, str, str, float]]) -> pd.DataFrame:
    wide = _wide(rows)
    return compute.with_computed(wide).set_index("unit")


def test_case_30000_average_position_size_per_unit() -> None:
    table = _by_unit(seeds.case_rows())
    expected = {
        "Interkommunalt samarbeid": 65.50,
        "Psykisk helse og rus": 61.90,
        "Omsorgssenter A": 56.57,
        "Hjemmetjenesten": 73.53,
        "Omsorgssenter B": 55.65,
        "Omsorgssenter C": 56.15,
        "Integrerte tjenester": 52.38,
        "Tilrettelagte tjenester A": 67.39,
        "Tilrettelagte tjenester B": 60.64,
        "Tilrettelagte tjenester C": 65.67,
    }
    got = table["avg_position_size_planned"].round(2).to_dict()
    assert got == expected


def test_case_30000_roll_up_vacancies_and_temps() -> None:
    wide = _wide(seeds.case_rows())
    total = compute.with_computed(compute.roll_up(wide.drop(columns=["unit"]), by=["period"]))
    row = total.loc["2018"]
    assert row["vacant_positions"] == 107
    assert row["positions_planned"] == 965
    assert round(row["vacancy_share"]) == 11  # "107 ubesatte stillinger … 11 %"
    assert row["temps_count"] == 818
    # 818 / (818 + 858 occupied) = 48.8 %; the seed prints 48.9 %.
    assert round(row["temps_share_of_staff"], 1) == 48.8
    # The total is recomputed from the sums, not averaged over the units' averages.
    assert round(row["avg_position_size_planned"], 2) == round(589.18 / 965 * 100, 2) == 61.05
    average_of_averages = wide.eval("fte_planned / positions_planned").mean() * 100
    assert round(average_of_averages, 2) == 61.54  # what a naive roll-up would show


def test_alta_2017_band_shares_per_unit() -> None:
    table = _by_unit(seeds.alta_rows())
    expected = {
        "Ekornsvingen sykehjem": (26.8, 7.3, 22.0, 4.9, 39.0),
        "Elvebakken sykehjem": (26.0, 12.3, 31.5, 2.7, 27.4),
        "Helsesenterets sykehjem": (24.1, 17.2, 34.5, 6.9, 17.2),
        "Hjemmetjenesten Vest": (10.0, 15.0, 50.0, 0.0, 25.0),
        "Hjemmetjenesten Øst": (37.5, 8.3, 45.8, 0.0, 8.3),
        "Legetjenesten": (40.5, 19.0, 28.6, 2.4, 9.5),
        "Midtbakkveien 24": (25.9, 13.8, 5.2, 8.6, 46.6),
    }
    codes = ["band_share_100", "band_share_80_99", "band_share_50_79", "band_share_30_49"]
    codes.append("band_share_0_29")
    for unit, shares in expected.items():
        assert tuple(round(table.loc[unit, c], 1) for c in codes) == shares, unit
    assert table.loc["Ekornsvingen sykehjem", "fulltime_share"] == pytest.approx(26.83, 0.01)


def test_alta_2017_sum_and_averages() -> None:
    wide = _wide(seeds.alta_rows())
    table = compute.with_computed(wide).set_index("unit")
    planned = {"Ekornsvingen sykehjem": 56.3, "Elvebakken sykehjem": 64.9}
    planned |= {"Helsesenterets sykehjem": 67.8, "Hjemmetjenesten Vest": 60.3}
    planned |= {"Hjemmetjenesten Øst": 80.1, "Legetjenesten": 78.9, "Midtbakkveien 24": 55.1}
    assert table["avg_position_size_planned"].round(1).to_dict() == planned
    actual = table["avg_position_size_actual"].round(1).to_dict()
    assert actual["Ekornsvingen sykehjem"] == 48.8 and actual["Midtbakkveien 24"] == 61.9
    vacancy = table["vacancy_share"].round(1).to_dict()
    assert vacancy["Ekornsvingen sykehjem"] == 19.5 and vacancy["Legetjenesten"] == 7.1
    total = compute.with_computed(compute.roll_up(wide.drop(columns=["unit"]), by=["period"]))
    row = total.loc["2017"]
    assert round(row["avg_position_size_planned"], 1) == 65.0  # the seed's "Sum" column
    assert round(row["band_share_100"], 1) == 27.9
    assert round(row["band_share_80_99"], 1) == 13.2
    assert round(row["band_share_50_79"], 1) == 27.2
    assert round(row["band_share_0_29"], 1) == 27.5
    # The seed's sum prints 4.9 % for 30-49.9 %, but its column adds up to 100.7 %: the
    # units' own counts give 12 of 287 positions = 4.2 %.
    assert round(row["band_share_30_49"], 1) == 4.2


def test_kamfjord_2ab_full_time_and_average_size() -> None:
    table = compute.with_computed(_wide(seeds.kamfjord_rows())).set_index("period")
    assert round(table.loc["2021-09", "fulltime_share"], 1) == 15.6
    assert round(table.loc["2022-04", "fulltime_share"], 1) == 44.0
    assert round(table.loc["2021-09", "avg_position_size_planned"], 1) == 56.5
    assert round(table.loc["2022-04", "avg_position_size_planned"], 1) == 75.0


def test_national_profile_2012_2017() -> None:
    assert national_profile().loc["2012", "band_share_100"] == 17.7
    assert national_profile().loc["2017", "band_share_100"] == 22.8
    assert national_profile().loc["2012", "avg_position_size_actual"] == 63.5
    assert national_profile().loc["2017", "avg_position_size_actual"] == 66.1
    sums = national_profile().filter(like="band_share").sum(axis=1).round(1)
    assert sums.between(99.8, 100.2).all()


def test_threshold_from_declaration_counts_bands_at_or_above() -> None:
    wide = pd.DataFrame(
        {"positions_band_100": [10], "positions_band_80_99": [20], "positions_band_50_79": [70]}
    )
    assert compute.compute(wide, threshold=100)["fulltime_share"][0] == 10
    assert compute.compute(wide, threshold=80)["fulltime_share"][0] == 30
    assert compute.compute(wide, threshold=90)["fulltime_share"][0] == 10


def test_hired_fte_competence_and_gaps() -> None:
    wide = pd.DataFrame(
        {
            "hired_shifts": [502],
            "fte_higher_education": [3.0],
            "fte_trade_certificate": [6.0],
            "fte_unskilled": [1.0],
            "positions_planned": [12],
            "positions_actual": [10],
            "fte_planned": [9.0],
            "fte_actual": [8.0],
        }
    )
    out = compute.compute(wide)
    assert out["hired_fte"][0] == 2.0
    assert out["share_higher_education"][0] == 30.0
    assert out["share_unskilled"][0] == 10.0
    assert out["gap_positions"][0] == -2 and out["gap_fte"][0] == -1.0
    assert out["gap_avg_position_size"][0] == pytest.approx(80.0 - 75.0)


def test_weighted_roll_up_of_percentages() -> None:
    wide = pd.DataFrame(
        {"period": ["2017", "2017"], "fte_planned": [30.0, 10.0], "sick_leave_pct": [10.0, 20.0]}
    )
    total = compute.roll_up(wide, by=["period"])
    assert total.loc["2017", "sick_leave_pct"] == pytest.approx(12.5)
    assert total.loc["2017", "fte_planned"] == 40.0


@pytest.mark.parametrize(
    ("raw", "value", "percent"),
    [
        ("27,51", 27.51, False),
        ("1 322,6", 1322.6, False),
        ("1\u00a0322,6", 1322.6, False),
        ("63,5 %", 63.5, True),
        ("63,5%", 63.5, True),
        ("1.322,6", 1322.6, False),
        ("27.51", 27.51, False),
        (42, 42.0, False),
    ],
)
def test_number_parsing(raw: object, value: float, percent: bool) -> None:
    numbers, is_percent, blank = parse_numbers(pd.Series([raw], dtype=object))
    assert numbers[0] == pytest.approx(value)
    assert bool(is_percent[0]) is percent
    assert not blank[0]


def test_text_is_not_a_number() -> None:
    numbers, _p, blank = parse_numbers(pd.Series(["mange", ""], dtype=object))
    assert numbers.isna().all()
    assert list(blank) == [False, True]


@pytest.mark.parametrize(
    ("raw", "period"),
    [
        ("2018", "2018"),
        (2018.0, "2018"),
        ("2018-3", "2018-03"),
        ("2018-W43", "2018-W43"),
        ("2018w7", "2018-W07"),
        ("01.02.2024", "2024-02"),
        ("2018-W54", None),
        ("31.02.2024", None),
        ("i fjor", None),
    ],
)
def test_periods(raw: object, period: str | None) -> None:
    assert parse_period(raw) == period


def test_chart_svg_is_accessible_and_csp_safe() -> None:
    from heltidnett.reports import charts

    frame = pd.DataFrame({"100 %": [26.8, 26.0], "80–99,9 %": [7.3, 12.3]}, index=["A", "B"])
    svg = charts.stacked_bars(frame, "Stillingsprofil", "Andel per bånd", "c1", locale="nb")
    assert svg.startswith('<svg role="img" aria-labelledby="c1-title c1-desc"')
    assert '<title id="c1-title">Stillingsprofil</title>' in svg
    assert '<desc id="c1-desc">Andel per bånd</desc>' in svg
    assert "style=" not in svg and "<style" not in svg
    ids = re.findall(r'\bid="([^"]+)"', svg)
    assert ids and all(i.startswith("c1-") for i in ids)
    assert "80–99,9 %" in svg  # text stays text (svg.fonttype none), readable and searchable
    two = charts.lines(
        pd.DataFrame({"x": [1.0, 2.0]}, index=["2016", "2017"]), "T", "D", "c2", locale="nb"
    )
    assert not set(re.findall(r'\bid="([^"]+)"', two)) & set(ids)
