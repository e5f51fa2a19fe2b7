"""A poll's results as spreadsheet tables: every question's figures, the phrases, and the
gevinsthjul by municipality beside the previous round (withheld figures left empty)."""

from __future__ import annotations

from flask_babel import gettext as _

from heltidnett.polls.services import PollFigures, WheelOverview
from heltidnett.reports.export import Column, Table


def results_tables(figures: PollFigures, wheel: WheelOverview | None) -> list[Table]:
    """One sheet of answers per question and option, one of phrases, one of the gevinsthjul."""
    answers = Table(
        _("Svar"),
        [
            Column(_("Nr."), "int"),
            Column(_("Spørsmål"), "text", width=50),
            Column(_("Svar"), "text", width=30),
            Column(_("Antall"), "int"),
            Column(_("Andel"), "percent", 0),
            Column(_("n"), "int"),
            Column(_("Snitt"), "decimal", 1),
        ],
    )
    phrases = Table(
        _("Ord"),
        [
            Column(_("Spørsmål"), "text", width=50),
            Column(_("Svar"), "text", width=40),
            Column(_("Antall"), "int"),
        ],
    )
    municipalities = Table(
        _("Per kommune"),
        [
            Column(_("Spørsmål"), "text", width=50),
            Column(_("Kommune"), "text", width=20),
            Column(_("n"), "int"),
            Column(_("Snitt"), "decimal", 1),
        ],
    )
    rows: list[list[object]] = []
    for result in figures.results:
        question = result.question
        if result.hidden:
            rows.append(
                [question.position, question.text, _("Færre enn tre svar"), None, None, result.n]
            )
            continue
        rows.append([question.position, question.text, "", None, None, result.n, result.mean])
        rows += [
            [question.position, question.text, bar.label, bar.count, bar.share * 100]
            for bar in result.bars
        ]
        phrases.rows = [*phrases.rows, *([question.text, t, c] for t, c in result.phrases)]
        municipalities.rows = [
            *municipalities.rows,
            *(
                [question.text, f.name, None if f.hidden else f.n, f.mean]
                for f in result.municipalities
            ),
        ]
    answers.rows = rows
    tables = [answers, municipalities, phrases]
    if wheel is not None:
        tables.append(_wheel_table(wheel))
    return tables


def _wheel_table(wheel: WheelOverview) -> Table:
    """A row per step and municipality: this round, the previous one, the network's mean."""
    table = Table(
        _("Gevinsthjulet"),
        [
            Column(_("Steg"), "int"),
            Column(_("Steg"), "text", width=50),
            Column(_("Kommune"), "text", width=20),
            Column(_("Denne runden"), "decimal", 1),
            Column(_("Forrige runde"), "decimal", 1),
            Column(_("Nettverkets snitt"), "decimal", 1),
        ],
    )
    table.rows = [
        [row.step, row.text, name, cell.mean, cell.previous, row.network]
        for row in wheel.rows
        for name, cell in zip(wheel.municipalities, row.cells, strict=True)
    ]
    return table
