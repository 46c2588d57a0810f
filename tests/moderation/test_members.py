"""Decisions about members: warning, suspension until a date (lifted by itself when the date has
passed), reactivation, trust; accounts waiting for validation in the queue."""
from __future__ import annotations

from datetime import timedelta

import pytest

from pvd_network.auth.models import User
from pvd_network.core.database import utcnow
from pvd_network.extensions import db
from pvd_network.notifications.models import MODERATION, Notification
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.helpers import csrf_token, field_errors
from tests.moderation.conftest import as_user, audit_rows, decide, mails_to, text


def page(user) -> str:
    return f"/moderation/membres/{user.id}"


def account(app, user) -> User:
    with app.app_context():
        row = db.session.get(User, user.id)
        db.session.expunge(row)
        return row


def test_warning_is_told_in_the_app_and_logged(app, client, cast):
    as_user(client, cast.moderator)
    response = decide(client, page(cast.members[0]), "warn", "Restez courtois dans les commentaires.")
    assert response.status_code == 302
    assert "L'avertissement est envoyé au membre." in text(client.get(response.headers["Location"]))
    with app.app_context():
        [message] = db.session.scalars(db.select(Notification.message).where(
            Notification.user_id == cast.members[0].id, Notification.kind == MODERATION))
    assert message == ("Vous avez reçu un avertissement de l'équipe de modération. Motif : Restez courtois "
                       "dans les commentaires.")
    [row] = audit_rows(app)
    assert (row.action, row.target_type, row.target_id, row.region_code) == (
        "warn", "user", cast.members[0].id, "44")


def test_suspension_until_a_date_then_lifted_when_it_has_passed(app, client, cast):
    member = cast.members[0]
    member_client = app.test_client()
    as_user(member_client, member)
    assert member_client.get("/compte").status_code == 200

    as_user(client, cast.moderator)
    for until, message in (("", "Indiquez la date de fin de la suspension (format JJ/MM/AAAA)."),
                           ("31/02/2030", "Saisissez une date valide, par exemple 31/12/2025."),
                           ("demain", "Saisissez une date valide, par exemple 31/12/2025."),
                           ("2001-01-01", "Choisissez une date de fin à venir."),
                           ("2099-01-01", "Une suspension ne peut pas dépasser cinq ans.")):
        response = decide(client, page(member), "suspend", "Messages publicitaires.", until=until)
        assert response.status_code == 400, until
        assert field_errors(response.data, "decision-suspend-until") == [message], until
        assert account(app, member).status == "active"

    end = (utcnow() + timedelta(days=10)).date()
    response = decide(client, page(member), "suspend", "Messages publicitaires répétés.",
                      until=end.strftime("%d/%m/%Y"))
    assert response.status_code == 302
    suspended = account(app, member)
    assert suspended.status == "suspended" and suspended.suspended_until is not None
    [mail] = mails_to(app, member.email)
    assert "suspendu jusqu'au" in mail.get_body(preferencelist=("plain",)).get_content()
    # Signed out at once; signing in says until when, and why.
    assert member_client.get("/compte").status_code == 302
    visitor = app.test_client()
    login = visitor.get("/connexion")
    response = visitor.post("/connexion", data={"csrf_token": csrf_token(login.data), "email": member.email,
                                                "password": DEFAULT_PASSWORD})
    assert "Votre compte est suspendu jusqu'au" in text(response)
    assert "Messages publicitaires répétés." in text(response)

    # The date passes: the next request of the member's old session lifts the suspension.
    with app.app_context():
        db.session.get(User, member.id).suspended_until = utcnow() - timedelta(minutes=1)
        db.session.commit()
    assert member_client.get("/compte").status_code == 200
    lifted = account(app, member)
    assert (lifted.status, lifted.suspended_until) == ("active", None)
    assert [(r.action, r.moderator_id) for r in audit_rows(app)] == [("suspend", cast.moderator.id),
                                                                     ("auto_reactivate", None)]


def test_an_expired_suspension_is_lifted_at_sign_in(app, cast):
    with app.app_context():
        member = db.session.get(User, cast.members[1].id)
        member.status, member.status_reason = "suspended", "Test."
        member.suspended_until = utcnow() - timedelta(hours=1)
        db.session.commit()
    visitor = app.test_client()
    login = visitor.get("/connexion")
    response = visitor.post("/connexion", data={"csrf_token": csrf_token(login.data),
                                                "email": cast.members[1].email, "password": DEFAULT_PASSWORD})
    assert response.status_code == 302
    assert account(app, cast.members[1]).status == "active"
    assert [r.action for r in audit_rows(app)] == ["auto_reactivate"]


