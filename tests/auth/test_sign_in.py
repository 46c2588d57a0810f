"""Signing in and out: remember me, safe redirects, lockout, rate limits, suspended accounts."""

from __future__ import annotations

from datetime import timedelta
from html import unescape

import pytest
from sqlalchemy import select

from pvd_network.auth import throttle
from pvd_network.auth.models import SignInThrottle, User
from pvd_network.core.database import utcnow
from pvd_network.extensions import db
from tests.factories import DEFAULT_PASSWORD, make_user
from tests.helpers import csrf_token, page_token, submit

INVALID = "Adresse électronique ou mot de passe incorrect."
LOCKED = "Trop de tentatives de connexion ont échoué avec cette adresse."


@pytest.fixture
def member(app):
    with app.app_context():
        user = make_user(email="claire.martin@commercy.example.fr", first_name="Claire")
        return user.id


def sign_in(client, email, password=DEFAULT_PASSWORD, **extra):
    return submit(client, "/connexion", {"email": email, "password": password, **extra})


def test_sign_in_then_out(app, client, member):
    response = sign_in(client, " Claire.Martin@commercy.example.fr ")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    home = client.get("/").get_data(as_text=True)
    assert "Bienvenue, Claire." in home and "Se déconnecter" in home and "Mon compte" in home
    assert client.get("/compte").status_code == 200
    with app.app_context():
        assert db.session.get(User, member).last_login_at is not None
    # Signing out is a POST with the CSRF token; a GET is refused.
    assert client.get("/deconnexion").status_code == 405
    response = client.post("/deconnexion", data={"csrf_token": page_token(client)})
    assert response.status_code == 302
    assert client.get("/compte").status_code == 302
    assert "Se connecter" in client.get("/").get_data(as_text=True)


def test_logout_without_csrf_token_is_refused(client, member):
    sign_in(client, "claire.martin@commercy.example.fr")
    assert client.post("/deconnexion").status_code == 400
    assert client.get("/compte").status_code == 200


