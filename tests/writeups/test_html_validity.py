"""Every write-up page type is valid HTML (Nu validator): editor (with errors), page, history, Mes retours."""
from __future__ import annotations

from pathlib import Path

from pvd_network.extensions import db
from pvd_network.writeups import files, services
from pvd_network.writeups.models import Writeup
from tests.factories import make_user, sign_in
from tests.helpers import page_token
from tests.test_html_validity import validate
from tests.writeups.conftest import PDF_BYTES, editor_form, image_bytes, new_writeup, post_editor


def test_writeup_pages_are_valid_html(app, client, tmp_path):
    with app.app_context():
        owner = make_user(first_name="Claire", last_name="Martin")
        moderator = make_user(role="moderator")
    published = new_writeup(app, owner, budget_eur=120000, funders=["Anah", "ADEME"], partners=["CCI"],
                            results="**Trois** boutiques.", lessons="> Des baux souples.", year=2022)
    with app.app_context():
        stored = db.session.get(Writeup, published.id)
        files.set_cover(stored, files.read_cover(__import__("io").BytesIO(image_bytes()), "c.png"))
        files.add_attachment(stored, files.CheckedFile(PDF_BYTES, "application/pdf", "pdf", "bilan.pdf"))
        services.update_writeup(stored, {"context": "Un contexte précisé."}, editor=None, note="Précisions")
        db.session.commit()
    submitted = new_writeup(app, owner, status="submitted")
    new_writeup(app, owner, status="draft")
    new_writeup(app, owner, status="changes_requested")
    pages: dict[str, bytes] = {}

    def get(name: str, url: str) -> None:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        pages[name] = response.data

    sign_in(client, owner)
    get("page-author", f"/retours/{published.id}-{published.slug}")
    get("history", f"/retours/{published.id}-{published.slug}/historique")
    get("mine", "/mes-retours")
    get("editor-new", "/retours/nouveau")
    get("editor-edit", f"/retours/{published.id}/modifier")
    refused = post_editor(client, "/retours/nouveau", editor_form(title="x", year="1850", action="submit",
                                                                   context=""))
    assert refused.status_code == 422
    pages["editor-errors"] = refused.data
    previewed = post_editor(client, "/retours/nouveau", editor_form(action="preview"))
    pages["editor-preview"] = previewed.data

    sign_in(client, moderator)
    get("page-moderator", f"/retours/{submitted.id}-{submitted.slug}")
    token = page_token(client, "/mes-retours")
    refused = client.post(f"/retours/{submitted.id}/refuser", data={"csrf_token": token, "refus-reason": ""})
    assert refused.status_code == 422
    pages["page-moderation-errors"] = refused.data

    with client.session_transaction() as session:
        session.clear()
    get("page-visitor", f"/retours/{published.id}-{published.slug}")

    paths: list[Path] = []
    for name, body in pages.items():
        path = tmp_path / f"{name}.html"
        path.write_bytes(body)
        paths.append(path)
    errors = validate(paths)
    report = "\n".join(f"{Path(e.get('url', '')).name}:{e.get('lastLine')}: {e['message']}" for e in errors)
    assert not errors, "invalid HTML:\n" + report
