"""Decisions on write-ups from the queue and the moderation page: each with a reason, recorded in
the audit log, told to the author (notification, and a mail for review decisions); hidden content
disappears for everyone else; stale or tampered forms change nothing."""
from __future__ import annotations

import re
import threading

import pytest

from pvd_network.discussions import services as discussions
from pvd_network.discussions.services import CommentRefused
from pvd_network.extensions import db
from pvd_network.notifications.models import MODERATION, Notification
from pvd_network.writeups.models import Writeup
from tests.helpers import csrf_token, field_errors
from tests.moderation.conftest import as_user, audit_rows, decide, mails_to, new_writeup, states, text


def page(writeup_id: int) -> str:
    return f"/moderation/retours/{writeup_id}"


def reload(app, writeup_id: int) -> Writeup:
    with app.app_context():
        writeup = db.session.get(Writeup, writeup_id)
        db.session.expunge(writeup)
        return writeup


def notifications_of(app, user) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(
            db.select(Notification.message)
            .where(Notification.user_id == user.id, Notification.kind == MODERATION)
            .order_by(Notification.id)
        ))


def test_queue_lists_submitted_writeups_oldest_first_within_the_moderators_regions(app, client, cast):
    first = new_writeup(app, cast.author, status="submitted", title="Premier retour soumis à Commercy")
    second = new_writeup(app, cast.author, status="submitted", title="Second retour soumis à Commercy")
    brest = new_writeup(app, cast.author, status="submitted", title="Un retour soumis à Brest",
                        commune_insee="29019")
    new_writeup(app, cast.author, title="Un retour déjà publié")

    as_user(client, cast.moderator)
    response = client.get("/moderation")
    assert response.status_code == 200
    body = text(response)
    assert "2 retours attendent une relecture" in body
    assert body.index("Premier retour soumis") < body.index("Second retour soumis")
    assert "Un retour soumis à Brest" not in body and "déjà publié" not in body
    # The header tells moderators how much waits for them.
    assert "Modération 2 éléments en attente" in body
    assert client.get(page(brest)).status_code == 403

    as_user(client, cast.admin)
    body = text(client.get("/moderation"))
    assert "3 retours attendent une relecture" in body
    assert all(f"/moderation/retours/{i}" in client.get("/moderation").get_data(as_text=True)
               for i in (first, second, brest))


def test_request_changes_then_resubmission_shows_what_changed(app, client, cast):
    writeup_id = new_writeup(app, cast.author, status="submitted", title="Une halle gourmande rénovée")

    as_user(client, cast.moderator)
    response = decide(client, page(writeup_id), "request_changes", "Précisez le budget et les financeurs.")
    assert response.status_code == 302
    assert reload(app, writeup_id).status == "changes_requested"
    [mail] = mails_to(app, "claire@example.org")
    assert "Des modifications sont demandées" in mail["Subject"]
    assert notifications_of(app, cast.author) == [
        "Des modifications sont demandées sur votre retour d'expérience. Motif : Précisez le budget et les "
        "financeurs."
    ]
    [row] = audit_rows(app, target_id=writeup_id, target_type="writeup")
    assert (row.action, row.moderator_id, row.status_before, row.status_after, row.region_code) == (
        "request_changes", cast.moderator.id, "submitted", "changes_requested", "44")

    # The author completes the write-up and submits it again: the queue shows the change.
    with app.app_context():
        from pvd_network.writeups import services

        writeup = db.session.get(Writeup, writeup_id)
        services.update_writeup(writeup, {"results": "Budget : 250 000 € financés par la Région."},
                                editor=None)
        services.submit(writeup)
        db.session.commit()
    response = client.get("/moderation")
    body = text(response)
    assert "Modifications apportées depuis la demande de modifications : 1 champ modifié" in body
    assert '<ins class="pvd-diff__ins"><span class="fr-sr-only">Texte ajouté : </span>Budget' in (
        response.get_data(as_text=True))


def test_an_edit_of_a_published_writeup_is_compared_with_the_published_revision(app, client, cast):
    writeup_id = new_writeup(app, cast.author, status="archived", title="Un tiers-lieu dans l'ancienne poste")
    with app.app_context():
        from pvd_network.writeups import services

        writeup = db.session.get(Writeup, writeup_id)
        writeup.status = "draft"  # taken back by its author, then edited and submitted
        services.update_writeup(writeup, {"title": "Un tiers-lieu et une micro-folie dans l'ancienne poste"},
                                editor=None)
        services.submit(writeup)
        db.session.commit()
    as_user(client, cast.moderator)
    response = client.get(page(writeup_id))
    assert "Modifications par rapport à la version publiée (version 1)" in text(response)
    inserted = re.findall(r'<ins class="pvd-diff__ins">(.*?)</ins>', response.get_data(as_text=True))
    assert any("micro-folie" in part for part in inserted)


