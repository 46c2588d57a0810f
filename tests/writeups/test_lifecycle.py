"""Life cycle from the write-up page: submit, publish, request changes, reject, archive."""
from __future__ import annotations

from html import unescape

from sqlalchemy import select

from pvd_network.core.changes import SearchChange
from pvd_network.extensions import db
from pvd_network.writeups.models import (
    ARCHIVED,
    CHANGES_REQUESTED,
    DRAFT,
    PUBLISHED,
    REJECTED,
    SUBMITTED,
    Writeup,
)
from tests.factories import make_user, sign_in
from tests.helpers import field_errors, page_token
from tests.writeups.conftest import new_writeup


def status_of(app, writeup_id: int) -> Writeup:
    with app.app_context():
        writeup = db.session.get(Writeup, writeup_id)
        db.session.refresh(writeup)
        _ = writeup.revisions
        db.session.expunge(writeup)
        return writeup


def post(client, url: str, data: dict | None = None):
    return client.post(url, data={"csrf_token": page_token(client, "/mes-retours"), **(data or {})})


def test_the_author_submits_a_complete_draft_from_its_page(app, client, author):
    writeup = new_writeup(app, author, status="draft")
    page = client.get(f"/retours/{writeup.id}-{writeup.slug}").get_data(as_text=True)
    assert "Brouillon" in page and "Soumettre à la relecture" in page
    response = post(client, f"/retours/{writeup.id}/soumettre")
    assert response.status_code == 302
    assert status_of(app, writeup.id).status == SUBMITTED


def test_an_incomplete_draft_is_sent_back_to_the_editor(app, client, author):
    writeup = new_writeup(app, author, status="draft", summary="", actions="")
    page = client.get(f"/retours/{writeup.id}-{writeup.slug}").get_data(as_text=True)
    assert "Rédigez le chapô avant de soumettre votre retour." in page  # listed in the draft alert
    response = post(client, f"/retours/{writeup.id}/soumettre")
    assert response.status_code == 302
    assert response.headers["Location"] == f"/retours/{writeup.id}/modifier"
    assert status_of(app, writeup.id).status == DRAFT
    editor = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Décrivez les actions menées avant de soumettre votre retour." in editor


def moderator_client(app, client, **fields):
    with app.app_context():
        moderator = make_user(role="moderator", first_name="Paul", last_name="Leroy", **fields)
    sign_in(client, moderator)
    return moderator


def test_a_moderator_publishes_with_a_message(app, client):
    with app.app_context():
        owner = make_user()
    writeup = new_writeup(app, owner, status="submitted")
    moderator = moderator_client(app, client)
    page = client.get(f"/retours/{writeup.id}-{writeup.slug}").get_data(as_text=True)
    assert "Relecture" in page and "Publier" in page and "Demander des modifications" in page
    response = post(client, f"/retours/{writeup.id}/publier", {"publier-message": "Merci, très clair !"})
    assert response.status_code == 302
    stored = status_of(app, writeup.id)
    assert stored.status == PUBLISHED and stored.published_at is not None
    assert stored.moderation_message == "Merci, très clair !"
    assert [(r.number, r.editor_id) for r in stored.revisions] == [(1, moderator.id)]
    page = client.get(f"/retours/{writeup.id}-{writeup.slug}").get_data(as_text=True)
    assert "Relecture" not in page and "Merci, très clair !" in page


def test_requesting_changes_needs_a_message(app, client):
    with app.app_context():
        owner = make_user()
    writeup = new_writeup(app, owner, status="submitted")
    moderator_client(app, client)
    url = f"/retours/{writeup.id}/demander-des-modifications"
    response = post(client, url, {"modifications-message": " "})
    assert response.status_code == 422
    assert field_errors(response.data, "modifications-message") == ["Indiquez les modifications attendues."]
    assert status_of(app, writeup.id).status == SUBMITTED
    response = post(client, url, {"modifications-message": "Ajoutez le budget et les financeurs."})
    assert response.status_code == 302
    stored = status_of(app, writeup.id)
    assert stored.status == CHANGES_REQUESTED
    assert stored.moderation_message == "Ajoutez le budget et les financeurs."


def test_the_author_sees_the_requested_changes_on_the_page(app, client, author):
    writeup = new_writeup(app, author, status="changes_requested")
    page = client.get(f"/retours/{writeup.id}-{writeup.slug}").get_data(as_text=True)
    assert "Modifications demandées" in page and "Précisez le budget." in page
    assert "Soumettre à la relecture" in page


