"""Reports: one per member per item, reasons from the list ("autre" needs a text), automatic hiding
at PVD_REPORTS_BEFORE_HIDING distinct reports, the queue's grouped view, and reporters told of the
outcome when a moderator resolves them."""
from __future__ import annotations

import pytest

from pvd_network.discussions.models import Comment
from pvd_network.extensions import db
from pvd_network.moderation.models import Report
from pvd_network.notifications.models import MODERATION, Notification
from pvd_network.writeups.models import Writeup
from tests.helpers import csrf_token, field_errors
from tests.moderation.conftest import as_user, audit_rows, decide, new_comment, new_writeup, text


def report(client, url: str, reason: str, text_: str = ""):
    token = csrf_token(client.get(url).data)
    return client.post(url, data={"csrf_token": token, "reason": reason, "text": text_})


def messages_of(app, user) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(
            db.select(Notification.message)
            .where(Notification.user_id == user.id, Notification.kind == MODERATION)
            .order_by(Notification.id)))


def test_a_member_reports_a_writeup_once(app, client, cast):
    writeup_id = new_writeup(app, cast.author)
    url = f"/retours/{writeup_id}/signaler"
    as_user(client, cast.members[0])
    page = client.get(url)
    assert page.status_code == 200
    assert "Raison du signalement" in text(page) and "Données personnelles" in text(page)

    response = report(client, url, "")
    assert response.status_code == 400
    assert field_errors(response.data, "reason") == ["Choisissez la raison de votre signalement."]
    response = report(client, url, "autre", "  ")
    assert response.status_code == 400
    assert field_errors(response.data, "text") == ["Précisez la raison de votre signalement."]
    response = report(client, url, "spam", "x" * 1001)
    assert field_errors(response.data, "text") == ["Votre précision ne doit pas dépasser 1000 caractères."]

    response = report(client, url, "autre", "Le budget cité est faux.")
    assert response.status_code == 302
    assert "Merci : votre signalement est transmis" in text(client.get(response.headers["Location"]))
    # A second report by the same member: a French message, no second row.
    assert "Vous avez déjà signalé ce retour d'expérience" in text(client.get(url))
    response = client.post(url, data={"csrf_token": csrf_token(client.get(url).data), "reason": "spam"})
    assert response.status_code == 400
    assert "Vous avez déjà signalé ce retour d'expérience" in text(response)
    with app.app_context():
        assert db.session.scalar(db.select(db.func.count()).select_from(Report)) == 1


def test_who_may_report(app, client, cast):
    writeup_id = new_writeup(app, cast.author)
    hidden_id = new_writeup(app, cast.author, hidden=True)
    draft_id = new_writeup(app, cast.author, status="draft")
    assert client.get(f"/retours/{writeup_id}/signaler").status_code == 302  # visitors sign in first
    as_user(client, cast.author)
    assert client.get(f"/retours/{writeup_id}/signaler").status_code == 403  # not one's own
    as_user(client, cast.members[0])
    assert client.get(f"/retours/{hidden_id}/signaler").status_code == 404
    assert client.get(f"/retours/{draft_id}/signaler").status_code == 404
    assert client.get("/retours/999999/signaler").status_code == 404
    assert client.get("/commentaires/999999/signaler").status_code == 404


def test_three_reports_hide_a_comment_until_a_moderator_restores_it(app, client, cast):
    writeup_id = new_writeup(app, cast.author, title="Une navette électrique vers la gare")
    commenter = cast.members[2]
    comment_id = new_comment(app, writeup_id, commenter, "Allez voir mon site de paris sportifs !")
    reporters = [cast.members[0], cast.members[1], cast.author]
    for index, member in enumerate(reporters):
        as_user(client, member)
        response = report(client, f"/commentaires/{comment_id}/signaler", "spam" if index else "autre",
                          "Publicité." if not index else "")
        assert response.status_code == 302
    with app.app_context():
        comment = db.session.get(Comment, comment_id)
        assert comment.hidden_at is not None and comment.hidden_by_id is None
        assert db.session.get(Writeup, writeup_id).comment_count == 0
    [auto] = audit_rows(app, action="auto_hide")
    assert (auto.moderator_id, auto.target_type, auto.target_id, auto.status_before, auto.status_after) == (
        None, "comment", comment_id, "visible", "hidden")
    assert messages_of(app, commenter) == [
        "Votre contenu a été masqué automatiquement après plusieurs signalements, en attendant l'examen de "
        "l'équipe de modération. Motif : Masqué automatiquement après 3 signalements, en attendant l'examen "
        "de l'équipe de modération."]

    # The queue groups the three reports on the comment, with reasons, counts and reporters.
    as_user(client, cast.moderator)
    body = text(client.get("/moderation/signalements"))
    assert "1 contenu signalé attend un examen" in body
    assert "Commentaire de Inès Membre" in body and "3 signalements" in body
    assert "Raisons : Spam (2), Autre (1)" in body
    assert "« Publicité. »" in body and "Léa Membre" in body

    response = decide(client, f"/moderation/commentaires/{comment_id}", "unhide",
                      "Lien retiré par l'auteur, rien à redire.")
    assert response.status_code == 302
    with app.app_context():
        comment = db.session.get(Comment, comment_id)
        assert comment.hidden_at is None
        assert all(r.outcome == "kept" and r.resolved_by_id == cast.moderator.id
                   for r in db.session.scalars(db.select(Report)))
    assert "Aucun contenu signalé" in text(client.get("/moderation/signalements"))
    for member in reporters:
        assert messages_of(app, member)[-1] == (
            "Après examen de votre signalement, le contenu a été conservé. Motif : Lien retiré par l'auteur, "
            "rien à redire.")
    assert messages_of(app, commenter)[-1] == (
        "Votre contenu est de nouveau visible. Motif : Lien retiré par l'auteur, rien à redire.")


