"""Browsing in a real browser: the listing and its filters, themes, a région, a commune.

Every page visited here is checked by axe-core (autouse fixture of tests/e2e/conftest.py).
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.factories import make_user, make_writeup


@pytest.fixture
def content(app):
    with app.app_context():
        author = make_user(first_name="Claire", last_name="Martin")
        make_writeup(author, title="Une maison de santé à Commercy", commune_insee="55122",
                     themes=["acces-aux-soins", "services-publics"], stage="realise")
        make_writeup(author, title="Des boutiques à l'essai à Commercy", commune_insee="55122",
                     themes=["commerce-centre-ville"], stage="en-cours")
        make_writeup(author, title="Une navette à la demande à Troyes", commune_insee="10387",
                     themes=["mobilite"], stage="realise")
        make_writeup(author, title="Un vélo-bus scolaire à Rennes", commune_insee="35238",
                     themes=["mobilite"], stage="idee")
        make_writeup(author, title="Réservé aux membres à Commercy", commune_insee="55122",
                     themes=["mobilite"], visibility="members")


def card_titles(page) -> list[str]:
    return page.locator(".fr-card__title").all_inner_texts()


def test_listing_filters_without_javascript_needed(page, live_server, content):
    page.goto(live_server("/retours"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Retours d'expérience")
    expect(page.locator("#nombre-retours")).to_have_text("4 retours d'expérience")
    assert "Réservé aux membres à Commercy" not in card_titles(page)
    page.get_by_label("Thématique").select_option("mobilite")
    page.get_by_label("Région").select_option(label="Grand Est")
    page.get_by_role("button", name="Filtrer").click()
    expect(page).to_have_url(re.compile(r"/retours\?theme=mobilite&region=44"))
    expect(page.locator("#nombre-retours")).to_have_text("1 retour d'expérience")
    assert card_titles(page) == ["Une navette à la demande à Troyes"]
    # The form shows what is filtered; "Effacer les filtres" goes back to everything.
    expect(page.get_by_label("Région")).to_have_value("44")
    page.get_by_role("link", name="Effacer les filtres").click()
    expect(page.locator("#nombre-retours")).to_have_text("4 retours d'expérience")
    # A card leads to its write-up.
    page.get_by_role("link", name="Une navette à la demande à Troyes").click()
    expect(page).to_have_url(re.compile(r"/retours/\d+-une-navette-a-la-demande-a-troyes$"))


def test_themes_and_a_theme_page(page, live_server, content):
    page.goto(live_server("/"))
    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Thématiques").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thématiques")
    expect(page.locator(".fr-tile")).to_have_count(12)
    expect(page.locator("#thematique-mobilite")).to_contain_text("2 retours d'expérience")
    page.get_by_role("link", name="Mobilité").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mobilité")
    assert sorted(card_titles(page)) == ["Un vélo-bus scolaire à Rennes", "Une navette à la demande à Troyes"]
    page.get_by_label("Avancement").select_option("idee")
    page.get_by_role("button", name="Filtrer").click()
    assert card_titles(page) == ["Un vélo-bus scolaire à Rennes"]


def test_region_department_and_commune_pages(page, live_server, content):
    page.goto(live_server("/territoires/44"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Grand Est")
    expect(page.locator("#chiffre-retours")).to_have_text("3")
    expect(page.locator("#chiffre-communes")).to_have_text("2")
    page.get_by_role("link", name="Meuse (55)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meuse (55)")
    assert sorted(card_titles(page)) == ["Des boutiques à l'essai à Commercy",
                                         "Une maison de santé à Commercy"]
    page.goto(live_server("/communes/55122"))
    expect(page.get_by_role("heading", name="Retours d'expérience de Commercy")).to_be_visible()
    assert len(card_titles(page)) == 2
    # The breadcrumb leads back to the région.
    page.locator(".fr-breadcrumb").get_by_role("link", name="Grand Est").click()
    expect(page).to_have_url(live_server("/territoires/44"))


def test_members_see_members_only_write_ups_on_a_small_screen(page, live_server, content, app):
    with app.app_context():
        make_user(email="membre@example.org")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server("/connexion"))
    page.locator("#email").fill("membre@example.org")
    page.locator("#password").fill("une phrase de passe solide")
    page.locator("main").get_by_role("button", name="Se connecter").click()
    expect(page.get_by_text("Bienvenue, Camille.")).to_be_visible()
    page.goto(live_server("/retours"))
    expect(page.locator("#nombre-retours")).to_have_text("5 retours d'expérience")
    expect(page.get_by_role("link", name="Réservé aux membres à Commercy")).to_be_visible()
