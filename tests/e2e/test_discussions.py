"""A member takes part in the discussion under a write-up, in the browser: a comment with a mention
picked from the suggestions, an inline reply, "utile" without reloading, an edit and a deletion."""
from __future__ import annotations

import re

from playwright.sync_api import expect

from pvd_network.auth.models import User
from pvd_network.discussions import services
from pvd_network.extensions import db
from pvd_network.writeups.models import Writeup
from tests.e2e.session import sign_in
from tests.factories import make_user, make_writeup

MEMBER = "bruno.petit@vaucouleurs.example.fr"


def test_a_member_discusses_a_writeup(app, page, live_server, assert_accessible):
    with app.app_context():
        claire = make_user(first_name="Claire", last_name="Martin")
        nadia = make_user(first_name="Nadia", last_name="Benali", commune_insee="10387")
        make_user(email=MEMBER, first_name="Bruno", last_name="Petit")
        writeup = make_writeup(claire, title="Une maison de santé dans l'ancienne gendarmerie")
        services.post_comment(db.session.get(Writeup, writeup.id), db.session.get(User, claire.id),
                              "Le plan de financement est dans les documents joints.")
        db.session.commit()
        url = live_server(f"/retours/{writeup.id}-{writeup.slug}")
        nadia_id = nadia.id

    sign_in(page, live_server, MEMBER)
    page.goto(url)
    discussion = page.locator("#discussion")
    expect(discussion.get_by_role("heading", name="Discussion")).to_be_visible()
    expect(discussion).to_have_attribute("data-enhanced", "true")  # static/js/discussions.js is wired

    # A comment with a mention chosen in the suggestions (keyboard: down arrow, Enter).
    box = page.get_by_label(re.compile("^Votre commentaire"))
    box.press_sequentially("Bonjour @Nad", delay=30)
    suggestions = page.get_by_role("listbox", name="Membres à mentionner")
    expect(suggestions).to_be_visible()
    expect(suggestions.get_by_role("option")).to_have_count(1)
    expect(suggestions.get_by_role("option").first).to_contain_text("Nadia Benali")
    expect(box).to_have_attribute("aria-expanded", "true")
    assert_accessible(page)
    box.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", re.compile(".+"))
    box.press("Enter")
    expect(box).to_have_value("Bonjour @Nadia Benali ")
    expect(box).to_have_attribute("aria-expanded", "false")
    box.press_sequentially("comment avez-vous convaincu les médecins ?", delay=5)
    page.get_by_role("button", name="Publier le commentaire").click()
    expect(page.locator(".fr-alert--success")).to_contain_text("Votre commentaire est publié.")
    mine = discussion.locator("article.pvd-comment").filter(has_text="comment avez-vous convaincu")
    expect(mine.get_by_role("link", name="@Nadia Benali")).to_have_attribute("href", f"/membres/{nadia_id}")
    expect(discussion.locator("#nombre-commentaires")).to_have_text("2 commentaires")

    # An inline reply to Claire's comment (the form opens under her thread).
    claires = discussion.locator("article.pvd-comment").filter(has_text="plan de financement")
    expect(discussion).to_have_attribute("data-enhanced", "true")
    claires.get_by_role("link", name="Répondre à Claire Martin").click()
    reply_form = discussion.locator(".pvd-replies__slot form")
    expect(reply_form.get_by_role("heading", name="Votre réponse à Claire Martin")).to_be_visible()
    reply_box = reply_form.locator("textarea")
    expect(reply_box).to_be_focused()
    assert_accessible(page)
    reply_box.fill("Merci, je les ai trouvés.")
    reply_form.get_by_role("button", name="Publier la réponse").click()
    expect(page.locator(".fr-alert--success")).to_contain_text("Votre réponse est publiée.")
    expect(discussion.locator(".pvd-replies")).to_contain_text("Merci, je les ai trouvés.")

    # "Utile" on Claire's comment: the button toggles in place, and stays pressed after a reload.
    useful = claires.get_by_role("button", name="Utile")
    expect(discussion).to_have_attribute("data-enhanced", "true")
    expect(useful).to_have_attribute("aria-pressed", "false")
    useful.click()
    expect(useful).to_have_attribute("aria-pressed", "true")
    expect(claires.locator("[data-useful-count]")).to_contain_text("1 personne l'a trouvé utile")
    expect(discussion.locator("[data-discussion-status]")).to_have_text(
        "Merci : vous avez indiqué que ce commentaire vous est utile.")
    page.reload()
    expect(claires.get_by_role("button", name="Utile")).to_have_attribute("aria-pressed", "true")

    # Edit my comment: marked "modifié".
    mine.get_by_role("link", name="Modifier votre commentaire").click()
    edit_box = page.get_by_label(re.compile("^Votre commentaire"))
    edit_box.fill("Bonjour @Nadia Benali, comment avez-vous convaincu les trois médecins ?")
    page.get_by_role("button", name="Enregistrer les modifications").click()
    expect(page.locator(".fr-alert--success")).to_contain_text("Votre commentaire est modifié.")
    edited = discussion.locator("article.pvd-comment").filter(has_text="les trois médecins")
    expect(edited.locator(".pvd-comment__edited")).to_contain_text(re.compile(r"modifié le \d+ \w+ \d{4} à"))

    # Delete it, after confirming: it had no reply, so it goes entirely.
    edited.get_by_role("link", name="Supprimer votre commentaire").click()
    page.get_by_role("button", name="Supprimer définitivement").click()
    expect(page.locator(".fr-alert--success")).to_contain_text("Votre commentaire est supprimé.")
    expect(discussion).not_to_contain_text("les trois médecins")
    expect(discussion).to_contain_text("Merci, je les ai trouvés.")
    assert_accessible(page)
