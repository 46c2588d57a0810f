"""Registration: every field validated in French beside it, values kept, never a 500."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from pvd_network.auth.models import STATUS_UNCONFIRMED, User
from pvd_network.extensions import db
from tests.factories import make_user
from tests.helpers import field_errors, input_value, submit


def register(client, data):
    return submit(client, "/inscription", data)


def count_users(app) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(User))


def test_registration_creates_an_unconfirmed_account_and_writes_the_mail(app, client, registration):
    response = register(client, registration)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/inscription/verifiez-vos-courriels")
    assert "Vérifiez vos courriels" in client.get(response.headers["Location"]).get_data(as_text=True)
    with app.app_context():
        user = db.session.scalar(select(User))
        assert user.email == "claire.martin@commercy.example.fr"
        assert user.status == STATUS_UNCONFIRMED
        assert user.commune_insee == "55122"
        assert user.function == "chef-projet"
        assert user.password_hash and registration["password"] not in user.password_hash
        assert user.terms_accepted_at is not None
    # No SMTP server configured: the message is written to <instance>/mail/ as an .eml file.
    files = list((Path(app.instance_path) / "mail").glob("*.eml"))
    assert len(files) == 1
    content = files[0].read_bytes().decode()
    assert "claire.martin@commercy.example.fr" in content
    assert "/inscription/confirmer/" in content


def test_signed_in_members_are_sent_to_their_account(client, login_as):
    login_as("member")
    assert client.get("/inscription").headers["Location"].endswith("/compte")


@pytest.mark.parametrize(
    "field",
    [
        "first_name",
        "last_name",
        "email",
        "password",
        "password_confirm",
        "commune",
        "function",
        "organisation",
        "accept_terms",
    ],
)
def test_each_empty_field_is_refused_beside_it_and_the_rest_kept(app, client, registration, field):
    data = {k: v for k, v in registration.items() if k != field}
    response = register(client, data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert field_errors(html, field), f"no message beside {field}"
    assert "Le formulaire contient des erreurs" in html
    for kept in ("first_name", "last_name", "email", "organisation"):
        if kept != field:
            assert input_value(html, kept) == registration[kept]
    assert count_users(app) == 0


@pytest.mark.parametrize("field", ["first_name", "last_name", "email", "organisation", "commune", "password"])
def test_ten_thousand_characters_are_refused_without_a_500(app, client, registration, field):
    data = dict(registration, **{field: "x" * 10_000})
    if field == "password":
        data["password_confirm"] = data["password"]
    response = register(client, data)
    assert response.status_code == 422
    errors = field_errors(response.get_data(as_text=True), field)
    assert any("ne doit pas dépasser" in e for e in errors), errors
    assert count_users(app) == 0


@pytest.mark.parametrize(
    "email", ["claire", "claire@", "@mairie.fr", "claire martin@mairie.fr", "claire@@x.fr"]
)
def test_malformed_email(client, registration, email):
    response = register(client, dict(registration, email=email))
    assert response.status_code == 422
    assert field_errors(response.data, "email") == [
        "Saisissez une adresse électronique valide, par exemple prenom.nom@mairie.fr."
    ]
    assert input_value(response.data, "email") == email.strip()


@pytest.mark.parametrize(
    "typed", ["Claire.Martin@Commercy.example.fr", "  claire.martin@commercy.example.fr  "]
)
def test_duplicate_email_ignores_case_and_surrounding_spaces(app, client, registration, typed):
    with app.app_context():
        make_user(email="claire.martin@commercy.example.fr")
    response = register(client, dict(registration, email=typed))
    assert response.status_code == 422
    assert field_errors(response.data, "email") == ["Un compte existe déjà avec cette adresse électronique."]
    assert input_value(response.data, "first_name") == "Claire"
    assert count_users(app) == 1


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("court123", "Le mot de passe doit contenir au moins 12 caractères."),
        ("aaaaaaaaaaaaaaa", "Ce mot de passe est trop courant ou trop simple"),
        ("azertyuiop12", "Ce mot de passe est trop courant ou trop simple"),
        ("martin-commercy-2024", "Le mot de passe ne doit pas contenir votre nom"),
        ("claire.martin@ok!", "Le mot de passe ne doit pas contenir votre nom"),
    ],
)
def test_weak_passwords(client, registration, password, message):
    response = register(client, dict(registration, password=password, password_confirm=password))
    assert response.status_code == 422
    errors = field_errors(response.data, "password")
    assert errors and errors[0].startswith(message), errors


def test_mismatched_passwords(client, registration):
    response = register(client, dict(registration, password_confirm=registration["password"] + "!"))
    assert response.status_code == 422
    assert field_errors(response.data, "password_confirm") == [
        "Les deux mots de passe ne sont pas identiques."
    ]
    assert field_errors(response.data, "password") == []


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("Atlantide", "Aucune commune ne correspond à « Atlantide »"),
        ("99999", "Aucune commune ne correspond à « 99999 »"),
        ("Sainte-Croix", "Plusieurs communes correspondent à « Sainte-Croix »"),
        ("Commune (99999)", "Aucune commune ne porte le code Insee 99999."),
        ("---", "Saisissez au moins une lettre"),
    ],
)
def test_unknown_or_ambiguous_commune(app, client, registration, typed, message):
    response = register(client, dict(registration, commune=typed))
    assert response.status_code == 422
    errors = field_errors(response.data, "commune")
    assert errors and errors[0].startswith(message), errors
    assert input_value(response.data, "commune") == typed
    assert count_users(app) == 0


@pytest.mark.parametrize(
    ("typed", "insee"),
    [
        ("55122", "55122"),  # INSEE code
        ("55200", "55122"),  # postal code of one commune only
        ("commercy", "55122"),  # name, any case
        ("Commer", "53072"),  # a name that is also the start of another one
        ("Saint-Étienne-du-Bois", "01350"),
        ("2A004", "2A004"),
    ],
)
def test_commune_typed_without_javascript(app, client, registration, typed, insee):
    response = register(client, dict(registration, commune=typed))
    assert response.status_code == 302, field_errors(response.data, "commune")
    with app.app_context():
        assert db.session.scalar(select(User.commune_insee)) == insee


def test_unknown_function_is_refused(client, registration):
    response = register(client, dict(registration, function="astronaute"))
    assert response.status_code == 422
    assert field_errors(response.data, "function") == ["Choisissez une valeur dans la liste."]


def test_terms_must_be_accepted(client, registration):
    data = dict(registration)
    del data["accept_terms"]
    response = register(client, data)
    assert response.status_code == 422
    assert field_errors(response.data, "accept_terms") == [
        "Vous devez accepter les conditions générales d'utilisation."
    ]


def test_missing_csrf_token_is_a_400_not_a_500(client, registration):
    response = client.post("/inscription", data=registration)
    assert response.status_code == 400
    assert "jeton de sécurité" in response.get_data(as_text=True)
