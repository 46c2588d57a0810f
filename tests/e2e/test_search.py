"""Search in a real browser: the header box with title suggestions, results, a facet, saving the
search, running it again from the account page and deleting it (axe-core on every page)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect

from pvd_network.extensions import db
from tests.e2e.session import sign_in
from tests.factories import make_user, make_writeup

EMAIL = "claire.martin@commercy.example.fr"


def seed(app) -> None:
    """Write-ups in two régions and two themes; the index is built when the context ends."""
    with app.app_context():
        author = make_user(email=EMAIL, first_name="Claire", last_name="Martin")
        make_writeup(
            author,
            title="Une maison de santé pluridisciplinaire",
            themes=["acces-aux-soins"],
            summary="Six médecins réunis dans une maison de santé.",
        )
        make_writeup(
            author,
            title="Maison de santé et internes en médecine",
            themes=["acces-aux-soins"],
            summary="La maison de santé accueille des internes.",
            commune_insee="29019",
        )
        make_writeup(
            author,
            title="Une maison des associations",
            themes=["services-publics"],
            summary="Une maison pour les associations du bourg.",
        )
        make_writeup(
            author,
            title="Maison <img src=x onerror=alert(1)> piégée",
            themes=["services-publics"],
            summary="<script>alert(2)</script> une maison.",
        )
        db.session.commit()


def test_search_from_the_header_filter_save_and_run_again(app, page, live_server, assert_accessible):
    seed(app)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sign_in(page, live_server, EMAIL)

    # Title suggestions as you type in the header box (an ARIA combobox).
    box = page.locator("#recherche-entete-q")
    expect(box).to_have_attribute("role", "combobox")
    box.press_sequentially("maison de sa", delay=40)
    options = page.locator("#recherche-entete-q-suggestions [role=option]")
    expect(options).to_have_count(2)
    expect(box).to_have_attribute("aria-expanded", "true")
    assert set(options.all_inner_texts()) == {
        "Une maison de santé pluridisciplinaire",
        "Maison de santé et internes en médecine",
    }
    expect(page.get_by_role("status").filter(has_text="2 suggestions")).to_have_count(1)
    assert_accessible(page)
    box.press("ArrowDown")
    expect(options.first).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", "recherche-entete-q-suggestions-0")
    box.press("Escape")
    expect(box).to_have_attribute("aria-expanded", "false")

    # A hostile title is shown as text in the suggestions.
    box.fill("")
    box.press_sequentially("piég", delay=40)
    expect(options).to_have_count(1)
    expect(options.first).to_have_text("Maison <img src=x onerror=alert(1)> piégée")
    expect(page.locator("#recherche-entete-q-suggestions img")).to_have_count(0)

    # Enter without choosing a suggestion: the results page.
    box.fill("maison")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/recherche\?q=maison$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Rechercher un retour d'expérience")
    expect(page.locator("#nombre-resultats")).to_have_text("4 retours d'expérience")
    expect(page.locator("#resultats mark").first).to_be_visible()
    expect(page.locator("#resultats img")).to_have_count(0)

    # Tick a facet, then "Filtrer": the URL carries the query and the facet.
    page.locator("label[for=filtre-theme-acces-aux-soins]").click()
    page.get_by_role("button", name="Filtrer").click()
    expect(page.locator("#nombre-resultats")).to_have_text("2 retours d'expérience")
    query = parse_qs(urlsplit(page.url).query)
    assert (query["q"], query["theme"], query.get("sort", ["relevance"])) == (
        ["maison"],
        ["acces-aux-soins"],
        ["relevance"],
    )
    expect(page.locator("#filtre-theme-acces-aux-soins")).to_be_checked()
    page.locator("label[for=filtre-region-53]").click()
    page.get_by_role("button", name="Filtrer").click()
    expect(page.locator("#nombre-resultats")).to_have_text("1 retour d'expérience")
    expect(page.locator("#resultats h3")).to_have_text("Maison de santé et internes en médecine")

    # Sort by date with the select and its button (no script needed).
    page.get_by_label("Trier par").select_option("date")
    page.get_by_role("button", name="Trier", exact=True).click()
    assert parse_qs(urlsplit(page.url).query)["sort"] == ["date"]

    # Save it.
    page.get_by_label(re.compile("^Nom de la recherche")).fill("Maisons de santé en Bretagne")
    page.get_by_role("button", name="Enregistrer cette recherche").click()
    expect(page.get_by_text("Recherche enregistrée : « Maisons de santé en Bretagne ».")).to_be_visible()
    assert_accessible(page)

    # On the account page: run it again, then delete it.
    page.goto(live_server("/compte"))
    saved = page.locator("#recherches-enregistrees")
    expect(saved.get_by_role("link", name="Maisons de santé en Bretagne")).to_be_visible()
    saved.get_by_role("link", name="Maisons de santé en Bretagne").click()
    expect(page.locator("#nombre-resultats")).to_have_text("1 retour d'expérience")
    expect(page.locator("#filtre-region-53")).to_be_checked()
    page.goto(live_server("/compte"))
    page.locator("#recherches-enregistrees").get_by_role("button", name=re.compile("^Supprimer")).click()
    expect(page.get_by_text("La recherche « Maisons de santé en Bretagne » a été supprimée.")).to_be_visible()
    expect(page.locator("#recherches-enregistrees")).to_contain_text(
        "Vous n'avez pas encore enregistré de recherche."
    )
    assert_accessible(page)

    # A suggestion chosen with the keyboard opens the write-up, with its similar write-ups.
    box = page.locator("#recherche-entete-q")
    box.press_sequentially("internes", delay=40)
    expect(options).to_have_count(1)
    box.press("ArrowDown")
    box.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Maison de santé et internes en médecine")
    expect(page.locator("#titre-similaires")).to_have_text("Retours similaires")
    expect(
        page.locator(".pvd-similar").get_by_role("link", name="Une maison de santé pluridisciplinaire")
    ).to_be_visible()
    assert dialogs == []


def test_on_a_large_index_similar_write_ups_arrive_after_the_page(app, page, live_server, assert_accessible):
    seed(app)
    app.config["SEARCH_SIMILAR_INLINE_MAX_DOCS"] = 0  # any index counts as large
    page.goto(live_server("/recherche?q=internes"))
    page.get_by_role("link", name="Maison de santé et internes en médecine").click()
    block = page.locator(".pvd-similar")
    # Filled by similar.js from the fragment: the placeholder's link is gone.
    expect(block.get_by_role("link", name="Une maison de santé pluridisciplinaire")).to_be_visible()
    expect(block.get_by_role("link", name="Voir les retours similaires")).to_have_count(0)
    expect(page.locator("#titre-similaires")).to_have_count(1)
    assert_accessible(page)