def test_remember_me_sets_a_30_day_cookie_only_when_asked(client, member):
    sign_in(client, "claire.martin@commercy.example.fr")
    assert client.get_cookie("remember_token") is None
    client.post("/deconnexion", data={"csrf_token": page_token(client)})
    sign_in(client, "claire.martin@commercy.example.fr", remember="y")
    cookie = client.get_cookie("remember_token")
    assert cookie is not None and cookie.http_only
    assert timedelta(days=29) < cookie.expires - utcnow() <= timedelta(days=30, minutes=1)
    # The remember cookie alone brings the member back.
    client.delete_cookie("session")
    assert client.get("/compte").status_code == 200


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ("/membres", "/membres"),
        ("/compte?onglet=1", "/compte?onglet=1"),
        ("https://evil.example/", "/"),
        ("//evil.example/", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
    ],
)
def test_next_redirects_stay_on_this_site(client, member, next_url, expected):
    page = client.get("/connexion", query_string={"next": next_url})
    response = client.post(
        "/connexion",
        data={
            "csrf_token": csrf_token(page.data),
            "email": "claire.martin@commercy.example.fr",
            "password": DEFAULT_PASSWORD,
            "next": next_url,
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"] == expected


def test_a_protected_page_sends_to_sign_in_and_back(client, member):
    response = client.get("/membres")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/connexion?next=")
    page = client.get(response.headers["Location"])
    assert 'value="/membres"' in page.get_data(as_text=True)
    response = client.post(
        "/connexion",
        data={
            "csrf_token": csrf_token(page.data),
            "email": "claire.martin@commercy.example.fr",
            "password": DEFAULT_PASSWORD,
            "next": "/membres",
        },
    )
    assert response.headers["Location"] == "/membres"


def test_wrong_password_and_unknown_address_get_the_same_answer(client, member):
    wrong = sign_in(client, "claire.martin@commercy.example.fr", "pas le bon mot de passe")
    unknown = sign_in(client, "personne@example.org", "pas le bon mot de passe")
    for response in (wrong, unknown):
        assert response.status_code == 422
        assert INVALID in response.get_data(as_text=True)
    # The typed address is kept, the password is not.
    assert 'value="personne@example.org"' in unknown.get_data(as_text=True)


@pytest.mark.parametrize("email", ["claire.martin@commercy.example.fr", "personne@example.org"])
def test_five_failures_lock_the_address_for_15_minutes_whether_it_exists_or_not(app, client, member, email):
    for _attempt in range(4):
        assert INVALID in sign_in(client, email, "mauvais mot de passe").get_data(as_text=True)
    fifth = sign_in(client, email, "mauvais mot de passe")
    assert fifth.status_code == 429
    assert LOCKED in fifth.get_data(as_text=True)
    # Even the right password is refused during the lockout, with the same message.
    right = sign_in(client, email)
    assert right.status_code == 429 and LOCKED in right.get_data(as_text=True)
    assert client.get("/compte").status_code == 302
    # The table holds keyed hashes, never the addresses typed.
    with app.app_context():
        keys = db.session.scalars(select(SignInThrottle.key)).all()
        assert keys and all(email not in key and len(key) == 64 for key in keys)


def test_the_lockout_ends_after_15_minutes(app, client, member):
    with app.app_context():
        start = utcnow() - timedelta(minutes=20)
        for _ in range(5):
            throttle.record_failure("claire.martin@commercy.example.fr", now=start)
        db.session.commit()
        assert throttle.locked_until("claire.martin@commercy.example.fr", now=start + timedelta(minutes=14))
        assert throttle.locked_until("claire.martin@commercy.example.fr") is None
    assert sign_in(client, "claire.martin@commercy.example.fr").status_code == 302


def test_failures_spread_over_more_than_15_minutes_do_not_lock(app, member):
    with app.app_context():
        start = utcnow() - timedelta(hours=1)
        for minutes in (0, 5, 10, 16, 20, 25):
            locked = throttle.record_failure(
                "claire.martin@commercy.example.fr", now=start + timedelta(minutes=minutes)
            )
            assert not locked
        db.session.commit()


def test_a_success_clears_the_failures(app, client, member):
    for _ in range(4):
        sign_in(client, "claire.martin@commercy.example.fr", "mauvais mot de passe")
    assert sign_in(client, "claire.martin@commercy.example.fr").status_code == 302
    client.post("/deconnexion", data={"csrf_token": page_token(client)})
    for _ in range(4):
        assert sign_in(client, "claire.martin@commercy.example.fr", "mauvais").status_code == 422


def test_suspended_members_cannot_sign_in_and_are_told_why(app, client):
    with app.app_context():
        make_user(email="suspendu@example.org", status="suspended", status_reason="Démarchage commercial.")
    response = sign_in(client, "suspendu@example.org")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Votre compte est suspendu. Motif : Démarchage commercial." in html
    assert client.get("/compte").status_code == 302
    # A wrong password tells nothing about the account.
    assert "Motif" not in sign_in(client, "suspendu@example.org", "mauvais").get_data(as_text=True)


def test_refused_accounts_are_told_why(app, client):
    with app.app_context():
        make_user(email="refuse@example.org", status="refused", status_reason="Hors programme.")
    html = unescape(sign_in(client, "refuse@example.org").get_data(as_text=True))
    assert "Votre inscription n'a pas été validée. Motif : Hors programme." in html


def test_a_session_ends_when_the_account_is_suspended(app, client, member):
    sign_in(client, "claire.martin@commercy.example.fr")
    assert client.get("/compte").status_code == 200
    with app.app_context():
        db.session.get(User, member).status = "suspended"
        db.session.commit()
    assert client.get("/compte").status_code == 302


@pytest.mark.parametrize("field", ["email", "password"])
def test_empty_and_huge_sign_in_fields(client, member, field):
    for value in ("", "x" * 10_000):
        data = {"email": "claire.martin@commercy.example.fr", "password": DEFAULT_PASSWORD, field: value}
        response = submit(client, "/connexion", data)
        assert response.status_code == 422
        assert "fr-message--error" in response.get_data(as_text=True)


class TestRateLimits:
    @pytest.fixture
    def app_config(self):
        return {
            "RATELIMIT_ENABLED": True,
            "RATELIMIT_SIGN_IN": "3 per minute",
            "RATELIMIT_REGISTER": "2 per hour",
            "RATELIMIT_PASSWORD_RESET": "2 per hour",
        }

    def test_sign_in_is_limited_per_ip(self, client, member):
        token = page_token(client, "/connexion")
        data = {"csrf_token": token, "email": "a@example.org", "password": "x"}
        statuses = [client.post("/connexion", data=data).status_code for _ in range(4)]
        assert statuses == [422, 422, 422, 429]
        response = client.post("/connexion", data=data)
        assert "Trop de requêtes" in response.get_data(as_text=True)
        # Another address (another client IP) is not affected; GET is never limited.
        other = client.post("/connexion", data=data, environ_base={"REMOTE_ADDR": "10.1.2.3"})
        assert other.status_code == 422
        assert client.get("/connexion").status_code == 200

    def test_registration_is_limited_per_ip(self, client):
        token = page_token(client, "/inscription")
        statuses = [client.post("/inscription", data={"csrf_token": token}).status_code for _ in range(3)]
        assert statuses == [422, 422, 429]

    def test_reset_and_new_links_share_one_limit(self, client):
        token = page_token(client, "/mot-de-passe-oublie")
        data = {"csrf_token": token, "email": "personne@example.org"}
        assert client.post("/mot-de-passe-oublie", data=data).status_code == 302
        assert client.post("/inscription/nouveau-lien", data=data).status_code == 302
        assert client.post("/mot-de-passe-oublie", data=data).status_code == 429