def test_reactivate_and_trust(app, client, cast):
    member = cast.members[2]
    as_user(client, cast.moderator)
    decide(client, page(member), "suspend", "Propos injurieux.", until=(utcnow() + timedelta(days=3)).date()
           .isoformat())
    assert decide(client, page(member), "reactivate", "Excuses présentées.").status_code == 302
    assert account(app, member).status == "active"
    assert decide(client, page(member), "trust", "Contributions exemplaires.").status_code == 302
    assert account(app, member).trusted_at is not None
    assert "Contributeur de confiance" in text(client.get(page(member)))
    assert decide(client, page(member), "untrust", "Changement de structure.").status_code == 302
    assert account(app, member).trusted_at is None
    assert [r.action for r in audit_rows(app)] == ["suspend", "reactivate", "trust", "untrust"]


def test_who_may_sanction_whom(app, client, cast):
    as_user(client, cast.other_moderator)  # Bretagne: not a Grand Est member
    assert client.get(page(cast.members[0])).status_code == 403
    as_user(client, cast.moderator)
    assert client.get(page(cast.other_moderator)).status_code == 403  # staff: admins only
    assert client.get(page(cast.moderator)).status_code == 403  # never oneself
    assert client.get("/moderation/membres/999999").status_code == 404
    as_user(client, cast.admin)
    assert client.get(page(cast.other_moderator)).status_code == 200
    assert client.get(page(cast.members[0])).status_code == 200


def test_stale_member_form_is_already_decided(app, client, cast):
    member = cast.members[0]
    as_user(client, cast.moderator)
    seen = client.get(page(member))
    other = app.test_client()
    as_user(other, cast.admin)
    assert decide(other, page(member), "trust", "Très active.").status_code == 302
    response = client.post(page(member) + "/decision", data={
        "csrf_token": csrf_token(seen.data), "action": "warn", "reason": "Attention.", "state": "active"})
    assert response.status_code == 409
    assert "Déjà traité" in text(response)
    assert [r.action for r in audit_rows(app)] == ["trust"]


class TestAccountsWaitingForValidation:
    @pytest.fixture
    def app_config(self):
        return {"REQUIRE_APPROVAL": True}

    def test_validate_and_refuse_from_the_queue(self, app, client, cast):
        with app.app_context():
            grand_est = make_user(first_name="Paul", last_name="Nouveau", status="pending")
            breton = make_user(first_name="Yann", last_name="Nouveau", status="pending",
                               commune_insee="29019")
        as_user(client, cast.moderator)
        response = client.get("/moderation/inscriptions")
        body = text(response)
        assert "1 compte attend une validation" in body
        assert "Paul Nouveau" in body and "Yann Nouveau" not in body
        assert "Inscriptions 1 en attente" in body

        token = csrf_token(response.data)
        url = f"/moderation/inscriptions/{grand_est.id}/decision"
        response = client.post(url, data={"csrf_token": token, "action": "approve", "reason": "",
                                          "state": "pending"})
        assert response.status_code == 400
        assert field_errors(response.data, f"compte-{grand_est.id}-reason")
        response = client.post(url, data={"csrf_token": token, "action": "approve",
                                          "reason": "Chef de projet PVD confirmé.", "state": "pending"})
        assert response.status_code == 302
        assert account(app, grand_est).status == "active"
        response = client.post(url, data={"csrf_token": token, "action": "refuse", "reason": "Doublon.",
                                          "state": "pending"})
        assert response.status_code == 409  # already validated
        assert client.post(f"/moderation/inscriptions/{breton.id}/decision",
                           data={"csrf_token": token}).status_code == 403

        as_user(client, cast.admin)
        token = csrf_token(client.get("/moderation/inscriptions").data)
        response = client.post(f"/moderation/inscriptions/{breton.id}/decision", data={
            "csrf_token": token, "action": "refuse", "reason": "Aucun lien avec le programme.",
            "state": "pending"})
        assert response.status_code == 302, text(response)
        assert account(app, breton).status == "refused"
        assert [(r.action, r.status_before, r.status_after) for r in audit_rows(app)] == [
            ("approve", "pending", "active"), ("refuse", "pending", "refused")]


def test_decisions_on_the_staff_pages_of_accounts_are_in_the_audit_log(app, client, cast):
    as_user(client, cast.admin)
    url = f"/admin/membres/{cast.members[0].id}"
    token = csrf_token(client.get(url).data)
    response = client.post(url + "/suspendre", data={"csrf_token": token, "reason": "Usurpation."})
    assert response.status_code == 302
    assert client.post(url + "/reactiver", data={"csrf_token": token}).status_code == 302
    rows = audit_rows(app)
    assert [(r.action, r.moderator_id, r.reason, r.region_code) for r in rows] == [
        ("suspend", cast.admin.id, "Usurpation.", "44"), ("reactivate", cast.admin.id, "", "44")]
