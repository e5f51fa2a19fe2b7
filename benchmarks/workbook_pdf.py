"""Benchmark: render a compiled network workbook of about 10 and about 50 pages.

Builds a network of municipalities with two chapters each answered at length (on a scratch
SQLite database), then renders the facilitator's compiled PDF and prints pages and seconds.
Run: .venv/bin/python benchmarks/workbook_pdf.py
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PARAGRAPH = (
    "Pilotavdelingen har kartlagt turnus, stillingsstørrelser og kompetanse gjennom uka. "
    "Gjennomsnittlig stillingsstørrelse er 65,5 %, og mange helgevakter dekkes av "
    "ekstravakter uten fast stilling. Vi har drøftet funnene med tillitsvalgte og verneombud."
)


def build(municipality_count: int, tmp: Path) -> tuple[object, object, object]:
    """An app on a fresh database with one network, its municipalities and answers."""
    from config import TestConfig
    from heltidnett import create_app
    from heltidnett.auth.models import User
    from heltidnett.extensions import db
    from heltidnett.municipalities.models import Municipality
    from heltidnett.networks.models import Network, Participation
    from heltidnett.workbooks import content, services
    from heltidnett.workbooks.models import Answer

    class Config(TestConfig):
        SQLALCHEMY_DATABASE_URI = f"sqlite:///{tmp / 'bench.db'}"

    app = create_app(Config)
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        admin = User(email="admin@example.org", name="Admin", password_hash="!", is_admin=True)  # noqa: S106 - no login
        network = Network(name="Benchmarknettverket")
        db.session.add_all([admin, network])
        db.session.flush()
        municipalities = []
        for n in range(municipality_count):
            municipality = Municipality(name=f"Kommune {n + 1:02d}", number=f"{9000 + n}")
            db.session.add(municipality)
            db.session.flush()
            db.session.add(Participation(network_id=network.id, municipality_id=municipality.id))
            municipalities.append(municipality)
        for key, number in (("heltid-i-nord-2", 2), ("btv-nyttblikk-3", 3)):
            chapter = services.create_from_template(
                db.session, admin, network, f"builtin:{key}", number=number
            )
            for municipality in municipalities:
                for prompt in chapter.prompts:
                    if prompt.kind.value == "text":
                        value = "\n\n".join([PARAGRAPH] * 3)
                    elif prompt.kind.value == "smart":
                        value = dict.fromkeys(content.SMART_KEYS, PARAGRAPH)
                    elif prompt.kind.value == "ranked":
                        value = [{"text": f"Tiltak {i}", "priority": i} for i in range(1, 6)]
                    elif prompt.kind.value == "table":
                        value = [["Avdeling", "Sykepleier", "30 %", "18 %", "For lite"]] * 4
                    elif prompt.kind.value == "scale":
                        value = 7
                    else:
                        value = "4–7 år"
                    db.session.add(
                        Answer(
                            prompt_id=prompt.id,
                            municipality_id=municipality.id,
                            version=1,
                            content=content.normalize(prompt, value),
                        )
                    )
        db.session.commit()
        return app, network.id, admin.id


def render(municipality_count: int) -> tuple[int, float, int]:
    """Pages and seconds for the compiled workbook of a network of this many municipalities."""
    from heltidnett.auth.models import User
    from heltidnett.extensions import db
    from heltidnett.networks.models import Network
    from heltidnett.workbooks import documents, services

    with tempfile.TemporaryDirectory() as tmp:
        app, network_id, admin_id = build(municipality_count, Path(tmp))
        with app.test_request_context():
            network = db.session.get(Network, network_id)
            admin = db.session.get(User, admin_id)
            statements = []
            listen = sa.event.listen
            listen(db.engine, "before_cursor_execute", lambda *a: statements.append(1))
            started = time.perf_counter()
            municipalities = services.network_municipalities(db.session, network.id)
            book = documents.build(db.session, network, municipalities, admin)
            pdf = documents.to_pdf(book)
            seconds = time.perf_counter() - started
            db.engine.dispose()
    return len(PdfReader(io.BytesIO(pdf)).pages), seconds, len(statements)


def main() -> None:
    render(1)  # warm up: fonts, templates, WeasyPrint's first layout
    small_pages, small_seconds, small_sql = render(2)
    large_pages, large_seconds, large_sql = render(12)
    print(f"small compiled workbook: {small_pages} pages in {small_seconds:.2f} s, {small_sql} SQL")
    print(f"large compiled workbook: {large_pages} pages in {large_seconds:.2f} s, {large_sql} SQL")
    print(
        f"ratio: {large_pages / small_pages:.1f}× the pages took "
        f"{large_seconds / small_seconds:.1f}× the time "
        f"({large_seconds / large_pages * 1000:.0f} ms per page)"
    )


if __name__ == "__main__":
    main()
