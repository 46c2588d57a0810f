"""Staff pages: validating registrations (moderators), roles and suspensions (admins)."""

from __future__ import annotations

import re
from html import unescape

import pytest

from pvd_network.auth.models import User
from pvd_network.extensions import db
from tests.factories import make_user
from tests.helpers import field_errors, page_token, submit


@pytest.fixture
def app_config(smtp_server):
    return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": smtp_server[0]}


def text(response) -> str:
    return unescape(response.get_data(as_text=True))


def status_of(app, user_id) -> str:
    with app.app_context():
        return db.session.get(User, user_id).status


def test_pending_accounts_are_listed_and_approved(app, client, login_as, smtp_server):
    _port, mailbox = smtp_server
    login_as("moderator")
    with app.app_context():
        pending = make_user(
            first_name="Nadia",
            last_name="Benali",
            status="pending",
            email="nadia@tulle.example.fr",
            commune_insee="19272",
        )
    page = client.get("/admin/inscriptions")
    html = text(page)
    assert (
        "Nadia Benali" in html
        and "nadia@tulle.example.fr" in html
        and "Tulle (Corrèze, Nouvelle-Aquitaine)" in html
    )
    response = client.post(
        f"/admin/inscriptions/{pending.id}/valider",
        data={"csrf_token": page_token(client, "/admin/inscriptions")},
    )
    assert response.status_code == 302
    assert status_of(app, pending.id) == "active"
    [message] = mailbox.wait_for(1)
    assert message["To"] == "nadia@tulle.example.fr" and "validé" in message["Subject"]
    assert "Aucune inscription n'attend de validation." in text(client.get("/admin/inscriptions"))


def test_refusing_needs_a_reason_which_is_mailed(app, client, login_as, smtp_server):
    _port, mailbox = smtp_server
    login_as("admin")
    with app.app_context():
        pending = make_user(status="pending", email="inconnu@example.org")
    token = page_token(client, "/admin/inscriptions")
    empty = client.post(
        f"/admin/inscriptions/{pending.id}/refuser", data={"csrf_token": token, "reason": "  "}
    )
    assert empty.status_code == 422
    assert field_errors(empty.data, f"motif-{pending.id}") == ["Indiquez le motif."]
    huge = client.post(
        f"/admin/inscriptions/{pending.id}/refuser", data={"csrf_token": token, "reason": "x" * 10_000}
    )
    assert huge.status_code == 422
    response = client.post(
        f"/admin/inscriptions/{pending.id}/refuser",
        data={"csrf_token": token, "reason": "Adresse personnelle, hors programme."},
    )
    assert response.status_code == 302
    assert status_of(app, pending.id) == "refused"
    [message] = mailbox.wait_for(1)
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "Motif : Adresse personnelle, hors programme." in body
    # Refused accounts cannot sign in and are told why.
    response = submit(
        app.test_client(),
        "/connexion",
        {"email": "inconnu@example.org", "password": "une phrase de passe solide"},
    )
    assert "Motif : Adresse personnelle, hors programme." in text(response)


def test_regional_moderators_only_review_their_regions(app, client, login_as):
    login_as("moderator", regions=("53",))  # Bretagne
    with app.app_context():
        meuse = make_user(first_name="Claire", last_name="Meuse", status="pending", commune_insee="55122")
        brest = make_user(first_name="Yann", last_name="Brest", status="pending", commune_insee="29019")
    html = text(client.get("/admin/inscriptions"))
    assert "Yann Brest" in html and "Claire Meuse" not in html
    token = page_token(client, "/admin/inscriptions")
    assert (
        client.post(f"/admin/inscriptions/{meuse.id}/valider", data={"csrf_token": token}).status_code == 403
    )
    assert (
        client.post(f"/admin/inscriptions/{brest.id}/valider", data={"csrf_token": token}).status_code == 302
    )
    assert status_of(app, meuse.id) == "pending" and status_of(app, brest.id) == "active"


def test_approving_an_account_that_is_not_pending_changes_nothing(app, client, login_as):
    login_as("admin")
    with app.app_context():
        active = make_user()
    response = client.post(
        f"/admin/inscriptions/{active.id}/valider",
        data={"csrf_token": page_token(client, "/admin/inscriptions")},
        follow_redirects=True,
    )
    assert "n'est pas en attente de validation" in text(response)


