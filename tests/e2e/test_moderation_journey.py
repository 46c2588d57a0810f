"""Issue 7's journey in a real browser: a member submits; a moderator requests changes (after a
refused empty reason); the member edits and resubmits; the moderator sees what changed and
publishes; the write-up is found by search. Then three members report a comment, it is hidden
automatically, the moderator restores it, and the reporters and the author are told (notifications).
axe-core checks every page (and the pages with errors, reached by POST)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from pvd_network.auth.models import User
from pvd_network.discussions import services as discussions
from pvd_network.extensions import db
from pvd_network.writeups.models import Writeup
from tests.e2e.session import sign_in, sign_out
from tests.factories import make_user, make_writeup

AUTHOR = "claire.martin@commercy.example.fr"
MODERATOR = "marc.dubois@bar-le-duc.example.fr"
REPORTERS = ("lea@example.org", "hugo@example.org", "nina@example.org")
COMMENTER = "ines@example.org"
TITLE = "Une conciergerie rurale dans l'ancienne gare"


def seed(app) -> int:
    """The cast, and the author's complete draft (the editor has its own journey)."""
    with app.app_context():
        author = make_user(email=AUTHOR, first_name="Claire", last_name="Martin")
        make_user(email=MODERATOR, first_name="Marc", last_name="Dubois", role="moderator", regions=("44",))
        for email, name in zip(REPORTERS, ("Léa", "Hugo", "Nina"), strict=True):
            make_user(email=email, first_name=name, last_name="Lecteur")
        make_user(email=COMMENTER, first_name="Inès", last_name="Commentaire")
        draft = make_writeup(author, status="draft", title=TITLE, themes=["services-publics"],
                             summary="Un point de services ouvert trois jours par semaine.",
                             context="La gare était fermée depuis dix ans.",
                             actions="Rénovation du bâtiment voyageurs.")
        return draft.id


