"""Accounts in a real browser, with a real SMTP server: register, confirm, sign in, profile, data, reset."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.factories import make_user
from tests.helpers import mail_links

PASSWORD = "le chat de la mairie dort"
NEW_PASSWORD = "trois tilleuls sur la place"
EMAIL = "claire.martin@commercy.example.fr"
BIO = "Je coordonne **l'OPAH-RU** de Commercy."


@pytest.fixture
def app_config(smtp_server):
    port, _mailbox = smtp_server
    return {"MAIL_SERVER": "127.0.0.1", "MAIL_PORT": port}


def link_in(message, fragment: str) -> str:
    return next(link for link in mail_links(message) if fragment in link)


def test_register_confirm_sign_in_edit_profile_download_data_sign_out(
    page, live_server, smtp_server, assert_accessible
):
    _port, mailbox = smtp_server
    page.goto(live_server("/"))
    page.get_by_role("link", name="Créer un compte").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Créer un compte")
    assert_accessible(page)

    page.get_by_label(re.compile("^Prénom")).fill("Claire")
    page.get_by_label(re.compile(r"^Nom\b")).fill("Martin")
    page.get_by_label(re.compile("^Adresse électronique professionnelle")).fill(EMAIL)
    page.locator("#password").fill(PASSWORD)
    page.locator("#password_confirm").fill(PASSWORD)
    commune = page.get_by_label(re.compile("^Commune"))
    commune.press_sequentially("Commer", delay=30)
    # The suggestions come from /api/v1/communes (Commercy and Commer share the prefix).
    expect(page.locator("#commune-suggestions option")).to_have_count(2)
    assert "Commercy (55122)" in page.locator("#commune-suggestions option").evaluate_all(
        "options => options.map(o => o.value)"
    )
    commune.fill("Commercy (55122)")
    # DSFR radios and checkboxes are operated through their labels, as people do.
    page.locator("label", has_text="Chef·fe de projet PVD").click()
    page.get_by_label(re.compile("^Organisation")).fill("Communauté de communes Commercy-Void-Vaucouleurs")
    page.locator("label", has_text="J'accepte les conditions générales").click()
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérifiez vos courriels")
    assert_accessible(page)

    [message] = mailbox.wait_for(1)
    assert message["To"] == "claire.martin@commercy.example.fr"
    page.goto(link_in(message, "/inscription/confirmer/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirmer mon adresse électronique")
    assert_accessible(page)
    page.get_by_role("button", name="Confirmer mon adresse").click()
    expect(page.get_by_text("Votre adresse électronique est confirmée.")).to_be_visible()
    assert_accessible(page)

    page.get_by_label(re.compile("^Adresse électronique")).fill("claire.martin@commercy.example.fr")
    page.locator("#password").fill(PASSWORD)
    page.locator("label", has_text="Se souvenir de moi").click()
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_text("Bienvenue, Claire.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Mon compte").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon compte")
    assert_accessible(page)
    page.get_by_role("link", name="Mon profil").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Modifier mon profil")
    assert_accessible(page)
    page.get_by_role("textbox", name=re.compile("^Présentation")).fill(BIO)
    page.get_by_role("button", name="Enregistrer mon profil").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Claire Martin")
    expect(page.locator(".pvd-prose strong")).to_have_text("l'OPAH-RU")
    expect(page.locator("#profil-departement")).to_have_text("Meuse (55)")
    expect(page.locator("#profil-region")).to_have_text("Grand Est")
    assert_accessible(page)

    page.get_by_role("link", name="Mon compte").first.click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger mes données (JSON)").click()
    download = download_info.value
    assert download.suggested_filename == "reseau-pvd-mes-donnees.json"
    data = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert data["account"]["email"] == "claire.martin@commercy.example.fr"
    assert data["account"]["bio_markdown"] == BIO

    page.get_by_role("button", name="Se déconnecter").click()
    expect(page.get_by_text("Vous êtes déconnecté·e.")).to_be_visible()
    expect(page.get_by_role("link", name="Se connecter")).to_be_visible()
    assert_accessible(page)


def test_forgotten_password_through_the_mailed_link(app, page, live_server, smtp_server, assert_accessible):
    _port, mailbox = smtp_server
    with app.app_context():
        make_user(email="thomas.lefevre@issoire.example.fr", first_name="Thomas", password=PASSWORD)
    page.goto(live_server("/connexion"))
    page.get_by_role("link", name="Mot de passe oublié ?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mot de passe oublié")
    assert_accessible(page)
    page.get_by_label(re.compile("^Adresse électronique")).fill("thomas.lefevre@issoire.example.fr")
    page.get_by_role("button", name="Recevoir un lien").click()
    expect(page.get_by_text(re.compile("Il est valable 1 heure"))).to_be_visible()
    assert_accessible(page)

    [message] = mailbox.wait_for(1)
    page.goto(link_in(message, "/mot-de-passe-oublie/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Choisir un nouveau mot de passe")
    assert_accessible(page)
    page.locator("#password").fill("court")
    page.locator("#password_confirm").fill("court")
    page.get_by_role("button", name="Enregistrer le mot de passe").click()
    expect(page.locator("#password-messages")).to_contain_text("au moins 12 caractères")
    assert_accessible(page)
    page.locator("#password").fill(NEW_PASSWORD)
    page.locator("#password_confirm").fill(NEW_PASSWORD)
    # DSFR's "Afficher" toggle reveals what was typed.
    expect(page.locator("#password")).to_have_attribute("type", "password")
    page.locator("label[for=password-show]").click()
    expect(page.locator("#password")).to_have_attribute("type", "text")
    page.get_by_role("button", name="Enregistrer le mot de passe").click()
    expect(page.get_by_text("Votre mot de passe a été modifié. Vous pouvez vous connecter.")).to_be_visible()

    page.get_by_label(re.compile("^Adresse électronique")).fill("thomas.lefevre@issoire.example.fr")
    page.locator("#password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_text("Bienvenue, Thomas.")).to_be_visible()
    assert_accessible(page)