def test_publish_and_reject_with_reasons_from_the_list(app, client, cast):
    published = new_writeup(app, cast.author, status="submitted")
    rejected = new_writeup(app, cast.author, status="submitted")
    as_user(client, cast.moderator)

    assert decide(client, page(published), "publish", "Bravo, très complet.").status_code == 302
    assert reload(app, published).status == "published"

    response = decide(client, page(rejected), "reject", "Ce retour décrit un projet privé.")
    assert response.status_code == 400
    assert field_errors(response.data, "decision-reject-reject_reason") == [
        "Choisissez le motif du refus dans la liste."]
    assert reload(app, rejected).status == "submitted"
    response = decide(client, page(rejected), "reject", "Ce retour décrit un projet privé.",
                      reject_reason="hors-perimetre")
    assert response.status_code == 302
    writeup = reload(app, rejected)
    assert writeup.status == "rejected"
    assert writeup.moderation_message == (
        "Hors du périmètre de Petites villes de demain. Ce retour décrit un projet privé.")
    assert [r.action for r in audit_rows(app, moderator_id=cast.moderator.id)] == ["publish", "reject"]


@pytest.mark.parametrize("action", ["publish", "request_changes", "reject"])
def test_every_decision_needs_a_reason(app, client, cast, action):
    writeup_id = new_writeup(app, cast.author, status="submitted")
    as_user(client, cast.moderator)
    response = decide(client, page(writeup_id), action, "   ", reject_reason="doublon")
    assert response.status_code == 400
    assert field_errors(response.data, f"decision-{action}-reason") == [
        "Indiquez le motif de votre décision : il sera communiqué au membre concerné."]
    assert "Décision non enregistrée" in text(response)
    assert reload(app, writeup_id).status == "submitted"
    assert audit_rows(app) == []


def test_a_refusal_without_reason_nor_choice_shows_both_errors(app, client, cast):
    writeup_id = new_writeup(app, cast.author, status="submitted")
    as_user(client, cast.moderator)
    response = decide(client, page(writeup_id), "reject", "")
    assert response.status_code == 400
    assert field_errors(response.data, "decision-reject-reject_reason") == [
        "Choisissez le motif du refus dans la liste."]
    assert field_errors(response.data, "decision-reject-reason") == [
        "Indiquez le motif de votre décision : il sera communiqué au membre concerné."]


def test_two_moderators_at_once_the_second_is_told_it_is_already_decided(app, client, cast):
    writeup_id = new_writeup(app, cast.author, status="submitted")
    other = app.test_client()
    as_user(client, cast.moderator)
    as_user(other, cast.admin)
    seen = client.get(page(writeup_id))  # Marc opens the page…
    stale = states(seen.data)["request_changes"]
    assert decide(other, page(writeup_id), "publish", "Parfait.").status_code == 302  # …Alice publishes…
    response = client.post(page(writeup_id) + "/decision", data={  # …then Marc sends his decision.
        "csrf_token": csrf_token(seen.data), "action": "request_changes", "reason": "Ajoutez des photos.",
        "state": stale})
    assert response.status_code == 409
    assert "Déjà traité" in text(response)
    assert reload(app, writeup_id).status == "published"
    assert [r.action for r in audit_rows(app)] == ["publish"]


def test_tampered_forms_change_nothing(app, client, cast):
    writeup_id = new_writeup(app, cast.author, status="submitted")
    as_user(client, cast.moderator)
    response = decide(client, page(writeup_id), "effacer-tout")
    assert response.status_code == 400
    assert "Décision inconnue" in text(response)
    publish_state = states(client.get(page(writeup_id)).data)["publish"]
    response = decide(client, page(writeup_id), "hide", state=publish_state)
    assert response.status_code == 400
    assert "ne s'applique pas" in text(response)
    response = decide(client, page(writeup_id), "publish", state="published|0")
    assert response.status_code == 409
    token = csrf_token(client.get(page(writeup_id)).data)
    assert client.post("/moderation/retours/999999/decision", data={"csrf_token": token}).status_code == 404
    response = client.post(page(writeup_id) + "/decision", data={
        "csrf_token": token, "reason": "x" * 3000, "action": "publish", "state": "submitted|0"})
    assert response.status_code == 400
    assert "ne doit pas dépasser 2000 caractères" in text(response)
    assert reload(app, writeup_id).status == "submitted"
    assert audit_rows(app) == []


