"""The write-up editor in a real browser: live preview from the server, leave-page warning, draft, submit."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.session import sign_in
from tests.factories import make_user

EMAIL = "claire.martin@commercy.example.fr"
TITLE = "Une boutique à l'essai rue Raymond-Poincaré"


def test_write_with_the_live_preview_save_a_draft_then_submit(app, page, live_server, assert_accessible):
    with app.app_context():
        make_user(email=EMAIL, first_name="Claire", last_name="Martin")
    sign_in(page, live_server, EMAIL)

    page.goto(live_server("/mes-retours"))
    assert_accessible(page)
    page.get_by_role("link", name="Rédiger un retour").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rédiger un retour d'expérience")
    expect(page.get_by_label(re.compile("^Commune concernée"))).to_have_value("Commercy (55122)")
    assert_accessible(page)

    page.get_by_label(re.compile("^Titre")).fill(TITLE)
    page.get_by_label(re.compile("^Chapô")).fill("La commune loue un local vacant à un commerçant.")
    page.locator("label", has_text="Commerce de centre-ville").click()

    # Live preview: rendered by the server's sanitiser as the member types.
    preview = page.locator("#context-apercu [data-preview-body]")
    expect(preview).to_have_text("Rien à afficher pour l'instant.")
    page.get_by_label(re.compile("^Contexte")).press_sequentially(
        "Douze cellules **vides** <script>window.pwned = 1</script> [lien](javascript:alert(1))", delay=5)
    expect(preview.locator("strong")).to_have_text("vides")
    expect(preview.locator("script")).to_have_count(0)
    expect(preview.locator("a")).to_have_count(0)
    assert page.evaluate("window.pwned === undefined")
    page.get_by_label(re.compile("^Actions menées")).fill("1. Achat du local\n2. Appel à candidatures")
    expect(page.locator("#actions-apercu ol li")).to_have_count(2)
    assert_accessible(page)

    # Leaving with unsaved changes asks first; staying keeps the text.
    dialogs = []

    def stay(dialog) -> None:
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", stay)
    page.get_by_role("link", name="Mes retours").first.click()
    page.wait_for_timeout(300)
    assert dialogs == ["beforeunload"]
    expect(page.get_by_label(re.compile("^Titre"))).to_have_value(TITLE)
    page.remove_listener("dialog", stay)

    # Save the draft: no warning when the form itself is sent.
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.locator(".fr-alert--success")).to_contain_text("Votre brouillon est enregistré.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Modifier mon retour d'expérience")
    expect(page.locator("#context-apercu [data-preview-body] strong")).to_have_text("vides")
    assert_accessible(page)

    # Submit it.
    page.get_by_role("button", name="Soumettre à la relecture").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator(".fr-alert--success")).to_contain_text("soumis à la relecture")
    expect(page.locator(".fr-alert__title")).to_have_text("En attente de relecture")
    assert_accessible(page)

    page.goto(live_server("/mes-retours"))
    expect(page.get_by_role("heading", name=re.compile("En attente de relecture"))).to_be_visible()
    expect(page.get_by_role("link", name=TITLE, exact=True)).to_be_visible()
    assert_accessible(page)
