"""The answering page for a first-time writer: table rows, what autosave does and says when it
fails, and a formatting hint in examples rather than markup syntax."""

from __future__ import annotations

import re

from heltidnett.extensions import db
from tests.test_workbooks import _answer, delivery_url, save

pytest_plugins = ["tests.workbooks_fixtures"]


def _table_rows(page: str, prompt_id: int) -> list[int]:
    """The row numbers of a table prompt's fields on the page."""
    return sorted({int(r) for r in re.findall(rf'id="cell-{prompt_id}-(\d+)-0"', page)})


def test_a_table_gets_a_row_without_javascript(app, client, auth, tenants, chapter) -> None:
    auth.login(tenants.alta_coordinator)
    table = chapter.prompt_ids[5]
    page = client.get(delivery_url(chapter, tenants.alta)).get_data(as_text=True)
    assert _table_rows(page, table) == [0, 1, 2]
    assert 'name="add_row"' in page and "Legg til rad" in page
    # Enter in a cell presses the form's first submit button: the plain save, never a removal.
    form = page[page.index(f'id="answer-{table}"') :]
    first_button = re.search(r"<button[^>]*>", form).group(0)
    assert "remove_row" not in first_button and "add_row" not in first_button
    cells = {"cell-0-0": "Elvebakken", "cell-0-1": "Sykepleier", "cell-1-0": "", "cell-2-0": ""}
    added = save(
        client, chapter, tenants.alta, table, {"version": "0", "add_row": "1", **cells}, False
    )
    assert added.status_code == 302
    assert f"tabell={table}" in added.headers["Location"]
    page = client.get(added.headers["Location"]).get_data(as_text=True)
    assert _table_rows(page, table) == [0, 1, 2, 3]
    assert _answer(app, table, tenants.alta).content["rows"] == [["Elvebakken", "Sykepleier", ""]]
    # A second click grows the table again, though the new rows are still empty.
    again = save(
        client,
        chapter,
        tenants.alta,
        table,
        {"version": "1", "add_row": "1", **cells, "cell-3-0": ""},
        False,
    )
    page = client.get(again.headers["Location"]).get_data(as_text=True)
    assert _table_rows(page, table) == [0, 1, 2, 3, 4]


def test_a_table_row_is_removed_without_javascript(app, client, auth, tenants, chapter) -> None:
    auth.login(tenants.alta_coordinator)
    table = chapter.prompt_ids[5]
    rows = {"cell-0-0": "Elvebakken", "cell-1-0": "Solbakken", "cell-2-0": ""}
    save(client, chapter, tenants.alta, table, {"version": "0", **rows}, False)
    removed = save(
        client, chapter, tenants.alta, table, {"version": "1", "remove_row": "0", **rows}, False
    )
    assert removed.status_code == 302
    assert _answer(app, table, tenants.alta).content["rows"] == [["Solbakken", "", ""]]
    page = client.get(removed.headers["Location"]).get_data(as_text=True)
    assert _table_rows(page, table) == [0, 1, 2]
    assert 'value="Solbakken"' in page and 'value="Elvebakken"' not in page


def test_the_page_explains_autosave_and_formatting_by_example(
    app, client, auth, tenants, chapter
) -> None:
    auth.login(tenants.alta_coordinator)
    page = client.get(delivery_url(chapter, tenants.alta)).get_data(as_text=True)
    note = page.index("Svarene lagres automatisk mens du skriver")
    assert note < page.index(f'id="prompt-{chapter.prompt_ids[0]}"')
    assert "Trykk «Lagre» under hvert svar" in page  # without JavaScript
    assert "Tom linje gir nytt avsnitt. Start en linje med «- » for en punktliste." in page
    # Examples: what one types beside what it becomes, made by the converter itself.
    assert "Du skriver" in page and "Det blir" in page
    assert "- Heltid\n- Kompetanse</pre>" in page
    assert "<ul><li>Heltid</li><li>Kompetanse</li></ul>" in page
    assert "Dette er <strong>viktig</strong>." in page
    assert "[lenketekst]" not in page and "«### »" not in page


def test_a_failed_save_is_told_in_the_writers_language(app, client, auth, tenants, chapter) -> None:
    with app.app_context():
        from heltidnett.auth.models import User

        db.session.get(User, tenants.alta_coordinator.id).language = "nn"
        db.session.commit()
    auth.login(tenants.alta_coordinator)
    page = client.get(delivery_url(chapter, tenants.alta)).get_data(as_text=True)
    failure = page[page.index('<template id="autosave-failure">') :]
    assert "Prøv igjen" in failure[: failure.index("</template>")]
    for kind in ("offline", "expired", "stale", "conflict", "refused", "server"):
        message = re.search(rf'data-{kind}="([^"]*)"', page)
        assert message and message.group(1).startswith("Ikkje lagra:"), kind
        assert "Teksten ligg framleis i feltet" in message.group(1), kind
    assert "Svara blir lagra automatisk" in page
    assert 'aria-live="polite"' in page