def test_admin_list_shows_roles_and_statuses_with_filters(app, client, login_as):
    login_as("admin", first_name="Anne", last_name="Lambert")
    with app.app_context():
        make_user(first_name="Marc", last_name="Dubois", role="moderator", regions=("44",))
        make_user(first_name="Paul", last_name="Suspendu", status="suspended", email="paul@example.org")
        make_user(status="deleted", email=None, first_name="", last_name="")
    html = text(client.get("/admin/membres"))
    assert "Modérateur·rice (Grand Est)" in html and "Suspendu" in html and "Administrateur·rice" in html
    assert "Ancien membre" not in html  # deleted accounts are hidden unless asked for
    assert "3 comptes" in html
    only_suspended = text(client.get("/admin/membres", query_string={"status": "suspended"}))
    assert "Paul Suspendu" in only_suspended and "Marc Dubois" not in only_suspended
    by_mail = text(client.get("/admin/membres", query_string={"q": "paul@"}))
    assert "Paul Suspendu" in by_mail and "Anne Lambert" not in by_mail
    assert "Ancien membre" in text(client.get("/admin/membres", query_string={"status": "deleted"}))


def test_admin_changes_a_role_with_regions(app, client, login_as):
    login_as("admin")
    with app.app_context():
        member = make_user()
    url = f"/admin/membres/{member.id}/role"
    response = submit(
        client, url, {"role": "moderator", "regions": ["44", "53"]}, form_page=f"/admin/membres/{member.id}"
    )
    assert response.status_code == 302
    with app.app_context():
        saved = db.session.get(User, member.id)
        assert saved.role == "moderator" and sorted(r.code for r in saved.moderated_regions) == ["44", "53"]
    html = text(client.get(f"/admin/membres/{member.id}"))
    checked = re.findall(
        r'<input checked id="regions-\d+" name="regions" type="checkbox" value="(\w+)">', html
    )
    assert sorted(checked) == ["44", "53"]
    bad = submit(client, url, {"role": "empereur"}, form_page=f"/admin/membres/{member.id}")
    assert bad.status_code == 422 and field_errors(bad.data, "role") == [
        "Choisissez une valeur dans la liste."
    ]
    bad_region = submit(
        client, url, {"role": "moderator", "regions": ["99"]}, form_page=f"/admin/membres/{member.id}"
    )
    assert bad_region.status_code == 422 and field_errors(bad_region.data, "regions") == ["Région inconnue."]
    # Back to member: the régions go too.
    submit(client, url, {"role": "member", "regions": ["44"]}, form_page=f"/admin/membres/{member.id}")
    with app.app_context():
        saved = db.session.get(User, member.id)
        assert saved.role == "member" and saved.moderated_regions == []


def test_admins_cannot_change_their_own_role_nor_suspend_themselves(client, login_as):
    admin = login_as("admin")
    token = page_token(client, "/admin/membres")
    assert (
        client.post(
            f"/admin/membres/{admin.id}/role", data={"csrf_token": token, "role": "member"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            f"/admin/membres/{admin.id}/suspendre", data={"csrf_token": token, "reason": "test"}
        ).status_code
        == 403
    )


def test_suspend_and_reactivate(app, client, login_as, smtp_server):
    _port, mailbox = smtp_server
    login_as("admin")
    with app.app_context():
        member = make_user(email="marc@example.org")
    victim = app.test_client()
    submit(victim, "/connexion", {"email": "marc@example.org", "password": "une phrase de passe solide"})
    assert victim.get("/compte").status_code == 200

    form_page = f"/admin/membres/{member.id}"
    empty = submit(client, f"/admin/membres/{member.id}/suspendre", {"reason": ""}, form_page=form_page)
    assert empty.status_code == 422 and field_errors(empty.data, "reason") == ["Indiquez le motif."]
    response = submit(
        client, f"/admin/membres/{member.id}/suspendre", {"reason": "Propos injurieux."}, form_page=form_page
    )
    assert response.status_code == 302
    assert status_of(app, member.id) == "suspended"
    assert victim.get("/compte").status_code == 302  # signed out at once
    [message] = mailbox.wait_for(1)
    assert "Propos injurieux." in message.get_body(preferencelist=("plain",)).get_content()

    response = submit(client, f"/admin/membres/{member.id}/reactiver", {}, form_page=form_page)
    assert response.status_code == 302 and status_of(app, member.id) == "active"
    mailbox.wait_for(2)


def test_the_last_admin_cannot_be_demoted(app, client, login_as):
    from pvd_network.auth import administration

    with app.app_context():
        admin = make_user(role="admin")
        with pytest.raises(administration.NotAllowed):
            administration.set_role(None, db.session.get(User, admin.id), "member")
        other = make_user(role="admin")
        administration.set_role(None, db.session.get(User, admin.id), "member")
        db.session.commit()
        with pytest.raises(administration.NotAllowed):
            administration.suspend(None, db.session.get(User, other.id), "test")