def test_hidden_writeup_disappears_for_everyone_else_and_comes_back(app, client, cast):
    writeup_id = new_writeup(app, cast.author, title="Une épicerie solidaire en centre-bourg")
    writeup = reload(app, writeup_id)
    url = f"/retours/{writeup_id}-{writeup.slug}"
    visitor = app.test_client()
    assert "Une épicerie solidaire" in text(visitor.get("/recherche?q=épicerie"))
    as_user(client, cast.moderator)
    assert decide(client, page(writeup_id), "hide", "Données personnelles dans le texte.").status_code == 302

    assert "Une épicerie solidaire" not in text(visitor.get("/recherche?q=épicerie"))
    assert visitor.get(url).status_code == 404
    assert "Une épicerie solidaire" not in text(visitor.get("/retours"))
    assert visitor.get("/api/v1/writeups").get_json()["results"] == []
    assert "épicerie" not in visitor.get("/retours/flux.atom").get_data(as_text=True)
    member = app.test_client()
    as_user(member, cast.members[0])
    assert member.get(url).status_code == 404
    author = app.test_client()
    as_user(author, cast.author)
    shown = text(author.get(url))
    assert "Ce retour est masqué par la modération" in shown
    assert "Données personnelles dans le texte." in shown
    assert notifications_of(app, cast.author)[-1] == (
        "Votre contenu a été masqué par l'équipe de modération. Motif : Données personnelles dans le texte.")

    assert decide(client, page(writeup_id), "unhide", "Les données ont été retirées.").status_code == 302
    assert visitor.get(url).status_code == 200
    assert "Une épicerie solidaire" in text(visitor.get("/recherche?q=épicerie"))
    assert "Une épicerie solidaire" in text(visitor.get("/retours"))
    rows = audit_rows(app, target_id=writeup_id)
    assert [(r.action, r.status_before, r.status_after) for r in rows] == [
        ("hide", "published", "published:hidden"), ("unhide", "published:hidden", "published")]


def test_delete_removes_the_writeup_from_the_site_but_keeps_it(app, client, cast):
    writeup_id = new_writeup(app, cast.author)
    as_user(client, cast.moderator)
    assert decide(client, page(writeup_id), "delete", "Publicité pour un cabinet privé.").status_code == 302
    writeup = reload(app, writeup_id)
    assert (writeup.status, writeup.hidden_reason) == ("archived", "Publicité pour un cabinet privé.")
    assert app.test_client().get(f"/retours/{writeup_id}").status_code == 404
    body = text(client.get(page(writeup_id)))
    assert "Supprimé" in body and "Rétablir le retour" in body
    assert decide(client, page(writeup_id), "unhide", "Erreur de modération.").status_code == 302
    assert reload(app, writeup_id).status == "published"


def test_locked_discussion_refuses_new_comments(app, client, cast):
    writeup_id = new_writeup(app, cast.author)
    as_user(client, cast.moderator)
    assert decide(client, page(writeup_id), "lock", "Les échanges tournent au conflit.").status_code == 302
    with app.app_context():
        from pvd_network.auth.models import User

        writeup = db.session.get(Writeup, writeup_id)
        assert writeup.discussion_locked_at is not None
        with pytest.raises(CommentRefused):
            discussions.post_comment(writeup, db.session.get(User, cast.members[0].id), "Encore un mot.")
    assert decide(client, page(writeup_id), "unlock", "Le calme est revenu.").status_code == 302
    assert reload(app, writeup_id).discussion_locked_at is None


def test_in_context_panel_on_the_writeup_page(app, client, cast):
    writeup_id = new_writeup(app, cast.author)
    writeup = reload(app, writeup_id)
    url = f"/retours/{writeup_id}-{writeup.slug}"
    member = app.test_client()
    as_user(member, cast.members[0])
    assert "Appliquer la décision" not in text(member.get(url))

    as_user(client, cast.moderator)
    response = client.get(url)
    assert "Appliquer la décision" in text(response)
    token = csrf_token(response.data)
    state = "published|0"
    # No reason: the moderation page of the write-up shows the error beside the field.
    response = client.post(f"/moderation/retours/{writeup_id}/decision", data={
        "csrf_token": token, "action": "hide", "state": state, "reason": "", "next": url})
    assert response.status_code == 400
    assert field_errors(response.data, "decision-hide-reason")
    response = client.post(f"/moderation/retours/{writeup_id}/decision", data={
        "csrf_token": token, "action": "hide", "state": state, "reason": "Hors sujet.", "next": url})
    assert response.status_code == 302 and response.headers["Location"] == url
    assert reload(app, writeup_id).hidden_at is not None