def test_review_then_reports_on_a_comment(app, page, live_server, assert_accessible):
    writeup_id = seed(app)

    # The member submits her draft.
    sign_in(page, live_server, AUTHOR)
    page.goto(live_server(f"/retours/{writeup_id}"))
    page.get_by_role("button", name="Soumettre à la relecture").click()
    expect(page.locator(".fr-alert--success")).to_contain_text("soumis à la relecture")
    writeup_url = page.url
    sign_out(page)

    # The moderator sees it waiting (header count), opens it, forgets the reason, then asks for changes.
    sign_in(page, live_server, MODERATOR)
    expect(page.get_by_role("link", name=re.compile(r"Modération\s*1 élément en attente"))).to_be_visible()
    page.get_by_role("link", name=re.compile("^Modération")).first.click()
    tab = page.get_by_role("link", name="Retours à relire 1 en attente")
    expect(tab).to_have_attribute("aria-current", "page")
    expect(page.get_by_text("Première soumission")).to_be_visible()
    page.get_by_role("link", name=re.compile("Relire et décider")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    page.get_by_role("button", name="Demander des modifications").click()
    expect(page.locator("#decision-request_changes-reason-messages")).to_have_text(
        "Indiquez le motif de votre décision : il sera communiqué au membre concerné.")
    assert_accessible(page)
    page.locator("#decision-request_changes-reason").fill("Indiquez le budget et les horaires d'ouverture.")
    page.get_by_role("button", name="Demander des modifications").click()
    expect(page.locator(".fr-alert--success")).to_contain_text("demande de modifications est envoyée")
    sign_out(page)

    # The member reads why in her notifications, edits and submits again.
    sign_in(page, live_server, AUTHOR)
    page.get_by_role("link", name=re.compile("^Notifications")).first.click()
    expect(page.get_by_text("Indiquez le budget et les horaires d'ouverture.").first).to_be_visible()
    page.goto(writeup_url)
    expect(page.get_by_text("Modifications demandées").first).to_be_visible()
    page.get_by_role("link", name="Modifier").first.click()
    page.get_by_label(re.compile("^Résultats")).fill("Ouverte lundi, mercredi et vendredi ; budget 80 000 €.")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    page.goto(writeup_url)
    page.get_by_role("button", name="Soumettre à la relecture").click()
    expect(page.locator(".fr-alert--success")).to_contain_text("soumis à la relecture")
    sign_out(page)

    # The moderator sees what changed since his request, and publishes.
    sign_in(page, live_server, MODERATOR)
    page.goto(live_server("/moderation"))
    expect(page.get_by_text(re.compile("Modifications apportées depuis la demande"))).to_be_visible()
    page.get_by_text("Voir les modifications").click()
    expect(page.locator("ins.pvd-diff__ins").filter(has_text="lundi, mercredi").first).to_be_visible()
    page.get_by_role("link", name=re.compile("Relire et décider")).click()
    page.locator("#decision-publish-reason").fill("Merci pour ces précisions.")
    page.get_by_role("button", name="Publier", exact=True).click()
    expect(page.locator(".fr-alert--success").first).to_contain_text("est publié")
    sign_out(page)

    # Found by search (the index drains when the publishing request ends).
    page.goto(live_server("/recherche?q=conciergerie"))
    expect(page.get_by_role("link", name=TITLE).first).to_be_visible()

    # A comment, then three members report it from the page: it is hidden automatically.
    with app.app_context():
        writeup = db.session.get(Writeup, writeup_id)
        commenter = db.session.scalar(db.select(User).where(User.email == COMMENTER))
        comment = discussions.post_comment(writeup, commenter,
                                           "Achetez mes formations en ligne sur monsite.example !")
        db.session.commit()
        comment_id = comment.id
    for email in REPORTERS:
        sign_in(page, live_server, email)
        page.goto(writeup_url)
        page.locator(f"#commentaire-{comment_id}").get_by_role("link", name=re.compile("^Signaler")).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Signaler un commentaire")
        page.locator("label[for=reason-spam]").click()
        page.get_by_role("button", name="Envoyer le signalement").click()
        expect(page.locator(".fr-alert--success")).to_contain_text("votre signalement est transmis")
        sign_out(page)
    page.goto(writeup_url)
    expect(page.get_by_text("Achetez mes formations")).to_have_count(0)

    # The moderator restores it from the reports tab.
    sign_in(page, live_server, MODERATOR)
    page.goto(live_server("/moderation/signalements"))
    expect(page.get_by_text("Raisons : Spam (3)")).to_be_visible()
    page.get_by_role("link", name=re.compile("Examiner et décider")).click()
    expect(page.get_by_text("Masqué automatiquement après 3 signalements").first).to_be_visible()
    page.locator("#decision-unhide-reason").fill("Lien vérifié : une ressource gratuite.")
    page.get_by_role("button", name="Rétablir le commentaire").click()
    expect(page.locator(".fr-alert--success")).to_contain_text("de nouveau visible")
    page.goto(live_server("/moderation/journal"))
    expect(page.get_by_role("cell", name="Masquage automatique (signalements)")).to_be_visible()
    expect(page.get_by_role("cell", name="Rétablissement")).to_be_visible()
    sign_out(page)
    page.goto(writeup_url)
    expect(page.get_by_text("Achetez mes formations")).to_be_visible()

    # The reporters and the author are told, in their notifications.
    sign_in(page, live_server, REPORTERS[0])
    page.goto(live_server("/notifications"))
    expect(page.get_by_text(re.compile("Après examen de votre signalement, le contenu a été conservé")).first
           ).to_be_visible()
    sign_out(page)
    sign_in(page, live_server, COMMENTER)
    page.goto(live_server("/notifications"))
    told = page.get_by_text(re.compile("masqué automatiquement après plusieurs signalements"))
    expect(told.first).to_be_visible()
    expect(page.get_by_text(re.compile("Votre contenu est de nouveau visible")).first).to_be_visible()