def test_reports_on_a_writeup_resolved_by_hiding_it(app, client, cast):
    writeup_id = new_writeup(app, cast.author)
    as_user(client, cast.members[0])
    assert report(client, f"/retours/{writeup_id}/signaler", "hors-sujet").status_code == 302
    as_user(client, cast.moderator)
    page = client.get(f"/moderation/retours/{writeup_id}")
    assert "1 signalement en attente" in text(page) and "Hors sujet" in text(page)
    response = decide(client, f"/moderation/retours/{writeup_id}", "hide", "Sans rapport avec PVD.")
    assert response.status_code == 302
    assert messages_of(app, cast.members[0]) == [
        "Suite à votre signalement, le contenu a été masqué. Motif : Sans rapport avec PVD."]
    with app.app_context():
        assert db.session.scalars(db.select(Report.outcome)).all() == ["hidden"]


class TestThresholdSetting:
    """PVD_REPORTS_BEFORE_HIDING=2 for these tests."""

    @pytest.fixture
    def app_config(self):
        return {"REPORTS_BEFORE_HIDING": 2}

    def test_the_threshold_is_a_setting_and_counts_distinct_members(self, app, client, cast):
        writeup_id = new_writeup(app, cast.author)
        as_user(client, cast.members[0])
        report(client, f"/retours/{writeup_id}/signaler", "spam")
        report(client, f"/retours/{writeup_id}/signaler", "spam")  # refused: same member
        with app.app_context():
            assert db.session.get(Writeup, writeup_id).hidden_at is None
        as_user(client, cast.members[1])
        report(client, f"/retours/{writeup_id}/signaler", "inapproprie")
        with app.app_context():
            writeup = db.session.get(Writeup, writeup_id)
            assert writeup.hidden_at is not None
            assert writeup.hidden_reason.startswith("Masqué automatiquement après 2 signalements")
        assert app.test_client().get(f"/retours/{writeup_id}").status_code == 404


def test_comment_moderation_page_hides_and_deletes(app, client, cast):
    writeup_id = new_writeup(app, cast.author)
    comment_id = new_comment(app, writeup_id, cast.members[0], "Un commentaire avec un numéro de téléphone.")
    as_user(client, cast.other_moderator)
    assert client.get(f"/moderation/commentaires/{comment_id}").status_code == 403
    as_user(client, cast.moderator)
    page = f"/moderation/commentaires/{comment_id}"
    response = decide(client, page, "hide", "")
    assert response.status_code == 400
    assert field_errors(response.data, "decision-hide-reason")
    assert decide(client, page, "hide", "Numéro de téléphone personnel.").status_code == 302
    assert decide(client, page, "delete", "Contenu contraire à la charte.").status_code == 302
    with app.app_context():
        comment = db.session.get(Comment, comment_id)
        assert comment.deleted_at is not None and comment.body == ""
    assert "Commentaire supprimé" in text(client.get(page))
    assert [(r.action, r.status_before, r.status_after) for r in audit_rows(app, target_type="comment")] == [
        ("hide", "visible", "hidden"), ("delete", "hidden", "deleted")]


def test_moderators_moderate_a_comment_from_the_writeup_page(app, client, cast):
    writeup_id = new_writeup(app, cast.author)
    comment_id = new_comment(app, writeup_id, cast.members[0])
    link = f'href="/moderation/commentaires/{comment_id}"'
    for someone in (cast.members[1], cast.other_moderator):
        as_user(client, someone)
        response = client.get(f"/retours/{writeup_id}", follow_redirects=True)
        assert response.status_code == 200
        assert "Merci pour ce retour très utile." in text(response)
        assert link not in response.get_data(as_text=True)
    as_user(client, cast.moderator)
    response = client.get(f"/retours/{writeup_id}", follow_redirects=True)
    assert link in response.get_data(as_text=True)
    assert "Modérer le commentaire de Léa Membre" in text(response)


def test_keeping_a_reported_writeup_closes_the_reports_and_tells_only_the_reporters(app, client, cast):
    writeup_id = new_writeup(app, cast.author)
    as_user(client, cast.members[0])
    report(client, f"/retours/{writeup_id}/signaler", "donnees-personnelles")
    as_user(client, cast.moderator)
    page = f"/moderation/retours/{writeup_id}"
    response = decide(client, page, "keep", "Les noms cités sont ceux d'élus, publics.")
    assert response.status_code == 302
    assert messages_of(app, cast.members[0]) == [
        "Après examen de votre signalement, le contenu a été conservé. Motif : Les noms cités sont ceux "
        "d'élus, publics."]
    assert messages_of(app, cast.author) == []
    assert "Classer sans suite" not in text(client.get(page))  # nothing left to keep
    assert decide(client, page, "keep", "Encore.", state="published|0").status_code == 400
    [row] = audit_rows(app)
    assert (row.action, row.status_before, row.status_after) == ("keep", "published", "published")