def test_decisions_taken_on_the_writeup_page_are_in_the_audit_log(app, client, cast):
    writeup_id = new_writeup(app, cast.author, status="submitted")
    writeup = reload(app, writeup_id)
    as_user(client, cast.moderator)
    token = csrf_token(client.get(f"/retours/{writeup_id}-{writeup.slug}").data)
    response = client.post(f"/retours/{writeup_id}/publier", data={"csrf_token": token,
                                                                   "publier-message": "Merci !"})
    assert response.status_code == 302
    [row] = audit_rows(app)
    assert (row.action, row.moderator_id, row.status_before, row.status_after, row.reason) == (
        "publish", cast.moderator.id, "submitted", "published", "Merci !")
    assert notifications_of(app, cast.author) == ["Votre retour d'expérience est publié. Motif : Merci !"]


def test_trusted_contributors_publish_without_review(app, client, cast):
    as_user(client, cast.moderator)
    response = decide(client, f"/moderation/membres/{cast.author.id}", "trust", "Cinq retours de qualité.")
    assert response.status_code == 302
    writeup_id = new_writeup(app, cast.author, status="draft")
    author = app.test_client()
    as_user(author, cast.author)
    writeup = reload(app, writeup_id)
    token = csrf_token(author.get(f"/retours/{writeup_id}-{writeup.slug}").data)
    response = author.post(f"/retours/{writeup_id}/soumettre", data={"csrf_token": token},
                           follow_redirects=True)
    assert "vos retours ne passent pas par la relecture" in text(response)
    assert reload(app, writeup_id).status == "published"
    rows = audit_rows(app)
    assert [(r.action, r.moderator_id) for r in rows] == [
        ("trust", cast.moderator.id), ("auto_publish", None)]
    # Still reportable and audited: the queue of reports works for it like for any other.
    assert app.test_client().get(f"/retours/{writeup_id}-{writeup.slug}").status_code == 200


def test_simultaneous_decisions_the_second_waits_then_finds_it_decided(app, cast):
    """Two moderators post at the same moment: the second waits for the first one's row lock
    (FOR UPDATE on PostgreSQL, the write lock on SQLite), then sees the new state and changes nothing."""
    from pvd_network.auth.models import User
    from pvd_network.moderation import decisions
    from pvd_network.writeups import signals

    writeup_id = new_writeup(app, cast.author, status="submitted")
    first_holds_lock, let_first_commit = threading.Event(), threading.Event()
    outcome: dict[str, object] = {}

    def pause(_writeup, **_kwargs):
        first_holds_lock.set()
        let_first_commit.wait(5)

    def first():
        with app.app_context():
            writeup = db.session.get(Writeup, writeup_id)
            decisions.decide_on_writeup(writeup, "publish", db.session.get(User, cast.admin.id),
                                        reason="Parfait.", state="submitted|0")
            db.session.commit()

    def second():
        with app.app_context():
            writeup = db.session.get(Writeup, writeup_id)
            try:
                decisions.decide_on_writeup(writeup, "reject", db.session.get(User, cast.moderator.id),
                                            reason="Doublon.", state="submitted|0", reject_reason="doublon")
                db.session.commit()
            except decisions.AlreadyDecided as error:
                db.session.rollback()
                outcome["second"] = error

    with signals.published.connected_to(pause):
        one = threading.Thread(target=first)
        one.start()
        assert first_holds_lock.wait(5)
        two = threading.Thread(target=second)
        two.start()
        two.join(0.5)
        assert two.is_alive()  # waiting for the first decision's lock
        let_first_commit.set()
        one.join(10)
        two.join(10)
    assert isinstance(outcome.get("second"), decisions.AlreadyDecided)
    assert reload(app, writeup_id).status == "published"
    assert [row.action for row in audit_rows(app)] == ["publish"]


def test_a_moderator_archiving_from_the_page_is_audited(app, client, cast):
    writeup_id = new_writeup(app, cast.author)
    as_user(client, cast.moderator)
    token = csrf_token(client.get(f"/moderation/retours/{writeup_id}").data)
    assert client.post(f"/retours/{writeup_id}/archiver", data={"csrf_token": token}).status_code == 302
    [row] = audit_rows(app)
    assert (row.action, row.moderator_id, row.status_before, row.status_after) == (
        "archive", cast.moderator.id, "", "archived")
