"""RGPD: my write-ups in "Mes données"; erasing an account keeps its published write-ups only."""
from __future__ import annotations

import os

from sqlalchemy import select

from pvd_network.auth import personal_data
from pvd_network.auth.models import User
from pvd_network.core.changes import SearchChange
from pvd_network.extensions import db
from pvd_network.writeups import files
from pvd_network.writeups.models import Writeup
from tests.factories import make_user
from tests.writeups.conftest import PDF_BYTES, new_writeup


def test_my_writeups_are_in_my_data(app):
    with app.app_context():
        owner = make_user()
    published = new_writeup(app, owner, funders=["Anah"])
    draft = new_writeup(app, owner, status="draft", title="Un brouillon de tiers-lieu")
    with app.test_request_context():
        data = personal_data.export(db.session.get(User, owner.id))
    exported = {item["id"]: item for item in data["writeups"]}
    assert set(exported) == {published.id, draft.id}
    assert exported[draft.id]["status"] == "draft"
    assert exported[draft.id]["title"] == "Un brouillon de tiers-lieu"
    assert exported[published.id]["funders"] == ["Anah"]
    assert exported[published.id]["context"] == "Le dernier médecin partait à la retraite."
    assert exported[published.id]["published_at"].endswith("+00:00")


def test_erasing_an_account_keeps_published_writeups_and_deletes_the_others(app, client):
    with app.app_context():
        owner = make_user()
    published = new_writeup(app, owner)
    archived = new_writeup(app, owner, status="archived")
    draft = new_writeup(app, owner, status="draft")
    submitted = new_writeup(app, owner, status="submitted")
    with app.app_context():
        item = files.add_attachment(db.session.get(Writeup, draft.id),
                                    files.CheckedFile(PDF_BYTES, "application/pdf", "pdf", "notes.pdf"))
        db.session.commit()
        path = os.path.join(app.instance_path, "uploads", "attachments", item.stored_name)
        assert os.path.exists(path)
    with app.test_request_context():
        personal_data.erase(db.session.get(User, owner.id), notify=False)
        db.session.commit()
        remaining = set(db.session.scalars(select(Writeup.id)))
        assert remaining == {published.id, archived.id}
        deletions = select(SearchChange.entity_id).where(SearchChange.kind == "delete")
        deleted = set(db.session.scalars(deletions))
        assert {draft.id, submitted.id} <= deleted
    assert not os.path.exists(path)
    page = client.get(f"/retours/{published.id}-{published.slug}").get_data(as_text=True)
    assert "Ancien membre" in page