def test_rejecting_needs_a_reason(app, client):
    with app.app_context():
        owner = make_user()
    writeup = new_writeup(app, owner, status="submitted")
    moderator_client(app, client)
    response = post(client, f"/retours/{writeup.id}/refuser", {"refus-reason": ""})
    assert response.status_code == 422
    assert field_errors(response.data, "refus-reason") == ["Indiquez le motif du refus."]
    reason = "Ce n'est pas un retour d'expérience."
    response = post(client, f"/retours/{writeup.id}/refuser", {"refus-reason": reason})
    assert response.status_code == 302
    stored = status_of(app, writeup.id)
    assert stored.status == REJECTED and stored.moderation_message == reason


def test_the_author_sees_the_reason_of_a_rejection(app, client, author):
    writeup = new_writeup(app, author, status="rejected")
    page = client.get(f"/retours/{writeup.id}-{writeup.slug}").get_data(as_text=True)
    assert "Retour refusé" in page and "Hors sujet." in page


def test_a_decision_on_a_writeup_no_longer_waiting_changes_nothing(app, client):
    with app.app_context():
        owner = make_user()
    writeup = new_writeup(app, owner, status="submitted")
    moderator_client(app, client)
    post(client, f"/retours/{writeup.id}/publier")
    response = post(client, f"/retours/{writeup.id}/refuser", {"refus-reason": "Trop tard."})
    assert response.status_code == 302
    assert status_of(app, writeup.id).status == PUBLISHED
    page = unescape(client.get(response.headers["Location"]).get_data(as_text=True))
    assert "n'attend plus de relecture : publié." in page


def test_a_moderator_of_another_region_cannot_decide(app, client):
    with app.app_context():
        owner = make_user()
    writeup = new_writeup(app, owner, status="submitted")  # Commercy, Grand Est (44)
    moderator_client(app, client, regions=("53",))  # Bretagne
    assert client.get(f"/retours/{writeup.id}-{writeup.slug}").status_code == 404
    assert post(client, f"/retours/{writeup.id}/publier").status_code == 404
    assert status_of(app, writeup.id).status == SUBMITTED


def test_a_moderator_of_the_region_decides(app, client):
    with app.app_context():
        owner = make_user()
    writeup = new_writeup(app, owner, status="submitted")
    moderator_client(app, client, regions=("44",))
    assert post(client, f"/retours/{writeup.id}/publier").status_code == 302
    assert status_of(app, writeup.id).status == PUBLISHED


def test_the_author_cannot_publish_their_own_writeup(app, client, author):
    writeup = new_writeup(app, author, status="submitted")
    assert post(client, f"/retours/{writeup.id}/publier").status_code == 403
    assert status_of(app, writeup.id).status == SUBMITTED


def test_the_author_archives_a_published_writeup(app, client, author):
    writeup = new_writeup(app, author)
    response = post(client, f"/retours/{writeup.id}/archiver")
    assert response.status_code == 302 and response.headers["Location"] == "/mes-retours"
    assert status_of(app, writeup.id).status == ARCHIVED
    mine = client.get("/mes-retours").get_data(as_text=True)
    assert "Archivé" in mine and writeup.title in mine
    page = client.get(f"/retours/{writeup.id}-{writeup.slug}").get_data(as_text=True)
    assert "Retour archivé" in page
    with client.session_transaction() as session:
        session.clear()
    assert client.get(f"/retours/{writeup.id}-{writeup.slug}").status_code == 404


def test_a_writeup_under_review_cannot_be_archived(app, client, author):
    writeup = new_writeup(app, author, status="submitted")
    assert post(client, f"/retours/{writeup.id}/archiver").status_code == 403


def test_each_step_records_a_search_change(app, client, author):
    writeup = new_writeup(app, author, status="draft")
    with app.app_context():
        before = db.session.scalar(select(db.func.count()).select_from(SearchChange))
    post(client, f"/retours/{writeup.id}/soumettre")
    with app.app_context():
        changes = list(db.session.scalars(select(SearchChange).order_by(SearchChange.seq)))
        assert len(changes) == before + 1
        assert (changes[-1].entity, changes[-1].entity_id) == ("writeup", writeup.id)
