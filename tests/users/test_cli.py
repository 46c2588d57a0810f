"""`flask users create-admin | set-role | list`."""

from __future__ import annotations

from sqlalchemy import select

from pvd_network.auth.models import User
from pvd_network.extensions import db
from tests.factories import make_user
from tests.helpers import submit

PASSWORD = "la halle couverte du marché"


def test_create_admin_from_stdin_is_confirmed_and_can_sign_in(app, runner, client):
    result = runner.invoke(
        args=["users", "create-admin", "Anne.Lambert@anct.example.fr", "--password-stdin"],
        input=PASSWORD + "\n",
    )
    assert result.exit_code == 0, result.output
    assert "anne.lambert@anct.example.fr created" in result.output
    with app.app_context():
        admin = db.session.scalar(select(User))
        assert (admin.role, admin.status) == ("admin", "active")
        assert admin.confirmed_at is not None
    response = submit(client, "/connexion", {"email": "anne.lambert@anct.example.fr", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/admin/membres").status_code == 200


def test_create_admin_prompts_twice_for_the_password(app, runner):
    result = runner.invoke(
        args=["users", "create-admin", "admin@example.org"], input=f"{PASSWORD}\n{PASSWORD}\n"
    )
    assert result.exit_code == 0, result.output
    assert "Password" in result.output


def test_create_admin_refuses_weak_passwords_and_existing_addresses(app, runner):
    weak = runner.invoke(
        args=["users", "create-admin", "admin@example.org", "--password-stdin"], input="court\n"
    )
    assert weak.exit_code != 0 and "12 caractères" in weak.output
    with app.app_context():
        make_user(email="pris@example.org")
    taken = runner.invoke(
        args=["users", "create-admin", "pris@example.org", "--password-stdin"], input=PASSWORD + "\n"
    )
    assert taken.exit_code != 0 and "set-role" in taken.output


def test_set_role_with_regions_and_list(app, runner):
    with app.app_context():
        make_user(email="marc.dubois@example.org", first_name="Marc", last_name="Dubois")
    result = runner.invoke(
        args=["users", "set-role", "MARC.DUBOIS@example.org", "moderator", "--region", "44", "--region", "53"]
    )
    assert result.exit_code == 0, result.output
    assert "moderator (Bretagne, Grand Est)" in result.output
    with app.app_context():
        user = db.session.scalar(select(User))
        assert user.role == "moderator"
        assert sorted(r.code for r in user.moderated_regions) == ["44", "53"]
    listing = runner.invoke(args=["users", "list"])
    assert "marc.dubois@example.org" in listing.output
    assert "moderator[53,44]" in listing.output  # régions by name: Bretagne, Grand Est
    assert "Marc Dubois" in listing.output


def test_set_role_errors(app, runner):
    assert "No account" in runner.invoke(args=["users", "set-role", "x@example.org", "admin"]).output
    with app.app_context():
        make_user(email="m@example.org")
    unknown = runner.invoke(args=["users", "set-role", "m@example.org", "moderator", "--region", "99"])
    assert unknown.exit_code != 0 and "Région inconnue" in unknown.output
    bad_role = runner.invoke(args=["users", "set-role", "m@example.org", "roi"])
    assert bad_role.exit_code != 0
    not_mod = runner.invoke(args=["users", "set-role", "m@example.org", "admin", "--region", "44"])
    assert not_mod.exit_code != 0


def test_list_without_accounts(runner):
    assert "No accounts yet." in runner.invoke(args=["users", "list"]).output


def test_purge_applies_the_retention_periods(app, runner):
    from datetime import timedelta

    from pvd_network.core.database import utcnow

    now = utcnow()
    with app.app_context():
        stale = make_user(email="ancien@example.org", last_login_at=now - timedelta(days=3 * 365 + 1)).id
        recent = make_user(email="actif@example.org", last_login_at=now - timedelta(days=30)).id
        never = make_user(email="jamais@example.org", created_at=now - timedelta(days=4 * 365)).id
        dangling = make_user(
            email="oublie@example.org", status="unconfirmed", created_at=now - timedelta(days=8)
        ).id
        fresh = make_user(
            email="nouveau@example.org", status="unconfirmed", created_at=now - timedelta(days=2)
        ).id
    result = runner.invoke(args=["users", "purge"])
    assert result.exit_code == 0, result.output
    assert "2 inactive and 1 unconfirmed accounts erased." in result.output
    with app.app_context():
        status = {uid: db.session.get(User, uid).status for uid in (stale, recent, never, dangling, fresh)}
        assert status == {
            stale: "deleted",
            recent: "active",
            never: "deleted",
            dangling: "deleted",
            fresh: "unconfirmed",
        }
        assert db.session.get(User, stale).email is None
