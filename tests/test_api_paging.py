"""Every API list is paged the same way: `page` and `page_size` in the query, the total in the
`X-Pagination` header, the page's items as the body."""

from __future__ import annotations

import json


def _list_operations(document: dict) -> list[str]:
    """The GET operations whose answer is a list."""
    found = []
    for path, item in document["paths"].items():
        operation = item.get("get")
        if not operation:
            continue
        content = operation["responses"].get("200", {}).get("content", {})
        schema = content.get("application/json", {}).get("schema", {})
        if schema.get("type") == "array":
            found.append(path)
    return found


def test_every_api_list_takes_page_and_page_size(app):
    document = app.test_client().get("/api/v1/openapi.json").json
    lists = _list_operations(document)
    assert len(lists) >= 8, lists
    unpaged = []
    for path in lists:
        names = {p["name"] for p in document["paths"][path]["get"].get("parameters", [])}
        if not {"page", "page_size"} <= names:
            unpaged.append(path)
    assert not unpaged, f"API lists without paging: {unpaged}"


def test_a_list_answers_one_page_with_the_total(app, client, make_user, make_network, grant):
    from heltidnett.auth.services import create_token
    from heltidnett.extensions import db

    admin = make_user("admin.paging@example.org", "Admin Paging", is_admin=True)
    for number in range(5):
        make_network(f"Nettverk {number}")
    with app.app_context():
        secret = create_token(db.session, db.session.merge(admin), "paging").secret
        db.session.commit()
    headers = {"Authorization": f"Bearer {secret}"}
    first = client.get("/api/v1/networks?page=1&page_size=2", headers=headers)
    assert first.status_code == 200
    assert len(first.json) == 2
    meta = json.loads(first.headers["X-Pagination"])
    assert meta["total"] >= 5 and meta["page"] == 1 and meta["next_page"] == 2
    last = client.get(f"/api/v1/networks?page={meta['total_pages']}&page_size=2", headers=headers)
    assert 1 <= len(last.json) <= 2
    names = {n["name"] for n in first.json} | {n["name"] for n in last.json}
    assert len(names) == len(first.json) + len(last.json)  # no row on two pages
    too_big = client.get("/api/v1/networks?page_size=100000", headers=headers)
    assert too_big.status_code == 422
    # a page far past the end (beyond the database's integers) is an empty page, not a crash
    beyond = client.get(
        "/api/v1/networks?page=3563002255690213883904&page_size=57", headers=headers
    )
    assert beyond.status_code == 200 and beyond.json == []
