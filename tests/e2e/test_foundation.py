"""The foundation seen in a real browser: DSFR layout, French, geography pages, errors."""
from __future__ import annotations

import re

from playwright.sync_api import expect


def test_home_page_in_french_with_figures(page, live_server, assert_accessible):
    page.goto(live_server("/"))
    expect(page).to_have_title(re.compile("Accueil — Réseau PVD"))
    assert page.locator("html").get_attribute("lang") == "fr"
    expect(page.locator(".fr-header__service-title")).to_have_text("Réseau PVD")
    expect(page.locator(".fr-header__service-tagline")).to_have_text(
        "La communauté des chefs de projet Petites villes de demain"
    )
    expect(page.locator(".fr-logo").first).to_contain_text("République")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Réseau PVD")
    expect(page.locator("#chiffre-regions")).to_have_text("26")
    # DSFR's script started (it marks the root element once it runs).
    expect(page.locator("html")).to_have_attribute("data-fr-js", "true")
    assert_accessible(page)


def test_skip_links_and_footer_pages(page, live_server):
    page.goto(live_server("/"))
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Contenu")).to_be_focused()
    footer = page.locator("footer")
    for name, heading in (
        ("Accessibilité", "Déclaration d'accessibilité"),
        ("Mentions légales", "Mentions légales"),
        ("Données personnelles", "Données personnelles"),
    ):
        page.goto(live_server("/"))
        footer.get_by_role("link", name=re.compile(name)).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)


def test_commune_page(page, live_server, assert_accessible):
    page.goto(live_server("/communes/55122"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Commercy")
    expect(page.locator("#commune-departement")).to_have_text("Meuse (55)")
    expect(page.locator("#commune-region")).to_have_text("Grand Est")
    expect(page.locator("#commune-population")).to_have_text("5\u202f350 habitants")
    assert_accessible(page)


def test_unknown_page_shows_the_french_404(page, live_server, assert_accessible):
    response = page.goto(live_server("/cette-page-n-existe-pas"))
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page non trouvée")
    assert_accessible(page)


def test_mobile_menu_opens(page, live_server, assert_accessible):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server("/"))
    menu_button = page.locator("#bouton-menu")
    expect(menu_button).to_be_visible()
    menu_button.click()
    dialog = page.locator("#menu-principal")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("link", name="Accueil")).to_be_visible()
    assert_accessible(page)


def test_language_switch_to_english_and_back(page, live_server):
    page.goto(live_server("/communes/55122"))
    page.get_by_role("link", name="English", exact=True).click()
    assert page.url.endswith("/communes/55122")
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.locator("#commune-population")).to_have_text("5,350 inhabitants")
    page.get_by_role("link", name="Français", exact=True).click()
    assert page.locator("html").get_attribute("lang") == "fr"
